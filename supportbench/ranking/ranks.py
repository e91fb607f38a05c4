"""Vendors ranked under one standard, with intervals, censoring-aware times and ties.

Pure: per vendor, the probes' judged results (`scoring.judge`) in; one
`VendorRanking` per vendor out, best first.

- Response rate: human replies among decided probes (answered, or unanswered for the
  standard's response window), with a 95% Wilson interval. Pending probes wait.
- Median and 90th percentile time to the first human reply: Kaplan-Meier, with
  unanswered probes censored at the time watched; null when never reached.
- Score 0-100: the mean of the probes' weighted scores; grade A-F from it.
- Two vendors tie when their scores differ by less than their combined 95%
  margin; tied vendors share a rank. Vendors with fewer decided probes than the
  standard's minimum are provisional.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import NotRequired

from supportbench.config.standards import Standard
from supportbench.judging.records import Outcome, Verdict
from supportbench.ranking.statistics import (
    Z_95,
    SurvivalStep,
    kaplan_meier,
    km_quantile,
    mean_interval,
    wilson_interval,
)

GRADES = ((85.0, "A"), (70.0, "B"), (55.0, "C"), (40.0, "D"), (0.0, "F"))


class ProbeOutcome(Outcome):
    """One probe under one standard as ranking reads it: a judgement's outcome, score and (when
    per-criterion pass rates are wanted) criteria in one flat record, as the store keeps them."""

    vendor_id: str
    score: float | None
    criteria: NotRequired[dict[str, Verdict]]


@dataclass(frozen=True)
class VendorResults:
    vendor_id: str
    name: str
    results: Sequence[ProbeOutcome]


@dataclass
class VendorRanking:
    vendor: str
    name: str
    probes: int
    decided: int
    pending: int
    response_rate: float | None
    response_rate_ci: tuple[float, float] | None
    median_hours: float | None
    p90_hours: float | None
    median_business_hours: float | None
    p90_business_hours: float | None
    within_deadline: float | None
    completeness: float | None
    etiquette: float | None
    criteria: dict[str, float | None]  # pass rate of each of the standard's criteria
    score: float | None
    score_margin: float | None
    grade: str | None
    provisional: bool
    rank: int | None = None
    tied: bool = False
    curve: list[SurvivalStep] = field(default_factory=list, repr=False)
    business_curve: list[SurvivalStep] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, object]:
        """The JSON row of `report --format json`."""
        row = {key: value for key, value in vars(self).items() if key not in ("curve", "business_curve")}
        row["response_rate_ci"] = list(self.response_rate_ci) if self.response_rate_ci else None
        return row


def grade(score: float | None) -> str | None:
    if score is None:
        return None
    return next(letter for threshold, letter in GRADES if score >= threshold)


def summarise(vendor: VendorResults, standard: Standard) -> VendorRanking:
    """One vendor's row. `vendor.results` are flat outcomes (`ProbeOutcome`);
    per-criterion pass rates need their `criteria`, which the leaderboard can do without."""
    outcomes = vendor.results
    decided = [outcome for outcome in outcomes if outcome["decided"]]
    answered = sum(bool(outcome["replied"]) for outcome in decided)
    curve = kaplan_meier([o["hours"] for o in outcomes], [bool(o["replied"]) for o in outcomes])
    business_curve = kaplan_meier([o["business_hours"] for o in outcomes], [bool(o["replied"]) for o in outcomes])
    deadline = [bool(o["within_deadline"]) for o in outcomes if o["within_deadline"] is not None]
    completeness = [o["completeness"] for o in outcomes if o["completeness"] is not None]
    per_criterion = (
        {name: _pass_rate(outcomes, name) for name in standard.weights}
        if all("criteria" in o for o in outcomes)
        else {}
    )
    judged = sum(o["etiquette_judged"] or 0 for o in outcomes)
    passed = sum(o["etiquette_passed"] or 0 for o in outcomes)
    scores = [o["score"] for o in outcomes if o["score"] is not None and o["decided"]]
    score = mean_interval([100 * s for s in scores])
    return VendorRanking(
        vendor=vendor.vendor_id,
        name=vendor.name,
        probes=len(outcomes),
        decided=len(decided),
        pending=len(outcomes) - len(decided),
        response_rate=answered / len(decided) if decided else None,
        response_rate_ci=wilson_interval(answered, len(decided)),
        median_hours=km_quantile(curve, 0.5),
        p90_hours=km_quantile(curve, 0.9),
        median_business_hours=km_quantile(business_curve, 0.5),
        p90_business_hours=km_quantile(business_curve, 0.9),
        within_deadline=sum(deadline) / len(deadline) if deadline else None,
        completeness=sum(completeness) / len(completeness) if completeness else None,
        etiquette=passed / judged if judged else None,
        criteria=per_criterion,
        score=round(score[0], 1) if score else None,
        score_margin=round(score[1], 1) if score and math.isfinite(score[1]) else None,
        grade=grade(score[0] if score else None),
        provisional=len(decided) < standard.min_probes,
        curve=curve,
        business_curve=business_curve,
    )


def _pass_rate(results: Sequence[ProbeOutcome], criterion: str) -> float | None:
    found = [r["criteria"][criterion]["passed"] for r in results if "criteria" in r]
    verdicts = [verdict for verdict in found if verdict is not None]
    return sum(verdicts) / len(verdicts) if verdicts else None


def rank(vendors: Sequence[VendorResults], standard: Standard) -> list[VendorRanking]:
    """Every vendor summarised, best first; vendors without a score come last, unranked."""
    rows = [summarise(vendor, standard) for vendor in vendors]
    rows.sort(key=lambda row: (row.score is None, -(row.score or 0), row.name.casefold()))
    # Equal scores always share a rank. Whether a score is told apart from the one ranked above
    # is asked of its best-informed vendor (most decided probes): a vendor with a single probe,
    # whose spread is unknown, must not carry vendors of its very score into the group above.
    scored = [row for row in rows if row.score is not None]
    leader: VendorRanking | None = None  # the best-informed vendor of the current rank
    position = 1
    for _, same in groupby(scored, key=lambda row: row.score):
        block = list(same)
        informed = max(block, key=lambda row: row.decided)
        if leader is not None and _indistinguishable(leader, informed):
            rank_of, leader.tied = leader.rank, True
            tied = True
        else:
            rank_of, leader, tied = position, informed, len(block) > 1
        for row in block:
            row.rank, row.tied = rank_of, tied or row.tied
        position += len(block)
    return rows


def rank_outcomes(
    outcomes: Iterable[ProbeOutcome], names: dict[str, str], standard: Standard, every_named: bool = False
) -> list[VendorRanking]:
    """Flat outcomes, each with its `vendor_id`, grouped by vendor and ranked; names from `names`
    (the id where missing). With `every_named`, named vendors without outcomes are listed too, unranked."""
    by_vendor: dict[str, list[ProbeOutcome]] = {vendor_id: [] for vendor_id in names} if every_named else {}
    for outcome in outcomes:
        by_vendor.setdefault(outcome["vendor_id"], []).append(outcome)
    return rank([VendorResults(vid, names.get(vid, vid), rows) for vid, rows in by_vendor.items()], standard)


def _indistinguishable(first: VendorRanking, second: VendorRanking) -> bool:
    assert first.score is not None and second.score is not None
    if first.score_margin is None or second.score_margin is None:
        return True  # a single probe says nothing about its spread
    combined = math.hypot(first.score_margin / Z_95, second.score_margin / Z_95) * Z_95
    return abs(first.score - second.score) < combined

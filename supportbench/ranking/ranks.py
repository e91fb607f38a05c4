"""Vendors ranked under one standard, with intervals, censoring-aware times and ties.

Pure: per vendor, the probes' judged results (`scoring.judge`) in; one
`VendorRanking` per vendor out, best first.

- Response rate: human replies among decided probes (answered, or unanswered for the
  standard's response window), with a 95% Wilson interval. Pending probes wait.
- Median and 90th percentile time to the first human reply: Kaplan-Meier, with
  unanswered probes censored at the time watched; null when never reached.
- Score 0-100: the mean of the probes' weighted scores, with its 95% Student t
  margin; grade A-F from it, capped when the standard's deadline is seldom met.
- Figures are rounded once, here (half up, as people round): scores and margins
  to whole points, rates to whole percents, hours to a hundredth. Readers only format.
- Ranked by the rounded score: equal scores share a rank, and nothing else does.
  How sure a rank is, is its range: the middle 95% of the ranks each vendor takes
  when every score is drawn again from its own uncertainty ("2, could be 1-4").
- Vendors with fewer decided probes than the standard's minimum are provisional.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple, NotRequired

import numpy as np

from supportbench.config.standards import Standard
from supportbench.judging.records import Outcome, Verdict
from supportbench.ranking.statistics import (
    Survival,
    SurvivalStep,
    round_half_up,
    score_interval,
    survival,
    wilson_interval,
)

GRADES = ((85.0, "A"), (70.0, "B"), (55.0, "C"), (40.0, "D"), (0.0, "F"))
# The seed texts' first rule is a reply within a day: a desk that seldom meets the standard's
# deadline is not graded by its courtesy. Under half of its probes within it: C at best; none: D.
HALF_WITHIN_CAP, NONE_WITHIN_CAP = "C", "D"
SIMULATIONS = 400  # draws of every score for the rank ranges; a fixed seed keeps them reproducible
# The curve of a row made without its probes (a kept summary): one shared, empty, never changed.
NO_CURVE = survival([], [])


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
    score_interval: tuple[float, float] | None  # 95%; None below two decided probes
    grade: str | None
    provisional: bool
    # Beside every rate, what it is a share of: "replied", "within_deadline", "etiquette" and
    # each criterion -> (passed, judged), so 100% of 1 never reads like 19 of 19.
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    rank: int | None = None
    tied: bool = False  # shares its rank: the very same score as another vendor
    rank_range: tuple[int, int] | None = None  # the ranks it could hold (95%), given each score's uncertainty
    survival: Survival = field(default=NO_CURVE, repr=False)
    business_survival: Survival = field(default=NO_CURVE, repr=False)

    @property
    def curve(self) -> list[SurvivalStep]:
        """The share answered against calendar hours, step by step."""
        return self.survival.steps

    @property
    def business_curve(self) -> list[SurvivalStep]:
        """The same against the vendor's business hours."""
        return self.business_survival.steps

    def as_dict(self) -> dict[str, object]:
        """The JSON row of `report --format json`."""
        row = {key: value for key, value in vars(self).items() if key not in ("survival", "business_survival")}
        row["response_rate_ci"] = list(self.response_rate_ci) if self.response_rate_ci else None
        row["rank_range"] = list(self.rank_range) if self.rank_range else None
        row["score_interval"] = list(self.score_interval) if self.score_interval else None
        row["counts"] = {name: list(pair) for name, pair in self.counts.items()}
        return row


def grade(score: float | None, within_deadline: float | None = None) -> str | None:
    """A-F from the score, capped by how often the deadline was met (None: no deadline, or unknown)."""
    if score is None:
        return None
    letter = next(letter for threshold, letter in GRADES if score >= threshold)
    if within_deadline is not None and within_deadline < 0.5:
        letter = max(letter, NONE_WITHIN_CAP if within_deadline == 0 else HALF_WITHIN_CAP)  # later letters are worse
    return letter


class Spread(NamedTuple):
    """How sure a vendor's mean score is: the mean (0-100), its standard error and the Student t's
    degrees of freedom. All that the rank ranges draw on, so a summary kept in the store ranks
    exactly as the probes it was made from."""

    mean: float
    error: float
    degrees: int


def spread(scores: Sequence[float]) -> Spread | None:
    """The spread of the decided probes' scores; None below two (no spread known)."""
    interval = score_interval(scores)
    return None if interval is None else Spread(sum(scores) / len(scores), interval[2], len(scores) - 1)


def summarise(vendor: VendorResults, standard: Standard) -> tuple[VendorRanking, Spread | None]:
    """One vendor's row, and the spread of the decided probes' scores it rests on. `vendor.results`
    are flat outcomes (`ProbeOutcome`); per-criterion pass rates need their `criteria`, which the
    leaderboard can do without."""
    outcomes = vendor.results
    replied, hours, business_hours, scores = [], [], [], []
    decided = answered = on_time = deadline_judged = passed = judged = completeness_judged = 0
    completeness = 0.0
    for outcome in outcomes:  # one pass: a leaderboard reads 100,000 of these
        replied.append(bool(outcome["replied"]))
        hours.append(outcome["hours"])
        business_hours.append(outcome["business_hours"])
        if outcome["decided"]:
            decided += 1
            answered += bool(outcome["replied"])
            if outcome["score"] is not None:
                scores.append(100 * outcome["score"])
        if outcome["within_deadline"] is not None:
            deadline_judged += 1
            on_time += bool(outcome["within_deadline"])
        if outcome["completeness"] is not None:
            completeness_judged += 1
            completeness += outcome["completeness"]
        passed += outcome["etiquette_passed"] or 0
        judged += outcome["etiquette_judged"] or 0
    curve = survival(hours, replied)
    business_curve = survival(business_hours, replied)
    with_criteria = all("criteria" in o for o in outcomes)
    passes = {name: _passes(outcomes, name) for name in standard.weights} if with_criteria else {}
    shown = round_half_up(sum(scores) / len(scores)) if scores else None
    interval = score_interval(scores)
    within = _share(on_time, deadline_judged)
    counts = {"replied": (answered, decided), "within_deadline": (on_time, deadline_judged),
              "etiquette": (passed, judged), **passes}  # fmt: skip
    row = VendorRanking(
        vendor=vendor.vendor_id,
        name=vendor.name,
        probes=len(outcomes),
        decided=decided,
        pending=len(outcomes) - decided,
        response_rate=_share(answered, decided),
        response_rate_ci=_rounded(wilson_interval(answered, decided)),
        median_hours=_hours(curve.quantile(0.5)),
        p90_hours=_hours(curve.quantile(0.9)),
        median_business_hours=_hours(business_curve.quantile(0.5)),
        p90_business_hours=_hours(business_curve.quantile(0.9)),
        within_deadline=within,
        completeness=_share(completeness, completeness_judged),
        etiquette=_share(passed, judged),
        criteria={name: _share(*pair) for name, pair in passes.items()},
        score=shown,
        score_interval=(round_half_up(interval[0]), round_half_up(interval[1])) if interval else None,
        grade=grade(shown, within),
        provisional=decided < standard.min_probes,
        counts=counts,
        survival=curve,
        business_survival=business_curve,
    )
    return row, spread(scores)


def _share(part: float, whole: int) -> float | None:
    """A rate as shown: a fraction in whole percents."""
    return round_half_up(part / whole, 2) if whole else None


def _rounded(interval: tuple[float, float] | None) -> tuple[float, float] | None:
    return (round_half_up(interval[0], 2), round_half_up(interval[1], 2)) if interval else None


def _hours(value: float | None) -> float | None:
    """Hours to the minute's precision that `format_hours` shows (a hundredth of an hour)."""
    return None if value is None else round_half_up(value, 2)


def _passes(results: Sequence[ProbeOutcome], criterion: str) -> tuple[int, int]:
    """How many probes passed the criterion, of those it was judged on."""
    found = [r["criteria"][criterion]["passed"] for r in results if "criteria" in r]
    verdicts = [verdict for verdict in found if verdict is not None]
    return sum(verdicts), len(verdicts)


def rank(vendors: Sequence[VendorResults], standard: Standard) -> list[VendorRanking]:
    """Every vendor summarised, best first; vendors without a score come last, unranked."""
    return ordered([summarise(vendor, standard) for vendor in vendors])


def ordered(summarised: Sequence[tuple[VendorRanking, Spread | None]]) -> list[VendorRanking]:
    """Summarised vendors ranked, best first (the rows are given their rank, tie and rank range);
    vendors without a score come last, unranked. Equal scores and names are ordered by id, so the
    same vendors rank the same whichever order they come in."""
    spreads = {row.vendor: found for row, found in summarised}
    rows = [row for row, _ in summarised]
    rows.sort(key=lambda row: (row.score is None, -(row.score or 0), row.name.casefold(), row.vendor))
    scored = [row for row in rows if row.score is not None]
    position = 1
    for _, same in groupby(scored, key=lambda row: row.score):
        block = list(same)
        for row in block:
            row.rank, row.tied = position, len(block) > 1
        position += len(block)
    for row, could_be in zip(scored, rank_ranges([spreads[row.vendor] for row in scored]), strict=True):
        row.rank_range = could_be
    return rows


def rank_ranges(spreads: Sequence[Spread | None], draws: int = SIMULATIONS) -> list[tuple[int, int]]:
    """For each vendor's spread of scores, the ranks it could hold: every vendor's mean score is
    drawn again `draws` times from its Student t sampling distribution (the standard error of
    `score_interval`, its probe count), the vendors ranked in each draw, and the middle 95% of
    each vendor's ranks kept. A vendor with no known spread (a single probe): any rank."""
    count = len(spreads)
    given = [found for found in spreads if found is not None]
    if not given:
        return [(1, count)] * count
    mean, error, degrees = (np.array(column, dtype=float) for column in zip(*given, strict=True))
    drawn = np.clip(mean + error * np.random.default_rng(2026).standard_t(degrees, (draws, len(given))), 0, 100)
    # In each draw a vendor's rank is one more than the vendors drawn strictly better (ties share);
    # a vendor of unknown spread is left out of the others' ranks rather than placed at random.
    better = np.sort(-drawn, axis=1)
    ranks = np.stack([np.searchsorted(better[draw], -drawn[draw], side="left") + 1 for draw in range(draws)])
    # The draws' 2.5th and 97.5th percentiles, each a rank some draw gave (numpy's "lower" and
    # "higher" percentile), picked by one partial sort instead of two percentile passes.
    low, high = math.floor(0.025 * (draws - 1)), math.ceil(0.975 * (draws - 1))
    picked = np.partition(ranks, [low, high], axis=0)
    found = iter(zip(picked[low].tolist(), picked[high].tolist(), strict=True))
    return [next(found) if given_spread is not None else (1, count) for given_spread in spreads]


def rank_outcomes(
    outcomes: Iterable[ProbeOutcome], names: dict[str, str], standard: Standard, every_named: bool = False
) -> list[VendorRanking]:
    """Flat outcomes, each with its `vendor_id`, grouped by vendor and ranked; names from `names`
    (the id where missing). With `every_named`, named vendors without outcomes are listed too, unranked."""
    by_vendor: dict[str, list[ProbeOutcome]] = {vendor_id: [] for vendor_id in names} if every_named else {}
    for outcome in outcomes:
        by_vendor.setdefault(outcome["vendor_id"], []).append(outcome)
    return rank([VendorResults(vid, names.get(vid, vid), rows) for vid, rows in by_vendor.items()], standard)

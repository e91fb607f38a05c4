"""Ranks: who shares a place with whom."""

from __future__ import annotations

from supportbench.config.standards import BUILT_IN, DEFAULT_STANDARD
from supportbench.ranking.ranks import ProbeOutcome, VendorResults, rank


def outcome(vendor: str, score: float) -> ProbeOutcome:
    return ProbeOutcome(
        vendor_id=vendor, score=score, decided=True, replied=score > 0, hours=2.0, business_hours=2.0,
        within_deadline=score > 0, completeness=score, etiquette_passed=0, etiquette_judged=0,
    )  # fmt: skip


def test_equal_scores_with_no_spread_share_a_rank_whatever_their_names() -> None:
    vendors = [VendorResults(name, name, [outcome(name, 0.0)] * 6) for name in ("Zeta", "Alpha", "Mu")]
    vendors.append(VendorResults("best", "Best", [outcome("best", 1.0)] * 6))
    rows = rank(vendors, BUILT_IN[DEFAULT_STANDARD])
    assert [(row.name, row.rank, row.tied) for row in rows] == [
        ("Best", 1, False), ("Alpha", 2, True), ("Mu", 2, True), ("Zeta", 2, True)
    ]  # fmt: skip

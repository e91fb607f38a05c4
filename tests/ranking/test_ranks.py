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


def test_equal_scores_share_a_rank_even_when_the_first_joined_an_earlier_group() -> None:
    # A single probe says nothing of its spread; the vendors with its very score must share its
    # rank, and whether that score is told apart from the one above is asked of the vendor that
    # knows most (six probes at 0 +-0 against 50 +-6: apart), not of the single probe.
    middling = [outcome("mid", score) for score in (0.4, 0.5, 0.6, 0.5, 0.45, 0.55)]
    vendors = [
        VendorResults("mid", "Mid", middling),
        VendorResults("alone", "Alone", [outcome("alone", 0.0)]),
        VendorResults("never", "Never", [outcome("never", 0.0)] * 6),
    ]
    rows = {row.name: row for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])}
    assert rows["Mid"].rank == 1 and not rows["Mid"].tied
    assert rows["Never"].rank == rows["Alone"].rank == 2 and rows["Never"].tied and rows["Alone"].tied


def test_a_single_probe_alone_at_its_score_still_ties_with_the_vendor_above() -> None:
    middling = [outcome("mid", score) for score in (0.4, 0.5, 0.6, 0.5, 0.45, 0.55)]
    vendors = [VendorResults("mid", "Mid", middling), VendorResults("alone", "Alone", [outcome("alone", 0.0)])]
    rows = {row.name: row for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])}
    assert rows["Alone"].rank == rows["Mid"].rank == 1 and rows["Mid"].tied  # its spread is unknown

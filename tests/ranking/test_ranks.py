"""Ranks: who shares a place with whom."""

from __future__ import annotations

from supportbench.config.standards import BUILT_IN, DEFAULT_STANDARD
from supportbench.ranking.ranks import ProbeOutcome, VendorResults, grade, rank


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


def test_an_a_and_an_f_never_share_a_rank_and_a_single_probe_could_be_anywhere() -> None:
    # Before, a vendor with one probe (spread unknown) "tied" with everyone: an A at 95 shared =1 with an F.
    poor = [outcome("poor", score) for score in (0.1, 0.0, 0.2, 0.1, 0.05)]
    mid = [outcome("mid", score) for score in (0.5, 0.6, 0.4, 0.55, 0.45)]
    vendors = [VendorResults("lone", "Lone", [outcome("lone", 0.95)]), VendorResults("poor", "Poor", poor),
               VendorResults("mid", "Mid", mid)]  # fmt: skip
    rows = {row.name: row for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])}
    assert (rows["Lone"].rank, rows["Mid"].rank, rows["Poor"].rank) == (1, 2, 3)
    assert not any(row.tied for row in rows.values())
    assert (rows["Lone"].grade, rows["Poor"].grade) == ("A", "F")
    assert rows["Lone"].rank_range == (1, 3) and rows["Lone"].score_interval is None


def test_rank_ranges_say_how_sure_a_place_is() -> None:
    steady = [outcome("clear", score) for score in (0.95, 0.97, 0.96, 0.98, 0.95, 0.97, 0.96, 0.97)]
    noisy_a = [outcome("a", score) for score in (0.2, 0.9, 0.5, 0.7, 0.3, 0.8)]
    noisy_b = [outcome("b", score) for score in (0.6, 0.4, 0.3, 0.8, 0.5, 0.5)]
    vendors = [
        VendorResults("clear", "Clear", steady),
        VendorResults("a", "A", noisy_a),
        VendorResults("b", "B", noisy_b),
    ]
    rows = {row.vendor: row for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])}
    assert rows["clear"].rank_range == (1, 1)  # far ahead, little spread: surely first
    assert rows["a"].rank_range == rows["b"].rank_range == (2, 3)  # close and noisy: either could be second
    again = {row.vendor: row.rank_range for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])}
    assert again == {vendor: row.rank_range for vendor, row in rows.items()}  # reproducible


def test_the_same_vendors_rank_the_same_in_whatever_order_they_come() -> None:
    # Namesakes with equal scores (two branches of one chain): the order they are read in, from the
    # probes or from kept summaries, must not decide which is listed first, nor whose range is whose.
    scores = {"north": (0.5, 0.7, 0.6), "south": (0.5, 0.7, 0.6), "east": (0.2, 0.9, 0.4), "west": (0.8, 0.8, 0.9)}
    vendors = [VendorResults(vid, "Same Chain", [outcome(vid, s) for s in values]) for vid, values in scores.items()]
    first = [(row.vendor, row.rank, row.rank_range) for row in rank(vendors, BUILT_IN[DEFAULT_STANDARD])]
    assert first == [(row.vendor, row.rank, row.rank_range) for row in rank(vendors[::-1], BUILT_IN[DEFAULT_STANDARD])]
    assert [vendor for vendor, *_ in first] == ["west", "north", "south", "east"]


def test_all_equal_scores_get_an_honest_interval_not_zero() -> None:
    rows = rank([VendorResults("never", "Never", [outcome("never", 0.0)] * 10)], BUILT_IN[DEFAULT_STANDARD])
    assert rows[0].score == 0 and rows[0].score_interval == (0.0, 28.0)  # as the 0-of-10 response interval
    # The same score every time, as computed (16/21 carries floating-point noise in a sum): still no spread.
    same = rank([VendorResults("same", "Same", [outcome("same", 16 / 21)] * 10)], BUILT_IN[DEFAULT_STANDARD])
    low, high = same[0].score_interval or (0.0, 0.0)
    assert same[0].score == 76 and low < 70 and high > 85


def test_the_grade_is_capped_when_the_deadline_is_seldom_met() -> None:
    assert [grade(79, None), grade(79, 0.5), grade(79, 0.4), grade(79, 0.0), grade(30, 0.0)] == [
        "B",
        "B",
        "C",
        "D",
        "F",
    ]
    assert grade(90, 0.49) == "C" and grade(50, 0.2) == "D"

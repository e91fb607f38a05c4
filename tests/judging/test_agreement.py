"""Agreement and Cohen's kappa checked against hand calculations."""

from __future__ import annotations

import pytest

from supportbench.judging.agreement import agreement, cohen_kappa


def test_kappa_of_a_two_by_two_table_by_hand() -> None:
    # 20 items: both yes 9, both no 6, people yes/judge no 3, people no/judge yes 2.
    pairs = [(True, True)] * 9 + [(False, False)] * 6 + [(True, False)] * 3 + [(False, True)] * 2
    # observed 15/20 = 0.75; people yes 12/20, judge yes 11/20; expected 0.6*0.55 + 0.4*0.45 = 0.51
    assert cohen_kappa(pairs) == pytest.approx((0.75 - 0.51) / (1 - 0.51))
    result = agreement(pairs)
    assert (result.count, result.right, result.share) == (20, 15, 0.75)


def test_kappa_with_three_kinds_by_hand() -> None:
    pairs = [("human", "human")] * 5 + [("auto", "auto")] * 3 + [("auto", "human")] + [("bulk", "bulk")]
    # observed 9/10; people: human .5, auto .4, bulk .1; judge: human .6, auto .3, bulk .1
    expected = 0.5 * 0.6 + 0.4 * 0.3 + 0.1 * 0.1
    assert cohen_kappa(pairs) == pytest.approx((0.9 - expected) / (1 - expected))


def test_perfect_and_chance_and_undefined() -> None:
    assert cohen_kappa([(True, True), (False, False)]) == 1.0
    assert cohen_kappa([(True, True), (True, False), (False, True), (False, False)]) == 0.0
    assert cohen_kappa([(True, True), (True, True)]) is None  # one label throughout: chance explains it all
    assert cohen_kappa([]) is None and agreement([]).share is None

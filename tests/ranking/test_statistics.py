"""Wilson intervals and Kaplan-Meier estimates checked against hand calculations."""

from __future__ import annotations

import pytest

from supportbench.ranking.statistics import (
    mean_interval,
    round_half_up,
    survival,
    t_975,
    wilson_interval,
)


def test_wilson_interval_known_values() -> None:
    assert wilson_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    # No successes: the interval still has width, z^2 / (n + z^2) at the top.
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-4)
    assert wilson_interval(10, 10) == pytest.approx((0.72247, 1.0), abs=1e-4)
    assert wilson_interval(0, 0) is None


def test_kaplan_meier_by_hand() -> None:
    # times 1 2 2+ 3 4+ 5 (+ = censored: unanswered, watched that long)
    estimate = survival([1, 2, 2, 3, 4, 5], [True, True, False, True, False, True])
    steps = estimate.steps
    # S(1) = 5/6; S(2) = 5/6 * 4/5 = 2/3; S(3) = 2/3 * 2/3 = 4/9; S(4) unchanged; S(5) = 0.
    assert [(s.time, s.at_risk, s.events, s.censored) for s in steps] == [
        (1, 6, 1, 0), (2, 5, 1, 1), (3, 3, 1, 0), (4, 2, 0, 1), (5, 1, 1, 0),
    ]  # fmt: skip
    assert [s.answered_share for s in steps] == pytest.approx([1 / 6, 1 / 3, 5 / 9, 5 / 9, 1.0])
    assert estimate.quantile(0.5) == 3
    assert estimate.quantile(0.9) == 5


def test_unanswered_probes_are_censored_not_dropped() -> None:
    # 4 of 10 answered within an hour, 6 never: dropping the silent ones would give a 1 h median.
    estimate = survival([1.0] * 4 + [168.0] * 6, [True] * 4 + [False] * 6)
    assert estimate.steps[0].answered_share == pytest.approx(0.4)
    assert estimate.quantile(0.5) is None
    assert estimate.quantile(0.9) is None


def test_mean_interval_uses_students_t() -> None:
    mean, half = mean_interval([1.0, 2.0, 3.0]) or (0, 0)
    assert mean == 2.0
    assert half == pytest.approx(4.303 * 1.0 / 3**0.5)  # t with 2 degrees of freedom, not 1.96
    assert mean_interval([]) is None


@pytest.mark.parametrize(("degrees", "expected"), [(1, 12.706), (5, 2.571), (30, 2.042), (40, 2.021),
                                                   (60, 2.000), (120, 1.980), (10_000, 1.960)])  # fmt: skip
def test_t_quantiles_match_the_printed_tables(degrees: int, expected: float) -> None:
    assert t_975(degrees) == pytest.approx(expected, abs=1e-3)


def test_halves_round_up_as_people_round() -> None:
    assert [round_half_up(80.5), round_half_up(79.5), round_half_up(0.125, 2), round_half_up(2.675, 2)] == [
        81.0, 80.0, 0.13, 2.68
    ]  # fmt: skip
    assert round(80.5) == 80  # what Python's round() would have printed in one place and not another

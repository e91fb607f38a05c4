"""Honest summary statistics: Wilson intervals and Kaplan-Meier reply-time estimates.

Pure. An unanswered probe is *censored* at the time we have watched it for, never
dropped: the Kaplan-Meier estimate then says what share of probes get a reply
within t, and a vendor that ignores half its mail has no median at all rather
than a flattering one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

import numpy as np

Z_95 = 1.959963984540054


def wilson_interval(successes: float, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The 95% Wilson score interval of a proportion; None without trials."""
    if trials == 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class SurvivalStep:
    time: float
    at_risk: int
    events: int
    censored: int
    answered_share: float  # 1 - S(t): estimated share of probes answered by `time`


@dataclass(frozen=True, eq=False)
class Survival:
    """A Kaplan-Meier estimate as columns, one entry per distinct time in increasing order."""

    times: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray
    answered: np.ndarray  # 1 - S(t)

    @cached_property
    def steps(self) -> list[SurvivalStep]:
        """The estimate step by step (made when asked for: a leaderboard needs only its quantiles)."""
        return [
            SurvivalStep(*step)
            for step in zip(self.times.tolist(), self.at_risk.tolist(), self.events.tolist(),
                            self.censored.tolist(), self.answered.tolist(), strict=True)
        ]  # fmt: skip

    def quantile(self, share: float) -> float | None:
        """The first time by which `share` of probes are estimated answered; None if never reached."""
        reached = (self.events > 0) & (self.answered >= share - 1e-12)
        return float(self.times[reached.argmax()]) if reached.any() else None


def survival(times: Sequence[float], events: Sequence[bool]) -> Survival:
    """The Kaplan-Meier estimate: at each distinct time, events count before censorings (the usual
    convention). Computed on columns: a leaderboard estimates two per vendor, for a thousand."""
    answered_flags = np.asarray(events, dtype=bool)
    distinct, position = np.unique(np.asarray(times, dtype=float), return_inverse=True)
    total = np.bincount(position, minlength=len(distinct))
    events_here = np.bincount(position, weights=answered_flags, minlength=len(distinct)).astype(int)
    at_risk = len(answered_flags) - (np.cumsum(total) - total)  # those not yet answered or censored before
    # Multiplying by 1 where nothing was answered leaves the product exactly as skipping it would.
    answered = 1 - np.cumprod(1 - events_here / at_risk)
    return Survival(distinct, at_risk, events_here, total - events_here, answered)


def answered_band(steps: Sequence[SurvivalStep]) -> list[tuple[float, float]]:
    """The 95% band of each step's answered share, by Greenwood's variance of the Kaplan-Meier
    estimate, clipped to 0-1 (where every probe still at risk was answered the variance is
    unknown: the band then spans what is possible)."""
    bands, total = [], 0.0
    for step in steps:
        remaining = step.at_risk - step.events
        if step.events:
            total = math.inf if remaining <= 0 else total + step.events / (step.at_risk * remaining)
        survival = 1 - step.answered_share
        half = Z_95 * survival * math.sqrt(total) if math.isfinite(total) else 1.0
        bands.append((max(0.0, step.answered_share - half), min(1.0, step.answered_share + half)))
    return bands


# Student's t, two-sided 95% (the 0.975 quantile), for 1-30 degrees of freedom: a vendor's
# score rests on 5-10 probes, where the normal 1.96 would claim a margin a third too narrow.
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
    2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_975(degrees: int) -> float:
    """Student's t 0.975 quantile; past 30 degrees of freedom by the Cornish-Fisher expansion (within 1e-4)."""
    if degrees < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if degrees <= len(_T_975):
        return _T_975[degrees - 1]
    z = Z_95
    return z + (z**3 + z) / (4 * degrees) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * degrees**2)


def mean_interval(values: Sequence[float]) -> tuple[float, float] | None:
    """Mean and the half-width of its 95% Student t interval (infinite for one value); None without values."""
    if not values:
        return None
    mean = sum(values) / len(values)
    if len(values) == 1:
        return mean, math.inf
    variance = sum((value - mean) ** 2 for value in values) / (len(values) - 1)
    return mean, t_975(len(values) - 1) * math.sqrt(variance / len(values))


def score_interval(scores: Sequence[float]) -> tuple[float, float, float] | None:
    """A 0-100 mean score's 95% interval and the standard error behind it; None for fewer than two.

    The Student t interval; when every probe scored the same, the Wilson interval of the score
    read as a share of 100 instead: five probes that all scored 0 do not prove the next one will,
    and a spread of zero would claim a margin of zero."""
    found = mean_interval(scores)
    if found is None or not math.isfinite(found[1]):
        return None
    mean, half = found
    if half > 1e-9:  # identical scores, up to floating-point noise, have no spread to go by
        return max(0.0, mean - half), min(100.0, mean + half), half / t_975(len(scores) - 1)
    wilson = wilson_interval(mean / 100 * len(scores), len(scores))
    assert wilson is not None
    return 100 * wilson[0], 100 * wilson[1], 100 * (wilson[1] - wilson[0]) / (2 * Z_95)


def round_half_up(value: float, digits: int = 0) -> float:
    """Rounded as people and spreadsheets do (80.5 -> 81), not to even as Python's round() does."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))

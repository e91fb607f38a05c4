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

Z_95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
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


def kaplan_meier(times: Sequence[float], events: Sequence[bool]) -> list[SurvivalStep]:
    """One step per distinct time; at a tie, events count before censorings (the usual convention)."""
    pairs = sorted(zip(times, events, strict=True))
    at_risk, survival, steps, index = len(pairs), 1.0, [], 0
    while index < len(pairs):
        time = pairs[index][0]
        events_here = censored_here = 0
        while index < len(pairs) and pairs[index][0] == time:
            if pairs[index][1]:
                events_here += 1
            else:
                censored_here += 1
            index += 1
        if events_here:
            survival *= 1 - events_here / at_risk
        steps.append(SurvivalStep(time, at_risk, events_here, censored_here, 1 - survival))
        at_risk -= events_here + censored_here
    return steps


def km_quantile(steps: Sequence[SurvivalStep], share: float) -> float | None:
    """The first time by which `share` of probes are estimated answered; None if never reached."""
    for step in steps:
        if step.events and step.answered_share >= share - 1e-12:
            return step.time
    return None


def mean_interval(values: Sequence[float], z: float = Z_95) -> tuple[float, float] | None:
    """Mean and the half-width of its normal 95% interval; None without values."""
    if not values:
        return None
    mean = sum(values) / len(values)
    if len(values) == 1:
        return mean, math.inf
    variance = sum((value - mean) ** 2 for value in values) / (len(values) - 1)
    return mean, z * math.sqrt(variance / len(values))

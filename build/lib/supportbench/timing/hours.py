"""Stated business hours: parse the analyst's weekly schedule.

`mon-fri: "09:00-17:00"`, `sat: "10:00-14:00"`, `sun: closed`, split days such as
`"09:00-12:00, 13:00-17:00"`, and `"00:00-24:00"` for a desk open all day. Pure: no
clock is read here. (The scoring issue adds business-time arithmetic on top.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_RANGE = re.compile(r"^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$")
MINUTES_PER_DAY = 24 * 60

Interval = tuple[int, int]  # minutes since local midnight, [start, end)


@dataclass(frozen=True)
class WeeklyHours:
    """Opening intervals per weekday (Monday = 0), in the vendor's local time."""

    days: tuple[tuple[Interval, ...], ...]

    def intervals(self, weekday: int) -> tuple[Interval, ...]:
        return self.days[weekday]

    @property
    def weekly_minutes(self) -> int:
        return sum(end - start for day in self.days for start, end in day)


def parse_days(key: str) -> list[int]:
    """`"mon-fri"` -> [0..4]; `"sat,sun"` -> [5, 6]; raises ValueError with the fix."""
    days: list[int] = []
    for part in key.lower().replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        if first not in DAY_NAMES or (dash and last not in DAY_NAMES):
            raise ValueError(f"{key!r} is not a day or day range: use names like mon, tue ... sun, e.g. mon-fri")
        start = DAY_NAMES.index(first)
        end = DAY_NAMES.index(last) if last else start
        if end < start:
            raise ValueError(f"day range {part!r} runs backwards: write it from the earlier day, e.g. mon-fri")
        days.extend(range(start, end + 1))
    return days


def parse_day_hours(text: str) -> tuple[Interval, ...]:
    """`"09:00-17:00"`, `"09:00-12:00, 13:00-17:00"` or `"closed"`; raises ValueError."""
    value = str(text).strip().lower()
    if value == "closed":
        return ()
    intervals: list[Interval] = []
    for part in value.split(","):
        match = _TIME_RANGE.match(part.strip())
        if not match:
            raise ValueError('must look like "09:00-17:00" (or "09:00-12:00, 13:00-17:00", or closed)')
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
            raise ValueError(f"{part.strip()!r} is not a valid time range: hours 00-24, minutes 00-59")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise ValueError(
                f"{part.strip()!r} ends before it starts: hours past midnight belong to the next day's entry"
            )
        intervals.append((start, end))
    intervals.sort()
    for (_, previous_end), (next_start, _) in pairwise(intervals):
        if next_start < previous_end:
            raise ValueError(f"time ranges in {text!r} overlap")
    return tuple(intervals)


def build_weekly_hours(spec: dict[str, str]) -> WeeklyHours:
    """Combine day keys into a week; a day named twice or a week never open is an error.

    Days not named are closed.
    """
    days: list[tuple[Interval, ...] | None] = [None] * 7
    for key, value in spec.items():
        for day in parse_days(key):
            if days[day] is not None:
                raise ValueError(f"{DAY_NAMES[day]} is given twice (in {key!r} and an earlier key)")
            days[day] = parse_day_hours(value)
    week = WeeklyHours(tuple(day or () for day in days))
    if week.weekly_minutes == 0:
        raise ValueError('the desk is never open: give opening hours for at least one day, e.g. mon-fri: "09:00-17:00"')
    return week

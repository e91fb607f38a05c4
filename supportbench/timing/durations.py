"""Parse the short durations analysts write: `45m`, `12h`, `7d`, `2w`, `1d12h`."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([smhdw])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}  # seconds in each
LONGEST = timedelta(days=3660)  # ten years: longer than any study, and far from timedelta's limit


def parse_duration(text: str) -> timedelta:
    """`"1d12h"` -> 36 hours; raises ValueError with an example of the format."""
    value = str(text).strip().lower().replace(" ", "")
    parts = _PART.findall(value)
    if not value or "".join(number + unit for number, unit in parts) != value:
        raise ValueError(f"{text!r} is not a duration: write it like 45m, 12h, 7d or 2w")
    seconds = sum(int(number) * _UNITS[unit] for number, unit in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r} must be longer than zero")
    if seconds > LONGEST.total_seconds():
        raise ValueError(f"{text!r} is longer than {LONGEST.days} days")
    return timedelta(seconds=seconds)


def format_duration(delta: timedelta) -> str:
    """The inverse, for messages: 36 hours -> `1d12h`."""
    seconds = int(delta.total_seconds())
    parts = []
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"

"""Where `now` comes from for the scheduler and the commands: a `Clock`, real or simulated.

Pure code takes `now` as a parameter; `run`, `fetch`, `send`, `report` and the rest ask a
`Clock`, and the demo supplies a simulated one. Three I/O edges stamp a moment of their own
with the wall clock: the watcher's fetch time, `inspect`'s stand-in arrival time for a file
with no Date, and the real present that the demo's simulated weeks end at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real time, aware, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)

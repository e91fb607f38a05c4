"""Where `now` comes from: the only place the production code reads the wall clock.

Pure code takes `now` as a parameter; the scheduler and the command line ask a
`Clock`. The demo supplies a simulated one.
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

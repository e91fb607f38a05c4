"""A vendor's business calendar: stated weekly hours, its time zone, its public holidays.

Pure arithmetic on aware datetimes; nothing here reads the clock. Local days are
walked as calendar dates and converted with zoneinfo, so a DST change shifts the
UTC instant of "17:00" but never the local opening hours.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from benchmark.hours import WeeklyHours

MAX_DAYS_SEARCHED = 3 * 366  # a calendar open less than once in three years is a config error


@cache
def public_holidays(country: str, subdivision: str | None) -> Container[date]:
    """The country's (and subdivision's) public holidays, expanded lazily by year."""
    import holidays

    calendar: Container[date] = holidays.country_holidays(country, subdiv=subdivision)
    return calendar


@dataclass(frozen=True)
class BusinessCalendar:
    """When a vendor says it works."""

    hours: WeeklyHours
    zone: ZoneInfo
    holidays: Container[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        return bool(self.hours.intervals(day.weekday())) and day not in self.holidays

    def open_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's opening intervals as aware datetimes (empty on closed days and holidays)."""
        if not self.is_business_day(day):
            return []
        return [(self._local(day, start), self._local(day, end)) for start, end in self.hours.intervals(day.weekday())]

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Close of business on the `days`-th business day after `start`'s local date.

        Sent Monday 10:00, 2 days -> Wednesday's close; sent Friday 19:00 -> Tuesday's close.
        """
        day = start.astimezone(self.zone).date()
        counted = 0
        for _ in range(MAX_DAYS_SEARCHED):
            day += timedelta(days=1)
            if self.is_business_day(day):
                counted += 1
                if counted == days:
                    return self.open_intervals(day)[-1][1]
        raise ValueError("no business day found within three years: check the vendor's hours and holidays")

    def _local(self, day: date, minute: int) -> datetime:
        if minute >= 24 * 60:
            return datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)

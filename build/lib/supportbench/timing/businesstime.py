"""A vendor's business calendar: stated weekly hours, its time zone, its public holidays.

Pure arithmetic on aware datetimes; nothing here reads the clock. Local days are
walked as calendar dates and converted with zoneinfo, so a DST change shifts the
UTC instant of "17:00" but never the local opening hours.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from supportbench.timing.hours import WeeklyHours

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
    # Open seconds of each day of a year, as running sums: whole days between two instants are
    # then one subtraction, so a probe watched for a year costs no more than one answered in an hour.
    _running_sums: dict[int, list[float]] = field(default_factory=dict, init=False, repr=False, compare=False)

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

    def business_seconds(self, start: datetime, end: datetime) -> float:
        """Seconds of opening time between two instants (0 when `end` is not after `start`).

        Every bound is converted to UTC before subtracting: two datetimes sharing a
        zoneinfo subtract as wall clocks, which would count a DST night as 24 hours.
        Opening intervals never cross local midnight, so the first and last local days
        are clipped and the whole days between are summed.
        """
        start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
        if end_utc <= start_utc:
            return 0.0
        first, last = start_utc.astimezone(self.zone).date(), end_utc.astimezone(self.zone).date()
        if first == last:
            return self._clipped(first, start_utc, end_utc)
        base = first.year
        whole_days = self._open_seconds_before(last, base) - self._open_seconds_before(first + timedelta(days=1), base)
        return self._clipped(first, start_utc, end_utc) + whole_days + self._clipped(last, start_utc, end_utc)

    def _clipped(self, day: date, start_utc: datetime, end_utc: datetime) -> float:
        total = 0.0
        for opens, closes in self.open_intervals(day):
            overlap_start = max(opens.astimezone(UTC), start_utc)
            overlap_end = min(closes.astimezone(UTC), end_utc)
            if overlap_end > overlap_start:
                total += (overlap_end - overlap_start).total_seconds()
        return total

    def _open_seconds_before(self, day: date, base_year: int) -> float:
        """Open seconds from 1 January of `base_year` up to (not including) `day`."""
        earlier_years = sum(self._year_sums(year)[-1] for year in range(base_year, day.year))
        return earlier_years + self._year_sums(day.year)[day.timetuple().tm_yday - 1]

    def _year_sums(self, year: int) -> list[float]:
        if year not in self._running_sums:
            sums, day = [0.0], date(year, 1, 1)
            while day.year == year:
                seconds = sum(
                    (c.astimezone(UTC) - o.astimezone(UTC)).total_seconds() for o, c in self.open_intervals(day)
                )
                sums.append(sums[-1] + seconds)
                day += timedelta(days=1)
            self._running_sums[year] = sums
        return self._running_sums[year]

    def add_business_seconds(self, start: datetime, seconds: float) -> datetime:
        """The instant when `seconds` of opening time have passed since `start` (in `start`'s zone)."""
        remaining = seconds
        day = start.astimezone(self.zone).date()
        for _ in range(MAX_DAYS_SEARCHED):
            for opens, closes in self.open_intervals(day):
                begin = max(opens.astimezone(UTC), start.astimezone(UTC))
                available = (closes.astimezone(UTC) - begin).total_seconds()
                if available <= 0:
                    continue
                if remaining <= available:
                    return (begin + timedelta(seconds=remaining)).astimezone(start.tzinfo)
                remaining -= available
            day += timedelta(days=1)
        raise ValueError("no business time found within three years: check the vendor's hours and holidays")

    def business_hours(self, start: datetime, end: datetime) -> float:
        return self.business_seconds(start, end) / 3600

    def _local(self, day: date, minute: int) -> datetime:
        if minute >= 24 * 60:
            return datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)

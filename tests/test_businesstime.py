"""Business days in the vendor's calendar: weekends, public holidays, DST."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from benchmark.businesstime import BusinessCalendar, public_holidays
from benchmark.hours import build_weekly_hours

WARSAW = ZoneInfo("Europe/Warsaw")
OFFICE = build_weekly_hours({"mon-fri": "09:00-17:00"})


def calendar(country: str = "PL") -> BusinessCalendar:
    return BusinessCalendar(OFFICE, WARSAW, public_holidays(country, None))


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        # Monday morning, 2 days -> Wednesday's close.
        (datetime(2026, 11, 2, 10, 0, tzinfo=WARSAW), 2, datetime(2026, 11, 4, 17, 0, tzinfo=WARSAW)),
        # Friday evening -> Monday is day 1, Tuesday day 2.
        (datetime(2026, 11, 20, 19, 0, tzinfo=WARSAW), 2, datetime(2026, 11, 24, 17, 0, tzinfo=WARSAW)),
        # Tuesday 10 Nov 2026: Wednesday 11 Nov is Independence Day in Poland, skipped.
        (datetime(2026, 11, 10, 10, 0, tzinfo=WARSAW), 1, datetime(2026, 11, 12, 17, 0, tzinfo=WARSAW)),
        # Over the autumn DST change (25 Oct 2026): the close stays at 17:00 local.
        (datetime(2026, 10, 23, 12, 0, tzinfo=WARSAW), 1, datetime(2026, 10, 26, 17, 0, tzinfo=WARSAW)),
    ],
)
def test_add_business_days(start: datetime, days: int, deadline: datetime) -> None:
    result = calendar().add_business_days(start, days)
    assert result == deadline
    assert result.astimezone(WARSAW).hour == 17


def test_dst_change_moves_the_utc_instant_not_the_local_close() -> None:
    before = calendar().add_business_days(datetime(2026, 10, 22, 12, 0, tzinfo=WARSAW), 1)
    after = calendar().add_business_days(datetime(2026, 10, 23, 12, 0, tzinfo=WARSAW), 1)
    assert before.utcoffset() != after.utcoffset()
    assert (before.hour, after.hour) == (17, 17)


def test_holidays_depend_on_the_country() -> None:
    tuesday = datetime(2026, 11, 10, 10, 0, tzinfo=WARSAW)
    assert calendar("PL").add_business_days(tuesday, 1).day == 12
    assert calendar("GB").add_business_days(tuesday, 1).day == 11


def test_a_calendar_that_never_opens_is_an_error() -> None:
    closed = BusinessCalendar(build_weekly_hours({"mon": "09:00-10:00"}), WARSAW, holidays=_AlwaysHoliday())
    with pytest.raises(ValueError, match="no business day"):
        closed.add_business_days(datetime(2026, 1, 1, tzinfo=WARSAW), 1)


class _AlwaysHoliday:
    def __contains__(self, _: object) -> bool:
        return True

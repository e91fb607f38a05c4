"""Business days in the vendor's calendar: weekends, public holidays, DST."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from supportbench.timing.businesstime import BusinessCalendar, public_holidays
from supportbench.timing.hours import build_weekly_hours

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


NEW_YORK = ZoneInfo("America/New_York")
UTC_ZONE = ZoneInfo("UTC")
ALWAYS = build_weekly_hours({"mon-sun": "00:00-24:00"})
SPLIT = build_weekly_hours({"mon-fri": "09:00-12:30, 13:30-18:00"})


def at(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("case", "calendar_", "start", "end", "hours"),
    [
        ("same afternoon", calendar(), at(WARSAW, 2026, 11, 2, 10), at(WARSAW, 2026, 11, 2, 12, 15), 2.25),
        ("after hours to next morning", calendar(), at(WARSAW, 2026, 11, 2, 18), at(WARSAW, 2026, 11, 3, 10), 1.0),
        (
            "Friday evening to Monday morning",
            calendar(),
            at(WARSAW, 2026, 11, 20, 16),
            at(WARSAW, 2026, 11, 23, 10),
            2.0,
        ),
        # Wednesday 11 November 2026 is Independence Day in Poland: not a business day.
        ("over a public holiday", calendar(), at(WARSAW, 2026, 11, 10, 16), at(WARSAW, 2026, 11, 12, 10), 2.0),
        ("reply before opening", calendar(), at(WARSAW, 2026, 11, 2, 7), at(WARSAW, 2026, 11, 2, 8, 30), 0.0),
        ("sent before opening", calendar(), at(WARSAW, 2026, 11, 2, 7), at(WARSAW, 2026, 11, 2, 9, 30), 0.5),
        (
            "over a lunch break",
            BusinessCalendar(SPLIT, WARSAW),
            at(WARSAW, 2026, 11, 2, 12),
            at(WARSAW, 2026, 11, 2, 14),
            1.0,
        ),
        ("end before start", calendar(), at(WARSAW, 2026, 11, 3, 10), at(WARSAW, 2026, 11, 2, 10), 0.0),
        # Spring forward on 29 March 2026 in Europe: that Sunday has 23 hours, autumn's 25 October has 25.
        (
            "24/7 over spring DST",
            BusinessCalendar(ALWAYS, WARSAW),
            at(WARSAW, 2026, 3, 28, 12),
            at(WARSAW, 2026, 3, 29, 12),
            23.0,
        ),
        (
            "24/7 over autumn DST",
            BusinessCalendar(ALWAYS, WARSAW),
            at(WARSAW, 2026, 10, 24, 12),
            at(WARSAW, 2026, 10, 25, 12),
            25.0,
        ),
        # US clocks go forward on 8 March 2026: Friday 16:00 EST to Monday 10:00 EDT is two business hours.
        (
            "office over US spring DST",
            BusinessCalendar(OFFICE, NEW_YORK),
            at(NEW_YORK, 2026, 3, 6, 16),
            at(NEW_YORK, 2026, 3, 9, 10),
            2.0,
        ),
        (
            "office over US autumn DST",
            BusinessCalendar(OFFICE, NEW_YORK),
            at(NEW_YORK, 2026, 10, 30, 16),
            at(NEW_YORK, 2026, 11, 2, 10),
            2.0,
        ),
        # Instants given in UTC are read in the vendor's zone: 13:00 UTC is 08:00 in New York.
        (
            "UTC instants, vendor zone",
            BusinessCalendar(OFFICE, NEW_YORK),
            at(UTC_ZONE, 2026, 11, 2, 13),
            at(UTC_ZONE, 2026, 11, 2, 15),
            1.0,
        ),
    ],
)
def test_business_hours_elapsed(
    case: str, calendar_: BusinessCalendar, start: datetime, end: datetime, hours: float
) -> None:
    assert calendar_.business_hours(start, end) == pytest.approx(hours), case


def test_a_desk_open_on_holidays_counts_them() -> None:
    from tests.helpers import config_data, make_config

    data = config_data()
    data["vendors"][0].update(country="PL", timezone="Europe/Warsaw", hours={"mon-sun": "00:00-24:00"})
    closed_on_holidays = make_config(data).vendors[0].calendar
    data["vendors"][0]["open_on_holidays"] = True
    always_open = make_config(data).vendors[0].calendar
    holiday = (at(WARSAW, 2026, 11, 11, 0), at(WARSAW, 2026, 11, 12, 0))
    assert (closed_on_holidays.business_hours(*holiday), always_open.business_hours(*holiday)) == (0.0, 24.0)


def test_long_spans_agree_with_walking_every_day() -> None:
    """The running sums give what walking day by day gives, over years, holidays and DST changes."""
    import random
    from datetime import UTC, timedelta

    rng = random.Random(7)
    week = build_weekly_hours({"mon-thu": "08:00-16:00", "fri": "08:00-14:00", "sat": "10:00-13:30"})
    subject = BusinessCalendar(week, WARSAW, public_holidays("PL", None))
    for _ in range(200):
        start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        end = start + timedelta(minutes=rng.randrange(0, 500 * 24 * 60))
        walked, day = 0.0, start.astimezone(WARSAW).date()
        while day <= end.astimezone(WARSAW).date():
            for opens, closes in subject.open_intervals(day):
                low, high = max(opens, start), min(closes, end)
                walked += max(0.0, (high.astimezone(UTC) - low.astimezone(UTC)).total_seconds())
            day += timedelta(days=1)
        assert subject.business_seconds(start, end) == pytest.approx(walked), (start, end)


def test_adding_business_seconds_is_the_inverse_of_measuring_them() -> None:
    subject = calendar()
    friday_evening = at(WARSAW, 2026, 11, 20, 16)
    later = subject.add_business_seconds(friday_evening, 3 * 3600)  # 1 h on Friday, 2 h on Monday
    assert later == at(WARSAW, 2026, 11, 23, 11)
    assert subject.business_seconds(friday_evening, later) == 3 * 3600

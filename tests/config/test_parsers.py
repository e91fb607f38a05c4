"""Pure parsers: YAML with line numbers, weekly hours, durations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supportbench.config.yamlsource import YamlSyntaxError, format_path, parse_yaml
from supportbench.timing.durations import format_duration, parse_duration
from supportbench.timing.hours import build_weekly_hours, parse_day_hours, parse_days


def test_yaml_lines_follow_keys_and_items() -> None:
    document = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n      z: 2\nc: 3\n")
    assert document.lines[("a",)] == 1
    assert document.lines[("a", "b", 1)] == 4
    assert document.lines[("a", "b", 1, "z")] == 5
    assert document.line_of(("a", "b", 1, "missing")) == 4
    assert document.line_of(("nowhere",)) == 1


def test_yaml_duplicate_keys_are_found_with_their_own_line() -> None:
    document = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert document.duplicate_keys == [(("a",), 3)]


def test_yaml_merge_keys_are_not_duplicates() -> None:
    document = parse_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert document.data["item"] == {"x": 1, "y": 2}
    assert document.duplicate_keys == []


def test_yaml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: [1, 2\nb: 3\n")
    assert raised.value.line is not None and raised.value.column is not None


@pytest.mark.parametrize(
    ("path", "text"),
    [(("vendors", 2, "hours", "mon-fri"), "vendors[2].hours.mon-fri"), ((), "(top level)"), (("a",), "a")],
)
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


@pytest.mark.parametrize(
    ("key", "days"),
    [("mon", [0]), ("mon-fri", [0, 1, 2, 3, 4]), ("sat,sun", [5, 6]), ("Fri-Sun", [4, 5, 6]), ("mon, wed", [0, 2])],
)
def test_day_keys(key: str, days: list[int]) -> None:
    assert parse_days(key) == days


@pytest.mark.parametrize("key", ["monday", "fri-mon", "", "mon-", "weekdays"])
def test_bad_day_keys(key: str) -> None:
    with pytest.raises(ValueError):
        parse_days(key)


@pytest.mark.parametrize(
    ("text", "intervals"),
    [
        ("09:00-17:00", ((540, 1020),)),
        ("closed", ()),
        ("09:00-12:30, 13:30-18:00", ((540, 750), (810, 1080))),
        ("00:00-24:00", ((0, 1440),)),
    ],
)
def test_day_hours(text: str, intervals: tuple[tuple[int, int], ...]) -> None:
    assert parse_day_hours(text) == intervals


@pytest.mark.parametrize(
    "text", ["9-17", "09:00-25:00", "17:00-09:00", "09:00-12:00, 11:00-13:00", "09:60-10:00", "24:30-24:40"]
)
def test_bad_day_hours(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day_hours(text)


def test_week_of_unnamed_days_is_closed_and_never_open_is_an_error() -> None:
    week = build_weekly_hours({"mon-fri": "09:00-17:00"})
    assert week.weekly_minutes == 5 * 8 * 60
    assert build_weekly_hours({"mon-sun": "00:00-24:00"}).weekly_minutes == 7 * 24 * 60
    with pytest.raises(ValueError, match="never open"):
        build_weekly_hours({"mon-sun": "closed"})


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("45m", timedelta(minutes=45)),
        ("12h", timedelta(hours=12)),
        ("7d", timedelta(days=7)),
        ("2w", timedelta(weeks=2)),
        ("1d12h", timedelta(hours=36)),
        ("90", None),
        ("7 days", None),
        ("0d", None),
    ],
)
def test_durations(text: str, delta: timedelta | None) -> None:
    if delta is None:
        with pytest.raises(ValueError):
            parse_duration(text)
    else:
        assert parse_duration(text) == delta
        assert parse_duration(format_duration(delta)) == delta

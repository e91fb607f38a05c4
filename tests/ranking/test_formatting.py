"""Figures in words: one way to write each, for the dashboard, `report` and the PDF alike."""

from __future__ import annotations

import pytest

from supportbench.ranking.formatting import and_list, format_hours, format_rate


@pytest.mark.parametrize(
    ("hours", "written"),
    [(None, "not reached"), (0.25, "15 min"), (0.999, "1 h"), (1.0, "1 h"), (5.5, "5 h 30 min"),
     (73.9999, "3 d 2 h"), (47.99, "47 h 59 min"), (48.0, "2 d"), (145.0, "6 d 1 h")],
)  # fmt: skip
def test_hours_are_written_as_people_read_a_wait(hours: float | None, written: str) -> None:
    assert format_hours(hours) == written


def test_a_rate_says_how_many_it_is_a_share_of() -> None:
    assert format_rate(1.0, (1, 1)) == "100% of 1" != format_rate(1.0, (19, 19))
    assert format_rate(None, (0, 0)) == "-" and format_rate(0.5, None) == "50%"


def test_names_are_listed_in_words() -> None:
    assert [and_list([]), and_list(["A"]), and_list(["A", "B"]), and_list(["A", "B", "C"])] == [
        "", "A", "A and B", "A, B and C"
    ]  # fmt: skip

"""Named days computed offline: computus, nth weekdays, fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictwatch.timex.holidays import holiday_date, orthodox_easter, western_easter


@pytest.mark.parametrize(
    ("year", "day"),
    [(1998, dt.date(1998, 4, 12)), (2020, dt.date(2020, 4, 12)), (2024, dt.date(2024, 3, 31))],
)
def test_western_easter(year: int, day: dt.date) -> None:
    assert western_easter(year) == day


@pytest.mark.parametrize(
    ("year", "day"), [(2021, dt.date(2021, 5, 2)), (2024, dt.date(2024, 5, 5))]
)
def test_orthodox_easter_in_the_gregorian_calendar(year: int, day: dt.date) -> None:
    assert orthodox_easter(year) == day


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("Thanksgiving Day", 1999, dt.date(1999, 11, 25)),
        ("Election Day", 1998, dt.date(1998, 11, 3)),
        ("Memorial Day", 2020, dt.date(2020, 5, 25)),
        ("Christmas Eve", 2020, dt.date(2020, 12, 24)),
        ("New Year’s Day", 2021, dt.date(2021, 1, 1)),
        ("Good Friday", 2024, dt.date(2024, 3, 29)),
    ],
)
def test_holiday_dates(name: str, year: int, day: dt.date) -> None:
    assert holiday_date(name, year) == day


def test_unknown_names_and_odd_years_give_none() -> None:
    assert holiday_date("Armistice Eve", 2020) is None
    assert holiday_date("Easter", 10) is None
    assert holiday_date("Easter", 10_000) is None

"""Metadata date strings and date windows."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictwatch.describe.intervals import Window
from conflictwatch.describe.metadata import parse_metadata_date
from conflictwatch.model import DatePrecision

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-04T23:30:00-05:00", (D(2020, 11, 4), DatePrecision.DAY)),
        ("Tue, 3 Nov 2020 08:00 GMT", (D(2020, 11, 3), DatePrecision.DAY)),
        ("Sept. 4, 2020", (D(2020, 9, 4), DatePrecision.DAY)),
        ("November 2020", (D(2020, 11, 1), DatePrecision.MONTH)),
        ("13/11/2020", (D(2020, 11, 13), DatePrecision.DAY)),
        ("04/11/2020", None),  # 4 November or 11 April: not settled
        ("2020-13-01", None),
        ("soon", None),
    ],
)
def test_parse_metadata_date(value: str, expected: object) -> None:
    assert parse_metadata_date(value) == expected


def test_window_intersection_and_gaps() -> None:
    terms = Window.of([(D(2014, 10, 11), D(2019, 10, 27)), (D(2019, 12, 1), D(2024, 11, 30))])
    window = terms.intersect(Window.between(D(2018, 5, 8), None))
    assert window.spans == ((D(2018, 5, 8), D(2019, 10, 27)), (D(2019, 12, 1), D(2024, 11, 30)))
    assert not window.contains(D(2019, 11, 15))
    assert window.describe() == "2018-05-08..2019-10-27, 2019-12-01..2024-11-30"
    assert Window.between(D(2020, 1, 1), D(2019, 1, 1)).empty


def test_touching_spans_merge() -> None:
    window = Window.of([(D(2020, 1, 1), D(2020, 1, 31)), (D(2020, 2, 1), D(2020, 3, 1))])
    assert window.spans == ((D(2020, 1, 1), D(2020, 3, 1)),)

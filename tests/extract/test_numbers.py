"""Number phrases read as counts with bounds."""

from __future__ import annotations

import pytest

from conflictwatch.extract.numbers import parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two", (2, 2)),
        ("Three soldiers", (3, 3)),
        ("at least 49", (49, None)),
        ("more than a dozen", (13, None)),
        ("over 100 people", (101, None)),
        ("up to 5,000", (None, 5000)),
        ("nearly 100", (None, 100)),
        ("fewer than 10", (None, 9)),
        ("dozens", (24, None)),
        ("hundreds of civilians", (200, None)),
        ("tens of thousands", (10000, None)),
        ("between 10 and 15", (10, 15)),
        ("10-15 fighters", (10, 15)),
        ("a soldier", (1, 1)),
        ("one of the victims", (1, 1)),
        ("twenty-five", (25, 25)),
        ("one hundred and fifty", (150, 150)),
        ("1.5 million", (1_500_000, 1_500_000)),
        ("three dozen", (36, 36)),
        ("another 54", (54, 54)),
        ("54 more", (54, 54)),
        ("some 300", (300, 300)),
        ("a few", (2, None)),
        ("several", (3, None)),
        ("no one", (0, 0)),
        ("a 23-year-old man", (1, 1)),
    ],
)
def test_counts_with_bounds(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2016",
        "23-year-old",
        "122mm",
        "122 mm",
        "5%",
        "40 percent",
        "$5,000",
        "10:30",
        "3 a.m.",
        "10 days",
        "the death toll",
        "",
        "   ",
        "soldiers",
    ],
)
def test_things_that_are_not_counts(text: str) -> None:
    assert parse_count(text) is None


def test_absurd_input_gives_no_count_and_no_error() -> None:
    assert parse_count("9" * 400) is None
    assert parse_count("\x00\ufffd ¿¡ ∞") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vague word before a multiplier scales it
        ("several hundred fighters", (300, None)),
        ("a few thousand residents", (2000, None)),
        ("several dozen policemen", (36, None)),
        ("many thousands of refugees", (2000, None)),
        ("hundreds of thousands of people", (200_000, None)),
        # fixed fractions and small vague groups
        ("half a dozen", (6, 6)),
        ("a handful of guards", (2, None)),
    ],
)
def test_vague_quantities_with_multipliers(
    text: str, expected: tuple[int | None, int | None]
) -> None:
    assert parse_count(text) == expected

"""Dates told by their distance from another event of the same sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.model import DatePrecision, TimeSpan
from conflictwatch.timex.relative import TimeOffset, from_host, time_offset, to_host


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _offset_of(nlp: Language, text: str, word: str) -> TimeOffset | None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    return time_offset(token, 100)


def _day(value: str) -> TimeSpan:
    day = dt.date.fromisoformat(value)
    return TimeSpan(value=value, start=day, end=day, precision=DatePrecision.DAY, text=value)


def _offset(count: int | None, unit: str, direction: int) -> TimeOffset:
    return TimeOffset(count=count, unit=unit, direction=direction, scope=(0, 1), text="")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        (
            "Gunmen killed 12 soldiers on Sunday, two days after militants ambushed a convoy.",
            "ambushed",
            (2, "day", -1, "two days after"),
        ),
        (
            "Rebels shelled the town on Monday, three days before the army retook it.",
            "retook",
            (3, "day", 1, "three days before"),
        ),
        (
            "A day after the attack on the market, soldiers raided a camp.",
            "attack",
            (1, "day", -1, "A day after"),
        ),
        (
            "Jets struck Rafah, two months after the army launched its offensive.",
            "offensive",
            (2, "month", -1, "two months after"),
        ),
        (
            "Troops killed five militants, 48 hours after insurgents attacked a base.",
            "attacked",
            (2, "day", -1, "48 hours after"),
        ),
        (
            "Gunmen attacked a church on Saturday, days after bandits abducted 20 farmers.",
            "abducted",
            (None, "day", -1, "days after"),
        ),
        (  # the parser hangs the unit on the host's verb, right before the mark
            "The attack on the base in the municipality of Tibu came a day after President "
            "Gustavo Petro suspended peace talks with the group.",
            "suspended",
            (1, "day", -1, "a day after"),
        ),
    ],
)
def test_a_distance_in_time_is_read_from_the_parse(
    nlp: Language, text: str, word: str, expected: tuple[int | None, str, int, str]
) -> None:
    found = _offset_of(nlp, text, word)
    assert found is not None
    assert (found.count, found.unit, found.direction, found.text) == expected
    assert found.scope[0] >= 100 and found.scope[1] <= 100 + len(text)


def test_the_distance_clause_covers_its_own_words_only(nlp: Language) -> None:
    text = "Gunmen killed 12 soldiers on Sunday, two days after militants ambushed a convoy."
    found = _offset_of(nlp, text, "ambushed")
    assert found is not None
    start, end = found.scope[0] - 100, found.scope[1] - 100
    assert text[start:end] == "two days after militants ambushed a convoy"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Protesters marched on Sunday after soldiers fired on a crowd.", "fired"),
        ("Gunmen killed 12 soldiers on Sunday.", "killed"),
        ("Talks resumed two days after the vote.", "resumed"),
    ],
)
def test_no_distance_no_offset(nlp: Language, text: str, word: str) -> None:
    assert _offset_of(nlp, text, word) is None


def test_days_after_move_a_day_back() -> None:
    moved = from_host(_day("2025-03-02"), _offset(2, "day", -1))
    assert moved is not None
    assert (moved.value, moved.start, moved.precision) == (
        "2025-02-28",
        dt.date(2025, 2, 28),
        DatePrecision.DAY,
    )


def test_the_host_is_moved_the_other_way() -> None:
    moved = to_host(_day("2025-02-28"), _offset(2, "day", -1))
    assert moved is not None and moved.value == "2025-03-02"


def test_a_week_is_the_week_around_the_day() -> None:
    moved = from_host(_day("2025-02-28"), _offset(1, "week", -1))
    assert moved is not None
    assert (moved.start, moved.end, moved.precision) == (
        dt.date(2025, 2, 18),
        dt.date(2025, 2, 24),
        DatePrecision.WEEK,
    )


def test_months_move_to_a_calendar_month() -> None:
    moved = from_host(_day("2025-03-04"), _offset(2, "month", -1))
    assert moved is not None
    assert (moved.value, moved.start, moved.end) == (
        "2025-01",
        dt.date(2025, 1, 1),
        dt.date(2025, 1, 31),
    )


def test_untold_days_are_the_week_before_never_the_same_day() -> None:
    moved = from_host(_day("2025-03-01"), _offset(None, "day", -1))
    assert moved is not None
    assert (moved.start, moved.end, moved.precision) == (
        dt.date(2025, 2, 22),
        dt.date(2025, 2, 28),
        DatePrecision.WEEK,
    )


def test_hours_keep_the_day() -> None:
    moved = from_host(_day("2025-03-03"), _offset(None, "hour", -1))
    assert moved is not None and moved.start == dt.date(2025, 3, 3)


def test_days_from_a_vague_host_give_nothing() -> None:
    month = TimeSpan(
        value="2025-03",
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 31),
        precision=DatePrecision.MONTH,
        text="March",
    )
    assert from_host(month, _offset(2, "day", -1)) is None
    assert from_host(month, _offset(None, "month", -1)) is None

"""Partial dates a text mentions: month-days without a year, weekdays, and years.

Mentions in sentences about the future ("will meet on Friday") are left out: they do not tell
what has already happened when the article was written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from conflictwatch.describe.calendar_words import (
    DAY_RE,
    MONTH_RE,
    WEEKDAY_RE,
    YEAR_RE,
    day_number,
    month_number,
    weekday_number,
)
from conflictwatch.describe.fulldates import FullDate
from conflictwatch.describe.textspans import Sentences

_FUTURE = re.compile(
    r"\b(?:will|shall|would|next|tomorrow|upcoming|to be held|scheduled|expected to|set to|"
    r"due to (?:meet|hold|visit|begin|start|arrive)|plans? to|is to|are to|going to)\b",
    re.IGNORECASE,
)
_NOT_YEAR_AFTER = r"(?![\w%]|[.,/:-]\d)"
_MONTH_DAY = re.compile(
    rf"(?P<month>{MONTH_RE})\s+(?P<day>{DAY_RE})\b(?!\s*,?\s*{YEAR_RE})(?![:.]\d)"
    rf"|\b(?P<day2>{DAY_RE})\s+(?:of\s+)?(?P<month2>{MONTH_RE})(?!\s*,?\s*{YEAR_RE})"
)
_MONTH_YEAR = re.compile(rf"(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?P<year>{YEAR_RE})\b")
_WEEKDAY = re.compile(WEEKDAY_RE)
# Named days are not weekdays of the story: "Black Friday", "Bloody Sunday".
_NAMED_DAY = re.compile(r"\b(?:Black|Good|Bloody|Holy|Easter|Palm|Ash|Super|Cyber|Maundy)\s+$")
_WEEKDAY_BEFORE_DATE = re.compile(rf"(?P<weekday>{WEEKDAY_RE})[\s,(]{{0,3}}$")
_WEEKDAY_AFTER_DATE = re.compile(rf"^[\s,(]{{0,3}}(?P<weekday>{WEEKDAY_RE})")
_YEAR = re.compile(rf"(?<![\w$€£.,/:-])(?P<year>{YEAR_RE})(?P<decade>s|'s|’s)?{_NOT_YEAR_AFTER}")
# A four-digit number that counts things is not a year: "some 2000 troops".
_COUNT_BEFORE = re.compile(
    r"\b(?:about|some|nearly|around|over|more than|at least|up to|almost|roughly|"
    r"approximately|estimated|total of)\s+$",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"^\s+(?:people|persons|soldiers|troops|servicemen|civilians|fighters|men|women|children|"
    r"residents|refugees|casualties|deaths|dead|lives|houses|homes|km|kilometers|kilometres|"
    r"miles|meters|metres|tons|tonnes|dollars|euros|rubles|members|strong)\b"
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class MonthDay:
    """A month and day without a year ("July 12"); `weekday` when one is printed beside it."""

    month: int
    day: int
    surface: str
    start: int
    weekday: int | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WeekdayMention:
    """A weekday named on its own ("said on Monday")."""

    weekday: int
    surface: str
    start: int


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mentions:
    """What a text says about dates short of a full date."""

    month_days: tuple[MonthDay, ...]
    weekdays: tuple[WeekdayMention, ...]
    years: tuple[int, ...]  # bare years ("since 2016", "the 1990s" -> 1990)
    month_year_floor: dt.date | None  # first day of the latest "July 2020" mentioned


def find_mentions(text: str, full_dates: tuple[FullDate, ...]) -> Mentions:
    """Collect month-days, weekdays and years outside full dates and future sentences."""
    sentences = Sentences.of(text)
    taken = [(date.start, date.end) for date in full_dates]
    month_days = _month_days(text, taken, sentences)
    taken += [(md.start, md.start + len(md.surface)) for md in month_days]
    month_years = _month_years(text, taken)
    taken += [(start, end) for start, end, _ in month_years]
    return Mentions(
        month_days=tuple(month_days),
        weekdays=tuple(_weekdays(text, taken, sentences)),
        years=tuple(_years(text, taken, sentences)),
        month_year_floor=max((day for _, _, day in month_years), default=None),
    )


def is_future_sentence(sentences: Sentences, offset: int) -> bool:
    """The sentence at `offset` speaks about what is yet to happen."""
    return _FUTURE.search(sentences.at(offset)) is not None


def _inside(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < stop and end > begin for begin, stop in taken)


def _month_days(text: str, taken: list[tuple[int, int]], sentences: Sentences) -> list[MonthDay]:
    found = []
    for match in _MONTH_DAY.finditer(text):
        if _inside(match.start(), match.end(), taken) or is_future_sentence(
            sentences, match.start()
        ):
            continue
        month_word, day_word = match["month"] or match["month2"], match["day"] or match["day2"]
        month, day = month_number(month_word), day_number(day_word)
        if 1 <= day <= 31:
            found.append(_with_weekday(text, match, month, day))
    return found


def _with_weekday(text: str, match: re.Match[str], month: int, day: int) -> MonthDay:
    """A month-day, widened to a weekday printed beside it ("Tuesday, November 16")."""
    start, end = match.start(), match.end()
    before = _WEEKDAY_BEFORE_DATE.search(text[max(0, start - 14) : start])
    after = _WEEKDAY_AFTER_DATE.match(text[end : end + 14])
    weekday = None
    if before:
        start, weekday = start - (min(start, 14) - before.start()), weekday_number(before[1])
    elif after:
        end, weekday = end + after.end(), weekday_number(after[1])
    return MonthDay(month=month, day=day, surface=text[start:end], start=start, weekday=weekday)


def _month_years(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, dt.date]]:
    found = []
    for match in _MONTH_YEAR.finditer(text):
        if not _inside(match.start(), match.end(), taken):
            day = dt.date(int(match["year"]), month_number(match["month"]), 1)
            found.append((match.start(), match.end(), day))
    return found


def _weekdays(
    text: str, taken: list[tuple[int, int]], sentences: Sentences
) -> list[WeekdayMention]:
    found = []
    for match in _WEEKDAY.finditer(text):
        start = match.start()
        if _inside(start, match.end(), taken) or is_future_sentence(sentences, start):
            continue
        if _NAMED_DAY.search(text[max(0, start - 10) : start]):
            continue
        found.append(
            WeekdayMention(weekday=weekday_number(match[0]), surface=match[0], start=start)
        )
    return found


def _years(text: str, taken: list[tuple[int, int]], sentences: Sentences) -> list[int]:
    found = []
    for match in _YEAR.finditer(text):
        start, end = match.start(), match.end()
        if _inside(start, end, taken) or is_future_sentence(sentences, start):
            continue
        if _COUNT_BEFORE.search(text[max(0, start - 20) : start]) or _COUNT_AFTER.match(text[end:]):
            continue
        found.append(int(match["year"]))
    return found

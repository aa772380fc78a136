"""Infer a publication day from month-days, weekdays and years that fit together in one year.

For a candidate year the publication day D is the latest day the article refers to: month-days
fall in that year, and the weekday the article names most (news names "today" and the past
week by weekday) is placed on the first such day on or after the latest month-day. Every other
weekday-only mention is the most recent such weekday on or before D. A year fits when at least
one weekday then lands on a month-day the text also mentions ("on July 16" ... "on Thursday"),
or when a weekday is printed beside a month-day ("Tuesday, November 16").

A bare year in the text ("in 2018") is a lower bound, and usually a past year: later years are
tried first and the year itself only when none of them fits.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt

from conflictwatch.describe.calendar_words import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    describe_day,
    most_recent_weekday,
    next_weekday,
    safe_date,
)
from conflictwatch.describe.intervals import Window
from conflictwatch.describe.mentions import MonthDay, WeekdayMention

#: How many years past the lower bound are tried.
YEAR_SPAN = 12


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Clues:
    """Partial dates from one text, and the window the publication day must fall in."""

    month_days: tuple[MonthDay, ...]
    weekdays: tuple[WeekdayMention, ...]
    latest_bare_year: int | None
    window: Window  # already bounded by years, full dates, people and today


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """The clues read in one candidate year."""

    year: int
    day: dt.date  # the publication day D
    coincidences: tuple[str, ...]  # e.g. "Thursday = July 16"
    paired: bool  # a weekday printed beside a month-day fixed the year


def infer_day(clues: Clues) -> Reading | None:
    """The reading of the earliest fitting year (best-scoring among weekday chains), or None.

    Years after the latest bare year are preferred whatever their score: the bare year is
    taken for a year gone by, and a chain that fits only there fits by accident more often.
    """
    tried = (read_year(clues, year) for year in candidate_years(clues))
    readings = [reading for reading in tried if reading is not None]
    if any(reading.paired for reading in readings):
        return readings[0]
    fitting = [reading for reading in readings if reading.coincidences]
    later = [reading for reading in fitting if reading.year > (clues.latest_bare_year or 0)]
    fitting = later or fitting
    if not fitting:
        return None
    best = max(len(reading.coincidences) for reading in fitting)
    return next(reading for reading in fitting if len(reading.coincidences) == best)


def candidate_years(clues: Clues) -> list[int]:
    """Years to try, in order of preference: after the latest bare year first, then that year."""
    first, last = clues.window.start, clues.window.end
    if first is None:
        return []
    end_year = min(first.year + YEAR_SPAN, last.year if last else first.year + YEAR_SPAN)
    years = list(range(first.year, end_year + 1))
    if clues.latest_bare_year in years:
        years.remove(clues.latest_bare_year)
        years.append(clues.latest_bare_year)
    return years


def read_year(clues: Clues, year: int) -> Reading | None:
    """Place every clue in `year`; None when a clue cannot hold there."""
    dated = [_in_year(month_day, year) for month_day in clues.month_days]
    if not dated or None in dated:
        return None
    days = [day for day in dated if day is not None]
    publication = _publication_day(clues.weekdays, max(days))
    if not clues.window.contains(publication):
        return None
    return Reading(
        year=year,
        day=publication,
        coincidences=_coincidences(clues.weekdays, days, publication),
        paired=any(month_day.weekday is not None for month_day in clues.month_days),
    )


def _in_year(month_day: MonthDay, year: int) -> dt.date | None:
    day = safe_date(year, month_day.month, month_day.day)
    if day is None or (month_day.weekday is not None and day.weekday() != month_day.weekday):
        return None
    return day


def _publication_day(weekdays: tuple[WeekdayMention, ...], latest: dt.date) -> dt.date:
    """The first day on or after `latest` that falls on the most-named weekday.

    Ties go to the later day: the article is written after everything it names.
    """
    counts = collections.Counter(mention.weekday for mention in weekdays)
    if not counts:
        return latest
    top = max(counts.values())
    return max(next_weekday(day, latest) for day, count in counts.items() if count == top)


def _coincidences(
    weekdays: tuple[WeekdayMention, ...], days: list[dt.date], publication: dt.date
) -> tuple[str, ...]:
    named = sorted({mention.weekday for mention in weekdays})
    placed = {weekday: most_recent_weekday(weekday, publication) for weekday in named}
    return tuple(
        f"{WEEKDAY_NAMES[weekday]} = {MONTH_NAMES[day.month - 1]} {day.day}"
        for weekday, day in placed.items()
        if day in days
    )


def describe_reading(reading: Reading, clues: Clues, checked: list[int]) -> str:
    """Evidence for an inferred day, in words."""
    if reading.paired:
        pair = next(md.surface for md in clues.month_days if md.weekday is not None)
        fit = f"'{pair}' first fits in {reading.year}"
    else:
        fit = f"weekday chain {', '.join(reading.coincidences)} fits in {reading.year}"
        fit += f" (years tried {min(checked)}-{max(checked)})" if len(checked) > 1 else ""
    return f"{fit}; publication taken as {describe_day(reading.day)}, the latest day referenced"

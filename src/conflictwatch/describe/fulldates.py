"""Full dates written in a text (day, month and year), with the weekday printed beside them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from conflictwatch.describe.calendar_words import (
    DAY_RE,
    MONTH_RE,
    WEEKDAY_ANY_RE,
    YEAR_RE,
    day_number,
    month_number,
    safe_date,
    weekday_number,
)

_WRITTEN_PATTERNS = (
    re.compile(rf"(?P<month>{MONTH_RE})\s+(?P<day>{DAY_RE}),?\s+(?P<year>{YEAR_RE})\b"),
    re.compile(rf"\b(?P<day>{DAY_RE})\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+(?P<year>{YEAR_RE})\b"),
)
_ISO = re.compile(rf"\b(?P<year>{YEAR_RE})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b")
_NUMERIC = re.compile(
    rf"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>{YEAR_RE})(?!\d)"
)
# A weekday printed right before or after the date: "Saturday (3/10/2020)", "4 Nov 2020, Wed".
_WEEKDAY_BEFORE = re.compile(rf"(?P<weekday>{WEEKDAY_ANY_RE})[\s,(]{{0,3}}$")
_WEEKDAY_AFTER = re.compile(rf"^[\s,(]{{0,3}}(?P<weekday>{WEEKDAY_ANY_RE})")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FullDate:
    """A date with day, month and year as written; numeric ones may read two ways."""

    start: int
    end: int
    surface: str  # the date as written, with its adjacent weekday if any
    readings: tuple[dt.date, ...]  # one date, or (day-first, month-first) for "3/10/2020"
    weekday: int | None = None  # weekday printed beside the date
    separator: str = ""  # "/", "." or "-" for numeric dates

    def weekday_matches(self) -> tuple[dt.date, ...]:
        """The readings that fall on the printed weekday."""
        return tuple(day for day in self.readings if day.weekday() == self.weekday)

    @property
    def settled(self) -> dt.date | None:
        """The one date this stands for, when the writing (or its weekday) leaves one reading."""
        readings = self.weekday_matches() if self.weekday is not None else self.readings
        return readings[0] if len(readings) == 1 else None

    @property
    def weekday_checked(self) -> bool:
        """A weekday is printed beside the date and exactly one reading agrees with it."""
        return self.weekday is not None and len(self.weekday_matches()) == 1

    @property
    def day_first(self) -> dt.date | None:
        """The first reading: day-month-year whenever that one exists (dotted dates use it)."""
        return self.readings[0] if self.readings else None


def find_full_dates(text: str) -> tuple[FullDate, ...]:
    """Every full date in `text`, in reading order, without overlaps."""
    found = [*_written_dates(text), *_numeric_dates(text)]
    found.sort(key=lambda date: (date.start, -date.end))
    kept: list[FullDate] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return tuple(_with_weekday(text, date) for date in kept)


def _written_dates(text: str) -> list[FullDate]:
    dates = []
    for pattern in (*_WRITTEN_PATTERNS, _ISO):
        for match in pattern.finditer(text):
            month = (
                int(match["month"]) if match["month"].isdigit() else month_number(match["month"])
            )
            day = safe_date(int(match["year"]), month, day_number(match["day"]))
            if day is not None:
                dates.append(_full_date(match, (day,)))
    return dates


def _numeric_dates(text: str) -> list[FullDate]:
    dates = []
    for match in _NUMERIC.finditer(text):
        first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
        day_first, month_first = safe_date(year, second, first), safe_date(year, first, second)
        readings = tuple(dict.fromkeys(day for day in (day_first, month_first) if day))
        if readings:
            dates.append(_full_date(match, readings, separator=match["sep"]))
    return dates


def _full_date(
    match: re.Match[str], readings: tuple[dt.date, ...], separator: str = ""
) -> FullDate:
    return FullDate(
        start=match.start(),
        end=match.end(),
        surface=match[0],
        readings=readings,
        separator=separator,
    )


def _with_weekday(text: str, date: FullDate) -> FullDate:
    window_start = max(0, date.start - 14)
    before = _WEEKDAY_BEFORE.search(text[window_start : date.start])
    if before:
        start = window_start + before.start()
        weekday = weekday_number(before["weekday"])
        if "(" in text[start : date.start] and text[date.end : date.end + 1] == ")":
            date = dataclasses.replace(date, end=date.end + 1)  # keep "(3/10/2020)" whole
        return dataclasses.replace(
            date, start=start, surface=text[start : date.end], weekday=weekday
        )
    after = _WEEKDAY_AFTER.match(text[date.end : date.end + 14])
    if after:
        end = date.end + after.end()
        weekday = weekday_number(after["weekday"])
        return dataclasses.replace(date, end=end, surface=text[date.start : end], weekday=weekday)
    return date

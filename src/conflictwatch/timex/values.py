"""TIMEX3 value strings: building them from dates and reading back the calendar interval they cover."""

from __future__ import annotations

import datetime as dt
import re

from conflictwatch.model import DatePrecision

#: Months each season covers (northern hemisphere, as TimeML's SP/SU/FA/WI).
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 14),
}

#: The latest year read as a year at all; later ones are counts or typos, not dates.
MAX_YEAR = 2199
MIN_YEAR = 1000

Interval = tuple[dt.date, dt.date, DatePrecision]

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d?)(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})")
_CENTURY = re.compile(r"(\d{2})")


def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    next_year, next_month = add_months(year, month, 1)
    return dt.date(next_year, next_month, 1) - dt.timedelta(days=1)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def interval_of(value: str) -> Interval | None:
    """The calendar interval (inclusive) a resolved TIMEX3 date/time value covers, else None."""
    try:
        return _interval(value)
    except (ValueError, OverflowError):
        return None


def _interval(value: str) -> Interval | None:
    if (m := _DAY.fullmatch(value)) is not None:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, DatePrecision.DAY
    if (m := _WEEK.fullmatch(value)) is not None:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), DatePrecision.WEEK
        return monday, monday + dt.timedelta(days=6), DatePrecision.WEEK
    if (m := _MONTH.fullmatch(value)) is not None:
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), month_end(year, month), DatePrecision.MONTH
    if (m := _QUARTER.fullmatch(value)) is not None:
        year, first = int(m[1]), 3 * int(m[2]) - 2
        return dt.date(year, first, 1), month_end(year, first + 2), DatePrecision.MONTH
    if (m := _HALF.fullmatch(value)) is not None:
        year, first = int(m[1]), 6 * int(m[2]) - 5
        return dt.date(year, first, 1), month_end(year, first + 5), DatePrecision.MONTH
    if (m := _SEASON.fullmatch(value)) is not None:
        year, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
        end_year, end_month = add_months(year, first, last - first)
        return dt.date(year, first, 1), month_end(end_year, end_month), DatePrecision.MONTH
    if (m := _YEAR.fullmatch(value)) is not None:
        year = int(m[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR
    if (m := _DECADE.fullmatch(value)) is not None:
        first = int(m[1]) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), DatePrecision.YEAR
    if (m := _CENTURY.fullmatch(value)) is not None and int(m[1]) > 9:
        first = int(m[1]) * 100
        return dt.date(first, 1, 1), dt.date(first + 99, 12, 31), DatePrecision.YEAR
    return None


#: The part of a month (first and last day) "early", "mid" and "late" name: thirds, as analysts read them.
_MONTH_PARTS = {"START": (1, 10), "MID": (11, 20), "END": (21, 31)}


def part_of(interval: Interval, mod: str | None) -> Interval:
    """The part of a month or of years that "early", "mid" or "late" (TIMEX3 mod START, MID, END)
    names: "late July" is July 21-31 and "late last year" September to December, so that "since
    late last year" starts in September, not in January. Precision stays the whole's: an analyst
    codes "late July" to the month. Other intervals and mods come back unchanged."""
    start, end, precision = interval
    if mod not in _MONTH_PARTS:
        return interval
    if precision == DatePrecision.MONTH and (start.year, start.month) == (end.year, end.month):
        first, last = _MONTH_PARTS[mod]
        return start.replace(day=first), start.replace(day=min(last, end.day)), precision
    if precision == DatePrecision.YEAR and start.month == 1 and start.day == 1:
        # a year in four-month parts; a decade or a century in thirds of its years
        months = 12 * (end.year - start.year + 1)
        third = months // 3
        offset = {"START": 0, "MID": third, "END": months - third}[mod]
        first_year, first_month = add_months(start.year, 1, offset)
        last_year, last_month = add_months(first_year, first_month, third - 1)
        return dt.date(first_year, first_month, 1), month_end(last_year, last_month), precision
    return interval


_PRECISIONS = (DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR)


def precision_of_width(first: dt.date, last: dt.date) -> DatePrecision:
    """The precision a stretch of days is known to, by its length: a day or two is a day (the
    past 24 hours reach into yesterday), up to a week a week, up to a quarter a month."""
    width = (last - first).days
    if width <= 1:
        return DatePrecision.DAY
    if width <= 7:
        return DatePrecision.WEEK
    return DatePrecision.MONTH if width <= 92 else DatePrecision.YEAR


def coarser(one: DatePrecision, other: DatePrecision) -> DatePrecision:
    return max(one, other, key=_PRECISIONS.index)

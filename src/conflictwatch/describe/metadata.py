"""Parse a date string taken from HTML or feed metadata, keeping the precision it states."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from conflictwatch.describe.calendar_words import (
    DAY_RE,
    MONTH_RE,
    WEEKDAY_ANY_RE,
    YEAR_RE,
    day_number,
    month_number,
    safe_date,
)
from conflictwatch.model import DatePrecision

StatedDate = tuple[dt.date, DatePrecision]

# Year first: "2020", "2020-11", "2020-11-04", "2020/11/04", "2020-11-04T10:00:00Z". The date part
# is taken as written: its own time zone is where the article was dated.
_YEAR_FIRST = re.compile(
    rf"(?P<year>{YEAR_RE})(?:(?P<sep>[-/.])(?P<month>\d{{1,2}})(?:(?P=sep)(?P<day>\d{{1,2}}))?)?"
    r"(?:[T ]\d.*)?"
)
_LEADING_WEEKDAY = rf"(?:{WEEKDAY_ANY_RE},?\s+)?"
_MONTH_DAY_YEAR = re.compile(
    rf"{_LEADING_WEEKDAY}(?P<month>{MONTH_RE})\s+(?P<day>{DAY_RE}),?\s+(?P<year>{YEAR_RE})\b.*"
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_LEADING_WEEKDAY}(?P<day>{DAY_RE})\s+(?P<month>{MONTH_RE}),?\s+(?P<year>{YEAR_RE})\b.*"
)
_MONTH_YEAR = re.compile(rf"(?P<month>{MONTH_RE}),?\s+(?P<year>{YEAR_RE})")
_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{YEAR_RE})\b.*"
)


def parse_metadata_date(value: str) -> StatedDate | None:
    """The date a metadata string states and its precision, or None when it cannot be read."""
    text = value.strip()
    for parse in (_parse_year_first, _parse_written, _parse_rfc2822, _parse_numeric):
        found = parse(text)
        if found is not None:
            return found
    return None


def _parse_year_first(text: str) -> StatedDate | None:
    match = _YEAR_FIRST.fullmatch(text)
    if match is None:
        return None
    year = int(match["year"])
    if match["month"] is None:
        return dt.date(year, 1, 1), DatePrecision.YEAR
    if match["day"] is None:
        month = int(match["month"])
        return (dt.date(year, month, 1), DatePrecision.MONTH) if 1 <= month <= 12 else None
    day = safe_date(year, int(match["month"]), int(match["day"]))
    return (day, DatePrecision.DAY) if day else None


def _parse_written(text: str) -> StatedDate | None:
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.fullmatch(text)
        if match:
            day = safe_date(
                int(match["year"]), month_number(match["month"]), day_number(match["day"])
            )
            return (day, DatePrecision.DAY) if day else None
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        return dt.date(int(match["year"]), month_number(match["month"]), 1), DatePrecision.MONTH
    return None


def _parse_rfc2822(text: str) -> StatedDate | None:
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        return None
    day = safe_date(parts[0], parts[1], parts[2])
    return (day, DatePrecision.DAY) if day else None


def _parse_numeric(text: str) -> StatedDate | None:
    """Only unambiguous numeric dates: one part above 12, or both parts equal."""
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    readings = {safe_date(year, second, first), safe_date(year, first, second)} - {None}
    if len(readings) != 1:
        return None
    (day,) = readings
    return (day, DatePrecision.DAY) if day else None

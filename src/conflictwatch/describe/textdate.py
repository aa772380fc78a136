"""Publication dates an article writes out in full: bylines, datelines, weekday-checked dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from conflictwatch.describe.calendar_words import describe_day
from conflictwatch.describe.fulldates import FullDate

#: Bylines sit in the first few non-empty lines (after a title, a banner, a caption).
TOP_LINES = 8

# A date-line cue opens the line: "Published: 4 Nov 2020", "Last updated on 04.11.2020".
_CUE_BEFORE = re.compile(
    r"^\W{0,3}(?:first |last )?(?:published|updated|posted|modified|date)(?:\s+on)?[\s:,|-]{0,4}$",
    re.IGNORECASE,
)
# "By <someone> <date>": at least one word between "By" and the date, so "By November 4, 2020,
# the army had ..." (a deadline) is not taken for a byline.
_BYLINE_BEFORE = re.compile(r"^\s*By\s+\S[^\n]{0,60}?[\s,|-]+$")
_DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z .'’-]{1,40},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?[-—–]")
# What may stand beside a date on a line of its own: times, zones, separators.
_DATE_LINE_FILLER = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|[|•·,:()—–-]"
    r"|\b(?:[ap]\.?m\.?|at|GMT|UTC|[A-Z]{2,4}T|local time)\b",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TextDate:
    """A publication date written in the article, and the words that say so."""

    value: dt.date
    evidence: str


def byline_date(text: str, dates: tuple[FullDate, ...]) -> TextDate | None:
    """The date of a byline, dateline or date line near the top of the article."""
    top_end = _top_region_end(text)
    for date in dates:
        if date.start >= top_end:
            break
        line_start = text.rfind("\n", 0, date.start) + 1
        line_end = _line_end(text, date.end)
        before, after = text[line_start : date.start], text[date.end : line_end]
        value = date.settled or (date.day_first if date.separator == "." else None)
        if value is not None and _is_byline(before, after):
            return TextDate(value=value, evidence=f"byline '{text[line_start:line_end].strip()}'")
    return None


def weekday_checked_date(dates: tuple[FullDate, ...]) -> TextDate | None:
    """A full date whose printed weekday settles it, when it is the latest full date in the text.

    An article may recall older dates; a later one in the text is what it was written after.
    """
    settled = [date.settled for date in dates if date.settled is not None]
    checked = [date for date in dates if date.weekday_checked]
    if not checked:
        return None
    best = max(checked, key=lambda date: date.settled or dt.date.min)
    value = best.settled
    if value is None or value < max(settled):
        return None
    return TextDate(value=value, evidence=_checked_evidence(best, value))


def _checked_evidence(date: FullDate, value: dt.date) -> str:
    others = [day for day in date.readings if day != value]
    words = f"'{date.surface}': {describe_day(value)}"
    if others:
        words += f" (not {describe_day(others[0])}: wrong weekday)"
    return f"weekday-checked date {words}; the latest full date in the text"


def _is_byline(before: str, after: str) -> bool:
    if _CUE_BEFORE.match(before) or _BYLINE_BEFORE.match(before):
        return True
    if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
        return True
    return not _DATE_LINE_FILLER.sub(" ", before + " " + after).strip()


def _top_region_end(text: str) -> int:
    for seen, match in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1):
        if seen == TOP_LINES:
            return match.end()
    return len(text)


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end

"""Named days ("Thanksgiving", "Easter", "Christmas Eve"): their date in a given year, offline.

The table is data/timex_holidays.tsv: a name, a rule and a source per row. Rules:
`fixed:MM-DD`; `nth:MM:W:N` (the Nth weekday W of month MM, Monday = 0, N = -1 for the last);
`easter:OFFSET` and `julian-easter:OFFSET` (days from Western or Orthodox Easter Sunday);
`election` (the Tuesday after the first Monday in November).
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources


@functools.cache
def holiday_rules() -> dict[str, str]:
    """Lowercased holiday name -> rule."""
    text = resources.files("conflictwatch.data").joinpath("timex_holidays.tsv").read_text("utf-8")
    rules: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] and parts[1]:
            rules[parts[0].strip().lower()] = parts[1].strip()
    return rules


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of the named holiday in `year`, or None for an unknown name or an odd rule."""
    rule = holiday_rules().get(" ".join(name.lower().replace("’", "'").split()))
    if rule is None or not 1583 <= year <= 9999:
        return None
    try:
        return _apply(rule, year)
    except (ValueError, IndexError, OverflowError):
        return None


def _apply(rule: str, year: int) -> dt.date | None:
    kind, _, arg = rule.partition(":")
    if kind == "fixed":
        month_text, day_text = arg.split("-")
        return dt.date(year, int(month_text), int(day_text))
    if kind == "nth":
        month, weekday, nth = (int(x) for x in arg.split(":"))
        return nth_weekday(year, month, weekday, nth)
    if kind == "easter":
        return western_easter(year) + dt.timedelta(days=int(arg))
    if kind == "julian-easter":
        return orthodox_easter(year) + dt.timedelta(days=int(arg))
    if kind == "election":
        return nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 = last) given weekday of a month."""
    if nth < 0:
        next_first = dt.date(year + month // 12, month % 12 + 1, 1)
        last = next_first - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def western_easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_skips, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon_correction = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_skips - moon_correction + 15) % 30
    quads, rest = divmod(year_in_century, 4)
    weekday_shift = (32 + 2 * leap_rest + 2 * quads - epact - rest) % 7
    limit = (golden + 11 * epact + 22 * weekday_shift) // 451
    month, day = divmod(epact + weekday_shift - 7 * limit + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday (Julian computus), given as a Gregorian date."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = dt.date(year, month, day + 1)
    gap = year // 100 - year // 400 - 2  # days between the calendars in that century
    return julian + dt.timedelta(days=gap)

"""Month and weekday vocabulary and the regex pieces every date pattern in this package shares."""

from __future__ import annotations

import datetime as dt

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTH_NAMES += ["September", "October", "November", "December"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

#: Month spellings (full names and press abbreviations) -> month number.
MONTHS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)})
MONTHS["Sept"] = 9

#: Weekday spellings -> ISO-like index (Monday = 0, as `date.weekday()`).
WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_ABBREVIATIONS = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3}
_WEEKDAY_ABBREVIATIONS.update({"Thurs": 3, "Fri": 4, "Sat": 5, "Sun": 6})
#: Abbreviations are only trusted right next to a full date ("Tue, 4 Nov 2020"), never in prose.
WEEKDAYS_WITH_ABBREVIATIONS: dict[str, int] = {**WEEKDAYS, **_WEEKDAY_ABBREVIATIONS}


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


#: A month word, case-sensitive ("May" the month, not "may" the verb); abbreviations may end in ".".
MONTH_RE = rf"\b(?:{_alternation(list(MONTHS))})\b\.?"
WEEKDAY_RE = rf"\b(?:{_alternation(WEEKDAY_NAMES)})\b"
WEEKDAY_ANY_RE = rf"\b(?:{_alternation(list(WEEKDAYS_WITH_ABBREVIATIONS))})\b\.?"
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"


def month_number(word: str) -> int:
    """The month a month word names ("Nov." -> 11)."""
    return MONTHS[word.rstrip(".")]


def weekday_number(word: str) -> int:
    """The weekday index a weekday word names ("Tues" -> 1)."""
    return WEEKDAYS_WITH_ABBREVIATIONS[word.rstrip(".")]


def day_number(word: str) -> int:
    """The day number of "4th", "04" or "21st"."""
    return int(word.rstrip("stndrh"))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 April, 29 February of a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def most_recent_weekday(weekday: int, on_or_before: dt.date) -> dt.date:
    """The latest date on or before `on_or_before` that falls on `weekday`."""
    return on_or_before - dt.timedelta(days=(on_or_before.weekday() - weekday) % 7)


def next_weekday(weekday: int, on_or_after: dt.date) -> dt.date:
    """The earliest date on or after `on_or_after` that falls on `weekday`."""
    return on_or_after + dt.timedelta(days=(weekday - on_or_after.weekday()) % 7)


def describe_day(day: dt.date) -> str:
    """A date as people read it: "Monday 20 July 2020"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"

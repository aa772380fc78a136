"""Rules for expressions that lean on the rest of the text: "the next day", "that year", "the
previous Friday", "the 1988 period", and named days such as "Thanksgiving".

Their handlers return a provisional value (from the anchor) plus an Anaphor; discourse.py settles it
once every expression of the text is known, in text order.
"""

from __future__ import annotations

import datetime as dt
import re

from conflictwatch.timex import values as v
from conflictwatch.timex.holidays import holiday_date, holiday_rules
from conflictwatch.timex.lexicon import WEEKDAYS, alternation
from conflictwatch.timex.rules import (
    _DAY,
    _MONTH_WORD,
    _PARTS,
    _WEEKDAY,
    _YEAR,
    Anaphor,
    Context,
    Handler,
    Reading,
    Rule,
    _date_reading,
    _month_number,
    _tense_cost,
)
from conflictwatch.timex.tense import FUTURE
from conflictwatch.timex.types import DATE, TIME

_I = re.IGNORECASE
#: A named day is seldom far from the report, but its tense decides more than for a date.
_HOLIDAY_AGAINST = 3.0
_DAY_PARTS = {"morning", "afternoon", "evening", "night"}


def _ref_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "that day", "the same week", "the next morning", "the preceding month", "the day after"."""
    groups = m.groupdict()
    unit = (groups["unit"] or groups["unit2"] or groups["unit3"] or "day").lower()
    direction = (groups["dir"] or groups["dir2"] or groups["dir3"] or "").lower()
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1}.get(
        direction, 0
    )
    if direction == "before":
        offset = -1
    part = _PARTS.get(unit) if unit in _DAY_PARTS else None
    if part is not None:
        unit = "day"
    anaphor = Anaphor(kind="ref", unit=unit, offset=offset, part=part)
    placeholder = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")
    return Reading(type=TIME if part else DATE, value=placeholder, confidence=0.5, anaphor=anaphor)


def _ref_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the previous Friday", "the following Monday": counted from the last date of the text."""
    weekday = WEEKDAYS[m["wd"].lower()]
    offset = 1 if m["dir"].lower() == "following" else -1
    anaphor = Anaphor(kind="ref-weekday", unit=str(weekday), offset=offset)
    return Reading(type=DATE, value="XXXX-XX-XX", confidence=0.5, anaphor=anaphor)


def _week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the week of March 6": the ISO week holding that day."""
    day = _date_reading(m, ctx, _month_number(m["mon"]), int(m["day"].rstrip("stndrh")), m["year"])
    if day is None or day.value.startswith("X"):
        return day and Reading(type=DATE, value="XXXX-WXX", confidence=0.5)
    week = v.week_value(dt.date.fromisoformat(day.value))
    return Reading(type=DATE, value=week, confidence=day.confidence)


def _latest_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1988 period", "the latest period" in results: a quarter (the one the text is about)."""
    if m["year"]:
        anaphor = Anaphor(kind="quarter-sure")
        return Reading(type=DATE, value=m["year"], anaphor=anaphor)
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX-QX", confidence=0.5)
    index = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 - 1
    value = f"{index // 4}-Q{index % 4 + 1}"
    return Reading(type=DATE, value=value, anaphor=Anaphor(kind="quarter", unit="focus"))


def _period_a_year_before(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the quarter a year ago", "the corresponding period last year": the text's quarter, a year
    before."""
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX-QX", confidence=0.5)
    anaphor = Anaphor(kind="quarter-sure", unit="focus", offset=-1)
    return Reading(type=DATE, value=str(ctx.anchor.year - 1), anaphor=anaphor)


def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = " ".join(m["name"].split())
    if not name[0].isupper():
        return None  # "easter" or "thanksgiving" in lower case is seldom the day
    if m["year"]:
        day = holiday_date(name, int(m["year"]))
        return Reading(type=DATE, value=v.day_value(day)) if day else None
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX-XX-XX", confidence=0.5)
    anchor = ctx.anchor
    options = [d for d in (holiday_date(name, anchor.year + k) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    shift = (m["shift"] or "").lower()
    if shift == "last":
        options = [d for d in options if d < anchor] or options
        day = max(options)
    elif shift == "next":
        options = [d for d in options if d > anchor] or options
        day = min(options)
    elif shift == "this":
        day = min(options, key=lambda d: abs(d.year - anchor.year) * 1000 + abs((d - anchor).days))
    else:
        tense = ctx.tense
        day = min(options, key=lambda d: _tense_cost((d - anchor).days, tense, _HOLIDAY_AGAINST))
    confidence = 1.0 if shift or ctx.tense_used != FUTURE else 0.8
    return Reading(type=DATE, value=v.day_value(day), confidence=confidence)


_HOLIDAY_NAMES = list(holiday_rules())
_HOLIDAY_WORDS = {name.split()[0].replace("'s", "").rstrip("'") for name in _HOLIDAY_NAMES}
_HOLIDAY_KEYS = {word.split("'")[0] for word in _HOLIDAY_WORDS}
_UNITS = r"day|morning|afternoon|evening|night|week|month|year"


def _make(
    name: str, pattern: str, handler: Handler, flags: int, keys: set[str], window: tuple[int, int]
) -> Rule:
    return Rule(name, re.compile(pattern, flags), handler, frozenset(keys), *window)


ANAPHORA_RULES: tuple[Rule, ...] = (
    _make(
        "ref-unit",
        r"\b(?:(?:earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same|the\s+very)\s+"
        rf"(?P<unit>{_UNITS})\b"
        r"(?![-'])|\bthe\s+(?P<dir>next|following|previous|preceding)\s+"
        r"(?P<unit2>day|morning|afternoon|evening|night)\b|"
        r"\bthe\s+(?P<dir2>preceding)\s+(?P<unit3>week|month|year)\b|"
        r"\bthe\s+day\s+(?P<dir3>before|after)\b(?=\s*[.,;:!?])",
        _ref_unit,
        _I,
        {"that", "same", "very", "next", "following", "previous", "preceding", "before", "after"},
        (16, 30),
    ),
    _make(
        "ref-weekday",
        rf"\bthe\s+(?P<dir>(?i:previous|preceding|following))\s+(?P<wd>{_WEEKDAY})\b",
        _ref_weekday,
        0,
        set(WEEKDAYS),
        (30, 12),
    ),
    _make(
        "week-of",
        rf"\b(?i:the\s+week\s+of)\s+(?P<mon>{_MONTH_WORD})\s+(?P<day>{_DAY})\b"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
        _week_of,
        0,
        {"week"},
        (4, 40),
    ),
    _make(
        "period",
        rf"\b(?:the\s+)?(?:(?P<year>{_YEAR})|latest|most\s+recent)\s+(?:fiscal\s+)?period\b",
        _latest_period,
        _I,
        {"period"},
        (30, 2),
    ),
    _make(
        "period-a-year-before",
        r"\bthe\s+(?:(?:same|corresponding|comparable)\s+)?(?:quarter|period)\s+"
        r"(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)\b|"
        r"\bthe\s+(?:same|corresponding|comparable)\s+(?:quarter|period)\b(?!\s+(?:of|in)\s)",
        _period_a_year_before,
        _I,
        {"quarter", "period"},
        (40, 30),
    ),
    _make(
        "holiday",
        rf"\b(?:(?P<shift>(?i:last|next|this))\s+)?(?P<name>(?i:{alternation(_HOLIDAY_NAMES)}))\b"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
        _holiday,
        0,
        _HOLIDAY_KEYS,
        (12, 40),
    ),
)

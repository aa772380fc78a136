"""Patterns that recognize temporal expressions, each with the function that normalizes it.

Every rule is a compiled regex plus a handler `(match, context) -> Reading | None`. When the regex has
a group named `t`, that group is the expression's extent and the rest of the match is context (a
preposition before it, a noun after it). A handler returns None when the words turn out not to be a
date after all (31 February, a count of 2,000 people), and the next candidate gets the place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable

from conflictwatch.model import DatePrecision
from conflictwatch.timex import values as v
from conflictwatch.timex.lexicon import MONTHS, WEEKDAYS, alternation, number_value, words
from conflictwatch.timex.stamps import opens_as_timestamp
from conflictwatch.timex.tense import FUTURE, PAST, past_cues
from conflictwatch.timex.types import DATE, DURATION, SET, TIME


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Anaphor:
    """What a reading still needs from the rest of the text (see discourse.py).

    kind "ref": `offset` units from the last date mentioned before it ("the following year");
    "ref-weekday": the weekday (`unit` = its number) before/after that date ("the previous Friday");
    "quarter": the year (the reading's own value, or the focus quarter's year plus `offset` when
    `unit` is "focus") joined to the quarter the text is about ("a year earlier" in earnings news);
    "yearless": a day or month written without a year, which may take the year written earlier in
    its sentence; "clock": a clock time with no day of its own ("at around 11 p.m."), on the day the
    sentence before or its own named (`part` is the time of day); "month-edge": the edge of the
    month its own sentence named before it, else of the anchor's month (already its value).
    """

    kind: str
    unit: str = ""
    offset: int = 0
    part: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """A handler's normalization of one match."""

    type: str
    value: str
    mod: str | None = None
    confidence: float = 1.0
    interval: v.Interval | None = None  # when the value alone does not say it ("earlier this week")
    range_end: str | None = None
    anaphor: Anaphor | None = None
    # counted in days from the anchor ("yesterday", "overnight"): in "..., police said on Monday"
    # discourse.py counts it from the day of the statement instead
    deictic: bool = False


class Context:
    """What a handler may ask about its match: the anchor and (computed on demand) the tense."""

    __slots__ = ("_cued_of", "_narrated_of", "_tense", "_tense_of", "anchor", "sentence", "text")

    def __init__(
        self,
        text: str,
        anchor: dt.date | None,
        tense_of: Callable[[], str],
        sentence: tuple[int, int] = (0, 0),
        *,
        cued_of: Callable[[], str | None] | None = None,
        narrated_of: Callable[[], bool] | None = None,
    ) -> None:
        self.text = text
        self.anchor = anchor
        self.sentence = sentence
        self._tense_of = tense_of
        self._cued_of = cued_of
        self._narrated_of = narrated_of
        self._tense: str | None = None

    def sentence_text(self) -> str:
        return self.text[self.sentence[0] : self.sentence[1]]

    @property
    def tense_used(self) -> str | None:
        """The tense if a handler asked for it, else None."""
        return self._tense

    @property
    def tense(self) -> str:
        if self._tense is None:
            self._tense = self._tense_of()
        return self._tense

    @property
    def cued_tense(self) -> str | None:
        """PAST or FUTURE when a verb or cue word of the sentence shows it, else None (where
        `tense` falls back to the news default, the past)."""
        if self._cued_of is None:
            return self.tense
        cued = self._cued_of()
        if cued is not None:
            self._tense = cued
        return cued

    @property
    def narrated_past(self) -> bool:
        """Whether the match dates a verb that narrates in the past (see tense.narrated_past);
        False without a parse."""
        return self._narrated_of is not None and self._narrated_of()


Handler = Callable[[re.Match[str], Context], Reading | None]


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, its handler, and the cheap trigger that says where the pattern can match at all.

    Scanning a whole article with every rule is slow; a rule runs only in a window of `before`/`after`
    characters around the words (lowercased letter runs) in `keys`; numbers trigger through the kind
    keys DIGITS, YEAR_DIGITS, DECADE and CLOCK.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    keys: frozenset[str]
    before: int
    after: int


# --- vocabulary as regex pieces -----------------------------------------------------------------------

_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?:1\d{3}|20\d\d|21\d\d)(?!\d)"
_UNITS = words("unit")
_UNIT = rf"(?:{alternation(_UNITS)})"
_NUMBER_WORD = alternation(words("number"))
_NUMBER = (
    rf"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+"
    rf"(?:one|two|three|four|five|six|seven|eight|nine))?|{_NUMBER_WORD})"
)
_ORDINAL = rf"(?:{alternation(words('ordinal'))})"
_SEASONS = words("season")
_PARTS = words("part_of_day")
_PART = r"(?:morning|afternoon|evening|night)"
_ZONE = rf"(?:{alternation(words('zone'))})"
_APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|over|"
    r"at\s+least|up\s+to|just|only|another|an\s+additional)"
)
_APPROX_MOD = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
}
_APPROX_MOD.update({"nearly": "LESS_THAN", "almost": "LESS_THAN", "some": "APPROX"})
_APPROX_MOD.update({"more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE"})
_APPROX_MOD.update({"less than": "LESS_THAN", "up to": "EQUAL_OR_LESS"})
_EDGE_MOD = {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID"}
_EDGE_MOD.update({"mid-": "MID", "the end of": "END", "the beginning of": "START"})
_EDGE_MOD.update({"the start of": "START", "the middle of": "MID"})


def _mod_of(word: str | None, table: dict[str, str]) -> str | None:
    return table.get(" ".join(word.lower().split())) if word else None


# --- small calendar helpers ---------------------------------------------------------------------------


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip("s")]


def _day_number(word: str) -> int:
    return int(word.rstrip("stndrh"))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_before(weekday: int, anchor: dt.date, *, inclusive: bool) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return anchor - dt.timedelta(days=back)


def _weekday_after(weekday: int, anchor: dt.date) -> dt.date:
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=ahead or 7)


def _year_plausible(year: int) -> bool:
    return v.MIN_YEAR <= year <= v.MAX_YEAR


#: Confidence of a reading that is probably wrong: a far-future year, a day the month does not
#: have. Such readings are kept as expressions but do not date events.
DOUBTFUL = 0.3
#: Confidence of a year written with two digits ("3/10/20", "in '98"): its century is inferred.
TWO_DIGIT_YEAR = 0.5
#: How far past the anchor's year a two-digit year may point before it is read in the century before.
_TWO_DIGIT_AHEAD = 10


def two_digit_year(short: int, anchor: dt.date | None) -> int:
    """The year of a two-digit year: the one in the hundred years around the anchor's year that is
    at most ten years after it ("'98" in 2024 is 1998, "'30" is 2030, "'40" is 1940)."""
    reference = anchor.year if anchor is not None else dt.date.today().year
    year = (reference // 100) * 100 + short
    return year - 100 if year > reference + _TWO_DIGIT_AHEAD else year


def _far_future(year: int, anchor: dt.date | None) -> bool:
    return year > (anchor.year if anchor else dt.date.today().year) + 30


#: How much farther an occurrence against the sentence's tense may be and still win (a past-tense
#: "on March 6" in a January article is usually the coming March 6, but not a March 6 ten months on).
_AGAINST_TENSE = 1.5
_MONTH_AGAINST = 1.5
#: Against a verb that narrates in the past ("fighting raged on July 12"): a day ahead of the
#: report wins only within about a month (365 / (1 + 10) days), for a report dated a little early.
_NARRATED_AGAINST = 10.0


def _tense_cost(offset: int, tense: str, weight: float = _AGAINST_TENSE) -> float:
    """Distance from the anchor, weighted up when it points against the tense."""
    against = offset > 0 if tense == PAST else offset < 0
    return abs(offset) * (weight if against else 1.0)


def resolve_month_day(
    month: int, day: int, anchor: dt.date, tense: str, weight: float = _AGAINST_TENSE
) -> dt.date | None:
    """The year of a day written without one: the occurrence nearest the anchor, tense-weighted."""
    options = [
        d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d is not None
    ]
    if not options:  # 29 February: the nearest leap years
        leap = [_safe_date(anchor.year + k, month, day) for k in range(-4, 5)]
        options = [d for d in leap if d is not None]
    if not options:
        return None
    return min(options, key=lambda d: _tense_cost((d - anchor).days, tense, weight))


#: "in" right before a month or season: it names when the verb's action happened, not a bound
#: ("by May", "until March") or a property ("for November transactions").
_IN_BEFORE = re.compile(r"\b(?:in|during|throughout|from|between)\s+(?:the\s+)?$", re.IGNORECASE)
#: The start of a range right before a month or season: "from April to ", "between May and ".
_RANGE_END_BEFORE = re.compile(
    rf"\b(?:from|between)\s+(?:the\s+)?(?P<first>{_MONTH_WORD})\s+(?:to|and|until|till|through|-|–)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "since" before a month or season looks back whatever the verb: "has continued since April".
_SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
#: Words after the last verb in the past that put what follows them out of the past: an
#: infinitive ("agreed to buy it in February") or a modal ("would be paid in January").
_NOT_PAST_AFTER = re.compile(
    r"\b(?:to\s+(?!the\b|a\b|an\b|\d)[a-z]+|would|could|should|might|may|must|can|until|by)\b",
    re.IGNORECASE,
)


def _side_of(m: re.Match[str], ctx: Context) -> str | None:
    return _side_at(m.start(), m.end(), ctx)


def _side_at(start: int, end: int, ctx: Context) -> str | None:
    """Which side of the anchor the month or season at text[start:end], named alone, lies on, when
    its sentence says so.

    PAST after "since". FUTURE when a future cue governs it. PAST only when it plainly dates a past
    action: "in" (or "during", "throughout", "from", "between") before it and a verb in the past
    before it (or, with none before, after it) with no infinitive or modal between ("operations
    were suspended in January", "In February, rebels seized it"); "announced a deal to buy it in
    January" may be a coming January.
    """
    if _SINCE_BEFORE.search(ctx.text, max(ctx.sentence[0], start - 16), start):
        return PAST
    cued = ctx.cued_tense
    if cued != PAST:
        return cued
    if not _IN_BEFORE.search(ctx.text, max(ctx.sentence[0], start - 12), start):
        return None
    before = past_cues(ctx.text, (ctx.sentence[0], start))
    if before:
        plain = not _NOT_PAST_AFTER.search(ctx.text, before[-1][1], start)
    else:  # "In February, the militants seized the town"
        after = past_cues(ctx.text, (end, ctx.sentence[1]))
        plain = bool(after) and not _NOT_PAST_AFTER.search(ctx.text, end, after[0][0])
    return PAST if plain else None


def _month_year_by_tense(month: int, anchor: dt.date, cued: str | None) -> int:
    """The year of a month written alone. A sentence that shows its tense decides the side of the
    anchor, as for weekdays: "were suspended in January" is the last January up to the anchor's
    month, "will resume in January" the next one from it. Without a cue, the nearest occurrence."""
    if cued == PAST:
        return anchor.year - (1 if month > anchor.month else 0)
    if cued == FUTURE:
        return anchor.year + (1 if month < anchor.month else 0)
    return _nearest_month_year(month, anchor, PAST)


def _nearest_month_year(month: int, anchor: dt.date, tense: str) -> int:
    """The year of a month written alone: the occurrence nearest the anchor's, tense-weighted."""
    here = anchor.year * 12 + anchor.month - 1
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(
        years, key=lambda year: _tense_cost(year * 12 + month - 1 - here, tense, _MONTH_AGAINST)
    )


def _year_by_weekday(month: int, day: int, weekday: int, anchor: dt.date) -> dt.date | None:
    """The date nearest the anchor on which month/day falls on `weekday` (within 6 years)."""
    found: list[dt.date] = []
    for offset in range(-6, 7):
        candidate = _safe_date(anchor.year + offset, month, day)
        if candidate is not None and candidate.weekday() == weekday:
            found.append(candidate)
    return min(found, key=lambda d: abs((d - anchor).days)) if found else None


# --- handlers -----------------------------------------------------------------------------------------

_YEARLESS = Anaphor(kind="yearless")

#: Words of a sentence that reports figures: "a year earlier" there means the same quarter a year
#: before, when the text is about a quarter.
_FIGURES = re.compile(
    r"\$|%|\b(?:cents?|pence|million|billion|profit|earnings|revenues?|sales)\b", re.I
)


_COMPARED = re.compile(r"\b(?:from|than|with|versus|vs\.|over|against)\b[^.;]{0,40}$", re.I)


def _quarter_anaphor(ctx: Context, offset: int, start: int | None = None) -> Anaphor | None:
    """A request for the text's quarter when the sentence reports figures ("up from $5 a year ago").

    With `start` ("last year"), only a comparison counts ("up from last year's $2 billion"); "a year
    earlier" always compares.
    """
    if not _FIGURES.search(ctx.sentence_text()):
        return None
    if start is not None and not _COMPARED.search(
        ctx.text, max(ctx.sentence[0], start - 45), start
    ):
        return None
    return Anaphor(kind="quarter", unit="focus", offset=offset)


def _date_reading(
    m: re.Match[str], ctx: Context, month: int, day: int, year_text: str | None
) -> Reading | None:
    weekday = _weekday_number(m["wd"]) if m.groupdict().get("wd") else None
    if year_text:
        year = int(year_text)
        date = _safe_date(year, month, day) if _year_plausible(year) else None
        if date is None:
            return None
        confidence = DOUBTFUL if _far_future(year, ctx.anchor) else 1.0
        if weekday is not None and date.weekday() != weekday:
            confidence = min(confidence, 0.5)
        return Reading(type=DATE, value=v.day_value(date), confidence=confidence)
    if all(_safe_date(y, month, day) is None for y in (2000, 2001)):
        return None  # 31 February, 31 April: no year has it
    if ctx.anchor is None:
        return Reading(type=DATE, value=f"XXXX-{month:02d}-{day:02d}", confidence=0.5)
    if weekday is not None:
        date = _year_by_weekday(month, day, weekday, ctx.anchor)
    else:
        weight = _NARRATED_AGAINST if ctx.narrated_past else _AGAINST_TENSE
        date = resolve_month_day(month, day, ctx.anchor, ctx.tense, weight)
    if date is None:
        return None
    return Reading(
        type=DATE,
        value=v.day_value(date),
        confidence=_attributive_confidence(m, ctx),
        anaphor=None if weekday is not None else _YEARLESS,
    )


def _attributive_confidence(m: re.Match[str], ctx: Context) -> float:
    """A date used as a modifier ("the November 9 statement" often names a past document of another year: trust it less."""
    before = ctx.text[max(0, m.start() - 4) : m.start()].lower()
    after = ctx.text[m.end() : m.end() + 20]
    return 0.6 if before.endswith("the ") and re.match(r"\s+[a-z]{3,}", after) else 1.0


def _month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    return _date_reading(m, ctx, _month_number(m["mon"]), _day_number(m["day"]), m["year"])


def _numeric_date(m: re.Match[str], ctx: Context) -> Reading | None:
    first, second, year_text = int(m["a"]), int(m["b"]), m["y"]
    year = int(year_text)
    confidence = 1.0
    if len(year_text) == 2:  # two-digit year: the century is a guess
        year = two_digit_year(year, ctx.anchor)
        confidence = TWO_DIGIT_YEAR
    if not _year_plausible(year):
        return None
    options = [d for d in (_safe_date(year, first, second), _safe_date(year, second, first)) if d]
    if not options:
        return None
    weekday = _adjacent_weekday(ctx.text, m.start(), m.end())
    matching = [d for d in options if weekday is not None and d.weekday() == weekday]
    if matching:
        chosen = matching[0]
    elif len(set(options)) == 1:
        chosen = options[0]
    elif ctx.anchor is not None:
        anchor = ctx.anchor
        chosen = min(options, key=lambda d: abs((d - anchor).days))
        confidence = min(confidence, 0.6)
    else:
        chosen, confidence = options[0], min(confidence, 0.5)  # month first, as US usage
    if _far_future(chosen.year, ctx.anchor):
        confidence = min(confidence, DOUBTFUL)
    return Reading(type=DATE, value=v.day_value(chosen), confidence=confidence)


def _adjacent_weekday(text: str, start: int, end: int) -> int | None:
    """A weekday written right before or after a numeric date: "Saturday (3/10/2020)"."""
    before = re.search(rf"({_WEEKDAY})\W{{1,4}}$", text[max(0, start - 16) : start])
    after = re.match(rf"\W{{1,4}}({_WEEKDAY})", text[end : end + 16])
    found = before or after
    return _weekday_number(found.group(1)) if found else None


def _iso_date(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["y"])
    date = _safe_date(year, int(m["m"]), int(m["d"])) if _year_plausible(year) else None
    if date is None:
        return None
    if m["hh"]:
        return Reading(type=TIME, value=f"{date.isoformat()}T{m['hh']}:{m['mm']}")
    return Reading(type=DATE, value=v.day_value(date))


def _month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["year"])
    if not _year_plausible(year):
        return None
    confidence = DOUBTFUL if _far_future(year, ctx.anchor) else 1.0
    if re.search(
        r"\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?$", ctx.text[max(0, m.start() - 8) : m.start()]
    ):
        confidence = DOUBTFUL  # a day number the month does not have ("31 February 2020")
    mod = _mod_of(m["edge"], _EDGE_MOD)
    return Reading(
        type=DATE,
        value=v.month_value(year, _month_number(m["mon"])),
        mod=mod,
        confidence=confidence,
    )


def _month_relative_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "October this year", "January 5 last year", "5 September last year", "between 2 and 5
    September last year" (days joined by "and" make a range only after "between", which the span
    then holds)."""
    month = _month_number(m["mon"])
    mod = _mod_of(m["edge"], _EDGE_MOD)
    if ctx.anchor is None:
        return Reading(type=DATE, value=f"XXXX-{month:02d}", mod=mod, confidence=0.5)
    year = ctx.anchor.year + _SHIFTS.get(m["shift"].lower(), 0)
    first = m["first"] or m["day"]
    if first is None:
        return Reading(type=DATE, value=v.month_value(year, month), mod=mod)
    day = _safe_date(year, month, _day_number(first))
    if day is None:
        return None
    reading = Reading(type=DATE, value=v.day_value(day), mod=mod)
    last = m["last"] or m["day2"]
    end = _safe_date(year, month, _day_number(last)) if last else None
    if end is None or end <= day:
        return reading
    return dataclasses.replace(
        reading, range_end=v.day_value(end), interval=(day, end, DatePrecision.DAY)
    )


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|from|through|of|before|after|early|late|last|next|"
    r"this|mid|between|and|or|to|around|throughout)\s*-?\s*)$",
    re.IGNORECASE,
)


def _month_alone(m: re.Match[str], ctx: Context) -> Reading | None:
    month = _month_number(m["mon"])
    bare_may = m["mon"] == "May" and not m["shift"] and not m["edge"]
    if bare_may and not _MONTH_CONTEXT.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None  # "may" the verb written at a sentence start, or a name
    mod = _mod_of(m["edge"], _EDGE_MOD)
    if ctx.anchor is None:
        return Reading(type=DATE, value=f"XXXX-{month:02d}", mod=mod, confidence=0.5)
    shift = (m["shift"] or "").lower()
    if shift == "last":
        year = ctx.anchor.year - (1 if month >= ctx.anchor.month else 0)
    elif shift == "next":
        year = ctx.anchor.year + (1 if month <= ctx.anchor.month else 0)
    elif shift == "this":
        year = ctx.anchor.year
    elif first := _RANGE_END_BEFORE.search(
        ctx.text, max(ctx.sentence[0], m.start() - 40), m.start()
    ):
        # the end of a range follows its start: "lasted from October to December", "will run
        # from June to August" (both in the coming year when June is past)
        first_month = _month_number(first["first"])
        side = _side_at(first.start("first"), first.end("first"), ctx)
        year = _month_year_by_tense(first_month, ctx.anchor, side) + (month < first_month)
    else:
        year = _month_year_by_tense(month, ctx.anchor, _side_of(m, ctx))
    return Reading(
        type=DATE, value=v.month_value(year, month), mod=mod, confidence=_no_such_day(m, ctx)
    )


_DAY_BEFORE = re.compile(r"\b\d{1,2}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?$")


def _no_such_day(m: re.Match[str], ctx: Context) -> float:
    """Low confidence for a month whose day number was left out as no year has it ("31 February":
    the day rules read every real day first, so a day number left before a month is impossible)."""
    return DOUBTFUL if _DAY_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start()) else 1.0


_COUNTED_AFTER = re.compile(r"\s*(?:%|percent\b|per\s|(?P<word>[a-z]+)\b)")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|since|in|of|until|by|from|during)\s+$", re.I
)
#: Words after a number that make it a count, not a year ("2000 people"); "the 2020 war" stays a year.
_COUNT_NOUNS = {"people", "men", "women", "children", "police", "personnel", "staff", "km", "kg"}


def _is_count(m: re.Match[str], text: str, year: int) -> bool:
    """A four-digit number used as a quantity: "2000 people", "1500 troops", "2,000 percent"."""
    after = _COUNTED_AFTER.match(text, m.end())
    if after is None:
        return False
    word = after["word"]
    if word is None:
        return True  # %, percent, per
    if _DETERMINER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return False
    return (
        word in _COUNT_NOUNS or (word.endswith("s") and word not in _NOT_PLURAL) or year % 100 == 0
    )


_NOT_PLURAL = {"was", "has", "is", "as", "this", "its", "his", "whereas", "thus", "plus", "us"}


_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|during|from|of|before|after|between|and|through|year|fiscal)\s+$",
    re.IGNORECASE,
)


def _year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["year"])
    if not _year_plausible(year):
        return None
    preceded = _YEAR_CONTEXT.search(ctx.text[max(0, m.start() - 10) : m.start()]) is not None
    if _is_count(m, ctx.text, year):
        return None
    if not preceded and (year < 1800 or _far_future(year, ctx.anchor)):
        return None
    confidence = DOUBTFUL if _far_future(year, ctx.anchor) else (1.0 if preceded else 0.8)
    return Reading(
        type=DATE, value=f"{year:04d}", mod=_mod_of(m["edge"], _EDGE_MOD), confidence=confidence
    )


_SHORT_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|during|from|of|before|after|between|and|through|to|the|"
    r"early|mid|late)[\s-]+$",
    re.IGNORECASE,
)


def _short_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """A year written as an apostrophe and two digits ("in '98", "the '08 war"), after a word that
    introduces a time; its century is inferred, so its confidence is lower."""
    if not _SHORT_YEAR_CONTEXT.search(ctx.text, max(0, m.start() - 10), m.start()):
        return None
    year = two_digit_year(int(m["yy"]), ctx.anchor)
    return Reading(type=DATE, value=f"{year:04d}", confidence=TWO_DIGIT_YEAR)


def _year_range(m: re.Match[str], ctx: Context) -> Reading | None:
    first = int(m["y1"])
    last_text = m["y2"]
    last = int(last_text) if len(last_text) == 4 else (first // 100) * 100 + int(last_text)
    if not (_year_plausible(first) and first < last <= v.MAX_YEAR):
        return None
    interval = (dt.date(first, 1, 1), dt.date(last, 12, 31), DatePrecision.YEAR)
    return Reading(type=DATE, value=str(first), range_end=str(last), interval=interval)


def _day_range(m: re.Match[str], ctx: Context) -> Reading | None:
    month = _month_number(m["mon"])
    first = _date_reading(m, ctx, month, _day_number(m["d1"]), m["year"])
    if first is None or first.value.startswith("X"):
        return first
    start = dt.date.fromisoformat(first.value)
    end = _safe_date(start.year, month, _day_number(m["d2"]))
    if end is None or end <= start:
        return None
    interval = (start, end, DatePrecision.DAY)
    return dataclasses.replace(first, range_end=v.day_value(end), interval=interval)


def _day_first_range(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "8 to 9 March", "the night of 8-9 March", "between 3 and 5 March". Without "between",
    "on 3 and 5 March" names two days, not the days between: the second is read alone."""
    between = re.search(r"\bbetween\s+$", ctx.text[max(0, m.start() - 9) : m.start()], re.I)
    if m["join"].lower() == "and" and between is None:
        return None
    return _day_range(m, ctx)


def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    digits = m["dec"] or m["dd"]
    written = m.group(0)
    if len(digits) == 2 and "'" not in written and not written.lower().startswith("the"):
        return None  # "in his 30s" is an age
    if len(digits) == 2:  # "the '90s": the century nearest the anchor's past
        now = ctx.anchor.year if ctx.anchor else 2000
        century = now // 100 if int(digits) <= now % 100 else now // 100 - 1
        digits = f"{century}{digits}"
    return Reading(type=DATE, value=digits[:3], mod=_mod_of(m["edge"], _EDGE_MOD))


def _century(m: re.Match[str], ctx: Context) -> Reading | None:
    text = m["n"].lower()
    number = int(text.rstrip("stndrh")) if text[0].isdigit() else int(words("ordinal")[text])
    if not 1 <= number <= 22:
        return None
    return Reading(type=DATE, value=f"{number - 1:02d}")


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    weekday = _weekday_number(m["wd"])
    if m["plural"]:
        return Reading(type=SET, value=f"XXXX-WXX-{weekday + 1}")
    part = _PARTS.get((m["part"] or "").lower())
    mod = _mod_of(m["edge"], _EDGE_MOD)
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}" + (f"T{part}" if part else "")
        return Reading(type=TIME if part else DATE, value=value, mod=mod, confidence=0.5)
    day = _weekday_date(weekday, (m["shift"] or "").lower(), ctx)
    # "Friday night" or "morning": annotators mostly give the day itself; "evening" they mark
    value = v.day_value(day) + ("TEV" if part == "EV" else "")
    return Reading(type=TIME if part else DATE, value=value, mod=mod)


def _weekday_date(weekday: int, shift: str, ctx: Context) -> dt.date:
    anchor = ctx.anchor
    assert anchor is not None
    if shift in {"last", "past", "previous"}:
        return _weekday_before(weekday, anchor, inclusive=False)
    if shift in {"next", "coming"}:
        return _weekday_after(weekday, anchor)
    if shift == "this":
        return v.week_start(anchor) + dt.timedelta(days=weekday)
    if ctx.tense == FUTURE:
        return _weekday_after(weekday, anchor)
    return _weekday_before(weekday, anchor, inclusive=True)


_RELATIVE_DAYS = {k: int(x) for k, x in words("relative_day").items()}


def _relative_day(m: re.Match[str], ctx: Context) -> Reading | None:
    word = " ".join(m["word"].lower().split())
    if m["word"][0].isupper() and _looks_like_name(ctx.text, m.start(), m.end()):
        return None  # "Today Public Television"
    if word == "last":
        offset, part = -1, _PARTS.get((m["part"] or "").lower())
    elif word == "this":
        offset, part = 0, _PARTS.get((m["part"] or "").lower())
    else:
        offset = _RELATIVE_DAYS[word]
        part = "NI" if word == "tonight" else _PARTS.get((m["part"] or "").lower())
    if part is None and word in {"last", "this"}:
        return None
    if ctx.anchor is None:
        return Reading(type=TIME if part else DATE, value="XXXX-XX-XX", confidence=0.5)
    day = ctx.anchor + dt.timedelta(days=offset)
    if part:
        return Reading(type=TIME, value=f"{day.isoformat()}T{part}", deictic=True)
    return Reading(type=DATE, value=v.day_value(day), deictic=True)


def _looks_like_name(text: str, start: int, end: int, *, title: bool = False) -> bool:
    """Capitalized inside a sentence and followed by a capitalized word (or, for a `title` that is
    capitalized throughout, by anything): a name such as "Today Show" or "This Week"."""
    before = text[max(0, start - 3) : start]
    if title:  # a title may open a quotation; only a sentence start makes it ordinary words
        return not (start == 0 or re.search(r"(?:[.!?]\s*|\n\s*)$", before))
    if start == 0 or re.search(r"(?:[.!?\"“]\s*|\n\s*)$", before):
        return False
    return re.match(r"\s+[A-Z]", text[end : end + 2]) is not None


#: "overnight on Monday", "overnight into Tuesday", "Sunday overnight": the weekday dates the night.
_NIGHT_OF_WEEKDAY_AFTER = re.compile(rf"\s+(?:(?:on|into|to)\s+)?{_WEEKDAY}\b", re.IGNORECASE)
_NIGHT_OF_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY}\s+$", re.IGNORECASE)


def _overnight(m: re.Match[str], ctx: Context) -> Reading | None:
    text = m.string
    if _NIGHT_OF_WEEKDAY_AFTER.match(text, m.end()) or _NIGHT_OF_WEEKDAY_BEFORE.search(
        text, max(0, m.start() - 12), m.start()
    ):
        return None  # the weekday's own reading dates it; the night before publication would not
    if ctx.anchor is None:
        return Reading(type=TIME, value="XXXX-XX-XXTNI", confidence=0.5)
    night = ctx.anchor - dt.timedelta(days=1)
    interval = (night, ctx.anchor, DatePrecision.DAY)
    return Reading(type=TIME, value=f"{night.isoformat()}TNI", interval=interval, deictic=True)


#: The part of the day a dawn or a dusk word falls in.
_TWILIGHT_PARTS = {"dawn": "MO", "daybreak": "MO", "first light": "MO", "dusk": "EV",
                   "nightfall": "EV"}  # fmt: skip


def _twilight(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "Troops killed nine rebels on Monday ... encountered them at dawn": a part of a day the
    text names around it, settled as a clock time with no day of its own."""
    part = _TWILIGHT_PARTS[" ".join(m["word"].lower().split())]
    if ctx.anchor is None:
        return Reading(type=TIME, value=f"XXXX-XX-XXT{part}", confidence=0.5)
    return Reading(
        type=TIME,
        value=f"{ctx.anchor.isoformat()}T{part}",
        anaphor=Anaphor(kind="clock", part=part),
    )


_DURING_BEFORE = re.compile(r"\b(?:during|throughout|through)\s+$", re.IGNORECASE)


def _the_night(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "Gunfire was heard during the night": the night before, as "overnight"."""
    if not _DURING_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return _overnight(m, ctx)


_SHIFTS = {k: int(x) for k, x in words("shift").items()}


def _shifted_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    shift_word = m["shift"].lower()
    unit = m["unit"].lower()
    edge = " ".join((m["edge"] or "").lower().split())
    if m["the"] and shift_word in {"following", "previous"} and not edge and unit in _REF_UNITS:
        # "the following year": one year after the date the text last spoke of
        offset = 1 if shift_word == "following" else -1
        ref = Anaphor(kind="ref", unit=unit, offset=offset)
        return Reading(type=DATE, value=_unresolved_value(unit), confidence=0.5, anaphor=ref)
    if m["the"] and shift_word in {"next", "coming", "following"} and not edge:
        code = _UNITS.get(unit)
        if code is None or unit == "weekend":
            return None
        return Reading(type=DURATION, value=_duration_value("1", code))  # "the past week"
    if shift_word == "past" and unit == "decade" and not edge:
        # "over the past decade": the ten years up to now, as "the past 20 years" (TimeBank's
        # reading); "the last decade" stays the calendar decade before this one
        window = _window("1", unit, shift_word, ctx.anchor)
        return Reading(type=DURATION, value=_duration_value("1", "DE"), interval=window)
    if m["unit"][0].isupper() and _looks_like_name(ctx.text, m.start(), m.end(), title=True):
        return None  # the television show "This Week"
    shift = _SHIFTS.get(shift_word, 0)
    mod = _mod_of(edge or None, _EDGE_MOD)
    if ctx.anchor is None:
        return Reading(type=DATE, value=_unresolved_value(unit), mod=mod, confidence=0.5)
    value = _shifted_value(unit, shift, ctx.anchor)
    if value is None:
        return None
    quarter = _quarter_in_sentence(ctx) if unit == "year" and shift == -1 else None
    anaphor: Anaphor | None = None
    if quarter is not None:
        value = f"{value}-Q{quarter}"  # "profit rose from last year" in quarterly results
    elif unit == "year" and shift == -1 and not edge:
        anaphor = _quarter_anaphor(ctx, -1, m.start())
    interval = _partial_interval(value, edge, ctx.anchor) if shift == 0 else None
    return Reading(type=DATE, value=value, mod=mod, interval=interval, anaphor=anaphor)


#: Units "the following ..." can count from the last date of the text.
_REF_UNITS = {"week", "weekend", "month", "year"}


def _unresolved_value(unit: str) -> str:
    return {
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
    }.get(unit, "XXXX")


def _shifted_value(unit: str, shift: int, anchor: dt.date) -> str | None:
    if unit == "week":
        return v.week_value(anchor + dt.timedelta(weeks=shift))
    if unit == "weekend":
        return v.week_value(anchor + dt.timedelta(weeks=shift)) + "-WE"
    if unit == "month":
        return v.month_value(*v.add_months(anchor.year, anchor.month, shift))
    if unit == "year":
        return f"{anchor.year + shift:04d}"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + shift)
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    if unit in _SEASONS:
        return _season_value(_SEASONS[unit], shift, anchor)
    return None


def _season_value(season: str, shift: int, anchor: dt.date) -> str:
    """This (shift 0), the last (-1) or the next (+1) season of that name around the anchor."""

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        interval = v.interval_of(f"{year}-{season}")
        assert interval is not None
        return interval[0], interval[1]

    if shift < 0:
        year = anchor.year
        while bounds(year)[1] >= anchor:
            year -= 1
        return f"{year + shift + 1}-{season}"
    if shift > 0:
        year = anchor.year - 1
        while bounds(year)[0] <= anchor:
            year += 1
        return f"{year + shift - 1}-{season}"
    return f"{anchor.year}-{season}"


def _partial_interval(value: str, edge: str, anchor: dt.date) -> v.Interval | None:
    """The part of a period before or after the anchor: "earlier this week" runs from the week's start to the anchor; "later this month" the reverse."""
    whole = v.interval_of(value)
    if whole is None or not edge.startswith(("earlier", "later")):
        return None
    start, end, precision = whole
    if edge.startswith("earlier"):
        return start, min(end, anchor), precision
    return max(start, anchor), end, precision


def _in_the_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = m["unit"].lower()
    edge = m["edge"].lower()
    mod = _mod_of(edge, _EDGE_MOD)
    if ctx.anchor is None:
        return Reading(type=DATE, value=_unresolved_value(unit), mod=mod, confidence=0.5)
    value = _shifted_value(unit, 0, ctx.anchor)
    if value is None:
        return None
    return Reading(
        type=DATE, value=value, mod=mod, interval=_partial_interval(value, edge, ctx.anchor)
    )


def _the_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX-WXX-WE", confidence=0.5)
    if ctx.tense == FUTURE:
        saturday = _weekday_after(5, ctx.anchor)
    else:
        saturday = _weekday_before(5, ctx.anchor, inclusive=True)
    return Reading(type=DATE, value=v.week_value(saturday) + "-WE")


def _ago(m: re.Match[str], ctx: Context) -> Reading | None:
    count = number_value(m["n"])
    unit = m["unit"].lower()
    direction = " ".join(m["dir"].lower().split())
    sign = 1 if direction in {"later", "after", "from now", "hence"} else -1
    mod = _mod_of(m["approx"], _APPROX_MOD)
    if count is None or unit in {"second", "minute", "hour", "night", "weekend"}:
        return None
    if count == "X" or "." in count:
        return Reading(type=DATE, value="FUTURE_REF" if sign > 0 else "PAST_REF", mod=mod)
    n = int(count) * sign
    if ctx.anchor is None:
        return Reading(type=DATE, value=_unresolved_value(unit), mod=mod, confidence=0.5)
    value = _ago_value(unit, n, ctx.anchor)
    quarter = _quarter_in_sentence(ctx) if unit == "year" else None
    anaphor = None
    if quarter is not None and value is not None:
        value = f"{value}-Q{quarter}"  # "a year earlier" in quarterly results
    elif unit == "year" and n == -1:
        anaphor = _quarter_anaphor(ctx, -1)
    if value is None:
        return None
    relative = direction in {"earlier", "later"}
    if (
        anaphor is None
        and quarter is None
        and relative
        and unit in {"day", "week", "month", "year"}
    ):
        anaphor = Anaphor(kind="ref", unit=unit, offset=n)  # "two days later": after what was told
    confidence = 0.6 if relative else 1.0
    return Reading(type=DATE, value=value, mod=mod, confidence=confidence, anaphor=anaphor)


def _hours_later(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "Troops retook the base hours later": on the day the text last named, not the report's."""
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX-XX-XX", confidence=0.5)
    ref = Anaphor(kind="ref", unit="day", offset=0)
    return Reading(type=DATE, value=v.day_value(ctx.anchor), confidence=0.6, anaphor=ref)


_QUARTER_WORD = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?quarter\b", re.IGNORECASE
)


def _quarter_in_sentence(ctx: Context, extra: str = "") -> int | None:
    """The quarter a sentence of quarterly results is about, or None when it names no quarter.

    "Profit rose 5% from a year earlier" in a sentence about the third quarter means that quarter a
    year before; an unnumbered "quarter" is the last one completed before the anchor.
    """
    found = _QUARTER_WORD.search(extra) or _QUARTER_WORD.search(ctx.sentence_text())
    if found is None or ctx.anchor is None:
        return None
    if found["ord"]:
        return int(words("ordinal").get(found["ord"].lower(), found["ord"][:1]))
    return (ctx.anchor.month - 1) // 3 or 4


def _year_earlier(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "year-earlier", "the year-ago quarter": the same period a year before the anchor's."""
    if re.match(r"\s+(?:\w+\s+)?months\b", ctx.text[m.end() : m.end() + 20]):
        return None  # "the year-earlier nine months": a length of time, read as a duration
    if ctx.anchor is None:
        return Reading(type=DATE, value="XXXX", confidence=0.5)
    quarter = _quarter_in_sentence(ctx, m.group(0))
    year = ctx.anchor.year - 1
    if quarter is None:
        return Reading(type=DATE, value=f"{year}", anaphor=_quarter_anaphor(ctx, -1))
    if quarter == 4 and ctx.anchor.month <= 3:
        year -= 1
    return Reading(type=DATE, value=f"{year}-Q{quarter}")


def _ago_value(unit: str, n: int, anchor: dt.date) -> str | None:
    try:
        if unit == "day":
            return v.day_value(anchor + dt.timedelta(days=n))
        if unit in {"week", "fortnight"}:
            return v.week_value(anchor + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    except OverflowError:
        return None
    if unit == "month":
        return v.month_value(*v.add_months(anchor.year, anchor.month, n))
    if unit == "year" and v.MIN_YEAR <= anchor.year + n <= v.MAX_YEAR:
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return str((anchor.year + 10 * n) // 10)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return f"{index // 4}-Q{index % 4 + 1}"
    return None


def _duration_value(count: str, code: str) -> str:
    if code in {"S", "H"}:
        return f"PT{count}{code}"
    if code == "2W":
        return f"P{2 * int(count) if count.isdigit() else 'X'}W"
    if code == "CE":
        return f"P{int(count) * 100 if count.isdigit() else 'X'}Y"
    if code == "DE":
        return f"P{10 * int(count)}Y" if count.isdigit() else "PXY"
    return f"P{count}{code}"


def _not_a_duration(m: re.Match[str], text: str, unit: str) -> bool:
    """Ages ("52 years old"), fractions ("three-quarters of"), ordinals ("a second round")."""
    if re.match(r"\s+old\b", text[m.end() : m.end() + 5]):
        return True
    if unit == "quarter" and "-" in m.group(0):
        return True
    return unit == "second" and m["n"].lower() in {"a", "an"}


_AMOUNT_BEFORE = re.compile(r"(?:\d|\bmillion|\bbillion|\bhours?|\btimes|\bpercent|%)\s*$", re.I)


def _is_rate(m: re.Match[str], text: str) -> bool:
    """ "$1.76 a year", "24 hours a day", "358,000 a month": a rate, not a stretch of time."""
    if m["n"].lower() not in {"a", "an"} or m["approx"]:
        return False
    return _AMOUNT_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None


def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = m["unit"].lower()
    count = number_value(m["n"])
    if count is None or unit == "weekend":
        return None
    if count == "0.5" or (count.isdigit() and int(count) >= 1000 and unit != "year"):
        return None  # "the 1988 second quarter" is no duration of 1988 seconds
    if _not_a_duration(m, ctx.text, unit) or _is_rate(m, ctx.text):
        return None
    code = _UNITS[unit]
    approx = m["approx"]
    if approx and approx.lower() == "over" and (m["det"] or m["shift"]):
        approx = None  # "over the past 24 hours" is during them, not more than them
    if (m["frac"] or m["half"]) and count.isdigit():
        value = _and_a_half(int(count), unit)
        return Reading(type=DURATION, value=value, mod=_mod_of(approx, _APPROX_MOD))
    if code == "DE" and count.isdigit():
        return Reading(
            type=DURATION,
            value=f"P{10 * int(count)}Y",
            mod=_mod_of(approx, _APPROX_MOD),
            interval=_window(count, unit, m["shift"], ctx.anchor),
        )
    value = f"PT{count}M" if unit == "minute" else _duration_value(count, code)
    low = number_value(m["n0"]) if m["n0"] else None
    if low is not None and low.isdigit() and count.isdigit() and int(low) < int(count):
        # "two to three weeks", "12 to 18 months": the shorter length, the longer as range_end
        first = f"PT{low}M" if unit == "minute" else _duration_value(low, code)
        return Reading(
            type=DURATION, value=first, range_end=value, mod=_mod_of(approx, _APPROX_MOD)
        )
    window = _window(count, unit, m["shift"], ctx.anchor)
    return Reading(type=DURATION, value=value, mod=_mod_of(approx, _APPROX_MOD), interval=window)


#: Words that lay a stretch of time back from the report's date ("the past 24 hours") or ahead
#: of it ("the next two weeks").
_WINDOW_BACK = frozenset({"past", "last", "previous"})
_WINDOW_AHEAD = frozenset({"next", "coming"})
#: Days in each unit a window is counted in; months and years go by the calendar.
_WINDOW_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "night": 1, "week": 7,
    "fortnight": 14,
}  # fmt: skip
_WINDOW_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}


def _window(count: str, unit: str, shift: str | None, anchor: dt.date | None) -> v.Interval | None:
    """The days a duration laid against the report's date covers: "killed over the past 24 hours"
    is the day before the report and the report's day; "in the next two weeks" the 14 days after
    it. The value stays a duration (TimeML's PT24H); the interval is what dates an event."""
    if anchor is None or shift is None or not count.isdigit():
        return None
    direction = -1 if shift.lower() in _WINDOW_BACK else 1 if shift.lower() in _WINDOW_AHEAD else 0
    if direction == 0 or int(count) == 0:
        return None
    if unit in _WINDOW_MONTHS:
        year, month = v.add_months(
            anchor.year, anchor.month, direction * int(count) * _WINDOW_MONTHS[unit]
        )
        other = dt.date(year, month, min(anchor.day, v.month_end(year, month).day))
    elif unit in _WINDOW_DAYS:
        other = anchor + dt.timedelta(days=direction * math.ceil(int(count) * _WINDOW_DAYS[unit]))
    else:
        return None
    first, last = min(anchor, other), max(anchor, other)
    return first, last, v.precision_of_width(first, last)


#: A half of each unit, in the next smaller one: "2 1/2 years" is P2Y6M.
_HALVES = {
    "year": ("Y", "6M"),
    "month": ("M", "15D"),
    "week": ("W", "3DT12H"),
    "day": ("D", "T12H"),
}
_HALVES.update({"hour": ("TH", "30M"), "minute": ("TM", "30S")})


def _and_a_half(count: int, unit: str) -> str:
    whole, half = _HALVES.get(unit, ("", ""))
    if not whole:
        return _duration_value(str(count), _UNITS[unit])
    if whole.startswith("T"):
        return f"PT{count}{whole[1:]}{half}"
    return f"P{count}{whole}{half}"


def _ordinal_day(m: re.Match[str], ctx: Context) -> Reading | None:
    number = words("ordinal").get(m["ord"].lower())
    if number is None or number.startswith("-"):
        return None
    return Reading(type=DURATION, value=_duration_value(number, _UNITS[m["unit"].lower()]))


def _bare_units(m: re.Match[str], ctx: Context) -> Reading | None:
    code = _UNITS.get(m["unit"].lower().rstrip("s"))
    if code is None or code == "WE":
        return None
    return Reading(type=DURATION, value=_duration_value("X", code))


def _quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    ordinal = (m["ord"] or "").lower()
    shift = " ".join((m["shift"] or "").lower().split())
    if not (ordinal or shift or m["the"]):
        return None
    half = m["unit"].lower() == "half"
    if half and not ordinal and shift == "last" and (m["year"] or m["year2"]):
        ordinal = "second"  # "the last half of 1989"
    if half and not ordinal:
        return None
    number = int(words("ordinal").get(ordinal, ordinal[:1] or "0"))
    if ctx.anchor is None and not (m["year"] or m["year2"]):
        return Reading(type=DATE, value="XXXX-H" if half else "XXXX-QX", confidence=0.5)
    if ctx.anchor is None:
        year = int(m["year"] or m["year2"])
        if number and 1 <= number <= (2 if half else 4):
            return Reading(type=DATE, value=f"{year}-{'H' if half else 'Q'}{number}")
        return Reading(type=DATE, value=str(year), confidence=0.5)
    year_shift = {"last year's": -1, "next year's": 1}.get(shift, 0)
    year = ctx.anchor.year + year_shift
    written_year = m["year"] or m["year2"]
    if written_year:
        year = int(written_year)
    if not number and not half and (written_year or year_shift or shift in {"this", "current"}):
        # "the 1988 quarter", "last year's quarter": the quarter the text is about, in that year
        unit = "" if written_year else "focus"
        anaphor = Anaphor(kind="quarter-sure", unit=unit, offset=year_shift)
        if written_year or year_shift:
            return Reading(type=DATE, value=str(year), anaphor=anaphor)
    if half:
        return Reading(type=DATE, value=f"{year}-H{number}") if number in (1, 2) else None
    if number:
        return Reading(type=DATE, value=f"{year}-Q{number}") if 1 <= number <= 4 else None
    ended = _QUARTER_ENDED.match(ctx.text, m.end())
    if ended is not None and not half:
        # "the quarter ended Sept. 30": the calendar quarter holding that day
        last = resolve_month_day(
            _month_number(ended["mon"]), _day_number(ended["day"]), ctx.anchor, PAST
        )
        if last is not None:
            return Reading(type=DATE, value=f"{last.year}-Q{(last.month - 1) // 3 + 1}")
    offset = {"next": 1, "coming": 1, "this": 0, "current": 0}.get(shift, -1)
    index = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 + offset
    focus = Anaphor(kind="quarter", unit="focus") if offset in (-1, 0) else None
    return Reading(type=DATE, value=f"{index // 4}-Q{index % 4 + 1}", anaphor=focus)


_QUARTER_ENDED = re.compile(
    rf"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?P<mon>{_MONTH_WORD})\s+(?P<day>{_DAY})"
)


def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m["season"].lower()
    shift = (m["shift"] or "").lower()
    before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
    bare = word in {"fall", "spring"} and not (shift or m["year"] or m["edge"])
    if bare and not re.search(r"\b(?:in|during|by|since|until|through)\s+$", before):
        return None  # "prices fall", "a spring"
    season = _SEASONS[word]
    mod = _mod_of(m["edge"], _EDGE_MOD)
    if m["year"]:
        return Reading(type=DATE, value=f"{m['year']}-{season}", mod=mod)
    if ctx.anchor is None:
        return Reading(type=DATE, value=f"XXXX-{season}", mod=mod, confidence=0.5)
    if shift in ("", "the"):
        value = _season_by_tense(season, ctx.anchor, _side_of(m, ctx))
    else:
        value = _season_value(season, _SHIFTS.get(shift, 0), ctx.anchor)
    return Reading(type=DATE, value=value, mod=mod)


def _season_by_tense(season: str, anchor: dt.date, cued: str | None) -> str:
    """A season named without a year, as a month alone: in a past-tense sentence the last one begun
    by the anchor, in a future one the next one not yet over; without a cue the one the anchor
    falls in ("the winter" in February is the one begun in December), else the anchor's year's."""
    year = anchor.year
    last = v.interval_of(f"{year - 1}-{season}")
    if cued is None and last is not None and last[0] <= anchor <= last[1]:
        return f"{year - 1}-{season}"
    if cued == PAST:
        while (found := v.interval_of(f"{year}-{season}")) is not None and found[0] > anchor:
            year -= 1
    elif cued == FUTURE:
        while (found := v.interval_of(f"{year}-{season}")) is not None and found[1] < anchor:
            year += 1
    return f"{year}-{season}"


def _clock_time(m: re.Match[str], ctx: Context) -> Reading | None:
    groups = m.groupdict()
    word = (groups.get("word") or "").lower()
    if word:
        hour, minute = (12, 0) if word in {"noon", "midday"} else (0, 0)
    else:
        hour, minute = int(m["h"]), int(groups.get("mi") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23:
            return None
    mod = _mod_of(groups.get("approx"), _APPROX_MOD)
    clock = f"{hour:02d}:{minute:02d}"
    day = _time_day(m, ctx) or _day_by_conversion(ctx, m.end(), hour * 60 + minute)
    anaphor = None
    if day is None and opens_as_timestamp(ctx.text, m.start(), m.end()):
        day = ctx.anchor  # a live page's entry posted on the page's day
    elif day is None and ctx.anchor is not None:
        day, anaphor = ctx.anchor, Anaphor(kind="clock", part=clock)
    date_part = day.isoformat() if day else "XXXX-XX-XX"
    confidence = 1.0 if day else 0.5
    return Reading(
        type=TIME, value=f"{date_part}T{clock}", mod=mod, confidence=confidence, anaphor=anaphor
    )


def _time_day(m: re.Match[str], ctx: Context) -> dt.date | None:
    """The day a clock time names itself: its own date, weekday or "yesterday"; else None."""
    groups = m.groupdict()
    month_word = groups.get("wdmon") or groups.get("wdmon2")
    if month_word:  # "11:30 a.m. on Monday, 3 August": the date the weekday is written with
        month = _month_number(month_word)
        day = _day_number(groups.get("wdday") or groups.get("wdday2") or "")
        if groups.get("wdyear"):
            return _safe_date(int(groups["wdyear"]), month, day)
        if ctx.anchor is None:
            return None
        weekday = WEEKDAYS.get((groups.get("dayword") or "").lower())
        dated = None if weekday is None else _year_by_weekday(month, day, weekday, ctx.anchor)
        return dated or resolve_month_day(month, day, ctx.anchor, ctx.tense)
    if ctx.anchor is None:
        return None
    if groups.get("mon") and groups.get("mday"):
        return resolve_month_day(
            _month_number(groups["mon"]), _day_number(groups["mday"]), ctx.anchor, ctx.tense
        )
    day_word = (groups.get("dayword") or _weekday_in_brackets(ctx.text, m.end()) or "").lower()
    if day_word in WEEKDAYS:
        return _weekday_date(WEEKDAYS[day_word], "", ctx)
    if day_word in _RELATIVE_DAYS:
        return ctx.anchor + dt.timedelta(days=_RELATIVE_DAYS[day_word])
    return None


#: A clock time's conversion in brackets with its own day: "3:40 a.m. local time (2240 GMT on
#: Monday)", "01:30 local (22:30 GMT Monday)".
_CONVERSION = re.compile(
    rf"\s*\(\s*(?:at\s+)?(?P<h>[01]?\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?:GMT|UTC|Z)\s*,?\s*(?:on\s+)?"
    rf"(?P<wd>{_WEEKDAY})\s*\)"
)
#: The widest offsets of local time from GMT, in minutes: twelve hours behind, fourteen ahead.
_ZONE_BEHIND, _ZONE_AHEAD = -12 * 60, 14 * 60


def _day_by_conversion(ctx: Context, end: int, local: int) -> dt.date | None:
    """The day of a local clock time from its bracketed conversion: 2240 GMT on Monday is 3:40 a.m.
    local on Tuesday, since no zone is nineteen hours behind GMT (it is five hours ahead)."""
    found = _CONVERSION.match(ctx.text, end)
    if found is None or ctx.anchor is None:
        return None
    gmt_day = _weekday_date(_weekday_number(found["wd"]), "", ctx)
    offset = local - (int(found["h"]) * 60 + int(found["mi"]))
    if offset < _ZONE_BEHIND:
        return gmt_day + dt.timedelta(days=1)
    if offset > _ZONE_AHEAD:
        return gmt_day - dt.timedelta(days=1)
    return gmt_day


_BRACKETED_WEEKDAY = re.compile(rf"\s*\([^()]{{1,24}}\)\s*(?:on\s+)?({_WEEKDAY})\b")


def _weekday_in_brackets(text: str, end: int) -> str | None:
    """The weekday after a bracketed aside: "10:35 a.m. (0735 GMT) Friday"."""
    found = _BRACKETED_WEEKDAY.match(text, end)
    return found.group(1) if found else None


def _year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "by year end", "the year's end": this year's end; "since year-end": last year's."""
    return _edge_of_current("year", "END", m, ctx)


_UNIT_EDGE_MOD = {"start": "START", "beginning": "START", "turn": "START", "middle": "MID"}


def _unit_edge(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "since the start of the year", "by the end of the month", "the middle of the week"."""
    return _edge_of_current(m["unit"].lower(), _UNIT_EDGE_MOD.get(m["edge"].lower(), "END"), m, ctx)


def _edge_of_current(unit: str, mod: str, m: re.Match[str], ctx: Context) -> Reading | None:
    """The edge of the anchor's year, month or week. News means the current one by "the start of
    the year" even after narrating an older year, so no reference to the text's last date is taken.
    After "since", an end is the previous one's: "since the end of the month" looks back."""
    if ctx.anchor is None:
        placeholder = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit]
        return Reading(type=DATE, value=placeholder, mod=mod, confidence=0.5)
    since = re.search(r"\bsince\s+$", ctx.text[max(0, m.start() - 7) : m.start()], re.I)
    back = 1 if since and mod == "END" else 0
    anchor = ctx.anchor
    anaphor = None
    if unit == "year":
        value = str(anchor.year - back)
    elif unit == "month":
        value = v.month_value(*v.add_months(anchor.year, anchor.month, -back))
        # "a truce declared in April expired at the end of the month": April's end
        anaphor = None if since else Anaphor(kind="month-edge")
    else:
        value = v.week_value(anchor - dt.timedelta(weeks=back))
    return Reading(type=DATE, value=value, mod=mod, anaphor=anaphor)


def _spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "nineteen ninety-six", "the year two thousand" (transcribed speech)."""
    if m["t1"]:
        century = 19 if m["t1"].lower() == "nineteen" else 20
        rest = number_value(m["t2"])
        if rest is None or not rest.isdigit():
            return None
        return Reading(type=DATE, value=f"{century}{int(rest):02d}", confidence=0.8)
    rest = number_value(m["t3"]) if m["t3"] else "0"
    return Reading(type=DATE, value=f"{2000 + int(rest or 0)}", confidence=0.8)


def _reference(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading(type=DATE, value=words("reference")[" ".join(m["t"].lower().split())])


def _set_word(m: re.Match[str], ctx: Context) -> Reading | None:
    if re.search(r"\baverage\s+$", ctx.text[max(0, m.start() - 9) : m.start()], re.I):
        return None  # "average daily volume": a measure, not a recurrence
    return Reading(type=SET, value=words("set")[m["t"].lower()])


def _every(m: re.Match[str], ctx: Context) -> Reading | None:
    what = m["unit"].lower()
    if what.rstrip("s") in WEEKDAYS:
        return Reading(type=SET, value=f"XXXX-WXX-{WEEKDAYS[what.rstrip('s')] + 1}")
    code = _UNITS.get(what.rstrip("s"))
    if code is None or code == "WE":
        return None
    count = number_value(m["n"]) if m.groupdict().get("n") else "1"
    if m.groupdict().get("other"):
        count = "2"
    return Reading(type=SET, value=_duration_value(count or "1", code))


# --- the rules ------------------------------------------------------------------------------------------

_I = re.IGNORECASE
_EDGE = r"(?P<edge>early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_DAY_WORD = (
    rf"(?:(?P<dayword>{_WEEKDAY}|today|yesterday|tomorrow|tonight)"
    # "on Monday, 3 August (2026)", "on Monday, August 3": the weekday's own date
    rf"(?:,?\s+(?:(?P<wdday>{_DAY})\s+(?P<wdmon>{_MONTH_WORD})|"
    rf"(?P<wdmon2>{_MONTH_WORD})\s+(?P<wdday2>{_DAY}))(?:,?\s+(?P<wdyear>{_YEAR}))?)?|"
    rf"(?P<mon>{_MONTH_WORD})\s+(?P<mday>{_DAY})(?!\d))"
)


def _rule(
    name: str,
    pattern: str,
    handler: Handler,
    flags: int = 0,
    *,
    keys: Iterable[str],
    window: tuple[int, int],
) -> Rule:
    return Rule(name, re.compile(pattern, flags), handler, frozenset(keys), *window)


#: Trigger words shared by several rules.
DIGITS = "#digits"  # a number of one to three digits
YEAR_DIGITS = "#year"  # four digits or more
DECADE = "#decade"  # 1990s, 90s
CLOCK = "#clock"  # a number followed by ":", "a.m.", "pm", "o'clock"
_K_MONTH = set(MONTHS)
_K_WEEKDAY = set(WEEKDAYS)
_K_UNIT = set(_UNITS) | {f"{u}s" for u in _UNITS} | {"centuries"}
_K_SEASON = set(_SEASONS)
_K_REFERENCE = {phrase.split()[-1] for phrase in words("reference")}


RULES: tuple[Rule, ...] = (
    _rule(
        "month-day",
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_WORD})\s+(?P<day>{_DAY})\b"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
        _month_day,
        keys=_K_MONTH,
        window=(20, 30),
    ),
    _rule(
        "day-month",
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH_WORD})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
        _month_day,
        keys=_K_MONTH,
        window=(30, 20),
    ),
    _rule(
        "day-range",
        rf"(?P<mon>{_MONTH_WORD})\s+(?P<d1>{_DAY})\s*(?:-|–|to|through|and)\s*(?P<d2>{_DAY})\b"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
        _day_range,
        keys=_K_MONTH,
        window=(5, 40),
    ),
    _rule(
        "range-day-month",
        rf"\b(?:the\s+)?(?P<d1>{_DAY})\s*(?P<join>-|–|to|through|until|and)\s*"
        rf"(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH_WORD})(?:,?\s+(?P<year>{_YEAR}))?",
        _day_first_range,
        keys=_K_MONTH,
        window=(40, 20),
    ),
    _rule(
        "numeric-date",
        r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
        _numeric_date,
        keys={DIGITS},
        window=(4, 12),
    ),
    _rule(
        "iso-date",
        r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d))?(?![\d-])",
        _iso_date,
        keys={YEAR_DIGITS},
        window=(6, 12),
    ),
    _rule(
        "month-year",
        rf"\b(?:{_EDGE}[\s-]*)?(?P<mon>{_MONTH_WORD}),?\s+(?:of\s+)?(?P<year>{_YEAR})",
        _month_year,
        keys=_K_MONTH,
        window=(25, 20),
    ),
    _rule(
        "month-relative-year",
        rf"\b(?:(?:(?P<between>(?i:between))\s+)?(?:the\s+)?(?P<first>{_DAY})"
        r"(?:\s*(?P<join>-|–|to|through|until|(?(between)and|(?!)))\s*"
        rf"(?:the\s+)?(?P<last>{_DAY}))?(?:\s+of)?\s+)?"
        rf"(?:{_EDGE}[\s-]*)?(?P<mon>{_MONTH_WORD})"
        rf"(?:\s+(?P<day>{_DAY})(?:\s*(?:-|–|to|through)\s*(?P<day2>{_DAY}))?)?,?\s+(?:of\s+)?"
        r"(?P<shift>(?i:this|last|next))\s+year\b",
        _month_relative_year,
        keys=_K_MONTH,
        window=(30, 40),
    ),
    _rule(
        "month",
        rf"\b(?:(?i:(?P<shift>last|next|this))\s+)?(?:(?i:{_EDGE})[\s-]*)?(?P<mon>{_FULL_MONTH})"
        r"(?!\s*\d)",
        _month_alone,
        keys=_K_MONTH,
        window=(30, 12),
    ),
    _rule(
        "year",
        rf"(?<![\d$€£.,:/#-])(?P<t>(?:(?i:fiscal)\s+(?:year\s+)?)?(?:(?i:{_EDGE})[\s-]*)?"
        rf"(?P<year>{_YEAR}))(?![\d,]\d|\.\d|-\d|%)",
        _year,
        keys={YEAR_DIGITS},
        window=(20, 6),
    ),
    _rule(
        "short-year",
        r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’%-])",
        _short_year,
        keys={DIGITS},
        window=(14, 4),
    ),
    _rule(
        "year-range",
        rf"(?<![\d$€£.,:/#-])(?P<y1>{_YEAR})\s*(?:-|–|to)\s*(?P<y2>{_YEAR}|\d\d)(?![\d%])",
        _year_range,
        keys={YEAR_DIGITS},
        window=(2, 14),
    ),
    _rule(
        "decade",
        rf"(?i:(?:the\s+)?(?:{_EDGE}[\s-]*)?)(?:(?P<dec>1[5-9]\d0|20\d0)|'?(?P<dd>[0-9]0))'?s\b",
        _decade,
        keys={DECADE},
        window=(30, 4),
    ),
    _rule(
        "century",
        rf"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL})\s+century\b",
        _century,
        _I,
        keys={"century"},
        window=(30, 8),
    ),
    _rule(
        "weekday",
        rf"\b(?:(?i:(?P<shift>last|next|this|coming|past|previous))\s+)?(?:(?i:{_EDGE})\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?P<plural>s)?\b(?:\s+(?P<part>{_PART}))?",
        _weekday,
        keys=_K_WEEKDAY,
        window=(40, 20),
    ),
    _rule(
        "relative-day",
        r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
        rf"yesterday|tomorrow|last|this)\b(?:(?:'s)?\s+(?P<part>{_PART}))?",
        _relative_day,
        _I,
        keys={
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "morning",
            "afternoon",
            "evening",
            "night",
        },
        window=(30, 20),
    ),
    _rule(
        "overnight",
        r"\bovernight\b",
        _overnight,
        _I,
        keys={"overnight"},
        window=(2, 2),
    ),
    _rule(
        "twilight",
        # the span keeps its preposition: "before dawn" is early morning, no open bound
        r"\b(?:at|before|around|after|by)\s+(?P<word>dawn|daybreak|dusk|nightfall|first\s+light)\b",
        _twilight,
        _I,
        keys={"dawn", "daybreak", "dusk", "nightfall", "light"},
        window=(8, 12),
    ),
    _rule(
        "during-the-night",
        r"\bthe\s+night\b(?!\s+of\b)",
        _the_night,
        _I,
        keys={"night"},
        window=(6, 6),
    ),
    _rule(
        "shifted-unit",
        r"\b(?P<the>the\s+)?(?:(?P<edge>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|"
        r"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)\s+)?"
        r"(?P<shift>last|past|previous|this|current|next|coming|following)\s+"
        r"(?P<unit>weekend|week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)\b",
        _shifted_unit,
        _I,
        keys=_K_UNIT | _K_SEASON,
        window=(40, 2),
    ),
    _rule(
        "in-the-unit",
        r"(?P<edge>earlier|later|early|late)\s+in\s+the\s+(?P<unit>week|month|year)\b",
        _in_the_unit,
        _I,
        keys={"week", "month", "year"},
        window=(30, 2),
    ),
    _rule(
        "the-weekend",
        r"\bthe\s+weekend\b",
        _the_weekend,
        _I,
        keys={"weekend"},
        window=(10, 2),
    ),
    _rule(
        "hours-later",
        r"\b(?:(?:just|only|a\s+few|several|some)\s+)?(?:hours|minutes|moments)\s+"
        r"(?:later|afterwards?|earlier)\b",
        _hours_later,
        _I,
        keys={"later", "afterward", "afterwards", "earlier"},
        window=(25, 12),
    ),
    _rule(
        "ago",
        rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_NUMBER}|a\s+few|a|an|several|few)\s+"
        rf"(?P<unit>{_UNIT})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        _ago,
        _I,
        keys={"ago", "earlier", "later", "now", "hence"},
        window=(45, 12),
    ),
    _rule(
        "duration",
        rf"\b(?:(?P<approx>{_APPROX})\s+)?(?:(?P<det>the|its|their|his|her)\s+)?"
        r"(?:(?P<shift>past|last|next|first|previous|coming|following|final|initial|latest|"
        r"remaining)\s+)?"
        rf"(?:(?P<n0>{_NUMBER})\s*(?:to|or|-|–)\s*)?"
        rf"(?P<n>{_NUMBER}|a\s+few|a|an|several|few|many|couple\s+of|a\s+couple\s+of)"
        r"(?P<frac>\s*(?:1/2|½))?(?:\s+(?:more|additional|further))?(?:\s+|-)"
        rf"(?P<unit>{_UNIT})s?(?:-long)?\b(?!-old)(?P<half>\s+and\s+a\s+half\b)?",
        _duration,
        _I,
        keys=_K_UNIT,
        window=(50, 12),
    ),
    _rule(
        "vague-units",
        r"\b(?:(?:the|these|those)\s+)?(?:recent|coming|past|last|next|previous|few|several|many)"
        r"(?:\s+(?:few|several|many))?\s+(?P<unit>years|months|weeks|days|decades|hours|quarters)\b",
        _bare_units,
        _I,
        keys={"years", "months", "weeks", "days", "decades", "hours", "quarters"},
        window=(40, 2),
    ),
    _rule(
        "ordinal-day",
        rf"\b(?:the|its|their)\s+(?P<ord>{_ORDINAL})\s+(?P<unit>day|week|month|year)\b",
        _ordinal_day,
        _I,
        keys={"day", "week", "month", "year"},
        window=(30, 2),
    ),
    _rule(
        "bare-units",
        r"(?<=\bfor\s)(?P<unit>years|months|weeks|days|decades|hours)\b(?!\s+(?:of|to|and|ago))",
        _bare_units,
        _I,
        keys={"years", "months", "weeks", "days", "decades", "hours"},
        window=(6, 2),
    ),
    _rule(
        "quarter",
        r"\b(?P<the>the\s+)?(?:(?P<shift>latest|last|past|previous|current|this|next|coming|same|"
        rf"last\s+year's|next\s+year's)\s+)?(?:(?P<year>{_YEAR})\s+)?(?:fiscal\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?"
        r"(?P<unit>quarter|half)\b(?!\s+(?:of\s+(?:a|the|all)|century|mile))"
        rf"(?:\s+of\s+(?P<year2>{_YEAR}))?",
        _quarter,
        _I,
        keys={"quarter", "half"},
        window=(60, 30),
    ),
    _rule(
        "year-earlier",
        r"\b(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)[\s-]+)?"
        r"(?:quarter|period))?",
        _year_earlier,
        _I,
        keys={"earlier", "ago"},
        window=(10, 30),
    ),
    _rule(
        "the-year",
        r"\bthe\s+(?:full\s+)?year\b(?![-']|\s+(?:of|before|after|ago|earlier|later|when|that|in|to|"
        r"since|and|or|\d))",
        lambda m, ctx: Reading(type=DURATION, value="P1Y", confidence=0.6),
        _I,
        keys={"year"},
        window=(10, 2),
    ),
    _rule(
        "year-end",
        r"\b(?:the\s+)?(?:year[-\s]end|year's\s+end)\b(?!-)",
        _year_end,
        _I,
        keys={"end"},
        window=(20, 20),
    ),
    _rule(
        "unit-edge",
        r"\b(?:the\s+)?(?P<edge>start|beginning|turn|middle|end)\s+of\s+the\s+"
        r"(?P<unit>year|month|week)\b(?!-)",
        _unit_edge,
        _I,
        keys={"start", "beginning", "turn", "middle", "end"},
        window=(20, 20),
    ),
    _rule(
        "spelled-year",
        r"\b(?:the\s+year\s+)?(?P<t1>nineteen|twenty)[\s-]+(?P<t2>(?:twenty|thirty|forty|fifty|"
        r"sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
        r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b|"
        r"\b(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<t3>one|two|three|four|five|six|seven|"
        r"eight|nine|ten))?\b",
        _spelled_year,
        _I,
        keys={"nineteen", "twenty", "thousand"},
        window=(12, 40),
    ),
    _rule(
        "season",
        rf"(?:{_EDGE}[\s-]*)?(?:(?P<shift>this|last|next|past|the)\s+)?"
        rf"(?P<season>{alternation(_SEASONS)})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?",
        _season,
        _I,
        keys=_K_SEASON,
        window=(30, 12),
    ),
    _rule(
        "clock-time",
        rf"(?:(?i:at\s+)?(?P<approx>(?i:about|around|approximately|roughly))\s+)?(?P<t>"
        r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d)(?:\s*(?P<ampm>(?i:[ap]\.m\.|[ap]m\b)))?"
        rf"(?:\s+(?P<zone>{_ZONE})(?:\s+time)?)?(?:,?\s+(?:on\s+)?{_DAY_WORD})?)",
        _clock_time,
        keys={CLOCK},
        window=(30, 60),
    ),
    _rule(
        "hour-time",
        rf"(?:(?i:at\s+)?(?P<approx>(?i:about|around|approximately|roughly))\s+)?(?P<t>"
        r"(?<![\d.,])(?P<h>1[0-2]|0?[1-9])(?:\s*(?P<ampm>(?i:[ap]\.m\.|[ap]m\b))|\s+o'clock)"
        rf"(?:\s+(?P<zone>{_ZONE})(?:\s+time)?)?(?:,?\s+(?:on\s+)?{_DAY_WORD})?)",
        _clock_time,
        keys={CLOCK},
        window=(30, 60),
    ),
    _rule(
        "noon-midnight",
        rf"(?:(?i:at\s+)?(?P<approx>(?i:about|around|approximately|roughly))\s+)?(?P<t>"
        rf"(?P<word>(?i:midnight|noon|midday))(?:\s+(?P<zone>{_ZONE})(?:\s+time)?)?"
        rf"(?:,?\s+(?:on\s+)?{_DAY_WORD})?)",
        _clock_time,
        keys={"midnight", "noon", "midday"},
        window=(30, 60),
    ),
    _rule(
        "reference",
        rf"\b(?P<t>{alternation(words('reference'))})\b",
        _reference,
        _I,
        keys=_K_REFERENCE,
        window=(30, 2),
    ),
    _rule(
        "set-word",
        rf"\b(?P<t>{alternation(words('set'))})\b",
        _set_word,
        _I,
        keys=set(words("set")),
        window=(2, 2),
    ),
    _rule(
        "every",
        rf"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{_NUMBER})\s+)?"
        rf"(?P<unit>{_UNIT}|{_WEEKDAY.lower()}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
        r"Sunday)s?\b",
        _every,
        _I,
        keys={"every", "each"},
        window=(2, 30),
    ),
    _rule(
        "times-per",
        rf"\b(?:once|twice|(?:{_NUMBER})\s+times)\s+(?:a|an|per|each)\s+(?P<unit>{_UNIT})\b",
        _every,
        _I,
        keys={"once", "twice", "times"},
        window=(20, 20),
    ),
)

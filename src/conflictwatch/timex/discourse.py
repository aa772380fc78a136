"""Settling expressions that depend on the rest of the text, in text order (reference time).

News narrates: after "On May 22, 1995, he was promoted", "the following year" is 1996 and "a day
later" is May 23, 1995, not a date counted from the publication day. As HeidelTime does, the last
date mentioned before an expression is its reference, falling back to the anchor. Two more uses of
the same pass: results reports compare with "a year earlier" meaning the same quarter a year before
(the quarter the text is about), and "the November 9 statement" in a sentence that names a year
takes that year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable

from conflictwatch.model import DatePrecision
from conflictwatch.timex import values as v
from conflictwatch.timex.rules import Reading
from conflictwatch.timex.types import DATE, TIME

#: (start, end, reading, tense) as find.py collects them.
Chosen = tuple[int, int, Reading, str | None]

_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_WRITTEN_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d\d|21\d\d)(?!\d)")


@dataclasses.dataclass(slots=True)
class _State:
    """What the text has said so far: the last day, month and year it spoke of, and its quarter."""

    day: dt.date | None = None
    day_sentence: int = -1  # the sentence that named `day`
    month: tuple[int, int] | None = None
    month_sentence: int = -1  # the sentence that named `month`
    year: int | None = None
    quarter: tuple[int, int] | None = None
    written_year: tuple[int, int] | None = None  # (sentence index, year) of the last written year


def settle(
    text: str,
    chosen: list[Chosen],
    anchor: dt.date | None,
    sentence_of: Callable[[int], int],
) -> list[Chosen]:
    """`chosen` (in text order) with every anaphoric reading resolved against what came before."""
    state = _State()
    settled: list[Chosen] = []
    spoken = _statement_days(text, chosen, anchor, sentence_of)
    for index, (start, end, reading, tense) in enumerate(chosen):
        sentence = sentence_of(start)
        if reading.deictic and anchor is not None and sentence in spoken:
            reading = _counted_from(reading, spoken[sentence], anchor)
        explicit = reading.anaphor is None
        if (
            not explicit
            and anchor is not None
            and not _dated_later_in_sentence(reading, chosen, index, sentence_of)
        ):
            reading = _safe_resolve(reading, state, anchor, sentence) or reading
        reported = _REPORTING_BEFORE.search(text, max(0, start - 40), start) is not None
        _remember(
            state,
            reading,
            text[start:end],
            sentence,
            explicit=explicit,
            anchor=anchor,
            reported=reported,
        )
        settled.append((start, end, reading, tense))
    return _clocks_on_a_later_day(settled, sentence_of)


#: How many days before the anchor a statement's day may be for a "yesterday" or an "overnight"
#: in its sentence to be counted from it: a story dated a day or two after its wire copy.
_STATEMENT_LAG = dt.timedelta(days=6)


def _statement_days(
    text: str, chosen: list[Chosen], anchor: dt.date | None, sentence_of: Callable[[int], int]
) -> dict[int, dt.date]:
    """Per sentence, the day a statement in it was made when that is before the anchor: "Drones hit
    the port overnight, officials said on Monday" in Tuesday's paper speaks of Sunday night."""
    days: dict[int, dt.date] = {}
    if anchor is None:
        return days
    for start, _, reading, _ in chosen:
        sentence = sentence_of(start)
        if sentence in days or reading.deictic:
            continue
        if reading.anaphor is not None and reading.anaphor.kind != "yearless":
            continue  # "said on March 16" has the anchor's year until settled
        if _REPORTING_BEFORE.search(text, max(0, start - 40), start) is None:
            continue
        interval = v.interval_of(reading.value) if reading.type == DATE else None
        if interval is None or interval[2] != DatePrecision.DAY or interval[0] != interval[1]:
            continue
        if anchor - _STATEMENT_LAG <= interval[0] < anchor:
            days[sentence] = interval[0]
    return days


def _counted_from(reading: Reading, day: dt.date, anchor: dt.date) -> Reading:
    """A reading counted in days from the anchor, counted from `day` instead."""
    shift = day - anchor
    try:
        shifted = dt.date.fromisoformat(reading.value[:10]) + shift
    except ValueError:
        return reading
    interval = reading.interval
    if interval is not None:
        interval = (interval[0] + shift, interval[1] + shift, interval[2])
    return dataclasses.replace(
        reading, value=shifted.isoformat() + reading.value[10:], interval=interval
    )


def _dated_later_in_sentence(
    reading: Reading, chosen: list[Chosen], index: int, sentence_of: Callable[[int], int]
) -> bool:
    """Whether a clock time's own sentence names its day after it ("before dawn on Friday"): that
    day is meant, not one an earlier sentence named (see _clocks_on_a_later_day)."""
    if reading.anaphor is None or reading.anaphor.kind != "clock":
        return False
    sentence = sentence_of(chosen[index][0])
    for start, _, later, _ in itertools.islice(chosen, index + 1, None):
        if sentence_of(start) != sentence:
            return False
        if _day_named(later) is not None:
            return True
    return False


def _day_named(reading: Reading) -> dt.date | None:
    """The day a date or time reading names, if it names one."""
    interval = v.interval_of(reading.value) if reading.type in (DATE, TIME) else None
    return interval[0] if interval is not None and interval[2] == DatePrecision.DAY else None


def _clocks_on_a_later_day(
    settled: list[Chosen], sentence_of: Callable[[int], int]
) -> list[Chosen]:
    """A clock time still without a day takes the first day named after it in its sentence:
    "between 10 p.m. and midnight on Sunday", "at 10 p.m., the town was shelled on Sunday"."""
    for index, (start, end, reading, tense) in enumerate(settled):
        anaphor = reading.anaphor
        if anaphor is None or anaphor.kind != "clock":
            continue
        sentence = sentence_of(start)
        for later_start, _, later, _ in settled[index + 1 :]:
            if sentence_of(later_start) != sentence:
                break
            day = _day_named(later)
            if day is not None:
                value = f"{v.day_value(day)}T{anaphor.part}"
                settled[index] = (start, end, _replaced(reading, value, reading.confidence), tense)
                break
    return settled


def _safe_resolve(
    reading: Reading, state: _State, anchor: dt.date, sentence: int
) -> Reading | None:
    """The settled reading, or None (keep the provisional one) when date arithmetic overflows."""
    try:
        return _resolve(reading, state, anchor, sentence)
    except (ValueError, OverflowError):
        return None


def _resolve(reading: Reading, state: _State, anchor: dt.date, sentence: int) -> Reading | None:
    anaphor = reading.anaphor
    assert anaphor is not None
    kind = anaphor.kind
    if kind == "ref":
        value = _ref_value(anaphor.unit, anaphor.offset, state, anchor)
        if value is None:
            return None
        if anaphor.part:
            value = f"{value}T{anaphor.part}"
        return _replaced(reading, value, 0.8)
    if kind == "ref-weekday":
        base = state.day or anchor
        weekday = int(anaphor.unit)
        if anaphor.offset < 0:
            back = (base.weekday() - weekday) % 7 or 7
            return _replaced(reading, v.day_value(base - dt.timedelta(days=back)), 0.8)
        ahead = (weekday - base.weekday()) % 7 or 7
        return _replaced(reading, v.day_value(base + dt.timedelta(days=ahead)), 0.8)
    if kind in ("quarter", "quarter-sure"):
        return _quarter(reading, state, anchor, sure=kind == "quarter-sure")
    if kind == "yearless":
        return _yearless(reading, state, sentence)
    if kind == "clock":
        return _clock(reading, state, sentence)
    if kind == "month-edge" and state.month is not None and state.month_sentence == sentence:
        return _replaced(reading, v.month_value(*state.month), reading.confidence)
    return None


#: How many sentences back a named day still dates a clock time without one: "Shelling began late
#: on Monday. At around 11 p.m., a shell hit the market." Farther back, the story has moved on.
_CLOCK_REACH = 1


def _clock(reading: Reading, state: _State, sentence: int) -> Reading | None:
    """A clock time with no day of its own, on the day named in its sentence or the one before."""
    anaphor = reading.anaphor
    assert anaphor is not None
    if state.day is None or sentence - state.day_sentence > _CLOCK_REACH:
        return None
    return _replaced(reading, f"{v.day_value(state.day)}T{anaphor.part}", reading.confidence)


def _ref_value(unit: str, offset: int, state: _State, anchor: dt.date) -> str | None:
    if unit in ("day", "week", "weekend"):
        base = state.day or anchor
        if unit == "day":
            return v.day_value(base + dt.timedelta(days=offset))
        week = v.week_value(base + dt.timedelta(weeks=offset))
        return week + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = state.month or (anchor.year, anchor.month)
        return v.month_value(*v.add_months(year, month, offset))
    if unit == "year":
        year = state.year if state.year is not None else anchor.year
        return f"{year + offset:04d}" if v.MIN_YEAR <= year + offset <= v.MAX_YEAR else None
    return None


def _quarter(reading: Reading, state: _State, anchor: dt.date, *, sure: bool) -> Reading | None:
    anaphor = reading.anaphor
    assert anaphor is not None
    if anaphor.unit == "focus":
        if state.quarter is not None:
            year, quarter = state.quarter
            return _replaced(reading, f"{year + anaphor.offset}-Q{quarter}", reading.confidence)
        if not sure:
            return None
        year = int(reading.value[:4])
    elif reading.value.isdigit():
        year = int(reading.value)
    else:
        return None
    if state.quarter is not None:
        quarter = state.quarter[1]
    elif sure:
        quarter = (anchor.month - 1) // 3 or 4  # the last quarter reported before the anchor
    else:
        return None
    return _replaced(reading, f"{year}-Q{quarter}", reading.confidence)


def _yearless(reading: Reading, state: _State, sentence: int) -> Reading | None:
    """A date used as a modifier ("the November 9 statement"), without a year, in a sentence that
    wrote a year before it: that year. Plain dates ("will join on March 12") keep the anchor's year:
    a year written earlier in the sentence is as often about another event."""
    if reading.confidence >= 1.0:
        return None
    if state.written_year is None or state.written_year[0] != sentence:
        return None
    year = state.written_year[1]
    if reading.value[:4] == str(year):
        return None
    value = f"{year:04d}{reading.value[4:]}"
    if v.interval_of(value) is None:
        return None  # 29 February in a common year
    return _replaced(reading, value, min(reading.confidence, 0.8))


def _names_quarter(written: str) -> bool:
    lowered = written.lower()
    return "quarter" in lowered and "year" not in lowered and "ago" not in lowered


def _replaced(reading: Reading, value: str, confidence: float) -> Reading:
    return dataclasses.replace(
        reading, value=value, confidence=confidence, interval=None, range_end=None, anaphor=None
    )


#: A reporting verb right before a date: "police said on Monday", "told reporters Monday".
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){1,2}|announced|reported|added|stated)\s+"
    r"(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


def _remember(
    state: _State,
    reading: Reading,
    written: str,
    sentence: int,
    *,
    explicit: bool,
    anchor: dt.date | None,
    reported: bool = False,
) -> None:
    """Note what the reading says of the story's time. The day a statement was made ("police said
    on Monday") does not replace the day its sentence gave the event ("abducted ... during a
    Sunday service"): the clock times that follow ("at around 10 a.m.") are the event's."""
    if reading.type not in (DATE, TIME) or reading.range_end is not None:
        return
    value = reading.value
    if explicit and (m := _QUARTER_VALUE.fullmatch(value)) is not None and _names_quarter(written):
        # "the third quarter": what a results report is about, once that quarter is over
        whole = v.interval_of(value)
        if anchor is None or (whole is not None and whole[1] < anchor):
            state.quarter = (int(m[1]), int(m[2]))
    found = _WRITTEN_YEAR.search(written)
    if found is not None and value.startswith(found.group(1)):
        state.written_year = (sentence, int(found.group(1)))
    interval = v.interval_of(value)
    if interval is None:
        return
    start, end, precision = interval
    if precision == DatePrecision.DAY and reported and state.day_sentence == sentence:
        return
    if precision == DatePrecision.DAY:
        state.day, state.day_sentence = start, sentence
        state.month, state.month_sentence = (start.year, start.month), sentence
        state.year = start.year
    elif precision == DatePrecision.MONTH and start.month == end.month:
        state.month, state.month_sentence = (start.year, start.month), sentence
        state.year = start.year
    elif precision == DatePrecision.YEAR and start.year == end.year:
        state.year = start.year

"""Dates told by their distance from another event of the same sentence.

"Gunmen killed 12 soldiers on Sunday, two days after militants ambushed a convoy" dates the ambush
to Friday: no expression names that day, so no rule of the tagger finds it. The parse shows the
clause and its distance (`time_offset`), and the date moves by it (`from_host`, `to_host`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Token

from conflictwatch.model import DatePrecision, TimeSpan
from conflictwatch.timex import values
from conflictwatch.timex.lexicon import number_value

#: Units a distance between two events is counted in, as their singular nouns.
UNITS = frozenset({"minute", "hour", "night", "day", "week", "month"})
#: How long an untold number of days or weeks ("days after", "weeks before") is taken to span.
_VAGUE_DAYS = {"day": 7, "night": 7, "week": 28}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TimeOffset:
    """An event placed by its distance from its sentence's other event (the host).

    `direction` is -1 when the event came first ("two days after militants ambushed": the ambush
    is two days before the host) and +1 when it came later ("three days before the army retook
    it"). `count` is None when the text gives no number ("days after"). `scope` holds the document
    offsets of the clause with the distance, whose own dates belong to the event and not the host.
    """

    count: int | None
    unit: str
    direction: int
    scope: tuple[int, int]
    text: str  # the distance as written ("two days after")


_MARKS = {"after": -1, "before": 1}
#: How a unit heading its distance hangs in the sentence: as an adverb, or beside the host's date
#: ("struck on Monday, a day after a missile hit", which the parser reads as an apposition).
_UNIT_LINKS = frozenset({"npadvmod", "appos"})
#: The words a distance in time hangs from: a sentence without one places no event by distance.
DISTANCE_WORDS = frozenset(_MARKS)


def time_offset(head: Token, offset: int) -> TimeOffset | None:
    """The distance that places the event of `head` from its sentence's other event: a clause
    ("two days after militants ambushed a convoy", "... launched an offensive") or a noun ("a day
    after the attack on the market"). Found by climbing from `head` to its clause; `offset` is
    where the token's Doc starts in the document."""
    token = head
    for _ in range(len(head.doc)):  # a parse is a tree; the bound only guards against a bad one
        found = _distance_at(token)
        if found is not None:
            mark, unit, clause = found
            break
        if token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    count, name = _count(unit)
    if count == 0:
        return None
    doc = head.doc
    first = min(unit.left_edge.i, mark.i)
    scope = doc[clause.left_edge.i : clause.right_edge.i + 1]
    return TimeOffset(
        count=count,
        unit=name,
        direction=_MARKS[mark.lower_],
        scope=(offset + scope.start_char, offset + scope.end_char),
        text=doc[first : mark.i + 1].text,
    )


def _distance_at(token: Token) -> tuple[Token, Token, Token] | None:
    """(after/before, the unit, the clause) when `token` heads a clause or is the noun placed by a
    distance, else None."""
    if token.dep_ == "advcl":
        mark = next((c for c in token.children if c.dep_ == "mark" and c.lower_ in _MARKS), None)
        if mark is None:
            return None
        unit = _unit_among(token) or _unit_among(mark) or _unit_right_before(mark, token)
        return (mark, unit, token) if unit is not None else None
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in _MARKS:
        mark = token.head
        if mark.head.dep_ in _UNIT_LINKS and _unit_word(mark.head):
            return mark, mark.head, mark.head  # "a day after the attack": the unit heads it
        unit = _unit_among(mark)
        return (mark, unit, mark) if unit is not None else None
    return None


def _unit_word(token: Token) -> bool:
    return token.lemma_.lower() in UNITS


def _unit_among(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "npadvmod" and _unit_word(c)), None)


def _unit_right_before(mark: Token, clause: Token) -> Token | None:
    """ "The attack came a day after Petro suspended talks": the parser may hang the unit on the
    host's verb; written right before the mark, it still measures the clause's distance."""
    if mark.i == 0:
        return None
    before = mark.doc[mark.i - 1]
    if before.dep_ == "npadvmod" and _unit_word(before) and before.head.i == clause.head.i:
        return before
    return None


def _count(unit: Token) -> tuple[int | None, str]:
    """How many units ("two days", "a week", "48 hours" as two days), None when untold ("days
    after"), and the unit; 0 when the count is no number."""
    name = unit.lemma_.lower()
    number = next((c for c in unit.children if c.dep_ == "nummod"), None)
    count: int | None
    if number is not None:
        value = number_value(number.text)
        if value is None or not value.isdigit():
            return 0, name
        count = int(value)
    elif unit.tag_ == "NNS":
        count = None
    else:
        count = 1  # "a day after", "the day before", "one week after"
    if name == "hour" and count is not None and count >= 24:
        return count // 24, "day"
    return count, name


def from_host(host: TimeSpan, offset: TimeOffset) -> TimeSpan | None:
    """The event's date, given its host's; None when the host is too vague to move."""
    return _moved(host, offset, offset.direction)


def before_undated(window: TimeSpan, offset: TimeOffset) -> TimeSpan | None:
    """The date of an event told as coming a number of days or weeks before a host the text does
    not date ("the attack came two days after rebels ambushed a convoy"): the host's window of
    days before publication, moved back by the distance, at week precision. None for a vague or
    a forward distance, or a window with no ends."""
    if offset.direction >= 0 or offset.count is None or offset.unit not in ("day", "night", "week"):
        return None
    if window.start is None or window.end is None:
        return None
    shift = _length(offset)
    start, end = window.start - shift, window.end - shift
    return TimeSpan(
        value=end.isoformat(), start=start, end=end, precision=DatePrecision.WEEK, text=offset.text
    )


def to_host(own: TimeSpan, offset: TimeOffset) -> TimeSpan | None:
    """The host's date, given the event's: the same distance the other way."""
    return _moved(own, offset, -offset.direction)


def _moved(span: TimeSpan, offset: TimeOffset, direction: int) -> TimeSpan | None:
    if span.start is None or span.end is None:
        return None
    text = offset.text
    if offset.unit in ("minute", "hour"):
        # hours apart: the same day as far as a record of events can tell
        return dataclasses.replace(span, text=text)
    if offset.unit == "month":
        if offset.count is None or span.precision is DatePrecision.YEAR:
            return None  # "months after", or months away from a year: too loose to place
        year, month = values.add_months(span.start.year, span.start.month, direction * offset.count)
        first = dt.date(year, month, 1)
        return _span(first, values.month_end(year, month), DatePrecision.MONTH, text)
    if span.precision is not DatePrecision.DAY:
        return None  # days away from a week or a month is no better than that week or month
    if offset.count is None:
        # "days after the ambush": somewhere in the weeks before, never the host's own day
        reach = dt.timedelta(days=_VAGUE_DAYS[offset.unit])
        one = dt.timedelta(days=1)
        if direction < 0:
            start, end = span.start - reach, span.start - one
        else:
            start, end = span.end + one, span.end + reach
        wide = (end - start).days > 7
        return _span(start, end, DatePrecision.MONTH if wide else DatePrecision.WEEK, text)
    shift = _length(offset) * direction
    start, end = span.start + shift, span.end + shift
    if offset.unit == "week":
        # "a week after": about a week, so the week around that day
        middle = start + (end - start) / 2
        three = dt.timedelta(days=3)
        return _span(middle - three, middle + three, DatePrecision.WEEK, text)
    return _span(start, end, DatePrecision.DAY, text)


def _length(offset: TimeOffset) -> dt.timedelta:
    """The distance a counted offset of days, nights or weeks spans."""
    return dt.timedelta(days=(offset.count or 0) * (7 if offset.unit == "week" else 1))


def _span(start: dt.date, end: dt.date, precision: DatePrecision, text: str) -> TimeSpan:
    """A moved date, its TIMEX3 value read at its precision (of its middle day for a week or a
    month)."""
    middle = start + (end - start) / 2
    if precision is DatePrecision.DAY:
        value = values.day_value(start)
    elif precision is DatePrecision.WEEK:
        value = values.week_value(middle)
    else:
        value = values.month_value(middle.year, middle.month)
    return TimeSpan(value=value, start=start, end=end, precision=precision, text=text)

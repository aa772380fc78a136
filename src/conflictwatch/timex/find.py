"""Finding the temporal expressions of a text and choosing the one an event gets."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from conflictwatch.model import DatePrecision, TimeSpan
from conflictwatch.timex import values
from conflictwatch.timex.anaphora import ANAPHORA_RULES
from conflictwatch.timex.discourse import settle
from conflictwatch.timex.rules import (
    CLOCK,
    DECADE,
    DIGITS,
    DOUBTFUL,
    YEAR_DIGITS,
    Context,
    Reading,
    Rule,
)
from conflictwatch.timex.rules import RULES as _BASE_RULES
from conflictwatch.timex.tense import (
    PAST,
    Cue,
    cued_tense_near,
    governing_tense,
    narrated_past,
    sentence_bounds,
    sentence_cues,
)
from conflictwatch.timex.types import DATE, DURATION, TIME, Timex

RULES: tuple[Rule, ...] = _BASE_RULES + ANAPHORA_RULES

#: Texts longer than this are read up to here only (a guard against pathological input).
MAX_CHARS = 2_000_000

#: Words right before an expression that make it a bound rather than the time of the event.
_BOUND_BEFORE = re.compile(
    r"\b(?P<word>since|until|till|by|before|after|from|between)\s+(?:about\s+|around\s+)?$",
    re.IGNORECASE,
)
#: "the deadliest attack since 2016", "the first talks since May": the event is now, and "since"
#: only measures how rare it is.
_COMPARISON_BEFORE = re.compile(
    r"\b(?:worst|deadliest|bloodiest|biggest|largest|heaviest|fiercest|most|highest|lowest|"
    r"first|longest|greatest|strongest)\b[^.;:!?]*$",
    re.IGNORECASE,
)
_BOUND_MOD = {"since": "ON_OR_AFTER", "from": "ON_OR_AFTER", "after": "AFTER", "before": "BEFORE"}
_BOUND_MOD["between"] = "ON_OR_AFTER"  # its other end is marked by _range_ends
_BOUND_MOD.update({"until": "ON_OR_BEFORE", "till": "ON_OR_BEFORE", "by": "ON_OR_BEFORE"})
BOUND_MODS = frozenset(_BOUND_MOD.values())
#: Bound words that open a range whose other end may be written in the same expression.
_OPENERS = frozenset({"from", "between"})


def find_timexes(
    text: str,
    *,
    anchor: dt.date | None,
    doc: Doc | None = None,
    parses: Sequence[tuple[int, Doc]] = (),
) -> list[Timex]:
    """Every temporal expression in `text` (a sentence or a whole article), in text order.

    Relative expressions are resolved against `anchor` (the publication date) and the tense of their
    own sentence; with no anchor they keep X placeholders and get no interval. A parse lets the
    tense come from the verb a date hangs on and from the tags (MD will/shall, VBD) as well as cue
    words: `doc` is a spaCy Doc of exactly `text`; `parses` are Docs of parts of it, each with the
    offset where its text starts (an extraction parses only the sentences about conflict).
    """
    if not text:
        return []
    text = text[:MAX_CHARS]
    parts = _ParsedParts(text, [(0, doc)] if doc is not None else parses)
    sentences = sentence_bounds(text)
    starts = [start for start, _ in sentences]
    cues: dict[int, list[Cue]] = {}
    occupied = bytearray(len(text))
    chosen: list[tuple[int, int, Reading, str | None]] = []
    for start, end, rule, match in _candidates(text):
        if occupied.find(1, start, end) != -1:
            continue
        index = max(0, bisect.bisect_right(starts, start) - 1)
        tense = _Tense(text, sentences[index], index, (start, end), parts, cues)
        context = Context(
            text, anchor, tense, sentences[index], cued_of=tense.cued, narrated_of=tense.narrated
        )
        reading = _safe_reading(rule, match, context)
        if reading is not None:
            chosen.append((start, end, reading, context.tense_used))
            occupied[start:end] = b"\x01" * (end - start)
    chosen.sort(key=lambda item: item[0])

    def sentence_of(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    chosen = settle(text, chosen, anchor, sentence_of)
    return _range_ends(
        text,
        [_timex(text, start, end, reading, anchor, tense) for start, end, reading, tense in chosen],
    )


#: The words before a range's last end that name a part of its day: "the early hours of".
_PART_OF_DAY_LEAD = (
    r"(?:the\s+)?(?:(?:early|small|late|wee)\s+)?"
    r"(?:(?:hours|morning|afternoon|evening|night)\s+of\s+)?"
)
#: The words from a range's first end to its last: "from Friday to Sunday", "between 10 p.m. on
#: Sunday and the early hours of Monday", "from late May until mid-June".
_RANGE_LINK = re.compile(
    rf"\s*(?:(?P<and>and)|to|until|till|through|-|–)\s+{_PART_OF_DAY_LEAD}", re.IGNORECASE
)
#: Words that carry an act on from one time into a later one: "began late on Monday and lasted
#: into the early hours of Tuesday", "fighting on Monday continued until Wednesday".
_CARRIED_INTO = re.compile(rf"\b(?:into|until|till)\s+{_PART_OF_DAY_LEAD}$", re.IGNORECASE)
#: The end of one day joined to the start of the next: "late on Sunday and early on Monday" (a
#: bare list of days, "Sunday and Monday", is read as one stretch by event_time).
_EDGE_TO_EDGE = re.compile(r"^\s*,?\s*and\s+early\s+(?:on\s+)?$", re.IGNORECASE)
_LATE_BEFORE = re.compile(r"\blate\s+(?:on\s+)?$", re.IGNORECASE)
#: An act's first and last days told by the verbs of its start and end: "the fighting started on
#: Aug. 3 and ended on Aug. 5".
_STARTED_BEFORE = re.compile(
    r"\b(?:started|began|erupted|broke\s+out|flared(?:\s+up)?)\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_AND_ENDED = re.compile(
    r"^\s*,?\s*and\s+(?:ended|finished|stopped|ceased|subsided)\s+(?:(?:late|early)\s+)?"
    r"(?:on\s+)?$",
    re.IGNORECASE,
)


def _range_ends(text: str, timexes: list[Timex]) -> list[Timex]:
    """Mark the last end of a range opened by "from" or "between" as its bound (ON_OR_BEFORE), so
    that event_time reads the two as one stretch; "between" takes "and", "from" the other links.
    A time the act is carried on from ("on Monday ... into Tuesday") opens one too."""
    for index, (first, second) in enumerate(itertools.pairwise(timexes)):
        between = text[first.end : second.start]
        if (
            first.mod is None
            and second.mod in (None, "ON_OR_BEFORE")
            and len(between) <= _LINKED_GAP
            and not any(mark in between for mark in ".;!?")
            and (
                _CARRIED_INTO.search(between) is not None
                or (
                    _EDGE_TO_EDGE.match(between) is not None
                    and _LATE_BEFORE.search(text, max(0, first.start - 10), first.start) is not None
                )
                or (
                    _AND_ENDED.match(between) is not None
                    and _STARTED_BEFORE.search(text, max(0, first.start - 30), first.start)
                    is not None
                )
            )
        ):
            timexes[index] = dataclasses.replace(first, mod="ON_OR_AFTER")
            timexes[index + 1] = dataclasses.replace(second, mod="ON_OR_BEFORE")
            continue
        if first.mod != "ON_OR_AFTER" or second.mod is not None:
            continue
        opened = _BOUND_BEFORE.search(text, max(0, first.start - 20), first.start)
        link = _RANGE_LINK.fullmatch(text, first.end, second.start)
        if opened is None or link is None:
            continue
        word = opened["word"].lower()
        joined_by_and = link["and"] is not None
        if (word == "between" and joined_by_and) or (word == "from" and not joined_by_and):
            timexes[index + 1] = dataclasses.replace(second, mod="ON_OR_BEFORE")
    return timexes


def _candidates(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """All rule matches, longest first (then earliest, then rule order)."""
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    windows = _windows(text)
    for order, rule in enumerate(RULES):
        has_t = "t" in rule.pattern.groupindex
        for window_start, window_end in windows.get(order, ()):
            for match in rule.pattern.finditer(text, window_start, window_end):
                start, end = match.span("t") if has_t else match.span()
                if end > start:
                    found.append((start, end, order, rule, match))
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
    return [(start, end, rule, match) for start, end, _, rule, match in found]


def _windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule (by index), the merged stretches of text around its trigger words."""
    hits: list[tuple[int, int, tuple[int, ...]]] = []
    get = _RULES_BY_KEY.get
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lowercase to two characters: keep offsets right
        lowered = "".join(c.lower()[0] for c in text)
    for token in _WORD.finditer(lowered):
        orders = get(token.group())
        if orders is not None:
            hits.append((token.start(), token.end(), orders))
    for token in _NUMBER.finditer(text):
        orders = get(_number_key(token, text))
        if orders is not None:
            hits.append((token.start(), token.end(), orders))
    hits.sort()
    raw: dict[int, list[tuple[int, int]]] = {}
    for token_start, token_end, orders in hits:
        for order in orders:
            rule = RULES[order]
            start, end = token_start - rule.before, token_end + rule.after
            spans = raw.setdefault(order, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    size = len(text)
    return {
        order: [(_word_start(text, max(0, a)), _word_end(text, min(size, b))) for a, b in spans]
        for order, spans in raw.items()
    }


def _number_key(token: re.Match[str], text: str) -> str:
    """The trigger key of a number: what kind of number it is."""
    word = token.group(0)
    if word[-1] in "sS" and word[:-1].isdigit():
        return DECADE
    if len(word) >= 4:
        return YEAR_DIGITS
    following = text[token.end() : token.end() + 4]
    if following[:1] == ":":
        return CLOCK
    if following[:1] in "/." and following[1:2].isdigit():
        return DIGITS
    if following.lstrip()[:1] in ("a", "p", "A", "P", "o"):
        return CLOCK
    return DIGITS


def _index_rules() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for order, rule in enumerate(RULES):
        for key in rule.keys:
            index.setdefault(key, []).append(order)
    return {key: tuple(orders) for key, orders in index.items()}


_WORD = re.compile(r"[a-z]+")
_NUMBER = re.compile(r"\d[^\W_]*")
_RULES_BY_KEY = _index_rules()


def _word_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


class _ParsedParts:
    """The parsed parts of a text, found by the span they cover."""

    __slots__ = ("_ends", "_parts", "_starts")

    def __init__(self, text: str, parses: Sequence[tuple[int, Doc]]) -> None:
        # a part whose text is not the text's own at its offset would give wrong offsets: skip it
        kept = sorted(
            (offset, doc)
            for offset, doc in parses
            if offset >= 0 and text[offset : offset + len(doc.text)] == doc.text
        )
        self._parts = [doc for _, doc in kept]
        self._starts = [offset for offset, _ in kept]
        self._ends = [offset + len(doc.text) for offset, doc in kept]

    def covering(self, span: tuple[int, int]) -> tuple[int, Doc] | None:
        """(offset, Doc) of the part holding all of `span`, or None."""
        index = bisect.bisect_right(self._starts, span[0]) - 1
        if index < 0 or self._ends[index] < span[1]:
            return None
        return self._starts[index], self._parts[index]


def _shifted(span: tuple[int, int], offset: int) -> tuple[int, int]:
    return span[0] - offset, span[1] - offset


class _Tense:
    """Computes the tense of one expression on demand, sharing each sentence's cues."""

    __slots__ = ("cues", "index", "parsed", "sentence", "span", "text")

    def __init__(
        self,
        text: str,
        sentence: tuple[int, int],
        index: int,
        span: tuple[int, int],
        parts: _ParsedParts,
        cues: dict[int, list[Cue]],
    ) -> None:
        self.text, self.sentence, self.index, self.span = text, sentence, index, span
        self.parsed = parts.covering(span)
        self.cues = cues

    def __call__(self) -> str:
        return self.cued() or PAST

    def cued(self) -> str | None:
        """The tense a verb or a cue word of the sentence shows, or None when nothing shows one."""
        if self.parsed is not None:
            offset, doc = self.parsed
            governed = governing_tense(doc, _shifted(self.span, offset))
            if governed is not None:
                return governed
        found = self.cues.get(self.index)
        if found is None:
            found = self.cues[self.index] = self._sentence_cues()
        return cued_tense_near(found, self.span)

    def _sentence_cues(self) -> list[Cue]:
        """The sentence's cues in the text's offsets, from its parse when one holds it all."""
        if self.parsed is not None:
            offset, doc = self.parsed
            if offset <= self.sentence[0] and self.sentence[1] - offset <= len(doc.text):
                found = sentence_cues(doc.text, _shifted(self.sentence, offset), doc)
                return [
                    (start + offset, end + offset, tense, inside)
                    for start, end, tense, inside in found
                ]
        return sentence_cues(self.text, self.sentence)

    def narrated(self) -> bool:
        if self.parsed is None:
            return False
        offset, doc = self.parsed
        return narrated_past(doc, _shifted(self.span, offset))


def _safe_reading(rule: Rule, match: re.Match[str], context: Context) -> Reading | None:
    """The rule's reading; a date arithmetic error on odd input means no reading, not a crash."""
    try:
        return rule.handler(match, context)
    except (ValueError, OverflowError, KeyError):
        return None


def _timex(
    text: str, start: int, end: int, reading: Reading, anchor: dt.date | None, tense: str | None
) -> Timex:
    mod = reading.mod
    interval = reading.interval
    if interval is None and reading.type in (DATE, TIME):
        interval = values.interval_of(reading.value)
        if interval is not None:  # not "earlier this month", whose reading says its own days
            interval = values.part_of(interval, mod)
    bound = _BOUND_BEFORE.search(text, max(0, start - 20), start)
    if bound is not None and reading.range_end is not None and bound["word"].lower() in _OPENERS:
        bound = None  # "from 3 to 5 March" is the range itself, not its first end
    if bound is not None and reading.type in (DATE, TIME):
        mod = _BOUND_MOD[bound["word"].lower()]
        since = bound["word"].lower() == "since"
        comparison = _COMPARISON_BEFORE.search(text, max(0, start - 80), bound.start())
        if since and comparison is None and interval is not None and anchor is not None:
            interval = _up_to(interval, anchor)
    span = None
    if interval is not None:
        span = TimeSpan(
            value=reading.value,
            start=interval[0],
            end=interval[1],
            precision=interval[2],
            text=text[start:end],
        )
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=reading.type,
        value=reading.value,
        span=span,
        mod=mod,
        range_end=reading.range_end,
        tense=tense,
        confidence=reading.confidence,
    )


def _up_to(interval: values.Interval, anchor: dt.date) -> values.Interval:
    """ "Since the start of the year": from then up to the report, not to the year's end, known no
    better than its length ("since Thursday" to the week). A start after the anchor stays as is."""
    if interval[0] > anchor:
        return interval
    width = values.precision_of_width(interval[0], anchor)
    return (interval[0], anchor, values.coarser(interval[2], width))


def since_bound(timex: Timex, anchor: dt.date | None) -> Timex:
    """The expression as the start of a stretch up to the anchor: the date in "since the truce
    expired in April" bounds what has happened since, as "since April" does."""
    span = timex.span
    if anchor is None or span is None or span.start is None or span.end is None:
        return timex
    start, end, precision = _up_to((span.start, span.end, span.precision), anchor)
    stretch = dataclasses.replace(span, start=start, end=end, precision=precision)
    return dataclasses.replace(timex, span=stretch, mod="ON_OR_AFTER")


def event_time(timexes: Sequence[Timex], *, anchor: dt.date | None) -> TimeSpan | None:
    """The interval an event gets from its sentence's expressions: the most specific date or time.

    Sets, references (PRESENT_REF), open bounds ("until May", "after the vote") and durations
    not laid against the report's date ("six weeks of fighting", unlike "the past 24 hours") give
    nothing; None means the caller should fall back to the document's own date. "Since" closes its
    bound at the report's date, so "300 killed since the start of the year" runs from January 1 to
    then, which says more than the week before the report.
    """
    timexes = _from_to_ranges(timexes)
    usable = [
        t
        for t in timexes
        if t.type in (DATE, TIME, DURATION)  # a duration has a span only as a window
        and t.span is not None
        and t.span.start is not None
        and t.span.end is not None
        and (t.mod not in BOUND_MODS or _since_to_anchor(t, anchor))
        and t.confidence > DOUBTFUL
    ]
    usable = [t for t in usable if not _weekday_outside_month(t, usable)]
    if not usable:
        return None
    best = min(usable, key=lambda t: (_width(t.span), -t.confidence, t.start))
    return _with_listed_days(best, usable)


_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _weekday_outside_month(timex: Timex, others: Sequence[Timex]) -> bool:
    """A weekday counted back from the report ("during Friday prayers") that falls outside a month
    the same sentence names for the event ("In March last year"): the weekday is only the one of
    that month's event, not last Friday."""
    span = timex.span
    if span is None or span.precision != DatePrecision.DAY or not _WEEKDAY_WORD.search(timex.text):
        return False
    return any(
        o.span is not None
        and o.span.precision == DatePrecision.MONTH
        and o.span.start is not None
        and o.span.end is not None
        and span.start is not None
        and not o.span.start <= span.start <= o.span.end
        for o in others
    )


#: The most characters between two days listed together: ", ", " and ", " or ", " and on ".
_LIST_GAP = 8
#: The most days between two listed days for them to be one stretch ("on Monday and Tuesday").
_LIST_REACH = 6


def _with_listed_days(best: Timex, usable: list[Timex]) -> TimeSpan | None:
    """The best expression's day, stretched over the days listed with it: "attacked the village on
    Monday and Tuesday" runs from Monday to Tuesday, not on Monday alone."""
    span = best.span
    if (
        span is None
        or span.start is None
        or span.end is None
        or span.precision != DatePrecision.DAY
    ):
        return span
    days = sorted(
        (t for t in usable if t.span is not None and t.span.precision == DatePrecision.DAY),
        key=lambda t: t.start,
    )
    at = days.index(best)
    first = last = at
    while first > 0 and days[first].start - days[first - 1].end <= _LIST_GAP:
        first -= 1
    while last + 1 < len(days) and days[last + 1].start - days[last].end <= _LIST_GAP:
        last += 1
    if first == last:
        return span
    starts = [t.span.start for t in days[first : last + 1] if t.span and t.span.start]
    ends = [t.span.end for t in days[first : last + 1] if t.span and t.span.end]
    if (max(ends) - min(starts)).days > _LIST_REACH:
        return span
    return TimeSpan(
        value=days[first].value,
        start=min(starts),
        end=max(ends),
        precision=DatePrecision.DAY,
        text="–".join(t.text for t in days[first : last + 1]),
    )


#: The most characters between the two ends of "from Friday to Sunday" (" to ", " until ",
#: " through ").
_RANGE_GAP = 10
#: The most characters between two ends marked as one range (" and the early hours of ").
_LINKED_GAP = 40


def _from_to_ranges(timexes: Sequence[Timex]) -> list[Timex]:
    """ "attacked from Friday to Sunday": the "from" end and the end after it make one range, not
    an open bound and a day. (A range written as one expression, "July 12-16", is one already.)"""
    joined: list[Timex] = []
    skip = False
    for first, second in zip(timexes, [*timexes[1:], None], strict=False):
        if skip:
            skip = False
            continue
        span, last = first.span, second.span if second is not None else None
        if (
            second is not None
            and first.mod == "ON_OR_AFTER"
            and second.mod in (None, "ON_OR_BEFORE")
            and 0 <= second.start - first.end <= _gap_allowed(second)
            and span is not None
            and last is not None
            and span.start is not None
            and last.end is not None
            and span.start <= last.end
        ):
            whole = TimeSpan(
                value=first.value,
                start=span.start,
                end=last.end,
                precision=values.coarser(span.precision, last.precision),
                text=f"{first.text}–{second.text}",
            )
            joined.append(dataclasses.replace(first, end=second.end, span=whole, mod=None))
            skip = True
        else:
            joined.append(first)
    return joined


def _gap_allowed(second: Timex) -> int:
    """How far apart two ends may be: farther when find_timexes marked the second as the end of
    the first's range ("between 10 p.m. on Sunday and the early hours of Monday")."""
    return _LINKED_GAP if second.mod == "ON_OR_BEFORE" else _RANGE_GAP


def _since_to_anchor(timex: Timex, anchor: dt.date | None) -> bool:
    """A "since" bound that `_timex` closed at the anchor."""
    span = timex.span
    return (
        timex.mod == "ON_OR_AFTER"
        and anchor is not None
        and span is not None
        and span.start is not None
        and span.start < anchor
        and span.end == anchor
    )


def _width(span: TimeSpan | None) -> int:
    if span is None or span.start is None or span.end is None:
        return 1 << 30
    return (span.end - span.start).days

"""The record the temporal tagger returns for each expression it finds."""

from __future__ import annotations

import dataclasses
from typing import Any

from conflictwatch.model import TimeSpan

#: TIMEX3 types.
DATE = "DATE"
TIME = "TIME"
DURATION = "DURATION"
SET = "SET"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Timex:
    """One temporal expression: where it is, its TIMEX3 type and value, and the interval it covers.

    `span` is None for durations (except a window laid against the anchor: "the past 24 hours"), sets, references (PRESENT_REF ...) and anything left unresolved
    (a relative expression without an anchor). `range_end` holds the value of the last day of a
    range written as one expression ("July 12-16"); `value` is then its first day.
    """

    start: int  # character offsets in the text given to find_timexes
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: 2020-07-12, 2020-W29, 2020-07, 199, P6W, PRESENT_REF, XXXX-07-12 ...
    span: TimeSpan | None
    mod: str | None = None  # TIMEX3 mod: APPROX, START, MID, END, ON_OR_AFTER ...
    range_end: str | None = None
    tense: str | None = None  # past or future when the tense decided the value, else None
    confidence: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (dates as ISO strings)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "span": self.span.as_dict() if self.span else None,
            "mod": self.mod,
            "range_end": self.range_end,
            "tense": self.tense,
            "confidence": self.confidence,
        }

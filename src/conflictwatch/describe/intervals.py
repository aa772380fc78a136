"""Sets of dates made of closed intervals: the windows a publication date must fall in."""

from __future__ import annotations

import dataclasses
import datetime as dt

Span = tuple[dt.date, dt.date]
_ONE_DAY = dt.timedelta(days=1)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """A union of closed date intervals, sorted and merged."""

    spans: tuple[Span, ...]

    @classmethod
    def everything(cls) -> Window:
        return cls(spans=((dt.date.min, dt.date.max),))

    @classmethod
    def between(cls, start: dt.date | None, end: dt.date | None) -> Window:
        """[start, end]; None on either side means unbounded."""
        return cls.of([(start or dt.date.min, end or dt.date.max)])

    @classmethod
    def of(cls, spans: list[Span]) -> Window:
        """The union of `spans`; touching or overlapping ones merge."""
        merged: list[Span] = []
        for start, end in sorted(span for span in spans if span[0] <= span[1]):
            if merged and start <= _next_day(merged[-1][1]):
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return cls(spans=tuple(merged))

    @property
    def empty(self) -> bool:
        return not self.spans

    @property
    def start(self) -> dt.date | None:
        """The first date, None when empty or unbounded below."""
        first = self.spans[0][0] if self.spans else None
        return None if first == dt.date.min else first

    @property
    def end(self) -> dt.date | None:
        """The last date, None when empty or unbounded above."""
        last = self.spans[-1][1] if self.spans else None
        return None if last == dt.date.max else last

    def intersect(self, other: Window) -> Window:
        pieces = [
            (max(a_start, b_start), min(a_end, b_end))
            for a_start, a_end in self.spans
            for b_start, b_end in other.spans
        ]
        return Window.of(pieces)

    def contains(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.spans)

    def describe(self) -> str:
        """Like "2019-12-01..2022-10-18"; a gap shows as two ranges."""
        return ", ".join(f"{_iso(start)}..{_iso(end)}" for start, end in self.spans)


def _next_day(day: dt.date) -> dt.date:
    return day if day == dt.date.max else day + _ONE_DAY


def _iso(day: dt.date) -> str:
    return "" if day in (dt.date.min, dt.date.max) else day.isoformat()

"""Datelines: the place a wire story is filed from, at the head of a paragraph.

"SANAA, Yemen (AP) —", "Kyiv, Ukraine —", "KABUL/ISLAMABAD, March 3 (Reuters) -", "ROCKFORD —",
"IMPHAL, Jul 14:" (South Asian papers' colon).
A dateline names a city (the agencies' convention), and it is where the reporter is, which is not
always where the events happened.
"""

from __future__ import annotations

import datetime as dt
import re

from conflictwatch.model import DatePrecision
from conflictwatch.timex.find import find_timexes
from conflictwatch.timex.stamps import timestamp_end

_NAME_WORD = r"[A-Z][\w.'’-]*"
#: Small words inside a country's or a region's name: "Democratic Republic of the Congo".
_JOINING = r"(?:of(?:\s+the)?|and|de|du|del|la|al|el)"
#: Capitalised words, commas, an optional agency in brackets, then a dash.
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_NAME_WORD}(?:[ /]{_NAME_WORD})*)"
    rf"(?P<rest>(?:,\s*[A-Z\d][\w.'’-]*(?:\s+(?:{_JOINING}\s+)?[A-Z\d][\w.'’-]*)*)*)"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?:—|–|--|-|:)\s"
)


#: How far back the head of a paragraph is looked for: a dateline's place opens its paragraph.
_HEAD_WINDOW = 200


def dateline_end(text: str) -> int:
    """Where the dateline opening `text` ends, or 0. A live page's timestamp is its entry's
    dateline: it says when the entry was posted, not when its events happened."""
    match = _dateline(text)
    return timestamp_end(text) if match is None else match.end()


def _dateline(text: str) -> re.Match[str] | None:
    """The dateline opening `text`: a run of capitalised words before a dash is one when a comma or
    an agency follows the place, or the place is in capitals ("ROCKFORD —"), not "Russia — the
    country's closest ally — attacked"."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    place = match.group("place")
    capitals = place.isupper() and sum(c.isalpha() for c in place) >= 3
    return match if match.group("rest") or match.group("agency") or capitals else None


def dateline_place_end(text: str, start: int) -> int:
    """When the paragraph holding offset `start` of `text` opens with a dateline whose place words
    begin at `start`, where those place words end; else 0."""
    window = max(0, start - _HEAD_WINDOW)  # bounded: this runs for every name of a long text
    newline = text.rfind("\n", window, start)
    if newline < 0 and window > 0:
        return 0  # the paragraph opens farther back than blank space before a name can reach
    line_start = newline + 1
    if text[line_start:start].strip():
        return 0
    match = _dateline(text[line_start : line_start + _HEAD_WINDOW])
    return 0 if match is None else line_start + match.end("place")


#: One name of a dateline, between its separators: "KABUL/ISLAMABAD", "SANAA, Yemen".
_DATELINE_NAME = re.compile(r"[^/,\s][^/,]*")


def dateline_names(text: str) -> list[tuple[int, int, int]]:
    """The names of every dateline of `text`, as (start, end, dateline end): "SANAA" and "Yemen" of
    "SANAA, Yemen (AP) —". The names may be dates ("March 3"): the caller keeps the places."""
    names: list[tuple[int, int, int]] = []
    line_start = 0
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        match = _dateline(text[line_start : min(line_end, line_start + _HEAD_WINDOW)])
        if match is not None:
            words_end = match.end("rest") if match.group("rest") else match.end("place")
            for name in _DATELINE_NAME.finditer(match.string, match.start("place"), words_end):
                start = line_start + name.start()
                end = start + len(name.group(0).rstrip())
                names.append((start, end, line_start + match.end()))
        line_start = line_end + 1
    return names


#: How far into a text its dateline may stand (after a headline and a byline).
_DATELINE_REACH = 1500
#: A dateline's day is believed as the filing day when it is at most this many days before the
#: publication date (or one day after it: time zones).
FILED_BEFORE_DAYS = 7


def filing_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day the first dateline of `text` gives ("IMPHAL, Jul 14:", "BANGKOK, March 9 (Reuters)
    -"), when it is a whole day close before publication: the day the story was filed, from which
    its "this morning" and "yesterday" count. A paper printed the next morning dates its stories so.
    """
    names = dateline_names(text[:_DATELINE_REACH])
    if not names:
        return None
    first_end = names[0][2]
    for start, end, dateline in names:
        if dateline != first_end:
            break
        for timex in find_timexes(text[start:end], anchor=published):
            span = timex.span
            if span is None or span.precision is not DatePrecision.DAY or span.end != span.start:
                continue
            day = span.start
            if day is None:
                continue
            if published is None or -1 <= (published - day).days <= FILED_BEFORE_DAYS:
                return day
    return None

"""Live pages' timestamps: "09:40 GMT - Russian forces launched ...".

A clock time opening a paragraph and set off by a dash or a colon says when the entry was posted,
on the page's own day; it neither dates the entry's events nor takes the day the text spoke of last.
"""

from __future__ import annotations

import re

_TIMESTAMP = re.compile(
    r"\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}\s*)?(?:—|–|--|-|:)\s+"
    r"(?=[A-Z\d\"“'‘])",
    re.IGNORECASE,
)


#: How far back the opening of a timestamp's paragraph is looked for.
_STAMP_REACH = 40


def timestamp_end(text: str, start: int = 0) -> int:
    """Where the timestamp opening the paragraph of `text` at `start` ends, or 0 when the
    paragraph opens with none."""
    found = _TIMESTAMP.match(text, start)
    return 0 if found is None else found.end()


def opens_as_timestamp(text: str, start: int, end: int) -> bool:
    """Whether the clock time at `start`-`end` of `text` is the timestamp of its paragraph."""
    window = max(0, start - _STAMP_REACH)  # bounded: this runs for every clock time of a text
    newline = text.rfind("\n", window, start)
    if newline < 0 and window > 0:
        return False  # the paragraph opens farther back than a timestamp's blank lead reaches
    line_start = newline + 1
    if text[line_start:start].strip():
        return False
    return timestamp_end(text, line_start) >= end

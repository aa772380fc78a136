"""Which places of a mention are the scene of its event, and which only name a speaker's seat.

Geocoding already drops many metonyms ("Baku accused ..."), but a place can still reach a mention
when it names who speaks or acts rather than where things happen: coordinated subjects ("Yerevan
and Baku blame each other"), seats of speakers ("the ministry in Yerevan said", "ambassador to
Moscow"), actor modifiers ("a Moscow-brokered truce", "the Russia militaries") and datelines
("YEREVAN (RFE/RL) —"). An incident's places are the scenes only. The cue words are data
(data/link_seat_cues.tsv).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from conflictwatch.datafiles import read_tsv
from conflictwatch.model import Mention, PlaceRef


@functools.cache
def _cues(kind: str) -> tuple[str, ...]:
    return tuple(row["cue"] for row in read_tsv("link_seat_cues.tsv") if row["kind"] == kind)


def _alternatives(kind: str) -> str:
    return "|".join(re.escape(cue) for cue in sorted(_cues(kind), key=len, reverse=True))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(after the name: speaker or actor, before the name: seat, dateline)."""
    words = r"(?:(?:has|have|had|is|are|was|were|also|again|later|so far|currently|\w+ly)\s+)*"
    conjunct = r"(?:\s*,?\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
    after = re.compile(
        rf"^{conjunct}(?:"
        rf"\s+{words}(?:{_alternatives('speech_verb')})\w*"  # "Yerevan and Baku blame"
        rf"|(?:['’]s)?\s*-\s*(?:{_alternatives('participle')})\b"  # "Moscow-brokered"
        rf"|(?:['’]s)?\s+(?:{_alternatives('forces')})\b"  # "Russia militaries"
        r")",
        re.IGNORECASE,
    )
    before = re.compile(
        rf"\b(?:{_alternatives('institution')}|(?:{_alternatives('speech_verb')})\w*)"
        r"(?:\s+[\w'’]+)?\s+(?:in|to|from)\s+(?:the\s+)?$",  # "told reporters in X"
        re.IGNORECASE,
    )
    dateline = re.compile(r"^(?:,[^—–(\n]{0,30})?\s*(?:\([^)]*\))?\s*[—–-]{1,2}\s")
    return after, before, dateline


def _occurrences(text: str, name: str) -> Iterator[int]:
    if not name:
        return
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
        yield match.start()


def is_seat(place: PlaceRef, text: str) -> bool:
    """Whether every occurrence of the place in the sentence names a speaker, a seat or an actor
    (a place the sentence never spells out is kept: nothing says it is not the scene)."""
    return _is_seat(place.text, text)


@functools.lru_cache(maxsize=65536)
def _is_seat(name: str, text: str) -> bool:
    # Cached: an incident's places, sides and summary all ask about the same sentences.
    after, before, dateline = _patterns()
    found = False
    for start in _occurrences(text, name):
        found = True
        end = start + len(name)
        rest, lead = text[end:], text[max(0, start - 80) : start]
        opening = not text[:start].strip()
        if opening and name.isupper() and dateline.match(rest):
            continue
        if after.match(rest) or before.search(lead):
            continue
        return False
    return found


def scene_places(mention: Mention) -> tuple[PlaceRef, ...]:
    """The mention's places that may be its event's scene."""
    text = mention.evidence.text
    return tuple(place for place in mention.places if not is_seat(place, text))

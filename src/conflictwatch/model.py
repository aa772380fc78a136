"""Typed records passed between pipeline stages.

The flow is one-directional (see DESIGN.md):

    ingest  -> RawItem | ItemError
    clean   -> CleanText              (furniture removed, offsets back to the source text)
    describe-> PublicationDate, Credits
    (pipeline assembles) -> Document  (stored; near-duplicate group set by dedup)
    analyze -> AnalyzedText           (conflictwatch.analyze: language, sentences, parses)
    extract -> Mention                (with ActorRef, Casualty, TimeSpan, PlaceRef, Evidence)
    link    -> Incident, Ceasefire, Episode, Timeline   (records of their own in conflictwatch.link)

Every record is a frozen, slotted, keyword-only dataclass; `as_dict()` gives a JSON-ready view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from enum import StrEnum
from typing import Any


class DateProvenance(StrEnum):
    """How a publication date became known, strongest first."""

    GIVEN = "given"  # stated by the user or the input record (--published, JSON `published`)
    METADATA = "metadata"  # from HTML/feed metadata
    TEXT = "text"  # written in the article as a full date (byline, dateline, weekday-checked date)
    INFERRED = "inferred"  # derived from a consistent chain of weekdays, month-days and years
    UNKNOWN = "unknown"  # the evidence does not settle it


#: Rank used when a re-ingest offers a date of different provenance: lower is stronger.
PROVENANCE_RANK: dict[DateProvenance, int] = {p: i for i, p in enumerate(DateProvenance)}


class DatePrecision(StrEnum):
    """Granularity of a date, as ACLED's time_precision: day, week, month, year."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class MediaType(StrEnum):
    TEXT = "text/plain"
    HTML = "text/html"


#: Values a JSON view holds as they are (exact types: a StrEnum is a str but is stored by value).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _jsonable(value: Any) -> Any:
    # Dispatch on the exact type first, and each record type's fields looked up once: the store
    # writes this view for every mention it saves, and the generic isinstance walk cost 4x more.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [_jsonable(item) for item in value]
    if dataclasses.is_dataclass(kind):
        return {name: _jsonable(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return None  # raw bytes are never part of a JSON view
    return value


class _AsDict:
    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (dates as ISO strings, enums as values, bytes dropped)."""
        result: dict[str, Any] = _jsonable(self)
        return result


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Overrides(_AsDict):
    """Per-run facts from the command line that win over whatever the input says."""

    published: dt.date | None = None  # --published
    source: str | None = None  # --source: the outlet's name
    url: str | None = None  # --url


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RawItem(_AsDict):
    """One article as it arrived, before interpretation. `data` is kept byte for byte."""

    origin: str  # names the item in messages: a path, "path:LINE", "feed#N", "file.warc#N"
    data: (
        bytes  # the article's own bytes (the HTML page, the text file, a record's text/html field)
    )
    media_type: MediaType
    url: str | None = None
    title: str | None = None
    published: str | None = None  # a date as the input states it, unparsed
    published_from: DateProvenance | None = (
        None  # GIVEN for records, METADATA for feeds/WARC headers
    )
    source: str | None = None  # the outlet as the input names it
    encoding: str | None = None  # charset declared by the transport (HTTP header, WARC), if any


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ItemError(_AsDict):
    """An input item that could not be ingested; the run goes on without it."""

    origin: str
    code: str  # a stable code from errors.py, e.g. "E003"
    message: str  # one line: what is wrong and, where useful, what to do

    def __str__(self) -> str:
        return f"{self.origin}: [{self.code}] {self.message}"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Segment(_AsDict):
    """A run of clean text copied unchanged from the source text."""

    clean_start: int
    source_start: int
    length: int


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Furniture(_AsDict):
    """A piece of the source text dropped as site furniture, and why."""

    start: int  # offsets into CleanText.source_text
    end: int
    reason: str  # a short stable label, e.g. "share-counter", "call-to-action", "repeated-title"
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CleanText(_AsDict):
    """The story text with site furniture removed.

    `text` is made of paragraphs joined by a blank line; every character of it is copied from
    `source_text`, and `segments` say from where. `source_text` is the decoded input for plain
    text, and trafilatura's extraction for HTML (HTML markup has no text offsets worth keeping).
    """

    text: str
    source_text: str
    segments: tuple[Segment, ...]
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) offsets of each paragraph in `text`
    furniture: tuple[Furniture, ...]
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: str | None = None  # date found in HTML metadata, unparsed
    url: str | None = None  # canonical URL found in HTML metadata
    language: str | None = None

    def to_source(self, clean_offset: int) -> int:
        """Map an offset in `text` to the matching offset in `source_text`."""
        for seg in reversed(self.segments):
            if seg.clean_start <= clean_offset:
                return seg.source_start + min(clean_offset - seg.clean_start, seg.length)
        return 0


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PublicationDate(_AsDict):
    """When an article was published, how precisely, and how we know."""

    value: dt.date | None
    precision: DatePrecision
    provenance: DateProvenance
    evidence: str = ""  # the words that settled it, or why it stays unknown
    earliest: dt.date | None = None  # bounds the text allows even when `value` is unknown
    latest: dt.date | None = None

    @classmethod
    def unknown(cls, evidence: str = "", **bounds: dt.date | None) -> PublicationDate:
        return cls(
            value=None,
            precision=DatePrecision.UNKNOWN,
            provenance=DateProvenance.UNKNOWN,
            evidence=evidence,
            **bounds,
        )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Credits(_AsDict):
    """Who carried the article (outlet) and whose reporting it is (original source)."""

    outlet: str | None = None
    original_source: str | None = None
    evidence: str | None = None  # the sentence that credits the original source


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Document(_AsDict):
    """An ingested, cleaned and dated article: the unit every later stage reads."""

    id: str  # hash of the normalized clean text: same story text, same id
    raw_sha256: str  # address of the raw bytes in the blob store
    origin: str
    media_type: MediaType
    url: str | None
    title: str | None
    author: str | None
    outlet: str | None
    original_source: str | None
    credit_evidence: str | None
    published: PublicationDate
    language: str | None
    text: str
    source_text: str
    segments: tuple[Segment, ...]
    paragraphs: tuple[tuple[int, int], ...]
    furniture: tuple[Furniture, ...]
    duplicate_of: str | None = None  # id of the canonical copy when this is a reprint
    ingested_at: dt.datetime | None = None

    def summary(self) -> dict[str, Any]:
        """The fields `documents --json` prints."""
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.value.isoformat() if self.published.value else None,
            "published_from": self.published.provenance.value,
            "published_precision": self.published.precision.value,
            "published_evidence": self.published.evidence,
            "outlet": self.outlet,
            "original_source": self.original_source,
            "duplicate_of": self.duplicate_of,
            "url": self.url,
            "origin": self.origin,
            "text": self.text,
        }


# --- extraction (analyze -> extract) -------------------------------------------------------------------


class CasualtyKind(StrEnum):
    KILLED = "killed"
    WOUNDED = "wounded"
    CAPTURED = "captured"
    MISSING = "missing"


class Population(StrEnum):
    MILITARY = "military"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class Modality(StrEnum):
    """How the text presents an event: as fact, as someone's claim, or as something that did not happen."""

    ASSERTED = "asserted"  # the outlet's own statement of fact
    CLAIMED = "claimed"  # attributed to a claimant (said, according to, reported)
    DENIED = "denied"  # a claimant says it did not happen (denied, rejected, refuted)
    HEDGED = "hedged"  # may, might, reportedly, preliminary, unconfirmed
    THREATENED = "threatened"  # threatened to, warned it would
    PLANNED = "planned"  # will, plans to, is to, scheduled
    HYPOTHETICAL = "hypothetical"  # if, would, could, in case of
    NEGATED = "negated"  # did not, no, never


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Evidence(_AsDict):
    """A span of a document's clean text: `text == document.text[start:end]`."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef(_AsDict):
    """An actor as a mention cites it: a canonical id when resolved, else None and the text as written."""

    id: str | None
    name: str
    country: str | None = None  # ISO 3166 alpha-3 of the state the actor belongs to, when known
    kind: str | None = None  # state, government, military, ministry, person, igo, armed_group, ...
    role: str | None = None  # for people: "defense minister", "prime minister", ...


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Casualty(_AsDict):
    """One casualty figure: "at least 49 killed" is kind=killed, min=49, max=None."""

    kind: CasualtyKind
    min: int | None  # lower bound; None when only an upper bound is stated
    max: int | None  # upper bound; None when open ("at least", "more than", "dozens")
    population: Population
    side: str | None  # ISO3 of the side that suffered it, when the text says
    cumulative: bool  # a running total ("bringing the toll to 158"), not an increment
    hedged: bool  # "may have been killed", "preliminary estimates", "unconfirmed"
    text: str  # the phrase the figure was read from
    start: int  # offsets of `text` in the document's clean text
    end: int


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TimeSpan(_AsDict):
    """A normalized time: TIMEX3 value, and the calendar interval it covers (inclusive)."""

    value: str  # TIMEX3 value: 2020-07-12, 2020-W29, 2020, P6W, PRESENT_REF, XXXX-07-12 ...
    start: dt.date | None  # None when unresolved (e.g. a weekday with no document date)
    end: dt.date | None
    precision: DatePrecision
    text: str  # the expression as written


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRef(_AsDict):
    """A place as a mention cites it."""

    id: str | None  # gazetteer id (neutral for places with two names); None when unresolved
    name: str  # canonical name
    text: str  # the name as written
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None  # ISO 3166 alpha-2 or alpha-3 as the gazetteer holds it
    precision: int | None  # ACLED geo_precision: 1 the place itself, 2 near it / district, 3 region


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mention(_AsDict):
    """One event in one sentence of one document."""

    id: str
    doc_id: str
    type: str  # PLOVER event type: ASSAULT, FIGHT, AGREE, ...
    mode: str | None  # PLOVER mode (e.g. "artillery", "air" for ASSAULT/FIGHT)
    acled_event_type: str | None
    acled_sub_event_type: str | None
    agent: ActorRef | None
    target: ActorRef | None
    claimant: ActorRef | None
    trigger: str
    weapons: tuple[str, ...]
    modality: Modality
    background: bool  # a past event recalled, not news of the article's own time
    date: TimeSpan | None
    places: tuple[PlaceRef, ...]
    casualties: tuple[Casualty, ...]
    confidence: float
    evidence: Evidence

"""Records the linking stage produces: incidents with their claims, tallies, disputes, ceasefires,
episodes and the timeline. Each has `as_dict()` giving the JSON view the CLI prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from conflictwatch.model import ActorRef, DatePrecision, Evidence, Mention, PlaceRef

#: How a claim with no claimant is labelled: the outlet's (or journalist's) own reporting.
OWN_REPORTING = "the reporting outlet"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """An evidence sentence: `text == document.text[start:end]`."""

    doc_id: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, evidence: Evidence) -> Citation:
        return cls(
            doc_id=evidence.doc_id, start=evidence.start, end=evidence.end, text=evidence.text
        )

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One mention read as a claim: who says what about an incident, and where it is written."""

    mention_id: str
    claimant: str  # the claimant's name, or OWN_REPORTING
    claimant_country: str | None  # ISO3 of the claimant's side, when known
    role: str  # event, casualty, accusation, denial, alleged (an act someone is accused of)
    type: str  # the mention's PLOVER type
    modality: str
    value: str  # a short reading of what is claimed
    evidence: Citation

    def as_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention_id,
            "claimant": self.claimant,
            "claimant_country": self.claimant_country,
            "role": self.role,
            "type": self.type,
            "modality": self.modality,
            "value": self.value,
            "evidence": self.evidence.as_dict(),
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FigureClaim:
    """One casualty figure behind a tally, with its claimant and sentence."""

    mention_id: str
    claimant: str
    min: int | None
    max: int | None
    hedged: bool
    cumulative: bool
    counted: bool  # False when a cumulative figure of the same report already includes it
    text: str
    evidence: Citation

    def as_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention_id,
            "claimant": self.claimant,
            "min": self.min,
            "max": self.max,
            "hedged": self.hedged,
            "cumulative": self.cumulative,
            "counted": self.counted,
            "text": self.text,
            "evidence": self.evidence.as_dict(),
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CasualtyTally:
    """Low / best / high of one kind of casualty on one side (side None: not stated)."""

    kind: str
    side: str | None
    low: int | None
    best: int | None
    high: int | None
    cumulative: bool  # the figures are running totals (they replace, never add to, increments)
    claims: tuple[FigureClaim, ...]
    civilian: bool = False  # civilians are tallied apart from soldiers and the unspecified

    @property
    def key(self) -> str:
        """The side as `as_dict` names it: ISO3 or "unknown", with ":civilian" for civilians."""
        return (self.side or "unknown") + (":civilian" if self.civilian else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "cumulative": self.cumulative,
            "claims": [c.as_dict() for c in self.claims],
        }


def tallies_as_dict(tallies: tuple[CasualtyTally, ...]) -> dict[str, dict[str, Any]]:
    """{kind: {side: {low, best, high, claims}}}; see CasualtyTally.key for the side names."""
    result: dict[str, dict[str, Any]] = {}
    for tally in tallies:
        result.setdefault(tally.kind, {})[tally.key] = tally.as_dict()
    return result


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DisputeVersion:
    claimant: str
    value: str
    evidence: Citation

    def as_dict(self) -> dict[str, Any]:
        return {"claimant": self.claimant, "value": self.value, "evidence": self.evidence.as_dict()}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """A field on which claimants disagree: perpetrator, occurred, or a casualty figure."""

    field: str
    versions: tuple[DisputeVersion, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "versions": [v.as_dict() for v in self.versions]}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """Every report of one real violent event, from any number of documents."""

    id: str
    type: str
    start: dt.date | None
    end: dt.date | None
    places: tuple[PlaceRef, ...]
    actors: tuple[ActorRef, ...]
    casualties: tuple[CasualtyTally, ...]
    mentions: tuple[str, ...]
    documents: tuple[str, ...]
    claims: tuple[Claim, ...]
    disputed: tuple[Dispute, ...]
    episode: str | None = None
    summary: str = ""
    countries: tuple[str, ...] = ()  # the principal sides (ISO3), most often named first

    def claims_by_claimant(self) -> dict[str, list[Claim]]:
        grouped: dict[str, list[Claim]] = {}
        for claim in self.claims:
            grouped.setdefault(claim.claimant, []).append(claim)
        return grouped

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "summary": self.summary,
            "countries": list(self.countries),
            "places": [p.as_dict() for p in self.places],
            "actors": [a.as_dict() for a in self.actors],
            "casualties": tallies_as_dict(self.casualties),
            "mentions": list(self.mentions),
            "documents": list(self.documents),
            "claims": {
                claimant: [c.as_dict() for c in claims]
                for claimant, claims in self.claims_by_claimant().items()
            },
            "disputed": [d.as_dict() for d in self.disputed],
            "episode": self.episode,
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CeasefireState:
    """One step of a ceasefire's life: proposed, agreed, in force, violated, collapsed."""

    state: str
    date: dt.date | None  # the day, or the last day a coarser date allows
    claimant: str
    evidence: Citation
    #: How precisely the text dates it ("later last month": month); `earliest` is the first day
    #: the date allows, `date` the last.
    precision: DatePrecision = DatePrecision.DAY
    earliest: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "date": _iso(self.date),
            "date_precision": self.precision.value,
            "earliest": _iso(self.earliest or self.date),
            "claimant": self.claimant,
            "evidence": self.evidence.as_dict(),
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Ceasefire:
    id: str
    parties: tuple[str, ...]  # ISO3 codes or actor names
    mediators: tuple[str, ...]
    start: dt.date | None
    terms: tuple[str, ...]
    states: tuple[CeasefireState, ...]
    violations: tuple[Claim, ...]
    mentions: tuple[str, ...]
    documents: tuple[str, ...]
    #: The text names no (or one) side: the parties are the sides of the episode it falls in.
    parties_inferred: bool = False
    start_precision: DatePrecision = DatePrecision.DAY  # of the state that gives `start`

    @property
    def state(self) -> str | None:
        """The latest state reached."""
        return self.states[-1].state if self.states else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parties": list(self.parties),
            "parties_inferred": self.parties_inferred,
            "mediators": list(self.mediators),
            "start": _iso(self.start),
            "start_precision": self.start_precision.value,
            "terms": list(self.terms),
            "state": self.state,
            "states": [s.as_dict() for s in self.states],
            "violations": [v.as_dict() for v in self.violations],
            "mentions": list(self.mentions),
            "documents": list(self.documents),
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Episode:
    """Incidents close in time between the same sides: a flare-up, a war."""

    id: str
    name: str
    start: dt.date | None
    end: dt.date | None
    incidents: tuple[str, ...]
    countries: tuple[str, ...]
    casualties: tuple[CasualtyTally, ...]
    recalled_by: tuple[str, ...] = ()  # background mentions that recall this episode

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "incidents": list(self.incidents),
            "countries": list(self.countries),
            "casualties": tallies_as_dict(self.casualties),
            "recalled_by": list(self.recalled_by),
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    start: dt.date | None
    end: dt.date | None
    summary: str
    incident: str | None
    episode: str | None
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "summary": self.summary,
            "incident": self.incident,
            "episode": self.episode,
            "citations": [c.as_dict() for c in self.citations],
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    episodes: tuple[Episode, ...]
    entries: tuple[TimelineEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "episodes": [
                {"id": e.id, "name": e.name, "start": _iso(e.start), "end": _iso(e.end)}
                for e in self.episodes
            ],
            "entries": [e.as_dict() for e in self.entries],
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LinkReport:
    documents: int
    mentions: int
    frames: int
    incidents_removed: int
    incidents_written: int

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Frame:
    """What one document says about one event: its event mentions and the claims about it.

    Frames are the unit of cross-document linking: an incident is a connected group of frames.
    `kind` is "event" (can make an incident), "claims" (accusations or denials with no event of
    their own in the document: they join an incident but never make one), "background" (a past
    event recalled: it links to an episode) or "ceasefire".
    """

    id: str
    doc_id: str
    kind: str
    start: dt.date | None
    end: dt.date | None
    countries: tuple[str, ...]
    blocks: tuple[str, ...]
    tokens: tuple[str, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[str, ...]  # per mention: event, alleged, accusation, denial, background, ...
    explicit: bool = False  # the text dates the event; else the dates are a guess from publication
    mediators: tuple[str, ...] = ()  # ceasefire frames split per ceasefire: who brokers this one

"""A group of linked frames -> one Incident: type, dates, places, actors, claims, tallies, disputes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from conflictwatch.link.claims import disputes, make_claims, mutual_sides
from conflictwatch.link.frames import iso3
from conflictwatch.link.lexicon import type_roles
from conflictwatch.link.places import scene_places
from conflictwatch.link.tallies import incident_tallies
from conflictwatch.link.types import CasualtyTally, Frame, Incident
from conflictwatch.model import ActorRef, DatePrecision, Mention, PlaceRef

#: Date precisions, finest first: an incident's dates come from its most precise reports.
_FINEST = (DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR)
#: ACLED geo precision of a town or district: finer places are scenes whatever their country.
PRECISE_PLACE = 2
#: Roles whose mentions describe the event itself (rather than talk about it).
_EVENT_ROLES = ("event", "alleged")


def incident_id(frames: Iterable[Frame]) -> str:
    """Stable id: the smallest frame id of the group, so arrival order never changes it."""
    return "i" + min(frame.id for frame in frames)[:15]


def flatten(frames: Sequence[Frame]) -> tuple[list[Mention], list[str]]:
    """The group's mentions with their roles, by document then text order (each mention once)."""
    pairs: dict[str, tuple[Mention, str]] = {}
    for frame in frames:
        for mention, role in zip(frame.mentions, frame.roles, strict=True):
            pairs.setdefault(mention.id, (mention, role))
    ordered = sorted(pairs.values(), key=lambda p: (p[0].doc_id, p[0].evidence.start, p[0].id))
    return [m for m, _ in ordered], [r for _, r in ordered]


def incident_dates(mentions: Sequence[Mention]) -> tuple[dt.date | None, dt.date | None]:
    """The span of the most precisely dated reports; dates the text states beat default windows."""
    dated = [m.date for m in mentions if m.date and m.date.start and m.date.end]
    for explicit in (True, False):
        for precision in _FINEST:
            chosen = [d for d in dated if d.precision is precision and bool(d.text) is explicit]
            if chosen:
                return min(d.start for d in chosen if d.start), max(d.end for d in chosen if d.end)
    return None, None


def incident_type(mentions: Sequence[Mention]) -> str:
    counts = Counter(m.type for m in mentions)
    if not counts:
        return "ASSAULT"
    # FIGHT (two armed sides) wins ties: a battle report also describes attacks.
    return max(sorted(counts), key=lambda t: (counts[t], t == "FIGHT"))


def incident_places(
    mentions: Iterable[Mention], parties: Sequence[str] = ()
) -> tuple[PlaceRef, ...]:
    """Where the event mentions place it: scenes only, never a speaker's seat (see places.py).

    With the incident's sides (`parties`), a place coarser than a district counts only when it
    is in one of them: "appealed to Russia", "the war in Ukraine" name other countries, not scenes.
    """
    found: dict[str, PlaceRef] = {}
    for mention in mentions:
        for place in scene_places(mention):
            coarse = (place.precision or 9) > PRECISE_PLACE
            if parties and coarse and iso3(place.country) not in parties:
                continue
            found.setdefault(place.id or place.name, place)
    return tuple(sorted(found.values(), key=lambda p: (p.precision or 9, p.name)))


def incident_actors(mentions: Iterable[Mention]) -> tuple[ActorRef, ...]:
    found: dict[str, ActorRef] = {}
    for mention in mentions:
        for actor in (mention.agent, mention.target):
            if actor is not None and (actor.id or actor.country):
                found.setdefault(actor.id or actor.name, actor)
    return tuple(sorted(found.values(), key=lambda a: a.name))


#: How much each kind of evidence says about who took part: the actors, the scene, a country named.
_PARTY_WEIGHTS = {"actor": 2.0, "place": 1.0, "country": 0.5, "blame": 3.0}


def principal_parties(
    mentions: Sequence[Mention], *, exclude: Iterable[str] = ()
) -> tuple[str, ...]:
    """The (at most two) countries the reports point to most: as actors, as sides that blame
    each other, then as the scene (speakers' seats left out: "Moscow urged calm" makes no side
    of Russia)."""
    counts: dict[str, float] = {}
    for mention in mentions:
        for actor in (mention.agent, mention.target):
            code = iso3(actor.country) if actor else None
            if code:
                counts[code] = counts.get(code, 0.0) + _PARTY_WEIGHTS["actor"]
        if type_roles().get(mention.type) == "accusation":
            for code in mutual_sides(mention.evidence.text):  # "A and B blamed each other"
                counts[code] = counts.get(code, 0.0) + _PARTY_WEIGHTS["blame"]
        for place in scene_places(mention):
            code = iso3(place.country)
            if code:
                precise = place.precision is not None and place.precision <= 2
                weight = _PARTY_WEIGHTS["place" if precise else "country"]
                counts[code] = counts.get(code, 0.0) + weight
    for code in exclude:
        counts.pop(code, None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(code for code, _ in ranked[:2])


def _accusations_of_events(mentions: Iterable[Mention], events: Iterable[Mention]) -> list[Mention]:
    """Accusations made in a sentence that reports one of the incident's events: they name who
    did it. One whose sentence holds none accuses of something else ("accused of supplying
    fighters"), and its accused is no side of the fighting."""
    sentences = {(m.doc_id, m.evidence.start) for m in events}
    return [m for m in mentions if m.type == "ACCUSE" and (m.doc_id, m.evidence.start) in sentences]


def assemble_incident(frames: Sequence[Frame], *, episode: str | None = None) -> Incident:
    mentions, roles = flatten(frames)
    events = [m for m, r in zip(mentions, roles, strict=True) if r in _EVENT_ROLES]
    core = [m for m, r in zip(mentions, roles, strict=True) if r == "event"] or events
    start, end = incident_dates(core)
    tallies = incident_tallies(m for m, r in zip(mentions, roles, strict=True))
    parties = principal_parties([*events, *_accusations_of_events(mentions, events)])
    return Incident(
        id=incident_id(frames),
        type=incident_type(core),
        start=start,
        end=end,
        places=incident_places(events, parties),
        actors=incident_actors(events),
        casualties=tallies,
        mentions=tuple(m.id for m in mentions),
        documents=tuple(sorted({f.doc_id for f in frames})),
        claims=make_claims(mentions, roles),
        disputed=disputes(mentions, roles, tallies, parties),
        episode=episode,
        summary=summarize(start, end, incident_type(core), events, tallies, parties),
        countries=parties,
    )


_TYPE_WORDS = {"FIGHT": "Clashes", "ASSAULT": "Attack"}


def summarize(
    start: dt.date | None,
    end: dt.date | None,
    event_type: str,
    events: Sequence[Mention],
    tallies: Sequence[CasualtyTally],
    parties: Sequence[str] = (),
) -> str:
    """One line from the structured fields: what, where, when, and the casualty figures."""
    what = _TYPE_WORDS.get(event_type, event_type.capitalize())
    scenes = incident_places(events, parties)
    places = [p.name for p in scenes if (p.precision or 9) <= PRECISE_PLACE][:4]
    if not places:
        places = [p.name for p in scenes][:3]
    where = f" in {', '.join(places)}" if places else ""
    when = ""
    if start and end:
        when = f" on {start.isoformat()}" if start == end else f", {start} to {end}"
    figures = [_tally_text(t) for t in tallies if t.best is not None or t.high is not None]
    tail = f": {'; '.join(figures)}" if figures else ""
    return f"{what}{where}{when}{tail}"


def _tally_text(item: CasualtyTally) -> str:
    who = " civilians" if item.civilian else ""
    side = f" ({item.side})" if item.side else ""
    open_ended = any(c.counted and c.max is None and c.min is not None for c in item.claims)
    if item.best is None:
        return f"up to {item.high}{who} {item.kind}{side} (unconfirmed)"
    best = f"at least {item.best}" if open_ended and item.best == item.high else str(item.best)
    if item.high is not None and item.high != item.best:
        return f"{best}{who} {item.kind}{side} (up to {item.high})"
    return f"{best}{who} {item.kind}{side}"

"""The linking stage over a store: incremental linking, and the incident, ceasefire and timeline views.

`link_documents` rebuilds the frames of the given documents, then follows same-event links from
them (and from every other frame of the incidents they were in) through the blocking index until
no new frame is reached. Only the incidents so touched are rewritten; since incidents are the
connected components of pairwise links, the result is the same whatever order documents arrive in.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection

from conflictwatch.link.candidates import (
    FrameIndex,
    UnionFind,
    is_linkable,
    link_pairs,
    makes_incident,
)
from conflictwatch.link.ceasefires import (
    WATCH,
    assemble_ceasefire,
    group_frames,
    violation_claims,
    with_belligerents,
)
from conflictwatch.link.episodes import build_episodes
from conflictwatch.link.frames import LEAD_CHARS, build_frames, query_keys, shift
from conflictwatch.link.incidents import assemble_incident
from conflictwatch.link.timeline import build_timeline_from
from conflictwatch.link.types import (
    CasualtyTally,
    Ceasefire,
    Episode,
    Frame,
    Incident,
    LinkReport,
    Timeline,
    TimelineEntry,
)
from conflictwatch.model import Mention
from conflictwatch.store import SqlStore
from conflictwatch.store import incident_store as db
from conflictwatch.store.incident_codec import episode_from_dict, incident_from_json

__all__ = [
    "build_timeline",
    "get_incident",
    "iter_incidents",
    "link_documents",
    "list_ceasefires",
    "list_incidents",
    "stored_episodes",
    "timeline_entries",
]


def link_documents(store: SqlStore, doc_ids: Sequence[str]) -> LinkReport:
    """Link the stored mentions of these documents into incidents; re-linking replaces a
    document's earlier contribution. Episodes are brought up to date."""
    wanted = list(dict.fromkeys(doc_ids))
    mentions = {doc_id: store.list_mentions(doc_id=doc_id) for doc_id in wanted}
    with store._reading() as connection:
        published = db.publication_dates(connection, wanted)
        texts = db.document_leads(connection, wanted, LEAD_CHARS)
    frames = [
        frame
        for doc_id in wanted
        for frame in build_frames(
            mentions[doc_id],
            published=published.get(doc_id),
            text=texts.get(doc_id),
            doc_id=doc_id,
        )
    ]
    with store._writing() as connection:
        old = db.frames_of_documents(connection, wanted)
        old_incidents = {incident for _, incident in old if incident}
        db.delete_document_frames(connection, wanted)
        db.insert_frames(connection, frames)
        removed, written = _relink(connection, frames, old_incidents)
        _refresh_episodes(connection)
    return LinkReport(
        documents=len(wanted),
        mentions=sum(len(found) for found in mentions.values()),
        frames=len(frames),
        incidents_removed=len(removed),
        incidents_written=written,
    )


def _relink(
    connection: Connection, new_frames: Sequence[Frame], old_incidents: set[str]
) -> tuple[set[str], int]:
    index = FrameIndex()
    incident_of: dict[str, str | None] = {}
    for frame in new_frames:
        index.add(frame)
        incident_of[frame.id] = None
    previous = db.frames_by_id(connection, db.frames_of_incidents(connection, old_incidents))
    for frame_id, (frame, incident) in previous.items():
        index.add(frame)
        incident_of[frame_id] = incident
    groups = UnionFind()
    tested: set[tuple[str, str]] = set()
    expanded: set[str] = set()
    queried: set[str] = set()
    frontier = sorted(incident_of)
    while frontier:
        keys = {
            key
            for frame_id in frontier
            if is_linkable(frame := index.features[frame_id].frame)
            for key in query_keys(frame.blocks)
        } - queried
        queried |= keys
        unseen = db.frame_ids_under(connection, keys) - set(index.features)
        for frame_id, (frame, incident) in db.frames_by_id(connection, unseen).items():
            index.add(frame)
            incident_of[frame_id] = incident
        expanded.update(frontier)
        reached = link_pairs(frontier, index, groups, tested)
        frontier = sorted(set(reached) - expanded)
    components = [[index.features[i].frame for i in group] for group in groups.groups()]
    removed = set(old_incidents)
    removed.update(incident_of[f.id] or "" for group in components for f in group)
    removed.discard("")
    written: list[tuple[dict[str, Any], list[str]]] = []
    unlinked: list[str] = []
    for group in components:
        if makes_incident(group):
            written.append((assemble_incident(group).as_dict(), [f.id for f in group]))
        else:
            unlinked.extend(f.id for f in group)
    db.replace_incidents(connection, removed, written, unlinked)
    return removed, len(written)


def _stub(data: Mapping[str, Any]) -> Incident:
    """An incident with only what episodes need (dates, sides, type, tallies without claims)."""
    tallies = []
    for kind, sides in (data.get("casualties") or {}).items():
        for key, figures in sides.items():
            side, _, population = key.partition(":")
            tallies.append(
                CasualtyTally(
                    kind=kind,
                    side=None if side == "unknown" else side,
                    low=figures.get("low"),
                    best=figures.get("best"),
                    high=figures.get("high"),
                    cumulative=bool(figures.get("cumulative")),
                    claims=(),
                    civilian=population == "civilian",
                )
            )
    return Incident(
        id=data["id"],
        type=data["type"],
        start=_date(data.get("start")),
        end=_date(data.get("end")),
        places=(),
        actors=(),
        casualties=tuple(tallies),
        mentions=(),
        documents=(),
        claims=(),
        disputed=(),
        countries=tuple(data.get("countries") or ()),
    )


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _refresh_episodes(connection: Connection) -> None:
    incidents = [_stub(data) for data, _ in db.incident_rows(connection)]
    background = db.frames_of_kind(connection, "background")
    episodes, membership = build_episodes(incidents, background)
    db.replace_episodes(connection, [e.as_dict() for e in episodes], membership)


def list_incidents(store: SqlStore, *, limit: int | None = None) -> list[Incident]:
    """Stored incidents by start date (undated last), then id, each with its episode: read as
    linking stored them, not rebuilt from their frames."""
    return list(itertools.islice(iter_incidents(store), limit))


def list_ceasefires(store: SqlStore) -> list[Ceasefire]:
    """Ceasefires by start date (undated last), with the violation claims made during each."""
    episodes = stored_episodes(store)
    with store._reading() as connection:
        groups = group_frames(db.frames_of_kind(connection, "ceasefire"))
        result = []
        for group in groups:
            draft = assemble_ceasefire(group, ())
            claims = []
            if draft.start is not None:
                window = db.frames_between(
                    connection, draft.start, shift(draft.start, WATCH), ("event", "claims")
                )
                claims = violation_claims(draft, window)
            ceasefire = assemble_ceasefire(group, claims)
            ceasefire = with_belligerents(ceasefire, group, episodes)
            if ceasefire.states:  # "the fragile truce" alone says nothing to track
                result.append(ceasefire)
    result.sort(key=lambda c: (c.start is None, c.start or dt.date.min, c.id))
    return result


def get_incident(store: SqlStore, incident_id: str) -> Incident | None:
    """One stored incident with its episode, read through its primary key (None: no such id)."""
    with store._reading() as connection:
        found = db.incident_row(connection, incident_id)
    return None if found is None else incident_from_json(found[0], episode=found[1])


#: Incidents read per query when walking all of them (memory holds one batch at a time).
BATCH = 1000


def iter_incidents(store: SqlStore, *, batch: int = BATCH) -> Iterator[Incident]:
    """Every stored incident by start date (undated last), then id, read in batches."""
    after: db.IncidentKey | None = None
    while True:
        with store._reading() as connection:
            rows = db.incident_rows_after(connection, after, batch)
        for data, episode, _ in rows:
            yield incident_from_json(data, episode=episode)
        if len(rows) < batch:
            return
        after = rows[-1][2]


def stored_episodes(store: SqlStore) -> list[Episode]:
    """The episodes the last linking run stored, by start date (undated last), then id."""
    with store._reading() as connection:
        return [episode_from_dict(row) for row in db.episode_rows(connection)]


def _entry_order(entry: TimelineEntry) -> tuple[bool, dt.date, bool, str]:
    # The timeline's own order (see build_timeline_from).
    return (entry.start is None, entry.start or dt.date.min, entry.incident is None, entry.summary)


def timeline_entries(
    store: SqlStore, episodes: Sequence[Episode], *, batch: int = BATCH
) -> Iterator[TimelineEntry]:
    """The timeline's entries in order, from the stored incidents read in date order: one day's
    incidents are held at a time, and the few ceasefire entries are merged in by date."""
    made = build_timeline_from((), episodes, list_ceasefires(store)).entries
    ceasefires: dict[dt.date | None, list[TimelineEntry]] = {}
    for entry in made:
        ceasefires.setdefault(entry.start, []).append(entry)
    days = sorted(ceasefires, key=lambda day: (day is None, day or dt.date.min))

    def day_entries(day: dt.date | None, incidents: list[Incident]) -> list[TimelineEntry]:
        found = [*build_timeline_from(incidents, (), ()).entries, *ceasefires.pop(day, ())]
        return sorted(found, key=_entry_order)

    def earlier(day: dt.date | None) -> Iterator[TimelineEntry]:
        """Ceasefire entries of days before `day` (None: after every date)."""
        while days and days[0] is not None and (day is None or days[0] < day):
            yield from ceasefires.pop(days.pop(0), ())

    pending: list[Incident] = []
    for incident in iter_incidents(store, batch=batch):
        if pending and incident.start != pending[0].start:
            yield from earlier(pending[0].start)
            yield from day_entries(pending[0].start, pending)
            pending = []
        pending.append(incident)
    if pending:
        yield from earlier(pending[0].start)
        yield from day_entries(pending[0].start, pending)
    yield from earlier(None)
    if None in ceasefires:
        yield from day_entries(None, [])


def build_timeline(store: SqlStore) -> Timeline:
    """Episodes and dated entries, in date order, from the stored incidents and episodes."""
    episodes = stored_episodes(store)
    return Timeline(episodes=tuple(episodes), entries=tuple(timeline_entries(store, episodes)))


def link_mentions_in_memory(
    mentions: Sequence[Mention],
    published: Mapping[str, dt.date | None],
    texts: Mapping[str, str] | None = None,
) -> list[Incident]:
    """Incidents from mentions without a store (tests, benchmarks): same rules as `link_documents`."""
    from conflictwatch.link.candidates import link_frames

    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    frames = [
        frame
        for doc_id in sorted(by_doc)
        for frame in build_frames(
            by_doc[doc_id], published=published.get(doc_id), text=(texts or {}).get(doc_id)
        )
    ]
    return [assemble_incident(group) for group in link_frames(frames) if makes_incident(group)]

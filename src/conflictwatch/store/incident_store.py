"""Storage of the linking stage: frames with their blocking keys, incidents and episodes.

Functions take an open SQLAlchemy Connection (from `SqlStore._reading()` / `_writing()`), so the
linking stage can do all of one run's reads and writes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    String,
    delete,
    func,
    insert,
    literal,
    select,
    tuple_,
    update,
)

from conflictwatch.link.types import Frame
from conflictwatch.model import DatePrecision
from conflictwatch.store import catalog, daycounts, refs
from conflictwatch.store.mention_codec import mention_from_dict
from conflictwatch.store.schema import (
    documents,
    episodes,
    incident_refs,
    incidents,
    link_blocks,
    link_frames,
)

#: Most values bound into one IN (...) list (SQLite's default limit is far above; PostgreSQL none).
CHUNK = 500

__all__ = [
    "delete_document_frames",
    "document_leads",
    "episode_rows",
    "frame_from_json",
    "frame_ids_under",
    "frame_json",
    "frames_between",
    "frames_by_id",
    "frames_of_documents",
    "frames_of_incidents",
    "frames_of_kind",
    "incident_columns",
    "incident_json",
    "incident_row",
    "incident_rows",
    "incident_rows_after",
    "insert_frames",
    "publication_dates",
    "replace_episodes",
    "replace_incidents",
]


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def frame_json(frame: Frame) -> str:
    data = {
        "id": frame.id,
        "doc_id": frame.doc_id,
        "kind": frame.kind,
        "start": frame.start.isoformat() if frame.start else None,
        "end": frame.end.isoformat() if frame.end else None,
        "countries": list(frame.countries),
        "blocks": list(frame.blocks),
        "tokens": list(frame.tokens),
        "roles": list(frame.roles),
        "explicit": frame.explicit,
        "mentions": [m.as_dict() for m in frame.mentions],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def frame_from_json(text: str) -> Frame:
    data = json.loads(text)
    return Frame(
        id=data["id"],
        doc_id=data["doc_id"],
        kind=data["kind"],
        start=_date(data.get("start")),
        end=_date(data.get("end")),
        countries=tuple(data.get("countries") or ()),
        blocks=tuple(data.get("blocks") or ()),
        tokens=tuple(data.get("tokens") or ()),
        mentions=tuple(mention_from_dict(m) for m in data.get("mentions") or ()),
        roles=tuple(data.get("roles") or ()),
        explicit=bool(data.get("explicit")),
    )


def publication_dates(connection: Connection, doc_ids: Sequence[str]) -> dict[str, dt.date | None]:
    """Day-precision publication dates of the documents (None when unknown or coarser)."""
    found: dict[str, dt.date | None] = {}
    for chunk in _chunks(list(doc_ids)):
        query = select(
            documents.c.id, documents.c.published, documents.c.published_precision
        ).where(documents.c.id.in_(chunk))
        for row in connection.execute(query):
            exact = row.published_precision == DatePrecision.DAY.value
            found[row.id] = row.published if exact else None
    return found


def document_leads(connection: Connection, doc_ids: Sequence[str], chars: int) -> dict[str, str]:
    """The first `chars` characters of each document's clean text."""
    found: dict[str, str] = {}
    for chunk in _chunks(list(doc_ids)):
        query = select(documents.c.id, func.substr(documents.c.text, 1, chars)).where(
            documents.c.id.in_(chunk)
        )
        found.update((row[0], row[1] or "") for row in connection.execute(query))
    return found


def frames_of_documents(
    connection: Connection, doc_ids: Sequence[str]
) -> list[tuple[str, str | None]]:
    """(frame id, incident id) of the documents' stored frames."""
    rows: list[tuple[str, str | None]] = []
    for chunk in _chunks(list(doc_ids)):
        query = select(link_frames.c.id, link_frames.c.incident_id).where(
            link_frames.c.doc_id.in_(chunk)
        )
        rows.extend((row.id, row.incident_id) for row in connection.execute(query))
    return rows


def delete_document_frames(connection: Connection, doc_ids: Sequence[str]) -> None:
    for chunk in _chunks(list(doc_ids)):
        ids = select(link_frames.c.id).where(link_frames.c.doc_id.in_(chunk))
        connection.execute(delete(link_blocks).where(link_blocks.c.frame_id.in_(ids)))
        connection.execute(delete(link_frames).where(link_frames.c.doc_id.in_(chunk)))


def insert_frames(connection: Connection, frames: Sequence[Frame]) -> None:
    if not frames:
        return
    rows = [
        {
            "id": f.id,
            "doc_id": f.doc_id,
            "kind": f.kind,
            "start_date": f.start,
            "end_date": f.end,
            "incident_id": None,
            "data": frame_json(f),
        }
        for f in frames
    ]
    connection.execute(insert(link_frames), rows)
    blocks = [
        {"frame_id": f.id, "block_key": key} for f in frames for key in dict.fromkeys(f.blocks)
    ]
    if blocks:
        connection.execute(insert(link_blocks), blocks)


def frame_ids_under(connection: Connection, keys: Iterable[str]) -> set[str]:
    """Frames indexed under any of `keys`."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(keys))):
        query = select(link_blocks.c.frame_id).where(link_blocks.c.block_key.in_(chunk))
        found.update(connection.scalars(query))
    return found


def frames_by_id(
    connection: Connection, frame_ids: Iterable[str]
) -> dict[str, tuple[Frame, str | None]]:
    """Frames and their current incident ids."""
    found: dict[str, tuple[Frame, str | None]] = {}
    for chunk in _chunks(sorted(set(frame_ids))):
        query = select(link_frames.c.data, link_frames.c.incident_id).where(
            link_frames.c.id.in_(chunk)
        )
        for row in connection.execute(query):
            frame = frame_from_json(row.data)
            found[frame.id] = (frame, row.incident_id)
    return found


def frames_of_incidents(connection: Connection, incident_ids: Iterable[str]) -> list[str]:
    ids: list[str] = []
    for chunk in _chunks(sorted(set(incident_ids))):
        query = select(link_frames.c.id).where(link_frames.c.incident_id.in_(chunk))
        ids.extend(connection.scalars(query))
    return ids


def frames_of_kind(connection: Connection, kind: str) -> list[Frame]:
    query = select(link_frames.c.data).where(link_frames.c.kind == kind).order_by(link_frames.c.id)
    return [frame_from_json(data) for data in connection.scalars(query)]


def replace_incidents(
    connection: Connection,
    removed: Iterable[str],
    written: Sequence[tuple[dict[str, Any], Sequence[str]]],
    unlinked_frames: Iterable[str],
) -> None:
    """Delete the `removed` incidents, write the new ones (incident dict, its frame ids) and set
    the frames of groups that make no incident to no incident.

    A rewritten incident whose record is unchanged keeps its update time (a mirror has nothing to
    fetch); removed incidents whose id is not written again are logged in the change feed, as
    merged into the new incident holding most of their mentions, or deleted.
    """
    now = dt.datetime.now(dt.UTC)
    gone = sorted(set(removed))
    cited_before = catalog.cited_counts(connection, incident_refs, "incident_id", gone)
    counted_before = daycounts.count_cells(connection, daycounts.INCIDENTS, ids=gone)
    before: dict[str, tuple[str, dt.datetime, str | None]] = {}
    for chunk in _chunks(gone):
        query = select(
            incidents.c.id, incidents.c.data, incidents.c.updated_at, incidents.c.episode_id
        ).where(incidents.c.id.in_(chunk))
        before.update(
            (row.id, (row.data, row.updated_at, row.episode_id))
            for row in connection.execute(query)
        )
        connection.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
    for chunk in _chunks(sorted(set(unlinked_frames))):
        connection.execute(
            update(link_frames).where(link_frames.c.id.in_(chunk)).values(incident_id=None)
        )
    for incident, frame_ids in written:
        data = incident_json(incident)
        earlier = before.get(incident["id"])
        columns = incident_columns(incident, data)
        columns["updated_at"] = now
        if earlier is not None:
            # Until episodes are refreshed (next in a linking run), it stays in its episode.
            columns["episode_id"] = earlier[2]
            if earlier[0] == data:
                columns["updated_at"] = earlier[1]
        connection.execute(insert(incidents).values(**columns))
        for chunk in _chunks(sorted(frame_ids)):
            connection.execute(
                update(link_frames)
                .where(link_frames.c.id.in_(chunk))
                .values(incident_id=incident["id"])
            )
    records = [incident for incident, _ in written]
    catalog.write_incident_refs(connection, records)
    catalog.note_cited(connection, records, now)
    catalog.adjust_counts(
        connection, "incidents", cited_before, catalog.counted(records, refs.incident_refs)
    )
    daycounts.apply_change(
        connection,
        daycounts.INCIDENTS,
        counted_before,
        daycounts.count_cells(
            connection, daycounts.INCIDENTS, ids=[incident["id"] for incident in records]
        ),
    )
    old_members = {key: json.loads(value[0]).get("mentions") or () for key, value in before.items()}
    new_members = {incident["id"]: incident.get("mentions") or () for incident in records}
    catalog.record_changes(connection, "incidents", catalog.fates(old_members, new_members), now)


def incident_json(incident: Mapping[str, Any]) -> str:
    """The stored JSON of an incident dict: everything but its episode (a column of its own,
    refreshed apart from the record)."""
    kept = {key: value for key, value in incident.items() if key != "episode"}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def incident_columns(incident: Mapping[str, Any], data: str) -> dict[str, Any]:
    """The incidents row of an incident dict (`data` its JSON), without `updated_at`."""
    start, end = _date(incident.get("start")), _date(incident.get("end"))
    lat, lon = refs.located(incident)
    killed, wounded = refs.casualty_sums(incident)
    return {
        "id": incident["id"],
        "type": incident["type"],
        "start_date": start,
        "end_date": end,
        "episode_id": None,
        "countries": " ".join(incident.get("countries") or ()),
        "data": data,
        "span_days": refs.span_days(start, end),
        "lat": lat,
        "lon": lon,
        "killed": killed,
        "wounded": wounded,
        "marker": json.dumps(refs.marker(incident), ensure_ascii=False),
    }


def incident_rows(
    connection: Connection, *, limit: int | None = None
) -> list[tuple[dict[str, Any], str | None]]:
    """(incident dict, episode id) by start date (undated last), then id."""
    query = (
        select(incidents.c.data, incidents.c.episode_id)
        .order_by(incidents.c.start_date.is_(None), incidents.c.start_date, incidents.c.id)
        .limit(limit)
    )
    return [(json.loads(row.data), row.episode_id) for row in connection.execute(query)]


def replace_episodes(
    connection: Connection,
    rows: Sequence[dict[str, Any]],
    membership: dict[str, str],
) -> None:
    """Replace every episode; `membership` maps incident id -> episode id. Unchanged episodes keep
    their update time; episodes that are gone are logged as merged (into the new episode holding
    most of their incidents) or deleted."""
    now = dt.datetime.now(dt.UTC)
    before = {
        row.id: (row.data, row.updated_at)
        for row in connection.execute(select(episodes.c.id, episodes.c.data, episodes.c.updated_at))
    }
    in_episodes = select(incidents.c.id, incidents.c.episode_id).where(
        incidents.c.episode_id.is_not(None)
    )
    episode_before = {row.id: row.episode_id for row in connection.execute(in_episodes)}
    connection.execute(delete(episodes))
    connection.execute(update(incidents).values(episode_id=None))
    for row in rows:
        data = json.dumps(row, ensure_ascii=False, sort_keys=True)
        earlier = before.get(row["id"])
        connection.execute(
            insert(episodes).values(
                id=row["id"],
                name=row["name"],
                start_date=_date(row.get("start")),
                end_date=_date(row.get("end")),
                data=data,
                updated_at=earlier[1] if earlier and earlier[0] == data else now,
            )
        )
    by_episode: dict[str, list[str]] = {}
    for incident, episode in membership.items():
        by_episode.setdefault(episode, []).append(incident)
    for episode, members in by_episode.items():
        for chunk in _chunks(sorted(members)):
            connection.execute(
                update(incidents).where(incidents.c.id.in_(chunk)).values(episode_id=episode)
            )
    # An incident's view shows its episode: one that moved counts as updated.
    moved = {
        i
        for i in set(episode_before) | set(membership)
        if episode_before.get(i) != membership.get(i)
    }
    for chunk in _chunks(sorted(moved)):
        connection.execute(
            update(incidents).where(incidents.c.id.in_(chunk)).values(updated_at=now)
        )
    old_members = {
        key: json.loads(value[0]).get("incidents") or () for key, value in before.items()
    }
    new_members = {row["id"]: row.get("incidents") or () for row in rows}
    catalog.record_changes(connection, "episodes", catalog.fates(old_members, new_members), now)


def episode_rows(connection: Connection) -> list[dict[str, Any]]:
    query = select(episodes.c.data).order_by(
        episodes.c.start_date.is_(None), episodes.c.start_date, episodes.c.id
    )
    return [json.loads(data) for data in connection.scalars(query)]


def frames_between(
    connection: Connection, start: dt.date, end: dt.date, kinds: Sequence[str]
) -> list[Frame]:
    """Frames of these kinds whose dates overlap [start, end]."""
    query = (
        select(link_frames.c.data)
        .where(link_frames.c.kind.in_(list(kinds)))
        .where(link_frames.c.start_date <= end)
        .where(link_frames.c.end_date >= start)
        .order_by(link_frames.c.id)
    )
    return [frame_from_json(data) for data in connection.scalars(query)]


def incident_row(connection: Connection, incident_id: str) -> tuple[str, str | None] | None:
    """(stored JSON, episode id) of one incident, or None: one read through the primary key."""
    query = select(incidents.c.data, incidents.c.episode_id).where(incidents.c.id == incident_id)
    row = connection.execute(query).first()
    return None if row is None else (row.data, row.episode_id)


#: Where a walk through the incidents stopped: (start date or None, id) of the last one read.
IncidentKey = tuple[dt.date | None, str]


def incident_rows_after(
    connection: Connection, after: IncidentKey | None, limit: int
) -> list[tuple[str, str | None, IncidentKey]]:
    """Up to `limit` incidents after `after` in (start date, id) order, undated last, as
    (stored JSON, episode id, key): each call is one or two index range scans, so walking every
    incident batch by batch costs what reading them once does."""
    c = incidents.c
    columns = (c.data, c.episode_id, c.start_date, c.id)
    rows: list[Any] = []
    if after is None or after[0] is not None:
        dated = select(*columns).where(c.start_date.is_not(None))
        if after is not None:
            day, ident = after
            key = tuple_(literal(day, Date()), literal(ident, String()))
            dated = dated.where(tuple_(c.start_date, c.id) > key)
        rows = list(connection.execute(dated.order_by(c.start_date, c.id).limit(limit)))
    if len(rows) < limit:
        undated = select(*columns).where(c.start_date.is_(None))
        if after is not None and after[0] is None:
            undated = undated.where(c.id > after[1])
        rows.extend(connection.execute(undated.order_by(c.id).limit(limit - len(rows))))
    return [(row.data, row.episode_id, (row.start_date, row.id)) for row in rows]

"""Writing the API's indexes beside the records: filter keys, actors, places and the change feed.

Each function takes the open Connection of the write it belongs to, so the index rows land (or
not) together with the records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from . import refs
from .schema import actors, changes, incident_refs, mention_refs, places

DELETED = "deleted"
MERGED = "merged"


def _upsert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows, replacing every column of those whose id is already there."""
    if not rows:
        return
    dialect_insert: Any = (
        postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    )
    statement = dialect_insert(table)
    replaced = {c.name: statement.excluded[c.name] for c in table.c if c.name in rows[0]}
    replaced.pop("id", None)
    connection.execute(statement.on_conflict_do_update(index_elements=["id"], set_=replaced), rows)


def note_cited(
    connection: Connection, records: Iterable[Mapping[str, Any]], now: dt.datetime
) -> None:
    """Add or refresh the actors and places that `records` (mention or incident dicts) cite."""
    listed = list(records)
    for table, rows in (
        (actors, refs.cited_actors(listed)),
        (places, refs.cited_places(listed)),
    ):
        # Sorted: two writers upserting the same ids take their row locks in one order.
        _upsert(connection, table, [{**rows[key], "updated_at": now} for key in sorted(rows)])


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def cited_counts(
    connection: Connection, ref_table: Table, ref_key: str, ids: Sequence[str]
) -> Counter[tuple[str, str]]:
    """How often each actor and place is cited by the records `ids` (as stored now)."""
    found: Counter[tuple[str, str]] = Counter()
    for start in range(0, len(ids), 500):
        query = (
            select(ref_table.c.kind, ref_table.c.value, func.count())
            .where(ref_table.c[ref_key].in_(ids[start : start + 500]))
            .where(ref_table.c.kind.in_([refs.ACTOR, refs.PLACE]))
            .group_by(ref_table.c.kind, ref_table.c.value)
        )
        for kind, value, count in connection.execute(query):
            found[(kind, value)] += int(count)
    return found


def counted(
    records: Iterable[Mapping[str, Any]],
    refs_of: Callable[[Mapping[str, Any]], set[tuple[str, str]]],
) -> Counter[tuple[str, str]]:
    """How often each actor and place is cited by `records` (as their ref rows will say)."""
    return Counter(
        pair
        for record in records
        for pair in refs_of(record)
        if pair[0] in (refs.ACTOR, refs.PLACE)
    )


def adjust_counts(
    connection: Connection,
    column: str,
    before: Counter[tuple[str, str]],
    after: Counter[tuple[str, str]],
) -> None:
    """Move the actors' and places' `column` counts (mentions or incidents) from `before` to
    `after`; both count citations by the records one write replaced."""
    for kind, table in ((refs.ACTOR, actors), (refs.PLACE, places)):
        values = {value for k, value in (*before, *after) if k == kind}
        deltas = [
            {"key": value, "delta": after[(kind, value)] - before[(kind, value)]}
            for value in sorted(values)
        ]
        deltas = [d for d in deltas if d["delta"]]
        if deltas:
            connection.execute(
                update(table)
                .where(table.c.id == bindparam("key"))
                .values({column: table.c[column] + bindparam("delta")}),
                deltas,
            )


def write_mention_refs(connection: Connection, records: Iterable[Mapping[str, Any]]) -> None:
    rows = [
        {
            "mention_id": record["id"],
            "kind": kind,
            "value": value,
            "start_date": _day((record.get("date") or {}).get("start")),
        }
        for record in records
        for kind, value in sorted(refs.mention_refs(record))
    ]
    if rows:
        connection.execute(insert(mention_refs), rows)


def write_incident_refs(connection: Connection, records: Iterable[Mapping[str, Any]]) -> None:
    rows = [
        {
            "incident_id": record["id"],
            "kind": kind,
            "value": value,
            "start_date": _day(record.get("start")),
        }
        for record in records
        for kind, value in sorted(refs.incident_refs(record))
    ]
    if rows:
        connection.execute(insert(incident_refs), rows)


def fates(
    before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
) -> list[tuple[str, str | None]]:
    """(old id, the new id it was merged into, or None if deleted) for each record of `before`
    (id -> member ids) whose id is not in `after`. A record is merged into the new record that
    holds most of its members (ties: the smallest id); with no member left anywhere, deleted."""
    holders: dict[str, list[str]] = {}
    for new_id, members in after.items():
        for member in members:
            holders.setdefault(member, []).append(new_id)
    result: list[tuple[str, str | None]] = []
    for old_id in sorted(set(before) - set(after)):
        votes: dict[str, int] = {}
        for member in set(before[old_id]):
            for new_id in holders.get(member, ()):
                votes[new_id] = votes.get(new_id, 0) + 1
        into = min(votes, key=lambda new_id: (-votes[new_id], new_id)) if votes else None
        result.append((old_id, into))
    return result


def record_changes(
    connection: Connection,
    collection: str,
    gone: Iterable[tuple[str, str | None]],
    now: dt.datetime,
) -> None:
    """Log records that disappeared: (id, None) deleted, (id, other id) merged into another."""
    rows = [
        {
            "at": now,
            "kind": DELETED if into is None else MERGED,
            "collection": collection,
            "record_id": record_id,
            "into": into,
        }
        for record_id, into in gone
    ]
    if rows:
        connection.execute(insert(changes), rows)

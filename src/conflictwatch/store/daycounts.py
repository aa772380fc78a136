"""Counts per start day (`record_days`), kept in step with the mentions and incidents they count.

Every write of mentions or incidents counts the cells (collection, kind, value, start, end, type)
of the records it is about to delete and of those it has just written, and adds the difference to
`record_days` in the same transaction: an update is a removal and an insertion, a merge removes
several incidents and writes one. The cells are counted with SQL from the stored rows and their ref
rows (`count_cells`), or, where the writer already holds those rows, in Python (`add_record`), which
counts exactly as the SQL does. Statistics and the
dashboard's timeline then add up these cells (a few per day and type) instead of counting records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    String,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from . import refs
from .schema import incident_refs, incidents, mention_refs, mentions, record_days

#: The start and end of undated records' cells (keys cannot hold NULL on every backend).
UNDATED = dt.date(1, 1, 1)
#: kind (and value) of the cells counting every record.
ALL = ""
#: The first day a dated record's cell can start on.
_FIRST_DATED = UNDATED + dt.timedelta(days=1)
#: Ref kinds counted per value: what statistics filter or group by.
COUNTED_KINDS = (refs.ACTOR, refs.REGION, refs.COUNTRY)

MENTIONS = "mentions"
INCIDENTS = "incidents"

#: (kind, value, start, end, type) -> [records, killed, wounded]
Cells = dict[tuple[str, str, dt.date, dt.date, str], list[int]]

_KEY_COLUMNS = ("kind", "value", "start_date", "end_date", "type")
#: Most ids bound into one IN (...) list.
_CHUNK = 500


def _source(collection: str) -> tuple[Table, Table, str, bool]:
    """(record table, ref table, ref table's record column, whether it has casualty figures)."""
    if collection == INCIDENTS:
        return incidents, incident_refs, "incident_id", True
    if collection == MENTIONS:
        return mentions, mention_refs, "mention_id", False
    raise ValueError(f"no day counts for {collection!r}")


def _cell_queries(collection: str, where: ColumnElement[bool]) -> list[Any]:
    """SELECTs of (kind, value, start, end, type, records, killed, wounded) for the records of
    `collection` matching `where`: one for all records, one per counted ref kind."""
    table, ref_table, ref_key, casualties = _source(collection)
    c = table.c
    start = func.coalesce(c.start_date, literal(UNDATED, Date()))
    end = func.coalesce(c.end_date, c.start_date, literal(UNDATED, Date()))
    figures: list[Any] = (
        [func.sum(c.killed), func.sum(c.wounded)] if casualties else [literal(0), literal(0)]
    )
    measures = (
        start.label("start_date"),
        end.label("end_date"),
        c.type,
        func.count().label("records"),
        figures[0].label("killed"),
        figures[1].label("wounded"),
    )
    everything = select(literal(ALL).label("kind"), literal(ALL).label("value"), *measures).where(
        where
    )
    r = ref_table.c
    cited = (
        select(r.kind, r.value, *measures)
        .select_from(table.join(ref_table, r[ref_key] == c.id))
        .where(where, r.kind.in_(COUNTED_KINDS))
    )
    return [
        everything.group_by(start, end, c.type),
        cited.group_by(r.kind, r.value, start, end, c.type),
    ]


def count_cells(
    connection: Connection,
    collection: str,
    *,
    ids: Sequence[str] | None = None,
    doc_id: str | None = None,
) -> Cells:
    """The cells of the stored records of `collection` with those ids (or of that document)."""
    table = _source(collection)[0]
    if doc_id is not None:
        return _count(connection, collection, [table.c.doc_id == doc_id])
    unique = sorted(set(ids or ()))
    return _count(
        connection,
        collection,
        [table.c.id.in_(unique[n : n + _CHUNK]) for n in range(0, len(unique), _CHUNK)],
    )


def all_cells(connection: Connection, collection: str) -> Cells:
    """The cells of every stored record of `collection`, counted from the records themselves."""
    return _count(connection, collection, [_source(collection)[0].c.id.is_not(None)])


def _count(connection: Connection, collection: str, groups: Sequence[ColumnElement[bool]]) -> Cells:
    found: Cells = {}
    for where in groups:
        for query in _cell_queries(collection, where):
            for row in connection.execute(query):
                key = (row.kind, row.value, row.start_date, row.end_date, row.type)
                cell = found.setdefault(key, [0, 0, 0])
                cell[0] += int(row.records)
                cell[1] += int(row.killed or 0)
                cell[2] += int(row.wounded or 0)
    return found


def add_record(
    cells: Cells,
    *,
    start: dt.date | None,
    end: dt.date | None,
    type_: str,
    cited: Iterable[tuple[str, str]],
    killed: int = 0,
    wounded: int = 0,
) -> None:
    """Count one record (its dates, type, (kind, value) ref rows and casualty figures) into `cells`,
    as `count_cells` would count it once stored."""
    start_key = UNDATED if start is None else start
    end_key = end if end is not None else start_key
    keys = [(ALL, ALL)]
    keys.extend(pair for pair in cited if pair[0] in COUNTED_KINDS)
    for kind, value in keys:
        cell = cells.setdefault((kind, value, start_key, end_key, type_), [0, 0, 0])
        cell[0] += 1
        cell[1] += killed
        cell[2] += wounded


@functools.cache
def _upsert_statement(dialect_name: str) -> Any:
    insert_for = postgresql.insert if dialect_name == "postgresql" else sqlite.insert
    statement = insert_for(record_days)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["collection", *_KEY_COLUMNS],
        set_={
            "records": record_days.c.records + excluded.records,
            "killed": record_days.c.killed + excluded.killed,
            "wounded": record_days.c.wounded + excluded.wounded,
        },
    )


# Only cells that lost records can have come down to none: each is looked up by its key.
_DELETE_EMPTY = delete(record_days).where(
    record_days.c.collection == bindparam("key_collection"),
    *(record_days.c[name] == bindparam(f"key_{name}") for name in _KEY_COLUMNS),
    record_days.c.records <= 0,
)


def apply_change(connection: Connection, collection: str, before: Cells, after: Cells) -> None:
    """Add `after - before` to the stored cells of `collection`; drop cells left empty."""
    rows: list[dict[str, Any]] = []
    for key in before.keys() | after.keys():
        old, new = before.get(key, [0, 0, 0]), after.get(key, [0, 0, 0])
        delta = [n - o for n, o in zip(new, old, strict=True)]
        if any(delta):
            rows.append(
                {
                    "collection": collection,
                    **dict(zip(_KEY_COLUMNS, key, strict=True)),
                    "records": delta[0],
                    "killed": delta[1],
                    "wounded": delta[2],
                }
            )
    if not rows:
        return
    rows.sort(key=_row_order)
    connection.execute(_upsert_statement(connection.dialect.name), rows)
    shrunk = [
        {"key_collection": collection, **{f"key_{name}": row[name] for name in _KEY_COLUMNS}}
        for row in rows
        if row["records"] < 0
    ]
    if shrunk:
        connection.execute(_DELETE_EMPTY, shrunk)


def _row_order(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in _KEY_COLUMNS)


def rebuild(connection: Connection) -> None:
    """Count every cell again from the stored records (the migration's backfill, a repair)."""
    connection.execute(delete(record_days))
    for collection in (MENTIONS, INCIDENTS):
        table = _source(collection)[0]
        for query in _cell_queries(collection, table.c.id.is_not(None)):
            columns = [*_KEY_COLUMNS, "records", "killed", "wounded"]
            subquery = query.subquery()
            connection.execute(
                insert(record_days).from_select(
                    ["collection", *columns],
                    select(literal(collection), *(subquery.c[name] for name in columns)),
                )
            )


def stored_cells(connection: Connection, collection: str) -> Cells:
    """Every stored cell of `collection` (for checks against `count_cells`)."""
    d = record_days.c
    query = select(
        d.kind, d.value, d.start_date, d.end_date, d.type, d.records, d.killed, d.wounded
    )
    found: Cells = {}
    for row in connection.execute(query.where(d.collection == collection)):
        found[(row.kind, row.value, row.start_date, row.end_date, row.type)] = [
            row.records,
            row.killed,
            row.wounded,
        ]
    return found


# -- reading ---------------------------------------------------------------------------------------


def cell_values(
    collection: str,
    *,
    kind: str,
    value: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    type_: str | None,
    longest: int = 0,
) -> dict[str, Any]:
    """The named values of the conditions on `record_days` for the records of `collection` citing
    (kind, value) (kind ALL: every record; value None: any value of the kind) whose span overlaps
    the date range (dated records only, when a date is given) and of that type. `longest`: the
    longest span (in days) of the collection's records, so a range of start dates can be read.
    Which names are present decides the shape of the conditions (`bound_cell_conditions`)."""
    values: dict[str, Any] = {"cell_collection": collection, "cell_kind": kind}
    if value is not None:
        values["cell_value"] = value
    if date_from is not None or date_to is not None:
        values["cell_dated"] = UNDATED
    if date_to is not None:
        values["cell_to"] = date_to
    if date_from is not None:
        values["cell_from"] = date_from
        # After the undated cells' day, so that this bound alone keeps them out.
        values["cell_scan_from"] = max(date_from - dt.timedelta(days=longest), _FIRST_DATED)
    if type_:
        values["cell_type"] = type_.upper()
    return values


def bound_cell_conditions(values: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """The conditions `cell_values` names, each value a parameter bound by its name (so one
    compiled statement serves every value of the same names)."""

    def day(name: str) -> Any:
        return bindparam(name, values[name], type_=Date())

    def text(name: str) -> Any:
        return bindparam(name, values[name], type_=String())

    d = record_days.c
    found: list[ColumnElement[bool]] = [
        d.collection == text("cell_collection"),
        d.kind == text("cell_kind"),
    ]
    if "cell_value" in values:
        found.append(d.value == text("cell_value"))
    if "cell_dated" in values and "cell_scan_from" not in values:
        # Left out with a scan start, which is after the undated day: SQLite bounds its range
        # on the primary key by one lower bound only, and would take this one (a month's cells
        # read from the store's first day on: 0.46 -> 0.05 ms for 100,000 incidents).
        found.append(d.start_date > day("cell_dated"))
    if "cell_to" in values:
        found.append(d.start_date <= day("cell_to"))
    if "cell_from" in values:
        found.append(d.end_date >= day("cell_from"))
        found.append(d.start_date >= day("cell_scan_from"))
    if "cell_type" in values:
        found.append(d.type == text("cell_type"))
    return found


def day_of(value: dt.date) -> dt.date | None:
    """A stored start date, None for undated cells."""
    return None if value == UNDATED else value


__all__ = [
    "ALL",
    "COUNTED_KINDS",
    "INCIDENTS",
    "MENTIONS",
    "UNDATED",
    "Cells",
    "add_record",
    "all_cells",
    "apply_change",
    "bound_cell_conditions",
    "cell_values",
    "count_cells",
    "day_of",
    "rebuild",
    "stored_cells",
]

"""The API's listings: filtered in SQL, paged by keyset, so page 1,000 costs what page 1 costs.

Dated collections are ordered by (start date, id) with undated records last (by id); a page is
read in two steps, dated then undated, each an index range scan, because no index serves
"NULLs last" on every backend. A `Key` is the sort key of the last record of a page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Date,
    Row,
    Select,
    String,
    Table,
    and_,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB

from . import refs
from .schema import (
    actors,
    changes,
    documents,
    episodes,
    incident_refs,
    incidents,
    mention_refs,
    mentions,
    places,
)
from .sqlstore import SqlStore

#: A result row of any width.
AnyRow = Row[*tuple[Any, ...]]
#: (start date or None, id): where a page of a dated collection ended.
DatedKey = tuple[dt.date | None, str]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """What a listing may be narrowed by; None: not filtered on. Not every listing uses each."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    region: str | None = None
    bbox: BBox | None = None
    updated_since: dt.datetime | None = None
    doc_id: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """Items as JSON texts: stored records are served as stored, never parsed and re-encoded."""

    items: list[str]
    last: tuple[Any, ...] | None  # the key to continue after; None when this is the last page

    def parsed(self) -> list[dict[str, Any]]:
        return [json.loads(item) for item in self.items]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def with_fields(stored: str, fields: dict[str, Any]) -> str:
    """The JSON object `stored` with `fields` added in front (none of them may be in it)."""
    head = json.dumps(fields, ensure_ascii=False)[:-1]
    rest = stored.strip()[1:]
    if not fields:
        return stored
    return head + ("}" if rest.lstrip().startswith("}") else ", " + rest)


def _encoded(view: Callable[[AnyRow], dict[str, Any]]) -> Callable[[AnyRow], str]:
    return lambda row: json.dumps(view(row), ensure_ascii=False)


# -- conditions ------------------------------------------------------------------------------------


def _longest_span(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.max(table.c.span_days))) or 0)


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    """How to read a filtered listing of mentions or incidents."""

    conditions: list[ColumnElement[bool]]  # on the record table
    driver: tuple[str, str] | None  # the (kind, value) ref whose index rows drive the scan


def _date_conditions(date_col: Any, f: Filters, longest: int) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if f.date_from is not None or f.date_to is not None:
        found.append(date_col.is_not(None))
    if f.date_to is not None:
        found.append(date_col <= f.date_to)
    if f.date_from is not None:
        # Only the start is indexed: records starting more than the longest span before
        # date_from cannot reach it, so the scan starts there.
        found.append(date_col >= f.date_from - dt.timedelta(days=longest))
    return found


def _plan(
    connection: Connection, table: Table, ref_table: Table, ref_key: str, f: Filters
) -> _Plan:
    """Conditions on mentions or incidents (both have the same filter columns).

    With actor, place or region filters, the rarest of them drives the scan: its index rows
    (kind, value, start date, id) are read in page order, so a page costs about a page of rows
    however many records match. Otherwise the (start date, id) index is scanned, unless a box or
    update-time filter matches few enough rows to be read first.
    """
    c = table.c
    longest = _longest_span(connection, table) if f.date_from is not None else 0
    found = _date_conditions(c.start_date, f, longest)
    if f.date_from is not None:
        found.append(func.coalesce(c.end_date, c.start_date) >= f.date_from)
    if f.type:
        found.append(c.type == f.type.upper())
    if f.doc_id is not None and "doc_id" in c:
        found.append(c.doc_id == f.doc_id)
    wanted = [
        (kind, value)
        for kind, value in (
            (refs.ACTOR, f.actor),
            (refs.PLACE, f.place),
            (refs.REGION, refs.region_keys(f.region) if f.region else None),
        )
        if value
    ]
    driver = None
    if wanted:
        driver = min(
            wanted,
            key=lambda pair: _matches(
                connection, ref_table, ref_table.c.kind == pair[0], ref_table.c.value == pair[1]
            ),
        )
    for kind, value in wanted:
        if (kind, value) != driver:
            found.append(
                exists().where(
                    ref_table.c[ref_key] == c.id,
                    ref_table.c.kind == kind,
                    ref_table.c.value == value,
                )
            )
    found.extend(_selective_conditions(connection, table, f, may_drive=driver is None))
    return _Plan(conditions=found, driver=driver)


def _record_conditions(
    connection: Connection, table: Table, ref_table: Table, ref_key: str, f: Filters
) -> list[ColumnElement[bool]]:
    """All of a plan's conditions on the record table (for counts and exports)."""
    plan = _plan(connection, table, ref_table, ref_key, f)
    if plan.driver is None:
        return plan.conditions
    kind, value = plan.driver
    chosen = select(ref_table.c[ref_key]).where(
        ref_table.c.kind == kind, ref_table.c.value == value
    )
    return [*plan.conditions, table.c.id.in_(chosen)]


#: A box or update-time filter matching fewer rows than this is read first (through its index,
#: then sorted); one matching more is checked row by row along the page order, which fills a page
#: after about (table size / matches) x page size rows. The crossover is near
#: sqrt(table size x page size): 10,000 for a million rows and pages of 100.
DRIVING_MATCHES = 10_000


def _matches(connection: Connection, table: Any, *where: ColumnElement[bool]) -> int:
    """How many rows match, counted through an index up to DRIVING_MATCHES."""
    probe = select(literal(1)).select_from(table).where(*where).limit(DRIVING_MATCHES)
    return int(connection.scalar(select(func.count()).select_from(probe.subquery())) or 0)


@dataclasses.dataclass(frozen=True, slots=True)
class _Condition:
    matched: int  # rows it matches (counted up to DRIVING_MATCHES)
    driving: list[ColumnElement[bool]]  # the condition when it is read first
    checked: list[ColumnElement[bool]]  # the condition checked row by row


def _selective_conditions(
    connection: Connection, table: Table, f: Filters, *, may_drive: bool
) -> list[ColumnElement[bool]]:
    """Box and update-time conditions; when `may_drive`, the more selective one, if it matches
    few enough rows, is read first as `id IN (...)`."""
    c = table.c
    candidates: list[_Condition] = []
    if f.bbox is not None:
        band = c.lat.between(f.bbox.min_lat, f.bbox.max_lat)
        # `lat + 0` has no index: a wide box is scanned in page order rather than sorted.
        box = _in_box(c.lat + 0, c.lon, f.bbox)
        candidates.append(
            _Condition(
                matched=_matches(connection, table, band) if may_drive else DRIVING_MATCHES,
                driving=[c.id.in_(select(c.id).where(*_in_box(c.lat, c.lon, f.bbox)))],
                checked=box,
            )
        )
    if f.updated_since is not None:
        recent = c.updated_at >= f.updated_since
        candidates.append(
            _Condition(
                matched=_matches(connection, table, recent) if may_drive else DRIVING_MATCHES,
                driving=[c.id.in_(select(c.id).where(recent))],
                checked=[recent],
            )
        )
    if not candidates:
        return []
    rarest = min(candidates, key=lambda candidate: candidate.matched)
    driver = rarest if rarest.matched < DRIVING_MATCHES else None
    return [
        condition
        for candidate in candidates
        for condition in (candidate.driving if candidate is driver else candidate.checked)
    ]


def _in_box(lat: Any, lon: Any, box: BBox) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [lat.between(box.min_lat, box.max_lat)]
    if box.min_lon <= box.max_lon:
        found.append(lon.between(box.min_lon, box.max_lon))
    else:  # the box crosses the antimeridian
        found.append(or_(lon >= box.min_lon, lon <= box.max_lon))
    return found


# -- keyset paging ---------------------------------------------------------------------------------


def _dated_page(
    connection: Connection,
    query: Select[Any],
    date_col: Any,
    id_col: Any,
    *,
    after: DatedKey | None,
    limit: int,
    dated_only: bool,
) -> list[AnyRow]:
    """Up to limit + 1 rows after `after`: dated ones by (date, id), then undated ones by id."""
    rows: list[AnyRow] = []
    if after is None or after[0] is not None:
        dated = query.where(date_col.is_not(None))
        if after is not None:
            key = tuple_(literal(after[0], Date()), literal(after[1], String()))
            dated = dated.where(tuple_(date_col, id_col) > key)
        rows = list(connection.execute(dated.order_by(date_col, id_col).limit(limit + 1)))
    if len(rows) > limit or dated_only:
        return rows
    undated = query.where(date_col.is_(None))
    if after is not None and after[0] is None:
        undated = undated.where(id_col > after[1])
    rows.extend(connection.execute(undated.order_by(id_col).limit(limit + 1 - len(rows))))
    return rows


def _finish(
    rows: Sequence[AnyRow],
    limit: int,
    view: Callable[[AnyRow], str],
    key: Callable[[AnyRow], tuple[Any, ...]],
) -> Page:
    shown = rows[:limit]
    last = key(shown[-1]) if len(rows) > limit and shown else None
    return Page(items=[view(row) for row in shown], last=last)


# -- mentions and incidents ------------------------------------------------------------------------


def _record_keys(
    connection: Connection,
    table: Table,
    ref_table: Table,
    ref_key: str,
    f: Filters,
    *,
    after: DatedKey | None,
    limit: int,
    extra: Sequence[ColumnElement[bool]] = (),
) -> list[AnyRow]:
    """(start date, id) of up to limit + 1 records after `after`, in page order."""
    plan = _plan(connection, table, ref_table, ref_key, f)
    dated_only = f.date_from is not None or f.date_to is not None
    if plan.driver is None:
        query = select(table.c.start_date, table.c.id).where(*plan.conditions, *extra)
        date_col, id_col = table.c.start_date, table.c.id
    else:
        kind, value = plan.driver
        # An alias: the other ref filters stay subqueries correlated with the record table.
        driving = ref_table.alias("driving")
        date_col, id_col = driving.c.start_date, driving.c[ref_key]
        longest = _longest_span(connection, table) if f.date_from is not None else 0
        query = (
            select(date_col, id_col)
            .select_from(driving.join(table, table.c.id == id_col))
            .where(driving.c.kind == kind, driving.c.value == value)
            # The same date bounds on the index's own column, so they narrow its range.
            .where(*_date_conditions(date_col, f, longest), *plan.conditions, *extra)
        )
    return _dated_page(
        connection, query, date_col, id_col, after=after, limit=limit, dated_only=dated_only
    )


def _in_key_order(keys: Sequence[AnyRow], rows: Sequence[AnyRow]) -> list[AnyRow]:
    by_id = {row.id: row for row in rows}
    return [by_id[key[1]] for key in keys if key[1] in by_id]


def mention_page(store: SqlStore, f: Filters, *, after: DatedKey | None, limit: int) -> Page:
    """Mentions by (date, id), undated last, each with its document's outlet and source."""
    with store._reading() as connection:
        keys = _record_keys(
            connection, mentions, mention_refs, "mention_id", f, after=after, limit=limit
        )
        # Whole rows for the page only: the keys come from indexes alone.
        full = connection.execute(
            select(
                mentions.c.id,
                mentions.c.start_date,
                mentions.c.data,
                mentions.c.updated_at,
                documents.c.outlet,
                documents.c.original_source,
            )
            .join(documents, documents.c.id == mentions.c.doc_id)
            .where(mentions.c.id.in_([key[1] for key in keys[:limit]]))
        ).all()
    rows = _in_key_order(keys, full)

    def view(row: AnyRow) -> str:
        return with_fields(
            row.data,
            {
                "outlet": row.outlet,
                "original_source": row.original_source,
                "updated_at": _iso(row.updated_at),
            },
        )

    return _finish_keyed(keys, rows, limit, view)


def _finish_keyed(
    keys: Sequence[AnyRow], rows: Sequence[AnyRow], limit: int, view: Callable[[AnyRow], str]
) -> Page:
    """A page of `rows` (fetched for the first `limit` keys); continues after the last key."""
    last = (keys[limit - 1][0], keys[limit - 1][1]) if len(keys) > limit else None
    return Page(items=[view(row) for row in rows], last=last)


def _incident_view(row: AnyRow) -> str:
    # Stored without its episode (which is kept in its own column).
    return with_fields(row.data, {"episode": row.episode_id, "updated_at": _iso(row.updated_at)})


_INCIDENT_COLUMNS = (
    incidents.c.id,
    incidents.c.start_date,
    incidents.c.data,
    incidents.c.episode_id,
    incidents.c.updated_at,
)


def incident_page(
    store: SqlStore,
    f: Filters,
    *,
    after: DatedKey | None,
    limit: int,
    episode: str | None = None,
) -> Page:
    """Incidents by (start date, id), undated last, as stored by the linking stage."""
    extra = [] if episode is None else [incidents.c.episode_id == episode]
    with store._reading() as connection:
        keys = _record_keys(
            connection,
            incidents,
            incident_refs,
            "incident_id",
            f,
            after=after,
            limit=limit,
            extra=extra,
        )
        full = connection.execute(
            select(*_INCIDENT_COLUMNS).where(incidents.c.id.in_([key[1] for key in keys[:limit]]))
        ).all()
    return _finish_keyed(keys, _in_key_order(keys, full), limit, _incident_view)


def get_incident(store: SqlStore, incident_id: str) -> dict[str, Any] | None:
    with store._reading() as connection:
        row = connection.execute(
            select(*_INCIDENT_COLUMNS).where(incidents.c.id == incident_id)
        ).first()
    return None if row is None else dict(json.loads(_incident_view(row)))


# -- the dashboard's overview ----------------------------------------------------------------------


def _overview_conditions(connection: Connection, f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on incidents for the overview. The type is compared through an expression no
    index serves, so that SQLite checks it in the casualty and day indexes (which carry the type)
    instead of reading every incident of a common type from the table."""
    found = _record_conditions(
        connection, incidents, incident_refs, "incident_id", dataclasses.replace(f, type=None)
    )
    if f.type:
        found.append(func.coalesce(incidents.c.type, "") == f.type.upper())
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class Overview:
    """What the dashboard's map and timeline show for a set of filters."""

    largest: list[dict[str, Any]]  # up to `limit` incidents, most killed and wounded first
    total: int  # incidents matching the filters
    days: list[dict[str, Any]]  # per start day: incidents, killed, wounded (undated left out)
    undated: int  # matching incidents without a date
    types: list[dict[str, Any]] | None  # every incident type stored, with its count (if asked)


def _stored_json(connection: Connection, column: Any) -> Any:
    """`column` (JSON text) as a JSON expression whose members the database extracts itself:
    reading three members of 500 records costs far less than parsing the records here."""
    if connection.dialect.name == "postgresql":
        return cast(column, JSONB)
    return type_coerce(column, JSON)


def _marker(row: AnyRow) -> dict[str, Any]:
    places = row.places if isinstance(row.places, list) else []
    place = refs.main_place(p for p in places if isinstance(p, dict))
    return {
        "id": row.id,
        "type": row.type,
        "start": _iso(row.start_date),
        "end": _iso(row.end_date),
        "summary": row.summary or "",
        "episode": row.episode_id,
        "lat": row.lat,
        "lon": row.lon,
        "killed": row.killed,
        "wounded": row.wounded,
        "place": None
        if place is None
        else {
            "name": place.get("name"),
            "admin1": place.get("admin1"),
            "country": place.get("country"),
        },
        "countries": row.countries if isinstance(row.countries, list) else [],
    }


def overview(store: SqlStore, f: Filters, *, limit: int, types: bool = False) -> Overview:
    """The `limit` incidents with the most killed and wounded matching `f` (then by id), how many
    match, their casualties per day, and (with `types`) the store's incident types. Each part is
    one query over an index (incidents by casualties, by day; ref rows when an actor, place or
    region is given), so the cost grows with `limit` and the matches, not with the store."""
    c = incidents.c
    harm = c.killed + c.wounded
    with store._reading() as connection:
        conditions = _overview_conditions(connection, f)
        # The top `limit` as a subquery: no id list travels back and forth as parameters.
        chosen = select(c.id).where(*conditions).order_by(harm.desc(), c.id).limit(limit)
        data = _stored_json(connection, c.data)
        rows = connection.execute(
            select(
                c.id,
                c.type,
                c.start_date,
                c.end_date,
                c.episode_id,
                c.lat,
                c.lon,
                c.killed,
                c.wounded,
                data["summary"].as_string().label("summary"),
                data["places"].label("places"),
                data["countries"].label("countries"),
            ).where(c.id.in_(chosen.scalar_subquery()))
        ).all()
        per_day = connection.execute(
            select(c.start_date, func.count(), func.sum(c.killed), func.sum(c.wounded))
            .where(*conditions)
            .group_by(c.start_date)
            .order_by(c.start_date)
        ).all()
        kinds = (
            connection.execute(select(c.type, func.count()).group_by(c.type).order_by(c.type)).all()
            if types
            else None
        )
    rows = sorted(rows, key=lambda row: (-(row.killed + row.wounded), row.id))
    days = [
        {"day": day.isoformat(), "incidents": int(n), "killed": int(k or 0), "wounded": int(w or 0)}
        for day, n, k, w in per_day
        if day is not None
    ]
    undated = sum(int(n) for day, n, _, _ in per_day if day is None)
    return Overview(
        largest=[_marker(row) for row in rows],
        total=undated + sum(day["incidents"] for day in days),
        days=days,
        undated=undated,
        types=None if kinds is None else [{"type": kind, "incidents": int(n)} for kind, n in kinds],
    )


def incident_json(store: SqlStore, incident_id: str) -> str | None:
    """One incident's JSON text as the listing serves it (one read through the primary key)."""
    with store._reading() as connection:
        row = connection.execute(
            select(*_INCIDENT_COLUMNS).where(incidents.c.id == incident_id)
        ).first()
    return None if row is None else _incident_view(row)


#: Most values bound into one IN (...) list.
_IN_CHUNK = 500


def _in_chunks(values: Sequence[str]) -> list[list[str]]:
    unique = sorted(set(values))
    return [unique[start : start + _IN_CHUNK] for start in range(0, len(unique), _IN_CHUNK)]


def mention_acled_types(store: SqlStore, mention_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """ACLED (event_type, sub_event_type) of those of the mentions that have both (for exports)."""
    found: dict[str, tuple[str, str]] = {}
    with store._reading() as connection:
        for chunk in _in_chunks(mention_ids):
            query = select(mentions.c.id, mentions.c.data).where(mentions.c.id.in_(chunk))
            for ident, data in connection.execute(query):
                record = json.loads(data)
                event, sub_event = (
                    record.get("acled_event_type"),
                    record.get("acled_sub_event_type"),
                )
                if event and sub_event:
                    found[ident] = (event, sub_event)
    return found


def document_outlets(
    store: SqlStore, doc_ids: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """(original source, outlet) of each of the documents that exists (for exports)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    c = documents.c
    with store._reading() as connection:
        for chunk in _in_chunks(doc_ids):
            query = select(c.id, c.original_source, c.outlet).where(c.id.in_(chunk))
            found.update(
                (row.id, (row.original_source, row.outlet)) for row in connection.execute(query)
            )
    return found


# -- documents -------------------------------------------------------------------------------------

_DOCUMENT_COLUMNS = (
    documents.c.id,
    documents.c.title,
    documents.c.published,
    documents.c.published_provenance,
    documents.c.published_precision,
    documents.c.published_evidence,
    documents.c.outlet,
    documents.c.original_source,
    documents.c.duplicate_of,
    documents.c.url,
    documents.c.origin,
    documents.c.updated_at,
)


def _document_view(row: AnyRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": _iso(row.published),
        "published_from": row.published_provenance,
        "published_precision": row.published_precision,
        "published_evidence": row.published_evidence,
        "outlet": row.outlet,
        "original_source": row.original_source,
        "duplicate_of": row.duplicate_of,
        "url": row.url,
        "origin": row.origin,
        "updated_at": _iso(row.updated_at),
    }


def document_page(
    store: SqlStore, f: Filters, *, after: DatedKey | None, limit: int, canonical_only: bool
) -> Page:
    """Documents by (publication date, id), unknown dates last; no text. Actor, place and region
    filters keep documents with at least one mention citing them."""
    c = documents.c
    conditions: list[ColumnElement[bool]] = []
    if canonical_only:
        conditions.append(c.duplicate_of.is_(None))
    if f.date_from is not None:
        conditions.append(c.published >= f.date_from)
    if f.date_to is not None:
        conditions.append(c.published <= f.date_to)
    if f.updated_since is not None:
        conditions.append(c.updated_at >= f.updated_since)
    for kind, value in (
        (refs.ACTOR, f.actor),
        (refs.PLACE, f.place),
        (refs.REGION, refs.region_keys(f.region) if f.region else None),
    ):
        if value:
            conditions.append(
                exists()
                .select_from(
                    mentions.join(mention_refs, mention_refs.c.mention_id == mentions.c.id)
                )
                .where(
                    mentions.c.doc_id == c.id,
                    mention_refs.c.kind == kind,
                    mention_refs.c.value == value,
                )
            )
    with store._reading() as connection:
        rows = _dated_page(
            connection,
            select(*_DOCUMENT_COLUMNS).where(*conditions),
            c.published,
            c.id,
            after=after,
            limit=limit,
            dated_only=f.date_from is not None or f.date_to is not None,
        )
    return _finish(rows, limit, _encoded(_document_view), lambda row: (row.published, row.id))


# -- episodes --------------------------------------------------------------------------------------


def episode_page(store: SqlStore, f: Filters, *, after: DatedKey | None, limit: int) -> Page:
    """Episodes by (start date, id), undated last; dated filters keep overlapping spans."""
    c = episodes.c
    conditions: list[ColumnElement[bool]] = []
    if f.date_to is not None:
        conditions.append(c.start_date <= f.date_to)
    if f.date_from is not None:
        conditions.append(func.coalesce(c.end_date, c.start_date) >= f.date_from)
    if f.updated_since is not None:
        conditions.append(c.updated_at >= f.updated_since)
    with store._reading() as connection:
        rows = _dated_page(
            connection,
            select(c.id, c.start_date, c.data, c.updated_at).where(*conditions),
            c.start_date,
            c.id,
            after=after,
            limit=limit,
            dated_only=f.date_from is not None or f.date_to is not None,
        )

    def view(row: AnyRow) -> str:
        return with_fields(row.data, {"updated_at": _iso(row.updated_at)})

    return _finish(rows, limit, view, lambda row: (row.start_date, row.id))


# -- actors and places -----------------------------------------------------------------------------


def _cited_rows(
    store: SqlStore,
    table: Table,
    query: Select[Any],
    updated_since: dt.datetime | None,
    after: str | None,
    limit: int,
) -> list[AnyRow]:
    """One page (plus one row, to know whether more follow) of a catalog table's entries that some
    mention or incident cites, by id after the cursor's."""
    c = table.c
    query = query.where((c.mentions > 0) | (c.incidents > 0))
    if updated_since is not None:
        query = query.where(c.updated_at >= updated_since)
    if after is not None:
        query = query.where(c.id > after)
    with store._reading() as connection:
        return list(connection.execute(query.order_by(c.id).limit(limit + 1)))


def actor_page(
    store: SqlStore,
    *,
    country: str | None,
    updated_since: dt.datetime | None,
    after: str | None,
    limit: int,
) -> Page:
    """Actors cited by at least one mention or incident, by id, with how many cite them."""
    c = actors.c
    query = select(
        c.id,
        c.name,
        c.country,
        c.kind,
        c.updated_at,
        c.mentions,
        c.incidents,
    )
    if country:
        query = query.where(c.country == (refs.country_iso3(country) or country.upper()))
    rows = _cited_rows(store, actors, query, updated_since, after, limit)

    def view(row: AnyRow) -> dict[str, Any]:
        return {
            "id": row.id,
            "name": row.name,
            "country": row.country,
            "kind": row.kind,
            "mentions": row.mentions,
            "incidents": row.incidents,
            "updated_at": _iso(row.updated_at),
        }

    return _finish(rows, limit, _encoded(view), lambda row: (row.id,))


def place_page(
    store: SqlStore,
    *,
    region: str | None,
    bbox: BBox | None,
    updated_since: dt.datetime | None,
    after: str | None,
    limit: int,
) -> Page:
    """Places cited by at least one mention or incident, by id, with coordinates and counts."""
    c = places.c
    query = select(
        c.id,
        c.name,
        c.lat,
        c.lon,
        c.admin1,
        c.country,
        c.precision,
        c.updated_at,
        c.mentions,
        c.incidents,
    )
    if region:
        key = refs.region_keys(region)
        query = query.where(or_(func.lower(c.admin1) == key, func.lower(c.country) == key))
    if bbox is not None:
        query = query.where(*_in_box(c.lat, c.lon, bbox))
    rows = _cited_rows(store, places, query, updated_since, after, limit)

    def view(row: AnyRow) -> dict[str, Any]:
        return {
            "id": row.id,
            "name": row.name,
            "lat": row.lat,
            "lon": row.lon,
            "admin1": row.admin1,
            "country": row.country,
            "precision": row.precision,
            "mentions": row.mentions,
            "incidents": row.incidents,
            "updated_at": _iso(row.updated_at),
        }

    return _finish(rows, limit, _encoded(view), lambda row: (row.id,))


# -- changes ---------------------------------------------------------------------------------------


def change_page(
    store: SqlStore,
    *,
    since: dt.datetime | None,
    collection: str | None,
    after: int | None,
    limit: int,
) -> Page:
    """Deletions and merges in the order they happened."""
    c = changes.c
    query = select(c.seq, c.at, c.kind, c.collection, c.record_id, c.into)
    if since is not None:
        query = query.where(c.at >= since)
    if collection:
        query = query.where(c.collection == collection)
    if after is not None:
        query = query.where(c.seq > after)
    with store._reading() as connection:
        rows = list(connection.execute(query.order_by(c.seq).limit(limit + 1)))

    def view(row: AnyRow) -> dict[str, Any]:
        return {
            "seq": row.seq,
            "kind": row.kind,
            "collection": row.collection,
            "id": row.record_id,
            "into": row.into,
            "at": _iso(row.at),
        }

    return _finish(rows, limit, _encoded(view), lambda row: (row.seq,))


# -- statistics ------------------------------------------------------------------------------------

STAT_DIMENSIONS = ("day", "type", "region", "actor")


def statistics(store: SqlStore, f: Filters, by: str) -> list[dict[str, Any]]:
    """Counts of incidents and mentions, and the incidents' casualty figures, per `by` value.

    Incidents count once per group (per actor: once under each actor they involve); killed and
    wounded sum each incident's figures (see refs.casualty_sums). "region" groups by the country
    of the record's main place. Records without a value for `by` are left out.
    """
    if by not in STAT_DIMENSIONS:
        raise ValueError(f"unknown statistics dimension {by!r}")
    groups: dict[str, dict[str, Any]] = {}
    with store._reading() as connection:
        for table, ref_table, ref_key, casualties in (
            (incidents, incident_refs, "incident_id", True),
            (mentions, mention_refs, "mention_id", False),
        ):
            plan = _plan(connection, table, ref_table, ref_key, f)
            needs_records = bool(plan.conditions) or casualties or by == "type"
            source, record_id, day = _stat_source(table, ref_table, ref_key, plan, needs_records)
            key, source = _group_key(table, ref_table, ref_key, by, source, record_id, day)
            conditions = plan.conditions
            columns: list[Any] = [key.label("key"), func.count().label("n")]
            if casualties:
                columns += [func.sum(table.c.killed), func.sum(table.c.wounded)]
            query = (
                select(*columns)
                .select_from(source)
                .where(*conditions, key.is_not(None))
                .group_by(key)
            )
            for row in connection.execute(query):
                name = row[0].isoformat() if isinstance(row[0], dt.date) else str(row[0])
                group = groups.setdefault(
                    name, {"key": name, "incidents": 0, "mentions": 0, "killed": 0, "wounded": 0}
                )
                if casualties:
                    group["incidents"] = int(row[1])
                    group["killed"] = int(row[2] or 0)
                    group["wounded"] = int(row[3] or 0)
                else:
                    group["mentions"] = int(row[1])
    return [groups[name] for name in sorted(groups)]


def _stat_source(
    table: Table, ref_table: Table, ref_key: str, plan: _Plan, needs_records: bool
) -> tuple[Any, Any, Any]:
    """(what to count from, its record id column, its start date column) under `plan`. With a
    driving ref filter, its index rows are read (they carry the start date), joined to the
    records only when a condition, the type or the figures need them."""
    if plan.driver is None:
        return table, table.c.id, table.c.start_date
    driving = ref_table.alias("driving")
    kind, value = plan.driver
    match = and_(driving.c.kind == kind, driving.c.value == value)
    if needs_records:
        joined = table.join(driving, and_(driving.c[ref_key] == table.c.id, match))
        return joined, table.c.id, driving.c.start_date
    alone = select(driving.c[ref_key], driving.c.start_date).where(match).subquery("driving")
    return alone, alone.c[ref_key], alone.c.start_date


def _group_key(
    table: Table,
    ref_table: Table,
    ref_key: str,
    by: str,
    source: Any,
    record_id: Any,
    day: Any,
) -> tuple[Any, Any]:
    """(the grouping expression, what to select from) for one dimension; `record_id` and `day`
    are the record id and start date columns of `source`."""
    if by == "day":
        return day, source
    if by == "type":
        return table.c.type, source
    kind = refs.ACTOR if by == "actor" else refs.COUNTRY
    # An alias of its own: ref filters on the same table stay correlated subqueries.
    grouped = ref_table.alias("grouped")
    joined = source.join(grouped, and_(grouped.c[ref_key] == record_id, grouped.c.kind == kind))
    return grouped.c.value, joined


__all__ = [
    "STAT_DIMENSIONS",
    "BBox",
    "DatedKey",
    "Filters",
    "Overview",
    "Page",
    "actor_page",
    "change_page",
    "document_outlets",
    "document_page",
    "episode_page",
    "get_incident",
    "incident_json",
    "incident_page",
    "mention_acled_types",
    "mention_page",
    "overview",
    "place_page",
    "statistics",
]

"""The API's listings: filtered in SQL, paged by keyset, so page 1,000 costs what page 1 costs.

Dated collections are ordered by (start date, id) with undated records last (by id); a page is
read in two steps, dated then undated, each an index range scan, because no index serves
"NULLs last" on every backend. A `Key` is the sort key of the last record of a page.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import json
import threading
import time
from array import array
from collections.abc import Callable, Hashable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Date,
    Dialect,
    Float,
    Integer,
    Row,
    Select,
    String,
    Table,
    and_,
    bindparam,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.engine.interfaces import Compiled

from . import daycounts, refs
from .schema import (
    UtcDateTime,
    actors,
    changes,
    documents,
    episodes,
    incident_refs,
    incidents,
    mention_refs,
    mentions,
    places,
    record_days,
)
from .sqlstore import MIN_PREFIX, SqlStore

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


def _json_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def with_fields(stored: str, fields: dict[str, Any]) -> str:
    """The JSON object `stored` with `fields` added in front (none of them may be in it).

    Written out piece by piece: a page adds the same few short fields to each of its hundreds of
    records, and one json.dumps call per record cost more than reading the record."""
    if not fields:
        return stored
    head = "{" + ", ".join(
        encode_basestring(key) + ": " + _json_value(value) for key, value in fields.items()
    )
    rest = stored.strip()[1:]
    return head + ("}" if rest.lstrip().startswith("}") else ", " + rest)


def _encoded(view: Callable[[AnyRow], dict[str, Any]]) -> Callable[[AnyRow], str]:
    return lambda row: json.dumps(view(row), ensure_ascii=False)


# -- statements compiled once per shape ------------------------------------------------------------

#: The SQL type of each named value the listings bind (others are text).
_BIND_TYPES: dict[str, Any] = {
    "date_from": Date(),
    "date_to": Date(),
    "scan_from": Date(),
    "after_date": Date(),
    "updated_since": UtcDateTime(),
    "min_lat": Float(),
    "max_lat": Float(),
    "min_lon": Float(),
    "max_lon": Float(),
    "limit": Integer(),
}
_TEXT = String()


def _bind(values: Mapping[str, Any], name: str) -> BindParameter[Any]:
    """The named value `name` of `values` as a bound parameter (a statement built from these can
    be compiled once and run with other values of the same names)."""
    return bindparam(name, values[name], type_=_BIND_TYPES.get(name, _TEXT))


@dataclasses.dataclass(frozen=True, slots=True)
class _Prepared:
    """A statement compiled for one dialect, ready to run on the driver with new values."""

    compiled: Compiled
    positions: tuple[str, ...] | None  # parameter names in order, for positional drivers
    processors: dict[str, Callable[[Any], Any]]  # value conversions the dialect's types make
    named: frozenset[str]  # the names each run must be given


_PREPARED: dict[tuple[str, Hashable], _Prepared] = {}


def _prepare(statement: Select[Any], dialect: Dialect, named: frozenset[str]) -> _Prepared:
    compiled = statement.compile(dialect=dialect)
    processors: dict[str, Callable[[Any], Any]] = {}
    for name, bind in compiled.binds.items():
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors[name] = processor
    positions = tuple(compiled.positiontup or ()) if dialect.positional else None
    return _Prepared(compiled, positions, processors, named)


def _fetch(
    connection: Connection,
    shape: Hashable,
    build: Callable[[], Select[Any]],
    values: Mapping[str, Any],
) -> list[Sequence[Any]]:
    """The rows of the statement `build` makes for `shape`, run with `values` on the driver.

    Listings run the same few statement shapes with new values on every request: building and
    compiling each with SQLAlchemy, and converting every column of every row through its type,
    cost several times what the database takes to answer. So each shape is built and compiled
    once per dialect, and its rows come back as the driver gives them (dates and timestamps as
    text on SQLite: see `_day` and `_timestamp_json`). `build` must bind every value by name
    (`_bind`) and the statement's structure must depend only on `shape`."""
    key = (connection.dialect.name, shape)
    prepared = _PREPARED.get(key)
    if prepared is None:
        prepared = _prepare(build(), connection.dialect, frozenset(values))
        _PREPARED[key] = prepared
    if not prepared.named <= values.keys():
        raise ValueError(f"values {sorted(prepared.named - values.keys())} missing for {shape}")
    params = dict(prepared.compiled.construct_params(dict(values)) or {})
    for name, processor in prepared.processors.items():
        params[name] = processor(params[name])
    sql = prepared.compiled.string
    # `.all()` fetches every row in one driver call (iterating fetches them one by one).
    if prepared.positions is not None:
        positional = tuple(params[n] for n in prepared.positions)
        return list(connection.exec_driver_sql(sql, positional).all())
    return list(connection.exec_driver_sql(sql, params).all())


def _day(value: Any) -> dt.date | None:
    """A date column's value as the driver gives it (text on SQLite) as a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _timestamp_json(value: Any) -> str:
    """A stored UTC timestamp as a JSON string in ISO form with its offset, as
    `datetime.isoformat` writes it; `value` as the driver gives it (SQLite: the text SQLAlchemy
    stored, 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, spliced without parsing)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        if len(value) in (19, 26) and value[10] == " " and value[19:20] in ("", "."):
            fraction = value[20:]
            micro = "." + fraction if fraction.strip("0") else ""
            return '"' + value[:10] + "T" + value[11:19] + micro + '+00:00"'
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return '"' + aware.isoformat() + '"'


# -- conditions ------------------------------------------------------------------------------------


def _longest_span(connection: Connection, table: Table) -> int:
    rows = _fetch(
        connection,
        ("longest", table.name),
        lambda: select(func.max(table.c.span_days)),
        {},
    )
    return int(rows[0][0] or 0) if rows else 0


@dataclasses.dataclass(frozen=True, slots=True)
class _Decision:
    """How a filtered listing of mentions or incidents is read: the shape of its statement."""

    kinds: tuple[str, ...]  # the ref kinds filtered on (their values are `<kind>_value`)
    driver: str | None  # the ref kind whose index rows drive the scan
    box_drives: bool  # the box's records are found first (few match it)
    box_wraps: bool  # the box crosses the antimeridian
    updated_drives: bool  # the recently updated records are found first
    longest: int = dataclasses.field(compare=False)  # as in `_Plan`


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    """How to read a filtered listing of mentions or incidents."""

    conditions: list[ColumnElement[bool]]  # on the record table
    driver: tuple[str, str] | None  # the (kind, value) ref whose index rows drive the scan
    longest: int  # the longest date span of the table's records (0 when no date_from)


def _wanted_refs(f: Filters) -> list[tuple[str, str]]:
    return [
        (kind, value)
        for kind, value in (
            (refs.ACTOR, f.actor),
            (refs.PLACE, f.place),
            (refs.REGION, refs.region_keys(f.region) if f.region else None),
        )
        if value
    ]


def _decide(
    connection: Connection,
    table: Table,
    ref_table: Table,
    f: Filters,
    bands: LatitudeBands | None = None,
) -> _Decision:
    """With actor, place or region filters, the rarest of them drives the scan: its index rows
    (kind, value, start date, id) are read in page order, so a page costs about a page of rows
    however many records match. Otherwise the (start date, id) index is scanned, unless a box or
    update-time filter matches few enough rows to be read first. `bands`: the incidents'
    latitudes kept in memory, which count a box's band without a probe (only the plan depends
    on the count)."""
    longest = _longest_span(connection, table) if f.date_from is not None else 0
    wanted = _wanted_refs(f)
    driver = wanted[0][0] if len(wanted) == 1 else None
    if len(wanted) > 1:
        driver = min(wanted, key=lambda pair: _ref_matches(connection, ref_table, *pair))[0]
    candidates: list[tuple[int, str]] = []
    may_drive = driver is None
    # Exact counts only to choose between a box and an update time; one alone needs only to
    # be known to match fewer than DRIVING_MATCHES.
    exact = f.bbox is not None and f.updated_since is not None
    if f.bbox is not None:
        matched = DRIVING_MATCHES
        if may_drive:
            kept = None
            if bands is not None and table is incidents:
                kept = bands.count(connection, f.bbox.min_lat, f.bbox.max_lat)
            if kept is not None:
                # As the probe answers: exact up to DRIVING_MATCHES, which the plan only compares.
                matched = min(kept, DRIVING_MATCHES)
            else:
                matched = _band_matches(
                    connection, table, f.bbox.min_lat, f.bbox.max_lat, exact=exact
                )
        candidates.append((matched, "box"))
    if f.updated_since is not None:
        matched = DRIVING_MATCHES
        if may_drive:
            matched = _recent_matches(connection, table, f.updated_since, exact=exact)
        candidates.append((matched, "updated"))
    rarest = min(candidates, key=lambda candidate: candidate[0]) if candidates else None
    selective = rarest[1] if rarest is not None and rarest[0] < DRIVING_MATCHES else None
    return _Decision(
        kinds=tuple(kind for kind, _ in wanted),
        driver=driver,
        box_drives=selective == "box",
        box_wraps=f.bbox is not None and f.bbox.min_lon > f.bbox.max_lon,
        updated_drives=selective == "updated",
        longest=longest,
    )


def _values(f: Filters, decision: _Decision) -> dict[str, Any]:
    """The named values of the conditions `f` puts on a listing (see `_conditions`)."""
    values: dict[str, Any] = {}
    if f.date_to is not None:
        values["date_to"] = f.date_to
    if f.date_from is not None:
        values["date_from"] = f.date_from
        # Only the start is indexed: records starting more than the longest span before
        # date_from cannot reach it, so the scan starts there.
        values["scan_from"] = f.date_from - dt.timedelta(days=decision.longest)
    if f.type:
        values["type"] = f.type.upper()
    if f.doc_id is not None:
        values["doc_id"] = f.doc_id
    values.update((kind + "_value", value) for kind, value in _wanted_refs(f))
    if f.bbox is not None:
        values["min_lat"], values["max_lat"] = f.bbox.min_lat, f.bbox.max_lat
        values["min_lon"], values["max_lon"] = f.bbox.min_lon, f.bbox.max_lon
    if f.updated_since is not None:
        values["updated_since"] = f.updated_since
    return values


def _date_conditions(date_col: Any, values: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if "date_from" in values or "date_to" in values:
        found.append(date_col.is_not(None))
    if "date_to" in values:
        found.append(date_col <= _bind(values, "date_to"))
    if "scan_from" in values:
        found.append(date_col >= _bind(values, "scan_from"))
    return found


def _conditions(
    table: Table,
    ref_table: Table,
    ref_key: str,
    decision: _Decision,
    values: Mapping[str, Any],
    *,
    box_inline: bool = False,
) -> list[ColumnElement[bool]]:
    """Conditions on mentions or incidents (both have the same filter columns), their values
    bound by name from `values`; the driving ref filter is left to the caller. A driving box is
    a subquery of the ids inside it, unless `box_inline`: then its plain conditions, for a caller
    that reads the box's index itself."""
    c = table.c
    found = _date_conditions(c.start_date, values)
    if "date_from" in values:
        found.append(func.coalesce(c.end_date, c.start_date) >= _bind(values, "date_from"))
    if "type" in values:
        found.append(c.type == _bind(values, "type"))
    if "doc_id" in values and "doc_id" in c:
        found.append(c.doc_id == _bind(values, "doc_id"))
    for kind in decision.kinds:
        if kind != decision.driver:
            found.append(
                exists().where(
                    ref_table.c[ref_key] == c.id,
                    ref_table.c.kind == kind,
                    ref_table.c.value == _bind(values, kind + "_value"),
                )
            )
    if "min_lat" in values:
        if decision.box_drives:
            inside = _box_conditions(c.lat, c.lon, values, decision.box_wraps)
            found.extend(inside if box_inline else [c.id.in_(select(c.id).where(*inside))])
        else:
            # `lat + 0` has no index: a wide box is scanned in page order rather than sorted.
            found.extend(_box_conditions(c.lat + 0, c.lon, values, decision.box_wraps))
    if "updated_since" in values:
        recent = c.updated_at >= _bind(values, "updated_since")
        found.append(c.id.in_(select(c.id).where(recent)) if decision.updated_drives else recent)
    return found


def _plan(
    connection: Connection, table: Table, ref_table: Table, ref_key: str, f: Filters
) -> _Plan:
    """Conditions on mentions or incidents under `f`, read as `_decide` chooses."""
    decision = _decide(connection, table, ref_table, f)
    values = _values(f, decision)
    driver = None
    if decision.driver is not None:
        driver = (decision.driver, str(values[decision.driver + "_value"]))
    return _Plan(
        conditions=_conditions(table, ref_table, ref_key, decision, values),
        driver=driver,
        longest=decision.longest,
    )


#: A box or update-time filter matching fewer rows than this is read first (through its index,
#: then sorted); one matching more is checked row by row along the page order, which fills a page
#: after about (table size / matches) x page size rows. The crossover is near
#: sqrt(table size x page size): 10,000 for a million rows and pages of 100.
DRIVING_MATCHES = 10_000


def _count_matches(
    connection: Connection,
    shape: Hashable,
    table: Any,
    where: Callable[[], list[ColumnElement[bool]]],
    values: Mapping[str, Any],
    *,
    exact: bool = True,
) -> int:
    """How many rows match, counted through an index up to DRIVING_MATCHES. Unless `exact`, only
    whether fewer than DRIVING_MATCHES match: then DRIVING_MATCHES - 1 stands for any number
    below it. That answer only asks whether a DRIVING_MATCHES-th row exists: stepping over index
    entries costs less than counting them through a subquery (10,000 update times in SQLite:
    0.08 ms against 0.25)."""
    if not exact:

        def build_probe() -> Select[Any]:
            query = select(literal(1)).select_from(table).where(*where())
            return query.limit(1).offset(DRIVING_MATCHES - 1)

        many = _fetch(connection, ("many", shape), build_probe, values)
        return DRIVING_MATCHES if many else DRIVING_MATCHES - 1

    def build() -> Select[Any]:
        probe = select(literal(1)).select_from(table).where(*where()).limit(DRIVING_MATCHES)
        return select(func.count()).select_from(probe.subquery())

    rows = _fetch(connection, ("matches", shape), build, values)
    return int(rows[0][0] or 0) if rows else 0


def _ref_matches(connection: Connection, ref_table: Table, kind: str, value: str) -> int:
    values = {"ref_kind": kind, "ref_value": value}
    return _count_matches(
        connection,
        ref_table.name,
        ref_table,
        lambda: [
            ref_table.c.kind == _bind(values, "ref_kind"),
            ref_table.c.value == _bind(values, "ref_value"),
        ],
        values,
    )


def _band_matches(
    connection: Connection, table: Table, min_lat: float, max_lat: float, *, exact: bool
) -> int:
    values = {"min_lat": min_lat, "max_lat": max_lat}
    return _count_matches(
        connection,
        (table.name, "band"),
        table,
        lambda: [table.c.lat.between(_bind(values, "min_lat"), _bind(values, "max_lat"))],
        values,
        exact=exact,
    )


class LatitudeBands:
    """The latitudes of the located incidents, sorted, kept in this process as of one store
    revision: how many incidents a latitude band holds is then two binary searches rather than a
    probe of the (lat, ...) index (about 0.2 ms on SQLite, a tenth of a box's page).

    The count only chooses how a box is read (see `_decide`); the rows of a page never depend on
    it, so a count that is stale (or, from another process's write, a moment ahead) costs at
    worst a slower plan. `revision()` names the store's state (see
    `conflictwatch.store.revision`; None: unknown, then nothing is kept and callers probe). The
    latitudes are read again, by the first request that finds the revision moved, only once at
    least `rebuild_factor` times as long as the last reading took has passed since it (a store
    written to all the time is not read whole on every request; until then the old counts
    serve). Above `max_entries` located incidents nothing is kept (8 bytes each). Thread-safe;
    one reading at a time, the others meanwhile use the old counts or probe."""

    def __init__(
        self,
        revision: Callable[[], str | None],
        *,
        max_entries: int = 2_000_000,
        rebuild_factor: float = 50.0,
    ) -> None:
        self.revision = revision
        self.max_entries = max_entries
        self.rebuild_factor = rebuild_factor
        self._token: str | None = None
        self._lats: array[float] | None = None
        self._read_at = 0.0  # time.monotonic() when the kept latitudes were read
        self._took = 0.0  # how long reading them took (s)
        self._reading = False
        self._lock = threading.Lock()

    def __len__(self) -> int:
        lats = self._lats
        return 0 if lats is None else len(lats)

    def count(self, connection: Connection, min_lat: float, max_lat: float) -> int | None:
        """How many incidents lie in [min_lat, max_lat] (as kept: see the class); None when
        nothing is kept (unknown revision, too many incidents, or being read by another)."""
        lats = self._current(connection)
        if lats is None:
            return None
        if not min_lat <= max_lat:  # also NaN: as SQL's BETWEEN, nothing
            return 0
        return bisect.bisect_right(lats, max_lat) - bisect.bisect_left(lats, min_lat)

    def _current(self, connection: Connection) -> array[float] | None:
        token = self.revision()
        if token is None:
            return None
        with self._lock:
            lats = self._lats
            if token == self._token or self._reading:
                return lats
            waited = time.monotonic() - self._read_at
            if self._token is not None and waited < self.rebuild_factor * self._took:
                return lats  # (None when there were too many to keep)
            self._reading = True
        began = time.monotonic()
        try:
            read = self._read(connection)
        except BaseException:
            with self._lock:
                self._reading = False
            raise
        with self._lock:
            self._reading = False
            self._token, self._lats = token, read
            self._read_at = time.monotonic()
            self._took = self._read_at - began
        return read

    def _read(self, connection: Connection) -> array[float] | None:
        # On the driver's own cursor, in the connection's transaction: SQLAlchemy's result rows
        # cost three times what the driver takes to give 100,000 latitudes (about 25 ms).
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(
                "SELECT lat FROM incidents WHERE lat IS NOT NULL ORDER BY lat"
                f" LIMIT {int(self.max_entries) + 1}"
            )
            rows = cursor.fetchall()
        finally:
            cursor.close()
        if len(rows) > self.max_entries:
            return None
        found = [float(row[0]) for row in rows]
        # Sorted here, NaN left out (PostgreSQL stores it; it is in no band): the order the
        # binary searches need, whatever the database's ordering of odd values.
        return array("d", sorted(lat for lat in found if lat == lat))

    def preload(self, store: SqlStore) -> int:
        """Read the latitudes now (a server does it at start, so that its first box need not):
        how many are kept."""
        if store._batch is None:
            with store._reading() as connection:
                self._current(connection)
        return len(self)


def _recent_matches(
    connection: Connection, table: Table, since: dt.datetime, *, exact: bool
) -> int:
    values = {"updated_since": since}
    return _count_matches(
        connection,
        (table.name, "recent"),
        table,
        lambda: [table.c.updated_at >= _bind(values, "updated_since")],
        values,
        exact=exact,
    )


def _box_conditions(
    lat: Any, lon: Any, values: Mapping[str, Any], wraps: bool
) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [
        lat.between(_bind(values, "min_lat"), _bind(values, "max_lat"))
    ]
    west, east = _bind(values, "min_lon"), _bind(values, "max_lon")
    if wraps:  # the box crosses the antimeridian
        found.append(or_(lon >= west, lon <= east))
    else:
        found.append(lon.between(west, east))
    return found


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
    expand: Callable[[Select[Any]], Select[Any]] | None = None,
) -> list[AnyRow]:
    """Up to limit + 1 rows after `after`: dated ones by (date, id), then undated ones by id.
    `expand` turns each step's ordered and limited query into the one that is run."""
    rows: list[AnyRow] = []
    run = expand or (lambda step: step)
    if after is None or after[0] is not None:
        dated = query.where(date_col.is_not(None))
        if after is not None:
            key = tuple_(literal(after[0], Date()), literal(after[1], String()))
            dated = dated.where(tuple_(date_col, id_col) > key)
        rows = list(connection.execute(run(dated.order_by(date_col, id_col).limit(limit + 1))))
    if len(rows) > limit or dated_only:
        return rows
    undated = query.where(date_col.is_(None))
    if after is not None and after[0] is None:
        undated = undated.where(id_col > after[1])
    step = undated.order_by(id_col).limit(limit + 1 - len(rows))
    rows.extend(connection.execute(run(step)))
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


@dataclasses.dataclass(frozen=True, slots=True)
class _Listing:
    """A listing of mentions or incidents: its table, ref table and the columns of a page."""

    name: str
    table: Table
    ref_table: Table
    ref_key: str
    columns: tuple[Any, ...]  # of `table` and the `joined` tables
    joined: tuple[tuple[Table, ColumnElement[bool]], ...] = ()


_MENTIONS = _Listing(
    "mentions",
    mentions,
    mention_refs,
    "mention_id",
    (mentions.c.data, mentions.c.updated_at, documents.c.outlet, documents.c.original_source),
    ((documents, documents.c.id == mentions.c.doc_id),),
)
_INCIDENTS = _Listing(
    "incidents",
    incidents,
    incident_refs,
    "incident_id",
    (incidents.c.data, incidents.c.episode_id, incidents.c.updated_at),
)


#: The values of a page of records filtered by a box alone.
_BOX_PAGE_VALUES = frozenset(
    ("min_lat", "max_lat", "min_lon", "max_lon", "limit", "after_date", "after_id")
)


def _record_select(
    listing: _Listing,
    decision: _Decision,
    values: Mapping[str, Any],
    *,
    undated: bool,
    rowid: bool = False,
) -> Select[Any]:
    """One step of a page: the keys of up to `limit` records after the `after_*` key (dated
    records by (date, id), or undated ones by id), found from indexes where the filters allow;
    then the rows of those keys only (a page's worth), however many rows the filters looked at.
    Rows: (page_date, page_id, *listing.columns). `rowid`: SQLite, whose tables are keyed by
    rowid: keys read from the record table's own indexes carry it, and the page's rows are
    looked up by it rather than through the index of ids (one search per row instead of two)."""
    table = listing.table
    source: Any
    # SQLite's key of each record, which every entry of the record table's indexes holds.
    row_key: Any = literal_column(table.name + ".rowid") if rowid else None
    key_col: Any = None
    # Dated keys are read straight from the box's index only when nothing else is filtered on:
    # with other conditions (or "no date", which the date index serves) in the same query SQLite
    # may prefer another index and sort a range far wider than the box; then the box stays a
    # subquery of ids, which keeps its index driving.
    boxed = (
        decision.box_drives
        and decision.driver is None
        and not undated
        and values.keys() <= _BOX_PAGE_VALUES
    )
    conditions = _conditions(
        table, listing.ref_table, listing.ref_key, decision, values, box_inline=boxed
    )
    if "episode" in values:
        conditions.append(table.c.episode_id == _bind(values, "episode"))
    if boxed:
        # The (start date, id) keys of the records inside the box, read from the (lat, lon,
        # start date, id) index, rather than each candidate's row by its primary key.
        boxed_columns = [table.c.start_date, table.c.id]
        if row_key is not None:
            boxed_columns.append(row_key.label("row_key"))
        source = select(*boxed_columns).where(*conditions).subquery("boxed")
        date_col, id_col = source.c.start_date, source.c.id
        key_col = source.c.row_key if row_key is not None else None
        conditions = []
    elif decision.driver is None:
        date_col, id_col = table.c.start_date, table.c.id
        key_col = row_key
        source = table
    else:
        # An alias: the other ref filters stay subqueries correlated with the record table.
        driving = listing.ref_table.alias("driving")
        date_col, id_col = driving.c.start_date, driving.c[listing.ref_key]
        # With no condition on the record table, its keys come from the ref index alone (a ref
        # row always has its record: the foreign key cascades deletes); joining the table would
        # look up every key's row a second time (a page of 100 mentions by place: 1.06 -> 0.67
        # ms in SQLite).
        source = driving.join(table, table.c.id == id_col) if conditions else driving
        conditions = [
            driving.c.kind == decision.driver,
            driving.c.value == _bind(values, decision.driver + "_value"),
            # The same date bounds on the index's own column, so they narrow its range.
            *_date_conditions(date_col, values),
            *conditions,
        ]
    key_columns = [date_col.label("page_date"), id_col.label("page_id")]
    if key_col is not None:
        key_columns.append(key_col.label("page_key"))
    keys = select(*key_columns).select_from(source)
    if undated:
        keys = keys.where(*conditions, date_col.is_(None))
        if "after_id" in values:
            keys = keys.where(id_col > _bind(values, "after_id"))
        keys = keys.order_by(id_col)
    else:
        keys = keys.where(*conditions, date_col.is_not(None))
        if "after_id" in values:
            after = tuple_(_bind(values, "after_date"), _bind(values, "after_id"))
            keys = keys.where(tuple_(date_col, id_col) > after)
        keys = keys.order_by(date_col, id_col)
    chosen = keys.limit(_bind(values, "limit")).subquery("page")
    if key_col is not None:
        rows: Any = chosen.join(table, row_key == chosen.c.page_key)
    else:
        rows = chosen.join(table, table.c.id == chosen.c.page_id)
    for other, on in listing.joined:
        rows = rows.join(other, on)
    return (
        select(chosen.c.page_date, chosen.c.page_id, *listing.columns)
        .select_from(rows)
        .order_by(chosen.c.page_date.is_(None), chosen.c.page_date, chosen.c.page_id)
    )


def _record_rows(
    connection: Connection,
    listing: _Listing,
    f: Filters,
    *,
    after: DatedKey | None,
    limit: int,
    episode: str | None = None,
    bands: LatitudeBands | None = None,
) -> list[Sequence[Any]]:
    """Up to limit + 1 records after `after`, in page order (dated ones by (date, id), then
    undated ones by id): rows of (page_date, page_id, *listing.columns) as the driver gives
    them. One query per step of the page, each compiled once per shape (see `_fetch`)."""
    decision = _decide(connection, listing.table, listing.ref_table, f, bands)
    base = _values(f, decision)
    rowid = connection.dialect.name == "sqlite"
    if episode is not None:
        base["episode"] = episode
    rows: list[Sequence[Any]] = []
    if after is None or after[0] is not None:
        values = {**base, "limit": limit + 1}
        if after is not None:
            values["after_date"], values["after_id"] = after
        shape = (listing.name, False, decision, frozenset(values))
        rows = _fetch(
            connection,
            shape,
            lambda: _record_select(listing, decision, values, undated=False, rowid=rowid),
            values,
        )
    if len(rows) > limit or f.date_from is not None or f.date_to is not None:
        return rows
    values = {**base, "limit": limit + 1 - len(rows)}
    if after is not None and after[0] is None:
        values["after_id"] = after[1]
    shape = (listing.name, True, decision, frozenset(values))
    rows.extend(
        _fetch(
            connection,
            shape,
            lambda: _record_select(listing, decision, values, undated=True, rowid=rowid),
            values,
        )
    )
    return rows


def _record_page(rows: Sequence[Sequence[Any]], limit: int, view: Callable[..., str]) -> Page:
    shown = rows[:limit]
    last = (_day(shown[-1][0]), shown[-1][1]) if len(rows) > limit and shown else None
    return Page(items=[view(*row[2:]) for row in shown], last=last)


def _splice(head: str, stored: str) -> str:
    """The stored JSON object with fields added in front: `head` is their text after the '{'.
    (Stored records are written by json.dumps: an object, '{' first.)"""
    body = stored[1:] if stored[:1] == "{" else stored.strip()[1:]
    return "{" + head + ("}" if body.lstrip()[:1] == "}" else ", " + body)


def _text_json(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _mention_view(data: str, updated_at: Any, outlet: str | None, source: str | None) -> str:
    head = (
        '"outlet": '
        + _text_json(outlet)
        + ', "original_source": '
        + _text_json(source)
        + ', "updated_at": '
        + _timestamp_json(updated_at)
    )
    return _splice(head, data)


def resolve_document_id(store: SqlStore, id_or_prefix: str) -> str | None:
    """As `SqlStore.resolve_document_id`: the full id `id_or_prefix` names. A full id (what
    clients mostly send) is looked up by one statement compiled once (see `_fetch`); only a
    prefix goes on to the store's range search."""
    if len(id_or_prefix) < MIN_PREFIX:
        return None
    values = {"doc_id": id_or_prefix}
    with store._reading() as connection:
        found = _fetch(
            connection,
            ("document id",),
            lambda: select(documents.c.id).where(documents.c.id == _bind(values, "doc_id")),
            values,
        )
    return id_or_prefix if found else store.resolve_document_id(id_or_prefix)


def mention_page(store: SqlStore, f: Filters, *, after: DatedKey | None, limit: int) -> Page:
    """Mentions by (date, id), undated last, each with its document's outlet and source."""
    with store._reading() as connection:
        rows = _record_rows(connection, _MENTIONS, f, after=after, limit=limit)
    return _record_page(rows, limit, _mention_view)


def _incident_view(data: str, episode_id: str | None, updated_at: Any) -> str:
    # Stored without its episode (which is kept in its own column).
    head = '"episode": ' + _text_json(episode_id) + ', "updated_at": ' + _timestamp_json(updated_at)
    return _splice(head, data)


_INCIDENT_COLUMNS = (incidents.c.data, incidents.c.episode_id, incidents.c.updated_at)


def incident_page(
    store: SqlStore,
    f: Filters,
    *,
    after: DatedKey | None,
    limit: int,
    episode: str | None = None,
    bands: LatitudeBands | None = None,
) -> Page:
    """Incidents by (start date, id), undated last, as stored by the linking stage. `bands`:
    the latitudes kept in this process, which choose how a box is read (never what is in it);
    not inside a batch, whose uncommitted writes they would take in."""
    if store._batch is not None:
        bands = None
    with store._reading() as connection:
        rows = _record_rows(
            connection, _INCIDENTS, f, after=after, limit=limit, episode=episode, bands=bands
        )
    return _record_page(rows, limit, _incident_view)


def get_incident(store: SqlStore, incident_id: str) -> dict[str, Any] | None:
    found = incident_json(store, incident_id)
    return None if found is None else dict(json.loads(found))


# -- the dashboard's overview ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _OverviewPlan:
    """How to read the overview under a set of filters: the shape of its statements and the
    values they are run with."""

    decision: _Decision
    values: dict[str, Any]  # named, as `_conditions` binds them; "limit": the markers wanted

    @property
    def longest(self) -> int:  # as in `_Plan`
        return self.decision.longest

    @property
    def conditions(self) -> list[ColumnElement[bool]]:
        """On incidents, for counting them per day."""
        return _overview_conditions(self.decision, self.values, cited=True)


def _overview_plan(
    connection: Connection, f: Filters, limit: int, bands: LatitudeBands | None = None
) -> _OverviewPlan:
    """How to read the overview under `f`. A type with dates alone is compared plainly: the
    index on (type, start date, id, end date, killed, wounded) then holds all the overview
    needs of that type's incidents in the range. Otherwise the type is compared through an
    expression no index serves, so that SQLite checks it in the casualty and day indexes (which
    carry the type) instead of reading every incident of a common type from the table, or
    walking a whole type to find the largest without dates. `bands`: as for `_decide`."""
    decision = _decide(connection, incidents, incident_refs, f, bands)
    values = _values(dataclasses.replace(f, type=None), decision)
    if f.type:
        dated = f.date_from is not None or f.date_to is not None
        alone = decision.driver is None and f.bbox is None and f.updated_since is None
        values["type" if dated and alone else "any_type"] = f.type.upper()
    values["limit"] = limit
    return _OverviewPlan(decision, values)


def _overview_conditions(
    decision: _Decision, values: Mapping[str, Any], *, cited: bool
) -> list[ColumnElement[bool]]:
    """Conditions on incidents under the overview's filters, but the driving ref filter's
    unless `cited`."""
    c = incidents.c
    conditions = _conditions(incidents, incident_refs, "incident_id", decision, values)
    if "any_type" in values:
        conditions.append(func.coalesce(c.type, "") == _bind(values, "any_type"))
    if cited and decision.driver is not None:
        r = incident_refs.c
        value = _bind(values, decision.driver + "_value")
        cites = select(r.incident_id).where(r.kind == decision.driver, r.value == value)
        conditions.append(c.id.in_(cites))
    return conditions


#: SQLite's own key of each row of a (rowid) table, which every index entry carries.
_ROWID: ColumnElement[Any] = literal_column("incidents.rowid")


def _largest_select(
    decision: _Decision, values: Mapping[str, Any], *, rowid: bool = False
) -> Select[Any]:
    """(episode id, marker) of the `limit` incidents with the most killed and wounded, then by
    id, under the overview's filters. `rowid`: SQLite, whose tables are keyed by rowid."""
    c = incidents.c
    conditions = _overview_conditions(decision, values, cited=False)
    harm = c.killed + c.wounded
    if decision.driver is None:
        # The keys alone first: SQLite then finds them in the casualty or day index (both carry
        # the filtered columns) and reads only their rows, rather than reading the rows of
        # every candidate to sort them. On SQLite the rowids, which those index entries hold,
        # reach the rows without a search of the primary key's index for each id (500 largest
        # of a month and type: 1.9 -> 1.6 ms).
        key: Any = _ROWID if rowid else c.id
        chosen = (
            select(key)
            .select_from(incidents)
            .where(*conditions)
            .order_by(harm.desc(), c.id)
            .correlate(None)  # its own scan of the table, never the outer row
        )
        return (
            select(c.episode_id, c.marker)
            .where(key.in_(chosen.limit(_bind(values, "limit")).scalar_subquery()))
            .order_by(harm.desc(), c.id)
        )
    # The incidents citing the value are read through its ref rows and sorted: `+ 0` keeps
    # SQLite from walking the casualty index (all incidents) in search of the few that cite it.
    driving = incident_refs.alias("driving")
    return (
        select(c.episode_id, c.marker)
        .select_from(driving.join(incidents, c.id == driving.c.incident_id))
        .where(
            driving.c.kind == decision.driver,
            driving.c.value == _bind(values, decision.driver + "_value"),
            *conditions,
        )
        .order_by((harm + 0).desc(), c.id)
        .limit(_bind(values, "limit"))
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Overview:
    """What the dashboard's map and timeline show for a set of filters."""

    largest: list[str]  # up to `limit` incidents' markers (JSON), most killed and wounded first
    total: int  # incidents matching the filters
    days: list[dict[str, Any]]  # per start day: incidents, killed, wounded (undated left out)
    undated: int  # matching incidents without a date
    types: list[dict[str, Any]] | None  # every incident type stored, with its count (if asked)


def _with_episode(episode: str | None, marker: str) -> str:
    """A stored marker (a JSON object) with the incident's episode added in front."""
    return _splice('"episode": ' + _text_json(episode), marker)


def _with_episodes(rows: Sequence[Sequence[Any]]) -> list[str]:
    """`_with_episode` of each (episode, marker) row; the markers as stored (json.dumps of an
    object with fields, '{"' first) spliced inline, any other text through `_with_episode`."""
    found: list[str] = []
    add = found.append
    for episode, marker in rows:
        if marker[:2] == '{"':
            add('{"episode": ' + _text_json(episode) + ", " + marker[1:])
        else:
            add(_with_episode(episode, marker))
    return found


def _days_from_counts(
    connection: Connection, f: Filters, longest: int, kind: str, value: str | None
) -> list[tuple[dt.date | None, int, int, int]]:
    """(start day or None, incidents, killed, wounded) per day, from the day counts; `longest`
    as in `_Plan`."""
    return [
        (None if day is None else dt.date.fromisoformat(day), n, k, w)
        for day, n, k, w in _day_sums(connection, f, longest, kind, value)
    ]


#: The undated records' cells' start day, as `_day_sums` reads it.
_UNDATED_TEXT = daycounts.UNDATED.isoformat()


def _day_sums(
    connection: Connection, f: Filters, longest: int, kind: str, value: str | None
) -> list[tuple[str | None, int, int, int]]:
    """As `_days_from_counts`, with days in ISO form (as SQLite gives them: no parsing)."""
    values = daycounts.cell_values(
        daycounts.INCIDENTS,
        kind=kind,
        value=value,
        date_from=f.date_from,
        date_to=f.date_to,
        type_=f.type,
        longest=longest,
    )
    found: list[tuple[str | None, int, int, int]] = []
    for day, n, k, w in _cell_sums(connection, "start_date", values, ordered=True):
        text = day if isinstance(day, str) else _key_text(day)
        text = text[:10]
        found.append(
            (None if text == _UNDATED_TEXT else text, int(n or 0), int(k or 0), int(w or 0))
        )
    return found


def _cell_sums(
    connection: Connection, by: str, values: Mapping[str, Any], *, ordered: bool = False
) -> list[Sequence[Any]]:
    """(the `by` column of `record_days`, records, killed, wounded) summed per value of `by`
    over the cells `values` names (see `daycounts.cell_values`), as the driver gives them (days
    as text on SQLite); `ordered`: by that value."""
    d = record_days.c
    key = d[by]

    def build() -> Select[Any]:
        query = (
            select(key, func.sum(d.records), func.sum(d.killed), func.sum(d.wounded))
            .where(*daycounts.bound_cell_conditions(values))
            .group_by(key)
        )
        return query.order_by(key) if ordered else query

    return _fetch(connection, ("cells", by, ordered, frozenset(values)), build, values)


def _days_from_records(
    connection: Connection, conditions: Sequence[ColumnElement[bool]]
) -> list[tuple[dt.date | None, int, int, int]]:
    """As `_days_from_counts`, counted from the incidents matching `conditions`."""
    c = incidents.c
    query = (
        select(c.start_date, func.count(), func.sum(c.killed), func.sum(c.wounded))
        .where(*conditions)
        .group_by(c.start_date)
        .order_by(c.start_date)
    )
    return [(day, int(n), int(k or 0), int(w or 0)) for day, n, k, w in connection.execute(query)]


class MarkerCache:
    """Incidents' overview markers kept in this process, by incident id: the stored marker with
    the episode spliced in (as `_with_episodes` makes it) and killed + wounded, all as of one
    store revision.

    Reading an incident's marker means reading its row, whole record and all, which cost most of
    an overview; kept here, an overview reads only the index entries that choose and order its
    incidents. `revision()` names the store's state (see
    `conflictwatch.store.revision`; None: unknown, then nothing is kept or served). Entries are
    served only to a request that saw the same revision before and after choosing its incidents,
    and kept only from such a request, so every entry is as the store was at that revision; a new
    revision empties the cache. At most `max_entries` are kept (the oldest go first; about 500
    bytes each). Thread-safe; each process has its own."""

    def __init__(self, revision: Callable[[], str | None], *, max_entries: int = 100_000) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.revision = revision
        self.max_entries = max_entries
        self._token: str | None = None
        # Two maps rather than one of pairs: a lookup is a few cache misses, and an overview
        # without a driving ref filter needs only the markers.
        self._markers: dict[str, str] = {}
        self._harm: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._markers)

    def _use(self, token: str) -> None:
        """(Under the lock.) Serve revision `token`: empty the cache if it held another's."""
        if self._token != token:
            self._markers.clear()
            self._harm.clear()
            self._token = token

    def markers(self, token: str, ids: Sequence[str]) -> list[str | None]:
        """The kept marker of each of `ids` (None where not kept) as of revision `token`."""
        with self._lock:
            self._use(token)
            get = self._markers.get
            return [get(ident) for ident in ids]

    def harms(self, token: str, ids: Sequence[str]) -> list[int | None]:
        """As `markers`, the kept killed + wounded of each."""
        with self._lock:
            self._use(token)
            get = self._harm.get
            return [get(ident) for ident in ids]

    def keep(self, token: str, found: Mapping[str, tuple[int, str]]) -> bool:
        """Keep `found` (id: (killed + wounded, marker)), read at revision `token`; False (nothing
        kept) when the cache has moved on to another revision."""
        with self._lock:
            if self._token is None:
                self._token = token
            if self._token != token:
                return False
            markers, harm = self._markers, self._harm
            for ident, (casualties, marker) in found.items():
                markers[ident] = marker
                harm[ident] = casualties
            excess = len(markers) - self.max_entries
            if excess > 0:
                for ident in list(itertools.islice(markers, excess)):
                    del markers[ident]
                    del harm[ident]
            return True

    def preload(
        self,
        store: SqlStore,
        *,
        stop: threading.Event | None = None,
        chunk: int = 1000,
        pause: float = 3.0,
    ) -> int:
        """Read the markers of the store's incidents into the cache, `chunk` rows per read
        transaction, waiting (with `stop`) `pause` times as long as each chunk took before the
        next: a server starting with an empty cache spends about a quarter of a core on this,
        in short turns, and keeps answering its first visitors (100,000 incidents: about half a
        second of CPU). Only when all of them fit; stops when `stop` is set or the store changes.
        How many were kept."""
        token = self.revision()
        if token is None or store._batch is not None:
            return 0
        with store._reading() as connection:
            total = connection.execute(select(func.count()).select_from(incidents)).scalar_one()
        if int(total) > self.max_entries:
            return 0
        sqlite = store._engine.dialect.name == "sqlite"
        c = incidents.c
        key: Any = _ROWID if sqlite else c.id
        after: Any = None
        kept = 0
        while stop is None or not stop.is_set():
            began = time.perf_counter()
            query = select(key, c.id, c.killed + c.wounded, c.episode_id, c.marker)
            if after is not None:
                query = query.where(key > after)
            with store._reading() as connection:
                rows = connection.execute(query.order_by(key).limit(chunk)).all()
            if not rows or self.revision() != token:
                break
            texts = _with_episodes([(episode, marker) for *_, episode, marker in rows])
            found = {row[1]: (int(row[2]), text) for row, text in zip(rows, texts, strict=True)}
            if not self.keep(token, found):
                break
            kept += len(found)
            after = rows[-1][0]
            if len(rows) < chunk:
                break
            if stop is not None:
                stop.wait(pause * (time.perf_counter() - began))
        return kept


def _marker_text(episode: str | None, marker: str) -> str:
    return _with_episodes(((episode, marker),))[0]


def _key_select(decision: _Decision, values: Mapping[str, Any]) -> Select[Any]:
    """The ids of the incidents `_largest_select` lists, in its order: read from the index
    alone, without the incidents' rows."""
    c = incidents.c
    return (
        select(c.id)
        .where(*_overview_conditions(decision, values, cited=False))
        .order_by((c.killed + c.wounded).desc(), c.id)
        .limit(_bind(values, "limit"))
    )


def _citing_select(decision: _Decision, values: Mapping[str, Any]) -> Select[Any]:
    """The ids of the incidents citing the driving ref filter's value."""
    driver = str(decision.driver)
    r = incident_refs.c
    return select(r.incident_id).where(
        r.kind == driver, r.value == _bind(values, driver + "_value")
    )


def _read_markers(connection: Connection, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """(killed + wounded, marker with episode) of the incidents of `ids` that exist, by id."""
    c = incidents.c
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = list(ids[start : start + _IN_CHUNK])
        query = select(c.id, c.killed + c.wounded, c.episode_id, c.marker).where(c.id.in_(chunk))
        for ident, harm, episode, marker in connection.execute(query):
            found[ident] = (int(harm), _marker_text(episode, marker))
    return found


#: Most incidents citing a driving value that are ordered here from the kept markers; more are
#: left to the database (see `_largest_kept`).
_KEPT_CITING = 20_000


def _largest_kept(
    connection: Connection, plan: _OverviewPlan, markers: MarkerCache, token: str
) -> list[str] | None:
    """The markers `_largest_select` lists, in its order, served from `markers` where kept (the
    rest read and kept); None when they are to be read as usual: the revision moved while the
    incidents were chosen, or the filters are ones this does not serve.

    Without a driving ref filter the index chooses and orders the incidents (ids only). With one
    alone (no other filter), on SQLite, the ids citing it are read from the ref index and ordered
    here by the kept casualties, then by id (as SQLite's binary collation orders text): the
    database would otherwise read every citing incident's row for its casualties."""
    decision, values = plan.decision, plan.values
    driven = decision.driver is not None
    if not driven:
        rows = _fetch(
            connection,
            ("overview ids", decision, frozenset(values)),
            lambda: _key_select(decision, values),
            values,
        )
    elif connection.dialect.name == "sqlite" and values.keys() == {
        str(decision.driver) + "_value",
        "limit",
    }:
        rows = _fetch(
            connection,
            ("overview citing", decision.driver),
            lambda: _citing_select(decision, values),
            values,
        )
        if len(rows) > min(_KEPT_CITING, markers.max_entries):
            return None
    else:
        return None
    if markers.revision() != token:
        return None
    ids = [row[0] for row in rows]
    if driven:
        harms = markers.harms(token, ids)
        if None in harms:
            read = _keep_missing(connection, markers, token, _unknown(ids, harms))
            harms = [
                h if h is not None else _first(read.get(i)) for i, h in zip(ids, harms, strict=True)
            ]
        known = sorted((-h, i) for i, h in zip(ids, harms, strict=True) if h is not None)
        ids = [ident for _, ident in known[: int(values["limit"])]]
    found = markers.markers(token, ids)
    if None in found:
        read = _keep_missing(connection, markers, token, _unknown(ids, found))
        found = [
            m if m is not None else _second(read.get(i)) for i, m in zip(ids, found, strict=True)
        ]
    return [marker for marker in found if marker is not None]


def _unknown(ids: Sequence[str], kept: Sequence[object | None]) -> list[str]:
    """The ids whose kept value is None."""
    return [ident for ident, value in zip(ids, kept, strict=True) if value is None]


def _first(pair: tuple[int, str] | None) -> int | None:
    return None if pair is None else pair[0]


def _second(pair: tuple[int, str] | None) -> str | None:
    return None if pair is None else pair[1]


def _keep_missing(
    connection: Connection, markers: MarkerCache, token: str, ids: Sequence[str]
) -> dict[str, tuple[int, str]]:
    """Read the markers of `ids` (those that exist) and keep them if the store is still at
    revision `token` (on a backend whose statements each see the latest commit, a write may have
    landed since the incidents were chosen); what was read."""
    read = _read_markers(connection, ids)
    if markers.revision() == token:
        markers.keep(token, read)
    return read


def overview(
    store: SqlStore,
    f: Filters,
    *,
    limit: int,
    types: bool = False,
    markers: MarkerCache | None = None,
    bands: LatitudeBands | None = None,
) -> Overview:
    """The `limit` incidents with the most killed and wounded matching `f` (then by id), how many
    match, their casualties per day, and (with `types`) the store's incident types. The largest
    come from the index of incidents by casualties, each as its stored marker; the days and
    types from the day counts (or, under filters those cannot answer, one query over the
    incidents), so the cost grows with `limit` and the days, not with the store. `bands`: as
    for `incident_page`."""
    counted = _counted_cells(f, None)
    # Read before the incidents are chosen (see `MarkerCache`); not inside a batch, whose writes
    # are not committed yet.
    token = markers.revision() if markers is not None and store._batch is None else None
    with store._reading() as connection:
        plan = _overview_plan(connection, f, limit, bands if store._batch is None else None)
        decision, values = plan.decision, plan.values
        largest = None
        if markers is not None and token is not None:
            largest = _largest_kept(connection, plan, markers, token)
        if largest is None:
            rows = _fetch(
                connection,
                ("overview", decision, frozenset(values)),
                lambda: _largest_select(
                    decision, values, rowid=connection.dialect.name == "sqlite"
                ),
                values,
            )
            largest = _with_episodes(rows)
        per_day: list[tuple[str | None, int, int, int]]
        if counted is not None:
            per_day = _day_sums(connection, f, plan.longest, *counted)
        else:
            per_day = [
                (_iso(day), n, k, w)
                for day, n, k, w in _days_from_records(connection, plan.conditions)
            ]
        kinds = _stored_types(connection) if types else None
    days: list[dict[str, Any]] = [
        {"day": day, "incidents": n, "killed": k, "wounded": w}
        for day, n, k, w in per_day
        if day is not None
    ]
    undated = sum(n for day, n, _, _ in per_day if day is None)
    return Overview(
        largest=largest,
        total=undated + sum(n for day, n, _, _ in per_day if day is not None),
        days=days,
        undated=undated,
        types=kinds,
    )


def _stored_types(connection: Connection) -> list[dict[str, Any]]:
    """Every incident type stored, with how many incidents have it (from the day counts)."""
    values = daycounts.cell_values(
        daycounts.INCIDENTS,
        kind=daycounts.ALL,
        value=None,
        date_from=None,
        date_to=None,
        type_=None,
    )
    rows = _cell_sums(connection, "type", values, ordered=True)
    return [{"type": kind, "incidents": int(n)} for kind, n, _, _ in rows]


def incident_json(store: SqlStore, incident_id: str) -> str | None:
    """One incident's JSON text as the listing serves it (one read through the primary key)."""
    values = {"incident_id": incident_id}
    with store._reading() as connection:
        rows = _fetch(
            connection,
            "incident",
            lambda: select(*_INCIDENT_COLUMNS).where(
                incidents.c.id == _bind(values, "incident_id")
            ),
            values,
        )
    return _incident_view(*rows[0]) if rows else None


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
    counted = _counted_cells(f, by)
    with store._reading() as connection:
        if counted is not None:
            return _counted_statistics(connection, f, by, *counted)
        return _record_statistics(connection, f, by)


def _record_statistics(connection: Connection, f: Filters, by: str) -> list[dict[str, Any]]:
    """Statistics counted from the records and their ref rows (any filters)."""
    groups: dict[str, dict[str, Any]] = {}
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
            select(*columns).select_from(source).where(*conditions, key.is_not(None)).group_by(key)
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


def _counted_cells(f: Filters, by: str | None) -> tuple[str, str | None] | None:
    """The (kind, value) of the `record_days` cells that answer statistics by `by` (None: the
    timeline's days) under `f` (value None: every value of the kind, grouped by it), or None
    when the filters need the records themselves (a box, a place, update times, a document, or
    two cited values at once)."""
    if f.bbox is not None or f.updated_since is not None or f.doc_id is not None or f.place:
        return None
    region = refs.region_keys(f.region) if f.region else None
    wanted = [
        (kind, value) for kind, value in ((refs.ACTOR, f.actor), (refs.REGION, region)) if value
    ]
    if by in ("region", "actor"):
        return None if wanted else (refs.COUNTRY if by == "region" else refs.ACTOR, None)
    if len(wanted) > 1:
        return None
    return wanted[0] if wanted else (daycounts.ALL, daycounts.ALL)


def _counted_statistics(
    connection: Connection, f: Filters, by: str, kind: str, value: str | None
) -> list[dict[str, Any]]:
    """Statistics added up from the day counts of the (kind, value) cells."""
    column = {"day": "start_date", "type": "type"}.get(by, "value")
    # key -> [incidents, mentions, killed, wounded]
    groups: dict[str, list[int]] = {}
    for collection, table in ((daycounts.INCIDENTS, incidents), (daycounts.MENTIONS, mentions)):
        values = daycounts.cell_values(
            collection,
            kind=kind,
            value=value,
            date_from=f.date_from,
            date_to=f.date_to,
            type_=f.type,
            longest=_longest_span(connection, table) if f.date_from is not None else 0,
        )
        if by == "day":  # undated records have no day
            values["cell_dated"] = daycounts.UNDATED
        counted = collection == daycounts.INCIDENTS
        for found, records, killed, wounded in _cell_sums(connection, column, values):
            if not isinstance(found, str):
                name = _key_text(found)
            else:  # days as SQLite gives them: ISO text already
                name = found[:10] if by == "day" else found
            group = groups.get(name)
            if group is None:
                group = groups[name] = [0, 0, 0, 0]
            if counted:
                group[0] = int(records or 0)
                group[2] = int(killed or 0)
                group[3] = int(wounded or 0)
            else:
                group[1] = int(records or 0)
    return [
        {"key": name, "incidents": n, "mentions": m, "killed": k, "wounded": w}
        for name, (n, m, k, w) in sorted(groups.items())
    ]


def _key_text(value: Any) -> str:
    """A group's key as statistics name it: days in ISO form, anything else as text."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


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
    "MarkerCache",
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

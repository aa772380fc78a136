"""Every filter of the mention and incident listings, the statistics and the overview is served
by an index on SQLite: no query of theirs reads a whole table (EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event

from conflictwatch.store import SqlStore, listings, open_store
from conflictwatch.store.listings import BBox, Filters, MarkerCache
from conflictwatch.store.revision import StoreRevision
from conflictwatch.store.schema import metadata

from .test_listings import _incident, _replace

DAY = dt.date(2020, 7, 12)
BOX = BBox(min_lon=40.0, min_lat=35.0, max_lon=50.0, max_lat=45.0)

FILTERS = {
    "none": Filters(),
    "dates": Filters(date_from=DAY, date_to=DAY + dt.timedelta(days=30)),
    "since": Filters(date_from=DAY),
    "until": Filters(date_to=DAY),
    "type": Filters(type="fight"),
    "dates_type": Filters(date_from=DAY, date_to=DAY, type="fight"),
    "actor": Filters(actor="AZE.MIL"),
    "place": Filters(place="gn:616108"),
    "region": Filters(region="am"),
    "actor_region": Filters(actor="AZE.MIL", region="am"),
    "actor_dates_type": Filters(actor="AZE.MIL", date_from=DAY, date_to=DAY, type="fight"),
    "box": Filters(bbox=BOX),
    "box_dates": Filters(bbox=BOX, date_from=DAY, date_to=DAY),
    "updated": Filters(updated_since=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    "document": Filters(doc_id="a" * 16),
}

#: A plan step reading a whole stored table row by row (not through an index or its key; a scan
#: of a subquery's rows is not one).
WHOLE_TABLE = re.compile(r"^SCAN (\w+)\b(?! USING)")


@pytest.fixture
def sqlite_store(tmp_path: Any) -> Iterator[SqlStore]:
    with open_store(str(tmp_path / "plans.db")) as store:
        yield store


def _plans(store: SqlStore, run: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """(statement, its plan steps) of every SELECT `run` sends to the database."""
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    engine = store._engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    found = []
    with engine.connect() as connection:
        for statement, parameters in seen:
            cursor = connection.connection.cursor()
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            found.append((statement, [str(row[3]) for row in cursor.fetchall()]))
            cursor.close()
    return found


def _whole_table_reads(plans: list[tuple[str, list[str]]]) -> list[str]:
    return [
        f"{step} in {statement}"
        for statement, steps in plans
        for step in steps
        if (match := WHOLE_TABLE.match(step)) and match.group(1) in metadata.tables
    ]


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_listings_statistics_and_overview_read_through_indexes(
    sqlite_store: SqlStore, name: str
) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    f = FILTERS[name]
    calls: list[Callable[[], object]] = [
        lambda: listings.incident_page(sqlite_store, f, after=None, limit=50),
        lambda: listings.incident_page(sqlite_store, f, after=(DAY, "i1"), limit=50),
        lambda: listings.mention_page(sqlite_store, f, after=None, limit=50),
        lambda: listings.overview(sqlite_store, f, limit=50, types=True),
    ]
    calls += [
        lambda by=by: listings.statistics(sqlite_store, f, by)  # type: ignore[misc]
        for by in ("day", "type")
    ]
    revision = StoreRevision(sqlite_store)
    markers = MarkerCache(revision.current)
    # Twice with kept markers: reading them in, then serving them.
    calls += [lambda: listings.overview(sqlite_store, f, limit=50, markers=markers)] * 2
    for call in calls:
        plans = _plans(sqlite_store, call)
        assert plans, "no query was seen"
        assert _whole_table_reads(plans) == []
    revision.close()


def test_a_plan_that_reads_a_whole_table_is_caught(sqlite_store: SqlStore) -> None:
    from sqlalchemy import select

    from conflictwatch.store.schema import incidents

    def unindexed() -> object:
        with sqlite_store._reading() as connection:
            # `countries` has no index.
            return connection.execute(
                select(incidents.c.id).where(incidents.c.countries == "ARM")
            ).all()

    found = _whole_table_reads(_plans(sqlite_store, unindexed))
    assert len(found) == 1 and found[0].startswith("SCAN incidents")


def test_a_box_alone_pages_from_its_index_without_reading_candidate_rows(
    sqlite_store: SqlStore,
) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    plans = _plans(
        sqlite_store,
        lambda: listings.incident_page(sqlite_store, Filters(bbox=BOX), after=None, limit=50),
    )
    pages = [steps for statement, steps in plans if "IS NOT NULL" in statement]
    assert pages
    for steps in pages:
        # The dated keys come from the (lat, lon, start date, id) index itself, not from a list
        # of ids looked up again by primary key.
        assert any(
            re.match(r"SEARCH incidents USING COVERING INDEX \w*lat_lon_start_date_id", step)
            for step in steps
        ), steps
        assert not any(step.startswith("LIST SUBQUERY") for step in steps), steps


@pytest.mark.parametrize("name", ["none", "dates_type", "box", "updated"])
def test_page_rows_found_from_the_record_index_are_read_by_rowid(
    sqlite_store: SqlStore, name: str
) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    f = FILTERS[name]
    for page in (
        lambda: listings.incident_page(sqlite_store, f, after=None, limit=50),
        lambda: listings.incident_page(sqlite_store, f, after=(DAY, "i1"), limit=50),
        lambda: listings.mention_page(sqlite_store, f, after=None, limit=50),
    ):
        rows = [steps for statement, steps in _plans(sqlite_store, page) if "page_key" in statement]
        assert rows
        for steps in rows:
            # Each chosen key's row is one search of the table by its rowid, which the index
            # entries carry, not a search of the id index and then one of the table.
            joined = steps[steps.index("SCAN page") + 1 :]
            assert joined[0].startswith("SEARCH") and "INTEGER PRIMARY KEY (rowid=?)" in joined[0]
            assert not [s for s in joined if re.search(r"autoindex_(mentions|incidents)", s)], steps


def test_pages_driven_by_a_ref_join_records_by_id(sqlite_store: SqlStore) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    page = listings.incident_page(sqlite_store, FILTERS["actor"], after=None, limit=1)
    assert [item["id"] for item in page.parsed()] == ["i1"] and page.last == (DAY, "i1")
    plans = _plans(
        sqlite_store,
        lambda: listings.incident_page(sqlite_store, FILTERS["actor"], after=None, limit=50),
    )
    # The ref index holds the record's id, not its rowid: no key column is read from it.
    assert plans and not [statement for statement, _ in plans if "page_key" in statement]


def test_the_largest_of_a_type_in_a_date_range_are_chosen_from_the_type_index(
    sqlite_store: SqlStore,
) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    plans = _plans(
        sqlite_store,
        lambda: listings.overview(sqlite_store, FILTERS["dates_type"], limit=50),
    )
    largest = [steps for statement, steps in plans if "marker" in statement]
    assert len(largest) == 1
    # The candidates' keys and casualties come from the type's own index entries; the rows are
    # then reached by rowid, not by a search of the primary key's index.
    assert any(
        re.match(r"SEARCH incidents USING COVERING INDEX \w*type_start_date_id_end_date_killed", s)
        for s in largest[0]
    ), largest[0]
    assert any("INTEGER PRIMARY KEY (rowid=?)" in step for step in largest[0]), largest[0]


@pytest.mark.parametrize("name", ["dates_type", "actor"])
def test_kept_markers_leave_only_index_reads(sqlite_store: SqlStore, name: str) -> None:
    _replace(sqlite_store, [], [_incident("i1", []), _incident("i2", [], start="2020-07-13")])
    revision = StoreRevision(sqlite_store)
    markers = MarkerCache(revision.current)
    f = FILTERS[name]
    expected = listings.overview(sqlite_store, f, limit=50)
    assert listings.overview(sqlite_store, f, limit=50, markers=markers) == expected
    found: list[object] = []
    plans = _plans(
        sqlite_store,
        lambda: found.append(listings.overview(sqlite_store, f, limit=50, markers=markers)),
    )
    revision.close()
    assert found == [expected] and expected.largest
    # No marker is read again; the incidents are chosen from index entries alone (the type's
    # index with its casualties, or the actor's ref index).
    assert not [statement for statement, _ in plans if "marker" in statement]
    reads = [
        (statement, step)
        for statement, steps in plans
        if "FROM incident" in statement
        for step in steps
        if step.startswith(("SEARCH", "SCAN"))
    ]
    assert reads
    assert [read for read in reads if "COVERING INDEX" not in read[1]] == []

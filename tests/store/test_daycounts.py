"""Day counts (`record_days`) stay equal to a recount from the records through every kind of write,
and statistics and the overview's days read from them equal those counted from the records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy import text as sql

from conflictwatch.store import SqlStore, daycounts, listings, open_store, refs
from conflictwatch.store.listings import Filters
from conflictwatch.store.schema import incidents
from conflictwatch.store.urls import resolve_db_url

from .conftest import MakeDoc
from .test_listings import FIJI, TOVUZ, _incident, _record, _replace, _span, filled
from .test_store_mentions import make_mention

__all__ = ["filled"]  # the fixture, used by name

KILLED = {"killed": {"AZE": {"low": 2, "best": 3, "high": 4, "cumulative": False, "claims": []}}}
WOUNDED = {"wounded": {"ARM": {"low": 1, "best": 1, "high": 1, "cumulative": False, "claims": []}}}


def _assert_in_step(store: SqlStore) -> None:
    with store._reading() as connection:
        for collection in (daycounts.MENTIONS, daycounts.INCIDENTS):
            stored = daycounts.stored_cells(connection, collection)
            assert stored == daycounts.all_cells(connection, collection), collection


def _cell(store: SqlStore, collection: str, *key: Any) -> list[int] | None:
    with store._reading() as connection:
        return daycounts.stored_cells(connection, collection).get(tuple(key))  # type: ignore[arg-type]


JULY_12 = dt.date(2020, 7, 12)
JULY_13 = dt.date(2020, 7, 13)


def test_counts_follow_extractions(filled: SqlStore, make_doc: MakeDoc) -> None:
    _assert_in_step(filled)
    # "a"*16 holds three dated FIGHT/ASSAULT mentions and an undated one; "b"*16 four in Fiji,
    # from July 12 on: two FIGHT mentions start on July 12.
    assert _cell(filled, "mentions", "", "", JULY_12, JULY_12, "FIGHT") == [2, 0, 0]
    assert _cell(filled, "mentions", "", "", daycounts.UNDATED, daycounts.UNDATED, "FIGHT") == [
        1,
        0,
        0,
    ]
    week = (JULY_12 - dt.timedelta(days=3), JULY_12 + dt.timedelta(days=3))
    assert _cell(filled, "mentions", "", "", *week, "ASSAULT") == [1, 0, 0]
    assert _cell(filled, "mentions", "country", "FJI", JULY_12, JULY_12, "FIGHT") == [1, 0, 0]
    assert _cell(filled, "mentions", "actor", "FJI.GOV", JULY_12, JULY_12, "FIGHT") == [1, 0, 0]
    # Re-extraction: one mention changes type and place, one disappears, one is new.
    doc = "b" * 16
    again = [
        make_mention(doc, 0, date=_span(JULY_12), type="PROTEST", places=(TOVUZ,)),
        make_mention(doc, 5, date=_span(JULY_13), places=(FIJI,)),
        make_mention(doc, 99, date=_span(JULY_13), places=(FIJI,)),
    ]
    filled.save_extraction(_record(doc, len(again)), again)
    _assert_in_step(filled)
    assert _cell(filled, "mentions", "actor", "FJI.GOV", JULY_12, JULY_12, "FIGHT") is None
    assert _cell(filled, "mentions", "country", "AZE", JULY_12, JULY_12, "PROTEST") == [1, 0, 0]
    assert _cell(filled, "mentions", "region", "fj", JULY_13, JULY_13, "FIGHT") == [2, 0, 0]
    # A document extracted again with nothing found loses all its mentions' counts.
    filled.save_extraction(_record(doc, 0), [])
    _assert_in_step(filled)
    assert _cell(filled, "mentions", "region", "fj", JULY_13, JULY_13, "FIGHT") is None


def test_counts_follow_incident_inserts_updates_merges_and_deletions(filled: SqlStore) -> None:
    _replace(
        filled,
        [],
        [
            _incident("i1", ["m-aaaa-0"], casualties=KILLED),
            _incident("i2", ["m-aaaa-10"], casualties=WOUNDED),
            _incident("i3", ["m-bbbb-0"], start=None, end=None, places=[FIJI.as_dict()]),
        ],
    )
    _assert_in_step(filled)
    assert _cell(filled, "incidents", "", "", JULY_12, JULY_12, "FIGHT") == [2, 3, 1]
    assert _cell(filled, "incidents", "actor", "AZE.MIL", JULY_12, JULY_12, "FIGHT") == [2, 3, 1]
    undated = (daycounts.UNDATED, daycounts.UNDATED)
    assert _cell(filled, "incidents", "region", "fji", *undated, "FIGHT") == [1, 0, 0]
    # Update: i2 moves a day and changes type.
    _replace(filled, ["i2"], [_incident("i2", ["m-aaaa-10"], start="2020-07-13", end="2020-07-14")])
    _assert_in_step(filled)
    assert _cell(filled, "incidents", "", "", JULY_12, JULY_12, "FIGHT") == [1, 3, 0]
    assert _cell(filled, "incidents", "", "", JULY_13, dt.date(2020, 7, 14), "FIGHT") == [1, 0, 0]
    # Merge: i1 and i2 become i4.
    _replace(
        filled,
        ["i1", "i2"],
        [_incident("i4", ["m-aaaa-0", "m-aaaa-10"], type="ASSAULT", casualties=KILLED)],
    )
    _assert_in_step(filled)
    assert _cell(filled, "incidents", "", "", JULY_12, JULY_12, "FIGHT") is None
    assert _cell(filled, "incidents", "", "", JULY_12, JULY_12, "ASSAULT") == [1, 3, 0]
    # Deletions.
    _replace(filled, ["i3", "i4"], [])
    _assert_in_step(filled)
    with filled._reading() as connection:
        assert daycounts.stored_cells(connection, daycounts.INCIDENTS) == {}


FILTERS = [
    Filters(),
    Filters(date_from=JULY_12, date_to=JULY_12),
    Filters(date_from=dt.date(2020, 7, 14)),  # only the week-long span reaches it
    Filters(date_to=dt.date(2020, 7, 11)),
    Filters(type="assault"),
    Filters(type="fight", date_from=JULY_12),
    Filters(actor="AZE.MIL"),
    Filters(actor="FJI.GOV", date_to=JULY_13),
    Filters(region="Fj"),
    Filters(region="aze", type="fight"),
    Filters(region="  "),
]


def _undated_first(day: tuple[dt.date | None, int, int, int]) -> tuple[bool, dt.date]:
    return (day[0] is not None, day[0] or daycounts.UNDATED)


def _shown(f: Filters) -> str:
    return ",".join(f"{k}={v}" for k, v in dataclasses.asdict(f).items() if v is not None) or "none"


@pytest.mark.parametrize("f", FILTERS, ids=_shown)
def test_statistics_from_counts_equal_a_recount(filled: SqlStore, f: Filters) -> None:
    _replace(
        filled,
        [],
        [
            _incident("i1", ["m-aaaa-0"], casualties=KILLED),
            _incident("i2", ["m-aaaa-20"], type="ASSAULT", start="2020-07-09", end="2020-07-15"),
            _incident("i3", ["m-bbbb-0"], start=None, end=None, places=[FIJI.as_dict()]),
            _incident("i4", ["m-bbbb-5"], start="2020-07-13", end=None, casualties=WOUNDED),
        ],
    )
    with filled._reading() as connection:
        for by in listings.STAT_DIMENSIONS:
            counted = listings._counted_cells(f, by)
            if counted is None:
                continue
            from_counts = listings._counted_statistics(connection, f, by, *counted)
            assert from_counts == listings._record_statistics(connection, f, by), by
        counted = listings._counted_cells(f, None)
        assert counted is not None
        plan = listings._overview_plan(connection, f, 10)
        from_counts_days = listings._days_from_counts(connection, f, plan.longest, *counted)
        from_records_days = listings._days_from_records(connection, plan.conditions)
        # Backends put the undated group (None) first or last: only the dated ones are ordered.
        assert sorted(from_counts_days, key=_undated_first) == sorted(
            from_records_days, key=_undated_first
        )
        assert [day for day, *_ in from_counts_days if day is not None] == sorted(
            day for day, *_ in from_records_days if day is not None
        )
    assert listings.statistics(filled, Filters(), "type") == [
        {"key": "ASSAULT", "incidents": 1, "mentions": 1, "killed": 0, "wounded": 0},
        {"key": "FIGHT", "incidents": 3, "mentions": 7, "killed": 3, "wounded": 1},
    ]


def test_filters_the_counts_cannot_answer_fall_back_to_the_records() -> None:
    assert listings._counted_cells(Filters(place="gn:1"), "day") is None
    assert listings._counted_cells(Filters(actor="A", region="b"), "type") is None
    assert listings._counted_cells(Filters(actor="A"), "region") is None
    assert listings._counted_cells(Filters(updated_since=dt.datetime(2020, 1, 1)), "day") is None
    assert listings._counted_cells(Filters(), "actor") == (refs.ACTOR, None)
    assert listings._counted_cells(Filters(region=" FJ "), "day") == (refs.REGION, "fj")


def test_overview_markers_are_stored_with_the_incident(filled: SqlStore) -> None:
    record = _incident("i1", ["m-aaaa-0"], casualties=KILLED, summary="Shelling <b>near</b>")
    _replace(filled, [], [record])
    with filled._reading() as connection:
        stored = connection.scalar(select(incidents.c.marker).where(incidents.c.id == "i1"))
    assert json.loads(stored) == refs.marker(record)
    found = listings.overview(filled, Filters(), limit=5)
    assert [json.loads(item) for item in found.largest] == [
        {**refs.marker(record), "episode": None}
    ]
    assert found.largest[0].startswith('{"episode": null, "id": "i1"')
    assert refs.marker(record)["place"] == {
        "name": "Vardenis",
        "admin1": "Gegharkunik",
        "country": "AM",
    }
    assert (refs.marker(record)["killed"], refs.marker(record)["summary"]) == (
        3,
        "Shelling <b>near</b>",
    )


def test_migration_fills_counts_and_markers_from_stored_records(
    db_url: str, make_doc: MakeDoc
) -> None:
    from alembic import command

    from conflictwatch.store.engine import WRITE_OPTION
    from conflictwatch.store.migrate import alembic_config

    with open_store(db_url) as store:
        doc = make_doc(id="c" * 16)
        store.save_document(doc, signature=b"\x00" * 16, bands=[], repoint={})
        found = [make_mention(doc.id, 0), make_mention(doc.id, 9, date=None, places=(FIJI,))]
        store.save_extraction(_record(doc.id, 2), found)
        _replace(store, [], [_incident("i1", ["m-cccc-0"], casualties=KILLED)])
        with store._reading() as connection:
            before = {
                c: daycounts.stored_cells(connection, c)
                for c in (daycounts.MENTIONS, daycounts.INCIDENTS)
            }
    engine = create_engine(resolve_db_url(db_url))
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
        with connection.begin():
            command.downgrade(alembic_config(connection), "0005")
        assert connection.execute(sql("SELECT count(*) FROM incidents")).scalar() == 1
    engine.dispose()
    with open_store(db_url) as store:
        _assert_in_step(store)
        with store._reading() as connection:
            after = {
                c: daycounts.stored_cells(connection, c)
                for c in (daycounts.MENTIONS, daycounts.INCIDENTS)
            }
            marker = connection.scalar(select(incidents.c.marker))
        assert after == before
        assert after[daycounts.INCIDENTS][
            ("", "", dt.date(2020, 7, 12), dt.date(2020, 7, 12), "FIGHT")
        ] == [1, 3, 0]
        assert json.loads(marker)["killed"] == 3


def test_counts_rebuilt_from_scratch_equal_the_maintained_ones(filled: SqlStore) -> None:
    _replace(filled, [], [_incident("i1", ["m-aaaa-0"], casualties=KILLED)])
    with filled._reading() as connection:
        kept = {
            c: daycounts.stored_cells(connection, c)
            for c in (daycounts.MENTIONS, daycounts.INCIDENTS)
        }
    with filled._writing() as connection:
        daycounts.rebuild(connection)
    with filled._reading() as connection:
        for collection, cells in kept.items():
            assert daycounts.stored_cells(connection, collection) == cells
    assert sum(cell[0] for key, cell in kept[daycounts.MENTIONS].items() if key[0] == "") == 8


def test_a_range_of_cells_is_bounded_below_by_its_scan_start_alone() -> None:
    def lower_bounds(date_from: dt.date | None, date_to: dt.date | None) -> list[str]:
        values = daycounts.cell_values(
            daycounts.INCIDENTS,
            kind=daycounts.ALL,
            value=None,
            date_from=date_from,
            date_to=date_to,
            type_=None,
            longest=3,
        )
        conditions = daycounts.bound_cell_conditions(values)
        shown = [str(c) for c in conditions]
        return sorted(c.split(":")[-1] for c in shown if c.startswith("record_days.start_date >"))

    # With a start, one lower bound: SQLite ranges over the key by one of them only.
    assert lower_bounds(dt.date(2020, 7, 12), dt.date(2020, 8, 1)) == ["cell_scan_from"]
    assert lower_bounds(None, dt.date(2020, 8, 1)) == ["cell_dated"]
    # A scan start at or before the undated cells' day is moved past it: they stay out.
    values = daycounts.cell_values(
        daycounts.INCIDENTS,
        kind=daycounts.ALL,
        value=None,
        date_from=daycounts.UNDATED + dt.timedelta(days=1),
        date_to=None,
        type_=None,
        longest=1,
    )
    assert values["cell_scan_from"] == daycounts.UNDATED + dt.timedelta(days=1)

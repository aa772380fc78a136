"""The save path of extracted mentions: the JSON view built for storage, the day counts and
citation counts kept in Python, and the replaced mentions' index rows."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from conflictwatch.model import ActorRef, DatePrecision, Evidence, Mention, TimeSpan
from conflictwatch.store import SqlStore, daycounts, refs
from conflictwatch.store.mention_codec import mention_row
from conflictwatch.store.schema import actors, changes, places

from .conftest import MakeDoc
from .test_store_mentions import SIG, make_mention, record

JULY_12 = dt.date(2020, 7, 12)


def _varied(doc_id: str) -> list[Mention]:
    """Mentions covering each shape a view and a day cell can take."""
    open_start = TimeSpan(
        value="XXXX-07", start=None, end=None, precision=DatePrecision.UNKNOWN, text="July"
    )
    open_end = TimeSpan(
        value="2020-07-12", start=JULY_12, end=None, precision=DatePrecision.DAY, text="Sunday"
    )
    week = TimeSpan(
        value="2020-W28",
        start=JULY_12,
        end=JULY_12 + dt.timedelta(days=6),
        precision=DatePrecision.WEEK,
        text="that week",
    )
    return [
        make_mention(doc_id, 0),
        make_mention(doc_id, 11, date=None, places=(), casualties=(), weapons=()),
        make_mention(doc_id, 22, date=open_start, agent=None, claimant=None, type="ACCUSE"),
        make_mention(doc_id, 33, date=open_end, mode="artillery"),
        make_mention(
            doc_id,
            44,
            date=week,
            target=ActorRef(id="ARM", name="Armenia", country="ARM", kind="state", role=None),
        ),
    ]


def test_a_mention_view_holds_plain_json_values() -> None:
    for mention in _varied("d" * 64):
        view = mention.as_dict()
        assert json.loads(json.dumps(view, sort_keys=True)) == view
    first = make_mention("d" * 64).as_dict()
    # Enums and dates become plain JSON values, tuples lists.
    assert type(first["modality"]) is str and first["modality"] == "claimed"
    assert first["casualties"][0]["kind"] == "killed"
    assert first["date"]["start"] == "2021-11-16"
    assert first["weapons"] == ["artillery", "mortar"]


def test_cells_counted_in_python_equal_the_sql_count(store: SqlStore, make_doc: MakeDoc) -> None:
    doc = make_doc()
    store.save_document(doc, signature=SIG, bands=[], repoint={})
    found = _varied(doc.id)
    store.save_extraction(record(doc.id, len(found)), found)
    counted: daycounts.Cells = {}
    for mention in found:
        row = mention_row(mention)
        daycounts.add_record(
            counted,
            start=row["start_date"],
            end=row["end_date"],
            type_=row["type"],
            cited=refs.mention_refs(mention.as_dict()),
        )
    with store._reading() as connection:
        assert counted == daycounts.count_cells(connection, daycounts.MENTIONS, doc_id=doc.id)
        assert counted == daycounts.stored_cells(connection, daycounts.MENTIONS)
    undated = daycounts.UNDATED
    # The undated mention and the one with an unresolved start share the undated cell.
    assert counted[("", "", undated, undated, "FIGHT")] == [1, 0, 0]
    assert counted[("", "", undated, undated, "ACCUSE")] == [1, 0, 0]
    # A start with no end ends where it starts; a week keeps its end.
    assert counted[("", "", JULY_12, JULY_12, "FIGHT")] == [1, 0, 0]
    assert counted[("actor", "ARM", JULY_12, JULY_12 + dt.timedelta(days=6), "FIGHT")] == [1, 0, 0]
    assert counted[("country", "ARM", dt.date(2021, 11, 16), dt.date(2021, 11, 16), "FIGHT")] == [
        1,
        0,
        0,
    ]


def _mention_counts(store: SqlStore) -> dict[str, int]:
    with store._reading() as connection:
        rows = connection.execute(select(actors.c.id, actors.c.mentions)).all()
        rows += connection.execute(select(places.c.id, places.c.mentions)).all()
    return {key: count for key, count in rows}


def test_saving_again_replaces_counts_search_rows_and_logs_what_went(
    store: SqlStore, make_doc: MakeDoc
) -> None:
    doc = make_doc()
    store.save_document(doc, signature=SIG, bands=[], repoint={})
    shelling = Evidence(doc_id=doc.id, start=5, end=28, text="Shelling near Vardenis.")
    first = [make_mention(doc.id, 0), make_mention(doc.id, 5, evidence=shelling)]
    store.save_extraction(record(doc.id, 2), first)
    assert _mention_counts(store) == {"AZE.MIL": 2, "ARM.MOD": 2, "gn:616108": 2}
    assert [h.id for h in store.search_text("shelling", kind="mention")] == [first[1].id]

    again = [make_mention(doc.id, 0, claimant=None, places=())]
    store.save_extraction(record(doc.id, 1), again)
    assert _mention_counts(store) == {"AZE.MIL": 1, "ARM.MOD": 0, "gn:616108": 0}
    assert store.search_text("shelling", kind="mention") == []
    assert [h.id for h in store.search_text("body", kind="mention")] == [again[0].id]
    with store._reading() as connection:
        logged = connection.execute(select(changes.c.kind, changes.c.record_id)).all()
        assert [tuple(row) for row in logged] == [("deleted", first[1].id)]
        assert daycounts.stored_cells(connection, daycounts.MENTIONS) == daycounts.all_cells(
            connection, daycounts.MENTIONS
        )
    assert store.get_extraction(doc.id) == record(doc.id, 1)

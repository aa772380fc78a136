"""The API's listings over a store: keyset pages, filters in SQL, incidents' figures, the change feed,
statistics and full-text search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from conflictwatch.model import ActorRef, DatePrecision, PlaceRef, TimeSpan
from conflictwatch.store import SqlStore, listings
from conflictwatch.store import incident_store as db
from conflictwatch.store.listings import BBox, Filters
from conflictwatch.store.records import ExtractionRecord
from conflictwatch.store.schema import mention_refs, mentions

from .conftest import MakeDoc
from .test_store_mentions import make_mention

SIG = b"\x00" * 16

VARDENIS = PlaceRef(
    id="gn:616108",
    name="Vardenis",
    text="Vardenis",
    lat=40.18,
    lon=45.73,
    admin1="Gegharkunik",
    country="AM",
    precision=1,
)
TOVUZ = PlaceRef(
    id="gn:146970",
    name="Tovuz",
    text="Tovuz",
    lat=40.99,
    lon=45.63,
    admin1="Tovuz",
    country="AZ",
    precision=1,
)
FIJI = PlaceRef(
    id="gn:2198148",
    name="Levuka",
    text="Levuka",
    lat=-17.68,
    lon=178.83,
    admin1="Eastern",
    country="FJ",
    precision=1,
)


def _span(start: dt.date, days: int = 0) -> TimeSpan:
    return TimeSpan(
        value=start.isoformat(),
        start=start,
        end=start + dt.timedelta(days=days),
        precision=DatePrecision.DAY if days == 0 else DatePrecision.WEEK,
        text="then",
    )


@pytest.fixture
def filled(store: SqlStore, make_doc: MakeDoc) -> SqlStore:
    """Two documents; eight mentions (one undated, one spanning a week) in three places."""
    first, second = make_doc(id="a" * 16, title="Shelling of Vardenis"), make_doc(id="b" * 16)
    for doc in (first, second):
        store.save_document(doc, signature=SIG, bands=[], repoint={})
    day = dt.date(2020, 7, 12)
    found = [
        make_mention(first.id, 0, date=_span(day)),
        make_mention(first.id, 10, date=_span(day + dt.timedelta(days=1)), places=(TOVUZ,)),
        make_mention(first.id, 20, date=_span(day - dt.timedelta(days=3), 6), type="ASSAULT"),
        make_mention(first.id, 30, date=None),
    ]
    others = [
        make_mention(second.id, 5 * n, date=_span(day + dt.timedelta(days=n)), places=(FIJI,))
        for n in range(4)
    ]
    others[0] = dataclasses.replace(
        others[0], agent=ActorRef(id="FJI.GOV", name="Fiji government", country="FJI")
    )
    store.save_extraction(_record(first.id, len(found)), found)
    store.save_extraction(_record(second.id, len(others)), others)
    return store


def _record(doc_id: str, count: int) -> ExtractionRecord:
    return ExtractionRecord(
        doc_id=doc_id, language="en", skipped=None, sentences=count, parsed=count, mentions=count
    )


def _walk(fetch: Any, limit: int) -> list[dict[str, Any]]:
    """Every item of a listing, page by page from the keys the pages end on."""
    items: list[dict[str, Any]] = []
    after = None
    for _ in range(100):
        page = fetch(after, limit)
        items.extend(page.parsed())
        if page.last is None:
            return items
        after = page.last
    raise AssertionError("paging never ended")


def _mentions(store: SqlStore, **filters: Any) -> list[dict[str, Any]]:
    f = Filters(**filters)
    return _walk(lambda after, limit: listings.mention_page(store, f, after=after, limit=limit), 2)


def test_mention_pages_run_by_date_then_id_with_undated_last(filled: SqlStore) -> None:
    walked = _mentions(filled)
    whole = listings.mention_page(filled, Filters(), after=None, limit=100)
    assert [m["id"] for m in walked] == [m["id"] for m in whole.parsed()]
    assert len(walked) == 8 and whole.last is None
    dated = [(m["date"]["start"], m["id"]) for m in walked[:-1]]
    assert dated == sorted(dated)
    assert walked[-1]["date"] is None
    assert walked[0]["updated_at"] and "outlet" in walked[0]


def test_mention_filters(filled: SqlStore) -> None:
    day = dt.date(2020, 7, 12)
    on_day = _mentions(filled, date_from=day, date_to=day)
    # the week-long span starting three days before overlaps; the undated one never does
    assert sorted(m["id"] for m in on_day) == ["m-aaaa-0", "m-aaaa-20", "m-bbbb-0"]
    assert [m["id"] for m in _mentions(filled, type="ASSAULT")] == ["m-aaaa-20"]
    assert {m["id"] for m in _mentions(filled, place=TOVUZ.id)} == {"m-aaaa-10"}
    assert {m["id"] for m in _mentions(filled, actor="FJI.GOV")} == {"m-bbbb-0"}
    by_country = {m["id"] for m in _mentions(filled, region="am")}
    assert by_country == {"m-aaaa-0", "m-aaaa-20", "m-aaaa-30"}
    assert {m["id"] for m in _mentions(filled, region="ARM")} == by_country
    assert {m["id"] for m in _mentions(filled, region="tovuz")} == {"m-aaaa-10"}
    box = BBox(min_lon=45.0, min_lat=40.0, max_lon=46.0, max_lat=40.5)
    assert {m["id"] for m in _mentions(filled, bbox=box)} == by_country
    across = BBox(min_lon=170.0, min_lat=-20.0, max_lon=-170.0, max_lat=-10.0)
    assert len(_mentions(filled, bbox=across)) == 4
    assert _mentions(filled, doc_id="b" * 16) == _mentions(filled, region="fj")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    assert _mentions(filled, updated_since=later) == []
    assert len(_mentions(filled, updated_since=later - dt.timedelta(hours=1))) == 8


def test_documents_page_without_text_and_filtered_by_cited_place(filled: SqlStore) -> None:
    page = listings.document_page(filled, Filters(), after=None, limit=1, canonical_only=False)
    (first,) = page.parsed()
    assert page.last is not None and "text" not in first and first["title"]
    rest = listings.document_page(filled, Filters(), after=page.last, limit=5, canonical_only=False)
    assert [d["id"] for d in rest.parsed()] == ["b" * 16] and rest.last is None
    cited = listings.document_page(
        filled, Filters(place=FIJI.id), after=None, limit=5, canonical_only=False
    )
    assert [d["id"] for d in cited.parsed()] == ["b" * 16]


def test_actors_and_places_with_counts(filled: SqlStore) -> None:
    actors = listings.actor_page(filled, country=None, updated_since=None, after=None, limit=50)
    counts = {a["id"]: a["mentions"] for a in actors.parsed()}
    # every mention cites ARM.MOD as claimant; AZE.MIL is the agent of all but one
    assert counts == {"ARM.MOD": 8, "AZE.MIL": 7, "FJI.GOV": 1}
    fijian = listings.actor_page(filled, country="FJ", updated_since=None, after=None, limit=50)
    assert [a["id"] for a in fijian.parsed()] == ["FJI.GOV"]
    places = listings.place_page(
        filled, region=None, bbox=None, updated_since=None, after=None, limit=2
    )
    assert places.last is not None and len(places.items) == 2
    everything = {
        p["id"]: p
        for p in listings.place_page(
            filled, region=None, bbox=None, updated_since=None, after=None, limit=50
        ).parsed()
    }
    assert {key: p["mentions"] for key, p in everything.items()} == {
        VARDENIS.id: 3,
        TOVUZ.id: 1,
        FIJI.id: 4,
    }
    assert everything[FIJI.id]["country"] == "FJI" and everything[FIJI.id]["lat"] == -17.68


def _incident(ident: str, mentions: list[str], **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": ident,
        "type": "FIGHT",
        "start": "2020-07-12",
        "end": "2020-07-12",
        "summary": "Clashes",
        "countries": ["ARM", "AZE"],
        "places": [VARDENIS.as_dict()],
        "actors": [{"id": "AZE.MIL", "name": "Azerbaijani forces", "country": "AZE"}],
        "casualties": {},
        "mentions": mentions,
        "documents": ["a" * 16],
        "claims": {},
        "disputed": [],
        "episode": None,
    }
    data.update(fields)
    return data


def _replace(store: SqlStore, removed: list[str], written: list[dict[str, Any]]) -> None:
    with store._writing() as connection:
        db.replace_incidents(connection, removed, [(i, []) for i in written], [])


def test_incident_figures_leave_out_running_totals(filled: SqlStore) -> None:
    casualties = {
        "killed": {
            "AZE": {"low": 4, "best": 5, "high": 9, "cumulative": False, "claims": []},
            "ARM": {"low": 2, "best": None, "high": 3, "cumulative": False, "claims": []},
            "unknown": {"low": 5000, "best": 5000, "high": 5000, "cumulative": True, "claims": []},
        },
        "wounded": {"ARM": {"low": 1, "best": 3, "high": 3, "cumulative": False, "claims": []}},
    }
    _replace(filled, [], [_incident("i1", ["m-aaaa-0"], casualties=casualties)])
    stats = listings.statistics(filled, Filters(), "type")
    assert stats == [
        {"key": "ASSAULT", "incidents": 0, "mentions": 1, "killed": 0, "wounded": 0},
        {"key": "FIGHT", "incidents": 1, "mentions": 7, "killed": 7, "wounded": 3},
    ]
    found = listings.get_incident(filled, "i1")
    assert found is not None and found["episode"] is None and found["updated_at"]


def test_statistics_by_day_region_and_actor(filled: SqlStore) -> None:
    _replace(
        filled,
        [],
        [
            _incident("i1", ["m-aaaa-0"]),
            _incident(
                "i2", ["m-bbbb-0"], start="2020-07-13", end="2020-07-13", places=[FIJI.as_dict()]
            ),
        ],
    )
    by_day = {g["key"]: g for g in listings.statistics(filled, Filters(), "day")}
    assert by_day["2020-07-12"]["incidents"] == 1 and by_day["2020-07-12"]["mentions"] == 2
    assert by_day["2020-07-13"] == {
        "key": "2020-07-13",
        "incidents": 1,
        "mentions": 2,
        "killed": 0,
        "wounded": 0,
    }
    by_region = {
        g["key"]: (g["incidents"], g["mentions"])
        for g in listings.statistics(filled, Filters(), "region")
    }
    assert by_region == {"ARM": (1, 3), "AZE": (0, 1), "FJI": (1, 4)}
    by_actor = listings.statistics(filled, Filters(region="fj"), "actor")
    # mentions count under every actor they cite (agent, target, claimant)
    assert {g["key"]: (g["incidents"], g["mentions"]) for g in by_actor} == {
        "ARM.MOD": (0, 4),
        "AZE.MIL": (1, 3),
        "FJI.GOV": (0, 1),
    }


def test_relinking_logs_merges_and_deletions_and_keeps_unchanged_times(filled: SqlStore) -> None:
    _replace(
        filled,
        [],
        [_incident("i1", ["m1", "m2"]), _incident("i2", ["m3"]), _incident("i3", ["m4"])],
    )
    kept_time = listings.get_incident(filled, "i3")
    # i1 and i2 become one incident named after a new smallest frame; i3 is rewritten unchanged;
    # nothing holds i2's mention any more... except the merged one: it took m3.
    _replace(
        filled,
        ["i1", "i2", "i3"],
        [_incident("i0", ["m0", "m1", "m2", "m3"]), _incident("i3", ["m4"])],
    )
    page = listings.change_page(filled, since=None, collection=None, after=None, limit=10)
    logged = [(c["kind"], c["collection"], c["id"], c["into"]) for c in page.parsed()]
    assert logged == [("merged", "incidents", "i1", "i0"), ("merged", "incidents", "i2", "i0")]
    assert listings.get_incident(filled, "i3") == kept_time
    _replace(filled, ["i3"], [])
    last = listings.change_page(filled, since=None, collection="incidents", after=2, limit=10)
    assert [(c["kind"], c["id"], c["into"]) for c in last.parsed()] == [("deleted", "i3", None)]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert (
        listings.change_page(filled, since=future, collection=None, after=None, limit=10).items
        == []
    )


def test_reextraction_logs_mentions_that_disappeared(filled: SqlStore) -> None:
    kept = [make_mention("a" * 16, 0, date=_span(dt.date(2020, 7, 12)))]
    filled.save_extraction(_record("a" * 16, 1), kept)
    page = listings.change_page(filled, since=None, collection="mentions", after=None, limit=10)
    assert sorted(c["id"] for c in page.parsed()) == ["m-aaaa-10", "m-aaaa-20", "m-aaaa-30"]
    assert {m["id"] for m in _mentions(filled, region="tovuz")} == set()
    actors = listings.actor_page(filled, country=None, updated_since=None, after=None, limit=50)
    # doc a now holds one mention (AZE.MIL agent, ARM.MOD claimant); doc b still holds four
    assert {a["id"]: a["mentions"] for a in actors.parsed()} == {
        "ARM.MOD": 5,
        "AZE.MIL": 4,
        "FJI.GOV": 1,
    }
    places = listings.place_page(
        filled, region=None, bbox=None, updated_since=None, after=None, limit=50
    ).parsed()
    # Tovuz is no longer cited by anything, so it is not listed
    assert {p["id"]: p["mentions"] for p in places} == {VARDENIS.id: 1, FIJI.id: 4}


def test_incident_counts_follow_replacements(filled: SqlStore) -> None:
    _replace(filled, [], [_incident("i1", ["m1"]), _incident("i2", ["m2"])])
    _replace(filled, ["i1", "i2"], [_incident("i1", ["m1", "m2"])])
    actors = listings.actor_page(filled, country=None, updated_since=None, after=None, limit=50)
    assert {a["id"]: a["incidents"] for a in actors.parsed()}["AZE.MIL"] == 1


def test_search_finds_titles_texts_and_evidence_and_ignores_syntax(filled: SqlStore) -> None:
    hits = filled.search_text("vardenis shelling")
    assert [(h.kind, h.id) for h in hits] == [("document", "a" * 16)]
    assert hits[0].title == "Shelling of Vardenis"
    evidence = json.loads(listings.mention_page(filled, Filters(), after=None, limit=1).items[0])[
        "evidence"
    ]["text"]
    word = max(evidence.split(), key=len).strip(".,")
    assert any(h.kind == "mention" for h in filled.search_text(word))
    for nasty in ('"', "AND OR NOT", "title:*", "(((", "NEAR(a b", "'; DROP TABLE x; --", "*"):
        assert isinstance(filled.search_text(nasty), list)
    assert filled.search_text("   ") == []


@pytest.mark.parametrize(
    ("threshold", "exact", "expected", "statement"),
    [
        (3, True, 3, "matches"),
        (4, True, 4, "matches"),
        (5, True, 4, "matches"),
        (3, False, 3, "many"),
        (4, False, 4, "many"),
        (5, False, 4, "many"),  # fewer than the threshold: one below it
        (9, False, 8, "many"),
    ],
)
def test_match_counts_stop_at_the_driving_threshold(
    filled: SqlStore,
    monkeypatch: pytest.MonkeyPatch,
    threshold: int,
    exact: bool,
    expected: int,
    statement: str,
) -> None:
    """The second document has four mentions: counted up to the threshold when `exact`, else
    only found to reach it or not, by a statement that does not count."""
    monkeypatch.setattr(listings, "DRIVING_MATCHES", threshold)
    monkeypatch.setattr(listings, "_PREPARED", {})  # statements compiled with the threshold
    table = mentions
    values = {"doc_id": "b" * 16}
    with filled._reading() as connection:
        counted = listings._count_matches(
            connection,
            "test",
            table,
            lambda: [table.c.doc_id == listings._bind(values, "doc_id")],
            values,
            exact=exact,
        )
    assert counted == expected
    assert [shape for _, shape in listings._PREPARED] == [(statement, "test")]


def test_document_ids_resolve_as_the_store_resolves_them(filled: SqlStore) -> None:
    for asked in ("a" * 16, "b" * 16, "aaaa", "bbbbbbb", "abc", "aaa%", "cccc", "a" * 17, ""):
        assert listings.resolve_document_id(filled, asked) == filled.resolve_document_id(asked)
    assert listings.resolve_document_id(filled, "a" * 16) == "a" * 16
    assert listings.resolve_document_id(filled, "bbbb") == "b" * 16
    assert listings.resolve_document_id(filled, "abcd") is None


@pytest.mark.parametrize(
    ("threshold", "box", "since", "box_drives", "updated_drives"),
    [
        (4, True, False, True, False),  # three mentions in the box's band: fewer than four
        (3, True, False, False, False),
        (9, False, True, False, True),  # eight updated since: fewer than nine
        (8, False, True, False, False),
        (9, True, True, True, False),  # both few: the rarer drives (counted exactly)
        (3, True, True, False, False),
    ],
)
def test_a_box_or_update_time_drives_when_it_matches_few(
    filled: SqlStore,
    monkeypatch: pytest.MonkeyPatch,
    threshold: int,
    box: bool,
    since: bool,
    box_drives: bool,
    updated_drives: bool,
) -> None:
    monkeypatch.setattr(listings, "DRIVING_MATCHES", threshold)
    monkeypatch.setattr(listings, "_PREPARED", {})
    f = Filters(
        bbox=BBox(min_lon=45.0, min_lat=40.0, max_lon=46.0, max_lat=40.5) if box else None,
        updated_since=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1) if since else None,
    )
    with filled._reading() as connection:
        decision = listings._decide(connection, mentions, mention_refs, f)
    assert (decision.box_drives, decision.updated_drives) == (box_drives, updated_drives)
    expected = {"m-aaaa-0", "m-aaaa-20", "m-aaaa-30"} if box else 8
    found = {m["id"] for m in _mentions(filled, bbox=f.bbox, updated_since=f.updated_since)}
    assert (found if box else len(found)) == expected

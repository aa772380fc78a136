"""Linking over a store: incremental, order-independent, re-linking replaces; the JSON views."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from tests.documents import plain_document
from tests.link.link_support import ARMENIA, AZERBAIJAN, casualty, mention, place, span

from conflictwatch.link import (
    build_timeline,
    link_documents,
    link_mentions_in_memory,
    list_ceasefires,
    list_incidents,
    timeline_markdown,
)
from conflictwatch.model import (
    DateProvenance,
    Document,
    Mention,
    Modality,
)
from conflictwatch.store import SqlStore, open_store
from conflictwatch.store.records import ExtractionRecord

DAYTON = place("Dayton", 39.76, -84.19)
OMAHA = place("Omaha", 41.26, -95.94)
TEXTS = {
    "a": "Police said John Smith was shot dead on Elm Street in Dayton on Monday.",
    "b": "John Smith, 24, died after a shooting on Elm Street, police said Monday.",
    "c": "Relatives of John Smith held a vigil on Elm Street on Tuesday.",
    "d": "Mary Jones was wounded in a shooting on Oak Avenue in Dayton on Monday.",
}


def _document(doc_id: str, text: str, published: dt.date) -> Document:
    return plain_document(doc_id, text, published, provenance=DateProvenance.GIVEN)


def _save(store: SqlStore, doc_id: str, text: str, found: Sequence[Mention], day: str) -> None:
    store.save_document(
        _document(doc_id, text, dt.date.fromisoformat(day)), signature=b"", bands=(), repoint={}
    )
    record = ExtractionRecord(
        doc_id=doc_id, language="en", skipped=None, sentences=1, parsed=1, mentions=len(found)
    )
    store.save_extraction(record, found)


def _shooting(doc_id: str, killed: int = 1, wounded: int = 0) -> list[Mention]:
    figures = (casualty("killed", killed),) if killed else (casualty("wounded", wounded),)
    return [
        mention(
            doc_id,
            0,
            TEXTS[doc_id],
            type="ASSAULT",
            date=span("2016-03-07"),
            places=(DAYTON,),
            casualties=figures,
            trigger="shot",
        )
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(str(tmp_path / "link.db")) as opened:
        for doc_id in ("a", "b", "c"):
            _save(opened, doc_id, TEXTS[doc_id], _shooting(doc_id), "2016-03-08")
        _save(opened, "d", TEXTS["d"], _shooting("d", killed=0, wounded=1), "2016-03-08")
        yield opened


def _partition(store: SqlStore) -> list[list[str]]:
    return sorted(sorted(i.documents) for i in list_incidents(store))


def test_linking_groups_reports_of_one_shooting(store: SqlStore) -> None:
    report = link_documents(store, ["a", "b", "c", "d"])
    assert report.documents == 4 and report.incidents_written == 2
    assert _partition(store) == [["a", "b", "c"], ["d"]]


def test_the_result_does_not_depend_on_arrival_order(tmp_path: Path) -> None:
    results = set()
    for n, order in enumerate(itertools.permutations("abcd")):
        if n % 5:  # a spread of the 24 orders keeps the test fast
            continue
        with open_store(str(tmp_path / f"order{n}.db")) as opened:
            for doc_id in order:
                killed = 0 if doc_id == "d" else 1
                _save(opened, doc_id, TEXTS[doc_id], _shooting(doc_id, killed, 1), "2016-03-08")
                link_documents(opened, [doc_id])
            results.add(tuple((*tuple(sorted(i.documents)), i.id) for i in list_incidents(opened)))
    assert len(results) == 1


def test_relinking_a_document_replaces_its_contribution(store: SqlStore) -> None:
    link_documents(store, ["a", "b", "c", "d"])
    elsewhere = mention(
        "b",
        0,
        "A man was shot in Omaha.",
        type="ASSAULT",
        date=span("2016-05-01"),
        places=(OMAHA,),
        casualties=(casualty("killed", 1),),
        trigger="shot",
    )
    record = ExtractionRecord(
        doc_id="b", language="en", skipped=None, sentences=1, parsed=1, mentions=1
    )
    store.save_extraction(record, [elsewhere])
    link_documents(store, ["b"])
    assert _partition(store) == [["a", "c"], ["b"], ["d"]]


def test_incident_json_has_the_issue_keys(store: SqlStore) -> None:
    link_documents(store, ["a", "b", "c", "d"])
    view = list_incidents(store)[0].as_dict()
    assert {
        "id",
        "type",
        "start",
        "end",
        "places",
        "actors",
        "casualties",
        "mentions",
        "documents",
        "disputed",
        "episode",
    } <= set(view)
    assert view["casualties"]["killed"]["unknown"]["best"] == 1
    assert view["episode"] is not None
    assert list_incidents(store, limit=1)[0].id == view["id"]


def test_timeline_and_markdown_cite_the_evidence(store: SqlStore) -> None:
    link_documents(store, ["a", "b", "c", "d"])
    timeline = build_timeline(store).as_dict()
    assert len(timeline["episodes"]) == 1
    assert [e["start"] for e in timeline["entries"]] == ["2016-03-07", "2016-03-07"]
    citation = timeline["entries"][0]["citations"][0]
    assert citation["text"] == TEXTS[citation["doc_id"]][citation["start"] : citation["end"]]
    markdown = timeline_markdown(build_timeline(store))
    assert markdown.startswith("# Timeline") and "Elm Street" in markdown


def test_ceasefires_and_accusations_alone_make_no_incident(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "cf.db")) as opened:
        text = "Armenia accused Azerbaijan of breaking the ceasefire agreed on Monday."
        found = [
            mention(
                "e",
                0,
                text,
                type="ACCUSE",
                agent=ARMENIA,
                target=AZERBAIJAN,
                date=span("2021-11-16"),
            ),
            mention(
                "e",
                0,
                text,
                type="AGREE",
                mode="ceasefire",
                trigger="ceasefire",
                date=span("2021-11-15"),
                agent=ARMENIA,
                target=AZERBAIJAN,
            ),
        ]
        _save(opened, "e", text, found, "2021-11-16")
        link_documents(opened, ["e"])
        assert list_incidents(opened) == []
        (ceasefire,) = list_ceasefires(opened)
        assert ceasefire.as_dict()["states"][0]["state"] == "agreed"
        assert [v.role for v in ceasefire.violations] == ["accusation"]


def test_in_memory_linking_matches_the_store(store: SqlStore) -> None:
    link_documents(store, ["a", "b", "c", "d"])
    found = [m for doc_id in "abcd" for m in store.list_mentions(doc_id=doc_id)]
    published = {doc_id: dt.date(2016, 3, 8) for doc_id in "abcd"}
    incidents = link_mentions_in_memory(found, published, TEXTS)
    assert sorted(sorted(i.documents) for i in incidents) == _partition(store)


def test_bad_input_gives_empty_results(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as opened:
        assert link_documents(opened, []).incidents_written == 0
        assert link_documents(opened, ["no-such-document"]).frames == 0
        assert list_incidents(opened) == [] and list_ceasefires(opened) == []
        assert build_timeline(opened).as_dict() == {"episodes": [], "entries": []}
    strange = mention("x", 0, "Fighting.", date=None, modality=Modality.CLAIMED)
    assert len(link_mentions_in_memory([strange], {"x": None})) == 1


def test_impossible_and_extreme_dates_never_raise() -> None:
    extremes = [
        mention("x", 0, "Clashes long ago.", date=span("0001-01-01")),
        mention("y", 0, "Clashes at the end of time.", date=span("9999-12-31")),
        mention("z", 0, "Clashes over ages.", date=span("0001-01-01", "9999-12-31")),
    ]
    published = {"x": dt.date.min, "y": dt.date.max, "z": None}
    incidents = link_mentions_in_memory(extremes, published, {"x": "A B C", "y": "", "z": "1" * 9})
    assert len(incidents) == 2  # the span of ages is a period recalled, not an event

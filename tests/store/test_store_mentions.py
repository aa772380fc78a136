"""Mentions and extraction runs in the store: exact round trips, replacement, selection of work."""

from __future__ import annotations

import datetime as dt

from conflictwatch.model import (
    ActorRef,
    Casualty,
    CasualtyKind,
    DatePrecision,
    Evidence,
    Mention,
    Modality,
    PlaceRef,
    Population,
    TimeSpan,
)
from conflictwatch.store import SqlStore
from conflictwatch.store.records import ExtractionRecord

from .conftest import MakeDoc

SIG = b"\x00" * 16


def make_mention(doc_id: str, start: int = 0, **overrides: object) -> Mention:
    fields: dict[str, object] = {
        "id": f"m-{doc_id[:4]}-{start}",
        "doc_id": doc_id,
        "type": "FIGHT",
        "mode": None,
        "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash",
        "agent": ActorRef(id="AZE.MIL", name="Azerbaijani forces", country="AZE", kind="military"),
        "target": ActorRef(id=None, name="border posts"),
        "claimant": ActorRef(id="ARM.MOD", name="Armenian Defense Ministry", country="ARM"),
        "trigger": "clashes",
        "weapons": ("artillery", "mortar"),
        "modality": Modality.CLAIMED,
        "background": False,
        "date": TimeSpan(
            value="2021-11-16",
            start=dt.date(2021, 11, 16),
            end=dt.date(2021, 11, 16),
            precision=DatePrecision.DAY,
            text="Tuesday",
        ),
        "places": (
            PlaceRef(
                id="gn:616108",
                name="Vardenis",
                text="Vardenis",
                lat=40.18,
                lon=45.73,
                admin1="Gegharkunik",
                country="AM",
                precision=1,
            ),
        ),
        "casualties": (
            Casualty(
                kind=CasualtyKind.KILLED,
                min=15,
                max=None,
                population=Population.MILITARY,
                side="ARM",
                cumulative=False,
                hedged=True,
                text="15 soldiers",
                start=3,
                end=14,
            ),
        ),
        "confidence": 0.8,
        "evidence": Evidence(doc_id=doc_id, start=start, end=start + 10, text="Body text."),
    }
    fields.update(overrides)
    return Mention(**fields)  # type: ignore[arg-type]


def record(doc_id: str, mentions: int = 1, skipped: str | None = None) -> ExtractionRecord:
    return ExtractionRecord(
        doc_id=doc_id, language="en", skipped=skipped, sentences=3, parsed=2, mentions=mentions
    )


def test_mention_round_trips_exactly(store: SqlStore, make_doc: MakeDoc) -> None:
    doc = make_doc()
    store.save_document(doc, signature=SIG, bands=[], repoint={})
    mention = make_mention(doc.id)
    store.save_extraction(record(doc.id), [mention])
    assert store.list_mentions() == [mention]
    assert store.get_extraction(doc.id) == record(doc.id)


def test_save_extraction_replaces_earlier_mentions(store: SqlStore, make_doc: MakeDoc) -> None:
    doc = make_doc()
    store.save_document(doc, signature=SIG, bands=[], repoint={})
    store.save_extraction(record(doc.id, 2), [make_mention(doc.id, 0), make_mention(doc.id, 5)])
    store.save_extraction(record(doc.id), [make_mention(doc.id, 9, type="ASSAULT")])
    assert [(m.evidence.start, m.type) for m in store.list_mentions()] == [(9, "ASSAULT")]
    assert store.count_mentions() == 1


def test_list_mentions_filters_by_document_and_type(store: SqlStore, make_doc: MakeDoc) -> None:
    first, second = make_doc(id="a" * 64), make_doc(id="b" * 64)
    for doc in (first, second):
        store.save_document(doc, signature=SIG, bands=[], repoint={})
    store.save_extraction(
        record(first.id, 2),
        [make_mention(first.id, 5), make_mention(first.id, 0, type="ACCUSE", id="x")],
    )
    store.save_extraction(record(second.id), [make_mention(second.id)])
    assert [m.evidence.start for m in store.list_mentions(doc_id=first.id)] == [0, 5]
    assert [m.id for m in store.list_mentions(event_type="accuse")] == ["x"]
    assert len(store.list_mentions(limit=2)) == 2


def test_documents_to_extract_skips_done_and_reprints(store: SqlStore, make_doc: MakeDoc) -> None:
    done, pending, reprint = make_doc(id="a" * 64), make_doc(id="b" * 64), make_doc(id="c" * 64)
    for doc in (done, pending):
        store.save_document(doc, signature=SIG, bands=[], repoint={})
    store.save_document(reprint, signature=SIG, bands=[], repoint={reprint.id: done.id})
    store.save_extraction(record(done.id), [make_mention(done.id)])
    assert store.documents_to_extract() == [pending.id]
    # A reprint holding mentions (it was canonical when extracted) is listed so they are cleared.
    store.save_extraction(record(reprint.id), [make_mention(reprint.id)])
    assert store.documents_to_extract() == [pending.id, reprint.id]

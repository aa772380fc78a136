"""Documents in the store: exact round trips, ordering, prefixes, atomic saves, band lookups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from conflictwatch.errors import Code, StoreError
from conflictwatch.model import (
    DatePrecision,
    DateProvenance,
    Document,
    Furniture,
    MediaType,
    PublicationDate,
    Segment,
)
from conflictwatch.store import DuplicateCandidate, SqlStore

MakeDoc = Callable[..., Document]

SIG = bytes(range(256)) * 4  # 1 KiB, like a real signature; content does not matter to the store


def _save(
    store: SqlStore, doc: Document, bands: tuple[str, ...] = (), **repoint: str | None
) -> None:
    store.save_document(doc, signature=SIG, bands=bands, repoint=repoint)


def test_full_document_round_trips_exactly(store: SqlStore, make_doc: MakeDoc) -> None:
    text = "Ереван — Bakı: «ceasefire» 🕊️ held.\n\nŞuşa, Xankəndi; 18:30."
    doc = make_doc(
        id="f" * 64,
        raw_sha256="a" * 64,
        origin="feed.xml#3",
        media_type=MediaType.HTML,
        url="https://example.org/ə?x=1&y=«2»",
        title="Şuşa / Шуши",
        author="Zoë Ağayeva",
        outlet="Example Outlet",
        original_source="RFE/RL",
        credit_evidence="With reporting by RFE/RL’s service",
        published=PublicationDate(
            value=dt.date(2020, 10, 3),
            precision=DatePrecision.DAY,
            provenance=DateProvenance.INFERRED,
            evidence="Saturday (3/10/2020)",
            earliest=dt.date(2020, 9, 27),
            latest=dt.date(2020, 10, 4),
        ),
        language="hy",
        text=text,
        source_text="Share 607\n" + text,
        segments=(
            Segment(clean_start=0, source_start=10, length=36),
            Segment(clean_start=36, source_start=46, length=len(text) - 36),
        ),
        paragraphs=((0, 34), (36, len(text))),
        furniture=(Furniture(start=0, end=9, reason="share-counter", text="Share 607"),),
        ingested_at=dt.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=dt.UTC),
    )
    _save(store, doc)
    assert store.get_document(doc.id) == doc


def test_sparse_document_round_trips(store: SqlStore, make_doc: MakeDoc) -> None:
    doc = make_doc(
        title=None,
        language=None,
        published=PublicationDate.unknown("no date in the text", earliest=dt.date(2022, 2, 24)),
        segments=(),
        paragraphs=(),
        ingested_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    _save(store, doc)
    assert store.get_document(doc.id) == doc
    assert store.get_document("missing") is None


def test_get_documents_reads_many_in_the_order_asked(store: SqlStore, make_doc: MakeDoc) -> None:
    for doc_id in ("aaaa", "bbbb", "cccc"):
        _save(store, make_doc(id=doc_id, text=f"Story {doc_id}."))
    found = store.get_documents(["cccc", "missing", "aaaa", "cccc"])
    assert [doc.id for doc in found] == ["cccc", "aaaa", "cccc"]
    assert found[1] == store.get_document("aaaa")
    assert found[0].text == "Story cccc."
    assert store.get_documents([]) == []


def test_ingested_at_set_once_and_kept_on_resave(store: SqlStore, make_doc: MakeDoc) -> None:
    before = dt.datetime.now(dt.UTC)
    _save(store, make_doc())
    first = store.get_document("d" * 64)
    assert first is not None and first.ingested_at is not None
    assert before - dt.timedelta(seconds=1) <= first.ingested_at <= dt.datetime.now(dt.UTC)
    _save(store, make_doc(title="Changed"))
    second = store.get_document("d" * 64)
    assert second is not None
    assert (second.title, second.ingested_at) == ("Changed", first.ingested_at)
    assert store.count_documents() == 1


def _dated(make_doc: MakeDoc, doc_id: str, day: int | None) -> Document:
    published = (
        PublicationDate(
            value=dt.date(2020, 7, day), precision=DatePrecision.DAY, provenance=DateProvenance.TEXT
        )
        if day
        else PublicationDate.unknown()
    )
    return make_doc(id=doc_id, published=published)


def test_list_orders_by_date_unknown_last_then_id(store: SqlStore, make_doc: MakeDoc) -> None:
    for doc_id, day in [("e1", None), ("b2", 20), ("a3", None), ("c4", 12), ("a5", 20)]:
        _save(store, _dated(make_doc, doc_id, day))
    assert [d.id for d in store.list_documents()] == ["c4", "a5", "b2", "a3", "e1"]
    assert [d.id for d in store.list_documents(limit=2, offset=1)] == ["a5", "b2"]
    _save(store, _dated(make_doc, "b2", 20), c4="a5")
    assert [d.id for d in store.list_documents(canonical_only=True)] == ["a5", "b2", "a3", "e1"]
    assert store.count_documents() == 5


def test_iter_documents_pages_through_all_by_id(store: SqlStore, make_doc: MakeDoc) -> None:
    ids = [f"{n:02d}" for n in range(7)]
    for doc_id in reversed(ids):
        _save(store, make_doc(id=doc_id))
    assert [d.id for d in store.iter_documents(batch=3)] == ids
    assert [d.id for d in store.iter_documents(batch=7)] == ids


def test_prefix_resolution(store: SqlStore, make_doc: MakeDoc) -> None:
    first, second = "abcd1" + "0" * 59, "abcd2" + "0" * 59
    for doc_id in (first, second):
        _save(store, make_doc(id=doc_id))
    assert store.resolve_document_id("abcd") is None  # ambiguous
    assert store.resolve_document_id("abcd1") == first
    assert store.resolve_document_id(second) == second
    assert store.resolve_document_id("abc") is None  # too short to be meant
    assert store.resolve_document_id("abc%") is None  # LIKE wildcards are literal
    assert store.resolve_document_id("abc_1") is None
    assert store.resolve_document_id("ffff") is None


def test_save_is_atomic_when_repoint_violates_a_key(store: SqlStore, make_doc: MakeDoc) -> None:
    _save(store, make_doc(id="aaaa"), ("b0:1",))
    with pytest.raises(StoreError) as caught:
        _save(store, make_doc(id="bbbb"), ("b0:1", "b1:2"), aaaa="no-such-document")
    assert caught.value.code is Code.DB_WRITE
    assert store.get_document("bbbb") is None
    assert [c.doc_id for c in store.near_duplicate_candidates(["b0:1", "b1:2"])] == ["aaaa"]
    prior = store.get_document("aaaa")
    assert prior is not None and prior.duplicate_of is None


def test_save_is_atomic_when_it_fails_midway(
    store: SqlStore, make_doc: MakeDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save(store, make_doc(id="aaaa", title="Old"), ("b0:old",))

    def crash(*_args: object) -> None:
        raise RuntimeError("simulated crash after the document and band rows were written")

    monkeypatch.setattr(SqlStore, "_repoint", staticmethod(crash))
    with pytest.raises(RuntimeError):
        _save(store, make_doc(id="aaaa", title="New"), ("b0:new",))
    stored = store.get_document("aaaa")
    assert stored is not None and stored.title == "Old"
    assert store.near_duplicate_candidates(["b0:new"]) == []
    assert [c.doc_id for c in store.near_duplicate_candidates(["b0:old"])] == ["aaaa"]


def test_repoint_sets_groups_and_never_self(store: SqlStore, make_doc: MakeDoc) -> None:
    for doc_id in ("a1", "b2", "c3"):
        _save(store, make_doc(id=doc_id), (f"b0:{doc_id}", "b1:shared"))
    _save(store, make_doc(id="a1"), ("b0:a1", "b1:shared"), b2="a1", c3="a1")
    group = store.duplicate_group("a1")
    assert [(c.doc_id, c.duplicate_of) for c in group] == [("a1", None), ("b2", "a1"), ("c3", "a1")]
    _save(store, make_doc(id="c3"), ("b0:c3",), a1="c3", b2="c3", c3="c3")
    assert [(c.doc_id, c.duplicate_of) for c in store.duplicate_group("c3")] == [
        ("a1", "c3"),
        ("b2", "c3"),
        ("c3", None),
    ]
    self_pointing = make_doc(id="d4", duplicate_of="d4")
    _save(store, self_pointing)
    stored = store.get_document("d4")
    assert stored is not None and stored.duplicate_of is None


def test_candidates_share_a_band_and_skip_excluded(store: SqlStore, make_doc: MakeDoc) -> None:
    published = PublicationDate(
        value=dt.date(2020, 11, 4), precision=DatePrecision.DAY, provenance=DateProvenance.TEXT
    )
    _save(store, make_doc(id="x1", published=published), ("b0:k", "b1:k"))
    _save(store, make_doc(id="x2", published=PublicationDate.unknown()), ("b1:k", "b2:z"))
    _save(store, make_doc(id="x3"), ("b3:q",))
    found = store.near_duplicate_candidates(["b1:k", "b2:z"], exclude="x2")
    assert found == [
        DuplicateCandidate(
            doc_id="x1", signature=SIG, published=dt.date(2020, 11, 4), duplicate_of=None
        )
    ]
    assert [c.doc_id for c in store.near_duplicate_candidates(["b1:k", "b2:z"])] == ["x1", "x2"]
    assert store.near_duplicate_candidates([]) == []
    # re-saving replaces the band rows rather than adding to them
    _save(store, make_doc(id="x1", published=published), ("b9:n",))
    assert [c.doc_id for c in store.near_duplicate_candidates(["b0:k", "b1:k"])] == ["x2"]


def test_changed_fields_replace_old_ones(store: SqlStore, make_doc: MakeDoc) -> None:
    original = make_doc(outlet="First", url="https://a.example/1")
    _save(store, original)
    changed = dataclasses.replace(original, outlet=None, url=None, language="fr")
    _save(store, changed)
    stored = store.get_document(original.id)
    assert stored is not None
    assert (stored.outlet, stored.url, stored.language) == (None, None, "fr")

"""Extraction's scheduling over worker processes: order, reprints, chunks ahead, and a lost worker."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from tests.conftest import seed_file

from conflictwatch import pipeline
from conflictwatch.extract.mentions import Extraction
from conflictwatch.model import ItemError
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import SqlStore, open_store


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as opened:
        yield opened


def stories(tmp_path: Path, count: int) -> list[str]:
    """`count` distinct short stories, each with one killing in it."""
    paths = []
    for i in range(count):
        path = tmp_path / f"story{i:02d}.txt"
        path.write_text(
            f"Gunmen killed {i + 2} villagers in Town{i} on Monday, police said. "
            f"The attack on Town{i} was the {i + 1}th this year.",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


def test_chunks_come_back_in_document_order(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "EXTRACT_CHUNK", 2)  # several chunks queued ahead per worker
    ingest(stories(tmp_path, 11), store=store)
    wanted = store.documents_to_extract()
    report = extract_stored(store, doc_ids=wanted, jobs=2)
    assert [item.doc_id for item in report.extracted] == wanted
    assert not report.errors
    assert all(item.mentions >= 1 for item in report.extracted)


def test_reprints_keep_their_place_and_get_no_work(
    store: SqlStore, seeds_dir: Path, tmp_path: Path
) -> None:
    original = seed_file(seeds_dir, "004").read_text(encoding="utf-8")
    reprint = tmp_path / "reprint.txt"
    reprint.write_text(original + "\n\nThis story first ran in a partner outlet.", encoding="utf-8")
    stored = ingest(
        [str(seed_file(seeds_dir, "004")), *stories(tmp_path, 3), str(reprint)], store=store
    ).stored
    assert sum(1 for item in stored if item.duplicate_of) == 1
    wanted = [item.doc_id for item in stored]
    report = extract_stored(store, doc_ids=wanted, jobs=2)
    assert [item.doc_id for item in report.extracted] == wanted
    reprints = [item for item in report.extracted if item.skipped]
    assert len(reprints) == 1 and (reprints[0].skipped or "").startswith("reprint of")
    assert reprints[0].mentions == 0
    assert sum(1 for item in report.extracted if item.mentions) == 4


def test_a_chunk_whose_worker_died_is_extracted_here(store: SqlStore, tmp_path: Path) -> None:
    ingest(stories(tmp_path, 3), store=store)
    docs = [store.get_document(doc_id) for doc_id in store.documents_to_extract()]
    lost: Future[list[Extraction | ItemError]] = Future()
    lost.set_exception(RuntimeError("worker killed"))
    results = list(pipeline._collect([d for d in docs if d is not None], lost))
    assert [doc.id for doc, _ in results] == [d.id for d in docs if d is not None]
    for _, extraction in results:
        assert isinstance(extraction, Extraction)
        assert any(m.type == "ASSAULT" for m in extraction.mentions)


def test_a_failed_hand_over_is_extracted_here(store: SqlStore, tmp_path: Path) -> None:
    ingest(stories(tmp_path, 2), store=store)
    docs = [d for d in map(store.get_document, store.documents_to_extract()) if d is not None]
    results = list(pipeline._collect(docs, None))
    assert len(results) == 2
    assert all(isinstance(found, Extraction) for _, found in results)


def test_the_warm_up_loads_the_language_identifier_before_the_workers_fork() -> None:
    from conflictwatch.analyze.language import _identifier, detect_language
    from conflictwatch.pipeline import _LANGUAGE_SAMPLE, _warm_up

    assert detect_language(_LANGUAGE_SAMPLE).language == "en"  # long enough to be judged
    _identifier.cache_clear()
    _warm_up()
    assert _identifier.cache_info().currsize == 1

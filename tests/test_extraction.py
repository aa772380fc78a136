"""Extraction over stored documents: reprints, non-English text, bad input, and the seed events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import seed_file

from conflictwatch.model import CasualtyKind, Overrides
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import SqlStore, open_store


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as opened:
        yield opened


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_non_english_article_is_skipped_with_a_reason(store: SqlStore, tmp_path: Path) -> None:
    text = (
        "Армения и Азербайджан во вторник обменялись обвинениями после столкновений на границе, "
        "в результате которых погибли десятки военнослужащих с обеих сторон. Министерство обороны "
        "заявило, что противник применил артиллерию и беспилотники."
    )
    ingest([write(tmp_path, "ru.txt", text)], store=store)
    report = extract_stored(store)
    (item,) = report.extracted
    assert item.mentions == 0
    assert item.skipped is not None and "not English" in item.skipped and "ru" in item.skipped
    assert store.list_mentions() == []


def test_tables_and_name_lists_invent_no_casualties(store: SqlStore, tmp_path: Path) -> None:
    table = "\n".join(f"{i} {i * 7} {i * 13} killed wounded {i * 3}" for i in range(1, 200))
    names = "Killed: " + ", ".join(f"Name{i} Surname{i}" for i in range(300))
    headline = "Clashes on the border"
    for name, text in (("table.txt", table), ("names.txt", names), ("headline.txt", headline)):
        ingest([write(tmp_path, name, text)], store=store)
    report = extract_stored(store)
    assert not report.errors
    figures = [c for m in store.list_mentions() for c in m.casualties]
    assert all((c.min or 0) < 1000 for c in figures)


def test_reprint_gets_no_mentions_of_its_own(
    store: SqlStore, seeds_dir: Path, tmp_path: Path
) -> None:
    original = seed_file(seeds_dir, "004").read_text(encoding="utf-8")
    ingest([write(tmp_path, "a.txt", original)], store=store)
    (first,) = extract_stored(store).extracted
    assert first.mentions > 0
    # An earlier copy of the same story arrives: it becomes the canonical one, and the first copy's
    # mentions must go rather than count twice.
    copy = original + "\n\nThis story was first published by a partner outlet in Yerevan."
    ingest(
        [write(tmp_path, "b.txt", copy)],
        store=store,
        overrides=Overrides(published=dt.date(2021, 11, 15)),
    )
    report = extract_stored(store)
    by_doc = {item.doc_id: item for item in report.extracted}
    assert by_doc[first.doc_id].mentions == 0
    assert (
        by_doc[first.doc_id].skipped == f"reprint of {next(d for d in by_doc if d != first.doc_id)}"
    )
    assert {m.doc_id for m in store.list_mentions()} == set(by_doc) - {first.doc_id}


def test_seed_casualties_and_claimants(store: SqlStore, seeds_dir: Path) -> None:
    ingest(
        [str(seed_file(seeds_dir, "001"))],
        store=store,
        overrides=Overrides(published=dt.date(2022, 9, 13)),
    )
    extract_stored(store)
    mentions = store.list_mentions()
    killed = [
        (c.min, c.max, m.claimant.country if m.claimant else None)
        for m in mentions
        for c in m.casualties
        if c.kind is CasualtyKind.KILLED
    ]
    assert (49, None, "ARM") in killed
    for m in mentions:
        assert m.evidence.text in store.get_document(m.doc_id).text


def test_worker_processes_give_the_same_mentions(seeds_dir: Path, tmp_path: Path) -> None:
    found = []
    for jobs in (1, 2):
        with open_store(f"sqlite:///{tmp_path / f'jobs{jobs}.db'}") as store:
            ingest([str(seed_file(seeds_dir, n)) for n in ("000", "002", "004")], store=store)
            report = extract_stored(store, jobs=jobs)
            assert not report.errors and len(report.extracted) == 3
            found.append(store.list_mentions())
    assert found[0] == found[1] and found[0]

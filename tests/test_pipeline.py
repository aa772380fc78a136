"""End to end: raw seed articles → stored documents, as SEEDS-EXPECTED.md's document table reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import seed_file

from conflictwatch.model import DatePrecision, DateProvenance, Document, Overrides, PublicationDate
from conflictwatch.pipeline import Outcome, document_id, ingest, merge_reingested
from conflictwatch.store import SqlStore, open_store

# SEEDS-EXPECTED.md, document level: publication date and how it is known.
EXPECTED_DATES = {
    "000": (dt.date(2020, 7, 20), {DateProvenance.INFERRED, DateProvenance.TEXT}),
    "001": (None, {DateProvenance.UNKNOWN}),
    "002": (dt.date(2020, 10, 3), {DateProvenance.TEXT}),
    "003": (dt.date(2020, 11, 4), {DateProvenance.TEXT}),
    "004": (dt.date(2021, 11, 16), {DateProvenance.INFERRED, DateProvenance.TEXT}),
}
# SEEDS-EXPECTED.md, "furniture to drop" column.
FURNITURE = {
    "000": ["Facebook Forum"],
    "001": [
        "[author_name]",
        "Post a Comment",
        "Previous Post Next Post",
        "AFP contributed reporting",
    ],
    "002": ["Please enter your comment!", "Please enter your name here", "Windowofworld.com"],
    "003": [
        "Career Network",
        "rfe/rl banner",
        "Source: for-cease-fire",
        "Copyright (c) 2020",
        "Reprinted with the permission",
        "Join the mailing list",
        "With reporting by",  # a credit, like 001's "AFP contributed reporting."
    ],
    "004": [
        "Russian peacekeepers earlier this year",
        "607",
        "Get the Mirror in your inbox:",
        "Get the Mirror-Spectator Weekly in your inbox:",
    ],
}
ORIGINAL_SOURCES = {
    "000": "RFE/RL",
    "001": "AFP",
    "002": "Al Jazeera",
    "003": "RFE/RL",
    "004": "RFE/RL",
}


@pytest.fixture()
def store(tmp_path: Path) -> SqlStore:
    opened = open_store(str(tmp_path / "cw.db"))
    yield opened
    opened.close()


@pytest.fixture()
def seeded(store: SqlStore, seeds_dir: Path) -> dict[str, Document]:
    report = ingest([str(seeds_dir)], store=store)
    assert report.errors == ()
    by_seed: dict[str, Document] = {}
    for stored in report.stored:
        doc = store.get_document(stored.doc_id)
        assert doc is not None
        by_seed[Path(stored.origin).name[:3]] = doc
    return by_seed


def story_sentences(raw: str, furniture: list[str]) -> list[str]:
    """Lines of the raw file long enough to be story, leaving out furniture and later repeats.

    A paragraph repeated with small edits counts once: only the first of the lines that open with the
    same eight words is expected.
    """
    lines = [line.strip() for line in raw.splitlines() if len(line.split()) >= 8]
    first_by_opening = {}
    for line in lines:
        first_by_opening.setdefault(" ".join(line.split()[:8]), line)
    story = first_by_opening.values()
    return [line for line in story if not any(f in line for f in furniture)]


def test_pipeline_seeds_publication_dates(seeded: dict[str, Document]) -> None:
    for seed, (date, provenances) in EXPECTED_DATES.items():
        published = seeded[seed].published
        assert published.value == date, seed
        assert published.provenance in provenances, seed


def test_pipeline_seed_001_takes_a_given_date(store: SqlStore, seeds_dir: Path) -> None:
    path = seed_file(seeds_dir, "001")
    report = ingest([str(path)], store=store, overrides=Overrides(published=dt.date(2022, 9, 13)))
    doc = store.get_document(report.stored[0].doc_id)
    assert doc is not None
    assert doc.published.value == dt.date(2022, 9, 13)
    assert doc.published.provenance is DateProvenance.GIVEN


def test_pipeline_seeds_furniture_gone_and_story_kept(
    seeded: dict[str, Document], seeds_dir: Path
) -> None:
    for seed, furniture in FURNITURE.items():
        doc = seeded[seed]
        for piece in furniture:
            assert piece not in doc.text, (seed, piece)
        raw = seed_file(seeds_dir, seed).read_text(encoding="utf-8")
        for sentence in story_sentences(raw, furniture):
            if sentence == doc.title:  # a headline is the title, not a story paragraph
                continue
            # The site-name prefix glued to 002's first sentence is dropped, the sentence kept.
            assert sentence.removeprefix("Windowofworld.com") in doc.text, (seed, sentence)


def test_pipeline_seed_004_repeated_paragraphs_count_once(seeded: dict[str, Document]) -> None:
    text = seeded["004"].text
    assert text.count("The latest flare-up of tensions between Armenia and Azerbaijan comes") == 1
    assert text.count("co-chairs of the") == 1


def test_pipeline_seed_002_title_once(seeded: dict[str, Document]) -> None:
    doc = seeded["002"]
    assert doc.title == "Nagorno-Karabakh War, Armenia Ready for Armistice"
    assert doc.text.count("Armenia Ready for Armistice") <= 1


def test_pipeline_seeds_original_sources(seeded: dict[str, Document]) -> None:
    for seed, source in ORIGINAL_SOURCES.items():
        assert seeded[seed].original_source == source, seed
    assert seeded["002"].outlet == "Windowofworld.com"


def test_pipeline_offsets_map_clean_text_back_to_source(seeded: dict[str, Document]) -> None:
    for doc in seeded.values():
        for seg in doc.segments:
            piece = doc.text[seg.clean_start : seg.clean_start + seg.length]
            assert piece == doc.source_text[seg.source_start : seg.source_start + seg.length]
        for piece in doc.furniture:
            assert doc.source_text[piece.start : piece.end] == piece.text


def test_pipeline_raw_bytes_kept_content_addressed(
    seeded: dict[str, Document], store: SqlStore, seeds_dir: Path
) -> None:
    raw = seed_file(seeds_dir, "003").read_bytes()
    assert store.get_blob(seeded["003"].raw_sha256) == raw


def test_pipeline_reingest_changes_nothing(
    seeded: dict[str, Document], store: SqlStore, seeds_dir: Path
) -> None:
    before = [d.as_dict() for d in store.list_documents()]
    report = ingest([str(seeds_dir)], store=store)
    assert {s.outcome for s in report.stored} == {Outcome.UNCHANGED}
    assert [d.as_dict() for d in store.list_documents()] == before


def test_pipeline_reprint_is_a_near_duplicate_of_the_earliest(
    store: SqlStore, seeds_dir: Path, tmp_path: Path
) -> None:
    original = seed_file(seeds_dir, "003").read_text(encoding="utf-8")
    story = original.split("\n\n", 4)[-1]
    reprint = "Breaking: a reprint\n\n" + story.replace(
        "Six weeks into", "Six weeks after the start of"
    )
    (tmp_path / "later.jsonl").write_text(
        json.dumps({"text": reprint, "published": "2020-11-06", "source": "Reprints Daily"}) + "\n"
    )
    ingest([str(tmp_path / "later.jsonl")], store=store)
    ingest([str(seed_file(seeds_dir, "003"))], store=store)
    docs = {d.outlet: d for d in store.list_documents()}
    canonical = next(d for d in docs.values() if d.duplicate_of is None)
    assert canonical.published.value == dt.date(2020, 11, 4)
    assert docs["Reprints Daily"].duplicate_of == canonical.id


def test_pipeline_bad_items_reported_and_run_goes_on(
    store: SqlStore, seeds_dir: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"  # apart from the database file in tmp_path
    inputs.mkdir()
    shutil.copy(seed_file(seeds_dir, "000"), inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "records.jsonl").write_text('{"text": "unterminated\n')
    report = ingest([str(inputs), str(inputs / "missing.txt")], store=store)
    assert len(report.stored) == 1
    codes = sorted(e.code for e in report.errors)
    assert codes == ["E001", "E002", "E003", "E006"]
    assert len(store.list_item_errors()) == 4


def test_pipeline_interrupted_run_resumes_without_duplicates_or_gaps(
    store: SqlStore, seeds_dir: Path
) -> None:
    class Stop(Exception):
        pass

    seen: list[object] = []

    def stop_after_two(result: object) -> None:
        seen.append(result)
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        ingest([str(seeds_dir)], store=store, on_item=stop_after_two)
    assert store.count_documents() == 2
    report = ingest([str(seeds_dir)], store=store)
    assert [s.outcome for s in report.stored].count(Outcome.UNCHANGED) == 2
    assert store.count_documents() == 5


def test_pipeline_document_id_ignores_whitespace_and_case() -> None:
    assert document_id("Clashes  erupted\non Tuesday.") == document_id(
        "clashes erupted on Tuesday."
    )
    assert document_id("Clashes erupted on Tuesday.") != document_id("Clashes erupted on Monday.")


def test_pipeline_merge_reingested_prefers_stronger_date(seeded: dict[str, Document]) -> None:
    stored = seeded["001"]
    given = PublicationDate(
        value=dt.date(2022, 9, 13),
        precision=DatePrecision.DAY,
        provenance=DateProvenance.GIVEN,
    )
    merged = merge_reingested(stored, dataclasses.replace(stored, published=given, outlet=None))
    assert merged.published == given
    assert merged.outlet == stored.outlet
    assert merge_reingested(merged, stored) == merged

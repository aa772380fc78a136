"""A store filled from two seed articles (extracted and linked), built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import seed_file

from conflictwatch.link import link_documents
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import open_store


@pytest.fixture(scope="session")
def seeded_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Seeds 003 and 000 through the whole pipeline; tests must not write to it."""
    db = str(tmp_path_factory.mktemp("web") / "store.db")
    with open_store(db) as store:
        ingest([str(seed_file(seeds_dir, "003")), str(seed_file(seeds_dir, "000"))], store=store)
        report = extract_stored(store)
        link_documents(store, [item.doc_id for item in report.extracted])
    return db

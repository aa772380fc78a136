"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when one is configured."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from conflictwatch.model import (
    DatePrecision,
    DateProvenance,
    Document,
    MediaType,
    PublicationDate,
    Segment,
)
from conflictwatch.store import SqlStore, open_store, resolve_db_url

PG_ENV = "CONFLICTWATCH_TEST_PG_URL"

MakeDoc = Callable[..., Document]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a fresh schema in the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"set {PG_ENV} (see scripts/test-postgres.sh) to run PostgreSQL tests")
    yield from _pg_schema_url(resolve_db_url(base))


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = f"cw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[SqlStore]:
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def make_doc() -> MakeDoc:
    """Build a Document with every field filled; keyword arguments override fields."""

    def build(**overrides: Any) -> Document:
        fields: dict[str, Any] = {
            "id": "d" * 64,
            "raw_sha256": "0" * 64,
            "origin": "inbox/story.txt",
            "media_type": MediaType.TEXT,
            "url": None,
            "title": "A title",
            "author": None,
            "outlet": None,
            "original_source": None,
            "credit_evidence": None,
            "published": PublicationDate(
                value=dt.date(2021, 11, 16),
                precision=DatePrecision.DAY,
                provenance=DateProvenance.TEXT,
            ),
            "language": "en",
            "text": "Body text.",
            "source_text": "Body text.",
            "segments": (Segment(clean_start=0, source_start=0, length=10),),
            "paragraphs": ((0, 10),),
            "furniture": (),
        }
        fields.update(overrides)
        return Document(**fields)

    return build

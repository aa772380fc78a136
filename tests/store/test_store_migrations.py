"""Opening a store: migration to head, no-op reopen, refusal of newer schemas, SQLite settings."""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from conflictwatch.errors import Code, StoreError
from conflictwatch.store import open_store
from conflictwatch.store.migrate import current_revisions, head_revision
from conflictwatch.store.migrations.env_filters import (
    include_in_comparison,
    include_object_in_comparison,
)
from conflictwatch.store.schema import is_search_table, metadata
from conflictwatch.store.urls import resolve_db_url

from .conftest import MakeDoc

TABLES = {
    "actors",
    "alembic_version",
    "changes",
    "incident_refs",
    "mention_refs",
    "places",
    "record_days",
    "blobs",
    "doc_bands",
    "documents",
    "episodes",
    "extractions",
    "incidents",
    "item_errors",
    "link_blocks",
    "link_frames",
    "mentions",
}


def _revisions(url: str) -> tuple[str, ...]:
    engine = create_engine(resolve_db_url(url))
    try:
        with engine.connect() as connection:
            return current_revisions(connection)
    finally:
        engine.dispose()


def test_fresh_database_is_migrated_to_head(db_url: str) -> None:
    assert _revisions(db_url) == ()
    with open_store(db_url) as store:
        assert store.count_documents() == 0
    assert _revisions(db_url) == (head_revision(),) == ("0007",)
    engine = create_engine(resolve_db_url(db_url))
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            assert {name for name in names if not is_search_table(name)} == TABLES
            assert "search_index" in names  # built by the migration, per backend
            # the migrations build exactly the tables the code declares
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_name": include_in_comparison,
                    "include_object": include_object_in_comparison,
                },
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_reopen_is_a_noop_and_keeps_data(db_url: str) -> None:
    with open_store(db_url) as store:
        sha = store.put_blob(b"kept", media_type="text/plain")
    with open_store(db_url) as store:
        assert store.get_blob(sha) == b"kept"
    assert _revisions(db_url) == ("0007",)


def test_newer_schema_is_refused(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(resolve_db_url(db_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        open_store(db_url)
    assert caught.value.code is Code.DB_SCHEMA
    assert "0099_from_the_future" in caught.value.message
    assert "newer" in caught.value.message and "upgrade conflictwatch" in caught.value.message
    assert _revisions(db_url) == ("0099_from_the_future",)  # left untouched


def test_sqlite_file_uses_wal_and_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with open_store(str(path)) as store:
        with store._engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
        assert pragma == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 10000,
            "synchronous": 1,  # NORMAL
        }
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # persists in the file
    finally:
        raw.close()


def test_in_memory_sqlite_keeps_its_tables(tmp_path: Path) -> None:
    with open_store("sqlite://") as store:
        assert store.count_documents() == 0
        sha = store.put_blob(b"x", media_type="text/plain")
        assert store.get_blob(sha) == b"x"


def test_unopenable_databases_raise_db_open(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as missing_dir:
        open_store(str(tmp_path / "no" / "such" / "dir.db"))
    assert missing_dir.value.code is Code.DB_OPEN
    assert "dir.db" in missing_dir.value.message
    with pytest.raises(StoreError) as unsupported:
        open_store("mysql://user:secret@localhost/db")
    assert unsupported.value.code is Code.DB_OPEN
    assert "secret" not in unsupported.value.message
    not_a_db = tmp_path / "text.db"
    not_a_db.write_text("this is not a database file, just text " * 100)
    with pytest.raises(StoreError) as garbage:
        open_store(str(not_a_db))
    assert garbage.value.code is Code.DB_OPEN


def test_concurrent_openers_and_writers_share_one_sqlite_file(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")

    def open_and_write(worker: int) -> int:
        with open_store(path) as store:
            for n in range(20):
                store.put_blob(f"{worker}-{n}".encode(), media_type="text/plain")
            return store.count_documents()

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_write, range(4))) == [0, 0, 0, 0]
    with open_store(path) as store:
        assert all(
            store.get_blob(_sha(f"{w}-{n}")) is not None for w in range(4) for n in range(20)
        )
    assert _revisions(path) == ("0007",)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_0004_backfills_what_the_api_needs_from_older_rows(db_url: str, make_doc: MakeDoc) -> None:
    """Rows written, the schema taken back to 0003 and forward again: the API's columns, refs,
    counts and search index are rebuilt from the stored records."""
    from alembic import command
    from sqlalchemy import text as sql

    from conflictwatch.store import listings
    from conflictwatch.store.engine import WRITE_OPTION
    from conflictwatch.store.listings import Filters
    from conflictwatch.store.migrate import alembic_config

    from .test_store_mentions import make_mention, record

    with open_store(db_url) as store:
        doc = make_doc(id="c" * 16, title="Shelling of Vardenis")
        store.save_document(doc, signature=b"\x00" * 16, bands=[], repoint={})
        store.save_extraction(record(doc.id, 2), [make_mention(doc.id, 0), make_mention(doc.id, 9)])
        before = listings.mention_page(store, Filters(), after=None, limit=10).parsed()
        actors = listings.actor_page(store, country=None, updated_since=None, after=None, limit=9)
    engine = create_engine(resolve_db_url(db_url))
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
        with connection.begin():
            command.downgrade(alembic_config(connection), "0003")
        assert "mention_refs" not in inspect(connection).get_table_names()
        assert connection.execute(sql("SELECT count(*) FROM mentions")).scalar() == 2
    engine.dispose()
    with open_store(db_url) as store:
        after = listings.mention_page(store, Filters(), after=None, limit=10).parsed()
        assert [m["id"] for m in after] == [m["id"] for m in before]
        placed = listings.mention_page(store, Filters(place="gn:616108"), after=None, limit=10)
        assert len(placed.items) == 2
        again = listings.actor_page(store, country=None, updated_since=None, after=None, limit=9)
        counts = {a["id"]: a["mentions"] for a in again.parsed()}
        assert (
            counts
            == {a["id"]: a["mentions"] for a in actors.parsed()}
            == {
                "ARM.MOD": 2,
                "AZE.MIL": 2,
            }
        )
        assert [h.id for h in store.search_text("vardenis")] == [doc.id]

"""The store's revision token moves with every commit, from this connection pool or another."""

from __future__ import annotations

from conflictwatch.store import open_store
from conflictwatch.store.revision import StoreRevision


def test_revision_moves_when_another_connection_commits(db_url: str) -> None:
    # SQLite: the file's data_version; PostgreSQL: the write-ahead-log position.
    with open_store(db_url) as reader, open_store(db_url) as writer:
        revision = StoreRevision(reader)
        first = revision.current()
        assert first is not None
        assert revision.current() == first  # reading changes nothing
        writer.put_blob(b"one", media_type="text/plain")
        second = revision.current()
        assert second is not None and second != first
        reader.put_blob(b"two", media_type="text/plain")  # the reader's own pool counts too
        assert revision.current() not in (first, second)
        revision.close()


def test_in_memory_store_has_no_revision() -> None:
    with open_store("sqlite://") as store:
        assert StoreRevision(store).current() is None

"""The store's revision token moves with every commit, from this connection pool or another."""

from __future__ import annotations

from conflictwatch.store import open_store
from conflictwatch.store.revision import StoreRevision


def _settled(revision: StoreRevision, attempts: int = 5) -> str | None:
    """The token once two reads in a row agree; None if they never do. PostgreSQL's log position
    can move without any commit of ours (background writes on the server: a needless cache miss,
    which the module allows), so one pair of reads may differ; reads that always moved it would
    make every cached answer useless, and that is what this catches."""
    previous = revision.current()
    for _ in range(attempts):
        token = revision.current()
        if token is not None and token == previous:
            return token
        previous = token
    return None


def test_revision_moves_when_another_connection_commits(db_url: str) -> None:
    # SQLite: the file's data_version; PostgreSQL: the write-ahead-log position.
    with open_store(db_url) as reader, open_store(db_url) as writer:
        revision = StoreRevision(reader)
        first = _settled(revision)
        assert first is not None  # reading alone leaves the token still
        writer.put_blob(b"one", media_type="text/plain")
        second = revision.current()
        assert second is not None and second != first
        reader.put_blob(b"two", media_type="text/plain")  # the reader's own pool counts too
        assert revision.current() not in (first, second)
        revision.close()


def test_in_memory_store_has_no_revision() -> None:
    with open_store("sqlite://") as store:
        assert StoreRevision(store).current() is None

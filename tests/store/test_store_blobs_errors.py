"""Content-addressed blobs and recorded item errors."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from conflictwatch.model import ItemError
from conflictwatch.store import SqlStore
from conflictwatch.store.schema import blobs


def _blob_rows(store: SqlStore) -> int:
    with store._engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(blobs)) or 0)


def test_blobs_are_content_addressed_and_idempotent(store: SqlStore) -> None:
    data = "Ереван\x00raw bytes ə".encode() + bytes(range(256))
    first = store.put_blob(data, media_type="text/html")
    second = store.put_blob(data, media_type="text/html")
    assert first == second == hashlib.sha256(data).hexdigest()
    assert _blob_rows(store) == 1
    assert store.get_blob(first) == data
    assert store.get_blob(first.upper()) == data
    assert store.get_blob("0" * 64) is None
    empty = store.put_blob(b"", media_type="text/plain")
    assert store.get_blob(empty) == b""
    assert _blob_rows(store) == 2


def test_item_errors_newest_kept_in_recorded_order(store: SqlStore) -> None:
    errors = [
        ItemError(origin=f"in/{n}.html", code="E002", message=f"empty «{n}»") for n in range(5)
    ]
    for error in errors:
        store.record_item_error(error)
    assert store.list_item_errors() == errors
    assert store.list_item_errors(limit=2) == errors[3:]

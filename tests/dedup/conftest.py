"""Dedup fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conflictwatch.store import SqlStore, open_store


@pytest.fixture
def new_store(tmp_path: Path) -> Iterator[Callable[[], SqlStore]]:
    """Opens a fresh SQLite store at each call; all are closed after the test."""
    opened: list[SqlStore] = []

    def make() -> SqlStore:
        opened.append(open_store(str(tmp_path / f"dedup{len(opened)}.db")))
        return opened[-1]

    yield make
    for store in opened:
        store.close()

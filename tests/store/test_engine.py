"""SQLite connections: WAL mode even when the file is busy as they open."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from conflictwatch.store import engine


def test_a_connection_opened_while_another_holds_the_file_still_gets_wal(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # a fresh file in rollback mode, held as a migration would
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    late = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    started = time.monotonic()
    engine._use_wal(late.cursor())
    assert late.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert time.monotonic() - started >= 0.25  # it waited for the holder rather than failing
    late.close()
    holder.close()


def test_other_errors_are_not_retried() -> None:
    class Broken:
        def execute(self, sql: str) -> Broken:
            raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        engine._use_wal(Broken())

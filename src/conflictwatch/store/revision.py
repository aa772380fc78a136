"""A cheap token that changes whenever the store's contents may have changed.

Readers that keep answers (the API's response cache) key them by this token, so an answer is never
served after a write, whichever process wrote. On SQLite it is the `data_version` of one
connection held for the purpose, which SQLite changes whenever any other connection (in this
process or another) commits; asking costs a few microseconds and no transaction. On PostgreSQL it
is the server's write-ahead-log position, which moves on every write (of any database on the
server: a needless miss now and then, never a stale answer). When neither can be read the token is
None, and callers must not reuse answers.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from .sqlstore import SqlStore


class StoreRevision:
    """`current()` names the store's state; it differs after any committed write."""

    def __init__(self, store: SqlStore) -> None:
        self._engine = store._engine
        self._lock = threading.Lock()
        self._connection: Any = None
        self._backend = self._engine.url.get_backend_name()
        database = self._engine.url.database or ""
        # An in-memory SQLite database is seen through one shared connection: its data_version
        # never moves for writes made through that same connection, so it gives no token.
        self._usable = self._backend == "postgresql" or (
            self._backend == "sqlite" and database not in ("", ":memory:")
        )

    def current(self) -> str | None:
        if not self._usable:
            return None
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._engine.raw_connection()
                cursor = self._connection.cursor()
                try:
                    if self._backend == "sqlite":
                        cursor.execute("PRAGMA data_version")
                    else:
                        cursor.execute("SELECT pg_current_wal_lsn()::text")
                    row = cursor.fetchone()
                finally:
                    cursor.close()
                if self._backend == "postgresql":
                    self._connection.rollback()  # end the statement's transaction
            except Exception:  # raw connections raise the driver's own errors: no token
                self._drop()
                return None
        return None if row is None else str(row[0])

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            # Already broken or not: nothing more can be done with it.
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

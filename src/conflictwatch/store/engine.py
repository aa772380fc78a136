"""SQLAlchemy engines for the supported backends, with SQLite tuned for a single-file store."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from .urls import is_sqlite, is_sqlite_memory

SUPPORTED_BACKENDS = ("sqlite", "postgresql")

#: Execution option marking a transaction that will write (SQLite then takes the lock up front).
WRITE_OPTION = "conflictwatch_write"

#: Bytes of the file SQLite reads through a memory map rather than read() calls (it caps this at
#: its compiled maximum, 2 GiB on the usual builds). A listing reads a page or two for each of its
#: rows, scattered over the file; mapped, each read is a memory access into the operating system's
#: page cache, shared by every connection and process, instead of a system call and a copy into
#: the connection's own small cache (a page of 100 mentions by place: 0.9 -> 0.5 ms of CPU).
MMAP_BYTES = 1 << 40

_SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=10000",  # wait for another process's write instead of failing at once
    "PRAGMA foreign_keys=ON",  # off by default in SQLite
    "PRAGMA synchronous=NORMAL",  # with WAL a power cut may lose the last commit, never corrupt
    f"PRAGMA mmap_size={MMAP_BYTES}",
)


def create_store_engine(url: str) -> Engine:
    """An engine for `url`; SQLite connections get the pragmas and explicit BEGINs."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    if is_sqlite_memory(url):
        # One connection for the whole engine: each new connection would see a new empty database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module would otherwise open transactions itself, only before INSERT/UPDATE/DELETE,
    # leaving DDL and reads outside them; the "begin" hook below starts them instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
        _use_wal(cursor)
    finally:
        cursor.close()


#: How long a new connection keeps trying to put a fresh file into WAL mode.
WAL_WAIT_S = 10.0


def _use_wal(cursor: Any) -> None:
    """Readers never block the writer in WAL mode, and the other way round.

    WAL is a property of the file: once one connection has set it, the others find it set and
    need no lock. Setting it needs the file to itself, and SQLite does not wait for that (the
    busy timeout does not apply), so connections opening a fresh file together retry briefly
    instead of failing with "database is locked".
    """
    deadline = time.monotonic() + WAL_WAIT_S
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _on_sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue (busy_timeout) instead of one
    # failing when it upgrades a read lock that the other's commit has made stale.
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

"""Alembic environment: runs the packaged revisions on the connection conflictwatch passes in.

`conflictwatch.store.open_store` calls this with `config.attributes["connection"]` set, inside its
own transaction. Run by hand (`alembic -c .../migrations/alembic.ini upgrade head`), it opens the
database named by $CONFLICTWATCH_DB (or ./conflictwatch.db) instead. Offline (SQL script) mode is
not supported.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from conflictwatch.store.engine import WRITE_OPTION, create_store_engine
from conflictwatch.store.migrations.env_filters import (
    include_in_comparison,
    include_object_in_comparison,
)
from conflictwatch.store.schema import metadata
from conflictwatch.store.urls import resolve_db_url


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_in_comparison,
        include_object=include_object_in_comparison,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_standalone() -> None:
    engine = create_store_engine(resolve_db_url(None))
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("conflictwatch migrations run online only (drop --sql)")

given = context.config.attributes.get("connection")
if given is None:
    run_standalone()
else:
    run_on(given)

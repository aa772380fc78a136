"""Bring a database to the schema this code expects, with the Alembic revisions in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from ..errors import Code, StoreError
from .engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")

# Any fixed number: PostgreSQL advisory lock held while migrating, so that two processes opening
# a fresh database one after the other do not both try to create the tables.
_PG_MIGRATION_LOCK = 0x636F6E666C6963


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged revisions; env.py runs them on `connection`."""
    config = Config()
    # ConfigParser would read "%" in the path as interpolation.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one revision"
    return head


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions recorded in the database (empty for a fresh one)."""
    return tuple(MigrationContext.configure(connection).get_current_heads())


def migrate_to_head(engine: Engine, shown_url: str) -> None:
    """Upgrade to the newest revision in one transaction; refuse a schema newer than this code."""
    writer = engine.connect().execution_options(**{WRITE_OPTION: True})
    with writer as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        config = alembic_config(connection)
        _refuse_unknown_revisions(connection, ScriptDirectory.from_config(config), shown_url)
        command.upgrade(config, "head")


def _refuse_unknown_revisions(
    connection: Connection, scripts: ScriptDirectory, shown_url: str
) -> None:
    known = {script.revision for script in scripts.walk_revisions()}
    unknown = [rev for rev in current_revisions(connection) if rev not in known]
    if unknown:
        raise StoreError(
            Code.DB_SCHEMA,
            f"database {shown_url} has schema revision {', '.join(unknown)}, newer than this "
            f"conflictwatch knows (its newest is {scripts.get_current_head()}): "
            "upgrade conflictwatch, or use another database",
        )

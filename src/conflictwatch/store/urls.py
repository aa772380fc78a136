"""Where the database lives: a path or a URL, from the argument, the environment or a default."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from .. import settings

# psycopg 3 is the only PostgreSQL driver installed, while SQLAlchemy's bare "postgresql://" means
# psycopg2 (and "postgres://", common in hosting settings, means nothing to SQLAlchemy at all).
_PG_PLAIN_SCHEMES = ("postgresql://", "postgres://")
_PG_PSYCOPG = "postgresql+psycopg://"


def resolve_db_url(db: str | None) -> str:
    """A SQLAlchemy URL for `db`; None falls back to the `db` setting (environment, then default)."""
    chosen = db or settings.load().db
    for scheme in _PG_PLAIN_SCHEMES:
        if chosen.startswith(scheme):
            return _PG_PSYCOPG + chosen[len(scheme) :]
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def display_url(url: str) -> str:
    """The URL with any password masked, safe for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def is_sqlite_memory(url: str) -> bool:
    """True for "sqlite://" and ":memory:" URLs, which need one shared connection to stay alive."""
    parsed = make_url(url)
    return is_sqlite(url) and parsed.database in (None, "", ":memory:")

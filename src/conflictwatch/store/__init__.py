"""Storage: documents, raw blobs, near-duplicate band rows and item errors in SQLite or PostgreSQL.

SQLAlchemy Core with Alembic migrations shipped in the package; `open_store` migrates to the newest
schema on open and refuses a database written by a newer conflictwatch.
"""

from __future__ import annotations

from .records import DuplicateCandidate
from .sqlstore import MIN_PREFIX, SqlStore, open_store
from .urls import resolve_db_url

__all__ = ["MIN_PREFIX", "DuplicateCandidate", "SqlStore", "open_store", "resolve_db_url"]

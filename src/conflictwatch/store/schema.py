"""Tables of the store, as SQLAlchemy Core metadata.

This is the schema the code reads and writes; the Alembic revisions in `migrations/versions` build
it step by step in a database (tests check that the two agree).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so later migrations can address them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored in UTC and read back timezone-aware on every backend.

    SQLite has no timezone-aware type: without this, an aware datetime would come back naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        utc = aware.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


documents = Table(
    "documents",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("raw_sha256", String(64), nullable=False),
    Column("origin", Text, nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("original_source", Text),
    Column("credit_evidence", Text),
    Column("published", Date),
    Column("published_precision", String(16), nullable=False),
    Column("published_provenance", String(16), nullable=False),
    Column("published_evidence", Text, nullable=False),
    Column("published_earliest", Date),
    Column("published_latest", Date),
    Column("language", String(35)),
    Column("text", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("segments", Text, nullable=False),  # JSON: [[clean_start, source_start, length], ...]
    Column("paragraphs", Text, nullable=False),  # JSON: [[start, end], ...]
    Column("furniture", Text, nullable=False),  # JSON: [[start, end, reason, text], ...]
    Column("duplicate_of", String(128), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("minhash", LargeBinary, nullable=False),
    Column("ingested_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "duplicate_of"),
    Index(None, "published"),
)

# The persistent LSH index: one row per (band, document). datasketch's MinHashLSH keeps its buckets
# in memory (or in Redis/Cassandra), which would have to be rebuilt on every run and grows with the
# corpus; rows here are written incrementally with the document, in the same transaction, and a
# lookup touches only the few rows that share a band key, so memory stays flat as the corpus grows.
doc_bands = Table(
    "doc_bands",
    metadata,
    Column("doc_id", String(128), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("band_key", String(64), primary_key=True),
    Index(None, "band_key"),
)

# Raw input bytes, addressed by their SHA-256 so a re-ingest never stores a second copy.
blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("stored_at", UtcDateTime, nullable=False),
)

item_errors = Table(
    "item_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
)

# One row per document whose text has been through extraction, so re-runs skip it and a skipped
# document (non-English) says why.
extractions = Table(
    "extractions",
    metadata,
    Column("doc_id", String(128), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(35), nullable=False),
    Column("skipped", Text),
    Column("sentences", Integer, nullable=False),
    Column("parsed", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("extracted_at", UtcDateTime, nullable=False),
)

# Event mentions: the fields filtered on are columns; the whole record is JSON (Mention.as_dict()).
mentions = Table(
    "mentions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(128), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("background", Boolean, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Index(None, "doc_id"),
    Index(None, "type"),
    Index(None, "start_date"),
)

# -- linking (issue 5): frames, incidents, episodes ------------------------------------------------

# What one document says about one event (its mentions and roles, as JSON), and the incident its
# links put it in (None: accusations, background or ceasefire talk that make no incident).
link_frames = Table(
    "link_frames",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(128), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("incident_id", String(64)),
    Column("data", Text, nullable=False),
    Index(None, "doc_id"),
    Index(None, "incident_id"),
    Index(None, "kind"),
)

# Blocking keys (ISO week, week and country) under which a frame's linking candidates are found.
link_blocks = Table(
    "link_blocks",
    metadata,
    Column(
        "frame_id", String(64), ForeignKey("link_frames.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("block_key", String(32), primary_key=True),
    Index(None, "block_key"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("episode_id", String(64)),
    Column("countries", Text, nullable=False),  # space-separated ISO3 codes, for episode grouping
    Column("data", Text, nullable=False),  # Incident.as_dict() without the episode
    Index(None, "start_date"),
    Index(None, "episode_id"),
)

episodes = Table(
    "episodes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("data", Text, nullable=False),  # Episode.as_dict()
    Index(None, "start_date"),
)

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
    Float,
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
    # Added for the API (0004): the most precise located place (bbox filter, map), the length of
    # the date span in days (bounds a date-range scan), and when the row was last written.
    Column("span_days", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "doc_id"),
    Index(None, "type"),
    Index(None, "start_date"),
    # Pages run along (start_date, id); the trailing columns let date and type filters and
    # statistics be answered from the index alone.
    Index(None, "start_date", "id", "end_date", "type"),
    Index(None, "doc_id", "start_date", "id"),
    # (0007) the end date too, so a type and date range is checked in the index alone.
    Index(None, "type", "start_date", "id", "end_date"),
    Index(None, "updated_at"),
    Index(None, "span_days"),
    Index(None, "lat", "lon", "start_date", "id"),
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
    # Added for the API (0004): as for mentions, plus the incident's casualty figures (the sum over
    # sides of the best estimates of its non-cumulative tallies) for statistics.
    Column("span_days", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("killed", Integer, nullable=False, server_default="0"),
    Column("wounded", Integer, nullable=False, server_default="0"),
    Column("updated_at", UtcDateTime, nullable=False),
    # Added for the dashboard (0006): the incident's map marker as JSON (refs.marker, without the
    # episode), written with the record so the overview serves it without parsing `data`.
    Column("marker", Text, nullable=False, server_default="{}"),
    Index(None, "start_date"),
    Index(None, "episode_id"),
    # Pages run along (start_date, id); the trailing columns let date and type filters and
    # statistics be answered from the index alone.
    Index(None, "start_date", "id", "end_date", "type"),
    # (0007) the end date and casualties too: a type and date range is checked, and its
    # largest incidents chosen, in the index alone.
    Index(None, "type", "start_date", "id", "end_date", "killed", "wounded"),
    Index(None, "updated_at"),
    Index(None, "span_days"),
    Index(None, "lat", "lon", "start_date", "id"),
    # Added for the dashboard (0005): casualties per day, and the largest incidents of a date
    # range, from the index alone.
    Index(None, "start_date", "end_date", "type", "killed", "wounded", "id"),
)
#: Indexes on expressions, which Alembic cannot compare with a reflected database on every backend
#: (PostgreSQL reflects the expression differently), so the schema comparison leaves them out.
EXPRESSION_INDEXES = frozenset({"ix_incidents_harm"})

#: The dashboard's largest incidents first (0005), with the type and dates to filter on.
Index(
    "ix_incidents_harm",
    (incidents.c.killed + incidents.c.wounded).desc(),
    incidents.c.id,
    incidents.c.type,
    incidents.c.start_date,
    incidents.c.end_date,
)

episodes = Table(
    "episodes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("data", Text, nullable=False),  # Episode.as_dict()
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "start_date"),
)

# -- the API's indexes (0004): filter keys, actors and places, and the change feed ------------------

# What a mention or incident can be filtered by, one row per (record, kind, value): kind "actor"
# (actor id), "place" (gazetteer id), "region" (admin1 name or country code, case-folded) or
# "country" (ISO3, for statistics).
mention_refs = Table(
    "mention_refs",
    metadata,
    Column(
        "mention_id", String(64), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("kind", String(8), primary_key=True),
    Column("value", String(200), primary_key=True),
    # The record's start date, so a filtered listing pages along this index in its own order.
    Column("start_date", Date),
    Index(None, "kind", "value", "start_date", "mention_id"),
)

incident_refs = Table(
    "incident_refs",
    metadata,
    Column(
        "incident_id", String(64), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("kind", String(8), primary_key=True),
    Column("value", String(200), primary_key=True),
    # The record's start date, so a filtered listing pages along this index in its own order.
    Column("start_date", Date),
    Index(None, "kind", "value", "start_date", "incident_id"),
)

# Actors and places seen in mentions or incidents, as last cited (names, coordinates), with counts.
actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(3)),
    Column("kind", String(32)),
    # How many mentions and incidents cite it, kept up to date by every write.
    Column("mentions", Integer, nullable=False, server_default="0"),
    Column("incidents", Integer, nullable=False, server_default="0"),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "updated_at"),
)

places = Table(
    "places",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", String(3)),
    Column("precision", Integer),
    Column("mentions", Integer, nullable=False, server_default="0"),
    Column("incidents", Integer, nullable=False, server_default="0"),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "updated_at"),
    Index(None, "lat"),
)

# Counts per start day (0006): how many mentions or incidents, and the incidents' killed and
# wounded, per (collection, ref kind and value, start date, end date, type), kept up to date by
# every write in its own transaction (see `daycounts`), so statistics and the dashboard's timeline
# add up a few thousand rows instead of counting records. kind "" (value "") counts every record;
# kinds "actor", "region" and "country" count the records citing that value. Undated records have
# start and end `daycounts.UNDATED` (keys cannot be NULL on every backend); end is the end date,
# or the start date when there is none, so a date range keeps the spans overlapping it.
record_days = Table(
    "record_days",
    metadata,
    Column("collection", String(16), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("value", String(200), primary_key=True),
    Column("start_date", Date, primary_key=True),
    Column("end_date", Date, primary_key=True),
    Column("type", String(32), primary_key=True),
    Column("records", Integer, nullable=False),
    Column("killed", Integer, nullable=False),
    Column("wounded", Integer, nullable=False),
    # Rows kept in key order on SQLite: a range of cells is read in one pass, with no lookup of
    # each row from a separate key index.
    sqlite_with_rowid=False,
)

# Deletions and merges, so a client mirroring the API can drop what disappeared: kind "deleted" or
# "merged" (`into` names the record that took its place), in the order they happened.
changes = Table(
    "changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("collection", String(16), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("into", String(200)),
    Index(None, "at"),
)

#: The full-text index is backend-specific (an FTS5 virtual table on SQLite, a table with a
#: tsvector column on PostgreSQL), so it is created by the migration and kept out of `metadata`;
#: names starting with this are not compared with `metadata`.
SEARCH_TABLE = "search_index"


def is_search_table(name: str | None) -> bool:
    """Whether `name` is the full-text index or one of the shadow tables SQLite keeps for it."""
    return bool(name) and str(name).startswith(SEARCH_TABLE)

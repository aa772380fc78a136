"""The document store: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from alembic.util import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import Code, StoreError
from ..model import Document, ItemError, Mention
from . import catalog, daycounts, refs, search
from .codec import candidate_from_row, document_from_row, document_row
from .engine import SUPPORTED_BACKENDS, WRITE_OPTION, create_store_engine
from .mention_codec import mention_from_json, mention_row
from .migrate import migrate_to_head
from .records import DuplicateCandidate, ExtractionRecord
from .schema import blobs, doc_bands, documents, extractions, item_errors, mention_refs, mentions
from .urls import display_url, resolve_db_url

#: Shortest prefix `resolve_document_id` accepts: fewer characters match too much to be meant.
MIN_PREFIX = 4

_CANDIDATE_COLUMNS = (
    documents.c.id,
    documents.c.minhash,
    documents.c.published,
    documents.c.duplicate_of,
)


# Statements run for every ingested document are built once: constructing SQLAlchemy statements
# costs more than executing them on SQLite, and ingest speed is measured per document.
_CANDIDATES_SHARING_BANDS = (
    select(*_CANDIDATE_COLUMNS)
    .where(
        documents.c.id.in_(
            select(doc_bands.c.doc_id).where(
                doc_bands.c.band_key.in_(bindparam("bands", expanding=True))
            )
        )
    )
    .where(documents.c.id != bindparam("exclude"))
    .order_by(documents.c.id)
)
_DOCUMENT_BY_ID = select(documents).where(documents.c.id == bindparam("doc_id"))
_DOCUMENTS_BY_ID = select(documents).where(documents.c.id.in_(bindparam("doc_ids", expanding=True)))
_GROUP_OF = (
    select(*_CANDIDATE_COLUMNS)
    .where(
        (documents.c.id == bindparam("canonical_id"))
        | (documents.c.duplicate_of == bindparam("canonical_id"))
    )
    .order_by(documents.c.id)
)
_DELETE_BANDS = delete(doc_bands).where(doc_bands.c.doc_id == bindparam("doc_id"))


_DELETE_MENTIONS = delete(mentions).where(mentions.c.doc_id == bindparam("doc_id"))
_INSERT_MENTIONS = insert(mentions)
# A document's stored mentions with their ref rows (one row per ref, or one with none).
_MENTIONS_WITH_REFS = (
    select(
        mentions.c.id,
        mentions.c.type,
        mentions.c.start_date,
        mentions.c.end_date,
        mention_refs.c.kind,
        mention_refs.c.value,
    )
    .outerjoin(mention_refs, mention_refs.c.mention_id == mentions.c.id)
    .where(mentions.c.doc_id == bindparam("doc_id"))
)
#: Ref kinds whose citations the actors and places tables count.
_CITED_KINDS = (refs.ACTOR, refs.PLACE)


@dataclasses.dataclass(slots=True)
class _StoredMention:
    """What replacing a stored mention takes away from the counts: its cells and citations."""

    type: str
    start: dt.date | None
    end: dt.date | None
    cited: list[tuple[str, str]]


def _stored_mentions(connection: Connection, doc_id: str) -> dict[str, _StoredMention]:
    """The document's stored mentions by id, read in one query."""
    found: dict[str, _StoredMention] = {}
    for row in connection.execute(_MENTIONS_WITH_REFS, {"doc_id": doc_id}):
        stored = found.get(row.id)
        if stored is None:
            stored = found[row.id] = _StoredMention(
                type=row.type, start=row.start_date, end=row.end_date, cited=[]
            )
        if row.kind is not None:
            stored.cited.append((row.kind, row.value))
    return found


def _dialect_insert(dialect_name: str) -> Any:
    # INSERT ... ON CONFLICT is spelled the same on both backends but built by each dialect.
    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert


@functools.cache
def _upsert_document_statement(dialect_name: str, *, keep_ingested_at: bool) -> Any:
    statement = _dialect_insert(dialect_name)(documents)
    replaced = {
        column.name: statement.excluded[column.name]
        for column in documents.c
        if column.name != "id" and not (keep_ingested_at and column.name == "ingested_at")
    }
    return statement.on_conflict_do_update(index_elements=["id"], set_=replaced)


@functools.cache
def _upsert_extraction_statement(dialect_name: str) -> Any:
    statement = _dialect_insert(dialect_name)(extractions)
    replaced = {
        column.name: statement.excluded[column.name]
        for column in extractions.c
        if column.name != "doc_id"
    }
    return statement.on_conflict_do_update(index_elements=["doc_id"], set_=replaced)


@functools.cache
def _put_blob_statement(dialect_name: str) -> Any:
    statement = _dialect_insert(dialect_name)(blobs)
    return statement.on_conflict_do_nothing(index_elements=["sha256"])


def open_store(db: str | None = None) -> SqlStore:
    """Open (creating and migrating to the newest schema as needed) the store named by `db`."""
    url = resolve_db_url(db)
    shown = _shown_url(url)
    engine = _engine_for(url, shown)
    try:
        migrate_to_head(engine, shown)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(Code.DB_OPEN, f"cannot open database {shown}: {_reason(exc)}") from exc
    except CommandError as exc:  # e.g. a revision history Alembic cannot follow
        engine.dispose()
        raise StoreError(Code.DB_SCHEMA, f"cannot migrate database {shown}: {exc}") from exc
    return SqlStore(engine, url)


def _shown_url(url: str) -> str:
    try:
        return display_url(url)
    except ArgumentError as exc:
        raise StoreError(Code.DB_OPEN, f"not a database path or URL: {url!r}") from exc


def _engine_for(url: str, shown: str) -> Engine:
    backend = make_url(url).get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            Code.DB_OPEN, f"unsupported database {shown}: use a SQLite path or a postgresql:// URL"
        )
    try:
        return create_store_engine(url)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(Code.DB_OPEN, f"cannot open database {shown}: {exc}") from exc


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own one-line message, without SQLAlchemy's SQL echo and help link."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SqlStore:
    """Documents, raw blobs, LSH band rows and item errors in one SQL database."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = display_url(url)  # password masked: this is what messages show
        self._batch: Connection | None = None  # the open `batch()` connection, if any

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

    def close(self) -> None:
        self._engine.dispose()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run the enclosed calls in one transaction, each write in a savepoint of its own.

        A commit per document costs more than the document's own writes on SQLite; a batch pays it
        once. A write that fails rolls back alone (its savepoint); if the block is left by an
        exception, what completed is still committed, so only whole writes ever land. A process
        killed inside a batch loses the batch, which the next run writes again.
        """
        if self._batch is not None:
            yield  # already inside a batch: join it
            return
        try:
            connection = self._engine.connect().execution_options(**{WRITE_OPTION: True})
        except SQLAlchemyError as exc:
            raise StoreError(Code.DB_OPEN, f"cannot open {self.url}: {_reason(exc)}") from exc
        with connection:
            transaction = connection.begin()
            self._batch = connection
            try:
                yield
            finally:
                self._batch = None
                self._finish_batch(transaction)

    def _finish_batch(self, transaction: Any) -> None:
        try:
            transaction.commit()
        except SQLAlchemyError as exc:
            transaction.rollback()
            raise StoreError(Code.DB_WRITE, f"cannot write {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            if self._batch is not None:  # read what the batch has written so far
                yield self._batch
                return
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(Code.DB_OPEN, f"cannot read {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One transaction (a savepoint inside a batch): all of the block's writes or none."""
        try:
            if self._batch is not None:
                with self._batch.begin_nested():
                    yield self._batch
                return
            writer = self._engine.connect().execution_options(**{WRITE_OPTION: True})
            with writer as connection, connection.begin():
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(Code.DB_WRITE, f"cannot write {self.url}: {_reason(exc)}") from exc

    # -- blobs --------------------------------------------------------------------------------

    def put_blob(self, data: bytes, *, media_type: str) -> str:
        """Store `data` under its SHA-256 (hex), once however often it is put."""
        sha256 = hashlib.sha256(data).hexdigest()
        row = {
            "sha256": sha256,
            "media_type": media_type,
            "size": len(data),
            "data": data,
            "stored_at": _now(),
        }
        with self._writing() as connection:
            connection.execute(_put_blob_statement(connection.dialect.name), row)
        return sha256

    def get_blob(self, sha256: str) -> bytes | None:
        with self._reading() as connection:
            data = connection.scalar(select(blobs.c.data).where(blobs.c.sha256 == sha256.lower()))
        return None if data is None else bytes(data)

    # -- documents: reading -------------------------------------------------------------------

    def get_document(self, doc_id: str) -> Document | None:
        with self._reading() as connection:
            row = connection.execute(_DOCUMENT_BY_ID, {"doc_id": doc_id}).first()
        return None if row is None else document_from_row(row._mapping)

    def get_documents(self, doc_ids: Sequence[str]) -> list[Document]:
        """The stored documents of `doc_ids` in that order, read in one query; unknown ids are left out."""
        if not doc_ids:
            return []
        with self._reading() as connection:
            rows = connection.execute(_DOCUMENTS_BY_ID, {"doc_ids": list(dict.fromkeys(doc_ids))})
            found = {row.id: document_from_row(row._mapping) for row in rows}
        return [found[doc_id] for doc_id in doc_ids if doc_id in found]

    def resolve_document_id(self, id_or_prefix: str) -> str | None:
        """The full id `id_or_prefix` names: itself, or the only id it prefixes (>= 4 chars)."""
        if len(id_or_prefix) < MIN_PREFIX:
            return None
        c = documents.c
        query = (
            select(c.id)
            .where(c.id.startswith(id_or_prefix, autoescape=True))
            .order_by(c.id)
            .limit(2)
        )
        with self._reading() as connection:
            # A full id is found through the primary key; only a prefix needs the range below.
            if connection.scalar(select(c.id).where(c.id == id_or_prefix)) is not None:
                return id_or_prefix
            if connection.dialect.name == "sqlite":
                # SQLite's LIKE ignores case, so no index serves it; the ids starting with the
                # prefix lie in this range of the (binary-ordered) primary key.
                query = query.where(c.id >= id_or_prefix, c.id < id_or_prefix + "\U0010ffff")
            found = list(connection.scalars(query))
        if id_or_prefix in found:
            return id_or_prefix
        return found[0] if len(found) == 1 else None

    def list_documents(
        self, *, limit: int | None = None, offset: int = 0, canonical_only: bool = False
    ) -> list[Document]:
        """Documents by publication date (unknown dates last), then id."""
        query = select(documents).order_by(
            documents.c.published.is_(None), documents.c.published, documents.c.id
        )
        if canonical_only:
            query = query.where(documents.c.duplicate_of.is_(None))
        return self._documents(query.limit(limit).offset(offset))

    def iter_documents(self, *, batch: int = 500) -> Iterator[Document]:
        """Every document in id order, `batch` rows at a time so memory stays flat."""
        last_id: str | None = None
        while True:
            query = select(documents).order_by(documents.c.id).limit(batch)
            if last_id is not None:
                query = query.where(documents.c.id > last_id)
            page = self._documents(query)
            yield from page
            if len(page) < batch:
                return
            last_id = page[-1].id

    def documents_updated_since(self, since: dt.datetime) -> set[str]:
        """Ids of the documents written or changed at or after `since`."""
        query = select(documents.c.id).where(documents.c.updated_at >= since)
        with self._reading() as connection:
            return set(connection.scalars(query))

    def count_documents(self) -> int:
        with self._reading() as connection:
            return int(connection.scalar(select(func.count()).select_from(documents)) or 0)

    def _documents(self, query: Select[Any]) -> list[Document]:
        with self._reading() as connection:
            return [document_from_row(row._mapping) for row in connection.execute(query)]

    # -- documents: writing -------------------------------------------------------------------

    def save_document(
        self,
        doc: Document,
        *,
        signature: bytes,
        bands: Sequence[str],
        repoint: Mapping[str, str | None],
    ) -> None:
        """Upsert `doc`, replace its band rows and apply `repoint`, all in one transaction."""
        now = _now()
        with self._writing() as connection:
            self._upsert_document(connection, doc, signature, now)
            connection.execute(_DELETE_BANDS, {"doc_id": doc.id})
            unique_bands = list(dict.fromkeys(bands))
            if unique_bands:
                rows = [{"doc_id": doc.id, "band_key": key} for key in unique_bands]
                connection.execute(insert(doc_bands), rows)
            self._repoint(connection, repoint, now)

    def _upsert_document(
        self, connection: Connection, doc: Document, signature: bytes, now: dt.datetime
    ) -> None:
        row = document_row(doc, signature=signature)
        row["updated_at"] = now
        row["ingested_at"] = doc.ingested_at or now
        # Without an ingestion time of its own, a re-ingest keeps the first one.
        statement = _upsert_document_statement(
            connection.dialect.name, keep_ingested_at=doc.ingested_at is None
        )
        connection.execute(statement, row)
        search.remove(connection, doc.id, search.DOCUMENT)
        search.add(connection, search.DOCUMENT, [(doc.id, doc.id, doc.title, doc.text)])

    @staticmethod
    def _repoint(
        connection: Connection, repoint: Mapping[str, str | None], now: dt.datetime
    ) -> None:
        for doc_id, target in repoint.items():
            canonical = None if target == doc_id else target  # a document never points to itself
            connection.execute(
                update(documents)
                .where(documents.c.id == doc_id)
                .values(duplicate_of=canonical, updated_at=now)
            )

    # -- near-duplicate groups ----------------------------------------------------------------

    def near_duplicate_candidates(
        self, bands: Sequence[str], *, exclude: str | None = None
    ) -> list[DuplicateCandidate]:
        """Documents sharing at least one band key with `bands`, by id."""
        if not bands:
            return []
        params = {"bands": sorted(set(bands)), "exclude": exclude or ""}
        with self._reading() as connection:
            rows = connection.execute(_CANDIDATES_SHARING_BANDS, params)
            return [candidate_from_row(row._mapping) for row in rows]

    def duplicate_group(self, canonical_id: str) -> list[DuplicateCandidate]:
        """The canonical document and every document pointing to it, by id."""
        with self._reading() as connection:
            rows = connection.execute(_GROUP_OF, {"canonical_id": canonical_id})
            return [candidate_from_row(row._mapping) for row in rows]

    # -- extraction and mentions --------------------------------------------------------------

    def save_extraction(self, record: ExtractionRecord, found: Sequence[Mention]) -> None:
        """Replace a document's mentions and record the run, in one transaction."""
        now = _now()
        run = {
            "doc_id": record.doc_id,
            "language": record.language,
            "skipped": record.skipped,
            "sentences": record.sentences,
            "parsed": record.parsed,
            "mentions": len(found),
            "extracted_at": now,
        }
        views = [m.as_dict() for m in found]
        rows = [
            {**mention_row(m, view), "updated_at": now}
            for m, view in zip(found, views, strict=True)
        ]
        cited = [refs.mention_refs(view) for view in views]
        # What the new mentions add to the actors', places' and days' counts, from the rows about
        # to be written; what the replaced ones took away is read from the database below.
        cited_after: Counter[tuple[str, str]] = Counter()
        counted_after: daycounts.Cells = {}
        for row, pairs in zip(rows, cited, strict=True):
            cited_after.update(pair for pair in pairs if pair[0] in _CITED_KINDS)
            daycounts.add_record(
                counted_after,
                start=row["start_date"],
                end=row["end_date"],
                type_=row["type"],
                cited=pairs,
            )
        with self._writing() as connection:
            earlier = _stored_mentions(connection, record.doc_id)
            cited_before: Counter[tuple[str, str]] = Counter()
            counted_before: daycounts.Cells = {}
            for stored in earlier.values():
                cited_before.update(pair for pair in stored.cited if pair[0] in _CITED_KINDS)
                daycounts.add_record(
                    counted_before,
                    start=stored.start,
                    end=stored.end,
                    type_=stored.type,
                    cited=stored.cited,
                )
            # The index holds a document's mention rows exactly while it holds mentions: with none
            # stored (a first extraction) there is nothing to delete.
            if earlier:
                connection.execute(_DELETE_MENTIONS, {"doc_id": record.doc_id})
                search.remove(connection, record.doc_id, search.MENTION)
            connection.execute(_upsert_extraction_statement(connection.dialect.name), run)
            if found:
                connection.execute(_INSERT_MENTIONS, rows)
                catalog.write_mention_refs(connection, views)
                catalog.note_cited(connection, views, now)
                search.add(
                    connection,
                    search.MENTION,
                    [(m.id, m.doc_id, None, m.evidence.text) for m in found],
                )
            catalog.adjust_counts(connection, "mentions", cited_before, cited_after)
            daycounts.apply_change(connection, daycounts.MENTIONS, counted_before, counted_after)
            kept = {m.id for m in found}
            gone = [(mention_id, None) for mention_id in sorted(earlier.keys() - kept)]
            catalog.record_changes(connection, "mentions", gone, now)

    def get_extraction(self, doc_id: str) -> ExtractionRecord | None:
        with self._reading() as connection:
            row = connection.execute(
                select(extractions).where(extractions.c.doc_id == doc_id)
            ).first()
        if row is None:
            return None
        return ExtractionRecord(
            doc_id=row.doc_id,
            language=row.language,
            skipped=row.skipped,
            sentences=row.sentences,
            parsed=row.parsed,
            mentions=row.mentions,
        )

    def documents_to_extract(self) -> list[str]:
        """Canonical documents with no extraction run yet, and reprints that still hold mentions
        (a reprint becomes one when an earlier copy of its story arrives), by date then id."""
        pending = documents.c.duplicate_of.is_(None) & extractions.c.doc_id.is_(None)
        stale = documents.c.duplicate_of.is_not(None) & (extractions.c.mentions > 0)
        query = (
            select(documents.c.id)
            .outerjoin(extractions, extractions.c.doc_id == documents.c.id)
            .where(pending | stale)
            .order_by(documents.c.published.is_(None), documents.c.published, documents.c.id)
        )
        with self._reading() as connection:
            return list(connection.scalars(query))

    def list_mentions(
        self,
        *,
        doc_id: str | None = None,
        event_type: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Mention]:
        """Mentions in document order (by publication date), then text order."""
        query = (
            select(mentions.c.data)
            .join(documents, documents.c.id == mentions.c.doc_id)
            .order_by(
                documents.c.published.is_(None),
                documents.c.published,
                mentions.c.doc_id,
                mentions.c.evidence_start,
                mentions.c.id,
            )
        )
        if doc_id is not None:
            query = query.where(mentions.c.doc_id == doc_id)
        if event_type is not None:
            query = query.where(mentions.c.type == event_type.upper())
        with self._reading() as connection:
            rows = connection.scalars(query.limit(limit).offset(offset))
            return [mention_from_json(data) for data in rows]

    def search_text(
        self, query: str, *, kind: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[search.Hit]:
        """Full-text matches of `query` (see `conflictwatch.store.search`), best first."""
        with self._reading() as connection:
            return search.search(connection, query, kind=kind, limit=limit, offset=offset)

    def count_mentions(self) -> int:
        with self._reading() as connection:
            return int(connection.scalar(select(func.count()).select_from(mentions)) or 0)

    # -- item errors --------------------------------------------------------------------------

    def record_item_error(self, error: ItemError) -> None:
        row = {"origin": error.origin, "code": error.code, "message": error.message, "at": _now()}
        with self._writing() as connection:
            connection.execute(insert(item_errors).values(row))

    def list_item_errors(self, *, limit: int = 100) -> list[ItemError]:
        """The `limit` most recent errors, oldest first."""
        query = select(item_errors).order_by(item_errors.c.id.desc()).limit(limit)
        with self._reading() as connection:
            rows = list(connection.execute(query))
        return [
            ItemError(origin=row.origin, code=row.code, message=row.message)
            for row in reversed(rows)
        ]

"""The document pipeline: ingest → clean → describe → dedup → store.

`build_document` turns one raw item into a `Document` without touching storage; `ingest` runs it over
every input and stores each document in its own transaction, so a run killed half-way and started
again finishes with no duplicates and no gaps. Later stages (analyze, extract, link) read stored
documents; they join this module as they land.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import gc
import hashlib
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from conflictwatch.clean import clean_html, clean_text
from conflictwatch.dedup import band_keys, plan_group, signature
from conflictwatch.describe import find_credits, infer_publication_date, parse_metadata_date
from conflictwatch.errors import Code, ConflictwatchError
from conflictwatch.ingest import Fetcher, IngestLimits, decode_bytes, iter_items
from conflictwatch.model import (
    PROVENANCE_RANK,
    CleanText,
    DatePrecision,
    DateProvenance,
    Document,
    ItemError,
    MediaType,
    Overrides,
    PublicationDate,
    RawItem,
)
from conflictwatch.store import SqlStore

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from conflictwatch.analyze import AnalyzedText
    from conflictwatch.extract.mentions import Extraction

    _Result = Extraction | ItemError
from conflictwatch.store.records import ExtractionRecord

log = logging.getLogger(__name__)

#: Documents written per transaction, and the longest a transaction stays open (slow URLs, feeds).
BATCH_SIZE = 100
BATCH_SECONDS = 2.0

_SPACE = re.compile(r"\s+")


class Outcome(StrEnum):
    """What storing one document did."""

    INSERTED = "inserted"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoredItem:
    origin: str
    doc_id: str
    outcome: Outcome
    duplicate_of: str | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    stored: tuple[StoredItem, ...]
    errors: tuple[ItemError, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for s in self.stored if s.outcome is outcome)

    @property
    def duplicates(self) -> int:
        """Stored documents that are near-duplicates of another."""
        return sum(1 for s in self.stored if s.duplicate_of)

    def as_dict(self) -> dict[str, object]:
        return {
            "inserted": self.count(Outcome.INSERTED),
            "updated": self.count(Outcome.UPDATED),
            "unchanged": self.count(Outcome.UNCHANGED),
            "duplicates": self.duplicates,
            "failed": len(self.errors),
            "documents": [dataclasses.asdict(s) for s in self.stored],
            "errors": [e.as_dict() for e in self.errors],
        }


def document_id(text: str) -> str:
    """Stable id from the story text: the same words give the same id, whatever the furniture."""
    normalized = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def _clean(item: RawItem) -> CleanText:
    text = decode_bytes(item.data, declared=item.encoding, media_type=item.media_type)
    if item.media_type is MediaType.HTML:
        return clean_html(text, url=item.url)
    return clean_text(text, title=item.title)


def _publication_date(
    item: RawItem, clean: CleanText, overrides: Overrides, today: dt.date | None
) -> PublicationDate:
    given = overrides.published
    metadata = clean.published
    if item.published and item.published_from is DateProvenance.GIVEN:
        stated = parse_metadata_date(item.published)
        if given is None and stated is not None and stated[1] is DatePrecision.DAY:
            given = stated[0]
        else:  # a record's partial date ("2020-11") is weighed like metadata, at its own precision
            metadata = item.published
    elif item.published:
        metadata = item.published
    # The date stage reads the source text: bylines and datelines are furniture in the clean text.
    return infer_publication_date(clean.source_text, given=given, metadata=metadata, today=today)


def build_document(
    item: RawItem,
    raw_sha256: str,
    *,
    overrides: Overrides | None = None,
    today: dt.date | None = None,
) -> Document:
    """Decode, clean, date and credit one raw item. Raises `ConflictwatchError` for bad items."""
    overrides = overrides or Overrides()
    clean = _clean(item)
    url = overrides.url or item.url or clean.url
    credits = find_credits(
        clean.text,
        source_text=clean.source_text,
        url=url,
        site_name=clean.site_name,
        source=overrides.source or item.source,
    )
    return Document(
        id=document_id(clean.text),
        raw_sha256=raw_sha256,
        origin=item.origin,
        media_type=item.media_type,
        url=url,
        title=item.title or clean.title,
        author=clean.author,
        outlet=credits.outlet,
        original_source=credits.original_source,
        credit_evidence=credits.evidence,
        published=_publication_date(item, clean, overrides, today),
        language=clean.language,
        text=clean.text,
        source_text=clean.source_text,
        segments=clean.segments,
        paragraphs=clean.paragraphs,
        furniture=clean.furniture,
        ingested_at=dt.datetime.now(dt.UTC),
    )


def merge_reingested(stored: Document, new: Document) -> Document:
    """What a re-ingest of the same story keeps: the stored record, improved where the new one knows more.

    A stronger date provenance (a date given by the user over an inferred one) replaces the stored
    date, and fields the stored record lacks are filled; nothing known is ever dropped.
    """
    published = stored.published
    if PROVENANCE_RANK[new.published.provenance] < PROVENANCE_RANK[stored.published.provenance]:
        published = new.published
    return dataclasses.replace(
        stored,
        published=published,
        url=stored.url or new.url,
        title=stored.title or new.title,
        author=stored.author or new.author,
        outlet=stored.outlet or new.outlet,
        original_source=stored.original_source or new.original_source,
        credit_evidence=stored.credit_evidence or new.credit_evidence,
        language=stored.language or new.language,
    )


def store_document(store: SqlStore, doc: Document) -> StoredItem:
    """Save one document with its near-duplicate group, in one transaction."""
    existing = store.get_document(doc.id)
    outcome = Outcome.INSERTED
    if existing is not None:
        merged = merge_reingested(existing, doc)
        if merged == existing:
            return StoredItem(
                origin=doc.origin,
                doc_id=doc.id,
                outcome=Outcome.UNCHANGED,
                duplicate_of=existing.duplicate_of,
            )
        doc, outcome = merged, Outcome.UPDATED
    sig = signature(doc.text)
    bands = band_keys(sig)
    candidates = store.near_duplicate_candidates(bands, exclude=doc.id)
    plan = plan_group(doc.id, doc.published.value, sig, candidates, store.duplicate_group)
    doc = dataclasses.replace(doc, duplicate_of=plan.duplicate_of)
    store.save_document(doc, signature=sig, bands=bands, repoint=plan.repoint)
    return StoredItem(
        origin=doc.origin, doc_id=doc.id, outcome=outcome, duplicate_of=doc.duplicate_of
    )


def process_item(
    store: SqlStore, item: RawItem, *, overrides: Overrides, today: dt.date | None
) -> StoredItem | ItemError:
    """Run one raw item through every stage; a bad item becomes an `ItemError`, never an exception."""
    try:
        # Raw bytes first: a crash after this leaves only an unreferenced, content-addressed blob.
        raw_sha256 = store.put_blob(item.data, media_type=item.media_type.value)
        doc = build_document(item, raw_sha256, overrides=overrides, today=today)
        return store_document(store, doc)
    except ConflictwatchError as exc:
        return ItemError(origin=item.origin, code=exc.code.value, message=exc.message)
    except Exception as exc:
        log.exception("internal error on %s", item.origin)
        return ItemError(
            origin=item.origin,
            code=Code.INTERNAL.value,
            message=f"internal error ({type(exc).__name__}: {exc}); please report it",
        )


def ingest(
    inputs: Sequence[str],
    *,
    store: SqlStore,
    overrides: Overrides | None = None,
    fetcher: Fetcher | None = None,
    limits: IngestLimits | None = None,
    today: dt.date | None = None,
    on_item: Callable[[StoredItem | ItemError], None] | None = None,
) -> IngestReport:
    """Ingest every input (paths, directories, feeds, WARCs, URLs) into `store`."""
    overrides = overrides or Overrides()
    stored: list[StoredItem] = []
    errors: list[ItemError] = []
    items = iter(iter_items(inputs, fetcher=fetcher, limits=limits or IngestLimits()))
    while True:
        with store.batch():
            done = _ingest_batch(items, store, overrides, today, stored, errors, on_item)
        if done:
            return IngestReport(stored=tuple(stored), errors=tuple(errors))


_Done = TypeVar("_Done", "StoredItem", "ExtractedItem")


def _tally(
    store: SqlStore, result: _Done | ItemError, done: list[_Done], errors: list[ItemError]
) -> None:
    """File one item's result; an error is also recorded in the store for `conflictwatch errors`."""
    if isinstance(result, ItemError):
        errors.append(result)
        store.record_item_error(result)
    else:
        done.append(result)


def _ingest_batch(
    items: Iterator[RawItem | ItemError],
    store: SqlStore,
    overrides: Overrides,
    today: dt.date | None,
    stored: list[StoredItem],
    errors: list[ItemError],
    on_item: Callable[[StoredItem | ItemError], None] | None,
) -> bool:
    """Process items until the batch is full or old; True when the items ran out."""
    started = time.monotonic()
    for count, item in enumerate(items, start=1):
        result = (
            item
            if isinstance(item, ItemError)
            else process_item(store, item, overrides=overrides, today=today)
        )
        _tally(store, result, stored, errors)
        if on_item is not None:
            on_item(result)
        if count >= BATCH_SIZE or time.monotonic() - started >= BATCH_SECONDS:
            return False
    return True


# -- extraction: stored documents -> event mentions ------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExtractedItem:
    doc_id: str
    mentions: int
    skipped: str | None  # why the document gave no events (not English), else None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExtractReport:
    extracted: tuple[ExtractedItem, ...]
    errors: tuple[ItemError, ...]

    @property
    def mentions(self) -> int:
        return sum(item.mentions for item in self.extracted)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": len(self.extracted),
            "mentions": self.mentions,
            "skipped": [dataclasses.asdict(i) for i in self.extracted if i.skipped],
            "errors": [e.as_dict() for e in self.errors],
        }


def extract_stored(
    store: SqlStore,
    *,
    doc_ids: Sequence[str] | None = None,
    jobs: int = 1,
    on_document: Callable[[ExtractedItem | ItemError], None] | None = None,
) -> ExtractReport:
    """Extract event mentions from stored documents (by default those `documents_to_extract` lists).

    Reprints get none: their events are their canonical copy's. Each document's mentions replace its
    earlier ones in one transaction; a document that fails is reported and the run goes on. With
    `jobs` > 1 the analysis runs in that many worker processes and this one only reads and writes.
    """
    wanted = list(doc_ids) if doc_ids is not None else store.documents_to_extract()
    extracted: list[ExtractedItem] = []
    errors: list[ItemError] = []
    for doc, outcome in _extractions(store, wanted, jobs):
        result: ExtractedItem | ItemError
        if isinstance(outcome, ItemError):
            result = outcome
        else:
            try:
                result = _save_extraction(store, doc, outcome)
            except ConflictwatchError as exc:
                result = ItemError(origin=doc.origin, code=exc.code.value, message=exc.message)
        _tally(store, result, extracted, errors)
        if on_document is not None:
            on_document(result)
    return ExtractReport(extracted=tuple(extracted), errors=tuple(errors))


#: Documents analyzed together: their sentences share the parser's batches.
EXTRACT_CHUNK = 8
#: Chunks waiting for each worker besides the one it is on, so that no worker sits idle while this
#: process reads documents and writes mentions; the bound keeps memory flat however many are waiting.
CHUNKS_AHEAD = 2


def _extractions(
    store: SqlStore, doc_ids: Sequence[str], jobs: int
) -> Iterator[tuple[Document, _Result | None]]:
    """(document, its extraction) in `doc_ids` order; None for reprints, which get no mentions.

    With `jobs` > 1 the chunks go to that many forked worker processes, a few chunks ahead of the
    results being stored. The pipeline, gazetteer and actor dictionary are loaded here first, so that
    the workers share one copy of them (copy-on-write) instead of each loading its own.
    """
    chunks = _chunks(store, doc_ids)
    if jobs <= 1:
        for docs in chunks:
            yield from _paired(docs, _extract_chunk(_tasks(docs)))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up()
    pending: collections.deque[tuple[list[Document], Future[list[_Result]] | None]]
    pending = collections.deque()
    context = multiprocessing.get_context("fork")
    # What is loaded now lives as long as the workers: frozen, it is never scanned by their garbage
    # collectors, whose scans would write to (and so copy) every shared page they touch.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for docs in chunks:
                pending.append((docs, _submit(pool, _tasks(docs))))
                while len(pending) > jobs * (1 + CHUNKS_AHEAD):
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
    finally:
        gc.unfreeze()


def _chunks(store: SqlStore, doc_ids: Sequence[str]) -> Iterator[list[Document]]:
    """The stored documents of `doc_ids`, EXTRACT_CHUNK at a time (one query each), read as they are
    needed."""
    for start in range(0, len(doc_ids), EXTRACT_CHUNK):
        wanted = doc_ids[start : start + EXTRACT_CHUNK]
        docs = store.get_documents(wanted)
        if docs:
            yield docs


def _tasks(docs: list[Document]) -> list[_ExtractTask]:
    return [_ExtractTask.of(doc) for doc in docs if not doc.duplicate_of]


def _paired(
    docs: list[Document], results: list[_Result]
) -> Iterator[tuple[Document, _Result | None]]:
    found = iter(results)
    for doc in docs:
        yield doc, None if doc.duplicate_of else next(found)


def _submit(pool: ProcessPoolExecutor, tasks: list[_ExtractTask]) -> Future[list[_Result]] | None:
    """The chunk's future, or None when there is nothing to do or the pool is broken."""
    if not tasks:
        return None
    try:
        return pool.submit(_extract_chunk, tasks)
    except Exception:  # a broken pool (a worker killed) must not lose the documents
        log.exception("could not hand a chunk to a worker; extracting it in this process")
        return None


def _collect(
    docs: list[Document], future: Future[list[_Result]] | None
) -> Iterator[tuple[Document, _Result | None]]:
    tasks = _tasks(docs)
    if future is None:
        return _paired(docs, _extract_chunk(tasks))
    try:
        return _paired(docs, future.result())
    except Exception:  # the worker died (killed, out of memory): redo its chunk here
        log.exception("a worker failed on a chunk; extracting it in this process")
        return _paired(docs, _extract_chunk(tasks))


#: Long enough for the language identifier to judge it (analyze/language.py), which loads its model.
_LANGUAGE_SAMPLE = (
    "The talks between the two sides went on for a week and ended with no agreement at all."
)


def _warm_up() -> None:
    """Load what every worker needs before the workers fork from this process."""
    from conflictwatch.actors import load_actor_dictionary
    from conflictwatch.analyze import detect_language, load_pipeline
    from conflictwatch.extract.events import lexicon
    from conflictwatch.extract.relevance import cues
    from conflictwatch.geo import load_gazetteer

    try:
        load_pipeline()
        load_gazetteer()
        load_actor_dictionary()
        lexicon()
        cues()
        # The language identifier's model takes 0.5 CPU s to unpack: once here, not in each worker.
        detect_language(_LANGUAGE_SAMPLE)
    except Exception:  # each worker then meets (and reports) the problem on its own documents
        log.exception("could not load the extraction models before starting the workers")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _ExtractTask:
    """What a worker needs of a document (documents themselves carry source text and raw offsets)."""

    doc_id: str
    origin: str
    text: str
    published: dt.date | None

    @classmethod
    def of(cls, doc: Document) -> _ExtractTask:
        return cls(doc_id=doc.id, origin=doc.origin, text=doc.text, published=doc.published.value)


def _extract_chunk(tasks: list[_ExtractTask]) -> list[_Result]:
    """Extract from a few documents, analyzing them together; one document's failure is its own."""
    # Imported here: the document layer (ingest, documents, show) must not pay for loading spaCy.
    from conflictwatch.analyze import analyze_texts
    from conflictwatch.extract.relevance import is_relevant

    try:
        analyses = analyze_texts([t.text for t in tasks], relevant=is_relevant)
    except Exception:
        log.exception("analysis failed on a chunk; analyzing its documents one by one")
        return [_extract_text(task) for task in tasks]
    return [_extract_text(task, a) for task, a in zip(tasks, analyses, strict=True)]


def _extract_text(
    task: _ExtractTask, analysis: AnalyzedText | None = None
) -> Extraction | ItemError:
    from conflictwatch.extract.mentions import extract_mentions

    try:
        return extract_mentions(
            task.text, doc_id=task.doc_id, published=task.published, analyzed=analysis
        )
    except ConflictwatchError as exc:
        return ItemError(origin=task.origin, code=exc.code.value, message=exc.message)
    except Exception as exc:
        log.exception("extraction failed on %s", task.doc_id)
        return ItemError(
            origin=task.origin,
            code=Code.EXTRACT_FAILED.value,
            message=f"extraction failed on document {task.doc_id} "
            f"({type(exc).__name__}: {exc}); please report it",
        )


def _save_extraction(store: SqlStore, doc: Document, found: Extraction | None) -> ExtractedItem:
    if found is None:
        record = ExtractionRecord(
            doc_id=doc.id,
            language=doc.language or "und",
            skipped=f"reprint of {doc.duplicate_of}",
            sentences=0,
            parsed=0,
            mentions=0,
        )
        store.save_extraction(record, ())
        return ExtractedItem(doc_id=doc.id, mentions=0, skipped=record.skipped)
    record = ExtractionRecord(
        doc_id=doc.id,
        language=found.language,
        skipped=found.skipped,
        sentences=found.sentences,
        parsed=found.parsed,
        mentions=len(found.mentions),
    )
    store.save_extraction(record, found.mentions)
    return ExtractedItem(doc_id=doc.id, mentions=len(found.mentions), skipped=found.skipped)

"""Helpers for the dedup tests: synthetic stories, documents and the pipeline's grouping step."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random

from tests.documents import plain_document

from conflictwatch.dedup import DuplicatePlan, band_keys, plan_group, signature
from conflictwatch.model import (
    Document,
)
from conflictwatch.store import SqlStore

_LETTERS = "abcdefghiklmnoprstuvyz"
_VOCABULARY_RNG = random.Random(7)
_VOCABULARY = [
    "".join(_VOCABULARY_RNG.choices(_LETTERS, k=_VOCABULARY_RNG.randint(2, 9))) for _ in range(3000)
]


def story_words(seed: int, count: int) -> list[str]:
    """`count` words of a synthetic story; the same seed gives the same story."""
    return random.Random(seed).choices(_VOCABULARY, k=count)


def document(text: str, published: dt.date | None, *, doc_id: str | None = None) -> Document:
    """A minimal Document for `text`, with an id derived from it as the pipeline does."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return plain_document(
        doc_id or digest,
        text,
        published,
        raw_sha256=digest,
        origin="test",
        segments=(),
        paragraphs=(),
    )


def ingest(store: SqlStore, doc: Document) -> DuplicatePlan:
    """The pipeline's grouping step for one document, as described in conflictwatch.dedup."""
    sig = signature(doc.text)
    bands = band_keys(sig)
    candidates = store.near_duplicate_candidates(bands, exclude=doc.id)
    plan = plan_group(doc.id, doc.published.value, sig, candidates, store.duplicate_group)
    store.save_document(
        dataclasses.replace(doc, duplicate_of=plan.duplicate_of),
        signature=sig,
        bands=bands,
        repoint=plan.repoint,
    )
    return plan


def groups(store: SqlStore) -> dict[str, str | None]:
    """Every stored document id with its duplicate_of."""
    return {doc.id: doc.duplicate_of for doc in store.iter_documents()}

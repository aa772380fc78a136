"""Small records the store hands to other stages (kept apart so `dedup` imports no SQL code)."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateCandidate:
    """A stored document as near-duplicate grouping sees it."""

    doc_id: str
    signature: bytes  # MinHash signature as stored (see conflictwatch.dedup.signature)
    published: dt.date | None
    duplicate_of: str | None  # None when the document is the canonical copy of its group

    @property
    def canonical_id(self) -> str:
        """The id of the group this document belongs to."""
        return self.duplicate_of or self.doc_id


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionRecord:
    """One document's extraction run as stored."""

    doc_id: str
    language: str
    skipped: str | None  # why no events were extracted (e.g. not English), else None
    sentences: int
    parsed: int
    mentions: int

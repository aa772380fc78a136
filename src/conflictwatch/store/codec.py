"""Documents to table rows and back, losing nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import RowMapping

from ..model import (
    DatePrecision,
    DateProvenance,
    Document,
    Furniture,
    MediaType,
    PublicationDate,
    Segment,
)
from .records import DuplicateCandidate

# Columns copied as they are between `Document` and its row.
_PLAIN_FIELDS = (
    "id",
    "raw_sha256",
    "origin",
    "url",
    "title",
    "author",
    "outlet",
    "original_source",
    "credit_evidence",
    "language",
    "text",
    "source_text",
)


def _dump(value: Any) -> str:
    # Compact arrays rather than one object per item: a long article has thousands of segments.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_row(doc: Document, *, signature: bytes) -> dict[str, Any]:
    """Column values for `doc` (without the timestamps, which the store sets)."""
    row: dict[str, Any] = {name: getattr(doc, name) for name in _PLAIN_FIELDS}
    row.update(_published_columns(doc.published))
    row["media_type"] = doc.media_type.value
    row["segments"] = _dump([[s.clean_start, s.source_start, s.length] for s in doc.segments])
    row["paragraphs"] = _dump([list(p) for p in doc.paragraphs])
    row["furniture"] = _dump([[f.start, f.end, f.reason, f.text] for f in doc.furniture])
    row["duplicate_of"] = None if doc.duplicate_of == doc.id else doc.duplicate_of
    row["minhash"] = signature
    return row


def _published_columns(published: PublicationDate) -> dict[str, Any]:
    return {
        "published": published.value,
        "published_precision": published.precision.value,
        "published_provenance": published.provenance.value,
        "published_evidence": published.evidence,
        "published_earliest": published.earliest,
        "published_latest": published.latest,
    }


def document_from_row(row: RowMapping) -> Document:
    """The `Document` a row of the documents table holds."""
    plain = {name: row[name] for name in _PLAIN_FIELDS}
    return Document(
        **plain,
        media_type=MediaType(row["media_type"]),
        published=_published_from_row(row),
        segments=tuple(
            Segment(clean_start=c, source_start=s, length=n) for c, s, n in _load(row, "segments")
        ),
        paragraphs=tuple((start, end) for start, end in _load(row, "paragraphs")),
        furniture=tuple(
            Furniture(start=s, end=e, reason=r, text=t) for s, e, r, t in _load(row, "furniture")
        ),
        duplicate_of=row["duplicate_of"],
        ingested_at=row["ingested_at"],
    )


def _load(row: RowMapping, column: str) -> list[Any]:
    loaded: list[Any] = json.loads(row[column])
    return loaded


def _published_from_row(row: RowMapping) -> PublicationDate:
    return PublicationDate(
        value=_as_date(row["published"]),
        precision=DatePrecision(row["published_precision"]),
        provenance=DateProvenance(row["published_provenance"]),
        evidence=row["published_evidence"],
        earliest=_as_date(row["published_earliest"]),
        latest=_as_date(row["published_latest"]),
    )


def _as_date(value: dt.date | None) -> dt.date | None:
    # Some drivers return datetimes for DATE columns; the record holds plain dates.
    return value.date() if isinstance(value, dt.datetime) else value


def candidate_from_row(row: RowMapping) -> DuplicateCandidate:
    return DuplicateCandidate(
        doc_id=row["id"],
        signature=bytes(row["minhash"]),
        published=_as_date(row["published"]),
        duplicate_of=row["duplicate_of"],
    )

"""A plain-text Document for tests that need one stored: one paragraph, no site furniture."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from conflictwatch.model import (
    DatePrecision,
    DateProvenance,
    Document,
    MediaType,
    PublicationDate,
    Segment,
)


def plain_document(
    doc_id: str,
    text: str,
    published: dt.date | None,
    *,
    provenance: DateProvenance = DateProvenance.TEXT,
    **fields: Any,
) -> Document:
    """`text` as clean and source text of one paragraph, dated `published` to the day (unknown
    when None); `fields` override any other field."""
    date = (
        PublicationDate(value=published, precision=DatePrecision.DAY, provenance=provenance)
        if published
        else PublicationDate.unknown()
    )
    document = Document(
        id=doc_id,
        raw_sha256="0" * 64,
        origin=f"{doc_id}.txt",
        media_type=MediaType.TEXT,
        url=None,
        title=None,
        author=None,
        outlet=None,
        original_source=None,
        credit_evidence=None,
        published=date,
        language="en",
        text=text,
        source_text=text,
        segments=(Segment(clean_start=0, source_start=0, length=len(text)),),
        paragraphs=((0, len(text)),),
        furniture=(),
    )
    return dataclasses.replace(document, **fields) if fields else document

"""Ingest stage: read files, directories, JSON/JSONL, feeds, WARCs and URLs into RawItems.

Bytes are kept as they arrived; the pipeline decodes them with `decode_bytes`.
"""

from conflictwatch.ingest.decode import decode_bytes, looks_binary
from conflictwatch.ingest.fetch import (
    DEFAULT_LIMITS,
    AddressPolicy,
    FakeFetcher,
    FetchedPage,
    Fetcher,
    HttpFetcher,
    IngestLimits,
)
from conflictwatch.ingest.sources import iter_items, iter_url

__all__ = [
    "DEFAULT_LIMITS",
    "AddressPolicy",
    "FakeFetcher",
    "FetchedPage",
    "Fetcher",
    "HttpFetcher",
    "IngestLimits",
    "decode_bytes",
    "iter_items",
    "iter_url",
    "looks_binary",
]

"""The ingest entry point: expand paths and URLs into RawItems, one ItemError per bad item."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest.feeds import iter_feed
from conflictwatch.ingest.fetch import (
    DEFAULT_LIMITS,
    FetchedPage,
    Fetcher,
    HttpFetcher,
    IngestLimits,
)
from conflictwatch.ingest.files import iter_path
from conflictwatch.ingest.sniff import (
    SNIFF_BYTES,
    error_item,
    item_error,
    looks_like_feed,
    page_media_type,
)
from conflictwatch.model import ItemError, RawItem

_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def iter_items(
    inputs: Sequence[str],
    *,
    fetcher: Fetcher | None = None,
    limits: IngestLimits = DEFAULT_LIMITS,
) -> Iterator[RawItem | ItemError]:
    """One RawItem per article found in the inputs (paths or http(s) URLs), in input order.

    Never raises for a bad item: each yields an ItemError and the run goes on. Without a
    fetcher, an HttpFetcher is used (and closed) for URLs and for feed entries' links.
    """
    if fetcher is not None:
        yield from _iter_sources(inputs, fetcher, limits)
        return
    http_fetcher = HttpFetcher()
    try:
        yield from _iter_sources(inputs, http_fetcher, limits)
    finally:
        http_fetcher.close()


def _iter_sources(
    inputs: Sequence[str], fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    for source in inputs:
        yield from _iter_source(source, fetcher, limits)


def _iter_source(
    source: str, fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    scheme = urlsplit(source).scheme.lower()
    if scheme in {"http", "https"}:
        yield from iter_url(source, fetcher=fetcher, limits=limits)
    elif "://" in source:
        yield item_error(source, Code.UNSUPPORTED, f"{scheme}: URLs are not supported; use http(s)")
    else:
        yield from iter_path(Path(source), fetcher=fetcher, limits=limits)


def iter_url(url: str, *, fetcher: Fetcher, limits: IngestLimits) -> Iterator[RawItem | ItemError]:
    """A fetched page as one item, or each entry when the page is a feed."""
    try:
        page = fetcher.fetch(url, limits=limits)
    except IngestError as error:
        yield error_item(url, error)
        return
    if page.content_type in _FEED_TYPES or looks_like_feed(page.data[:SNIFF_BYTES]):
        yield from iter_feed(
            page.data, origin=url, fetcher=fetcher, limits=limits, base_url=page.url
        )
    else:
        yield _page_item(url, page)


def _page_item(url: str, page: FetchedPage) -> RawItem | ItemError:
    if not page.data.strip():
        return item_error(url, Code.EMPTY, "the page is empty; nothing to read")
    media_type = page_media_type(page.content_type, page.data)
    if media_type is None:
        kind = page.content_type or "binary data"
        return item_error(url, Code.UNSUPPORTED, f"the page is {kind}, not HTML or text; skipped")
    return RawItem(
        origin=url, data=page.data, media_type=media_type, url=page.url, encoding=page.encoding
    )

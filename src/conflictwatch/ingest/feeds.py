"""RSS and Atom feeds: one article per entry, fetching the full page behind short summaries."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest.fetch import FetchedPage, Fetcher, IngestLimits
from conflictwatch.ingest.sniff import error_item, item_error, page_media_type
from conflictwatch.model import DateProvenance, ItemError, MediaType, RawItem

# Entries whose text is shorter than this are teasers, not articles.
SHORT_SUMMARY_CHARS = 400
_TRUNCATION_MARKS = re.compile(
    r"(\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|read more|continue reading)\W*\Z", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def iter_feed(
    data: bytes, *, origin: str, fetcher: Fetcher, limits: IngestLimits, base_url: str | None = None
) -> Iterator[RawItem | ItemError]:
    """Each entry of an RSS/Atom document as a RawItem (origin "ORIGIN#INDEX")."""
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers)
    entries: list[Any] = parsed.entries
    if not entries:
        yield _empty_feed_error(origin, parsed)
        return
    outlet = _text_or_none(parsed.feed.get("title"))
    for index, entry in enumerate(entries[: limits.max_feed_items]):
        yield _entry_item(entry, f"{origin}#{index}", outlet, fetcher, limits)
    if len(entries) > limits.max_feed_items:
        yield item_error(
            origin,
            Code.TOO_LARGE,
            f"feed has {len(entries)} entries, only the first {limits.max_feed_items} were read;"
            " raise max_feed_items",
        )


def _empty_feed_error(origin: str, parsed: Any) -> ItemError:
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception") or "unknown error"
        return item_error(origin, Code.BAD_FEED, f"malformed feed ({reason}); check the feed XML")
    return item_error(origin, Code.EMPTY, "feed holds no entries; nothing to read")


def _entry_item(
    entry: Any, origin: str, outlet: str | None, fetcher: Fetcher, limits: IngestLimits
) -> RawItem | ItemError:
    body = _entry_body(entry)
    item = _body_item(entry, body, origin, outlet)
    has_body = bool(plain_text(body))
    if item.url and limits.follow_links and is_teaser(body):
        fetched = _fetch_article(item.url, fetcher, limits)
        if isinstance(fetched, IngestError):
            return item if has_body else error_item(origin, fetched)
        page, media_type = fetched
        return dataclasses.replace(
            item, data=page.data, media_type=media_type, url=page.url, encoding=page.encoding
        )
    if not has_body:
        return item_error(origin, Code.BAD_RECORD, "feed entry has no content and no link")
    return item


def _body_item(entry: Any, body: str, origin: str, outlet: str | None) -> RawItem:
    """The entry as given in the feed: its own HTML body and metadata."""
    published = _text_or_none(entry.get("published") or entry.get("updated"))
    return RawItem(
        origin=origin,
        data=body.encode("utf-8"),
        media_type=MediaType.HTML,
        url=_text_or_none(entry.get("link")),
        title=_text_or_none(entry.get("title")),
        published=published,
        published_from=DateProvenance.METADATA if published else None,
        source=outlet,
        encoding="utf-8",
    )


def _entry_body(entry: Any) -> str:
    """The longest of the entry's content blocks (content:encoded, Atom content) and summary."""
    blocks = [block.get("value") for block in entry.get("content") or []]
    blocks.append(entry.get("summary"))
    texts = [block for block in blocks if isinstance(block, str)]
    return max(texts, key=len, default="")


def is_teaser(body: str) -> bool:
    """True for a body that is only a summary: short, or cut off with an ellipsis mark."""
    text = plain_text(body)
    return len(text) < SHORT_SUMMARY_CHARS or _TRUNCATION_MARKS.search(text) is not None


def plain_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (enough to measure length)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _fetch_article(
    link: str, fetcher: Fetcher, limits: IngestLimits
) -> tuple[FetchedPage, MediaType] | IngestError:
    try:
        page = fetcher.fetch(link, limits=limits)
    except IngestError as error:
        return error
    media_type = page_media_type(page.content_type, page.data)
    if media_type is None:
        return IngestError(Code.UNSUPPORTED, f"{link} is not an HTML page; it was skipped")
    return page, media_type


def _text_or_none(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None

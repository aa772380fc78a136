"""Recognise a format from the first bytes, for inputs whose name or type says nothing."""

from __future__ import annotations

import re
import zlib

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest.decode import looks_binary
from conflictwatch.model import ItemError, MediaType

SNIFF_BYTES = 4096
_BOM = b"\xef\xbb\xbf"
# Prolog that may precede the first element: XML declaration, comments, doctype, whitespace.
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_FIRST_TAG = re.compile(rb"<([A-Za-z][\w:.\-]*)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf", b"rdf"})
_HTML_START = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def _strip_bom(head: bytes) -> bytes:
    return head[len(_BOM) :] if head.startswith(_BOM) else head


def root_element(head: bytes) -> bytes | None:
    """Lower-case name of the first element after the XML prolog, if the bytes start with markup."""
    head = _strip_bom(head)
    match = _FIRST_TAG.match(_PROLOG.sub(b"", head, count=1))
    return match.group(1).lower() if match else None


def looks_like_feed(head: bytes) -> bool:
    """RSS, Atom or RDF (RSS 1.0) by the document's root element."""
    return root_element(head) in _FEED_ROOTS


def looks_like_html(head: bytes) -> bool:
    """Content that opens with an HTML doctype or <html> element."""
    return _HTML_START.match(_strip_bom(head)) is not None or root_element(head) == b"html"


def looks_like_warc(head: bytes) -> bool:
    """An uncompressed WARC, or a gzip file whose first member decompresses to one."""
    if head.startswith(b"WARC/"):
        return True
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        opened = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(head, 16)
    except zlib.error:
        return False
    return opened.startswith(b"WARC/")


def item_error(origin: str, code: Code, message: str) -> ItemError:
    return ItemError(origin=origin, code=code.value, message=message)


def error_item(origin: str, error: IngestError) -> ItemError:
    """The ItemError for an IngestError raised while reading `origin`."""
    return item_error(origin, error.code, error.message)


_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def page_media_type(content_type: str | None, data: bytes) -> MediaType | None:
    """How to read a fetched page: HTML, plain text, or None when it is no article at all."""
    if looks_binary(data):
        return None
    if content_type in _HTML_TYPES or looks_like_html(data[:SNIFF_BYTES]):
        return MediaType.HTML
    if content_type is None or content_type == "text/plain":
        return MediaType.TEXT
    return None

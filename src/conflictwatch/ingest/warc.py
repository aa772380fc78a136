"""WARC archives (plain or gzip): each successful HTML response is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from conflictwatch.errors import Code
from conflictwatch.ingest.fetch import IngestLimits, split_content_type
from conflictwatch.ingest.sniff import SNIFF_BYTES, item_error, looks_like_warc
from conflictwatch.model import ItemError, MediaType, RawItem

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DRAIN_CHUNK = 1 << 16
_WARC_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation"}
)  # fmt: skip


class _TruncatedRecord(Exception):
    """A record that is cut short or malformed in a way warcio lets pass."""


def iter_warc(path: Path, *, limits: IngestLimits) -> Iterator[RawItem | ItemError]:
    """RawItems for the HTML responses, streamed; a damaged archive ends with one E008."""
    size = path.stat().st_size
    position = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            _check_starts_as_warc(stream)
            for record in records:
                _check_record_is_sound(record, records.err_count)
                item = _record_item(record, f"{path}#{position}", limits)
                if item is not None:
                    yield item
                position += 1
            if records.offset < size:
                # warcio stops quietly at a gzip member cut short: the bytes left say so.
                raise _TruncatedRecord("the archive ends inside a compressed record")
        # warcio signals damage with assorted types (ArchiveLoadFailed, zlib.error, EOFError,
        # even AttributeError on cut headers), so any error while parsing counts as damage.
        except Exception as error:
            yield _damage_error(path, position, records.offset, error)


def _check_starts_as_warc(stream: BinaryIO) -> None:
    """Refuse non-WARC content up front: warcio would read it as empty records."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not looks_like_warc(head):
        raise _TruncatedRecord("the file does not start with a WARC record")


def _check_record_is_sound(record: Any, stray_lines_seen: int) -> None:
    """Headers every WARC record must have; warcio counts stray bytes between records."""
    if stray_lines_seen:
        raise _TruncatedRecord("stray bytes between records (a wrong Content-Length?)")
    if record.rec_type not in _WARC_TYPES or not record.rec_headers.get_header("Content-Length"):
        raise _TruncatedRecord("the record's WARC headers are incomplete")


def _record_item(record: Any, origin: str, limits: IngestLimits) -> RawItem | ItemError | None:
    """The article in one record, None for records that hold none; checks the record is whole."""
    wanted = _is_html_ok_response(record)
    payload = record.content_stream().read(limits.max_bytes + 1) if wanted else b""
    _drain_checking_length(record)
    if not wanted:
        return None
    if len(payload) > limits.max_bytes:
        return item_error(
            origin, Code.TOO_LARGE, f"page exceeds {limits.max_bytes} bytes; raise max_bytes"
        )
    _, charset = split_content_type(record.http_headers.get_header("Content-Type"))
    url = record.rec_headers.get_header("WARC-Target-URI")
    # WARC-Date is when the crawler saw the page, not when it was published: not used.
    return RawItem(
        origin=origin, data=payload, media_type=MediaType.HTML, url=url, encoding=charset
    )


def _is_html_ok_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    media_type, _ = split_content_type(record.http_headers.get_header("Content-Type"))
    return record.http_headers.get_statuscode() == "200" and media_type in _HTML_TYPES


def _drain_checking_length(record: Any) -> None:
    """Read what is left of the record; bytes still owed after EOF mean it was cut short."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _TruncatedRecord("the record ends before its declared length")


def _damage_error(path: Path, position: int, offset: int, error: Exception) -> ItemError:
    reason = str(error) or type(error).__name__
    return item_error(
        f"{path}#{position}",
        Code.BAD_WARC,
        f"WARC record {position} (near byte {offset}) is truncated or corrupt ({reason});"
        " the records before it were read",
    )

"""JSON and JSONL inputs: one article per record, with optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from conflictwatch.errors import Code
from conflictwatch.ingest.fetch import IngestLimits
from conflictwatch.ingest.sniff import item_error
from conflictwatch.model import DateProvenance, ItemError, MediaType, RawItem

_BODY_FIELDS = (("text", MediaType.TEXT), ("html", MediaType.HTML))
_CHUNK = 1 << 16


def record_item(record: Any, *, origin: str, limits: IngestLimits) -> RawItem | ItemError:
    """The RawItem for one decoded JSON record, or why it cannot be one."""
    body = _body(record) if isinstance(record, dict) else None
    if body is None:
        return item_error(
            origin, Code.BAD_RECORD, "not an object with a non-empty `text` or `html` field"
        )
    data = body[0].encode("utf-8", errors="surrogatepass")
    if len(data) > limits.max_bytes:
        return item_error(
            origin, Code.TOO_LARGE, f"record body exceeds {limits.max_bytes} bytes; raise max_bytes"
        )
    return _with_metadata(record, origin=origin, data=data, media_type=body[1])


def _with_metadata(
    record: dict[str, Any], *, origin: str, data: bytes, media_type: MediaType
) -> RawItem:
    published = _scalar(record.get("published"))
    return RawItem(
        origin=origin,
        data=data,
        media_type=media_type,
        url=_scalar(record.get("url")),
        title=_scalar(record.get("title")),
        published=published,
        published_from=DateProvenance.GIVEN if published else None,
        source=_scalar(record.get("source")),
        encoding="utf-8",
    )


def _body(record: dict[str, Any]) -> tuple[str, MediaType] | None:
    """`text` before `html`: a record that gives both has already chosen its article text."""
    for field, media_type in _BODY_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value, media_type
    return None


def _scalar(value: Any) -> str | None:
    """A metadata field as a string; numbers (e.g. epoch dates) kept as written, others dropped."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    return None


def iter_json(path: Path, *, limits: IngestLimits) -> Iterator[RawItem | ItemError]:
    """A .json file: one object, or an array of objects (origin "path#INDEX")."""
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        yield item_error(str(path), Code.BAD_JSON, f"not valid JSON ({error}); fix the file")
        return
    if isinstance(document, list):
        for index, record in enumerate(document):
            yield record_item(record, origin=f"{path}#{index}", limits=limits)
    else:
        yield record_item(document, origin=str(path), limits=limits)


def iter_jsonl(path: Path, *, limits: IngestLimits) -> Iterator[RawItem | ItemError]:
    """A .jsonl/.ndjson file, read line by line (origin "path:LINE", counted from 1)."""
    with path.open("rb") as stream:
        for number, line in enumerate(_bounded_lines(stream, limits.max_bytes), start=1):
            origin = f"{path}:{number}"
            if line is None:
                yield item_error(
                    origin, Code.TOO_LARGE, f"line exceeds {limits.max_bytes} bytes; skipped"
                )
            elif line.strip():
                yield _line_item(line, origin=origin, limits=limits)


def _line_item(line: bytes, *, origin: str, limits: IngestLimits) -> RawItem | ItemError:
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as error:
        return item_error(origin, Code.BAD_JSON, f"line is not valid JSON ({error}); fix it")
    return record_item(record, origin=origin, limits=limits)


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of the stream, or None for a line longer than max_bytes (skipped unread)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield None
        else:
            yield line


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return

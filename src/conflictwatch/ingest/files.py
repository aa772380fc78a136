"""Local paths: files of every supported kind, and directories walked recursively."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator
from pathlib import Path

from conflictwatch.errors import Code
from conflictwatch.ingest.decode import looks_binary
from conflictwatch.ingest.feeds import iter_feed
from conflictwatch.ingest.fetch import Fetcher, IngestLimits
from conflictwatch.ingest.records import iter_json, iter_jsonl
from conflictwatch.ingest.sniff import (
    SNIFF_BYTES,
    item_error,
    looks_like_feed,
    looks_like_html,
    looks_like_warc,
)
from conflictwatch.ingest.warc import iter_warc
from conflictwatch.model import ItemError, MediaType, RawItem


class Kind(enum.Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"
    XML = "xml"  # a feed or XHTML, decided by content
    UNKNOWN = "unknown"  # text, HTML, feed or WARC, decided by content


_KIND_BY_SUFFIX: dict[str, Kind] = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".json": Kind.JSON,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
    ".xml": Kind.XML,
    ".warc": Kind.WARC,
}
# Containers hold many articles: max_bytes bounds each article in them, not the whole file.
_CONTAINERS = frozenset({Kind.JSONL, Kind.WARC})


def iter_path(
    path: Path, *, fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    """The items of one input path: a file, or every file under a directory."""
    if path.is_dir():
        yield from iter_directory(path, fetcher=fetcher, limits=limits)
    elif path.is_file():
        yield from iter_file(path, fetcher=fetcher, limits=limits)
    elif path.exists():
        yield item_error(str(path), Code.UNSUPPORTED, "not a regular file or directory; skipped")
    else:
        yield item_error(str(path), Code.NOT_FOUND, "no such file or directory; check the path")


def iter_directory(
    root: Path, *, fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    """Every file under `root`, in sorted order, skipping hidden names."""
    for found in walk_files(root):
        if isinstance(found, ItemError):
            yield found
        else:
            yield from iter_file(found, fetcher=fetcher, limits=limits)


def walk_files(root: Path) -> Iterator[Path | ItemError]:
    """Regular files under `root`, sorted by name, hidden names skipped.

    Only the directories on the current path are remembered (to stop symlink loops), so
    memory does not grow with the number of files walked.
    """
    real_root = root.resolve()
    yield from _walk(root, real_root, real_root, frozenset({real_root}))


def _walk(
    directory: Path, real_dir: Path, real_root: Path, ancestors: frozenset[Path]
) -> Iterator[Path | ItemError]:
    """Walk `directory` (`real_dir` once symlinks are resolved) below the walk's `real_root`."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield item_error(str(directory), Code.NOT_FOUND, f"cannot list ({error.strerror})")
        return
    for entry in entries:
        if not entry.name.startswith("."):
            yield from _walk_entry(entry, real_dir, real_root, ancestors)


def _walk_entry(
    entry: os.DirEntry[str], real_dir: Path, real_root: Path, ancestors: frozenset[Path]
) -> Iterator[Path | ItemError]:
    if entry.is_symlink():
        yield from _walk_symlink(Path(entry.path), real_root, ancestors)
    elif entry.is_dir(follow_symlinks=False):
        real = real_dir / entry.name
        if real not in ancestors:  # reached through a linked parent: already walking it
            yield from _walk(Path(entry.path), real, real_root, ancestors | {real})
    elif entry.is_file(follow_symlinks=False):
        yield Path(entry.path)
    else:
        yield item_error(entry.path, Code.UNSUPPORTED, "not a regular file; skipped")


def _walk_symlink(
    path: Path, real_root: Path, ancestors: frozenset[Path]
) -> Iterator[Path | ItemError]:
    real = _real_path(path)
    if isinstance(real, ItemError):
        yield real
    elif not real.is_relative_to(real_root):
        yield _escape_error(path, real)
    elif _walk_reaches(real, real_root) or real in ancestors:
        return  # read under its own name (or a loop back up the tree): once is enough
    elif real.is_dir():
        yield from _walk(path, real, real_root, ancestors | {real})
    elif real.is_file():
        yield path
    else:
        yield item_error(str(path), Code.UNSUPPORTED, "not a regular file; skipped")


def _walk_reaches(real: Path, real_root: Path) -> bool:
    """True when the walk finds `real` on its own: no hidden name on the way from the root.

    Links into hidden folders are followed (git-annex and DVC keep the real files there).
    """
    return not any(part.startswith(".") for part in real.relative_to(real_root).parts)


def _real_path(path: Path) -> Path | ItemError:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python 3.11
        return item_error(str(path), Code.NOT_FOUND, "broken or looping symlink; fix or remove it")


def _escape_error(path: Path, real: Path) -> ItemError:
    return item_error(
        str(path),
        Code.ESCAPES_ROOT,
        f"symlink leads outside the input directory (to {real}); not read, pass it explicitly",
    )


def iter_file(
    path: Path, *, fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    """The items in one regular file, by its kind (suffix first, then content)."""
    try:
        yield from _iter_file(path, fetcher, limits)
    except OSError as error:
        yield item_error(str(path), Code.NOT_FOUND, f"cannot read ({error.strerror}); check access")


def _iter_file(path: Path, fetcher: Fetcher, limits: IngestLimits) -> Iterator[RawItem | ItemError]:
    kind = _kind_by_suffix(path)
    size = path.stat().st_size
    if size == 0:
        yield item_error(str(path), Code.EMPTY, "empty file; nothing to read")
    elif kind not in _CONTAINERS and size > limits.max_bytes:
        yield item_error(
            str(path), Code.TOO_LARGE, f"{size} bytes, over max_bytes={limits.max_bytes}; skipped"
        )
    else:
        yield from _read_kind(path, _kind_by_content(kind, _head(path)), fetcher, limits)


def _kind_by_suffix(path: Path) -> Kind:
    if path.name.lower().endswith(".warc.gz"):
        return Kind.WARC
    return _KIND_BY_SUFFIX.get(path.suffix.lower(), Kind.UNKNOWN)


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(SNIFF_BYTES)


def _kind_by_content(kind: Kind, head: bytes) -> Kind | Code:
    """Refine the suffix's guess by the first bytes; a Code when the content is unusable."""
    if kind in {Kind.JSON, Kind.JSONL, Kind.FEED, Kind.WARC}:
        return kind  # the parser reports damaged content more precisely than a sniff
    if looks_like_warc(head):
        return Kind.WARC
    if looks_binary(head):
        return Code.BINARY
    if kind in {Kind.XML, Kind.UNKNOWN} and looks_like_feed(head):
        return Kind.FEED
    if looks_like_html(head):
        return Kind.HTML
    if kind is Kind.XML:
        return Code.UNSUPPORTED
    return Kind.HTML if kind is Kind.HTML else Kind.TEXT


def _read_kind(
    path: Path, kind: Kind | Code, fetcher: Fetcher, limits: IngestLimits
) -> Iterator[RawItem | ItemError]:
    origin = str(path)
    if isinstance(kind, Code):
        yield item_error(origin, kind, _UNUSABLE_MESSAGES[kind])
    elif kind is Kind.JSONL:
        yield from iter_jsonl(path, limits=limits)
    elif kind is Kind.JSON:
        yield from iter_json(path, limits=limits)
    elif kind is Kind.WARC:
        yield from iter_warc(path, limits=limits)
    elif kind is Kind.FEED:
        data = _read_bounded(path, limits)
        yield from iter_feed(data, origin=origin, fetcher=fetcher, limits=limits)
    else:
        yield _document_item(path, kind, limits)


def _document_item(path: Path, kind: Kind, limits: IngestLimits) -> RawItem | ItemError:
    data = _read_bounded(path, limits)
    if not data.strip():
        return item_error(str(path), Code.EMPTY, "file holds only whitespace; nothing to read")
    media_type = MediaType.HTML if kind is Kind.HTML else MediaType.TEXT
    return RawItem(origin=str(path), data=data, media_type=media_type)


_UNUSABLE_MESSAGES = {
    Code.BINARY: "binary file (image, PDF, archive?), not text; skipped",
    Code.UNSUPPORTED: "XML that is neither a feed nor XHTML; skipped",
}


def _read_bounded(path: Path, limits: IngestLimits) -> bytes:
    with path.open("rb") as stream:
        return stream.read(limits.max_bytes)

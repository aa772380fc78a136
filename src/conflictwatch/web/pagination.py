"""Cursor pagination over the store's ordered listings.

A cursor is opaque to clients: base64url of "v1|<listing fingerprint>|<offset>". The offset counts
rows of the underlying ordered listing (before any filter applied here), and the fingerprint ties
the cursor to the listing and filters it came from, so a cursor pasted into another query is
refused instead of silently skipping rows. Offsets are simple but shift when rows are inserted
between two requests; keyset cursors can replace them behind the same opaque format.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from conflictwatch.web.errors import ApiError

T = TypeVar("T")

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
#: Most underlying rows one request reads while filtering; a sparse filter returns a short page
#: with a cursor rather than scanning the whole table in one request.
MAX_SCAN = 5000
_VERSION = "v1"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_offset: int | None


def fingerprint(listing: str, **filters: object) -> str:
    """A short digest naming a listing and its filters."""
    parts = [listing, *(f"{key}={filters[key]!r}" for key in sorted(filters))]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def encode_cursor(offset: int, listing: str) -> str:
    raw = f"{_VERSION}|{listing}|{offset}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, listing: str) -> int:
    """The offset `cursor` stands for (0 without one); ApiError 400 for anything else."""
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, named, offset = (
            base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii").split("|")
        )
        value = int(offset)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise ApiError(400, "cursor is not one this API issued", code="bad_cursor") from exc
    if version != _VERSION or named != listing or value < 0:
        raise ApiError(
            400,
            "cursor belongs to another listing or filter: start again without it",
            code="bad_cursor",
        )
    return value


def page_of(
    fetch: Callable[[int, int], Sequence[T]],
    *,
    offset: int,
    limit: int,
    keep: Callable[[T], bool] | None = None,
) -> Page[T]:
    """Up to `limit` rows from `offset` of the listing `fetch(limit, offset)` reads, keeping only
    rows `keep` accepts; `next_offset` is where the next page starts (None at the end)."""
    if keep is None:
        rows = list(fetch(limit + 1, offset))
        more = len(rows) > limit
        return Page(items=tuple(rows[:limit]), next_offset=offset + limit if more else None)
    found: list[T] = []
    position = offset
    chunk = max(limit * 2, 200)
    while position - offset < MAX_SCAN:
        rows = list(fetch(chunk, position))
        for index, row in enumerate(rows):
            if keep(row):
                found.append(row)
                if len(found) == limit:
                    after = position + index + 1
                    more = index + 1 < len(rows) or bool(fetch(1, after))
                    return Page(items=tuple(found), next_offset=after if more else None)
        position += len(rows)
        if len(rows) < chunk:
            return Page(items=tuple(found), next_offset=None)
    return Page(items=tuple(found), next_offset=position)


def slice_page(rows: Sequence[T], *, offset: int, limit: int) -> Page[T]:
    """A page of a listing already in memory."""
    end = offset + limit
    return Page(items=tuple(rows[offset:end]), next_offset=end if len(rows) > end else None)

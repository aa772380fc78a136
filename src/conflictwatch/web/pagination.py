"""Cursor pagination over the store's ordered listings.

Cursors are opaque to clients. Collections use keyset cursors: base64url of the JSON
["k1", <listing fingerprint>, <sort key of the last item shown>], so the next page starts right
after that item however deep it is and whatever was inserted meanwhile. Ranked search results use
offset cursors ("v1|<fingerprint>|<offset>"). The fingerprint ties a cursor to the listing and
filters it came from, so a cursor pasted into another query is refused instead of silently
skipping rows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any, Literal

from conflictwatch.web.errors import ApiError

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_VERSION = "v1"
_KEY_VERSION = "k1"
#: Largest offset an offset cursor may carry (ranked results deeper than this are not served).
MAX_OFFSET = 10_000

#: The shapes of sort keys: (date or None, id), (id,) or (sequence number,).
KeyShape = Literal["dated", "id", "seq"]


def fingerprint(listing: str, **filters: object) -> str:
    """A short digest naming a listing and its filters."""
    parts = [listing, *(f"{key}={filters[key]!r}" for key in sorted(filters))]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def encode_cursor(offset: int, listing: str) -> str:
    raw = f"{_VERSION}|{listing}|{offset}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _bad_cursor(message: str = "cursor is not one this API issued") -> ApiError:
    return ApiError(400, message, code="bad_cursor")


def encode_key(key: Sequence[Any], listing: str) -> str:
    """A keyset cursor for the item whose sort key is `key` (dates as ISO strings)."""
    values = [v.isoformat() if isinstance(v, dt.date) else v for v in key]
    raw = json.dumps([_KEY_VERSION, listing, values], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_key(cursor: str | None, listing: str, shape: KeyShape) -> tuple[Any, ...] | None:
    """The sort key `cursor` carries (None without one); ApiError 400 for anything else."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, named, values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, UnicodeError, binascii.Error) as exc:
        raise _bad_cursor() from exc
    if version != _KEY_VERSION or named != listing:
        raise _bad_cursor("cursor belongs to another listing or filter: start again without it")
    key = _checked_key(values, shape)
    if key is None:
        raise _bad_cursor()
    return key


def _checked_key(values: object, shape: KeyShape) -> tuple[Any, ...] | None:
    if not isinstance(values, list):
        return None
    if shape == "seq":
        ok = len(values) == 1 and type(values[0]) is int and values[0] >= 0
        return (values[0],) if ok else None
    if shape == "id":
        return (values[0],) if len(values) == 1 and isinstance(values[0], str) else None
    if len(values) != 2 or not isinstance(values[1], str):
        return None
    day = values[0]
    if day is None:
        return (None, values[1])
    try:
        return (dt.date.fromisoformat(day), values[1]) if isinstance(day, str) else None
    except ValueError:
        return None


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
    if version != _VERSION or named != listing or not 0 <= value <= MAX_OFFSET:
        raise ApiError(
            400,
            "cursor belongs to another listing or filter: start again without it",
            code="bad_cursor",
        )
    return value

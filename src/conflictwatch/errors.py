"""Numbered errors: each code names one cause and says what to do about it.

Hierarchy::

    ConflictwatchError
    ├── IngestError      E0xx  an input item cannot be read (the run goes on with the others)
    ├── CleanError       E1xx  an item was read but holds no article text
    │   (E2xx)                 a stored document could not be analyzed (reported per document)
    └── StoreError       E3xx  the database cannot be opened, migrated or written

E900 marks a bug caught at the run boundary: the item is reported and the run goes on.

Item-level problems are reported as `model.ItemError` values, not raised past the item: one bad
file never stops a run.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Stable error codes; the message templates live beside them so wording stays consistent."""

    NOT_FOUND = "E001"
    EMPTY = "E002"
    BINARY = "E003"
    TOO_LARGE = "E004"
    UNDECODABLE = "E005"
    BAD_JSON = "E006"
    BAD_FEED = "E007"
    BAD_WARC = "E008"
    FETCH_FAILED = "E009"
    ESCAPES_ROOT = "E010"
    UNSUPPORTED = "E011"
    BAD_RECORD = "E012"
    NO_TEXT = "E101"
    EXTRACT_FAILED = "E201"
    DB_OPEN = "E301"
    DB_SCHEMA = "E302"
    DB_WRITE = "E303"
    INTERNAL = "E900"


class ConflictwatchError(Exception):
    """Base class: carries a stable code and a one-line message."""

    code: Code

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"[{code.value}] {message}")
        self.code = code
        self.message = message


class IngestError(ConflictwatchError):
    """An input item cannot be read."""


class CleanError(ConflictwatchError):
    """An item holds no article text after cleaning."""


class StoreError(ConflictwatchError):
    """The database cannot be opened, migrated or written."""

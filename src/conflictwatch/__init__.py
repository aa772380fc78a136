"""conflictwatch: evidence-backed records of armed conflict from news reports."""

import logging

from conflictwatch.model import (
    CleanText,
    Credits,
    DatePrecision,
    DateProvenance,
    Document,
    Furniture,
    ItemError,
    MediaType,
    Overrides,
    PublicationDate,
    RawItem,
    Segment,
)

__version__ = "0.1.0"

__all__ = [
    "CleanText",
    "Credits",
    "DatePrecision",
    "DateProvenance",
    "Document",
    "Furniture",
    "ItemError",
    "MediaType",
    "Overrides",
    "PublicationDate",
    "RawItem",
    "Segment",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

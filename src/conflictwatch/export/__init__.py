"""Standard exports of what is stored: ACLED-compatible CSV, GeoJSON, PLOVER-style JSON lines, JSON lines.

Each format is a function writing to a text stream; `export(store, fmt, out)` picks one by name.
"""

from conflictwatch.export.formats import BINARY_FORMATS, FORMATS, export, export_binary

__all__ = ["BINARY_FORMATS", "FORMATS", "export", "export_binary"]

"""Reading the package's data tables (src/conflictwatch/data/*.tsv), one way for every stage.

Each table is tab-separated with a header line; lines starting with '#' are comments (provenance,
versions) and blank lines are skipped. No field is quoted, so quote characters are read literally.
"""

from __future__ import annotations

import csv
import importlib.resources


def data_text(name: str) -> str:
    """The text of data file `name`."""
    return (importlib.resources.files("conflictwatch") / "data" / name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of data table `name`, as header -> value."""
    lines = [line for line in data_text(name).splitlines() if line.strip() and line[:1] != "#"]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        {k: v if v is not None else "" for k, v in row.items() if k is not None} for row in reader
    ]

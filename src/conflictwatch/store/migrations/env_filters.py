"""Which database objects Alembic compares with `schema.metadata` (env.py and the tests use it)."""

from __future__ import annotations

from typing import Any

from conflictwatch.store.schema import is_search_table


def include_in_comparison(name: str | None, type_: str, _parents: Any) -> bool:
    """Everything but the full-text index, which is built per backend outside `metadata`."""
    return not (type_ == "table" and is_search_table(name))

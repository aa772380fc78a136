"""Which database objects Alembic compares with `schema.metadata` (env.py and the tests use it)."""

from __future__ import annotations

from typing import Any

from conflictwatch.store.schema import EXPRESSION_INDEXES, is_search_table


def include_in_comparison(name: str | None, type_: str, _parents: Any) -> bool:
    """Everything but the full-text index, which is built per backend outside `metadata`, and the
    expression indexes, whose reflected form differs by backend."""
    if type_ == "index" and name in EXPRESSION_INDEXES:
        return False
    return not (type_ == "table" and is_search_table(name))


def include_object_in_comparison(
    _object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """The same choice for the objects of `metadata`, which Alembic filters by `include_object`."""
    return include_in_comparison(name, type_, None)

"""Shared views of records for the command line and, later, the web app."""

from __future__ import annotations

from typing import Any

from conflictwatch.model import Casualty, Document, Mention


def mention_json(mention: Mention, doc: Document | None = None) -> dict[str, Any]:
    """The JSON object `events --json` prints: every field of the mention, plus who carried the story
    (`outlet`) and whose reporting it is (`original_source`), from its document."""
    view = mention.as_dict()
    view["outlet"] = doc.outlet if doc else None
    view["original_source"] = doc.original_source if doc else None
    return view


def count_label(low: int | None, high: int | None) -> str:
    """ "49", "≥49", "≤5000", "12–15" or "?"."""
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}–{high}"
    if low is not None:
        return f"≥{low}"
    if high is not None:
        return f"≤{high}"
    return "?"


def casualty_label(casualty: Casualty) -> str:
    """One line for a casualty figure, e.g. "≥12 killed (military, AZE, total)"."""
    notes = [casualty.population.value]
    if casualty.side:
        notes.append(casualty.side)
    if casualty.cumulative:
        notes.append("total")
    if casualty.hedged:
        notes.append("hedged")
    return f"{count_label(casualty.min, casualty.max)} {casualty.kind.value} ({', '.join(notes)})"

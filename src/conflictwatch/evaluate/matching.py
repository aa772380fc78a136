"""Maximum one-to-one matching between predictions and gold items, for scorers that credit each
prediction to at most one gold item (augmenting paths; the sets scored here are small)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

P = TypeVar("P")
G = TypeVar("G")


def max_matching(preds: Sequence[P], golds: Sequence[G], matches: Callable[[P, G], bool]) -> int:
    """How many gold items can each be credited to a different prediction that matches it."""
    partner: dict[int, int] = {}  # gold index -> index of the prediction credited with it

    def augment(i: int, seen: set[int]) -> bool:
        for j, gold in enumerate(golds):
            if j in seen or not matches(preds[i], gold):
                continue
            seen.add(j)
            if j not in partner or augment(partner[j], seen):
                partner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(preds)))

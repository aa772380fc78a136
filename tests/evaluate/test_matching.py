"""One-to-one credit between predictions and gold items."""

from __future__ import annotations

from conflictwatch.evaluate.matching import max_matching


def test_each_gold_item_is_credited_to_a_different_prediction() -> None:
    # Greedy would give "a" the first gold item it matches and leave "b" with nothing.
    matches = {("a", 1), ("a", 2), ("b", 1)}
    assert max_matching(["a", "b"], [1, 2], lambda p, g: (p, g) in matches) == 2
    # Two gold items equal once cut down: one prediction is credited once.
    assert max_matching(["x"], ["x", "x"], lambda p, g: p == g) == 1
    assert max_matching([], ["x"], lambda p, g: True) == 0

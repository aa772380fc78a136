"""`eval seeds`: the checks run, and the quality floor holds (a new miss fails the build)."""

from __future__ import annotations

from pathlib import Path

from conflictwatch.evaluate import evaluate

#: Checks the system is known to miss today, each with the reason. Shrink this list; never grow it
#: without saying why in the commit.
KNOWN_MISSES = {
    # "as many as 5,000 deaths on both sides" is read as a hedged upper bound, but nothing in its
    # sentence says it is a running total.
    "003: Russia estimates up to 5,000 deaths since 27 September",
    # Seed 001's "last week" and "in August" deaths are earlier incidents, but they link into the
    # September 2022 incident and lower its range to 1..49.
    "September 2022: at least 49 killed",
}


def test_seed_expectations_hold(seeds_dir: Path) -> None:
    result = evaluate("seeds", seeds_dir.parent)
    assert result.n == 5
    assert result.metrics["total"] >= 60
    assert set(result.failures) <= KNOWN_MISSES, sorted(set(result.failures) - KNOWN_MISSES)
    assert result.metrics["passed"] == result.metrics["total"] - len(result.failures)

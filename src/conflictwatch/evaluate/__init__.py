"""Scoring conflictwatch on benchmarks written by others (../shared/benchmarks) and on the seed expectations.

Each benchmark has one module here with a `score(data: Path, split: str | None) -> EvalResult` function,
written to the definition in that benchmark's README. `evaluate(name, ...)` finds the module through
`SCORERS`, so importing this package does not load spaCy or the gazetteer.
"""

from conflictwatch.evaluate.registry import SCORERS, evaluate
from conflictwatch.evaluate.result import EvalResult, UnknownBenchmark

__all__ = ["SCORERS", "EvalResult", "UnknownBenchmark", "evaluate"]

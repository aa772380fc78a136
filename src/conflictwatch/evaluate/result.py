"""The record every scorer returns."""

from __future__ import annotations

import dataclasses
from typing import Any


class UnknownBenchmark(LookupError):
    """Raised for a benchmark name that no scorer is registered under."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EvalResult:
    """One scorer's figures.

    `metrics` holds fractions in [0, 1], distances in km, or counts, under the keys named in the issue that
    asked for the scorer. `failures` lists human-readable checks that failed (used by `seeds`); `details`
    carries anything else worth printing (per-label counts, confusion tables) and stays JSON-ready.
    """

    benchmark: str
    split: str | None
    n: int
    metrics: dict[str, float]
    failures: tuple[str, ...] = ()
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "split": self.split,
            "n": self.n,
            "metrics": dict(self.metrics),
            "failures": list(self.failures),
            "details": self.details,
        }

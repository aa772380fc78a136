"""Benchmark names and the modules that score them, imported only when asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

from conflictwatch.evaluate.result import EvalResult, UnknownBenchmark

#: `score(data, split, **options)`; options are scorer-specific flags such as geo's `gold_spans`.
Scorer = Callable[..., EvalResult]

#: benchmark name -> module whose `score(data, split)` computes it.
SCORERS: dict[str, str] = {
    "seeds": "conflictwatch.evaluate.seeds",
    "tempeval3": "conflictwatch.evaluate.tempeval3",
    "geo": "conflictwatch.evaluate.geo",
    "muc4": "conflictwatch.evaluate.muc4",
    "gvdb": "conflictwatch.evaluate.gvdb",
    "india-police": "conflictwatch.evaluate.india_police",
    "plover": "conflictwatch.evaluate.plover",
    "petrarch": "conflictwatch.evaluate.petrarch",
    "gva": "conflictwatch.evaluate.gva",
}


def scorer_for(name: str) -> Scorer:
    """The `score` function registered under `name`."""
    module_name = SCORERS.get(name)
    if module_name is None:
        known = ", ".join(sorted(SCORERS))
        raise UnknownBenchmark(f"no benchmark called {name!r}; known: {known}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise UnknownBenchmark(f"the {name!r} scorer is not built yet") from exc
    return cast(Scorer, module.score)


#: Where each benchmark lives under ../shared when --data is not given.
DEFAULT_DATA: dict[str, str] = {
    "seeds": "..",
    "tempeval3": "tempeval3",
    "geo": "lgl/lgl.xml",
    "muc4": "muc4",
    "gvdb": "gvdb",
    "india-police": "india_police_events",
    "plover": "plover_gsr",
    "petrarch": "petrarch_validation",
    "gva": "gva_incidents",
}


def default_data(name: str, shared: Path) -> Path:
    """The benchmark's usual location given the `../shared/benchmarks` folder."""
    return (shared / DEFAULT_DATA.get(name, name)).resolve()


def evaluate(name: str, data: Path, split: str | None = None, **options: object) -> EvalResult:
    """Score the system on benchmark `name` read from `data` (a file or folder, as its README says)."""
    return scorer_for(name)(data, split, **options)

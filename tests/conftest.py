"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _absent(what: str) -> None:
    """Skip a test that needs ../shared, or fail it where ../shared must be present (CI sets
    CONFLICTWATCH_REQUIRE_SHARED=1): a checkout without it would otherwise pass silently."""
    message = f"../shared/{what} is not beside the project"
    if os.environ.get("CONFLICTWATCH_REQUIRE_SHARED") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five reference articles, kept beside the project (skips when absent)."""
    path = SHARED / "seeds"
    if not path.is_dir():
        _absent("seeds")
    return path


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    path = SHARED / "benchmarks"
    if not path.is_dir():
        _absent("benchmarks")
    return path


def seed_file(seeds: Path, number: str) -> Path:
    """The seed whose file name starts with `number` (e.g. "003")."""
    (path,) = sorted(seeds.glob(f"{number}_*.txt"))
    return path

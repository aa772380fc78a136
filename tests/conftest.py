"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five reference articles, kept beside the project (skips when absent)."""
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return path


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    path = SHARED / "benchmarks"
    if not path.is_dir():
        pytest.skip("../shared/benchmarks is not beside the project")
    return path


def seed_file(seeds: Path, number: str) -> Path:
    """The seed whose file name starts with `number` (e.g. "003")."""
    (path,) = sorted(seeds.glob(f"{number}_*.txt"))
    return path

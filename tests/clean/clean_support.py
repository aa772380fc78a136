"""Shared helpers for the clean-stage tests (imported, not a conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.model import CleanText

SEEDS = Path("/work/shared/seeds")


def seed_text(prefix: str) -> str:
    """The raw seed article whose file name starts with `prefix`; skip when seeds are absent."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip("seed articles are not available")
    return matches[0].read_text(encoding="utf-8")


def assert_offsets_hold(cleaned: CleanText) -> None:
    """Segments copy text exactly, paragraphs tile the text, furniture slices the source."""
    for seg in cleaned.segments:
        clean = cleaned.text[seg.clean_start : seg.clean_start + seg.length]
        assert clean == cleaned.source_text[seg.source_start : seg.source_start + seg.length]
    covered = sum(seg.length for seg in cleaned.segments)
    joiners = 2 * (len(cleaned.paragraphs) - 1)
    assert covered + joiners == len(cleaned.text)
    pieces = [cleaned.text[a:b] for a, b in cleaned.paragraphs]
    assert "\n\n".join(pieces) == cleaned.text
    for item in cleaned.furniture:
        assert cleaned.source_text[item.start : item.end] == item.text

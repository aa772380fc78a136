"""The README's two commands are the project's contract with a newcomer and with CI."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", text, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_first_command_ingests_the_seeds_and_shows_them() -> None:
    first = readme_commands()[0]
    assert "conflictwatch ingest ../shared/seeds" in first
    assert "conflictwatch documents" in first
    assert "pip install" in first


def test_readme_second_command_is_what_ci_runs() -> None:
    second = readme_commands()[1]
    assert "pytest" in second
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert second in ci_lines

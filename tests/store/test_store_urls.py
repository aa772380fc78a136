"""Which database a run uses, and how its URL is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.store import open_store, resolve_db_url
from conflictwatch.store.urls import display_url


def test_default_is_a_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONFLICTWATCH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url(None) == f"sqlite:///{tmp_path.resolve() / 'conflictwatch.db'}"


def test_environment_variable_is_honored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTWATCH_DB", "postgresql://cw@db.internal:5433/news")
    assert resolve_db_url(None) == "postgresql+psycopg://cw@db.internal:5433/news"
    monkeypatch.setenv("CONFLICTWATCH_DB", str(tmp_path / "from-env.db"))
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'from-env.db'}"
    assert resolve_db_url("explicit.db").endswith("/explicit.db")  # an argument wins


def test_plain_paths_become_absolute_sqlite_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url("data/cw.db") == f"sqlite:///{tmp_path.resolve()}/data/cw.db"
    assert resolve_db_url("/srv/cw.db") == "sqlite:////srv/cw.db"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///rel.db", "sqlite:///rel.db"),
        ("sqlite:////abs/x.db", "sqlite:////abs/x.db"),
        ("sqlite://", "sqlite://"),
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_urls_pass_through_with_the_psycopg_driver(given: str, expected: str) -> None:
    assert resolve_db_url(given) == expected


def test_password_is_masked_when_shown(tmp_path: Path) -> None:
    assert display_url("postgresql+psycopg://cw:s3cret@h/db") == "postgresql+psycopg://cw:***@h/db"
    with open_store(str(tmp_path / "shown.db")) as store:
        assert store.url == f"sqlite:///{tmp_path / 'shown.db'}"

"""`serve --workers N`: each uvicorn worker builds its app from the settings' environment."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conflictwatch.cli import cli
from conflictwatch.store import open_store
from conflictwatch.web import app as web_app


def test_app_from_settings_reads_the_store_and_tokens_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "store.db")
    open_store(db).close()
    monkeypatch.setenv("CONFLICTWATCH_DB", db)
    monkeypatch.setenv("CONFLICTWATCH_TOKEN", "write-secret")
    monkeypatch.setenv("CONFLICTWATCH_READ_TOKEN", "read-secret")
    with TestClient(web_app.app_from_settings()) as client:
        assert client.get("/api/documents").status_code == 401
        reading = client.get("/api/documents", headers={"Authorization": "Bearer read-secret"})
        assert reading.status_code == 200 and reading.json()["items"] == []
        wrong = client.post(
            "/api/documents",
            json={"text": "x"},
            headers={"Authorization": "Bearer read-secret"},
        )
        assert wrong.status_code == 401  # the read token does not write


def test_serve_with_workers_hands_uvicorn_the_factory_and_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[uvicorn.Config, str, int]] = []

    class Supervisor:
        failed = False

        def __init__(self, config: uvicorn.Config, host: str, port: int) -> None:
            started.append((config, host, port))

        def run(self) -> None:
            pass

    monkeypatch.setattr("conflictwatch.web.workers.balances_connections", lambda: True)
    monkeypatch.setattr("conflictwatch.web.workers.ReusePortWorkers", Supervisor)
    # Set through monkeypatch so that what `serve` writes into the environment is undone after.
    monkeypatch.setenv("CONFLICTWATCH_READ_TOKEN", "left-over")
    monkeypatch.setenv("CONFLICTWATCH_DB", "before.db")
    monkeypatch.setenv("CONFLICTWATCH_TOKEN", "before")
    db = str(tmp_path / "store.db")
    web_app.serve(db, host="127.0.0.2", port=8125, token="t0ken", workers=3)
    ((config, host, port),) = started
    assert (host, port) == ("127.0.0.2", 8125)
    assert config.app == web_app.APP_FACTORY == "conflictwatch.web.app:app_from_settings"
    assert config.factory is True and config.workers == 3
    assert config.access_log is False  # no log line per request
    assert os.environ["CONFLICTWATCH_DB"] == db
    assert os.environ["CONFLICTWATCH_TOKEN"] == "t0ken"
    assert "CONFLICTWATCH_READ_TOKEN" not in os.environ  # not given: none, as in one process
    with pytest.raises(ValueError):
        web_app.serve(db, workers=0)


def test_serve_without_reuseport_shares_one_socket_through_uvicorns_supervisor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[uvicorn.Config, list[socket.socket]]] = []

    class Supervisor:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            started.append((config, sockets))

        def run(self) -> None:
            pass

    monkeypatch.setattr("conflictwatch.web.workers.balances_connections", lambda: False)
    monkeypatch.setattr("uvicorn.supervisors.Multiprocess", Supervisor)
    monkeypatch.setenv("CONFLICTWATCH_DB", "before.db")
    web_app.serve(str(tmp_path / "store.db"), port=0, workers=2)
    ((config, (listening,)),) = started
    try:
        assert config.workers == 2 and config.access_log is False
        # Accepted connections inherit it: no 40 ms waits for delayed ACKs behind Nagle.
        assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        listening.close()


def test_serve_reports_a_worker_that_could_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Failing:
        failed = True

        def __init__(self, config: uvicorn.Config, host: str, port: int) -> None:
            pass

        def run(self) -> None:
            pass

    monkeypatch.setattr("conflictwatch.web.workers.balances_connections", lambda: True)
    monkeypatch.setattr("conflictwatch.web.workers.ReusePortWorkers", Failing)
    monkeypatch.setenv("CONFLICTWATCH_DB", "before.db")
    with pytest.raises(RuntimeError, match="failed to start"):
        web_app.serve(str(tmp_path / "store.db"), port=0, workers=2)


def test_serve_command_takes_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr("conflictwatch.web.serve", lambda db, **options: seen.update(options))
    result = CliRunner().invoke(cli, ["serve", "--workers", "2", "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert seen["workers"] == 2 and seen["port"] == 8124
    refused = CliRunner().invoke(cli, ["serve", "--workers", "0"])
    assert refused.exit_code == 2


def test_serve_command_says_when_the_port_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTWATCH_DB", str(tmp_path / "before.db"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(
            cli, ["serve", "--workers", "2", "--port", port, "--db", str(tmp_path / "s.db")]
        )
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output

"""URLs POSTed to the API are fetched only from public addresses unless the operator lists more."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictwatch.errors import Code
from conflictwatch.web.app import create_app

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    b"<html><body><article><p>Two soldiers were killed when artillery shells hit a village near "
    b"the border on Tuesday, the defence ministry said. The ministry accused rebel forces of "
    b"shelling the village overnight, and said the attack broke the ceasefire.</p></article>"
    b"</body></html>"
)


@pytest.fixture
def internal_server() -> Iterator[tuple[str, list[str]]]:
    """A page on loopback, standing for a service inside the server's network."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _post_url(db: Path, url: str) -> tuple[int, dict[str, object]]:
    with TestClient(create_app(str(db), token=TOKEN, timeout=5.0)) as client:
        response = client.post("/api/documents", json={"url": url}, headers=AUTH)
        listed = client.get("/api/documents").json()
    return response.status_code, {"body": response.json(), "stored": len(listed["items"])}


def test_url_on_loopback_is_refused_and_never_fetched(
    internal_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, hits = internal_server
    monkeypatch.delenv("CONFLICTWATCH_FETCH_ALLOW_NETWORKS", raising=False)
    status, answer = _post_url(tmp_path / "store.db", url)
    assert status == 422
    body = answer["body"]
    assert isinstance(body, dict)
    assert body["error"]["code"] == Code.FETCH_FAILED.value
    assert "not a public address" in body["error"]["message"]
    assert hits == [] and answer["stored"] == 0


def test_operator_can_allow_a_private_network(
    internal_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, hits = internal_server
    monkeypatch.setenv("CONFLICTWATCH_FETCH_ALLOW_NETWORKS", "127.0.0.0/8")
    status, answer = _post_url(tmp_path / "store.db", url)
    assert status == 201, answer
    assert hits == ["/article"] and answer["stored"] == 1


def test_malformed_network_setting_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTWATCH_FETCH_ALLOW_NETWORKS", "10.0.0.0/8, intranet")
    with pytest.raises(ValueError, match="'intranet' is not a network"):
        create_app(str(tmp_path / "store.db"), token=TOKEN)


def test_serve_refuses_to_start_with_a_malformed_network_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from conflictwatch.cli import cli

    monkeypatch.setenv("CONFLICTWATCH_FETCH_ALLOW_NETWORKS", "300.1.1.1")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "store.db")])
    assert result.exit_code == 1
    assert "CONFLICTWATCH_FETCH_ALLOW_NETWORKS: '300.1.1.1' is not a network" in result.output

"""ETags, 304 Not Modified, and the response cache following every write to the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send
from tests.conftest import seed_file

from conflictwatch.pipeline import ingest
from conflictwatch.store import open_store
from conflictwatch.web import create_app
from conflictwatch.web.cache import CachedResponses, ResponseCache, _Entry, etag_of


@pytest.fixture(scope="module")
def client(seeded_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_db)) as test_client:
        yield test_client


def test_json_answers_carry_an_etag_and_a_match_gives_304(client: TestClient) -> None:
    first = client.get("/api/incidents")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag == etag_of(first.content).decode("ascii")
    assert first.headers["cache-control"] == "no-cache"
    assert first.headers["x-content-type-options"] == "nosniff"
    again = client.get("/api/incidents", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/api/incidents", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert other.content == first.content


def test_errors_and_exports_are_not_tagged(client: TestClient) -> None:
    assert "etag" not in client.get("/api/incidents?limit=0").headers
    assert "etag" not in client.get("/api/export?format=jsonl").headers


def test_a_write_by_another_process_is_seen_at_once(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    open_store(db).close()
    with TestClient(create_app(db)) as test_client:
        before = test_client.get("/api/documents")
        assert before.json()["items"] == []
        assert test_client.get("/api/documents").content == before.content  # from the cache
        with open_store(db) as writer:  # another connection, as another process would be
            ingest([str(seed_file(seeds_dir, "000"))], store=writer)
        after = test_client.get("/api/documents", headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert len(after.json()["items"]) == 1


def test_cache_is_bounded_by_entries_and_bytes() -> None:
    cache = ResponseCache(max_entries=2, max_bytes=1000)
    for n in range(3):
        cache.put(("k", n), _Entry([], b"x" * 100, etag_of(b"x")))
    assert len(cache) == 2
    assert cache.get(("k", 0)) is None and cache.get(("k", 2)) is not None
    cache.put(("big",), _Entry([], b"y" * 2000, etag_of(b"y")))  # larger than the whole cache
    assert cache.get(("big",)) is None
    cache.put(("k", 3), _Entry([], b"z" * 950, etag_of(b"z")))  # pushes the others out
    assert len(cache) == 1


class _GatedApp:
    """An ASGI app that answers `status` with the request's path once `gate` is set, counting
    the requests it has had to answer."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.calls: list[str] = []
        self.gate = anyio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls.append(scope["path"])
        await self.gate.wait()
        body = json.dumps({"path": scope["path"]}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _ask_together(app: _GatedApp, paths: list[str]) -> list[tuple[int, bytes]]:
    """Send GETs of `paths` through the cache all at once, then let `app` answer; (status,
    body) of each, in order."""
    cached = CachedResponses(app, cache=ResponseCache(), revision=lambda: "r1")
    answers: list[tuple[int, bytes]] = [(0, b"")] * len(paths)

    async def ask(n: int, path: str) -> None:
        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
        status, body = 0, b""

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            nonlocal status, body
            if message["type"] == "http.response.start":
                status = message["status"]
            else:
                body += message.get("body", b"")

        await cached(scope, receive, send)
        answers[n] = (status, body)

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for n, path in enumerate(paths):
                group.start_soon(ask, n, path)
            await anyio.sleep(0.05)  # every request has reached the cache
            app.gate.set()

    anyio.run(main)
    return answers


def test_identical_misses_at_once_are_computed_once() -> None:
    app = _GatedApp()
    paths = ["/api/a"] * 5 + ["/api/b"] * 2
    answers = _ask_together(app, paths)
    assert sorted(app.calls) == ["/api/a", "/api/b"]
    assert [status for status, _ in answers] == [200] * 7
    assert [json.loads(body)["path"] for _, body in answers] == paths


def test_waiters_answer_for_themselves_when_nothing_was_kept() -> None:
    app = _GatedApp(status=503)  # errors are never kept
    answers = _ask_together(app, ["/api/a"] * 3)
    assert app.calls == ["/api/a"] * 3
    assert [status for status, _ in answers] == [503] * 3

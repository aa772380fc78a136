"""The REST API over a store filled from two seed articles: reads, pagination, errors, writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conflictwatch.ingest.fetch import FakeFetcher, FetchedPage
from conflictwatch.web import create_app

TOKEN = "test-token-123"
#: The article size limit the writing tests run with.
MAX_BYTES = 1_000_000
PAGE_URL = "https://news.example/shelling"

ARTICLE = (
    "Two soldiers were killed and five wounded when artillery shells hit a village near the "
    "border on Tuesday, the defence ministry said. The ministry accused rebel forces of "
    "shelling the village of Kirovka overnight."
)


@pytest.fixture(scope="module")
def client(seeded_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_db, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    page = FetchedPage(
        url=PAGE_URL,
        data=f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode(),
        content_type="text/html",
    )
    pages = {PAGE_URL: page, "https://news.example/picture": b"\x89PNG\r\n\x1a\n\x00\x00\x00"}
    app = create_app(
        str(tmp_path / "empty.db"), token=TOKEN, max_bytes=MAX_BYTES, fetcher=FakeFetcher(pages)
    )
    with TestClient(app) as test_client:
        yield test_client


def _error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """Assert `response` is the error envelope with `status` (and `code`); return its error."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    error: dict[str, Any] = body["error"]
    return error


def _walk(client: TestClient, url: str, limit: int, **filters: str) -> list[dict[str, Any]]:
    """Every item of a collection, following cursors page by page."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(1000):
        params: dict[str, Any] = {"limit": limit, **filters}
        if cursor:
            params["cursor"] = cursor
        page = client.get(url, params=params).json()
        assert len(page["items"]) <= limit
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination never ended")


# -- documents -----------------------------------------------------------------------------------


def test_documents_list_summaries_without_text(client: TestClient) -> None:
    page = client.get("/api/documents").json()
    assert len(page["items"]) == 2
    assert page["next_cursor"] is None
    first = page["items"][0]
    assert "text" not in first
    assert len(first["id"]) == 16
    assert first["published"] <= page["items"][1]["published"]


def test_documents_paginate_one_at_a_time(client: TestClient) -> None:
    everything = client.get("/api/documents").json()["items"]
    assert _walk(client, "/api/documents", 1) == everything


def test_document_by_id_and_by_prefix(client: TestClient) -> None:
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    full = client.get(f"/api/documents/{doc_id}").json()
    assert full["id"] == doc_id
    assert full["text"] and "furniture" in full
    assert client.get(f"/api/documents/{doc_id[:6]}").json()["id"] == doc_id


def test_unknown_or_too_short_document_ids_are_404(client: TestClient) -> None:
    _error(client.get("/api/documents/ffffffffffffffff"), 404, "not_found")
    _error(client.get("/api/documents/ab"), 404, "not_found")
    _error(client.get("/api/documents/" + "a" * 300), 422, "invalid")


# -- events --------------------------------------------------------------------------------------


def test_events_filter_by_document_and_type(client: TestClient) -> None:
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    mine = _walk(client, "/api/events", 500, doc=doc_id[:8])
    assert mine and {m["doc_id"] for m in mine} == {doc_id}
    kind = mine[0]["type"]
    typed = client.get("/api/events", params={"type": kind.lower(), "limit": 500}).json()
    assert typed["items"] and {m["type"] for m in typed["items"]} == {kind}
    assert "outlet" in typed["items"][0]


def test_events_date_filter_keeps_overlapping_spans(client: TestClient) -> None:
    every = _walk(client, "/api/events", 500)
    dated = [m for m in every if m["date"] and m["date"]["start"]]
    assert dated
    day = dated[0]["date"]["start"]
    found = _walk(client, "/api/events", 3, date_from=day, date_to=day)
    assert found
    for mention in found:
        assert (
            mention["date"]["start"] <= day <= (mention["date"]["end"] or mention["date"]["start"])
        )
    expected = [
        m["id"]
        for m in dated
        if m["date"]["start"] <= day <= (m["date"]["end"] or m["date"]["start"])
    ]
    assert [m["id"] for m in found] == expected


def test_events_pages_join_up_to_the_whole_listing(client: TestClient) -> None:
    whole = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert len(whole) > 3
    assert [m["id"] for m in _walk(client, "/api/events", 3)] == [m["id"] for m in whole]


def test_bad_event_queries_are_4xx(client: TestClient) -> None:
    _error(client.get("/api/events?date_from=2020-13-45"), 422, "invalid")
    _error(client.get("/api/events?date_from=2020-10-05&date_to=2020-10-01"), 400, "bad_request")
    _error(client.get("/api/events?type=<script>"), 422, "invalid")
    _error(client.get("/api/events?doc=ffffffffffff"), 404, "not_found")


@pytest.mark.parametrize("limit", ["0", "501", "100000000000000000000", "-1", "ten", "1.5"])
def test_malformed_or_huge_limits_are_422(client: TestClient, limit: str) -> None:
    _error(client.get(f"/api/events?limit={limit}"), 422, "invalid")


def test_bad_cursors_are_400(client: TestClient) -> None:
    _error(client.get("/api/events?cursor=not-a-cursor!"), 400, "bad_cursor")
    _error(client.get("/api/events?cursor=" + "A" * 500), 422, "invalid")
    cursor = client.get("/api/events?limit=1").json()["next_cursor"]
    assert cursor
    # A cursor from one listing is refused by another, and by the same listing filtered otherwise.
    _error(client.get(f"/api/documents?cursor={cursor}"), 400, "bad_cursor")
    _error(client.get(f"/api/events?type=FIGHT&cursor={cursor}"), 400, "bad_cursor")


# -- incidents, ceasefires, timeline ---------------------------------------------------------------


def test_incidents_list_and_one_by_id(client: TestClient) -> None:
    incidents = client.get("/api/incidents").json()["items"]
    assert incidents
    assert _walk(client, "/api/incidents", 1) == incidents
    one = client.get(f"/api/incidents/{incidents[0]['id']}").json()
    assert one == incidents[0]
    assert one["documents"] and "claims" in one
    _error(client.get("/api/incidents/i000000000000000"), 404, "not_found")


def test_ceasefires_and_timeline(client: TestClient) -> None:
    ceasefires = client.get("/api/ceasefires").json()
    assert ceasefires["items"] and ceasefires["items"][0]["id"]
    assert ceasefires["next_cursor"] is None
    timeline = client.get("/api/timeline").json()
    assert timeline["episodes"] and timeline["entries"]


def test_unknown_route_and_method_use_the_envelope(client: TestClient) -> None:
    _error(client.get("/api/nowhere"), 404, "not_found")
    _error(client.delete("/api/documents"), 405, "method_not_allowed")


def test_responses_are_json_not_sniffable(client: TestClient) -> None:
    response = client.get("/api/documents")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


# -- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = {
        path: set(methods) for path, methods in spec["paths"].items() if path.startswith("/api/")
    }
    assert paths == {
        "/api/documents": {"get", "post"},
        "/api/documents/{doc_id}": {"get"},
        "/api/events": {"get"},
        "/api/mentions": {"get"},
        "/api/incidents": {"get"},
        "/api/incidents/{incident_id}": {"get"},
        "/api/episodes": {"get"},
        "/api/ceasefires": {"get"},
        "/api/timeline": {"get"},
        "/api/overview": {"get"},
        "/api/actors": {"get"},
        "/api/places": {"get"},
        "/api/changes": {"get"},
        "/api/stats": {"get"},
        "/api/search": {"get"},
        "/api/export": {"get"},
    }
    assert "ErrorEnvelope" in spec["components"]["schemas"]
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            assert "200" in operation["responses"] or "201" in operation["responses"], (
                path,
                method,
            )


# -- writing -------------------------------------------------------------------------------------


def test_post_runs_the_pipeline_and_the_document_is_readable(empty_client: TestClient) -> None:
    response = empty_client.post(
        "/api/documents",
        json={"text": ARTICLE, "title": "<script>alert(1)</script>", "published": "2021-03-02"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["outcome"] == "inserted"
    assert stored["document"]["published"] == "2021-03-02"
    assert stored["mentions"] >= 1
    doc = empty_client.get(f"/api/documents/{stored['document']['id']}").json()
    assert doc["title"] == "<script>alert(1)</script>"  # kept as data, served as JSON
    events = empty_client.get("/api/events").json()["items"]
    assert len(events) == stored["mentions"]
    again = empty_client.post(
        "/api/documents", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert again.json()["outcome"] == "unchanged"


def test_post_accepts_html(empty_client: TestClient) -> None:
    html = f"<html><head><title>Shelling</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    response = empty_client.post(
        "/api/documents", json={"html": html}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 201, response.text
    assert "artillery shells" in response.json()["document"]["text"]


def test_post_needs_the_token(empty_client: TestClient) -> None:
    body = {"text": ARTICLE}
    missing = _error(empty_client.post("/api/documents", json=body), 401, "unauthorized")
    assert "Bearer" in missing["message"]
    wrong = empty_client.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    _error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert empty_client.get("/api/documents").json()["items"] == []


def test_post_is_refused_without_a_configured_token(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "ro.db"))) as client:
        response = client.post(
            "/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer x"}
        )
        _error(response, 403, "forbidden")
        assert client.get("/api/documents").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ARTICLE, "html": "<p>x</p>"},
        {"text": ""},
        {"text": ARTICLE, "colour": "red"},
        {"text": 12},
        {"text": ARTICLE, "url": "u" * 5000},
    ],
)
def test_post_rejects_malformed_bodies(empty_client: TestClient, body: dict[str, Any]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _error(empty_client.post("/api/documents", json=body, headers=auth), 422, "invalid")


def test_post_rejects_non_json_and_non_articles(empty_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    raw = empty_client.post(
        "/api/documents", content=b"\xff\xfe{", headers={**auth, "Content-Type": "application/json"}
    )
    _error(raw, 400, "bad_request")
    blank = empty_client.post("/api/documents", json={"text": "   \n  "}, headers=auth)
    assert 400 <= blank.status_code < 500
    _error(blank, blank.status_code)
    table = empty_client.post("/api/documents", json={"text": "1 2 3\n4 5 6\n7 8 9"}, headers=auth)
    _error(table, 422, "not_an_article")
    assert empty_client.get("/api/documents").json()["items"] == []


def test_oversized_bodies_are_413(empty_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * (MAX_BYTES // 5 + 10)}
    _error(empty_client.post("/api/documents", json=big, headers=auth), 413, "too_large")

    def streamed() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"text": "'
        for _ in range(MAX_BYTES // 100_000 + 2):
            yield b"x" * 100_000
        yield b'"}'

    response = empty_client.post(
        "/api/documents",
        content=streamed(),
        headers={**auth, "Content-Type": "application/json"},
    )
    _error(response, 413, "too_large")


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_post_raw_text_with_metadata_in_the_query(empty_client: TestClient) -> None:
    response = empty_client.post(
        "/api/documents?title=Border%20shelling&published=2021-03-02",
        content=ARTICLE.encode(),
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    document = response.json()["document"]
    assert (document["title"], document["published"]) == ("Border shelling", "2021-03-02")


def test_post_raw_html_and_a_file_upload(empty_client: TestClient) -> None:
    html = f"<html><body><p>{ARTICLE}</p><script>alert(1)</script></body></html>"
    raw = empty_client.post(
        "/api/documents", content=html.encode(), headers={**AUTH, "Content-Type": "text/html"}
    )
    assert raw.status_code == 201, raw.text
    assert "alert(1)" not in raw.json()["document"]["text"]  # scripts are not article text
    upload = empty_client.post(
        "/api/documents",
        files={
            "file": ("story.txt", (ARTICLE + " A second report followed.").encode(), "text/plain")
        },
        data={"title": "<b>Uploaded</b>"},
        headers=AUTH,
    )
    assert upload.status_code == 201, upload.text
    assert upload.json()["document"]["title"] == "<b>Uploaded</b>"  # stored as text


def test_post_a_url_fetches_it(empty_client: TestClient) -> None:
    response = empty_client.post("/api/documents", json={"url": PAGE_URL}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert "artillery shells" in response.json()["document"]["text"]
    missing = empty_client.post(
        "/api/documents", json={"url": "https://news.example/none"}, headers=AUTH
    )
    assert missing.status_code == 422
    picture = empty_client.post(
        "/api/documents", json={"url": "https://news.example/picture"}, headers=AUTH
    )
    _error(picture, 415, "not_an_article")
    _error(
        empty_client.post("/api/documents", json={"url": "file:///etc/passwd"}, headers=AUTH),
        422,
        "invalid",
    )


def test_post_refuses_what_is_no_english_article(empty_client: TestClient) -> None:
    binary = empty_client.post(
        "/api/documents",
        files={"file": ("x.bin", b"\x00\x01\x02\xff" * 100, "application/octet-stream")},
        headers=AUTH,
    )
    _error(binary, 415, "not_an_article")
    empty = empty_client.post(
        "/api/documents", content=b"   ", headers={**AUTH, "Content-Type": "text/plain"}
    )
    _error(empty, 422, "not_an_article")
    french = (
        "Deux soldats ont été tués et cinq blessés lorsque des obus d'artillerie ont frappé un "
        "village près de la frontière mardi, a indiqué le ministère de la défense."
    )
    _error(
        empty_client.post("/api/documents", json={"text": french}, headers=AUTH),
        422,
        "not_english",
    )
    _error(
        empty_client.post(
            "/api/documents", content=b"<x/>", headers={**AUTH, "Content-Type": "image/svg+xml"}
        ),
        415,
        "unsupported_media_type",
    )
    assert empty_client.get("/api/documents").json()["items"] == []


def test_reading_can_require_a_token(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "closed.db"), token=TOKEN, read_token="reader-1")
    with TestClient(app) as client:
        _error(client.get("/api/incidents"), 401, "unauthorized")
        wrong = client.get("/api/incidents", headers={"Authorization": "Bearer nope"})
        _error(wrong, 401, "unauthorized")
        for token in ("reader-1", TOKEN):
            response = client.get("/api/incidents", headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200, token
        # the read token does not write
        writing = client.post(
            "/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer reader-1"}
        )
        _error(writing, 401, "unauthorized")

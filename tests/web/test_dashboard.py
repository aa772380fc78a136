"""The dashboard's pages over a store holding one seed and one hostile article: status codes, the
Content-Security-Policy, escaping of article text, 404 pages, evidence marks and greyed furniture."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import seed_file

from conflictwatch.link import Citation, link_documents
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import open_store
from conflictwatch.web import create_app, dashboard

HOSTILE_TITLE = "<script>alert(1)</script> Rally & <b>march</b>"
HOSTILE_TEXT = (
    "<script>alert(2)</script> City officials said on Monday that the new library will open in "
    "the spring. <img src=x onerror=alert(3)> The mayor said the building cost less than planned."
)


@pytest.fixture(scope="module")
def filled_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("dashboard")
    hostile = folder / "hostile.jsonl"
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "url": "javascript:alert(4)"}
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(folder / "store.db")
    with open_store(db) as store:
        ingest([str(seed_file(seeds_dir, "000")), str(hostile)], store=store)
        report = extract_stored(store)
        link_documents(store, [item.doc_id for item in report.extracted])
    return db


@pytest.fixture(scope="module")
def client(filled_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(filled_db)) as test_client:
        yield test_client


def _documents(client: TestClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/api/documents").json()["items"]
    return items


def _hostile_id(client: TestClient) -> str:
    (doc,) = [d for d in _documents(client) if d["title"] and "<script>" in d["title"]]
    return str(doc["id"])


def _incident(client: TestClient) -> dict[str, Any]:
    items = client.get("/api/incidents").json()["items"]
    assert items, "the seed should make at least one incident"
    first: dict[str, Any] = items[0]
    return first


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _assert_csp(response: Any) -> None:
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


# -- pages -------------------------------------------------------------------------------------


def test_dashboard_pages_return_html_with_csp(client: TestClient) -> None:
    incident = _incident(client)
    paths = [
        "/",
        "/?type=FIGHT&date_from=2020-01-01",
        "/search",
        "/search?q=ceasefire",
        f"/incidents/{incident['id']}",
        f"/documents/{incident['documents'][0]}",
        f"/documents/{incident['documents'][0][:10]}",  # a unique prefix
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        _assert_csp(response)
        tags = _parse(response.text).tags
        scripts = [attrs for tag, attrs in tags if tag == "script"]
        assert all(attrs.get("src", "").startswith("/dashboard/") for attrs in scripts), path
        inline_handlers = [n for _, attrs in tags for n in attrs if n.startswith("on")]
        assert inline_handlers == [], path
        assert not any("style" in attrs for _, attrs in tags), path  # the CSP forbids them


def test_dashboard_index_keeps_filter_values_escaped(client: TestClient) -> None:
    response = client.get("/", params={"actor": '"><script>alert(5)</script>', "type": "FIGHT"})
    assert response.status_code == 200
    assert "<script>alert(5)" not in response.text
    assert "&#34;&gt;&lt;script&gt;alert(5)&lt;/script&gt;" in response.text
    assert _parse(response.text).tags.count(("option", {"value": "FIGHT", "selected": None})) == 1


def test_dashboard_escapes_script_in_title_and_text(client: TestClient) -> None:
    doc_id = _hostile_id(client)
    page = client.get(f"/documents/{doc_id}").text
    assert "<script>alert(" not in page
    assert "<img src=x" not in page
    assert "<b>march</b>" not in page
    assert html.escape(HOSTILE_TITLE, quote=True) in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    # A javascript: address is never made a link.
    assert "javascript:" not in page


def test_dashboard_unknown_ids_give_a_404_page(client: TestClient) -> None:
    for path in (
        "/incidents/i0000000000000000",
        "/documents/ffffffffffff",
        "/incidents/%3Cscript%3E",
        "/documents/" + "a" * 200,
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
        _assert_csp(response)
        assert "Not found" in response.text
        assert "<script>" not in response.text.replace('<script src="', "")


def test_dashboard_incident_page_marks_evidence_sentences(client: TestClient) -> None:
    incident = _incident(client)
    doc = client.get(f"/api/documents/{incident['documents'][0]}").json()
    page = client.get(f"/incidents/{incident['id']}").text
    parsed = _parse(page)
    evidence = {
        claim["evidence"]["text"] for claims in incident["claims"].values() for claim in claims
    }
    assert parsed.marks, "no evidence was marked"
    for mark in parsed.marks:
        assert mark in doc["text"]
        assert any(sentence in mark for sentence in evidence)
    # Every claimant gets a column, and every claim sentence a marked span to link to.
    columns = [
        attrs for tag, attrs in parsed.tags if "claimant-column" in (attrs.get("class") or "")
    ]
    assert len(columns) == len(incident["claims"])
    anchors = {attrs["id"] for tag, attrs in parsed.tags if tag == "mark" and attrs.get("id")}
    links = {
        attrs["href"][1:]
        for tag, attrs in parsed.tags
        if tag == "a" and (attrs.get("href") or "").startswith("#ev-")
    }
    assert links and links <= anchors
    for field in (d["field"] for d in incident["disputed"]):
        assert html.escape(field) in page


def test_dashboard_document_page_greys_removed_furniture(client: TestClient) -> None:
    incident = _incident(client)
    doc = client.get(f"/api/documents/{incident['documents'][0]}").json()
    assert doc["furniture"], "the seed has site furniture to drop"
    page = client.get(f"/documents/{doc['id']}").text
    removed = re.findall(
        r'<span class="removed" title="removed: [^"]*" data-reason="[^"]*">([^<]*)</span>', page
    )
    removed_text = html.unescape(" ".join(removed))
    for piece in doc["furniture"]:
        assert piece["text"].strip() in removed_text
    # The kept text reads as the clean text does: every paragraph of it is on the page.
    for paragraph in doc["text"].split("\n\n"):
        assert html.escape(paragraph, quote=True) in page


def test_dashboard_without_built_assets_says_how_to_build(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dashboard, "REQUIRED_ASSETS", (tmp_path / "missing" / "leaflet.js",))
    page = client.get("/").text
    assert "not installed" in page
    assert dashboard.BUILD_COMMAND in page
    assert "/dashboard/vendor/leaflet/leaflet.js" not in page
    assert client.get("/api/incidents").status_code == 200


def test_dashboard_vendor_files_only_from_allowed_packages(client: TestClient) -> None:
    assert client.get("/dashboard/vendor/not-a-package/index.js").status_code == 404
    assert client.get("/dashboard/vendor/leaflet/..%2F..%2Fpackage.json").status_code == 404
    assert dashboard.vendor_file("leaflet", "../package.json").status_code == 404
    assert dashboard.vendor_file("world-atlas", "README.md").status_code == 404  # not a served type
    assert client.get("/dashboard/admin1/armenia.json").status_code == 404
    assert client.get("/dashboard/static/dashboard.js").status_code == 200
    if dashboard.assets_built():
        response = client.get("/dashboard/vendor/leaflet/leaflet.js")
        assert response.status_code == 200
        assert "javascript" in response.headers["content-type"]


def test_dashboard_tile_host_allowed_only_when_configured(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data:;" in policy
    monkeypatch.setenv("CONFLICTWATCH_TILE_URL", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    response = client.get("/")
    assert (
        "img-src 'self' data: https://*.tiles.example.org;"
        in response.headers["content-security-policy"]
    )
    assert 'data-tile-url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in response.text
    monkeypatch.setenv("CONFLICTWATCH_TILE_URL", "javascript:alert(1)//{z}")
    response = client.get("/")
    assert 'data-tile-url=""' in response.text
    assert "javascript" not in response.headers["content-security-policy"]


# -- the text builders ----------------------------------------------------------------------------


def test_marked_paragraphs_merges_overlaps_and_skips_stale_offsets() -> None:
    text = "One two. Three four.\n\nFive six."
    citations = [
        Citation(doc_id="d", start=0, end=8, text="One two."),
        Citation(doc_id="d", start=4, end=20, text="two. Three four."),
        Citation(doc_id="d", start=22, end=31, text="Five six."),
        Citation(doc_id="d", start=22, end=26, text="nope"),  # stale: not the text there
    ]
    paragraphs, anchors = dashboard.marked_paragraphs(text, [(0, 20), (22, 31)], citations, "d")
    assert [[(p.kind, p.text) for p in para] for para in paragraphs] == [
        [("mark", "One two. Three four.")],
        [("mark", "Five six.")],
    ]
    assert anchors == {(0, 8): "ev-d-0-20", (4, 20): "ev-d-0-20", (22, 31): "ev-d-22-31"}


def test_tile_origin_accepts_only_web_addresses() -> None:
    assert (
        dashboard.tile_origin("https://tile.example.org/{z}/{x}/{y}.png")
        == "https://tile.example.org"
    )
    assert dashboard.tile_origin("http://localhost:8080/{z}/{x}/{y}.png") == "http://localhost:8080"
    assert dashboard.tile_origin("data:image/png;base64,AAAA") is None
    assert dashboard.tile_origin("https://exa mple.org/{z}") is None

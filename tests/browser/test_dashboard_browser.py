"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) over the
five seeds plus one article whose title and text carry script tags.

Each test saves a screenshot to tests/browser/screenshots/ (ignored by git).
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import SHARED

from conflictwatch.link import link_documents
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import open_store
from conflictwatch.web import create_app, dashboard

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
HOSTILE_TITLE = "<script>alert(1)</script><img src=x onerror=alert(2)> Library opening"
HOSTILE_TEXT = (
    "<script>alert(3)</script> The city council said on Monday that the new public library will "
    "open in the spring. <img src=x onerror=alert(4)> Officials said the building came in under "
    "budget and that the reading rooms will stay open late."
)

pytestmark = pytest.mark.network

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed"
)


def _skip_reasons() -> list[str]:
    reasons = []
    if not (SHARED / "seeds").is_dir():
        reasons.append("../shared/seeds is not beside the project")
    if not CHROMIUM.is_file():
        reasons.append("Debian's chromium is not installed at /usr/bin/chromium")
    if not dashboard.assets_built():
        reasons.append(f"the dashboard's assets are not built (run {dashboard.BUILD_COMMAND})")
    return reasons


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the seeds, served by uvicorn on a free loopback port; yields its base URL."""
    reasons = _skip_reasons()
    if reasons and os.environ.get("CONFLICTWATCH_REQUIRE_BROWSER"):
        pytest.fail("browser tests are required here but cannot run: " + "; ".join(reasons))
    if reasons:
        pytest.skip("; ".join(reasons))
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_TEXT}) + "\n", "utf-8")
    db = str(folder / "store.db")
    with open_store(db) as store:
        ingest([str(SHARED / "seeds"), str(hostile)], store=store)
        report = extract_stored(store)
        link_documents(store, [item.doc_id for item in report.extracted])

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db), log_level="warning", lifespan="on")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if uvicorn_server.started:
            break
        threading.Event().wait(0.05)
    try:
        yield base
    finally:
        uvicorn_server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page that fails the test on any dialog (alert) or script error, and is
    photographed at the end."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    new_page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield new_page
        assert dialogs == [], f"a script from the data ran: {dialogs}"
        assert errors == [], f"script errors on the page: {errors}"
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        new_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        context.close()


def _api(server: str, path: str) -> Any:
    response = httpx.get(server + path, timeout=30)
    response.raise_for_status()
    return response.json()


def _open_dashboard(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='yes']", timeout=30_000)


def _topmost_marker(page: Any) -> Any:
    """A marker that is not covered by another one, so a real click reaches it."""
    markers = page.locator("path.incident-marker")
    for index in range(markers.count()):
        marker = markers.nth(index)
        box = marker.bounding_box()
        if box is None:
            continue
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        on_top = page.evaluate(
            "([x, y, id]) => document.elementFromPoint(x, y)?.getAttribute('data-incident') === id",
            [x, y, marker.get_attribute("data-incident")],
        )
        if on_top:
            return marker
    raise AssertionError("every incident marker is covered by another element")


def test_map_and_timeline_show_the_seed_incidents_and_episodes(server: str, page: Any) -> None:
    incidents = _api(server, "/api/incidents?limit=500")["items"]
    episodes = _api(server, "/api/timeline")["episodes"]
    assert len(incidents) == 5
    assert len(episodes) == 4
    _open_dashboard(page, server + "/")
    markers = page.locator("path.incident-marker")
    assert markers.count() == 5
    shown = {markers.nth(i).get_attribute("data-incident") for i in range(markers.count())}
    assert shown == {incident["id"] for incident in incidents}
    timeline_episodes = page.locator("#timeline g.episode")
    assert timeline_episodes.count() == 4
    assert {timeline_episodes.nth(i).get_attribute("data-episode") for i in range(4)} == {
        episode["id"] for episode in episodes
    }
    assert page.locator("#episodes li").count() == 4
    assert page.locator("#incident-rows tr").count() == 5
    # The offline basemap is drawn: country outlines in the map's basemap pane.
    page.locator(".leaflet-basemap-pane path").nth(100).wait_for(state="attached", timeout=30_000)
    assert page.locator(".leaflet-tile").count() == 0  # no online tiles unless configured


def test_click_marker_then_incident_page_shows_claims_and_marked_evidence(
    server: str, page: Any
) -> None:
    _open_dashboard(page, server + "/")
    marker = _topmost_marker(page)
    incident_id = marker.get_attribute("data-incident")
    marker.click()
    link = page.locator(".leaflet-popup a.incident-link")
    link.wait_for(timeout=10_000)
    link.click()
    page.wait_for_url(f"**/incidents/{incident_id}")

    incident = _api(server, f"/api/incidents/{incident_id}")
    assert page.locator("h1").first.inner_text().strip()
    columns = page.locator(".claimant-column")
    assert columns.count() == len(incident["claims"])
    headings = {columns.nth(i).locator("h3").inner_text() for i in range(columns.count())}
    assert all(any(h.startswith(name) for h in headings) for name in incident["claims"])

    texts = {
        doc_id: _api(server, f"/api/documents/{doc_id}")["text"] for doc_id in incident["documents"]
    }
    sentences = {
        claim["evidence"]["text"] for claims in incident["claims"].values() for claim in claims
    }
    marks = page.locator(".article-text mark")
    assert marks.count() > 0
    for i in range(marks.count()):
        text = marks.nth(i).text_content()
        assert any(text in body for body in texts.values()), text
        assert any(sentence in text for sentence in sentences), text
    # A claim's quoted sentence links to its mark in the article.
    first_link = page.locator(".claimant-column blockquote a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert page.locator(f"mark{target}").count() == 1


def test_filters_are_kept_in_the_url_and_survive_reload(server: str, page: Any) -> None:
    incidents = _api(server, "/api/incidents?limit=500")["items"]
    _open_dashboard(page, server + "/")
    dated = [i for i in incidents if i["start"]]
    chosen = dated[0]["type"]
    page.select_option("select[name=type]", chosen)
    page.wait_for_url(re.compile(f"[?&]type={chosen}"))
    # The page asks the API again with the filters: wait until it has drawn the answer.
    page.wait_for_selector("body[data-ready='yes']")
    expected = sum(1 for incident in incidents if incident["type"] == chosen)
    assert page.locator("path.incident-marker").count() == expected
    day = dated[0]["start"]
    page.fill("input[name=date_from]", day)
    page.fill("input[name=date_to]", day)
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(f"[?&]date_to={day}"))
    page.wait_for_selector("body[data-ready='yes']")
    in_range = [
        i for i in dated if i["type"] == chosen and i["start"] <= day <= (i["end"] or i["start"])
    ]
    assert in_range, "the chosen day has an incident of the chosen type"

    page.reload()
    page.wait_for_selector("body[data-ready='yes']")
    assert page.locator("select[name=type]").input_value() == chosen
    assert page.locator("input[name=date_from]").input_value() == day
    assert page.locator("path.incident-marker").count() == len(in_range)
    assert page.locator("#incident-rows tr").count() == len(in_range)


def test_script_in_a_title_never_runs(server: str, page: Any) -> None:
    documents = _api(server, "/api/documents?limit=500")["items"]
    (hostile,) = [d for d in documents if d["title"] and "<script>" in d["title"]]
    page.goto(f"{server}/documents/{hostile['id']}")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert "<script>alert(3)</script>" in page.locator("#source-text").inner_text()
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{server}/search?q=library")
    # Locators, not wait_for_function: the page's CSP forbids the eval that the latter needs.
    sync_api.expect(page.locator("#status")).to_contain_text("result")
    assert HOSTILE_TITLE in page.locator("#results").inner_text()
    # The map page shows incident summaries only; it too must load without a dialog.
    _open_dashboard(page, server + "/")


def test_search_page_links_results_to_documents(server: str, page: Any) -> None:
    page.goto(f"{server}/search?q=ceasefire")
    # Locators, not wait_for_function: the page's CSP forbids the eval that the latter needs.
    sync_api.expect(page.locator("#status")).to_contain_text("result")
    links = page.locator("#results a")
    assert links.count() > 0
    href = links.first.get_attribute("href")
    assert href.startswith("/documents/")
    links.first.click()
    page.wait_for_selector("#source-text")

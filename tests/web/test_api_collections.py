"""The collections, statistics, changes, search and exports of the API over two linked seeds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient

from conflictwatch.export.formats import ACLED_COLUMNS
from conflictwatch.web import create_app


@pytest.fixture(scope="module")
def client(seeded_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_db)) as test_client:
        yield test_client


def _walk(client: TestClient, url: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        response = client.get(url, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination never ended")


def _status(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_mentions_and_events_are_one_listing(client: TestClient) -> None:
    mentions = _walk(client, "/api/mentions", 7)
    assert [m["id"] for m in mentions] == [m["id"] for m in _walk(client, "/api/events", 500)]
    assert len({m["id"] for m in mentions}) == len(mentions) > 10
    dated = [(m["date"]["start"], m["id"]) for m in mentions if m["date"] and m["date"]["start"]]
    assert dated == sorted(dated)


def test_incident_filters_agree_with_the_records(client: TestClient) -> None:
    everything = _walk(client, "/api/incidents", 2)
    assert everything and all(i["updated_at"] for i in everything)
    place = everything[0]["places"][0]
    by_place = _walk(client, "/api/incidents", 50, place=place["id"])
    assert everything[0]["id"] in {i["id"] for i in by_place}
    assert all(place["id"] in {p["id"] for p in i["places"]} for i in by_place)
    fights = _walk(client, "/api/incidents", 50, type="fight")
    assert {i["id"] for i in fights} == {i["id"] for i in everything if i["type"] == "FIGHT"}
    start = everything[0]["start"]
    on_day = _walk(client, "/api/incidents", 50, date_from=start, date_to=start)
    assert everything[0]["id"] in {i["id"] for i in on_day}
    assert all(i["start"] <= start <= i["end"] for i in on_day)
    world = _walk(client, "/api/incidents", 50, bbox="-180,-90,180,90")
    located = [i for i in everything if any(p["lat"] is not None for p in i["places"])]
    assert {i["id"] for i in world} == {i["id"] for i in located}
    # The boxes were planned from the latitudes the app keeps (one per located incident).
    assert len(client.app.state.web.bands) == len(located)  # type: ignore[attr-defined]
    assert _walk(client, "/api/incidents", 50, bbox="0,0,1,1") == []


def test_actors_places_and_region_filters(client: TestClient) -> None:
    actors = _walk(client, "/api/actors", 3)
    assert actors and all(a["mentions"] + a["incidents"] > 0 for a in actors)
    busiest = max(actors, key=lambda a: a["mentions"])
    cited = _walk(client, "/api/mentions", 100, actor=busiest["id"])
    assert len(cited) == busiest["mentions"]
    places = _walk(client, "/api/places", 4)
    assert places and all(-90 <= p["lat"] <= 90 for p in places if p["lat"] is not None)
    country = next(p["country"] for p in places if p["country"])
    in_country = _walk(client, "/api/places", 100, region=country.lower())
    assert in_country and {p["country"] for p in in_country} == {country}
    assert _walk(client, "/api/mentions", 100, region=country)


def test_stats_count_incidents_once_per_day(client: TestClient) -> None:
    incidents = _walk(client, "/api/incidents", 100)
    stats = client.get("/api/stats", params={"by": "day"}).json()
    assert stats["by"] == "day"
    days = {g["key"]: g for g in stats["groups"]}
    dated = [i for i in incidents if i["start"]]
    assert sum(g["incidents"] for g in days.values()) == len(dated)
    by_type = client.get("/api/stats", params={"by": "type"}).json()["groups"]
    assert sum(g["mentions"] for g in by_type) == len(_walk(client, "/api/mentions", 500))
    assert all(g["killed"] >= 0 and g["wounded"] >= 0 for g in by_type)
    assert sum(g["killed"] for g in by_type) >= 16  # the July clash: 12 + 4 soldiers
    _status(client.get("/api/stats", params={"by": "moon"}), 422, "invalid")


def test_changes_feed_is_empty_then_pages(client: TestClient) -> None:
    page = client.get("/api/changes", params={"since": "2000-01-01T00:00:00Z"}).json()
    assert page == {"items": [], "next_cursor": None} or all(
        c["kind"] in ("deleted", "merged") for c in page["items"]
    )
    _status(client.get("/api/changes", params={"since": "yesterday"}), 422, "invalid")


def test_episodes_and_ceasefires_paginate(client: TestClient) -> None:
    episodes = _walk(client, "/api/episodes", 1)
    assert episodes and all(e["id"].startswith("e") for e in episodes)
    assert _walk(client, "/api/incidents", 100, episode=episodes[0]["id"])
    ceasefires = _walk(client, "/api/ceasefires", 1)
    assert [c["id"] for c in ceasefires] == [
        c["id"] for c in client.get("/api/ceasefires").json()["items"]
    ]


def test_updated_since_in_the_future_is_empty(client: TestClient) -> None:
    for url in ("/api/documents", "/api/mentions", "/api/incidents", "/api/episodes"):
        page = client.get(url, params={"updated_since": "2999-01-01T00:00:00+02:00"}).json()
        assert page == {"items": [], "next_cursor": None}, url
        assert client.get(url, params={"updated_since": "2000-01-01T00:00Z"}).json()["items"], url
        _status(client.get(url, params={"updated_since": "2000-01-01"}), 422, "invalid")
        _status(client.get(url, params={"updated_since": "2001-02-29T00:00Z"}), 422, "invalid")


def test_search_gives_plain_snippets_and_refuses_nothing(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Armenia"}).json()["items"]
    assert hits and all("armenia" in h["snippet"].lower() for h in hits)
    assert {h["kind"] for h in hits} <= {"document", "mention"}
    for nasty in ['"unclosed', "a AND (", "NEAR(x", "*", "title:x", "<script>"]:
        response = client.get("/api/search", params={"q": nasty})
        assert response.status_code == 200, (nasty, response.text)
    _status(client.get("/api/search", params={"q": ""}), 422, "invalid")


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/incidents?bbox=1,2,3", 422, "invalid"),
        ("/api/incidents?bbox=0,50,10,40", 422, "invalid"),
        ("/api/incidents?bbox=190,0,200,10", 422, "invalid"),
        ("/api/incidents?actor=<b>", 422, "invalid"),
        ("/api/incidents?updated_since=2020-99-01", 422, "invalid"),
        ("/api/incidents?date_from=2020-10-05&date_to=2020-10-01", 400, "bad_request"),
        ("/api/incidents?cursor=eyJub3QiOiJtaW5lIn0", 400, "bad_cursor"),
        ("/api/actors?cursor=WyJrMSIsIngiLFtdXQ", 400, "bad_cursor"),
        ("/api/changes?cursor=WyJrMSIsIngiLFtdXQ", 400, "bad_cursor"),
        ("/api/places?limit=100000", 422, "invalid"),
        ("/api/export?format=xlsx", 422, "invalid"),
        ("/api/incidents/nope-not-here", 404, "not_found"),
    ],
)
def test_bad_queries_are_4xx(client: TestClient, url: str, status: int, code: str) -> None:
    _status(client.get(url), status, code)


def test_cursor_of_one_filter_is_refused_by_another(client: TestClient) -> None:
    cursor = client.get("/api/incidents", params={"limit": 1}).json()["next_cursor"]
    assert cursor
    _status(
        client.get("/api/incidents", params={"cursor": cursor, "type": "FIGHT"}), 400, "bad_cursor"
    )
    _status(client.get("/api/mentions", params={"cursor": cursor}), 400, "bad_cursor")


def test_exports_from_the_api(client: TestClient) -> None:
    incidents = _walk(client, "/api/incidents", 100)
    response = client.get("/api/export", params={"format": "acled-csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == len(incidents)
    fights = client.get("/api/export", params={"format": "jsonl", "type": "FIGHT"}).text
    assert {json.loads(line)["id"] for line in fights.splitlines()} == {
        i["id"] for i in incidents if i["type"] == "FIGHT"
    }
    geo = client.get("/api/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    parquet = client.get("/api/export", params={"format": "parquet"})
    assert parquet.headers["content-disposition"].endswith('.parquet"')
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == len(incidents)
    assert table.schema.field("start").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("countries").type == pa.list_(pa.string())

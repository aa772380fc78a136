"""The dashboard's data at scale: the overview, one incident read directly, the streamed timeline."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from conflictwatch.link import list_ceasefires, list_incidents
from conflictwatch.link.api import get_incident
from conflictwatch.link.episodes import build_episodes
from conflictwatch.link.timeline import build_timeline_from
from conflictwatch.store import incident_store, open_store
from conflictwatch.store.schema import incidents
from conflictwatch.web import create_app


@pytest.fixture(scope="module")
def client(seeded_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_db)) as test_client:
        yield test_client


def test_overview_lists_the_largest_incidents_and_counts_the_rest(client: TestClient) -> None:
    incidents = client.get("/api/incidents?limit=500").json()["items"]
    overview = client.get("/api/overview").json()
    assert overview["total"] == len(incidents)
    assert {i["id"] for i in overview["incidents"]} == {i["id"] for i in incidents}
    harm = [i["killed"] + i["wounded"] for i in overview["incidents"]]
    assert harm == sorted(harm, reverse=True)
    one = client.get("/api/overview?limit=1").json()
    assert len(one["incidents"]) == 1 and one["total"] == len(incidents)
    assert one["incidents"][0]["killed"] + one["incidents"][0]["wounded"] == max(harm)
    dated = [i for i in incidents if i["start"]]
    assert sum(day["incidents"] for day in overview["days"]) == len(dated)
    assert overview["undated"] == len(incidents) - len(dated)
    assert overview["types"] is None
    kinds = client.get("/api/overview?types=true").json()["types"]
    assert {t["type"] for t in kinds} == {i["type"] for i in incidents}


def test_overview_applies_the_filters(client: TestClient) -> None:
    incidents = client.get("/api/incidents?limit=500").json()["items"]
    chosen = incidents[0]["type"]
    typed = client.get(f"/api/overview?type={chosen.lower()}").json()
    assert typed["total"] == sum(1 for i in incidents if i["type"] == chosen)
    assert {i["type"] for i in typed["incidents"]} == {chosen}
    assert client.get("/api/overview?date_from=1990-01-01&date_to=1990-12-31").json()["total"] == 0
    assert client.get("/api/overview?limit=5000").status_code == 422


def test_one_incident_read_directly_equals_the_assembled_one(seeded_db: str) -> None:
    with open_store(seeded_db) as store:
        assembled = list_incidents(store)
        assert assembled
        for incident in assembled:
            found = get_incident(store, incident.id)
            assert found is not None and found.as_dict() == incident.as_dict()
        assert get_incident(store, "no-such-incident") is None


def test_streamed_timeline_equals_the_one_assembled_in_memory(
    seeded_db: str, client: TestClient
) -> None:
    with open_store(seeded_db) as store:
        incidents = list_incidents(store)
        with store._reading() as connection:
            background = incident_store.frames_of_kind(connection, "background")
        episodes, _ = build_episodes(incidents, background)
        expected = build_timeline_from(incidents, episodes, list_ceasefires(store)).as_dict()
    assert client.get("/api/timeline").json() == expected


def _copy_of(db: str, folder: Path) -> str:
    copy = folder / "store.db"
    shutil.copyfile(db, copy)
    return str(copy)


def test_kept_markers_are_read_ahead_and_follow_a_write_by_another_process(
    seeded_db: str, tmp_path: Path
) -> None:
    db = _copy_of(seeded_db, tmp_path)
    with open_store(db) as store:
        total = len(list_incidents(store))
    assert total > 0
    with TestClient(create_app(db)) as test_client:
        markers = test_client.app.state.web.markers  # type: ignore[attr-defined]
        deadline = time.monotonic() + 60
        while len(markers) < total and time.monotonic() < deadline:  # read in by a thread
            time.sleep(0.05)
        assert len(markers) == total
        before = test_client.get("/api/overview").json()
        assert {i["episode"] for i in before["incidents"]} != {"e-later"}
        with open_store(db) as writer, writer._writing() as connection:
            connection.execute(update(incidents).values(episode_id="e-later"))
        after = test_client.get("/api/overview").json()
        assert {i["episode"] for i in after["incidents"]} == {"e-later"}
        assert [i["id"] for i in after["incidents"]] == [i["id"] for i in before["incidents"]]
    with TestClient(create_app(db, cache=False, preload_markers=False)) as plain:
        assert plain.get("/api/overview").json() == after
        assert len(plain.app.state.web.markers) == total  # type: ignore[attr-defined]

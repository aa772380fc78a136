"""The issue's targets on the five seed articles (whole pipeline: ingest, extract, link)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictwatch.link import (
    Incident,
    build_timeline,
    link_documents,
    list_ceasefires,
    list_incidents,
)
from conflictwatch.pipeline import extract_stored, ingest
from conflictwatch.store import SqlStore, open_store
from conflictwatch.store.incident_store import episode_rows


@pytest.fixture(scope="module")
def linked(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(str(path)) as store:
        ingest([str(seeds_dir)], store=store)
        extract_stored(store)
        link_documents(store, [d.id for d in store.list_documents()])
        yield store


def _starting(incidents: list[Incident], day: str) -> Incident:
    (found,) = [i for i in incidents if i.start and i.start.isoformat()[:7] == day[:7]]
    return found


def _tally(incident: Incident, kind: str, side: str) -> dict[str, Any]:
    result: dict[str, Any] = incident.as_dict()["casualties"][kind][side]
    return result


def test_five_incidents_none_of_accusations_alone(linked: SqlStore) -> None:
    incidents = list_incidents(linked)
    assert len(incidents) == 5
    for incident in incidents:
        assert any(c.role in ("event", "casualty") for c in incident.claims)
    starts = [i.start.isoformat() if i.start else None for i in incidents]
    assert starts[:4] == ["2020-07-12", starts[1], starts[2], "2021-11-16"]
    assert starts[1] and starts[1].startswith("2020-10") and starts[2] == "2020-11-04"


def test_july_2020_shows_12_azerbaijani_and_4_armenian_soldiers_killed(linked: SqlStore) -> None:
    july = _starting(list_incidents(linked), "2020-07")
    assert july.end == dt.date(2020, 7, 16)
    assert _tally(july, "killed", "AZE")["low"] == 12
    assert _tally(july, "killed", "ARM")["best"] == 4
    assert "at least 12" in july.summary


def test_the_running_total_158_is_never_added_to_the_54(linked: SqlStore) -> None:
    october = _starting(list_incidents(linked), "2020-10")
    killed = october.as_dict()["casualties"]["killed"]
    soldiers = killed["unknown"]
    assert (soldiers["low"], soldiers["best"], soldiers["high"]) == (158, 158, 158)
    assert [(c["min"], c["counted"]) for c in soldiers["claims"]] == [(54, False), (158, True)]
    assert all(t["best"] != 212 for t in killed.values())


def test_november_2021_keeps_captured_wounded_and_hedged_15_apart(linked: SqlStore) -> None:
    november = _starting(list_incidents(linked), "2021-11")
    assert _tally(november, "captured", "ARM")["best"] == 12
    assert _tally(november, "wounded", "ARM")["best"] == 4
    assert _tally(november, "wounded", "AZE")["best"] == 2
    hedged = _tally(november, "killed", "ARM")
    assert hedged["best"] is None and hedged["high"] == 15
    (claim,) = hedged["claims"]
    assert claim["hedged"] and "Aghajanyan" in claim["claimant"]


def test_four_episodes_in_order_and_background_recalls_the_war(linked: SqlStore) -> None:
    timeline = build_timeline(linked).as_dict()
    episodes = timeline["episodes"]
    assert len(episodes) == 4
    assert [e["start"] for e in episodes][:3] == ["2020-07-12", "2020-09-27", "2021-11-16"]
    assert "war" in episodes[1]["name"]
    dates = [e["start"] for e in timeline["entries"] if e["start"]]
    assert dates == sorted(dates)
    with linked._reading() as connection:
        stored = episode_rows(connection)
    war = next(e for e in stored if e["start"] == "2020-09-27")
    assert war["recalled_by"]  # "the fighting began on September 27", "the 2020 war"


def test_disputes_record_both_sides_of_the_blame(linked: SqlStore) -> None:
    july = _starting(list_incidents(linked), "2020-07")
    (blame,) = [d for d in july.disputed if d.field == "perpetrator"]
    assert {(v.claimant, v.value) for v in blame.versions} == {("ARM", "AZE"), ("AZE", "ARM")}


def test_incident_places_are_scenes_not_capitals_that_speak(linked: SqlStore) -> None:
    incidents = list_incidents(linked)
    july = _starting(incidents, "2020-07")
    # "Yerevan and Baku blame each other", "official Yerevan said": seats, not scenes.
    assert {p.name for p in july.places} == {"Armenia", "Azerbaijan"}
    november = _starting(incidents, "2020-11")
    names = {p.name for p in november.places}
    assert "Baku" not in names  # "the Defense Ministry in Baku described fighting ..."
    assert {"Tartar / Terter", "Shusha / Shushi"} <= names
    late = _starting(incidents, "2021-11")
    assert not {"Baku", "Yerevan", "Moscow"} & {p.name for p in late.places}


def test_an_estimate_of_the_whole_war_is_a_running_total(linked: SqlStore) -> None:
    november = _starting(list_incidents(linked), "2020-11")
    killed = _tally(november, "killed", "unknown")
    assert killed["cumulative"] and killed["high"] == 5000


def test_ceasefires_are_tracked_one_by_one(linked: SqlStore) -> None:
    found = [c.as_dict() for c in list_ceasefires(linked)]
    collapsed = [c for c in found if c["state"] == "collapsed"]
    # The three humanitarian ceasefires of October 2020, each with its own mediator.
    assert sorted(m for c in collapsed for m in c["mediators"]) == ["FRA", "RUS", "USA"]
    (russian,) = [c for c in collapsed if c["mediators"] == ["RUS"]]
    assert russian["start"] == "2020-10-10"
    (late,) = [c for c in found if c["start"] == "2021-11-16"]
    assert late["state"] == "in_force" and late["mediators"] == ["RUS"]
    assert set(late["parties"]) == {"ARM", "AZE"}
    assert any("18:30" in term for term in late["terms"])
    # The co-chairs' call on the day before proposes; it agrees nothing.
    assert [s["state"] for s in late["states"]] == ["proposed", "in_force"]
    # Calls to keep a ceasefire, and Lavrov's conditions, are proposals, never agreements.
    for ceasefire in found:
        if all(s["claimant"] == "Sergei Lavrov" for s in ceasefire["states"]):
            assert ceasefire["state"] == "proposed"

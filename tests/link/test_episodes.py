"""Episodes group incidents by time and sides; background mentions join the episode they recall."""

from __future__ import annotations

from tests.link.link_support import day, episode, mention, span

from conflictwatch.link.episodes import build_episodes, episode_at, episode_name, episodes_near
from conflictwatch.link.frames import build_frames
from conflictwatch.link.types import Incident


def incident(
    ident: str, start: str, end: str, countries: tuple[str, ...] = ("ARM", "AZE")
) -> Incident:
    return Incident(
        id=ident,
        type="FIGHT",
        start=day(start),
        end=day(end),
        places=(),
        actors=(),
        casualties=(),
        mentions=(),
        documents=(),
        claims=(),
        disputed=(),
        countries=countries,
    )


def test_incidents_weeks_apart_are_one_episode_and_months_apart_two() -> None:
    incidents = [
        incident("i1", "2020-07-12", "2020-07-16"),
        incident("i2", "2020-10-02", "2020-10-02"),
        incident("i3", "2020-11-04", "2020-11-04"),
        incident("i4", "2021-11-16", "2021-11-16"),
        incident("i5", "2020-10-20", "2020-10-20", ("IND", "PAK")),
    ]
    episodes, membership = build_episodes(incidents, [])
    assert [e.incidents for e in episodes] == [("i1",), ("i2", "i3"), ("i5",), ("i4",)]
    assert membership["i2"] == membership["i3"] != membership["i1"]
    assert episodes[1].name == "Armenia–Azerbaijan war, October–November 2020"
    assert episodes[0].name == "Armenia–Azerbaijan clashes, July 2020"


def test_background_mentions_join_the_episode_they_recall_and_extend_it() -> None:
    incidents = [
        incident("i1", "2020-07-12", "2020-07-16"),
        incident("i2", "2020-10-02", "2020-11-04"),
    ]
    recalled = build_frames(
        [
            mention(
                "d9",
                0,
                "Six weeks of fighting in the fall of 2020.",
                date=span("2020-09-01", "2020-11-30"),
                background=True,
            ),
            mention(
                "d9",
                50,
                "The fighting began on September 27.",
                date=span("2020-09-27"),
                background=True,
            ),
        ],
        published=day("2022-09-13"),
    )
    episodes, _ = build_episodes(incidents, recalled)
    war = episodes[1]
    assert len(war.recalled_by) == 2 and episodes[0].recalled_by == ()
    assert war.start == day("2020-09-27")


def test_undated_incidents_are_episodes_of_their_own_after_the_dated() -> None:
    undated = Incident(
        id="i0",
        type="FIGHT",
        start=None,
        end=None,
        places=(),
        actors=(),
        casualties=(),
        mentions=(),
        documents=(),
        claims=(),
        disputed=(),
        countries=("ARM",),
    )
    episodes, _ = build_episodes([undated, incident("i1", "2020-07-12", "2020-07-16")], [])
    assert [e.incidents for e in episodes] == [("i1",), ("i0",)]
    assert episode_name([undated], None, None).endswith("date unknown")


def test_episodes_near_a_day_nearest_first_between_the_countries_given() -> None:
    war = episode("war", "2020-09-27", "2020-11-10", ("ARM", "AZE"))
    elsewhere = episode("far", "2020-11-14", "2020-11-20", ("ETH", "ERI"))
    undated = episode("u", None, None, ("ARM",))
    episodes = [elsewhere, undated, war]
    assert [e.id for e in episodes_near(day("2020-10-10"), episodes)] == ["war"]
    # Nov 13 is 3 days after the war and a day before the other: nearest first.
    assert [e.id for e in episodes_near(day("2020-11-13"), episodes)] == ["far", "war"]
    assert [e.id for e in episodes_near(day("2020-11-13"), episodes, {"AZE"})] == ["war"]
    assert episodes_near(day("2020-12-01"), episodes) == []  # beyond the slack
    assert episodes_near(None, episodes) == []
    assert episode_at(day("2020-11-13"), episodes) == elsewhere

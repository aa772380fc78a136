"""Casualty tallies: cumulative figures replace increments, hedged figures widen the range."""

from __future__ import annotations

from tests.link.link_support import casualty, mention

from conflictwatch.link.tallies import combined_tallies, incident_tallies
from conflictwatch.link.types import tallies_as_dict
from conflictwatch.model import ActorRef

OFFICIALS = ActorRef(id=None, name="Karabakh officials")
MP = ActorRef(id=None, name="an MP")


def test_a_running_total_is_never_added_to_its_increment() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "Officials reported another 54 military dead.",
            type="ASSAULT",
            claimant=OFFICIALS,
            casualties=(casualty("killed", 54, start=10),),
        ),
        mention(
            "d1",
            60,
            "This brings the toll to 158 soldiers.",
            type="ASSAULT",
            casualties=(casualty("killed", 158, cumulative=True, start=70),),
        ),
    ]
    (tally,) = incident_tallies(mentions)
    assert (tally.low, tally.best, tally.high) == (158, 158, 158)
    assert [(c.min, c.counted) for c in tally.claims] == [(54, False), (158, True)]


def test_hedged_claims_widen_the_range_but_never_set_the_best() -> None:
    mentions = [
        mention(
            "d1", 0, "Four soldiers were wounded.", casualties=(casualty("wounded", 4, side="ARM"),)
        ),
        mention(
            "d1",
            40,
            "15 soldiers may have been killed.",
            claimant=MP,
            casualties=(casualty("killed", 15, side="ARM", hedged=True, start=40),),
        ),
        mention(
            "d1",
            80,
            "12 soldiers were captured.",
            casualties=(casualty("captured", 12, side="ARM", start=80),),
        ),
    ]
    view = tallies_as_dict(incident_tallies(mentions))
    assert view["killed"]["ARM"]["best"] is None and view["killed"]["ARM"]["high"] == 15
    assert view["killed"]["ARM"]["claims"][0]["claimant"] == "an MP"
    assert view["wounded"]["ARM"]["best"] == 4
    assert view["captured"]["ARM"]["best"] == 12


def test_claimants_disagreeing_give_low_and_high_and_at_least_is_a_floor() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "A says 10 killed.",
            claimant=ActorRef(id=None, name="A"),
            casualties=(casualty("killed", 10),),
        ),
        mention(
            "d2",
            0,
            "B says 30 killed.",
            claimant=ActorRef(id=None, name="B"),
            casualties=(casualty("killed", 30),),
        ),
        mention(
            "d3",
            0,
            "C says 20 killed.",
            claimant=ActorRef(id=None, name="C"),
            casualties=(casualty("killed", 20),),
        ),
        mention(
            "d3",
            50,
            "C says at least 25 killed.",
            claimant=ActorRef(id=None, name="D"),
            casualties=(casualty("killed", 25, None, start=50),),
        ),
    ]
    (tally,) = incident_tallies(mentions)
    assert (tally.low, tally.best, tally.high) == (10, 25, 30)


def test_civilians_are_tallied_apart() -> None:
    mentions = [
        mention(
            "d1", 0, "158 soldiers dead.", casualties=(casualty("killed", 158, cumulative=True),)
        ),
        mention(
            "d1",
            30,
            "19 civilians killed.",
            casualties=(casualty("killed", 19, civilian=True, start=30),),
        ),
    ]
    view = tallies_as_dict(incident_tallies(mentions))
    assert view["killed"]["unknown"]["best"] == 158
    assert view["killed"]["unknown:civilian"]["best"] == 19


def test_episode_totals_take_the_running_total_or_the_sum_never_both() -> None:
    first = incident_tallies([mention("d1", 0, "54 killed.", casualties=(casualty("killed", 54),))])
    second = incident_tallies(
        [mention("d2", 0, "Toll 158.", casualties=(casualty("killed", 158, cumulative=True),))]
    )
    third = incident_tallies([mention("d3", 0, "10 killed.", casualties=(casualty("killed", 10),))])
    (total,) = combined_tallies([first, second, third])
    assert total.best == 158
    (sum_only,) = combined_tallies([first, third])
    assert sum_only.best == 64

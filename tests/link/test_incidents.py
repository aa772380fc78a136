"""An incident's sides: actors first, sides that blame each other, scenes; never speakers' seats."""

from __future__ import annotations

from tests.link.link_support import ARMENIA, mention, place, span

from conflictwatch.link.incidents import principal_parties
from conflictwatch.model import ActorRef

UKRAINE = ActorRef(id="UKR", name="Ukraine", country="UKR", kind="state")


def test_sides_that_blame_each_other_outweigh_a_war_named_in_passing() -> None:
    when = span("2022-09-13")
    mentions = [
        mention(
            "d1",
            0,
            "Russia voiced concern after Armenia and Azerbaijan blamed each other for the fire.",
            type="ACCUSE",
            agent=ARMENIA,
            date=when,
        ),
        mention("d1", 90, "The Ukraine war fueled rumors.", agent=UKRAINE, date=when),
        mention(
            "d1",
            130,
            "Shelling hit Goris, officials in Moscow said.",
            type="ASSAULT",
            date=when,
            places=(
                place("Goris", 39.5, 46.3, country="AM"),
                place("Moscow", 55.7, 37.6, country="RU"),
            ),
        ),
    ]
    assert principal_parties(mentions) == ("ARM", "AZE")
    # Without the named pair, the war named in passing comes first.
    assert principal_parties(mentions[1:]) == ("UKR", "ARM")


TURKEY = ActorRef(id="TUR", name="Turkey", country="TUR", kind="state")
AZERBAIJAN_STATE = ActorRef(id="AZE", name="Azerbaijan", country="AZE", kind="state")


def test_an_accusation_of_something_else_names_no_side() -> None:
    from conflictwatch.link.api import link_mentions_in_memory

    when = span("2020-10-02")
    fighting = mention(
        "d1",
        0,
        "Azerbaijani forces shelled Armenian positions, the ministry said.",
        type="ASSAULT",
        agent=AZERBAIJAN_STATE,
        target=ARMENIA,
        date=when,
    )
    supply = mention(
        "d1",
        130,
        "Ankara has been accused by Armenia of supplying fighters for the conflict.",
        type="ACCUSE",
        agent=ARMENIA,
        target=TURKEY,
        date=when,
    )
    published = {"d1": when.start}
    (incident,) = link_mentions_in_memory([fighting, supply], published)
    assert set(incident.countries) == {"ARM", "AZE"}
    # The same accusation twice over outweighs the fighting, were it counted as a side's.
    second_supply = mention(
        "d1",
        230,
        "Armenia again accused Turkey of supplying fighters.",
        type="ACCUSE",
        agent=ARMENIA,
        target=TURKEY,
        date=when,
    )
    (incident,) = link_mentions_in_memory([fighting, supply, second_supply], published)
    assert set(incident.countries) == {"ARM", "AZE"}

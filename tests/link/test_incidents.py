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

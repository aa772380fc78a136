"""Casualty figures in wire-style phrasings seen in real news (spaCy loaded once per module)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.casualties import extract_casualties
from conflictwatch.model import Casualty

Summary = tuple[str, int | None, int | None]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def read(nlp: Language) -> Callable[[str], list[Summary]]:
    def run(sentence: str) -> list[Summary]:
        found: list[Casualty] = extract_casualties(nlp(sentence), offset=0)
        return [(c.kind.value, c.min, c.max) for c in found]

    return run


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # any verb with a "to death" or "alive" complement kills its victims
        ("Attackers hacked four farmers to death near the market.", ("killed", 4, 4)),
        ("Two traders were beaten to death by a mob on Friday.", ("killed", 2, 2)),
        ("Eleven worshippers were burned alive inside the church.", ("killed", 11, 11)),
        # captives are people: their count is the victims'
        ("Guards shot dead seven inmates during the riot.", ("killed", 7, 7)),
        ("The militants executed three hostages on Sunday.", ("killed", 3, 3)),
        ("Troops killed 14 detainees at the base, the report said.", ("killed", 14, 14)),
        # deaths reported in the idiom of the side that lost them
        ("Nine fighters were martyred in the raid, the movement said.", ("killed", 9, 9)),
        ("The blast claimed the lives of 17 people.", ("killed", 17, 17)),
        ("The bombing took the lives of at least 40 civilians.", ("killed", 40, None)),
        # missing people
        ("Three aid workers went missing in the province last week.", ("missing", 3, 3)),
        ("Dozens of villagers remain missing after the raid.", ("missing", 24, None)),
        ("Gunmen gunned down three police officers at a checkpoint.", ("killed", 3, 3)),
        ("Four teachers were among the dead, the ministry said.", ("killed", 4, 4)),
        ("The bodies of six men were found in a ditch on Sunday.", ("killed", 6, 6)),
        ("Nine Maoists were killed in an encounter with police.", ("killed", 9, 9)),
        ("One jawan sustained injuries in the exchange of fire.", ("wounded", 1, 1)),
        ("Two policemen suffered serious injuries in the attack.", ("wounded", 2, 2)),
        ("A local farmer suffered fatal injuries in the crossfire.", ("killed", 1, 1)),
        ("A car bomb killed 12 police at a checkpoint in the north.", ("killed", 12, 12)),
        ("Officers shot dead two robbers outside the bank.", ("killed", 2, 2)),
        # a group counted by its "of" phrase
        ("A family of five was killed when the rocket hit their home.", ("killed", 5, 5)),
        ("A group of 12 miners were abducted on the road.", ("captured", 12, 12)),
        # civilians named by their occupation or their age
        ("Gunmen abducted 25 schoolgirls from a boarding school.", ("captured", 25, 25)),
        ("A vice principal was killed and a guard was wounded.", ("killed", 1, 1)),
        ("Two tourists and a shopkeeper were wounded in the blast.", ("wounded", 2, 2)),
        ("Police shot dead three youths during the protest.", ("killed", 3, 3)),
    ],
)
def test_wire_phrasings(
    read: Callable[[str], list[Summary]], sentence: str, expected: Summary
) -> None:
    assert expected in read(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Former senator Tom Reed died peacefully in his sleep on Monday, his son said.",
        "The former leader died after a long illness at the age of 81.",
        "An elderly farmer died of natural causes at his home in the village.",
        "The rebel commander was not among the dead, the army said.",
        "Doctors treated the man for a gunshot wound to the leg.",
        "A flood killed 40 people in the state last year.",
        "Twelve people died in the floods that hit the region in August.",
        "The region was hit by the earthquake of March 2025, which killed thousands.",
        "Scores of people were killed by the cyclone.",
    ],
)
def test_a_natural_or_denied_death_is_no_casualty(
    read: Callable[[str], list[Summary]], sentence: str
) -> None:
    assert read(sentence) == []


def test_a_violent_death_with_a_peaceful_word_still_counts(
    read: Callable[[str], list[Summary]],
) -> None:
    assert ("killed", 2, 2) in read("Two protesters died of gunshot wounds after a peaceful march.")


def test_a_victim_read_by_two_words_counts_once(read: Callable[[str], list[Summary]]) -> None:
    assert read("Gunmen shot dead a village chief on Tuesday.") == [("killed", 1, 1)]


def test_a_passive_killing_does_not_take_the_next_clauses_object(
    read: Callable[[str], list[Summary]],
) -> None:
    found = read("Five civilians were killed and the army shot down two drones.")
    assert found == [("killed", 5, 5)]
    assert read("Gunmen shot and killed two people.") == [("killed", 2, 2)]


def test_a_toll_not_given_is_no_figure(read: Callable[[str], list[Summary]]) -> None:
    # "a toll" is no toll of one: the verb's object is the toll itself, not its number
    assert read("The government has not released a toll.") == []
    assert read("The army has not released a death toll.") == []
    assert read("The death toll rose to 158.") == [("killed", 158, 158)]


def test_counted_casualties_alone_are_the_dead(read: Callable[[str], list[Summary]]) -> None:
    assert read("The army suffered 54 military casualties.") == [("killed", 54, 54)]


def test_who_the_counted_dead_were_adds_no_figure(read: Callable[[str], list[Summary]]) -> None:
    text = (
        "Paramilitary forces shelled a camp on Monday, killing at least 40 people, most of them "
        "women and children, a local medical group said."
    )
    assert read(text) == [("killed", 40, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two other farmers escaped with injuries and were taken to hospital.", ("wounded", 2, 2)),
        ("Five soldiers survived with serious injuries.", ("wounded", 5, 5)),
    ],
)
def test_those_who_got_away_hurt_are_wounded(
    read: Callable[[str], list[Summary]], sentence: str, expected: Summary
) -> None:
    assert read(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army lost 17 soldiers in the attack.", [("killed", 17, 17)]),
        (
            '"We lost 17 men and several others are missing," the captain said.',
            [("killed", 17, 17)],
        ),
        ("Ukraine lost contact with 12 soldiers.", []),
        ("The party lost 12 seats in the vote.", []),
    ],
)
def test_a_side_that_lost_a_number_of_its_people_lost_them_dead(
    read: Callable[[str], list[Summary]], sentence: str, expected: list[Summary]
) -> None:
    assert read(sentence) == expected


def test_the_toll_of_violence_told_in_a_relative_clause_is_a_running_total(nlp: Language) -> None:
    text = "The junta has struggled to contain jihadist violence that has killed thousands."
    (toll,) = extract_casualties(nlp(text), offset=0)
    assert toll.cumulative

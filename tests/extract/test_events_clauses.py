"""Clause boundaries in event extraction: a ceasefire that only dates another event is no agreement,
and each event carries the weapons of its own clause."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.clauses import clause_head, contrary_clauses, only_dates
from conflictwatch.extract.events import EventTrigger, find_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events_of(nlp: Language, text: str) -> list[EventTrigger]:
    return find_events(nlp(text), offset=0)


def types_of(events: list[EventTrigger]) -> list[str]:
    return [e.type for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Government warplanes bombed the market shortly before the ceasefire started.",
        "Militia fighters shelled the port until the truce came into force at dawn.",
        "Drones hit the refinery hours ahead of the truce.",
        "Gunmen stormed the checkpoint just after the armistice took effect.",
        "At least nine people have been killed since the ceasefire began.",
        "Mortar fire resumed when the truce expired.",
        "Snipers fired on the convoy despite the ceasefire.",
    ],
)
def test_a_ceasefire_that_dates_another_event_is_no_agreement(nlp: Language, sentence: str) -> None:
    events = events_of(nlp, sentence)
    assert "AGREE" not in types_of(events), [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "The army and the rebels signed a truce on Sunday.",
        "A ceasefire between the two factions took effect at midnight.",
        "Shelling stopped after the rivals agreed to a ceasefire.",
        "The strikes resumed after the truce was signed in Doha.",
        "The shelling continued despite an armistice signed by both sides in May.",
    ],
)
def test_a_ceasefire_that_is_the_news_stays_an_agreement(nlp: Language, sentence: str) -> None:
    assert "AGREE" in types_of(events_of(nlp, sentence))


def test_a_dated_past_agreement_in_a_temporal_phrase_stays_as_background(nlp: Language) -> None:
    events = events_of(nlp, "Border clashes have been rare since the 2008 armistice.")
    agree = [e for e in events if e.type == "AGREE"]
    assert len(agree) == 1 and agree[0].background


def test_only_dates_reads_the_temporal_clause(nlp: Language) -> None:
    doc = nlp("Tanks advanced on the town before the truce began.")
    truce = next(t for t in doc if t.lower_ == "truce")
    assert only_dates(truce, is_agreement_verb=lambda _t: False)
    doc = nlp("The truce began before tanks advanced on the town.")
    truce = next(t for t in doc if t.lower_ == "truce")
    assert not only_dates(truce, is_agreement_verb=lambda _t: False)


def test_each_event_keeps_the_weapons_of_its_own_clause(nlp: Language) -> None:
    events = events_of(
        nlp, "Insurgents attacked the outpost with grenades, and the troops replied with artillery."
    )
    attack = next(e for e in events if e.trigger == "attacked")
    assert attack.weapons == ("grenade",)
    assert attack.mode == "explosives"


def test_coordinated_attacks_by_different_forces_stay_apart(nlp: Language) -> None:
    events = events_of(
        nlp, "Separatists shelled the airport with rockets, and the navy bombarded their bases."
    )
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 2, [(e.trigger, e.weapons) for e in assaults]
    first, second = assaults
    assert first.weapons == ("rocket",)
    assert second.weapons == ()
    assert second.agent is not None and second.agent.text == "navy"


def test_weapons_of_a_clause_without_an_event_go_to_the_event_above(nlp: Language) -> None:
    events = events_of(nlp, "Four soldiers were killed when a roadside bomb exploded near them.")
    killing = next(e for e in events if e.type == "ASSAULT")
    assert "bomb" in killing.weapons


def test_one_clause_keeps_all_its_weapons(nlp: Language) -> None:
    events = events_of(nlp, "The militia attacked the base with drones and mortars.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.weapons == ("drone", "mortar")


def test_clause_head_skips_verbs_that_share_the_subject(nlp: Language) -> None:
    doc = nlp("The soldiers entered and searched the village.")
    village = next(t for t in doc if t.lower_ == "village")
    assert clause_head(village).lower_ == "entered"


@pytest.mark.parametrize(
    ("text", "contrary"),
    [
        ("The sides agreed to a truce, but talks in Doha collapsed.", True),
        ("The sides agreed to a truce, yet fighting in Kidal went on.", True),
        ("The sides agreed to a truce, and talks in Doha resumed.", False),
        ("The sides agreed to a truce after talks in Doha.", False),
    ],
)
def test_contrary_clauses_are_those_but_or_yet_joins(
    nlp: Language, text: str, contrary: bool
) -> None:
    doc = nlp(text)
    agreed = next(t for t in doc if t.lower_ == "agreed")
    place = next(t for t in doc if t.text in ("Doha", "Kidal"))
    assert contrary_clauses(agreed, place) is contrary
    assert contrary_clauses(place, agreed) is contrary


def test_a_passive_subject_is_a_victim_not_a_side(nlp: Language) -> None:
    text = "Three policemen were killed when militants attacked their station with grenades."
    assaults = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].agent is not None and assaults[0].agent.text == "militants"
    assert assaults[0].weapons == ("grenade",)


def test_weapons_an_attack_hit_are_not_its_weapons(nlp: Language) -> None:
    events = events_of(nlp, "Warplanes bombed ammunition depots and artillery batteries overnight.")
    raid = next(e for e in events if e.type == "ASSAULT")
    assert "battery" not in raid.weapons and "artillery" not in raid.weapons
    assert raid.mode == "air"
    events = events_of(nlp, "The rebels launched rockets at an army tank.")
    launch = next(e for e in events if e.type == "ASSAULT")
    assert launch.weapons == ("rocket",)


def test_a_suicide_bomber_is_no_aircraft(nlp: Language) -> None:
    text = "A suicide bomber struck a police checkpoint in the city, killing six officers."
    attack = next(e for e in events_of(nlp, text) if e.type == "ASSAULT")
    assert attack.weapons == ("suicide bomber",)
    assert attack.acled_sub_event_type == "Suicide bomb"

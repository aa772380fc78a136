"""Verbs of ground combat and violence against civilians are events of their type."""

import datetime as dt

import pytest

from conflictwatch.extract.mentions import extract_mentions


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type", "acled_sub_event_type"),
    [
        ("Gunmen stormed a hotel in the capital.", "stormed", "ASSAULT", None),
        ("Insurgents ambushed an army patrol near the border.", "ambushed", "ASSAULT", None),
        ("Militants overran a police post overnight.", "overran", "FIGHT", "Armed clash"),
        ("Government troops retook the town on Friday.", "retook", "FIGHT", "Armed clash"),
        ("Paramilitary fighters besieged the city for months.", "besieged", "FIGHT", "Armed clash"),
        ("Militiamen raped women in the camp.", "raped", "ASSAULT", "Sexual violence"),
        ("Pirates hijacked a tanker off the coast.", "hijacked", "ASSAULT", None),
    ],
)
def test_combat_and_violence_verbs_are_events(
    sentence: str, trigger: str, event_type: str, acled_sub_event_type: str | None
) -> None:
    mentions = extract_mentions(sentence, doc_id="d", published=dt.date(2024, 5, 1)).mentions
    found = {m.trigger: m for m in mentions}
    assert trigger in found
    assert found[trigger].type == event_type
    if acled_sub_event_type is not None:
        assert found[trigger].acled_sub_event_type == acled_sub_event_type


def test_an_event_noun_that_classifies_people_or_things_is_no_event() -> None:
    text = (
        "Four aid workers were abducted. Attack helicopters circled. The UN sent aid to the camp."
    )
    mentions = extract_mentions(text, doc_id="d", published=dt.date(2024, 5, 1)).mentions
    assert sorted((m.type, m.trigger) for m in mentions if m.type in ("AID", "ASSAULT")) == [
        ("AID", "aid"),
        ("ASSAULT", "abducted"),
    ]


def test_a_misparsed_verb_before_a_modifier_and_its_noun_stays_an_event() -> None:
    # the parser reads "lathi-charge party workers" as one noun phrase; "charge" is no bearer's kind
    text = "the police had to lathi-charge party workers who were blocking the highway."
    mentions = extract_mentions(text, doc_id="d", published=dt.date(2024, 5, 1)).mentions
    assert ("COERCE", "crowd-control") in [(m.type, m.mode) for m in mentions]

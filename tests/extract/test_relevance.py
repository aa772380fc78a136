"""The cheap pre-parse filter: event and casualty words pass, everything else is skipped."""

from __future__ import annotations

import pytest

from conflictwatch.extract.relevance import (
    is_relevant,
    noun_forms,
    relevant_words,
    verb_forms,
    word_forms,
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Clashes broke out on the border on Sunday.",
        "Azerbaijani forces shelled the village overnight.",
        "At least 49 people were killed, the prime minister said.",
        "Four soldiers were wounded and two are missing.",
        "The death toll rose to 158.",
        "Twelve soldiers were captured.",
        "Russia called on both sides to observe the ceasefire.",
        "Pashinyan spoke by phone with Putin.",
        "The enemy fought back with drones and mortars.",
        "Police arrested 35 persons.",
        "Police were patrolling the city's streets.",
        "Their mother called on the community not to retaliate.",
        "He turned the rifle on himself and took his own life.",
        "Three children lost their lives.",
        "Two bodies were found behind a business.",
        "The militants used drones against the convoy.",
        "Several villagers were taken hostage.",
        "THREE SOLDIERS DIED.",
        "Two shot outside bar | Local News | KXYZ DAYTON (KXYZ) - Two men were shot on Friday.",
        "Thousands of people marched through the capital.",
        "Hundreds of residents took to the streets.",
        "Reinforcements were sent to the town.",
        "The insurgents had also burned about 40 homes.",
        "Several shops were burned.",
    ],
)
def test_event_and_casualty_sentences_pass(sentence: str) -> None:
    assert is_relevant(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "Facebook Forum",
        "Please enter your comment!",
        "The weather in Yerevan was sunny and mild.",
        "12 34 56 78 90",
        "Der Himmel ist heute blau.",
        # Words that only look like triggers: a noun trigger's -ing form, a part of a phrase alone,
        # a verb that needs a weapon without one, victims without anything done to them.
        "According to the city's website, the park opens at nine.",
        "Anyone with information should contact the police.",
        "She used the phone in the hallway.",
        "She burned the toast again.",
        "The victims' families gathered at the church on Sunday.",
        "Hundreds of people gathered at the church on Sunday.",
        "The choir marched down the aisle.",
        "He sent a letter to the mayor.",
        "District | Killed | Wounded | Missing",
        "Herat\t5 killed\t7 wounded",
    ],
)
def test_furniture_and_plain_text_fail(sentence: str) -> None:
    assert not is_relevant(sentence)


def test_word_forms_cover_regular_inflections() -> None:
    assert {"shell", "shelled", "shelling", "shells"} <= word_forms("shell")
    assert {"agreed", "agreeing"} <= word_forms("agree")
    assert {"denied", "denies"} <= word_forms("deny")
    assert "banned" in word_forms("ban")
    assert {"patrolled", "patrolling"} <= word_forms("patrol")


def test_noun_and_verb_forms_differ() -> None:
    assert noun_forms("accord") == {"accord", "accords", "accordes"}
    assert "according" in verb_forms("accord")
    assert "casualties" in noun_forms("casualty")
    assert {"struck", "stricken"} <= verb_forms("strike")
    assert "lives" in noun_forms("life")


def test_irregular_forms_are_known() -> None:
    words = relevant_words()
    assert {"fought", "met", "shot", "withdrew"} <= words


def test_casualty_triggers_come_from_the_casualty_vocabulary() -> None:
    assert {"killed", "slain", "injuries", "casualties", "toll", "hostages"} <= relevant_words()
    assert "victims" not in relevant_words()  # a victim noun, not a trigger


def test_a_speaker_introduced_by_full_name_is_parsed() -> None:
    # No event here, but the actor resolver must meet the detective to resolve a later "he said".
    assert is_relevant('"We found two rifles," said Robert Klementich, a Houston police detective.')
    assert is_relevant("Orange County Sheriff Scott Jordan told reporters the man acted alone.")
    # Text without capitals cannot show its names: a reporting verb is enough there.
    assert is_relevant("the police commissioner said the city was calm")


def test_a_reporting_verb_without_a_full_name_is_not_enough() -> None:
    assert not is_relevant("The children were hungry, Klementich said.")
    assert not is_relevant("Robert Klementich has worked in Houston for years.")


@pytest.mark.parametrize(
    ("sentence", "relevant"),
    [
        ("Germany said that Serbia must hand over the suspects.", True),
        ("Anyone with information must contact the police.", False),  # no speaker
        ("Japan gave Kenya a loan of 50 million dollars.", True),
        ("She gave a speech at the university.", False),  # no aid or materiel
        ("Farmers blocked the main highway.", True),
        ("He blocked the proposal in committee.", False),  # no way or traffic
        ("The militia received weapons from abroad.", True),
        ("He received a letter from his brother.", False),
    ],
)
def test_object_and_speaker_bound_triggers_need_their_companion_word(
    sentence: str, relevant: bool
) -> None:
    assert is_relevant(sentence) is relevant

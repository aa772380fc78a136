"""The cheap pre-parse filter: event and casualty words pass, everything else is skipped."""

from __future__ import annotations

import pytest

from conflictwatch.extract.relevance import is_relevant, relevant_words, word_forms


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
    ],
)
def test_furniture_and_plain_text_fail(sentence: str) -> None:
    assert not is_relevant(sentence)


def test_word_forms_cover_regular_inflections() -> None:
    assert {"shell", "shelled", "shelling", "shells"} <= word_forms("shell")
    assert {"agreed", "agreeing"} <= word_forms("agree")
    assert {"denied", "denies"} <= word_forms("deny")
    assert "banned" in word_forms("ban")


def test_irregular_forms_are_known() -> None:
    words = relevant_words()
    assert {"fought", "met", "shot", "withdrew"} <= words

"""Modality of an event trigger from its grammatical context."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.modality import modality_of
from conflictwatch.model import Modality


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "word", "expected", "cue"),
    [
        ("Azerbaijani forces shelled the village.", "shelled", Modality.ASSERTED, None),
        ("Heavy gunfire could be heard all night.", "gunfire", Modality.ASSERTED, None),
        ("An attack could happen at any time.", "attack", Modality.HYPOTHETICAL, "could"),
        ("Azerbaijan did not shell the village.", "shell", Modality.NEGATED, "not"),
        ("There was no shelling overnight.", "shelling", Modality.NEGATED, "no"),
        ("Fifteen soldiers may have been killed.", "killed", Modality.HEDGED, "may"),
        ("Troops reportedly shelled the town.", "shelled", Modality.HEDGED, "reportedly"),
        (
            "Aliyev threatened to withdraw from the talks.",
            "withdraw",
            Modality.THREATENED,
            "threatened",
        ),
        ("Russia will deploy more troops.", "deploy", Modality.PLANNED, "will"),
        ("The army plans to attack the town.", "attack", Modality.PLANNED, "plans"),
        ("If Armenia attacks, Baku will respond.", "attacks", Modality.HYPOTHETICAL, "If"),
        ("The culprits must be arrested at once.", "arrested", Modality.HYPOTHETICAL, "must"),
        ("He demanded the arrest of the leaders.", "arrest", Modality.HYPOTHETICAL, "demanded"),
        # "without" negates what it governs, not the verb it hangs on
        (
            "The army said it had struck the base without providing evidence.",
            "struck",
            Modality.ASSERTED,
            None,
        ),
        ("The troops withdrew without a fight.", "fight", Modality.NEGATED, "without"),
        # a detail left untold does not deny the event
        ("The agency did not say who was behind the attack.", "attack", Modality.ASSERTED, None),
        ("Police did not name the group behind the killings.", "killings", Modality.ASSERTED, None),
        ("He said the rebels did not attack the town.", "attack", Modality.NEGATED, "not"),
        # only the immediate governor: the firing itself happened
        ("They demanded a probe into the firing.", "firing", Modality.ASSERTED, None),
        # hearsay: a noun whose clause holds the event
        (
            "The war fueled rumors that the army was withdrawing.",
            "withdrawing",
            Modality.HEDGED,
            "rumors",
        ),
        # the occasion of a request is no plan: the clashes happened
        ("Serbia sought help on Tuesday over deadly clashes.", "clashes", Modality.ASSERTED, None),
        # a subject that quantifies over nobody negates its own verb, not the event it happened in
        ("No officers were injured in the attack.", "injured", Modality.NEGATED, "No"),
        ("No officers were injured in the attack.", "attack", Modality.ASSERTED, None),
        # an event named as possible or proposed has not happened
        (
            "It is too early to discuss a possible meeting.",
            "meeting",
            Modality.HYPOTHETICAL,
            "possible",
        ),
        ("They rejected the proposed summit.", "summit", Modality.PLANNED, "proposed"),
        # a truce called for has not been agreed
        (
            "The UN chief called for an immediate ceasefire.",
            "ceasefire",
            Modality.HYPOTHETICAL,
            "called",
        ),
        ("The ceasefire called for by the UN held.", "ceasefire", Modality.ASSERTED, None),
        # aid waited for, needed or lacking has not come
        ("Thousands are waiting for aid in Rafah.", "aid", Modality.HYPOTHETICAL, "waiting"),
        ("Families are in desperate need of food aid.", "aid", Modality.HYPOTHETICAL, "need"),
        ("The camps lack aid.", "aid", Modality.HYPOTHETICAL, "lack"),
        # a headline's clause before a verb of wanting is no complement of it
        (
            "Bandits abduct 47 in Zamfara villages, demand N80m ransom",
            "abduct",
            Modality.ASSERTED,
            None,
        ),
        (
            "Protesters demanded that troops leave the town.",
            "leave",
            Modality.HYPOTHETICAL,
            "demanded",
        ),
    ],
)
def test_modality(
    nlp: Language, sentence: str, word: str, expected: Modality, cue: str | None
) -> None:
    doc = nlp(sentence)
    (token,) = [t for t in doc if t.text == word]
    assert modality_of(token) == (expected, cue)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Baku is seeking to mend ties with Moscow.", "seeking", True),
        ("The rebels tried to storm the building.", "tried", True),
        ("Baku sought help from Moscow.", "sought", False),  # a noun object: a request
        ("The army threatened to attack.", "threatened", False),  # a threat, not a plan
    ],
)
def test_marks_plan(nlp: Language, sentence: str, word: str, expected: bool) -> None:
    from conflictwatch.extract.modality import marks_plan

    token = next(t for t in nlp(sentence) if t.text == word)
    assert marks_plan(token) is expected

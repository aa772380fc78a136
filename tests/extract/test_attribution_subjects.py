"""Subjects of reporting verbs that do not speak themselves: documents and places."""

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch.analyze import load_pipeline
from conflictwatch.extract.attribution import attribute


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "trigger", "claimant"),
    [
        ("Reports from both sides suggest heavy fighting in the valley.", "fighting", "both sides"),
        ("A UN report said 40 people were killed in the attack.", "attack", "UN"),
        ("Figures from the health ministry show that 12 people died in the shelling.", "shelling", "the health ministry"),
    ],
)  # fmt: skip
def test_a_document_speaks_for_its_source(
    nlp: Language, sentence: str, trigger: str, claimant: str
) -> None:
    found = attribute(nlp(sentence), sentence.index(trigger))
    assert found is not None and found.text == claimant
    assert sentence[found.start : found.end] == claimant


def test_a_document_without_a_source_is_no_claimant(nlp: Language) -> None:
    sentence = "Reports suggest that 40 people were killed in the attack."
    assert attribute(nlp(sentence), sentence.index("attack")) is None


def test_officials_in_a_region_speak_not_the_region(nlp: Language) -> None:
    # The parse the small model gives such sentences: "region" as the subject of "reported", and
    # "officials" the object of "after".
    words = ["after", "ethnic", "Serb", "officials", "in", "the", "breakaway", "Krajina", "region",
             "reported", "heavy", "shelling"]  # fmt: skip
    heads = [9, 3, 3, 0, 3, 6, 4, 8, 9, 9, 11, 9]
    deps = ["prep", "amod", "amod", "pobj", "prep", "det", "pobj", "compound", "nsubj", "ROOT",
            "amod", "dobj"]  # fmt: skip
    pos = [
        "ADP",
        "ADJ",
        "ADJ",
        "NOUN",
        "ADP",
        "DET",
        "NOUN",
        "PROPN",
        "NOUN",
        "VERB",
        "ADJ",
        "NOUN",
    ]
    lemmas = ["after", "ethnic", "serb", "official", "in", "the", "breakaway", "Krajina", "region",
              "report", "heavy", "shelling"]  # fmt: skip
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    found = attribute(doc, doc.text.index("shelling"))
    assert found is not None
    assert found.text == "ethnic Serb officials in the breakaway Krajina region"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("According to reports from the health ministry, 12 people died in the shelling.", "the health ministry"),
        ("According to the police report, 12 people died in the shelling.", "the police report"),
    ],
)  # fmt: skip
def test_according_to_cites_a_documents_source_or_the_document(
    nlp: Language, sentence: str, claimant: str
) -> None:
    found = attribute(nlp(sentence), sentence.index("shelling"))
    assert found is not None and (found.text, found.verb) == (claimant, "according to")


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("According to a statement from the army, nine rebels died in the shelling.", "the army"),
        ("According to the group's statement, nine rebels died in the shelling.", "the group's"),
    ],
)  # fmt: skip
def test_a_statement_speaks_for_its_author(nlp: Language, sentence: str, claimant: str) -> None:
    found = attribute(nlp(sentence), sentence.index("shelling"))
    assert found is not None and found.text.startswith(claimant) and not found.anaphoric


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine rebels died in the shelling, according to the statement.",
        "The statement said nine rebels died in the shelling.",
    ],
)
def test_a_statement_with_no_author_stands_for_the_last_speaker(
    nlp: Language, sentence: str
) -> None:
    found = attribute(nlp(sentence), sentence.index("shelling"))
    assert found is not None and found.anaphoric


def test_a_statement_of_no_one_is_no_claimant(nlp: Language) -> None:
    sentence = "Nine rebels died in the shelling, according to a statement."
    assert attribute(nlp(sentence), sentence.index("shelling")) is None


def test_a_count_taken_for_the_speaker_gives_way_to_the_phrase_before_the_verb(
    nlp: Language,
) -> None:
    sentence = (
        "An air strike on the town killed at least 17 people, including nine children, when a "
        "bomb hit a school on Monday, a local resistance group and residents said."
    )
    found = attribute(nlp(sentence), sentence.index("strike"))
    assert found is not None and found.text.startswith("a local resistance group")


@pytest.mark.parametrize(
    "tail",
    [
        " on Monday.",
        " on Monday, the latest in a string of aerial attacks on opposition-held areas.",
    ],
)
def test_the_phrase_before_the_verb_speaks_when_only_circumstances_follow_the_verb(
    nlp: Language, tail: str
) -> None:
    sentence = (
        "A military airstrike on a village in the Sagaing region killed at least 17 people, "
        "including six children, a local resistance group and residents said" + tail
    )
    found = attribute(nlp(sentence), sentence.index("airstrike"))
    assert found is not None and found.text.startswith("a local resistance group")


def test_a_passive_on_a_noun_is_no_clause_final_report(nlp: Language) -> None:
    sentence = "It was the first attack on commercial shipping claimed by the group since December."
    found = attribute(nlp(sentence), sentence.index("attack"))
    assert found is None or "shipping" not in found.text

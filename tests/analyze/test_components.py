"""The fast stand-ins for the attribute ruler and the rule lemmatizer annotate exactly like spaCy's own."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from conflictwatch import settings
from conflictwatch.analyze import load_pipeline
from conflictwatch.analyze.components import (
    BULK_LEMMATIZER,
    INDEXED_ATTRIBUTE_RULER,
    BulkLemmatizer,
    IndexedAttributeRuler,
    use_fast_rule_components,
)

#: Sentences that exercise the ruler's exceptions: contractions, possessives, expletive "there",
#: irregular verbs, odd spacing, upper and lower case, numbers and symbols.
SENTENCES = [
    "Azerbaijani forces shelled the village of Sotk on Monday, the ministry said.",
    "There were 49 soldiers killed, and there's no sign the fighting won't go on.",
    "He gets up early; they got what they'd wanted, didn't they?",
    "The U.S. and Russia's envoys met in Geneva  on 12 Oct.\n\nTalks resumed.",
    "AT LEAST 54 TROOPS WERE WOUNDED IN THE ATTACK.",
    "police fired teargas at the mob in ahmedabad and arrested 35 persons",
    "Gov. Smith, 54, said: “We’re not going to stand for it.” Prices rose 3% to $5,000.",
    # The ruler's patterns of several tokens, regular expressions, dependency labels and spaces.
    "He's gonna go, y'all ain't nothin' but trouble; let's c'mon, I gotta see it.",
    "I told you it was there. Did you do it? Whatever he had, that is what it did to me.",
    "There were  two of them \n and there's\t one.",
    "",
    "   ",
]
ANNOTATIONS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(settings.load().spacy_model)


def test_loaded_pipeline_uses_the_stand_ins_and_keeps_the_originals() -> None:
    nlp = load_pipeline()
    assert INDEXED_ATTRIBUTE_RULER in nlp.pipe_names
    assert BULK_LEMMATIZER in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names
    # Disabled, not removed: callers still reach the lemmatizer's lookup tables.
    assert nlp.get_pipe("lemmatizer").lookups.has_table("lemma_index")  # type: ignore[attr-defined]


def test_annotations_equal_the_stock_pipelines(stock: Language) -> None:
    fast = load_pipeline()
    for expected, found in zip(stock.pipe(SENTENCES), fast.pipe(SENTENCES), strict=True):
        assert found.to_array(ANNOTATIONS).tolist() == expected.to_array(ANNOTATIONS).tolist()
        assert [str(t.morph) for t in found] == [str(t.morph) for t in expected]
        assert [t.lemma_ for t in found] == [t.lemma_ for t in expected]


def test_lemmas_and_parts_of_speech_read_right(stock: Language) -> None:
    doc = load_pipeline()("He gets up early; they got what they'd wanted, didn't they?")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gets"] == "get"
    assert lemmas["got"] == "get"
    assert lemmas["wanted"] == "want"
    assert {t.text: t.pos_ for t in doc}["n't"] == "PART"


def test_the_ruler_checks_its_remaining_patterns_without_a_matcher() -> None:
    ruler = load_pipeline().get_pipe(INDEXED_ATTRIBUTE_RULER)
    assert isinstance(ruler, IndexedAttributeRuler)
    assert len(ruler.matcher) == 0
    assert ruler.anchored or ruler.unanchored


def test_several_token_patterns_set_their_lemmas() -> None:
    doc = load_pipeline()("He's gonna go and y'all ain't ready, let's see.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go"
    assert lemmas["na"] == "to"
    assert lemmas["y'"] == "you"
    assert lemmas["ai"] == "be"
    assert [t.lemma_ for t in doc if t.text == "'s"][-1] == "us"


def test_lemmas_of_unseen_words_come_from_the_rules_with_word_sets(stock: Language) -> None:
    fast = load_pipeline()
    lemmatizer = fast.get_pipe(BULK_LEMMATIZER)
    assert isinstance(lemmatizer, BulkLemmatizer)
    lemmatizer.cache.clear()
    text = (
        "The shellings wounded villagers; drones struck depots and the fleeing militias regrouped."
    )
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in stock(text)]
    # The pipeline's own lemmatizer keeps its tables as spaCy loaded them.
    original = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert all(isinstance(words, list) for words in original.values())


def test_a_pipeline_without_rule_components_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert use_fast_rule_components(nlp).pipe_names == []

"""The batch decoder of the entity recognizer finds exactly the stock recognizer's entities."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span

from conflictwatch import settings
from conflictwatch.analyze import load_pipeline
from conflictwatch.analyze.entities import (
    NER,
    STOCK_NER,
    GreedyEntityRecognizer,
    use_greedy_entity_recognizer,
)

#: Names of many kinds, entities at the start and end of a text, several sentences in one text
#: (an entity may not cross a sentence start), odd white space, text in one case, and empty texts.
TEXTS = [
    "Armenian Defense Minister Suren Papikyan said Azerbaijani forces shelled Sotk on Monday.",
    "The U.S. State Department and the OSCE Minsk Group met in Geneva on 12 October 2020.",
    "At least 49 soldiers were killed, the ministry said. Another 54 died by Sunday night in "
    "Nagorno-Karabakh, bringing the toll to 158.",
    "New York  City police arrested 35 people\n\nin Ahmedabad , India ,  on Tuesday.",
    "police fired teargas at the mob in ahmedabad and arrested 35 persons",
    "AT LEAST 54 TROOPS WERE WOUNDED IN THE ATTACK ON STEPANAKERT.",
    "The $5,000 reward, 3% of the budget, was offered by the FBI and Reuters reported it.",
    "Russia",
    "",
    "   ",
]
ENTITY_ANNOTATIONS: list[int | str] = ["ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(settings.load().spacy_model)


def _entities(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in doc.ents]


def test_the_loaded_pipeline_decodes_entities_in_batch_under_the_name_ner() -> None:
    nlp = load_pipeline()
    recognizer = nlp.get_pipe(NER)
    assert isinstance(recognizer, GreedyEntityRecognizer)
    assert NER in nlp.pipe_names
    assert STOCK_NER not in nlp.pipe_names  # kept, disabled
    assert isinstance(nlp.get_pipe(STOCK_NER), EntityRecognizer)
    assert "PERSON" in recognizer.labels


def test_entities_equal_the_stock_pipelines(stock: Language) -> None:
    fast = load_pipeline()
    expected = list(stock.pipe(TEXTS))
    for batch_size in (1, 3, 256):
        found = list(fast.pipe(TEXTS, batch_size=batch_size))
        for want, got in zip(expected, found, strict=True):
            assert got.to_array(ENTITY_ANNOTATIONS).tolist() == (
                want.to_array(ENTITY_ANNOTATIONS).tolist()
            )
            assert _entities(got) == _entities(want)


def test_entities_read_right() -> None:
    doc = load_pipeline()(TEXTS[0])
    entities = _entities(doc)
    assert ("Suren Papikyan", "PERSON") in entities
    assert ("Monday", "DATE") in entities
    assert all(token.ent_iob_ in ("B", "I", "O") for token in doc)


def test_one_doc_at_a_time_equals_a_batch() -> None:
    nlp = load_pipeline()
    ner = nlp.get_pipe(NER)
    assert isinstance(ner, GreedyEntityRecognizer)
    names = [name for name in nlp.pipe_names if name != NER]
    with nlp.select_pipes(enable=names):
        docs = list(nlp.pipe(TEXTS))
    singly = [ner(doc.copy()) for doc in docs]
    batched = list(ner.pipe([doc.copy() for doc in docs], batch_size=4))
    assert [_entities(d) for d in singly] == [_entities(d) for d in batched]


def test_preset_entities_go_to_the_stock_recognizer() -> None:
    nlp = load_pipeline()
    names = [name for name in nlp.pipe_names if name != NER]
    with nlp.select_pipes(enable=names):
        doc = nlp(TEXTS[1])
    doc.set_ents([Span(doc, 0, 1, label="ORG")], default="unmodified")  # "The" as a preset ORG
    expected = nlp.get_pipe(STOCK_NER)(doc.copy())
    found = nlp.get_pipe(NER)(doc.copy())
    assert _entities(found) == _entities(expected)
    assert _entities(found)[0] == ("The", "ORG")


def test_a_pipeline_without_a_recognizer_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert use_greedy_entity_recognizer(nlp).pipe_names == []

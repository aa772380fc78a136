import pytest

from conflictwatch.analyze import analyze_text, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def mentions_fighting(sentence: str) -> bool:
    return "shelled" in sentence or "killed" in sentence


def test_only_relevant_sentences_are_parsed(nlp):
    text = (
        "The weather in Yerevan was mild. Azerbaijani forces shelled the village of Sotk on Monday. "
        "Officials met later.\nTwo soldiers were killed, the ministry said."
    )
    analysis = analyze_text(text, relevant=mentions_fighting, nlp=nlp)
    assert [s.text for s in analysis.sentences] == [
        "The weather in Yerevan was mild.",
        "Azerbaijani forces shelled the village of Sotk on Monday.",
        "Officials met later.",
        "Two soldiers were killed, the ministry said.",
    ]
    assert [s.doc is not None for s in analysis.sentences] == [False, True, False, True]
    for sentence in analysis.parsed:
        assert text[sentence.start : sentence.end] == sentence.doc.text
        assert any(token.dep_ == "ROOT" for token in sentence.doc)


def test_entity_doc_carries_entities_at_document_offsets(nlp):
    text = "Nothing here. Azerbaijani forces shelled Sotk and Vardenis in Armenia on Monday."
    analysis = analyze_text(text, relevant=mentions_fighting, nlp=nlp)
    doc = analysis.entity_doc(nlp)
    assert doc.text == text
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Armenia", "GPE") in found
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_non_english_text_gets_no_sentences(nlp):
    text = (
        "Les forces arméniennes ont bombardé la ville hier soir, selon le ministère de la Défense, "
        "qui a fait état de plusieurs morts parmi les civils et de dégâts importants."
    )
    analysis = analyze_text(text, relevant=lambda s: True, nlp=nlp)
    assert analysis.language.language == "fr"
    assert analysis.sentences == ()

"""The shared pipeline gives the lemma exceptions their base form."""

from conflictwatch.analyze.nlp import load_pipeline


def test_forms_the_rule_lemmatizer_gets_wrong_have_their_base() -> None:
    doc = load_pipeline()("Soldiers raped villagers after troops retook the town, patrolling it.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert (lemmas["raped"], lemmas["retook"], lemmas["patrolling"]) == ("rape", "retake", "patrol")
    assert lemmas["Soldiers"] == "soldier"  # other words keep the lemmatizer's own lemma

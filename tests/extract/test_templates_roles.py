"""Learned role fillers for MUC-style templates: candidates, acceptance and assignment to templates."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictwatch.extract.templates import (
    LEARNED_ROLES,
    Filler,
    RoleCandidate,
    Template,
    assign_fillers,
    choose_fillers,
    recase,
    role_candidates,
    role_models,
    with_learned_roles,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    from conflictwatch.analyze.nlp import load_pipeline

    return load_pipeline()


def filler(text: str, start: int) -> Filler:
    return Filler(text=text, start=start, end=start + len(text))


def candidate(role: str, text: str, start: int) -> RoleCandidate:
    return RoleCandidate(role=role, filler=filler(text, start), features=frozenset())


def test_templates_role_candidates_describe_how_a_phrase_meets_the_trigger(nlp: Language) -> None:
    doc = nlp(recase("urban guerrillas bombed the power station in san salvador. it rained."))
    found = {(c.role, c.filler.text.lower()): c.features for c in role_candidates(doc)}
    perpetrator = found["PerpInd", "urban guerrillas"]
    assert {
        "arg=agent",
        "arg=agent:bombing",
        "lemma=guerrilla",
        "mod=urban",
        "sidx=0",
    } <= perpetrator
    assert {"arg=patient", "stype=bombing", "lemma=station"} <= found["Target", "power station"]
    assert {r for r, _ in found} <= set(LEARNED_ROLES)
    # The second sentence has no trigger: its nouns are candidates that say so.
    assert not any(text == "it" for _, text in found)


def test_templates_choose_fillers_applies_thresholds_and_keeps_full_names() -> None:
    scored = [
        (candidate("Victim", "jaramillo", 40), 0.9),
        (candidate("Victim", "bernardo jaramillo", 0), 0.8),
        (candidate("Target", "bank", 10), 0.3),
        (candidate("Target", "car", 20), 0.1),
        (candidate("PerpInd", "rebels", 30), 0.9),
    ]
    chosen = choose_fillers(scored, {"Victim": 0.5, "Target": 0.2})
    assert list(chosen["Victim"]) == ["bernardo jaramillo"]  # "jaramillo" ends a longer name
    assert list(chosen["Target"]) == ["bank"]
    assert "PerpInd" not in chosen  # no threshold: that role is left to the rules


def test_templates_assign_fillers_inside_nearest_and_all() -> None:
    first = Template(incident_type="attack", sentences=((0, 50),))
    second = Template(incident_type="bombing", sentences=((200, 250),))
    chosen = {
        "Victim": {"ana": [filler("ana", 10)], "bob": [filler("bob", 120)]},
        "Target": {"bank": [filler("bank", 180)]},
        "PerpOrg": {"fmln": [filler("fmln", 300)]},
    }
    assignment = {"Victim": "inside", "Target": "nearest", "PerpOrg": "all"}
    one, two = assign_fillers([first, second], chosen, assignment)
    assert [f.text for f in one.victim] == ["ana"]  # "bob" is in neither template's sentences
    assert [f.text for f in two.victim] == []
    assert ([f.text for f in one.target], [f.text for f in two.target]) == ([], ["bank"])
    assert [f.text for f in one.perp_org] == [f.text for f in two.perp_org] == ["fmln"]
    (alone,) = assign_fillers([first], chosen, assignment)
    assert [f.text for f in alone.victim] == ["ana", "bob"]  # one incident: every filler is its


def test_templates_learned_roles_fill_a_relevant_template(nlp: Language) -> None:
    assert set(role_models()) == set(LEARNED_ROLES)
    doc = nlp(recase("rebels kidnapped businessman carlos ramirez in bogota on monday."))
    assert with_learned_roles([], doc) == []
    (template,) = with_learned_roles([Template(incident_type="kidnapping")], doc)
    assert [f.text.lower() for f in template.victim] == ["carlos ramirez"]
    assert [f.text.lower() for f in template.perp_ind] == ["rebels"]

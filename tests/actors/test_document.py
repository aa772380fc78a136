from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import seed_file

from conflictwatch.actors import ActorSpan, DocumentActors
from conflictwatch.analyze.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _find_all(nlp: Language, text: str, actors: DocumentActors | None = None) -> list[ActorSpan]:
    actors = actors or DocumentActors()
    doc = nlp(text)
    found: list[ActorSpan] = []
    for sent in doc.sents:
        found += actors.find_in(sent.as_doc(), offset=sent.start_char)
    return found


def _ids(spans: list[ActorSpan]) -> list[str | None]:
    return [s.actor.id for s in spans]


def test_capitals_as_subject_and_object_are_actors_places_after_in_are_not(nlp: Language) -> None:
    text = "Yerevan accused Baku of shelling Sotk in Tavush province."
    found = _find_all(nlp, text)
    assert _ids(found) == ["ARM.GOV", "AZE.GOV"]
    assert [(s.start, s.end, s.text) for s in found] == [(0, 7, "Yerevan"), (16, 20, "Baku")]


def test_places_as_locations_are_not_actors(nlp: Language) -> None:
    text = "Azerbaijani forces fired toward Vardenis, Goris and Kapan and shelled positions in Armenia."
    assert _ids(_find_all(nlp, text)) == ["AZE.MIL"]


def test_appeal_to_a_state_keeps_it_as_an_actor(nlp: Language) -> None:
    text = "Armenia appealed to Russia, the CSTO and the UN Security Council."
    assert _ids(_find_all(nlp, text)) == ["ARM", "RUS", "IGO.CSTO", "IGO.UNSC"]


def test_coordinated_demonyms_give_two_actors(nlp: Language) -> None:
    text = "Armenian and Russian military officials are in constant contact."
    assert _ids(_find_all(nlp, text)) == ["ARM.MIL", "RUS.MIL"]


def test_offsets_point_into_the_document(nlp: Language) -> None:
    text = (
        "Fighting resumed on Tuesday.\n\nArmenian Defense Minister Suren Papikyan spoke with his "
        "Russian counterpart Sergei Shoigu. Papikyan said Azerbaijani troops had advanced."
    )
    found = _find_all(nlp, text)
    assert all(text[s.start : s.end] == s.text for s in found)
    assert _ids(found) == [
        "person:suren-papikyan",
        "person:sergei-shoigu",
        "person:suren-papikyan",
        "AZE.MIL",
    ]
    assert found[0].actor.role == "defense minister"


def test_unknown_conflict_actors_kept_as_text(nlp: Language) -> None:
    text = "The Northern Liberation Front said its fighters were attacked by Ruritanian troops."
    found = _find_all(nlp, text)
    assert found[0].actor.id is None
    assert found[0].actor.name == "Northern Liberation Front"


def test_bad_input_does_not_crash(nlp: Language) -> None:
    table = "\n".join(" | ".join(str(i * j) for j in range(12)) for i in range(40))
    assert _find_all(nlp, table) == []
    assert _find_all(nlp, "") == []
    found = _find_all(nlp, "Die Regierung in Berlin hat am Montag erklärt, dass nichts geschah.")
    assert all(s.actor.id in {None, "DEU.GOV"} for s in found)


# The actors a careful analyst names in each seed (SEEDS-EXPECTED.md), by id, and the spellings that
# must all land on the same id.
SEED_ACTORS: dict[str, set[str]] = {
    "000": {"ARM", "AZE", "person:zohrab-mnatsakanyan", "person:ilham-aliyev", "IGO.OSCE.MINSK",
            "person:nikol-pashinyan"},
    "001": {"person:nikol-pashinyan", "ARM.MOD", "person:suren-papikyan", "person:sergei-shoigu",
            "IGO.CSTO", "IGO.UNSC", "RUS.MFA", "person:vladimir-putin", "person:emmanuel-macron",
            "person:antony-blinken", "ARM.GOV", "AZE.GOV"},
    "002": {"person:mevlut-cavusoglu", "TUR", "person:vladimir-putin", "person:nikol-pashinyan",
            "person:emmanuel-macron", "person:donald-trump", "SEP.NKR"},
    "003": {"person:sergei-lavrov", "person:vladimir-putin", "person:nikol-pashinyan",
            "person:ilham-aliyev", "ARM.MFA", "RUS"},
    "004": {"ARM.MOD", "ARM.MFA", "IGO.CSTO", "IGO.OSCE.MINSK", "person:nikol-pashinyan",
            "person:charles-michel", "person:ann-linde", "ARM.PTY.HAYASTAN", "RUS.PKO"},
}  # fmt: skip
SAME_PERSON = {
    "person:nikol-pashinyan": ("Pashinyan", "Pashinian"),
    "person:zohrab-mnatsakanyan": ("Mnatsakanian",),
    "person:mevlut-cavusoglu": ("Cavusoglu",),
}


@pytest.mark.parametrize("number", sorted(SEED_ACTORS))
def test_seed_actors_resolve_to_one_id_each(nlp: Language, seeds_dir: Path, number: str) -> None:
    text = seed_file(seeds_dir, number).read_text(encoding="utf-8")
    found = _find_all(nlp, text)
    assert all(text[s.start : s.end] == s.text for s in found)
    ids_by_surname: dict[str, set[str | None]] = defaultdict(set)
    for span in (s for s in found if s.actor.kind in {"person", None}):  # not "the X government"
        for person_id, spellings in SAME_PERSON.items():
            if any(spelling in span.text for spelling in spellings):
                ids_by_surname[person_id].add(span.actor.id)
    assert SEED_ACTORS[number] <= set(_ids(found))
    for person_id, ids in ids_by_surname.items():
        assert ids == {person_id}


def test_text_without_capitals_is_true_cased(nlp: Language) -> None:
    text = (
        "the guatemala army denied that salvadoran rebels attacked, the un security council said."
    )
    assert _ids(_find_all(nlp, text)) == ["GTM.MIL", "SLV.REB", "IGO.UNSC"]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Azerbaijan's attack on Armenia drew condemnation.", ["AZE", "ARM"]),
        ("Shelling hit Armenia's Tavush province.", []),
        ("His visit to Moscow followed an appeal to Russia.", ["RUS"]),
        ("The EU imposed sanctions on Russia and Iran.", ["IGO.EU", "RUS", "IRN"]),
        ("The Chinese coast guard blocked the ship.", ["CHN.COASTGUARD"]),
    ],
)
def test_possessors_recipients_and_destinations(nlp: Language, text: str, ids: list[str]) -> None:
    assert _ids(_find_all(nlp, text)) == ids


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("the salvadoran army", "SLV.MIL"),
        ("the colombian government", "COL.GOV"),
        ("the fmln", "AG.FMLN"),
        ("the united states", "USA"),
        ("the us", None),  # a pronoun, not the abbreviation
        ("congress leaders", None),  # an institution word, no country's
    ],
)
def test_phrases_of_a_sentence_without_case_are_read_with_names_capitalized(
    phrase: str, actor_id: str | None
) -> None:
    actors = DocumentActors()
    actors.note_sentence(f"{phrase} said that the rebels had attacked.")
    found = actors.resolve(phrase)
    assert (found.id if found is not None else None) == actor_id


def test_phrases_of_a_cased_sentence_are_read_as_written() -> None:
    actors = DocumentActors()
    actors.note_sentence("Syrian forces clashed with tunisian rioters.")
    found = actors.resolve("tunisian rioters")
    assert found is None or found.country is None


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Dissidents of the former FARC rebel group", "AG.FARC_DISSIDENTS"),
        ("former FARC dissidents", "AG.FARC_DISSIDENTS"),
        ("former FARC rebels", "AG.FARC"),
        ("Myanmar's junta", "MMR.GOV"),
    ],
)
def test_dissidents_of_a_group_and_a_countrys_junta(phrase: str, actor_id: str) -> None:
    found = DocumentActors().resolve(phrase)
    assert found is not None and found.id == actor_id

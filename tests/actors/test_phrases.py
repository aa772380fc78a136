from __future__ import annotations

import pytest

from conflictwatch.actors import DocumentActors, load_actor_dictionary
from conflictwatch.actors.dictionary import build_dictionary


def _resolve_id(phrase: str) -> str | None:
    actor = DocumentActors().resolve(phrase)
    return actor.id if actor is not None else None


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Armenian Defense Ministry", "ARM.MOD"),
        ("the Ministry of Defense of Armenia", "ARM.MOD"),
        ("Azerbaijani forces", "AZE.MIL"),
        ("the Azerbaijani armed forces", "AZE.MIL"),
        ("Russia's Foreign Ministry", "RUS.MFA"),
        ("Russia’s Foreign Ministry", "RUS.MFA"),
        ("the government of Azerbaijan", "AZE.GOV"),
        ("Armenian border guards", "ARM.BORDER"),
        ("Russian peacekeepers", "RUS.PKO"),
        ("12 Armenian soldiers", "ARM.MIL"),
        ("the Armenian side", "ARM"),
        ("Yerevan", "ARM.GOV"),
        ("Baku", "AZE.GOV"),
        ("Moscow", "RUS.GOV"),
        ("the Kremlin", "RUS.GOV"),
        ("the White House", "USA.GOV"),
        ("the Armenians", "ARM"),
        ("Azerbaijanis", "AZE"),
        ("the OSCE Minsk Group co-chairs", "IGO.OSCE.MINSK"),
        ("the Minsk Group", "IGO.OSCE.MINSK"),
        ("the Collective Security Treaty Organization", "IGO.CSTO"),
        ("the UN Security Council", "IGO.UNSC"),
        ("the European Union", "IGO.EU"),
        ("Karabakh officials", "SEP.NKR.GOV"),
        ("Hamas fighters", "AG.HAMAS"),
        ("the Hayastan Alliance", "ARM.PTY.HAYASTAN"),
        ("Nikol Pashinian", "person:nikol-pashinyan"),
        ("Zohrab Mnatsakanian", "person:zohrab-mnatsakanyan"),
        ("Mevlut Cavusoglu", "person:mevlut-cavusoglu"),
        ("Mevlüt Çavuşoğlu", "person:mevlut-cavusoglu"),
        ("Sudanese Armed Forces", "SDN.MIL"),
        ("the M23 rebel group", "AG.M23"),
        ("the M23 armed group", "AG.M23"),
        ("FARC dissidents", "AG.FARC_DISSIDENTS"),
        ("the Estado Mayor Central faction", "AG.EMC"),
    ],
)
def test_phrases_resolve_to_stable_ids(phrase: str, actor_id: str) -> None:
    assert _resolve_id(phrase) == actor_id


@pytest.mark.parametrize(
    "phrase",
    ["", "   ", "the toll", "he", "Armenian territory", "Iranian peace proposal", "EU-mediated talks",
     "the UN Charter", "Nagorno-Karabakh War", "12 345 678 910", "x" * 10_000, "an official"],
)  # fmt: skip
def test_non_actors_give_none(phrase: str) -> None:
    assert DocumentActors().resolve(phrase) is None


def test_role_is_learned_and_surname_and_title_resolve_later() -> None:
    actors = DocumentActors()
    first = actors.resolve("Armenian Defense Minister Suren Papikyan")
    assert first is not None
    assert (first.id, first.kind, first.role, first.country) == (
        "person:suren-papikyan",
        "person",
        "defense minister",
        "ARM",
    )
    assert actors.resolve("Papikyan") == first
    assert actors.resolve("Papikian") == first
    assert actors.resolve("the defense minister") == first
    assert actors.resolve("Armenia's defense minister") == first


def test_unknown_person_with_title_gets_a_person_id_and_role() -> None:
    actors = DocumentActors()
    found = actors.resolve("Kenyan Interior Minister Wanjiru Otieno")
    assert found is not None
    assert (found.id, found.role, found.country) == (
        "person:wanjiru-otieno",
        "interior minister",
        "KEN",
    )
    assert actors.resolve("Otieno") == found


def test_title_without_name_is_the_office() -> None:
    found = DocumentActors().resolve("the Turkish Foreign Minister")
    assert found is not None
    assert (found.id, found.role) == ("TUR.MFA", "foreign minister")


def test_spokesperson_of_an_institution() -> None:
    found = DocumentActors().resolve("The Armenian Foreign Ministry spokeswoman")
    assert found is not None
    assert (found.id, found.role) == ("ARM.MFA", "foreign ministry spokesperson")


def test_bare_institution_refers_to_the_one_met_before() -> None:
    actors = DocumentActors()
    assert actors.resolve("the Armenian Defense Ministry") is not None
    found = actors.resolve("the Defense Ministry")
    assert found is not None and found.id == "ARM.MOD"


def test_patron_and_ethnic_labels_are_not_the_state() -> None:
    backed = DocumentActors().resolve("Armenian-backed forces")
    assert backed is not None and backed.id is None and backed.kind == "armed_group"
    ethnic = DocumentActors().resolve("ethnic Armenian separatists")
    assert ethnic is not None and ethnic.id is None
    proxy = DocumentActors().resolve("Turkish-backed Syrian fighters")
    assert proxy is not None and proxy.id in {"SYR.REB", "AG.SNA"}


def test_conflict_unknown_to_the_dictionary_is_kept_as_text() -> None:
    builtin = load_actor_dictionary()
    without_sudan = build_dictionary(
        [e for e in builtin.entries.values() if e.country != "SDN"], builtin.version
    )
    actors = DocumentActors(without_sudan)
    army = actors.resolve("the Sudanese Armed Forces")
    assert army is not None and army.id == "SDN.MIL" and army.kind == "military"
    rsf = actors.resolve("the Rapid Support Forces")
    assert rsf is not None
    assert (rsf.id, rsf.name, rsf.kind) == (None, "Rapid Support Forces", "armed_group")
    assert actors.resolve("Khartoum") == actors.resolve("the Sudanese government")


def test_people_lists_each_person_once() -> None:
    actors = DocumentActors()
    actors.resolve("Armenian Prime Minister Nikol Pashinyan")
    actors.resolve("Pashinian")
    assert [p.id for p in actors.people()] == ["person:nikol-pashinyan"]


def test_former_office_holders_keep_a_past_role() -> None:
    found = DocumentActors().resolve("former President Robert Kocharyan")
    assert found is not None
    assert (found.id, found.role) == ("person:robert-kocharyan", "former president")


def test_short_or_common_names_need_a_title() -> None:
    actors = DocumentActors()
    ban = actors.resolve("Ban")
    assert ban is None or ban.id is None
    xi = actors.resolve("President Xi")
    assert xi is not None and (xi.id, xi.country) == ("person:xi-jinping", "CHN")
    assert actors.resolve("Xi") == xi  # learned from the titled mention


def test_lone_surname_of_a_known_person_needs_the_country_in_context() -> None:
    actors = DocumentActors()
    alone = actors.resolve("Pashinyan")
    assert alone is None or alone.id is None
    actors.resolve("Armenia")
    found = actors.resolve("Pashinyan")
    assert found is not None and found.id == "person:nikol-pashinyan"
    crime_story = DocumentActors()
    crime_story.resolve("Milwaukee police")
    wallace = crime_story.resolve("Wallace")
    assert wallace is None or wallace.id is None


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("the West Bank", "PSE"),
        ("the Gaza Strip", "PSE"),
        ("Congress", "USA.LEG"),
        ("the U.S. Congress", "USA.LEG"),
        ("the European Community", "IGO.EU"),
    ],
)
def test_territories_and_unqualified_bodies(phrase: str, actor_id: str) -> None:
    assert _resolve_id(phrase) == actor_id


def test_security_council_is_the_uns_only_in_un_context() -> None:
    alone = DocumentActors()
    alone.note_sentence("The Security Council met in Yerevan on Monday.")
    assert _id_of(alone, "The Security Council") is None
    sentence = DocumentActors()
    sentence.note_sentence("The U.N. Security Council met, and the Security Council agreed.")
    assert _id_of(sentence, "the Security Council") == "IGO.UNSC"
    earlier = DocumentActors()
    assert _id_of(earlier, "the United Nations") == "IGO.UN"
    assert _id_of(earlier, "the Security Council") == "IGO.UNSC"
    assert _id_of(earlier, "the General Assembly") == "IGO.UNGA"
    assert _id_of(earlier, "the Armenian Security Council") == "ARM.GOV"


def _id_of(resolver: DocumentActors, phrase: str) -> str | None:
    actor = resolver.resolve(phrase)
    return actor.id if actor is not None else None


@pytest.mark.parametrize(
    ("phrase", "ids"),
    [
        ("leaders of Armenia and Azerbaijan", ["ARM.GOV", "AZE.GOV"]),
        ("Armenian and Azerbaijani forces", ["ARM.MIL", "AZE.MIL"]),
        ("Brazil and the United States", ["BRA", "USA"]),
        ("the US, Russia, and Switzerland", ["USA", "RUS", "CHE"]),
        ("the UN and Russia", ["IGO.UN", "RUS"]),
        ("Armenian Defense Ministry", ["ARM.MOD"]),
        ("rebels and civilians", []),
    ],
)
def test_coordinated_phrases_give_every_actor(phrase: str, ids: list[str]) -> None:
    assert [ref.id for ref in DocumentActors().resolve_all(phrase)] == ids


def test_a_groups_name_before_forces_stays_the_group_once_its_country_is_known() -> None:
    actors = DocumentActors()
    first = actors.resolve("Houthi forces")
    again = actors.resolve("Houthi forces")  # Yemen is now known, and so is Abdul-Malik al-Houthi
    assert first is not None and again is not None
    assert first.id == again.id == "AG.HOUTHIS"


def test_a_lower_case_body_is_the_one_of_its_kind_met_before() -> None:
    actors = DocumentActors()
    assert _id(actors, "South Sudan's army") == "SSD.MIL"
    assert _id(actors, "the army") == "SSD.MIL"
    assert _id(actors, "troops") != "SSD.MIL"  # members may be another state's
    actors = DocumentActors()
    assert _id(actors, "Sudan's government") == "SDN.GOV"
    assert _id(actors, "the state government") != "SDN.GOV"  # a province's
    actors = DocumentActors()
    _id(actors, "Russian army")
    _id(actors, "the Ukrainian army")
    assert _id(actors, "the army") is None  # two armies: no telling


def _id(actors: DocumentActors, phrase: str) -> str | None:
    actor = actors.resolve(phrase)
    return actor.id if actor is not None else None

"""Who acts on whom, with what, and where, in wire-style stories: two sides in one sentence, the
weapons of a backed force, interceptions, place-modified groups, recalled agreements, killings
not (yet) done and datelines."""

import datetime as dt

import pytest

from conflictwatch.extract.mentions import extract_mentions
from conflictwatch.model import Mention

PUBLISHED = dt.date(2024, 6, 3)


def _mentions(text: str) -> list[Mention]:
    return list(extract_mentions(text, doc_id="d", published=PUBLISHED).mentions)


def _name(mention: Mention, role: str) -> str:
    actor = mention.agent if role == "agent" else mention.target
    return actor.name.casefold() if actor is not None else ""


def test_the_responding_force_kills_the_attackers_of_its_sentence() -> None:
    text = (
        "Several assailants then opened fire and a shootout followed until police killed "
        "four of them, a spokesman said."
    )
    mentions = _mentions(text)
    (killing,) = [m for m in mentions if m.casualties]
    assert "police" in _name(killing, "agent")
    assert [(c.kind.value, c.min) for c in killing.casualties] == [("killed", 4)]
    (firing,) = [m for m in mentions if m.trigger == "opened fire"]
    assert "assailants" in _name(firing, "agent")


def test_a_group_whose_own_fighters_fell_is_not_the_target_of_its_assault() -> None:
    text = (
        "Congolese troops said they had repulsed an M23 assault on the town and that dozens "
        "of M23 fighters were killed."
    )
    mentions = _mentions(text)
    for mention in mentions:
        if mention.agent is not None and mention.target is not None:
            assert mention.agent.id != mention.target.id, mention
    (killing,) = [m for m in mentions if m.casualties]
    assert killing.target is not None and killing.target.id == "AG.M23"
    assert killing.agent is None or killing.agent.id != "AG.M23"


def test_fighters_killed_after_their_own_attack_are_not_its_victims() -> None:
    text = (
        "The army said jihadists attacked the base at dawn and that 40 jihadists were killed "
        "in the fighting."
    )
    mentions = _mentions(text)
    (attack,) = [m for m in mentions if m.trigger == "attacked"]
    assert attack.casualties == ()
    (killing,) = [m for m in mentions if m.casualties]
    assert [(c.kind.value, c.min) for c in killing.casualties] == [("killed", 40)]
    assert "jihadists" not in _name(killing, "agent")


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        (
            "Government troops backed by tanks and artillery stormed the rebel-held town.",
            {"tank", "artillery"},
        ),
        ("Artillery units backed by drones shelled the village overnight.", {"artillery"}),
    ],
)
def test_weapons_backing_a_force_are_that_forces_weapons(text: str, weapons: set[str]) -> None:
    (attack,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert weapons <= set(attack.weapons)
    assert attack.agent is not None


def test_air_support_backing_a_force_is_no_weapon_of_its_killing() -> None:
    text = "Kenyan troops backed by air strikes killed 12 militants near the border."
    mentions = _mentions(text)
    (killing,) = [m for m in mentions if m.casualties]
    assert killing.agent is not None and killing.agent.name.startswith("Kenya")
    assert [m.mode for m in mentions if m.trigger == "air strikes"] == ["air"]


@pytest.mark.parametrize(
    ("text", "mode", "target"),
    [
        (
            "Russian air defence units shot down 20 Ukrainian drones over the Belgorod "
            "region overnight, the defence ministry said.",
            "drone",
            "russia",
        ),
        ("The navy said its destroyer shot down four missiles over the Red Sea.", "missile", ""),
    ],
)
def test_shooting_down_projectiles_is_the_launchers_strike(
    text: str, mode: str, target: str
) -> None:
    mentions = [m for m in _mentions(text) if m.type in ("ASSAULT", "FIGHT")]
    assert mentions and all(m.mode != "firearms" for m in mentions)
    (strike,) = mentions
    assert strike.type == "ASSAULT" and strike.mode == mode
    assert mode in strike.weapons
    assert target in _name(strike, "target")
    if target:
        assert "ukrain" in _name(strike, "agent")


def test_a_missile_fired_is_a_missile_attack() -> None:
    text = "Houthi rebels fired two missiles at a cargo ship on Tuesday, the U.S. military said."
    (attack,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert attack.mode == "missile"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Eight farmers were killed in a Nigeria bandit attack on Tuesday.", "nigeria"),
        ("A Haiti gang raid on the market left nine people dead.", "haiti"),
    ],
)
def test_a_country_before_a_group_word_is_where_the_group_acts(text: str, place: str) -> None:
    (attack,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert attack.agent is not None
    assert attack.agent.id is None or attack.agent.kind != "state"
    assert _name(attack, "agent") != place


@pytest.mark.parametrize(
    "text",
    [
        "The truce brokered by Qatar in March broke down on Sunday as fighting resumed.",
        "Rebels violated the ceasefire agreed during peace talks in Nairobi, the army said.",
        "The ceasefire agreed in Cairo last year collapsed on Monday.",
    ],
)
def test_an_agreement_recalled_by_another_predicate_is_no_new_agreement(text: str) -> None:
    agreements = [m for m in _mentions(text) if m.type == "AGREE"]
    assert all(m.background for m in agreements)


def test_an_agreement_reached_and_enforced_in_one_sentence_stays_news() -> None:
    text = "The two sides agreed to a ceasefire on Sunday that took effect on Monday."
    agreements = [m for m in _mentions(text) if m.type == "AGREE"]
    assert agreements and not any(m.background for m in agreements)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the offensive would eliminate the rebels in the region.",
        "The minister said the offensive will kill the remaining insurgents.",
        "Aid groups warned that the siege could kill thousands of children.",
    ],
)
def test_killing_to_come_gives_no_casualty_figure(text: str) -> None:
    assert [c for m in _mentions(text) for c in m.casualties] == []


def test_killing_that_may_have_happened_stays_hedged() -> None:
    text = "Officials said as many as 30 people may have been killed in the raid."
    casualties = [c for m in _mentions(text) for c in m.casualties]
    assert [(c.kind.value, c.hedged) for c in casualties] == [("killed", True)]


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Sanaa, Yemen — Houthi rebels fired two missiles at a cargo ship in the Red Sea on "
            "Tuesday, the U.S. military said.",
            {"Red Sea"},
            {"Sanaa", "Yemen"},
        ),
        (
            "Kyiv, Ukraine (AP) — Russian drones struck an apartment block in the city of Kharkiv "
            "overnight, killing three people.",
            {"Kharkiv"},
            {"Kyiv"},
        ),
    ],
)
def test_a_dateline_is_no_scene_when_the_event_has_its_own(
    text: str, kept: set[str], dropped: set[str]
) -> None:
    (attack,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    names = {p.text for p in attack.places}
    assert kept <= names and not (dropped & names)


def test_a_dateline_is_the_scene_when_the_event_has_no_other() -> None:
    text = "Mogadishu, Somalia — A car bomb exploded near a checkpoint on Monday, killing five."
    (attack,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert "Mogadishu" in {p.text for p in attack.places}


def test_beheading_people_is_an_assault_by_those_who_behead() -> None:
    text = "Insurgents beheaded at least 11 villagers in a raid on the district, officials said."
    (attack,) = [m for m in _mentions(text) if m.casualties]
    assert attack.type == "ASSAULT" and "insurgents" in _name(attack, "agent")
    assert [(c.kind.value, c.min) for c in attack.casualties] == [("killed", 11)]


def test_a_kind_of_rifle_is_no_assault() -> None:
    text = "Troops recovered five assault rifles and a grenade launcher from the scene."
    assert [m.type for m in _mentions(text) if m.type == "ASSAULT"] == []


def test_being_met_with_a_response_is_no_meeting() -> None:
    text = "The spokesman warned that any American strike would be met with a strong response."
    assert [m.type for m in _mentions(text) if m.type == "CONSULT"] == []


def test_an_attack_repulsed_was_on_those_who_repulsed_it() -> None:
    text = "Government forces repulsed the attack after a two-hour battle, an officer said."
    attack = next(m for m in _mentions(text) if m.trigger == "attack")
    assert attack.agent is None and _name(attack, "target") == "government forces"


def test_who_guarantees_a_truce_is_no_party_to_it() -> None:
    text = "Aoun urged the United States and France, which guarantee the truce, to press Israel."
    truce = next(m for m in _mentions(text) if m.trigger == "truce")
    assert truce.agent is None


def test_a_truce_an_event_happened_despite_is_recalled() -> None:
    text = "Clashes killed nine people on Sunday despite a truce brokered by the United States."
    truce = next(m for m in _mentions(text) if m.trigger == "truce")
    assert truce.background


def test_a_capital_struck_is_the_target_as_a_city_and_still_a_government_when_accused() -> None:
    text = (
        "Russian missiles and drones pounded Kyiv and the western city of Lviv on Saturday, "
        "killing six. Ukraine accused Moscow of war crimes."
    )
    mentions = _mentions(text)
    (strike,) = [m for m in mentions if m.type == "ASSAULT"]
    assert strike.target is not None
    assert (strike.target.name, strike.target.id, strike.target.country) == ("Kyiv", None, "UKR")
    (accusation,) = [m for m in mentions if m.type == "ACCUSE"]
    assert accusation.target is not None and accusation.target.id == "RUS.GOV"

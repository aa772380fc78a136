"""What a story refers back to: "the port city", "it", and the clause a claimant's words end at."""

import datetime as dt

from conflictwatch.extract.mentions import extract_mentions
from conflictwatch.model import Mention

PUBLISHED = dt.date(2026, 11, 15)


def _mentions(text: str) -> list[Mention]:
    return list(extract_mentions(text, doc_id="d", published=PUBLISHED).mentions)


def test_the_port_city_is_the_town_named_before() -> None:
    mentions = _mentions(
        "A vessel reported an explosion about 60 nautical miles west of Hodeidah. The United "
        "States later carried out air strikes on Houthi radar sites near the port city, the U.S. "
        "military said."
    )
    strikes = next(m for m in mentions if m.trigger == "air strikes")
    assert [(p.name, p.country, p.precision) for p in strikes.places] == [("Al Hudaydah", "YE", 2)]


def test_fighting_in_the_town_is_in_the_town_last_named() -> None:
    mentions = _mentions(
        "Rebels seized the town of Rutshuru on Monday. On Tuesday, fighting erupted in the town."
    )
    fighting = next(m for m in mentions if m.trigger == "fighting")
    assert [(p.name, p.precision) for p in fighting.places] == [("Rutshuru", 1)]


def test_there_and_the_citys_hospital_are_the_town_last_named() -> None:
    mentions = _mentions(
        "Paramilitary fighters shelled El Fasher on Sunday. Three people died there. "
        "A drone attack on the city's Saudi hospital in January killed 70 people."
    )
    died = next(m for m in mentions if m.trigger == "Three people died")
    assert [(p.name, p.precision) for p in died.places] == [("El Fasher", 1)]
    old = next(m for m in mentions if m.trigger == "drone attack")
    assert old.background
    assert [(p.name, p.precision) for p in old.places] == [("El Fasher", 1)]


def test_a_town_of_its_own_name_is_no_reference() -> None:
    mentions = _mentions("Rebels seized Rutshuru on Monday. Drones struck near the city of Goma.")
    struck = next(m for m in mentions if m.trigger == "struck")
    assert [p.name for p in struck.places] == ["Goma"]


def test_a_state_carrying_out_strikes_is_no_place_of_them() -> None:
    mentions = _mentions("The United States carried out air strikes on Houthi radar sites.")
    (strikes,) = [m for m in mentions if m.type == "ASSAULT"]
    assert strikes.places == ()


def test_it_is_the_body_a_main_clause_spoke_of_before() -> None:
    mentions = _mentions(
        "The junta did not respond to requests for comment. It has previously denied bombing "
        "civilians."
    )
    denial = next(m for m in mentions if m.type == "REJECT")
    bombing = next(m for m in mentions if m.type == "ASSAULT")
    assert denial.agent is not None and denial.agent.name == "The junta"
    assert bombing.claimant is not None and bombing.claimant.name == "The junta"


def test_it_that_kills_is_not_a_body_named_before() -> None:
    mentions = _mentions("The army said a car bomb went off near a market. It killed 12 people.")
    killing = next(m for m in mentions if m.casualties)
    assert killing.agent is None or killing.agent.name != "The army"


def test_a_clause_set_against_a_claim_is_not_part_of_it() -> None:
    mentions = _mentions(
        "No group has claimed responsibility, but the state government blamed bandit gangs."
    )
    (blame,) = [m for m in mentions if m.type == "ACCUSE"]
    assert blame.claimant is None
    assert blame.agent is not None and blame.agent.name == "state government"


def test_the_speakers_after_a_participle_claim_the_attack() -> None:
    mentions = _mentions(
        "Islamist insurgents attacked the town of Macomia on Thursday, burning shops and a "
        "health centre, residents and a local official said."
    )
    attack = next(m for m in mentions if m.trigger == "attacked")
    assert attack.claimant is not None and attack.claimant.name == "residents"


def test_a_phrase_summing_up_the_attack_is_not_its_target() -> None:
    mentions = _mentions(
        "Yemen's Houthi movement said on Saturday it had fired anti-ship missiles at a "
        "Liberian-flagged cargo vessel in the Red Sea, the first such claim in months."
    )
    fired = next(m for m in mentions if m.trigger == "fired")
    assert fired.target is not None and fired.target.name == "Liberian-flagged cargo vessel"


def test_a_commanders_we_lost_are_fighters() -> None:
    mentions = _mentions('"We lost four brave men," army commander Luis Cardozo told reporters.')
    (loss,) = [c for m in mentions for c in m.casualties]
    assert (loss.kind.value, loss.min, loss.population.value) == ("killed", 4, "military")


def test_a_name_placed_only_by_the_dateline_town_does_not_make_it_the_scene() -> None:
    text = (
        "QUETTA, Pakistan - Militants opened fire on a passenger train in Balochistan province on "
        "Tuesday. The banned Baloch Liberation Army claimed responsibility, saying its fighters "
        "had targeted security personnel. Security forces launched an operation in the Bolan "
        "area after the attack."
    )
    claim = next(m for m in _mentions(text) if m.trigger == "targeted")
    assert claim.places == ()


def test_a_banned_group_is_no_ban() -> None:
    mentions = _mentions("The banned Baloch Liberation Army claimed responsibility.")
    assert [m.trigger for m in mentions if m.type == "COERCE"] == []


def test_the_act_charged_is_denied_by_who_answers_the_charge() -> None:
    mentions = _mentions(
        "Pakistan has accused India of backing the BLA, a charge New Delhi denies."
    )
    backing = next(m for m in mentions if m.trigger == "backing")
    assert backing.modality.value == "denied"
    assert backing.claimant is not None and backing.claimant.country == "IND"
    assert backing.agent is not None and backing.agent.id == "IND"


def test_a_role_in_a_who_clause_is_no_place_of_the_strike() -> None:
    mentions = _mentions(
        "The Israeli military said it had struck a Hezbollah operative who was responsible for "
        "rocket fire toward northern Israel."
    )
    (strike,) = [m for m in mentions if m.trigger == "struck"]
    assert strike.places == ()


def test_a_state_that_kills_is_no_place_of_the_killing() -> None:
    mentions = _mentions("Israel killed a commander who was visiting Beirut.")
    killing = next(m for m in mentions if m.trigger == "killed")
    assert "Israel" not in {p.name for p in killing.places}


def test_the_arrested_persons_were_arrested() -> None:
    mentions = _mentions("Police said the arrested persons were taken to the police lines.")
    assert [m.mode for m in mentions if m.type == "COERCE"] == ["arrest"]


def test_a_place_the_gazetteer_does_not_know_keeps_the_dateline_town_from_being_the_scene() -> None:
    text = (
        "BAMAKO (AFP) - Jihadists killed 20 soldiers in an ambush near Qwxzybougou on Saturday. "
        "The army said it had killed dozens of militants in a counter-attack. "
        "The group has imposed a fuel blockade on Bamako since September."
    )
    mentions = _mentions(text)
    counter = next(m for m in mentions if m.trigger == "counter-attack")
    blockade = next(m for m in mentions if m.trigger == "blockade")
    assert counter.places == ()
    assert [p.name for p in blockade.places] == ["Bamako"]


def test_the_act_a_record_is_measured_against_is_context_with_its_own_place() -> None:
    mentions = _mentions(
        "Jihadi fighters attacked a military camp in Mali's Mopti region on Tuesday, killing 21 "
        "soldiers. The attack is the deadliest on Mali's army since May, when militants killed "
        "more than 30 soldiers at Dioura."
    )
    recalled = next(m for m in mentions if m.trigger == "attack")
    assert recalled.places == () and recalled.casualties == ()
    earlier = next(m for m in mentions if m.trigger == "killed")
    assert earlier.background
    assert [c.min for c in earlier.casualties] == [31]
    assert [p.text for p in earlier.places] == ["Dioura"]


def test_an_undated_event_at_the_towns_of_a_dated_one_is_of_its_day() -> None:
    mentions = _mentions(
        "Russian missiles pounded Kyiv and Lviv on Friday, killing six people. "
        "In Lviv, a strike damaged a warehouse, the governor said. Three people died there. "
        "Drones also hit Odesa, officials said."
    )
    strike = next(m for m in mentions if m.trigger == "strike")
    died = next(m for m in mentions if m.trigger == "Three people died")
    odesa = next(m for m in mentions if [p.name for p in m.places] == ["Odesa"])
    assert strike.date is not None and strike.date.value == "2026-11-13"
    assert died.date is not None and died.date.value == "2026-11-13"
    # another town is another event the text does not date: the days up to publication
    assert odesa.date is not None and odesa.date.precision.value == "week"


def test_the_attackers_acts_are_of_the_attacks_day() -> None:
    mentions = _mentions(
        "Armed bandits stormed a village in Zamfara State on Monday evening, killing 17 people. "
        "Police said the attackers shot at residents who tried to flee. "
        "Bandits set fire to a market, residents said."
    )
    shot = next(m for m in mentions if m.trigger == "shot")
    burnt = next(m for m in mentions if m.trigger == "set fire")
    assert shot.date is not None and shot.date.value == "2026-11-09TEV"
    assert burnt.date is not None and burnt.date.precision.value == "week"


def test_the_killings_named_again_are_of_the_day_the_text_gave_them() -> None:
    mentions = _mentions(
        "Insurgents killed seven civilians in two villages in Cabo Delgado on Saturday. "
        "About 2,000 people fled to Macomia town after the killings, an aid worker said."
    )
    killings = next(m for m in mentions if m.trigger == "killings")
    assert killings.date is not None and killings.date.value == "2026-11-14"


def test_the_area_is_the_place_last_named_below_a_country() -> None:
    mentions = _mentions(
        "A roadside bomb killed two soldiers near Mir Ali in North Waziristan on Monday. "
        "Security forces later killed three militants in a raid in the same area. "
        "Burundi, which has troops in the area, condemned the offensive."
    )
    raid = next(m for m in mentions if m.trigger == "killed" and m.agent is not None)
    assert [(p.name, p.precision) for p in raid.places] == [("North Waziristan District", 2)]
    offensive = next(m for m in mentions if m.trigger == "offensive")
    assert offensive.places == ()

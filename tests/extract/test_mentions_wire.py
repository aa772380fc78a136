"""Whole wire-style stories: who acts, who claims, and the figures, in text order."""

import datetime as dt

from conflictwatch.extract.mentions import extract_mentions


def test_the_statement_cited_is_its_authors_claim() -> None:
    text = (
        "The Nigerian army said on Sunday it had repelled an attack on a base in Borno state. "
        "Troops killed 14 insurgents in the fighting, according to the statement."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 3, 4))
    (mention,) = [m for m in extraction.mentions if m.casualties]
    assert mention.claimant is not None and mention.claimant.id == "NGA.MIL"
    assert [(c.kind.value, c.min) for c in mention.casualties] == [("killed", 14)]


def test_the_backed_force_kills_and_the_backer_strikes() -> None:
    text = (
        "Somali forces backed by U.S. air strikes killed 30 militants in the Lower Shabelle "
        "region, the government said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 3, 4))
    (killing,) = [m for m in extraction.mentions if m.casualties]
    assert killing.agent is not None and killing.agent.name.startswith("Somalia")
    assert [(c.kind.value, c.min) for c in killing.casualties] == [("killed", 30)]


def test_a_papers_dateline_day_dates_its_this_morning() -> None:
    # printed the next morning: "this morning" is the dateline's day, not the paper's
    text = (
        "Farmer killed in Bishnupur\n\nIMPHAL, Jul 14: A farmer was killed when gunmen opened "
        "fire at Phougakchao Ikhai in Bishnupur district this morning."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 7, 15))
    headline, killing = extraction.mentions
    assert killing.date is not None and killing.date.start == dt.date(2026, 7, 14)
    assert killing.date.end == dt.date(2026, 7, 14)
    # the undated headline's window ends on the day the story was filed
    assert headline.date is not None and headline.date.end == dt.date(2026, 7, 14)


def test_a_live_entrys_time_stamp_is_no_claimant() -> None:
    text = (
        "LIVE: Israeli strikes hit south Lebanon\n\n"
        "17:20 GMT — Lebanon's health ministry says the death toll from Israeli strikes since late "
        "Monday has risen to 14.\n\n"
        "15:30 GMT — A spokesperson for UNIFIL says a shell landed inside a peacekeeper position "
        "near Naqoura at around 13:10 GMT."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 6, 23))
    claimants = [m.claimant.name for m in extraction.mentions if m.claimant is not None]
    assert "Lebanon health ministry" in claimants
    assert "A spokesperson for UNIFIL" in claimants
    assert not any("GMT" in name for name in claimants)


def test_a_natural_death_is_no_event() -> None:
    text = "The former governor died peacefully at home on Sunday at the age of 88, his son said."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 3, 4))
    assert [m.type for m in extraction.mentions] == []


def test_a_title_case_dateline_is_no_agent() -> None:
    text = "Mogadishu, Somalia — Al-Shabab fighters attacked a military base on Monday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 3, 4))
    (attack,) = [m for m in extraction.mentions if m.type == "ASSAULT"]
    assert attack.agent is not None and attack.agent.id == "AG.SHABAAB"


def test_a_place_of_the_talks_is_no_place_of_the_strikes_in_the_same_sentence() -> None:
    text = (
        "Israeli air strikes killed at least 25 Palestinians across the Gaza Strip on Tuesday, "
        "health officials said, as talks in Cairo on extending a ceasefire stalled."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 4))
    strikes = next(m for m in extraction.mentions if m.type == "ASSAULT")
    talks = next(m for m in extraction.mentions if m.type == "CONSULT")
    assert "Cairo" not in {p.name for p in strikes.places}
    assert "Gaza Strip" in {p.name for p in strikes.places}
    assert [p.name for p in talks.places] == ["Cairo"]


def test_a_state_that_breaches_a_truce_is_no_place_of_the_breach() -> None:
    text = "Hamas said Israel was violating the truce agreed in January."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 4))
    assert all("Israel" not in {p.name for p in m.places} for m in extraction.mentions)


def test_two_attacks_in_one_sentence_keep_their_own_places() -> None:
    text = (
        "Boko Haram fighters killed 40 farmers in Jere in Borno state, and ISWAP attacked a "
        "military base in Malam Fatori, officials said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 4))
    places = {m.trigger: {p.name for p in m.places} for m in extraction.mentions}
    assert "Mallam Fatori" not in places["killed"]
    assert places["attacked"] == {"Mallam Fatori"}


def test_each_sides_strikes_in_one_sentence_are_two_events_with_their_own_places() -> None:
    text = (
        "Indian missiles struck targets in Muzaffarabad and Bahawalpur early on Wednesday, and "
        "Pakistani shelling hit Poonch, officials on both sides said. Iran fired missiles at Tel "
        "Aviv on Friday after Israel struck nuclear sites at Natanz."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 8))
    attacks = [
        (m.agent.name if m.agent else None, sorted(p.name for p in m.places))
        for m in extraction.mentions
        if m.type == "ASSAULT"
    ]
    assert [places for _, places in attacks] == [
        ["Bahawalpur", "Muzaffarabad"],
        ["Punch"],  # GeoNames' name for Poonch
        ["Tel Aviv"],  # the country that fires is no place of the attack
        ["Natanz"],
    ]
    assert attacks[0][0] != attacks[1][0]


def test_a_country_owning_a_region_is_the_place_of_the_regions_event_only() -> None:
    text = (
        "Russian glide bombs killed four people in Zaporizhzhia on Monday, the governor said, "
        "while Ukrainian drones struck an oil depot in Russia's Bryansk region."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 4))
    places = {m.trigger: {p.name for p in m.places} for m in extraction.mentions}
    assert places["killed"] == {"Zaporizhzhya"}
    assert places["struck"] == {"Russia", "Bryansk Oblast"}


def test_a_place_naming_the_police_is_still_the_shootings_place() -> None:
    text = (
        "Milwaukee police are investigating an accidental shooting involving a four-year-old boy."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 4))
    shooting = next(m for m in extraction.mentions if m.type == "ASSAULT")
    assert [p.name for p in shooting.places] == ["Milwaukee"]


def test_an_act_days_before_the_news_is_its_own_event_on_its_own_day() -> None:
    text = (
        "Gunmen killed 12 soldiers in Zamfara state on Sunday, two days after militants "
        "ambushed a police convoy near Gusau, the army said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    by_trigger = {m.trigger: m for m in extraction.mentions}
    killing, ambush = by_trigger["killed"], by_trigger["ambushed"]
    assert killing.date is not None and killing.date.value == "2025-03-02"
    assert ambush.date is not None and ambush.date.value == "2025-02-28"
    assert [p.name for p in killing.places] == ["Zamfara"]
    assert [p.name for p in ambush.places] == ["Gusau"]
    assert [c.min for c in killing.casualties] == [12]


def test_the_news_is_dated_from_an_earlier_act_that_has_a_date() -> None:
    text = (
        "Police arrested 40 people in Dhaka, a week after protesters torched a police station "
        "in Gazipur on February 20."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    arrests = next(m for m in extraction.mentions if m.trigger == "arrested")
    assert arrests.date is not None
    assert arrests.date.precision.value == "week"
    assert arrests.date.start <= dt.date(2025, 2, 27) <= arrests.date.end  # type: ignore[operator]


def test_a_place_in_the_earlier_act_stays_with_it() -> None:
    text = (
        "Israeli jets struck Rafah on Tuesday, two months after the army launched its offensive "
        "in Khan Younis."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    strikes = next(m for m in extraction.mentions if m.trigger == "struck")
    offensive = next(m for m in extraction.mentions if m.trigger == "offensive")
    assert [p.name for p in strikes.places] == ["Rafah"]
    assert [p.name for p in offensive.places] == ["Khan Yunis"]
    assert offensive.date is not None and offensive.date.value == "2025-01"


def test_the_datelines_date_yields_to_the_events_own_day() -> None:
    text = (
        "NEW DELHI/ISLAMABAD, May 8 (Reuters) - India struck nine sites in Pakistan early on "
        "Wednesday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 8))
    (strikes,) = [m for m in extraction.mentions if m.trigger == "struck"]
    assert strikes.date is not None and strikes.date.value == "2025-05-07"


def test_a_relative_clauses_year_dates_only_its_own_event() -> None:
    text = (
        "Mali's military government, which seized power in coups in 2020 and 2021, has not "
        "commented on the latest attack."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 9, 4))
    (attack,) = [m for m in extraction.mentions if m.trigger == "attack"]
    assert attack.date is not None and attack.date.start is not None
    assert attack.date.start.year == 2025 and not attack.background


def test_a_place_a_described_thing_came_from_is_not_the_events() -> None:
    text = (
        "JNIM fighters blockaded the town of Kayes on Monday, torching trucks coming from "
        "Senegal and Ivory Coast. A convoy from Gao was ambushed near Tessit on Sunday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    by_trigger = {m.trigger: m for m in extraction.mentions}
    assert [p.name for p in by_trigger["torching"].places] == ["Kayes"]
    assert [p.name for p in by_trigger["ambushed"].places] == ["Tessit"]


def test_a_distance_from_a_town_and_a_from_on_the_act_still_place_it() -> None:
    text = (
        "Gunmen killed five people 40 km from Bamako on Saturday. "
        "Hezbollah fired rockets from Lebanon on Thursday. "
        "A 25-year-old man from Gary was shot on Friday night."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    by_trigger = {m.trigger: m for m in extraction.mentions}
    assert [(p.name, p.precision) for p in by_trigger["killed"].places] == [("Bamako", 2)]
    assert [p.name for p in by_trigger["fired"].places] == ["Lebanon"]
    assert [p.name for p in by_trigger["shot"].places] == ["Gary"]


def test_a_crowd_marching_through_a_city_protests_there() -> None:
    text = "Thousands of people marched through Bamako on Sunday to demand elections."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    (march,) = [m for m in extraction.mentions if m.type == "PROTEST"]
    assert march.trigger == "marched"
    assert [p.name for p in march.places] == ["Bamako"]
    assert march.date is not None and march.date.value == "2025-03-02"


def test_an_event_over_the_past_day_is_dated_to_it() -> None:
    text = "At least 30 people were killed in Gaza over the past 24 hours, the ministry said."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 5))
    (killing,) = [m for m in extraction.mentions if m.casualties]
    assert killing.date is not None
    assert (killing.date.start, killing.date.end) == (dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_the_day_of_a_claim_does_not_date_the_attack_claimed() -> None:
    text = (
        "JNIM claimed the attack on Saturday. The UN condemned Friday's killing of two aid workers."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 10, 2))
    attack = next(m for m in extraction.mentions if m.trigger == "attack")
    assert attack.date is not None and attack.date.value != "2025-09-27"
    assert attack.date.precision.value == "week"
    killing = next(m for m in extraction.mentions if m.trigger == "killing")
    assert killing.date is not None and killing.date.value == "2025-09-26"


def test_a_place_describing_a_party_is_not_the_events() -> None:
    text = (
        "JNIM, the al-Qaeda affiliate active in the Sahel, attacked an army post in Djibo on "
        "Monday. Gunmen attacked Kutum, a town in North Darfur, on Tuesday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 10, 2))
    post, town = [m for m in extraction.mentions if m.trigger == "attacked"]
    assert [p.name for p in post.places] == ["Djibo"]
    assert [p.name for p in town.places] == ["Kutum", "North Darfur"]


def test_a_route_places_the_event_along_it() -> None:
    text = "A roadside bomb killed three civilians travelling from Baidoa to Mogadishu on Monday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 11))
    (killing,) = [m for m in extraction.mentions if m.casualties]
    assert [p.name for p in killing.places] == ["Baidoa", "Mogadishu"]


def test_a_name_split_at_a_hyphen_is_the_whole_agent() -> None:
    text = "Al-Shabaab attack on Somali army base kills 11 soldiers"
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 11))
    attack = next(m for m in extraction.mentions if m.trigger == "attack")
    assert attack.agent is not None and attack.agent.name.lower() == "al-shabaab"


def test_a_day_after_beside_the_hosts_date_places_the_earlier_act() -> None:
    text = (
        "Israeli warplanes struck the Yemeni port of Hodeidah on Monday, a day after a missile "
        "fired by the Houthi movement hit near Ben Gurion Airport, wounding six people."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 6))
    by_trigger = {m.trigger: m for m in extraction.mentions}
    assert by_trigger["struck"].date is not None
    assert by_trigger["struck"].date.value == "2025-05-05"
    assert by_trigger["fired"].date is not None
    assert by_trigger["fired"].date.value == "2025-05-04"


def test_a_toll_since_a_day_is_not_dated_by_the_day_it_was_announced() -> None:
    text = (
        "Fighting between rebel groups in the Catatumbo region has killed at least 80 people "
        "since Thursday, the government said on Monday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 1, 20))
    (toll,) = [m for m in extraction.mentions if m.casualties]
    assert toll.date is not None
    assert (toll.date.start, toll.date.end) == (dt.date(2025, 1, 16), dt.date(2025, 1, 20))
    assert toll.date.precision.value == "week"


def test_a_former_title_does_not_make_a_killing_background() -> None:
    text = (
        "Most of the dead were civilians, including a former peace signatory and his family, "
        "killed in the municipality of Tibu near the border with Venezuela, the Norte de "
        "Santander governor's office said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 1, 20))
    (killing,) = [m for m in extraction.mentions if m.trigger == "killed"]
    assert not killing.background


def test_a_headline_passive_has_its_victims_as_target() -> None:
    text = "Pakistan troops free train hostages after separatist siege, 21 passengers killed"
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 12))
    killing = next(m for m in extraction.mentions if m.trigger == "killed")
    assert killing.agent is None
    assert killing.target is not None and killing.target.name == "21 passengers"


def test_an_act_inside_a_clause_on_a_noun_takes_that_clauses_date() -> None:
    text = (
        "Egypt and Qatar have been trying to restore a ceasefire that collapsed on March 18, "
        "when Israel resumed its bombardment."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 4, 14))
    bombardment = next(m for m in extraction.mentions if m.trigger == "bombardment")
    assert bombardment.date is not None and bombardment.date.value == "2025-03-18"
    assert [p.name for p in bombardment.places] == []


def test_the_speakers_own_troops_are_the_speaker() -> None:
    text = "The Nigerian army said its troops killed 20 militants in Borno on Monday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 8, 19))
    (killing,) = [m for m in extraction.mentions if m.trigger == "killed"]
    assert killing.agent is not None and killing.agent.id == "NGA.MIL"


def test_a_place_in_a_clause_on_an_armed_groups_noun_is_not_the_events() -> None:
    text = (
        "Gangs attacked the town of Mirebalais on Monday. The Viv Ansanm gang coalition, which "
        "controls most of Port-au-Prince, claimed the attack."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 4, 2))
    claimed = [m for m in extraction.mentions if m.trigger == "attack"]
    assert claimed and all("Port-au-Prince" not in {p.name for p in m.places} for m in claimed)


def test_a_bare_singular_headline_subject_is_the_victim() -> None:
    text = "South Sudan army says White Army seized Nasir base, general killed"
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 10))
    killing = next(m for m in extraction.mentions if m.trigger == "killed")
    assert killing.agent is None
    seizure = next(m for m in extraction.mentions if m.trigger == "seized")
    assert [p.name for p in seizure.places] == ["Nasir"]


def test_another_stands_for_no_actor() -> None:
    text = (
        "One strike hit a house in Khiam, killing five people. Another killed two people in Khiam."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 23))
    second = [m for m in extraction.mentions if m.trigger == "killed"]
    assert second and all(m.agent is None for m in second)


def test_a_clause_under_the_event_dates_it_before_the_reporting_clause() -> None:
    text = (
        "The army said on Monday that a general was killed when a helicopter trying to evacuate "
        "soldiers came under fire on Friday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 3, 10))
    killing = next(m for m in extraction.mentions if m.trigger == "killed")
    assert killing.date is not None and killing.date.value == "2025-03-07"


def test_a_town_written_with_the_word_city_is_that_town() -> None:
    text = "Fano fighters briefly seized parts of Gondar city in late April, residents said."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 14))
    seizure = next(m for m in extraction.mentions if m.trigger == "seized")
    assert [(p.name, p.country) for p in seizure.places] == [("Gonder", "ET")]


def test_the_day_an_act_was_told_in_the_past_perfect_does_not_date_it() -> None:
    text = (
        "Russia's defence ministry said on Monday it had struck a meeting of Ukrainian "
        "commanders, killing more than 60 servicemen. The army said on Monday it killed 20 militants."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 4, 14))
    struck = next(m for m in extraction.mentions if m.trigger == "struck")
    assert struck.date is not None and struck.date.precision.value == "week"
    assert (struck.date.start, struck.date.end) == (dt.date(2025, 4, 8), dt.date(2025, 4, 14))
    killed = next(m for m in extraction.mentions if m.trigger == "killed")
    assert killed.date is not None and killed.date.value == "2025-04-14"
    # a day written before the reporting verb is read as usual (and never breaks the reading)
    before = "The ministry on Sunday said it had struck a depot near Sumy."
    extraction = extract_mentions(before, doc_id="d", published=dt.date(2025, 4, 14))
    struck = next(m for m in extraction.mentions if m.trigger == "struck")
    assert struck.date is not None and struck.date.value == "2025-04-13"


def test_a_city_the_tagger_calls_a_person_is_placed_after_area_of() -> None:
    text = (
        "A Russian missile hit a residential area of Kryvyi Rih, Zelenskiy's hometown, "
        "killing 20 people."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 4, 14))
    hit = next(m for m in extraction.mentions if m.trigger == "hit")
    assert [(p.country, p.precision) for p in hit.places] == [("UA", 1)]


def test_a_participle_after_a_time_clause_belongs_to_the_main_clause() -> None:
    text = (
        "Two Russian ballistic missiles struck the centre of Sumy on Sunday morning as people "
        "gathered for Palm Sunday, killing 34 people."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 4, 14))
    assert all(m.agent is None or m.agent.name != "people" for m in extraction.mentions)
    # a holiday is no place
    places = {p.name for m in extraction.mentions for p in m.places}
    assert places == {"Sumy"}


def test_a_story_about_its_dateline_town_places_its_unplaced_events_around_it() -> None:
    text = (
        "GOMA, Congo, Jan 27 (Reuters) - M23 rebels entered the centre of Goma on Monday, "
        "residents said.\nGunfire rang out near the airport overnight, two sources said.\n"
        "Congo cut diplomatic ties with Rwanda on Sunday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 1, 27))
    (gunfire,) = [m for m in extraction.mentions if m.trigger == "Gunfire"]
    assert [(p.name, p.precision) for p in gunfire.places] == [("Goma", 2)]
    (ties,) = [m for m in extraction.mentions if m.type == "SANCTION"]
    assert "Goma" not in [p.name for p in ties.places]  # diplomacy is made where parties sit


def test_a_dateline_town_is_no_scene_when_the_story_is_about_elsewhere() -> None:
    # filed from Kyiv, about Odesa: the shelling is not in Kyiv
    text = (
        "KYIV, Ukraine (AP) - Russian drones hit Odesa overnight, officials in Kyiv said.\n"
        "Gunfire was heard through the morning, the governor said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 1, 27))
    (gunfire,) = [m for m in extraction.mentions if m.trigger == "Gunfire"]
    assert "Kyiv" not in [p.name for p in gunfire.places]
    # filed from Geneva, about Sudan
    text = (
        "GENEVA (Reuters) - The U.N. said on Friday that fighting in Sudan had displaced "
        "thousands, speaking to reporters in Geneva.\nShelling continued in Sudan and Sudanese "
        "troops clashed with the RSF, the agency said.\nGunfire was heard overnight."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 1, 27))
    (gunfire,) = [m for m in extraction.mentions if m.trigger == "Gunfire"]
    assert gunfire.places == ()


def test_where_a_speaker_spoke_from_is_not_the_scene() -> None:
    text = (
        "The attackers used a car bomb to breach the gates of the base before gunmen poured in, "
        "an officer told Reuters by phone from Beledweyne."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    assert extraction.mentions
    assert all("Beledweyne" not in [p.name for p in m.places] for m in extraction.mentions)


def test_where_a_government_sits_is_not_the_scene() -> None:
    text = (
        "The army-aligned government in Port Sudan blamed the RSF for the attack on El Fasher. "
        "The Taliban government in Afghanistan denied the accusation."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    attack = next(m for m in extraction.mentions if m.type == "ASSAULT")
    assert [p.name for p in attack.places] == ["El Fasher"]
    assert all(
        not {"Port Sudan", "Afghanistan"} & {p.name for p in m.places} for m in extraction.mentions
    )


def test_whose_actor_a_place_says_is_no_scene_beside_the_scene() -> None:
    text = "Yemen's Houthis fired a missile at Tel Aviv on Thursday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    (launch,) = extraction.mentions
    assert [p.name for p in launch.places] == ["Tel Aviv"]
    # with no other place named, the owner's country stays: wars are mostly fought at home
    text = "Yemen's Houthis said they fired a missile overnight."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    (launch,) = extraction.mentions
    assert [p.name for p in launch.places] == ["Yemen"]


def test_the_country_that_strikes_is_no_scene_beside_the_one_struck() -> None:
    text = "Russia pounded Ukraine's energy facilities with drones and missiles overnight."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 11))
    (strike,) = extraction.mentions
    assert strike.agent is not None and strike.agent.country == "RUS"
    assert [p.name for p in strike.places] == ["Ukraine"]


def test_a_body_named_for_a_country_and_a_launch_site_do_not_place_an_interception() -> None:
    text = (
        "U.S. forces intercepted two drones launched from Yemen over the Red Sea on Tuesday, "
        "the U.S. Central Command said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 19))
    (interception,) = extraction.mentions
    assert [p.name for p in interception.places] == ["Red Sea"]


def test_a_name_parted_from_its_verb_by_a_relative_clause_is_an_actor() -> None:
    # the extraction parses sentence by sentence: the place finder reads those parses
    text = (
        "M23 rebels seized the town of Uvira on Sunday. "
        "Burundi, which has troops in the area, condemned the offensive."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 17))
    condemned = next(m for m in extraction.mentions if m.trigger == "condemned")
    assert condemned.agent is not None and condemned.agent.country == "BDI"
    assert condemned.places == ()


def test_a_charge_denied_denies_what_is_charged_not_the_accusing() -> None:
    text = (
        "Congo's government accused Rwanda of sending troops to support the offensive, a charge "
        "Kigali has repeatedly denied."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    by_type = {m.type: m for m in extraction.mentions}
    assert by_type["ACCUSE"].modality.value == "asserted"
    assert by_type["SUPPORT"].modality.value == "denied"
    denial = by_type["REJECT"]
    assert denial.agent is not None and denial.agent.country == "RWA"
    assert denial.claimant is None
    # the capital that denies is no place of the story
    assert all("Kigali" not in [p.name for p in m.places] for m in extraction.mentions)


def test_a_clause_of_time_under_an_attempt_tells_a_past_fact() -> None:
    text = (
        "The army has been trying to push the RSF out of North Kordofan since it retook Khartoum "
        "in March."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 18))
    (retaking,) = [m for m in extraction.mentions if m.trigger == "retook"]
    assert retaking.modality.value == "asserted"
    # "retook", which the tagger may call present, is past: last March, not next
    assert retaking.date is not None and retaking.date.value == "2026-03"


def test_an_event_told_days_before_an_undated_one_lies_that_far_before_publication() -> None:
    text = "The attack came two days after rebels ambushed a convoy."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 10, 3))
    (ambush,) = [m for m in extraction.mentions if m.trigger == "ambushed"]
    assert ambush.date is not None
    assert (ambush.date.start, ambush.date.end) == (dt.date(2026, 9, 25), dt.date(2026, 10, 1))


def test_where_the_wounded_or_the_flights_were_taken_is_no_scene() -> None:
    text = (
        "Two members of the District Reserve Guard were injured and were airlifted to the state "
        "capital Raipur, a police officer said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 6, 11))
    (injured,) = [m for m in extraction.mentions if m.casualties]
    assert injured.places == ()
    # forces moved somewhere are there: the movement is the event
    text = "Reinforcements were rushed to Kupiansk on Monday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 6, 11))
    assert any("Kupiansk" in [p.text for p in m.places] for m in extraction.mentions)


def test_where_attackers_withdrew_to_is_no_scene() -> None:
    text = (
        "The attackers withdrew towards the border with Mali after reinforcements arrived. "
        "The rebels retreated to Kidal on Monday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 18))
    assert all(m.places == () for m in extraction.mentions)
    assert {m.type for m in extraction.mentions} >= {"RETREAT"}


def test_the_town_people_fled_to_after_killings_is_not_where_they_were() -> None:
    text = "About 2,000 people fled to Macomia town after the killings, an aid worker said."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 3, 12))
    (killings,) = extraction.mentions
    assert killings.places == ()


def test_a_local_government_is_where_its_events_are() -> None:
    text = "The provincial government in Kandahar said a blast killed three people."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 20))
    (blast,) = [m for m in extraction.mentions if m.casualties]
    assert [p.name for p in blast.places] == ["Kandahar"]


def test_an_earlier_event_a_march_denounces_does_not_date_the_march() -> None:
    text = (
        "Police fired tear gas to disperse protesters in Nairobi on Friday. The protesters marched "
        "towards parliament to denounce the death of a blogger in police custody last month."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 21))
    fired = next(m for m in extraction.mentions if m.trigger == "fired")
    assert fired.date is not None and fired.date.value == "2026-11-20"
    marched = next(m for m in extraction.mentions if m.trigger == "marched")
    assert marched.date is not None and marched.date.start >= dt.date(2026, 11, 1)


def test_states_accused_urged_or_pressed_are_no_scenes() -> None:
    text = (
        "Kyiv accuses Moscow of torturing captured soldiers. Lebanon's president called on the "
        "United States and France to pressure Israel to halt its attacks."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 20))
    assert [p.name for m in extraction.mentions for p in m.places] == []


def test_a_place_in_a_municipality_belongs_to_its_event_not_to_one_a_day_earlier() -> None:
    text = (
        "The attack on the base in the municipality of Tibu came a day after President Gustavo "
        "Petro suspended peace talks with the group and ordered an offensive against it."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 12))
    places = {m.trigger: [p.name for p in m.places] for m in extraction.mentions}
    assert places["attack"] == ["Tibú"]
    assert places["suspended"] == places["ordered"] == []


def test_a_place_named_twice_in_a_sentence_is_one_place() -> None:
    text = "The jet dropped two bombs on a monastery in Sagaing's Sagaing township on Wednesday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 13))
    (dropped,) = [m for m in extraction.mentions if m.trigger == "dropped"]
    assert len(dropped.places) == len({p.id for p in dropped.places}) >= 1


def test_the_day_a_report_came_out_does_not_date_the_killings_it_tells() -> None:
    text = (
        "Burkina Faso's army summarily executed at least 223 villagers, including 56 children, in "
        "two villages in the country's north in February, Human Rights Watch said in a report on "
        "Thursday."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 6))
    executed = next(m for m in extraction.mentions if m.trigger.startswith("executed"))
    assert executed.date is not None and executed.date.start == dt.date(2026, 2, 1)
    assert executed.background


def test_a_town_with_an_elided_article_in_its_name_is_found_whole() -> None:
    text = (
        "Gang members killed 40 people in an attack on the town of Petite-Riviere de "
        "l'Artibonite. Haiti's transitional council condemned the killings."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 8))
    killed = next(m for m in extraction.mentions if m.type == "ASSAULT" and m.casualties)
    assert [(p.country, p.precision) for p in killed.places] == [("HT", 1)]
    condemned = next(m for m in extraction.mentions if m.trigger == "condemned")
    assert condemned.places == ()  # the council's country is no scene


def test_a_live_pages_timestamps_neither_date_nor_act() -> None:
    text = (
        "Live updates\n\n"
        "09:40 GMT - Russian forces launched 120 drones at Ukraine overnight, Ukraine's air force "
        "said.\n\n"
        "10:15 GMT - A missile strike on Dnipro killed three people, governor Serhiy Lysak said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 21))
    launched = next(m for m in extraction.mentions if m.trigger == "launched")
    # the night before the page: from the 20th into the 21st, not 09:40 on the 20th
    assert launched.date is not None and launched.date.value == "2026-11-20TNI"
    strike = next(m for m in extraction.mentions if m.trigger == "missile strike")
    assert strike.agent is None  # "GMT" is no one
    assert strike.date is not None and strike.date.start == dt.date(2026, 11, 21)


def test_where_reinforcements_came_from_is_no_scene() -> None:
    text = (
        "Al Shabaab fighters attacked a military base in the town of Bariire early on Sunday. "
        "Government forces retook the base hours later after reinforcements arrived from Afgoye."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 11, 23))
    retook = next(m for m in extraction.mentions if m.trigger == "retook")
    assert all(p.name != "Afgooye" for p in retook.places)
    assert retook.date is not None and retook.date.value == "2026-11-22"  # Sunday, hours later

"""Event triggers in wire-style phrasings seen in real news (spaCy loaded once per module)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.events import EventTrigger, find_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events_of(nlp: Language, text: str) -> list[EventTrigger]:
    return find_events(nlp(text), offset=0)


def _summary(event: EventTrigger) -> tuple[str, str | None]:
    return event.type, event.agent.text if event.agent else None


@pytest.mark.parametrize(
    ("sentence", "agent"),
    [
        ("Bandits hacked six herders to death on the road to the market.", "Bandits"),
        ("A mob beat two suspected thieves to death in the town on Friday.", "mob"),
        ("Jihadists burned alive four men accused of spying.", "Jihadists"),
    ],
)
def test_a_killing_told_by_its_complement_is_an_assault(
    nlp: Language, sentence: str, agent: str
) -> None:
    assert ("ASSAULT", agent) in [_summary(e) for e in events_of(nlp, sentence)]


@pytest.mark.parametrize(
    ("sentence", "agent"),
    [
        ("The army neutralised nine terrorists near the border, a statement said.", "army"),
        ("Special forces eliminated three insurgent commanders in the operation.", "forces"),
    ],
)
def test_euphemisms_for_killing_people_are_assaults(
    nlp: Language, sentence: str, agent: str
) -> None:
    (event,) = [e for e in events_of(nlp, sentence) if e.type == "ASSAULT"]
    assert event.agent is not None and agent in event.agent.text
    assert event.mode == "kill"


@pytest.mark.parametrize(
    "sentence",
    [
        "The government wants to eliminate poverty by 2030.",
        "The champions were eliminated from the cup on penalties.",
        "Engineers neutralised the device found on the bridge.",
        "The forward killed off the contest with a header in stoppage time.",
        "His late goal killed the match as a contest.",
        "The opposition amendment killed the bill in committee on Tuesday.",
        "Tensions between the two factions exploded in April 2023.",
        "The meeting descended into shouting, with tensions exploding between parents.",
        "The region was hit by the earthquake of March 2025, which killed thousands.",
        "A flood killed 40 people in the state last year.",
        "Dozens of homes were destroyed by the earthquake.",
    ],
)
def test_no_assault_without_people_harmed(nlp: Language, sentence: str) -> None:
    assert [e.trigger for e in events_of(nlp, sentence) if e.type == "ASSAULT"] == []


def test_the_doer_of_a_killing_decides_it_is_an_attack(nlp: Language) -> None:
    # a bomb or a person, not a feeling or a hazard
    (event,) = [e for e in events_of(nlp, "A bomb exploded in the market.") if e.type == "ASSAULT"]
    assert event.mode == "explosives"
    text = "The outbreak of violence killed 20 people."
    assert [e.trigger for e in events_of(nlp, text) if e.type == "ASSAULT"] == ["killed"]


@pytest.mark.parametrize(
    ("sentence", "hosted"),
    [
        ("Qatar hosted the Iranian president on Monday.", True),
        ("Egypt hosted talks between the two sides.", True),
        ("The town is already hosting tens of thousands of displaced people.", False),
        ("The stadium hosted the final in June.", False),
        ("The camp already hosts more than 80,000 South Sudanese refugees.", False),
        ("A camp that hosts several thousand Malians has received 400 new arrivals.", False),
        ("Putin called Erdogan on Monday.", True),
        ("Biden called his Turkish counterpart after the attack.", True),
        ("The committee called a 48-hour total shutdown in the district.", False),
    ],
)
def test_hosting_or_calling_is_consultation_only_with_a_party_or_a_meeting(
    nlp: Language, sentence: str, hosted: bool
) -> None:
    found = [e.type for e in events_of(nlp, sentence) if e.type == "CONSULT"]
    assert found == (["CONSULT"] if hosted else [])


@pytest.mark.parametrize(
    ("sentence", "kind", "found"),
    [
        ("The two sides signed a ceasefire on Monday.", "AGREE", True),
        ("Graffiti signed with the initials of the group appeared on walls.", "AGREE", False),
        ("A letter signed by 50 lawmakers was sent to the envoy.", "AGREE", False),
        ("The UN welcomed the truce.", "SUPPORT", True),
        ("Welcome to our live coverage of the war in Lebanon.", "SUPPORT", False),
    ],
)
def test_signing_and_welcoming_need_an_accord_or_a_party(
    nlp: Language, sentence: str, kind: str, found: bool
) -> None:
    assert (kind in [e.type for e in events_of(nlp, sentence)]) is found


def test_a_stretch_of_time_between_two_days_is_no_pair_of_sides(nlp: Language) -> None:
    (fight,) = [
        e
        for e in events_of(nlp, "Clashes between 18 and 20 August killed 30 people.")
        if e.type == "FIGHT"
    ]
    assert fight.agent is None and fight.target is None
    (fight,) = [
        e
        for e in events_of(nlp, "Clashes between the army and the rebels killed 30 people.")
        if e.type == "FIGHT"
    ]
    assert fight.agent is not None and fight.agent.text == "army"


def test_a_figures_label_names_no_doer(nlp: Language) -> None:
    (event,) = events_of(nlp, "- People killed: at least 38 (partners; unverified)")
    assert event.type == "ASSAULT" and event.agent is None


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("The UN asked both sides to halt the fighting.", True),
        ("The government asked for international help.", True),
        ('"We dug all night," said a man who asked to be identified only as Ko Thura.', False),
        ("The children ask me if they are next.", False),
        ("More people sought medical help at the clinic.", False),
    ],
)
def test_a_question_an_alias_or_medical_care_is_no_request(
    nlp: Language, sentence: str, asks: bool
) -> None:
    found = [e.type for e in events_of(nlp, sentence) if e.type == "REQUEST"]
    assert found == (["REQUEST"] if asks else [])


@pytest.mark.parametrize(
    ("sentence", "threat"),
    [
        ("The army warned residents to leave the area before dawn.", True),
        ("Iran warned Israel against any attack on its territory.", True),
        ("The group warned that it would liberate the city.", True),
        ("Tehran warned of a crushing response.", True),
        ("The security chief warned that police will no longer tolerate rallies.", True),
        ("The agency warns that displacement will rise.", False),
        ("Officials warned that the number of victims could rise further.", False),
        ("Partners warn that fuel shortages are affecting ambulance services.", False),
        ("Aid agencies warned of famine in the camps.", False),
        ("Analysts warned that the conflict could spread to Chad.", False),
    ],
)
def test_a_warning_threatens_only_a_party_or_with_the_warners_own_act(
    nlp: Language, sentence: str, threat: bool
) -> None:
    found = [e.type for e in events_of(nlp, sentence) if e.type == "THREATEN"]
    assert found == (["THREATEN"] if threat else [])


@pytest.mark.parametrize(
    "sentence",
    [
        "Each side blamed the other for violating the truce near the front line.",
        "Rebel fighters violated the ceasefire by shelling the town on Sunday.",
        "Government troops breached the truce overnight, the rebels said.",
    ],
)
def test_a_broken_truce_is_fighting_not_an_agreement(nlp: Language, sentence: str) -> None:
    types = [e.type for e in events_of(nlp, sentence)]
    assert "FIGHT" in types or "ASSAULT" in types
    assert "AGREE" not in types


def test_an_agreed_truce_is_still_an_agreement(nlp: Language) -> None:
    events = events_of(nlp, "The two sides agreed a truce on Monday after talks in Doha.")
    assert "AGREE" in [e.type for e in events]


def test_a_backing_force_is_no_agent_of_the_killing(nlp: Language) -> None:
    text = "Afghan forces backed by U.S. air strikes killed 18 Taliban fighters in the province."
    agents = [e.agent.text for e in events_of(nlp, text) if e.trigger == "killed" and e.agent]
    assert agents == ["Afghan forces"]


def test_a_dateline_place_before_the_dash_is_no_subject(nlp: Language) -> None:
    text = "Mogadishu, Somalia — Al-Shabab fighters attacked a military base on Monday."
    (event,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert event.agent is not None and "Shabab" in event.agent.text


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("A witness, who asked not to be named, said the troops left at dawn.", "REQUEST"),
        ("An officer who requested anonymity said the base was quiet.", "REQUEST"),
        ("Close air support was called in to cover the retreating column.", "SUPPORT"),
        ("Gunmen ambushed a police patrol on the highway on Monday.", "MOBILIZE"),
        ("The insurgents ended a ceasefire with the government last year.", "AGREE"),
    ],
)
def test_reporting_furniture_and_roles_are_no_events(
    nlp: Language, sentence: str, absent: str
) -> None:
    assert absent not in [e.type for e in events_of(nlp, sentence)]


def test_a_patrol_sent_out_is_still_a_mobilization(nlp: Language) -> None:
    events = events_of(nlp, "The army launched a patrol along the border after the raid.")
    assert "MOBILIZE" in [e.type for e in events]


def test_a_verb_after_a_subordinate_clause_keeps_the_main_subject(nlp: Language) -> None:
    text = (
        "The raiders entered the village of Kalu while families slept, set fire to a dozen huts "
        "and abducted several women."
    )
    arson = [e for e in events_of(nlp, text) if e.mode == "arson"]
    assert [e.agent.text if e.agent else None for e in arson] == ["raiders"]


def test_people_reported_killed_are_no_agents(nlp: Language) -> None:
    text = "More than 300 people were reported killed in the province last year."
    killings = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert killings and all(e.agent is None for e in killings)


def test_an_aside_between_dashes_keeps_its_subject(nlp: Language) -> None:
    text = "Russia — the country's closest ally — attacked the rebel positions on Monday."
    (event,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert event.agent is not None and event.agent.text == "Russia"


def test_a_killing_of_a_number_of_people_is_an_assault(nlp: Language) -> None:
    events = events_of(nlp, "Police killed a number of protesters in the capital on Friday.")
    assert "ASSAULT" in [e.type for e in events]


def test_the_party_accused_of_a_breach_breached_it(nlp: Language) -> None:
    text = "The rebels accused government troops of violating the ceasefire near the dam."
    fights = [e for e in events_of(nlp, text) if e.type == "FIGHT"]
    assert [e.agent.text if e.agent else None for e in fights] == ["government troops"]


def test_the_party_blamed_for_an_attack_made_it(nlp: Language) -> None:
    text = "The government blamed the RSF for the attack on El Fasher."
    (attack,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert attack.agent is not None and attack.agent.text == "RSF"


def test_the_sides_of_fighting_between_two_parties_are_its_actors(nlp: Language) -> None:
    text = "Fighting between Armenia and Azerbaijan killed five soldiers."
    (fight,) = [e for e in events_of(nlp, text) if e.type == "FIGHT"]
    assert fight.agent is not None and fight.agent.text == "Armenia"
    assert fight.target is not None and fight.target.text == "Azerbaijan"


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("A suicide bomber blew himself up at a mosque, killing 20 people.", "suicide bomber"),
        ("A sniper killed a soldier near the front line.", "sniper"),
        ("Russian bombers struck Kharkiv overnight.", "Russian"),
    ],
)
def test_a_weapon_word_for_a_person_is_the_agent(nlp: Language, text: str, agent: str) -> None:
    (attack,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert attack.agent is not None and attack.agent.text == agent


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Fighters from the M23 rebel group seized the town of Walikale.", "M23 rebel group"),
        ("Militants from Islamic State attacked a checkpoint.", "Islamic State"),
        ("Fighters from Gao attacked a village.", "Fighters"),  # a town is no group
    ],
)
def test_members_act_for_the_group_they_come_from(nlp: Language, text: str, agent: str) -> None:
    (event,) = events_of(nlp, text)
    assert event.agent is not None and event.agent.text == agent


def test_what_a_strike_is_made_with_is_no_target(nlp: Language) -> None:
    text = (
        "Its forces had carried out a massive strike on military-industrial targets with "
        "high-precision weapons."
    )
    (strike,) = events_of(nlp, text)
    assert strike.target is None or "weapons" not in strike.target.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya sent troops to Haiti.", [("sent", "MOBILIZE")]),
        ("Police were dispatched to the area on Tuesday.", [("dispatched", "MOBILIZE")]),
        ("Rwanda sent hundreds of soldiers across the border.", [("sent", "MOBILIZE")]),
        ("He sent a letter to the mayor.", []),
    ],
)
def test_forces_sent_somewhere_are_mobilized(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.trigger, e.type) for e in events_of(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike hit the vehicle on a road near the town.", [("strike", "ASSAULT")]),
        ("The strike hit production at the plant.", []),
        ("The strike by teachers entered its third week.", []),
    ],
)
def test_a_strike_that_hits_something_is_an_attack(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.trigger, e.type) for e in events_of(nlp, text)] == expected


def test_what_a_party_does_in_general_is_background(nlp: Language) -> None:
    text = "Kolo leads a vigilante group that fights Boko Haram."
    (fight,) = events_of(nlp, text)
    assert fight.background and fight.context
    text = "The group, which fought Boko Haram on Monday, lost two men."
    fought = next(e for e in events_of(nlp, text) if e.trigger == "fought")
    assert not fought.background


def test_a_bare_participle_after_a_passive_has_no_agent(nlp: Language) -> None:
    text = "At least 30 people were killed and scores more injured when a bomb hit the market."
    assaults = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert assaults and all(e.agent is None for e in assaults)


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters marched through Nairobi on Tuesday.",
        "Hundreds of demonstrators gathered outside parliament.",
        "Demonstrators took to the streets of Khartoum.",
    ],
)
def test_protesters_marching_or_gathering_protest(nlp: Language, text: str) -> None:
    assert [e.type for e in events_of(nlp, text)] == ["PROTEST"]


def test_troops_marching_do_not_protest(nlp: Language) -> None:
    assert events_of(nlp, "Troops marched into the city on Monday.") == []


def test_a_counted_crowd_marching_protests_but_gathering_does_not(nlp: Language) -> None:
    marched = events_of(nlp, "Thousands of people marched through the capital on Sunday.")
    assert [e.type for e in marched] == ["PROTEST"]
    streets = events_of(nlp, "Thousands of residents took to the streets on Tuesday.")
    assert [e.type for e in streets] == ["PROTEST"]
    assert events_of(nlp, "Hundreds of people gathered for the funeral on Monday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "M23 rebels backed by Rwanda seized the town of Sake on Monday.",
        "Houthi rebels, who are supported by Iran, fired a missile.",
    ],
)
def test_who_backs_a_party_is_background_not_news(nlp: Language, text: str) -> None:
    support = [e for e in events_of(nlp, text) if e.type == "SUPPORT"]
    assert [e.background for e in support] == [True]


def test_a_state_that_backs_a_party_is_news(nlp: Language) -> None:
    (support,) = events_of(nlp, "Rwanda backs the M23 rebels, a UN report said.")
    assert (support.type, support.background) == ("SUPPORT", False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M23 rebels seized the town of Sake on Monday.", ("FIGHT", None)),
        ("Taliban fighters seized control of Kunduz.", ("FIGHT", None)),
        ("The town was seized by jihadists on Friday.", ("FIGHT", None)),
        ("The navy seized an oil tanker.", ("COERCE", "seize")),
        ("Fano fighters briefly seized parts of Bahir Dar.", ("FIGHT", None)),
        ("The rebels seized much of the city in May.", ("FIGHT", None)),
        ("Police seized part of the shipment.", ("COERCE", "seize")),
    ],
)
def test_seizing_ground_is_fighting_and_seizing_goods_is_not(
    nlp: Language, text: str, expected: tuple[str, str | None]
) -> None:
    seized = [e for e in events_of(nlp, text) if e.trigger == "seized"]
    assert [(e.type, e.mode) for e in seized] == [expected]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Rebel fighters took control of the town on Tuesday.", "took control"),
        ("The army said it had regained control of the airport.", "regained control"),
        ("Jihadists wrested control of the base from the army.", "wrested control"),
    ],
)
def test_taking_control_of_ground_is_fighting(nlp: Language, text: str, trigger: str) -> None:
    assert (trigger, "FIGHT") in [(e.trigger, e.type) for e in events_of(nlp, text)]


def test_soldiers_who_surrender_retreat(nlp: Language) -> None:
    found = [
        (e.trigger, e.type) for e in events_of(nlp, "Some soldiers surrendered to the rebels.")
    ]
    assert found == [("surrendered", "RETREAT")]


@pytest.mark.parametrize(
    ("text", "answer", "answered"),
    [
        (
            "India struck nine sites early on Wednesday, in what it said was retaliation for the "
            "April 22 attack on tourists in Pahalgam.",
            "struck",
            "attack",
        ),
        (
            "The army shelled the village in response to the attack on its base.",
            "shelled",
            "attack",
        ),
        ("Israel retaliated for the rocket attack with air strikes on Gaza.", "air strikes",
         "rocket attack"),
    ],
)  # fmt: skip
def test_the_act_answered_is_an_earlier_event_apart_from_the_answer(
    nlp: Language, text: str, answer: str, answered: str
) -> None:
    events = {e.trigger: e for e in events_of(nlp, text)}
    assert not events[answer].background
    assert events[answered].background and events[answered].agent is None


def test_a_passive_killing_beside_another_actors_act_is_its_own_event(nlp: Language) -> None:
    text = "Five civilians were killed and the army shot down two drones."
    assert [(e.trigger, e.agent.text if e.agent else None) for e in events_of(nlp, text)] == [
        ("killed", None),
        ("shot", None),
    ]


def test_the_war_a_stretch_runs_from_is_recalled(nlp: Language) -> None:
    text = "Tanks pushed into the city for the first time since the war began."
    (war,) = [e for e in events_of(nlp, text) if e.trigger == "war"]
    assert war.background
    (war,) = [e for e in events_of(nlp, "The war began on Thursday.") if e.trigger == "war"]
    assert not war.background  # its start is news


def test_an_event_misread_as_what_was_said_takes_no_speaker_as_agent(nlp: Language) -> None:
    text = (
        "Drones struck a fuel depot and an air base in Port Sudan on Sunday, the army said, "
        "the first attacks on the Red Sea city."
    )
    (attack,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert attack.agent is None or attack.agent.text != "army"


@pytest.mark.parametrize(
    "text",
    [
        "The attackers, from the Group to Support Islam and Muslims (JNIM), opened fire on residents.",
        "The government has not released a toll.",
        "A spokesman for the junta did not answer calls seeking comment.",
        "Displaced families and aid seekers waited in line.",
    ],
)
def test_names_reporters_asks_and_published_tolls_are_no_events(nlp: Language, text: str) -> None:
    assert [
        e.type for e in events_of(nlp, text) if e.type in ("SUPPORT", "CONCEDE", "REQUEST", "AID")
    ] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The jet dropped two bombs on the village.", [("dropped", "ASSAULT")]),
        ("Tanks pushed into the eastern part of the city.", [("pushed into", "FIGHT")]),
        ("Oil prices dropped sharply on Monday.", []),
    ],
)
def test_weapons_dropped_and_armour_pushing_in(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.trigger, e.type) for e in events_of(nlp, text)] == expected


def test_a_meeting_struck_is_a_target_not_talks(nlp: Language) -> None:
    found = [
        (e.trigger, e.type) for e in events_of(nlp, "A missile struck a meeting of commanders.")
    ]
    assert found == [("struck", "ASSAULT")]
    (talks,) = events_of(nlp, "The two leaders held a meeting in Doha.")
    assert talks.type == "CONSULT"


@pytest.mark.parametrize(
    "text",
    [
        "President Zelenskiy called the attack an act of terror.",
        "The ministry described the strike on the hospital as a war crime.",
    ],
)
def test_who_names_an_attack_is_not_its_agent(nlp: Language, text: str) -> None:
    (attack,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert attack.agent is None


def test_calling_a_ceasefire_keeps_its_caller(nlp: Language) -> None:
    (truce,) = events_of(nlp, "Rebels called a ceasefire on Monday.")
    assert truce.agent is not None and truce.agent.text == "Rebels"


def test_a_vow_to_retaliate_is_a_threatened_fight(nlp: Language) -> None:
    (retaliation,) = events_of(nlp, "The Houthis vowed to retaliate.")
    assert (retaliation.type, retaliation.modality.value) == ("FIGHT", "threatened")


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine exchanged 150 prisoners of war on Tuesday.",
        "A war correspondent and two war veterans spoke at the memorial.",
        "Hundreds of thousands of people have sought refuge in Tawila.",
        "Gunmen attacked an aid convoy near Tawila.",
    ],
)
def test_people_named_by_an_event_and_flight_are_no_war_talks_or_aid(
    nlp: Language, text: str
) -> None:
    assert [e.type for e in events_of(nlp, text) if e.type in ("FIGHT", "REQUEST", "AID")] == []


def test_veterans_of_a_named_war_keep_the_war_as_context(nlp: Language) -> None:
    (war,) = [
        e for e in events_of(nlp, "Veterans of the war marched in Kyiv.") if e.type == "FIGHT"
    ]
    assert war.background


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russia and Ukraine exchanged 150 prisoners of war on Tuesday.", "exchanged"),
        ("The prisoner swap took place on the Belarus border.", "prisoner swap"),
        ("An exchange of prisoners was completed on Sunday.", "exchange of prisoners"),
    ],
)
def test_a_prisoner_exchange_is_a_release(nlp: Language, text: str, trigger: str) -> None:
    assert [(e.trigger, e.type) for e in events_of(nlp, text)][:1] == [(trigger, "CONCEDE")]


def test_exchanging_fire_or_messages_frees_no_one(nlp: Language) -> None:
    found = [(e.trigger, e.type) for e in events_of(nlp, "The sides exchanged fire and messages.")]
    assert found == [("exchanged fire", "FIGHT")]


def test_what_a_nationality_seeks_abroad_is_a_request(nlp: Language) -> None:
    (asked,) = events_of(nlp, "Some 800,000 Iraqi Kurds sought refuge in Germany last month.")
    assert asked.type == "REQUEST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine's General Staff confirmed it had hit the refinery.", [("hit", "ASSAULT")]),
        ("Houthi forces said they had hit a tanker in the Red Sea.", [("hit", "ASSAULT")]),
        ("The storm hit the port on Monday.", []),
        ("Ukrainian troops destroyed a Russian tank near Pokrovsk.", [("destroyed", "ASSAULT")]),
        ("The fire destroyed the market.", []),
        ("The power grid was hit by drones overnight.", [("hit", "ASSAULT")]),
        ("The port was hit by a storm on Monday.", []),
    ],
)
def test_a_site_hit_or_a_weapon_destroyed_is_an_attack(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.trigger, e.type) for e in events_of(nlp, text)] == expected


def test_drones_destroyed_by_air_defences_are_the_launchers_strike(nlp: Language) -> None:
    text = "Russia's air defences destroyed 84 Ukrainian drones over eight regions overnight."
    (strike,) = events_of(nlp, text)
    assert (strike.trigger, strike.type) == ("destroyed", "ASSAULT")
    assert strike.agent is not None and strike.agent.text == "Ukrainian"


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Junta aircraft bombed a village near Sittwe on Monday.", "Junta"),
        ("Rebel drones struck an army base overnight.", "Rebel"),
        ("Unidentified drones struck an army base overnight.", None),
    ],
)
def test_a_generic_word_for_a_force_on_its_weapons_is_the_agent(
    nlp: Language, text: str, agent: str | None
) -> None:
    (strike,) = events_of(nlp, text)
    assert (strike.agent.text if strike.agent else None) == agent


@pytest.mark.parametrize(
    "text",
    [
        "The group has fought for years to topple the government.",
        "The army has fought the rebels for more than a decade.",
        "The group has carried out similar attacks in the capital for more than 15 years.",
    ],
)
def test_fighting_for_years_is_a_standing_pattern(nlp: Language, text: str) -> None:
    (fight,) = events_of(nlp, text)
    assert fight.background


def test_a_penalty_for_years_is_news(nlp: Language) -> None:
    text = "A Tunisian court has jailed a Nigerian student for two years, his lawyer said."
    (jailed,) = events_of(nlp, text)
    assert not jailed.background


def test_clashes_raging_for_days_are_news(nlp: Language) -> None:
    (clashes,) = events_of(nlp, "Clashes have raged for three days in the city.")
    assert not clashes.background
    (strikes,) = events_of(nlp, "Israel has carried out strikes on Gaza for three days.")
    assert not strikes.background


def test_seizing_a_town_the_tagger_calls_a_person_is_taking_ground(nlp: Language) -> None:
    text = "The rebels seized Goma in January."
    (seized,) = events_of(nlp, text)
    assert seized.type == "COERCE"  # without the geocoder's places the tagger's PERSON wins
    start = text.index("Goma")
    (seized,) = find_events(nlp(text), offset=0, places=[(start, start + 4)])
    assert seized.type == "FIGHT"
    text = "It does not require the rebels to leave Goma and Bukavu, which they seized in January."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Goma", "Bukavu")]
    (seized,) = [e for e in find_events(nlp(text), offset=0, places=spans) if e.trigger == "seized"]
    assert seized.type == "FIGHT"


def test_a_group_claiming_responsibility_for_an_act_is_its_agent(nlp: Language) -> None:
    (assault,) = events_of(
        nlp, "The Viv Ansanm coalition claimed responsibility for the assault in a video."
    )
    assert assault.agent is not None and assault.agent.text == "Viv Ansanm coalition"
    denied = events_of(nlp, "The group denied responsibility for the attack.")
    assert all(e.agent is None for e in denied if e.type == "ASSAULT")


def test_who_reports_or_sees_an_event_is_not_its_agent(nlp: Language) -> None:
    for sentence in (
        "The vessel reported an explosion in the water nearby.",
        "Residents heard explosions near the airport.",
    ):
        (blast,) = [e for e in events_of(nlp, sentence) if e.type == "ASSAULT"]
        assert blast.agent is None, sentence


def test_a_name_cut_at_its_of_before_a_conjunct_is_read_whole(nlp: Language) -> None:
    text = "The Democratic Republic of Congo and the M23 rebel group signed a framework in Doha."
    (signed,) = [e for e in events_of(nlp, text) if e.type == "AGREE"]
    assert signed.agent is not None and signed.agent.text == "Democratic Republic of Congo"
    # the recognizer may take a preposition into a name; the argument stops at the name
    town = "Insurgents attacked the town of Macomia in Mozambique's Cabo Delgado province."
    (attacked,) = [e for e in events_of(nlp, town) if e.type == "ASSAULT"]
    assert attacked.target is not None and attacked.target.text == "town of Macomia"


def test_they_in_a_direct_quote_are_not_the_speaker(nlp: Language) -> None:
    quoted = '"They came on motorcycles and rounded up the farmers," Musa said.'
    (rounded,) = [e for e in events_of(nlp, quoted) if e.trigger == "rounded up"]
    assert rounded.agent is not None and rounded.agent.text == "They"
    # reported speech: the army's "they" is the army
    reported = "The army said they had killed 20 militants."
    (killed,) = [e for e in events_of(nlp, reported) if e.type == "ASSAULT"]
    assert killed.agent is not None and killed.agent.text == "army"

"""Typed event triggers with actors, weapons, modality and background, on hand-made and seed sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import seed_file

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.events import (
    EventTrigger,
    acled_types,
    find_events,
    plover_type,
    top_event,
)
from conflictwatch.extract.relevance import is_relevant
from conflictwatch.model import Modality


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events_of(nlp: Language, text: str, offset: int = 0) -> list[EventTrigger]:
    found: list[EventTrigger] = []
    for sent in nlp(text).sents:
        found.extend(find_events(sent.as_doc(), offset=offset + sent.start_char))
    return found


def one(events: list[EventTrigger], event_type: str) -> EventTrigger:
    matching = [e for e in events if e.type == event_type]
    assert len(matching) == 1, [(e.type, e.trigger) for e in events]
    return matching[0]


def test_clashes_between_two_sides(nlp: Language) -> None:
    event = one(
        events_of(nlp, "Clashes between Armenian and Azerbaijani forces broke out."), "FIGHT"
    )
    assert event.trigger == "Clashes"
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")
    assert event.agent is not None and event.agent.text == "Armenian"
    assert event.target is not None and event.target.text == "Azerbaijani"


def test_weapons_set_the_mode_and_direction_the_target(nlp: Language) -> None:
    text = "Azerbaijan used artillery, mortars, drones and large-caliber rifles toward Vardenis."
    event = one(events_of(nlp, text), "ASSAULT")
    assert event.weapons == ("artillery", "mortar", "drone", "large-caliber rifle")
    assert event.mode == "artillery"
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert event.agent is not None and event.agent.text == "Azerbaijan"
    assert event.target is not None and event.target.text == "Vardenis"


def test_speech_acts_that_are_events(nlp: Language) -> None:
    events = events_of(
        nlp, "The Russian Foreign Ministry called on both sides to observe the truce."
    )
    request = one(events, "REQUEST")
    assert request.trigger == "called on"
    assert request.agent is not None and request.agent.text == "Russian Foreign Ministry"
    accuse = one(events_of(nlp, "Yerevan accused Baku of trying to advance."), "ACCUSE")
    assert accuse.target is not None and accuse.target.text == "Baku"
    assert one(events_of(nlp, "Turkey denied the claim."), "REJECT").trigger == "denied"


def test_reporting_verbs_are_not_events(nlp: Language) -> None:
    assert events_of(nlp, "The ministry said on Tuesday that it told reporters everything.") == []


def test_threat_and_its_object(nlp: Language) -> None:
    events = events_of(nlp, "Aliyev threatened on Thursday to withdraw from the negotiations.")
    threat = one(events, "THREATEN")
    assert threat.agent is not None and threat.agent.text == "Aliyev"
    retreat = one(events, "RETREAT")
    assert retreat.modality is Modality.THREATENED
    assert top_event(events) is threat


def test_nominal_triggers_share_the_light_verb_subject(nlp: Language) -> None:
    events = events_of(nlp, "Armenia declared martial law and mobilization on Sunday.")
    coerce = one(events, "COERCE")
    mobilize = one(events, "MOBILIZE")
    assert coerce.mode == "martial-law" and mobilize.mode == "troops"
    assert coerce.agent is not None and coerce.agent.text == "Armenia"
    assert mobilize.agent is not None and mobilize.agent.text == "Armenia"
    assert coerce.target is None  # "on Sunday" is a date, not a target


def test_duplicate_words_merge_into_one_event(nlp: Language) -> None:
    events = events_of(nlp, "The two sides agreed to a ceasefire agreement.")
    assert [e.type for e in events] == ["AGREE"]


def test_lifting_a_ban_is_a_concession(nlp: Language) -> None:
    events = events_of(nlp, "The government lifted the ban on the opposition party.")
    assert [e.type for e in events] == ["CONCEDE"]


@pytest.mark.parametrize(
    "text",
    [
        "The government lifted the curfew in the capital.",
        "The army lifted a day-old blockade on the crossing.",
        "The European Union lifted its sanctions on Belarus.",
    ],
)
def test_easing_a_curfew_blockade_or_sanctions_is_a_retreat(nlp: Language, text: str) -> None:
    # PLOVER (CAMEO2PLOVER 2021) files 0813 ease curfew, 0872 ease military blockade and 085 ease
    # economic sanctions under RETREAT; the verb is no second event
    events = events_of(nlp, text)
    assert [e.type for e in events] == ["RETREAT"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("It was the worst escalation since 2016.", "since 2016"),
        ("Thousands died in the 2020 war.", "2020 war"),
        ("The neighbours fought a war during the 1990s.", "during 1990s"),
    ],
)
def test_background_events(nlp: Language, text: str, cue: str) -> None:
    events = events_of(nlp, text)
    assert events and all(e.background for e in events if e.type == "FIGHT")
    assert any(e.background_cue == cue for e in events)


def test_current_event_is_not_background(nlp: Language) -> None:
    event = one(events_of(nlp, "Fighting erupted on the border on Tuesday."), "FIGHT")
    assert not event.background and event.background_cue is None


def test_offsets_index_the_document(nlp: Language) -> None:
    prefix = "Some earlier text. "
    sentence = "Insurgents shelled the town."
    doc_text = prefix + sentence
    sent = nlp(sentence)
    (event,) = find_events(sent, offset=len(prefix))
    assert doc_text[event.trigger_start : event.trigger_end] == "shelled"
    assert event.agent is not None
    assert doc_text[event.agent.start : event.agent.end] == "Insurgents"


@pytest.mark.parametrize(
    "text",
    ["", "12 345 6789 12 345 6789 12 345", "Les forces ont bombardé le village.", "x" * 3000],
)
def test_bad_input_gives_no_events(nlp: Language, text: str) -> None:
    assert events_of(nlp, text) == []


def test_acled_mapping_falls_back_to_type_default() -> None:
    assert acled_types("FIGHT", "small-arms") == ("Battles", "Armed clash")
    assert acled_types("ASSAULT", "air") == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types("CONSULT", None) == (None, None)


# --- seed articles ---------------------------------------------------------------------------------


def seed_events(nlp: Language, seeds: Path, number: str) -> list[tuple[str, EventTrigger]]:
    text = seed_file(seeds, number).read_text(encoding="utf-8")
    found: list[tuple[str, EventTrigger]] = []
    for sent in nlp(text).sents:
        if is_relevant(sent.text):
            for event in find_events(sent.as_doc(), offset=sent.start_char):
                found.append((sent.text, event))
    return found


def has(found: list[tuple[str, EventTrigger]], event_type: str, words: str) -> bool:
    return any(e.type == event_type and words in s for s, e in found)


def test_seed_events_are_found_with_their_types(nlp: Language, seeds_dir: Path) -> None:
    s000 = seed_events(nlp, seeds_dir, "000")
    assert has(s000, "FIGHT", "deadly clashes that broke out")
    assert has(s000, "THREATEN", "threatened to withdraw from peace talks")
    assert has(s000, "ACCUSE", "accuse the other of sporadically shooting")
    s001 = seed_events(nlp, seeds_dir, "001")
    assert has(s001, "REQUEST", "appeal to the Russian Federation")
    assert has(s001, "CONSULT", "spoke by phone")
    assert has(s001, "REQUEST", "called on both sides")
    s002 = seed_events(nlp, seeds_dir, "002")
    assert has(s002, "COERCE", "declared martial law")
    assert has(s002, "MOBILIZE", "military mobilization")
    assert has(s002, "ACCUSE", "accused by Armenia of supplying fighters")
    s003 = seed_events(nlp, seeds_dir, "003")
    assert has(s003, "FIGHT", "beaten back an Azerbaijani offensive")
    assert has(s003, "REJECT", "rejected accusations")
    s004 = seed_events(nlp, seeds_dir, "004")
    assert has(s004, "AGREE", "ceasefire")
    assert has(s004, "PROTEST", "boycott")


def test_seed_weapons_and_recalled_wars(nlp: Language, seeds_dir: Path) -> None:
    s001 = seed_events(nlp, seeds_dir, "001")
    assault = [e for s, e in s001 if e.type == "ASSAULT" and "artillery" in e.weapons]
    assert assault and {"mortar", "drone"} <= set(assault[0].weapons)
    wars = [e for s, e in s001 if "in the 1990s and in 2020" in s]
    assert wars and all(e.background for e in wars)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_event_from_site_furniture(nlp: Language, seeds_dir: Path, number: str) -> None:
    furniture = (
        "Facebook Forum",
        "Post a Comment",
        "Previous Post",
        "Please enter your",
        "Join the mailing list",
        "in your inbox:",
    )
    for sentence, event in seed_events(nlp, seeds_dir, number):
        trigger_sentence = sentence.strip()
        if any(trigger_sentence.startswith(f) for f in furniture):
            pytest.fail(f"event {event.type} from furniture: {trigger_sentence[:80]}")


def test_sentence_spans_give_the_same_events_as_sentence_docs(nlp: Language) -> None:
    text = (
        "The weather was fine. Azerbaijani forces shelled Sotk with mortars on Monday, "
        "and Armenia accused Baku of violating the ceasefire."
    )
    doc = nlp(text)
    from_docs = [e for s in doc.sents for e in find_events(s.as_doc(), offset=s.start_char)]
    from_spans = [e for s in doc.sents for e in find_events(s, offset=0)]
    assert from_spans == from_docs
    assert {e.type for e in from_spans} >= {"ASSAULT", "ACCUSE"}
    assault = one(from_spans, "ASSAULT")
    assert text[assault.trigger_start : assault.trigger_end] == assault.trigger == "shelled"


def test_listed_parties_parsed_as_apposition_are_all_agents(nlp: Language) -> None:
    event = one(events_of(nlp, "The US, Russia, and Switzerland met yesterday."), "CONSULT")
    names = [a.text for a in (event.agent, *event.co_agents) if a is not None]
    assert names == ["US", "Russia", "Switzerland"]


def test_passive_raising_verb_passes_its_subject_to_the_event(nlp: Language) -> None:
    event = one(events_of(nlp, "Obama is scheduled to attend a summit in Geneva."), "CONSULT")
    assert event.agent is not None and event.agent.text == "Obama"
    assert event.modality is Modality.PLANNED


def test_sides_of_a_fight_they_engaged_in(nlp: Language) -> None:
    text = "Syrian rebels engaged Filipino peacekeepers in a firefight on Saturday."
    event = one(events_of(nlp, text), "FIGHT")
    assert event.agent is not None and event.agent.text == "Syrian rebels"
    assert event.target is not None and event.target.text == "Filipino peacekeepers"


def test_reflexive_target_is_the_agent(nlp: Language) -> None:
    event = one(events_of(nlp, "The army said the rebels had attacked themselves."), "ASSAULT")
    assert event.target is not None and event.target.text == "rebels"


def test_main_clause_event_wins_over_embedded_one(nlp: Language) -> None:
    text = (
        "Angry activists staged rallies in the capital against the leader, saying he must resign."
    )
    events = events_of(nlp, text)
    protest = one(events, "PROTEST")
    assert protest.clause_depth == 0
    assert one(events, "CONCEDE").clause_depth >= 1
    assert top_event(events) == protest


def test_arrest_long_ago_is_background(nlp: Language) -> None:
    text = "Israel released the mayor, a member of the movement jailed over a year ago."
    events = events_of(nlp, text)
    assert one(events, "COERCE").background
    top = top_event(events)
    assert top is not None and top.type == "CONCEDE"


@pytest.mark.parametrize(
    ("text", "event_type", "coded"),
    [
        ("NATO said it would tighten the naval blockade of Serbia.", "COERCE", "THREATEN"),
        ("Israel announced it will free 150 prisoners.", "CONCEDE", "AGREE"),
        ("Syria refused to withdraw its troops from Lebanon.", "RETREAT", "REJECT"),
        ("Syria withdrew its troops from Lebanon.", "RETREAT", "RETREAT"),
    ],
)
def test_plover_type_reads_the_modality(
    nlp: Language, text: str, event_type: str, coded: str
) -> None:
    assert plover_type(one(events_of(nlp, text), event_type)) == coded


def test_a_number_or_group_word_stands_for_the_people_it_counts(nlp: Language) -> None:
    retreat = one(events_of(nlp, "Hundreds of UN troops withdrew from Syria on Monday."), "RETREAT")
    assert retreat.agent is not None and retreat.agent.text == "UN troops"
    assert retreat.target is not None and retreat.target.text == "Syria"  # withdrawn from
    protest = one(
        events_of(nlp, "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday."), "PROTEST"
    )
    assert protest.agent is not None and protest.agent.text == "Iraqi Kurds"


def test_compound_and_measure_nouns_take_the_light_verbs_actors(nlp: Language) -> None:
    arrest = one(
        events_of(nlp, "A court in Guyana has issued arrest warrants for two Brazilian men."),
        "COERCE",
    )
    assert arrest.agent is not None and arrest.agent.text == "court"  # Guyana: its whole phrase
    assert arrest.target is not None and arrest.target.text == "two Brazilian men"
    aid = one(
        events_of(
            nlp, "The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid."
        ),
        "AID",
    )
    assert aid.agent is not None and aid.agent.text == "European Community"
    assert aid.target is not None and aid.target.text == "Ivory Coast"


def test_an_event_noun_answered_by_a_verb_yields_to_it(nlp: Language) -> None:
    events = events_of(
        nlp, "The Mozambique government on Thursday accepted demands from Shona rebels."
    )
    best = top_event(events)
    assert best is not None and best.type == "CONCEDE" and best.trigger == "accepted"
    dismissed = top_event(
        events_of(
            nlp, "Rebels on Wednesday dismissed an appeal from the president to lay down arms."
        )
    )
    assert dismissed is not None and dismissed.type == "REJECT"


def test_a_weapon_subject_stands_for_the_force_that_wields_it(nlp: Language) -> None:
    event = one(events_of(nlp, "Armenian tanks shelled the village of Sotk."), "ASSAULT")
    assert event.agent is not None and event.agent.text == "Armenian"
    unmarked = one(events_of(nlp, "A missile struck the village of Sotk."), "ASSAULT")
    assert unmarked.agent is None  # a weapon alone names no actor


def test_the_one_asked_carries_out_the_requested_act(nlp: Language) -> None:
    events = events_of(nlp, "The minister urged the European Union to support Armenia.")
    assert one(events, "REQUEST").target is not None
    support = one(events, "SUPPORT")
    assert support.agent is not None and support.agent.text == "European Union"
    assert support.modality is Modality.HYPOTHETICAL


def test_pressing_a_party_or_for_a_deal_is_a_request_but_pressing_an_offensive_is_not(
    nlp: Language,
) -> None:
    events = events_of(nlp, "Russian forces pressed their offensive toward Pokrovsk.")
    assert [e.type for e in events] == ["FIGHT"]
    assert one(events_of(nlp, "Egypt pressed for a ceasefire in Gaza."), "REQUEST")
    assert one(events_of(nlp, "The US pressed Israel to allow more aid."), "REQUEST")


def test_an_adjective_complement_takes_the_copulas_subject(nlp: Language) -> None:
    event = one(events_of(nlp, "Georgia is willing to withdraw its troops."), "RETREAT")
    assert event.agent is not None and event.agent.text == "Georgia"
    assert event.modality is Modality.PLANNED
    assert plover_type(event) == "AGREE"


def test_seeking_to_act_is_no_request(nlp: Language) -> None:
    assert [e.type for e in events_of(nlp, "France is seeking to mend ties with China.")] == []
    request = one(events_of(nlp, "Armenia sought help from Russia."), "REQUEST")
    assert request.agent is not None and request.agent.text == "Armenia"


def test_blowing_up_is_an_explosive_assault(nlp: Language) -> None:
    event = one(events_of(nlp, "Rebels blew up a bridge near the border."), "ASSAULT")
    assert event.mode == "explosives"
    assert event.target is not None and event.target.text == "bridge"


def test_wanting_another_party_to_act_is_a_request(nlp: Language) -> None:
    asked = one(events_of(nlp, "Germany wants Turkey to release the journalists."), "REQUEST")
    assert asked.trigger == "wants"
    assert asked.agent is not None and asked.agent.text == "Germany"
    assert asked.target is not None and asked.target.text == "Turkey"
    own_wish = events_of(nlp, "Germany wants to help Turkey.")
    assert "REQUEST" not in {e.type for e in own_wish}
    guessed = events_of(nlp, "Germany might want Turkey to release the journalists.")
    assert "REQUEST" not in {e.type for e in guessed}


def test_a_name_the_parser_split_is_read_whole(nlp: Language) -> None:
    met = one(events_of(nlp, "Barack Obama and Vladimir Putin will meet in Zurich."), "CONSULT")
    assert met.agent is not None and met.agent.text == "Obama"
    assert [a.text for a in met.co_agents] == ["Vladimir Putin"]


def test_an_attempted_attack_is_an_attack(nlp: Language) -> None:
    tried = one(events_of(nlp, "Rebels attempted to assassinate the governor."), "ASSAULT")
    assert tried.modality is Modality.PLANNED
    assert plover_type(tried) == "ASSAULT"
    planned = one(events_of(nlp, "Rebels plan to assassinate the governor."), "ASSAULT")
    assert plover_type(planned) == "THREATEN"


def test_evidence_against_a_party_is_an_accusation(nlp: Language) -> None:
    accused = one(events_of(nlp, "Serbia presented evidence against Croatia."), "ACCUSE")
    assert accused.agent is not None and accused.agent.text == "Serbia"
    assert accused.target is not None and accused.target.text == "Croatia"


@pytest.mark.parametrize(
    ("text", "agent", "target"),
    [
        ("Germany said on Monday that Serbia must hand over the suspects.", "Germany", "Serbia"),
        (
            "The Arab League stated that Israel should withdraw from the Golan.",
            "Arab League",
            "Israel",
        ),
    ],
)
def test_another_partys_duty_reported_by_a_speaker_is_a_demand(
    nlp: Language, text: str, agent: str, target: str
) -> None:
    demand = one(events_of(nlp, text), "REQUEST")
    assert demand.trigger in ("must", "should")
    assert demand.agent is not None and demand.agent.text.endswith(agent)
    assert demand.target is not None and demand.target.text == target
    assert demand.clause_depth == 0  # ranked where the speaker's verb is


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it must respond to the expansion.",  # the speaker's own duty
        "Officials said the soldiers must have been killed on Monday.",  # an inference
        "Sudan must return the helicopter.",  # no speaker
    ],
)
def test_own_duty_inference_or_bare_modal_is_no_demand(nlp: Language, text: str) -> None:
    assert "REQUEST" not in [e.type for e in events_of(nlp, text)]


def test_a_text_issued_by_a_party_acts_for_it(nlp: Language) -> None:
    text = "The rebel movement issued a statement condemning the Kenyan government."
    accusation = one(events_of(nlp, text), "ACCUSE")
    assert accusation.agent is not None and accusation.agent.text == "rebel movement"


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Ghana withdrew its peacekeepers from Liberia.", "SANCTION", "withdraw"),
        ("Canada will withdraw its election observers from Haiti.", "SANCTION", "withdraw"),
        ("Egypt expelled two Israeli diplomats.", "SANCTION", "expel"),
        ("Kenya expelled three foreign journalists.", "COERCE", "deport"),
        ("Israel withdrew its troops from Lebanon.", "RETREAT", None),
    ],
)
def test_withdrawing_or_expelling_people_by_who_they_are(
    nlp: Language, text: str, event_type: str, mode: str | None
) -> None:
    # CAMEO 166 (diplomats, observers, peacekeepers: SANCTION), 174 (others expelled: COERCE),
    # 087 (troops withdrawn: RETREAT)
    event = one(events_of(nlp, text), event_type)
    assert event.mode == mode


def test_aid_received_from_a_party_is_that_partys_aid(nlp: Language) -> None:
    aid = one(events_of(nlp, "The militia received weapons from Iran last year."), "AID")
    assert aid.agent is not None and aid.agent.text == "Iran"
    assert aid.target is not None and aid.target.text == "militia"
    assert events_of(nlp, "The minister received a letter from the Iranian president.") == []


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Japan gave Kenya a loan of 50 million dollars.", "Kenya"),
        ("The United States is providing intelligence to Jordan.", "Jordan"),
        ("Iran supplied the Houthis with missiles.", "Houthis"),
    ],
)
def test_the_recipient_of_aid_is_its_target(nlp: Language, text: str, target: str) -> None:
    aid = one(events_of(nlp, text), "AID")
    assert aid.target is not None and aid.target.text == target


def test_giving_no_materiel_is_no_aid(nlp: Language) -> None:
    assert "AID" not in [e.type for e in events_of(nlp, "The minister gave a speech in Oslo.")]


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Farmers blocked the main highway to the capital.", "PROTEST", "obstruct"),
        ("Dock workers stopped work on Monday.", "PROTEST", "strike"),
        ("Serbia lodged a formal protest with Albania.", "ACCUSE", None),
        ("Russia summoned the British ambassador to protest the expulsions.", "ACCUSE", None),
        ("Italy announced a suspension of flights to Serbia.", "SANCTION", None),
    ],
)
def test_obstruction_strikes_and_official_complaints(
    nlp: Language, text: str, event_type: str, mode: str | None
) -> None:
    event = one(events_of(nlp, text), event_type)
    assert event.mode == mode


def test_the_one_summoned_is_the_complaints_target(nlp: Language) -> None:
    text = "Nigeria summoned Niger's ambassador to complain about the raids."
    complaint = one(events_of(nlp, text), "ACCUSE")
    assert complaint.agent is not None and complaint.agent.text == "Nigeria"
    assert complaint.target is not None and complaint.target.text == "Niger's ambassador"


def test_a_blocked_proposal_is_no_obstruction(nlp: Language) -> None:
    text = "China blocked the proposal at the Security Council."
    assert "PROTEST" not in [e.type for e in events_of(nlp, text)]


def test_sworn_to_fight_is_a_threat(nlp: Language) -> None:
    fight = one(events_of(nlp, "The rebels have sworn to fight until the end."), "FIGHT")
    assert fight.modality is Modality.THREATENED
    assert plover_type(fight) == "THREATEN"


@pytest.mark.parametrize(
    ("text", "aside", "news"),
    [
        (
            "Canada is sending food aid to Haiti, which is preparing an offensive against gangs.",
            "FIGHT",
            "AID",
        ),
        (
            "The governor imposed a curfew in the city after violent protests by students.",
            "PROTEST",
            "COERCE",
        ),
    ],
)
def test_relative_clauses_and_occasions_are_asides(
    nlp: Language, text: str, aside: str, news: str
) -> None:
    events = events_of(nlp, text)
    assert one(events, aside).aside and not one(events, news).aside
    top = top_event(events)
    assert top is not None and top.type == news


@pytest.mark.parametrize(
    "text",
    [
        "The party expelled him last week.",
        "He had been expelled from the party in May.",
        "The union expelled two members on Friday.",
    ],
)
def test_an_expulsion_from_a_body_is_no_deportation(nlp: Language, text: str) -> None:
    assert "COERCE" not in [e.type for e in events_of(nlp, text)]


def test_grumbling_is_no_official_complaint(nlp: Language) -> None:
    text = "The constables complain about their long shifts."
    assert "ACCUSE" not in [e.type for e in events_of(nlp, text)]


def test_a_verb_that_judges_an_event_gives_it_no_actor(nlp: Language) -> None:
    assault = one(events_of(nlp, "Georgia condemned the attack on the convoy."), "ASSAULT")
    assert assault.agent is None  # the one who condemns did not attack
    fight = one(events_of(nlp, "Armenia launched an offensive against Azerbaijan."), "FIGHT")
    assert fight.agent is not None and fight.agent.text == "Armenia"  # a light verb still does
    truce = one(events_of(nlp, "Peacekeepers, who oversee the truce, saw no violations."), "AGREE")
    assert truce.agent is None  # those who oversee a truce are no party to it


def test_releasing_a_text_frees_no_one(nlp: Language) -> None:
    assert [e.type for e in events_of(nlp, "The rebels released a communique on Monday.")] == []
    freed = one(events_of(nlp, "The rebels released two hostages on Monday."), "CONCEDE")
    assert freed.agent is not None and freed.agent.text == "rebels"


def test_an_attack_in_words_is_an_accusation(nlp: Language) -> None:
    events = events_of(nlp, "The minister made a scathing attack on the opposition.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_strike_is_an_attack_only_in_its_armed_sense(nlp: Language) -> None:
    carried = one(events_of(nlp, "The army carried out a precise strike on militants."), "ASSAULT")
    assert carried.trigger == "strike"
    assert carried.target is not None and carried.target.text == "militants"
    party = one(events_of(nlp, "Russian strikes killed two people."), "ASSAULT")
    assert party.agent is not None and party.agent.text == "Russian"
    for walk_out in ("Teachers went on strike on Monday.", "The strike on Monday closed schools."):
        assert [e.type for e in events_of(nlp, walk_out) if e.type == "ASSAULT"] == []


def test_a_weapon_subject_makes_hit_an_attack_by_its_wielder(nlp: Language) -> None:
    event = one(events_of(nlp, "Ukrainian drones hit an oil refinery in the region."), "ASSAULT")
    assert event.agent is not None and event.agent.text == "Ukrainian drones"
    assert event.weapons == ("drone",)
    assert [e.type for e in events_of(nlp, "Prices hit a record high in March.")] == []


def test_participants_act_and_abstract_causes_do_not(nlp: Language) -> None:
    protest = one(events_of(nlp, "Thousands of protesters rallied in the capital."), "PROTEST")
    assert protest.agent is not None and protest.agent.text == "protesters"
    killing = one(
        events_of(nlp, "Violence in the country has killed more than 20,000 people."), "ASSAULT"
    )
    assert killing.agent is None


def test_no_event_from_a_name_or_from_fire_support(nlp: Language) -> None:
    text = (
        "The area is a stronghold of the Group for the Support of Islam and Muslims, an "
        "affiliate of the network."
    )
    assert [e.type for e in events_of(nlp, text) if e.type == "SUPPORT"] == []
    backed = "Twenty assailants were killed in the counter-offensive supported by air strikes."
    assert [e.type for e in events_of(nlp, backed) if e.type == "SUPPORT"] == []
    assert "SUPPORT" in [e.type for e in events_of(nlp, "France supported the peace plan.")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mali cut diplomatic ties with Ukraine on Sunday.",
        "Mali cut ties with Ukraine on Sunday.",
        "The government suspended diplomatic relations with Ukraine.",
    ],
)
def test_cutting_ties_is_a_sanction_on_the_partner(nlp: Language, sentence: str) -> None:
    events = events_of(nlp, sentence)
    assert [e.type for e in events] == ["SANCTION"]
    assert events[0].target is not None and events[0].target.text == "Ukraine"


def test_cut_needs_ties_for_an_object(nlp: Language) -> None:
    assert events_of(nlp, "The central bank cut interest rates on Sunday.") == []


def test_one_type_by_two_named_agents_is_two_events(nlp: Language) -> None:
    text = (
        "The Houthis said they had targeted a cargo ship, a day after the United States "
        "launched a new wave of strikes on Houthi positions."
    )
    attacks = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert sorted(e.agent.text for e in attacks if e.agent is not None) == [
        "Houthis",
        "United States",
    ]
    generic = "Azerbaijani forces shelled the town and the troops attacked a checkpoint."
    assert len([e for e in events_of(nlp, generic) if e.type == "ASSAULT"]) == 1


def test_different_acts_by_parties_each_brought_in_are_two_events(nlp: Language) -> None:
    text = "Bandits abducted 287 pupils last week, and gunmen killed 12 villagers in Maru."
    acts = [(e.trigger, e.agent.text if e.agent else None) for e in events_of(nlp, text)]
    assert acts == [("abducted", "Bandits"), ("killed", "gunmen")]
    # one party doing both is one event, as before
    one = "Militants abducted 20 women and killed 12 men."
    assert [e.trigger for e in events_of(nlp, one) if e.type == "ASSAULT"] == ["abducted"]


def test_a_request_for_comment_is_no_event(nlp: Language) -> None:
    text = "The military government did not respond to requests for comment."
    assert [e.type for e in events_of(nlp, text)] == []


def test_a_nation_named_before_a_weapon_wields_it(nlp: Language) -> None:
    text = "Myanmar military jets bombed a village in the Sagaing region on Tuesday."
    event = one(events_of(nlp, text), "ASSAULT")
    assert event.agent is not None and event.agent.text == "Myanmar military jets"
    text = "Israeli tanks shelled the camp on Tuesday."  # no service named: the nation
    event = one(events_of(nlp, text), "ASSAULT")
    assert event.agent is not None and event.agent.text == "Israeli"


@pytest.mark.parametrize(
    ("sentence", "event_type", "mode", "agent"),
    [
        ("Protesters clashed with police in the capital.", "PROTEST", "riot", "Protesters"),
        ("The embassy was stormed by angry protestors.", "PROTEST", "riot", "angry protestors"),
        (
            "Riot police clashed with demonstrators outside parliament.",
            "COERCE",
            "crowd-control",
            "Riot police",
        ),
        (
            "Government troops clashed with rebels near the border.",
            "FIGHT",
            None,
            "Government troops",
        ),
    ],
)
def test_violence_of_or_against_a_crowd_is_a_riot_or_repression(
    nlp: Language, sentence: str, event_type: str, mode: str | None, agent: str
) -> None:
    event = top_event(events_of(nlp, sentence))
    assert event is not None
    assert (event.type, event.agent.text if event.agent else None) == (event_type, agent)
    if mode is not None:
        assert event.mode == mode


def test_a_participle_on_an_event_noun_is_no_event_of_its_own(nlp: Language) -> None:
    found = events_of(nlp, "Israel today mounted its long-threatened invasion of South Lebanon.")
    assert [(e.type, e.trigger, e.background) for e in found] == [("FIGHT", "invasion", False)]
    assert found[0].agent is not None and found[0].agent.text == "Israel"


@pytest.mark.parametrize(
    ("sentence", "event_type", "trigger"),
    [
        (
            "The State Department advised against travel to Tunisia.",
            "SANCTION",
            "advised against travel",
        ),
        ("The rebels carried out an incursion into the province.", "FIGHT", "incursion"),
    ],
)
def test_travel_warnings_and_incursions(
    nlp: Language, sentence: str, event_type: str, trigger: str
) -> None:
    event = top_event(events_of(nlp, sentence))
    assert event is not None and (event.type, event.trigger) == (event_type, trigger)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("Gangs have kidnapped hundreds of people in recent months.", True),
        ("Insurgents have attacked dozens of villages over the past year.", True),
        ("Gangs have killed 40 people in the past two months.", True),
        ("Insurgents have killed 12 soldiers in the past week.", False),  # the week's news
        ("Gangs kidnapped 40 people in the village last month.", False),
    ],
)
def test_a_perfect_summed_over_recent_months_is_a_record_not_an_act(
    nlp: Language, text: str, background: bool
) -> None:
    (event,) = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert event.background is background


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Gunmen seized 25 worshippers from a church.", ("ASSAULT", "abduct")),
        ("Troops seized 12 suspects near the border.", ("COERCE", "arrest")),
        ("Rebels seized weapons and two trucks.", ("COERCE", "seize")),
        ("M23 rebels seized the town of Sake.", ("FIGHT", None)),
    ],
)
def test_seizing_people_is_an_abduction_or_an_arrest(
    nlp: Language, text: str, coded: tuple[str, str | None]
) -> None:
    (event,) = [e for e in events_of(nlp, text) if e.trigger == "seized"]
    assert (event.type, event.mode) == coded


def test_attacks_militants_are_planning_are_planned(nlp: Language) -> None:
    (event,) = [
        e
        for e in events_of(nlp, "It said the operation targeted militants planning attacks.")
        if e.trigger == "attacks"
    ]
    assert event.modality is Modality.PLANNED


def test_a_besieged_city_is_a_standing_hold_and_no_battle_of_the_day(nlp: Language) -> None:
    text = "Fighters shelled a camp outside the besieged city of El Fasher, killing 14."
    assert [e.type for e in events_of(nlp, text)] == ["ASSAULT"]
    siege = one(events_of(nlp, "Troops besieged the town on Monday."), "FIGHT")
    assert siege.trigger == "besieged"


def test_a_name_before_a_settlement_noun_places_the_raid_and_is_no_agent(nlp: Language) -> None:
    # the raid is the killing's own, once "Zamfara" is no second side
    found = events_of(nlp, "Gunmen kill 17 in Zamfara village raid")
    assert [(e.trigger, e.agent.text if e.agent else None) for e in found] == [("kill", "Gunmen")]
    strike = one(events_of(nlp, "A Russian drone strike hit the market."), "ASSAULT")
    assert strike.agent is not None and strike.agent.text == "Russian"


def test_a_town_before_an_attack_noun_is_where_it_was_not_who_made_it(nlp: Language) -> None:
    text = "A Gaza City drone strike killed three people on Thursday, medics said."
    assert one(events_of(nlp, text), "ASSAULT").agent is None
    text = "President Zelensky said the Kharkiv strikes showed gaps in air defence."
    assert one(events_of(nlp, text), "ASSAULT").agent is None
    text = "The Montgomery County shootings killed two people."
    assert one(events_of(nlp, text), "ASSAULT").agent is None
    # a country's name, or an armed group's that a town bears as another name, still acts
    for text, agent in (
        ("An Israeli strike killed two.", "Israeli"),
        ("Hamas strikes killed two.", "Hamas"),
        ("The Wagner attack killed four.", "Wagner"),
    ):
        strike = one(events_of(nlp, text), "ASSAULT")
        assert strike.agent is not None and strike.agent.text == agent


def test_taking_or_holding_people_hostage_or_prisoner_is_an_abduction(nlp: Language) -> None:
    cases = (
        (
            "Gunmen took three foreigners hostage in the town on Monday.",
            "Gunmen",
            "three foreigners",
        ),
        ("The militants took 12 aid workers hostage.", "militants", "12 aid workers"),
        ("Two soldiers were taken prisoner.", None, "Two soldiers"),
        ("Rebels took 12 hostages.", "Rebels", "12 hostages"),
        ("Dozens of soldiers surrendered and were taken prisoner.", None, "soldiers"),
    )
    for text, agent, target in cases:
        taking = one(events_of(nlp, text), "ASSAULT")
        assert taking.mode == "abduct"
        assert (taking.agent.text if taking.agent else None) == agent
        assert taking.target is not None and taking.target.text == target
    # a prison holds its detainees, and a thing held hostage is no person taken
    for text in (
        "The prison holds several thousand detainees.",
        "The gang held the capital's airport hostage.",
    ):
        assert events_of(nlp, text) == []

"""Wire sentences the parser gets partly wrong, and what the victims' own clause tells."""

import datetime as dt

from conflictwatch.extract.mentions import extract_mentions
from conflictwatch.model import Mention, Modality

PUBLISHED = dt.date(2026, 6, 2)  # a Tuesday


def _mentions(text: str) -> list[Mention]:
    return list(extract_mentions(text, doc_id="d", published=PUBLISHED).mentions)


def _one(mentions: list[Mention], trigger: str) -> Mention:
    (found,) = [m for m in mentions if m.trigger == trigger]
    return found


def test_an_agency_credit_opening_the_story_is_no_agent() -> None:
    bombing = _one(
        _mentions("(Reuters) - Myanmar military aircraft bombed a crowded market, killing 27."),
        "bombed",
    )
    assert bombing.agent is not None and bombing.agent.id == "MMR.MIL"


def test_a_weapon_named_with_its_service_is_that_service() -> None:
    strike = _one(_mentions("Israeli jets struck a house in Rafah."), "struck")
    shelling = _one(_mentions("Israeli tanks shelled a camp in Rafah."), "shelled")
    assert strike.agent is not None and strike.agent.id == "ISR.MIL.AIR"
    assert shelling.agent is not None and shelling.agent.country == "ISR"


def test_the_name_after_a_descriptive_adjective_is_the_agent() -> None:
    text = "A drone strike by the paramilitary Rapid Support Forces hit the hospital on Saturday."
    (strike,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert strike.agent is not None and strike.agent.id == "AG.RSF"


def test_a_participle_with_an_object_on_a_stranded_subject_is_its_verb() -> None:
    text = (
        "Haitian police, backed by Kenyan officers of a UN-backed mission, killed at least 12 "
        "gang members in clashes, a police spokesman said."
    )
    killing = _one(_mentions(text), "killed")
    assert killing.agent is not None and killing.agent.id == "HTI.POL"
    assert [(c.kind.value, c.min) for c in killing.casualties] == [("killed", 12)]


def test_casualties_a_hospital_receives_are_counted_and_it_harmed_no_one() -> None:
    text = (
        "The hospital, the last functioning one in the city, received 30 wounded after the "
        "strike, a doctor there said."
    )
    wounding = _one(_mentions(text), "wounded")
    assert wounding.agent is None
    assert [(c.kind.value, c.min, c.max) for c in wounding.casualties] == [("wounded", 30, 30)]


def test_what_the_victims_were_doing_gives_the_time_and_place() -> None:
    text = (
        "Israeli troops shot dead three Palestinians who approached their positions in Khan "
        "Younis on Monday, health officials said."
    )
    shooting = _one(_mentions(text), "shot dead")
    assert [p.name for p in shooting.places] == ["Khan Yunis"]
    assert shooting.date is not None and shooting.date.value == "2026-06-01"


def test_an_earlier_act_of_the_victims_keeps_its_own_date() -> None:
    text = "Troops killed two men who had attacked a checkpoint in Jenin on Sunday."
    mentions = _mentions(text)
    killing, attack = _one(mentions, "killed"), _one(mentions, "attacked")
    assert attack.date is not None and attack.date.value == "2026-05-31"
    assert killing.date is not None and killing.date.value != "2026-05-31"


def test_a_siege_since_a_month_is_background_and_fighting_since_a_weekday_is_news() -> None:
    text = "The RSF, which has besieged El Fasher since May last year, spoke."
    siege = _one(_mentions(text), "besieged")
    fighting = _one(_mentions("Fighting has raged in Tripoli since Monday."), "Fighting")
    assert siege.background
    assert not fighting.background


def test_what_a_participle_of_saying_reports_escapes_the_main_negation() -> None:
    text = (
        "Ukraine's general staff did not confirm the loss, saying its troops repelled 52 "
        "Russian attacks."
    )
    repelling = _one(_mentions(text), "repelled")
    assert repelling.modality.value == "claimed"


def test_what_a_denier_says_in_a_participle_is_claimed_not_denied() -> None:
    text = (
        "A government spokesman denied that the jihadists had occupied Mucojo, saying defence "
        "forces had repelled an incursion and killed three of them."
    )
    killing = _one(_mentions(text), "killed")
    assert killing.modality.value == "claimed"
    assert killing.claimant is not None and "spokesman" in killing.claimant.name


def test_a_negation_after_a_semicolon_is_another_statements() -> None:
    text = (
        "Radaa said on Sunday that 23 of its fighters and allies had been killed, a figure that "
        "could not be independently verified; the GNU has not released its own losses."
    )
    assert _one(_mentions(text), "killed").modality.value == "claimed"


def test_which_answering_an_accusation_denies_the_acts_charged() -> None:
    text = (
        "Congo's government accuses Rwanda of sending thousands of troops to support the rebels, "
        "which Kigali denies."
    )
    mentions = _mentions(text)
    sending, denial = _one(mentions, "sending"), _one(mentions, "denies")
    assert sending.modality.value == "denied"
    assert sending.claimant is not None and sending.claimant.country == "RWA"
    assert denial.claimant is None and not denial.background


def test_a_denial_of_a_charge_in_the_present_is_news() -> None:
    text = "Islamabad accuses Kabul of sheltering TTP fighters, a charge the Taliban denies."
    denial = _one(_mentions(text), "denies")
    assert not denial.background


def test_the_clashes_that_have_killed_since_a_year_are_background() -> None:
    text = "Ethnic clashes have killed more than 250 people in Manipur since May 2023."
    mentions = _mentions(text)
    assert _one(mentions, "clashes").background and _one(mentions, "killed").background
    recent = _mentions("Clashes have killed 20 people in Manipur since Monday.")
    assert not _one(recent, "Clashes").background


def test_a_second_verb_of_saying_shares_the_first_ones_speaker() -> None:
    text = (
        "A Fano spokesman denied the figure and said his fighters had captured two army "
        "positions near the town of Debre Markos."
    )
    capture = _one(_mentions(text), "captured")
    assert capture.claimant is not None and capture.claimant.id == "AG.FANO"
    assert capture.agent is not None and capture.agent.id == "AG.FANO"
    denial = _one(_mentions("It has denied targeting civilians and says it is fighting."), "denied")
    assert denial.claimant is None


def test_no_group_neither_acts_nor_claims() -> None:
    text = "No group has claimed the attack, but JNIM is active in the area."
    attack = _one(_mentions(text), "attack")
    assert attack.agent is None and attack.claimant is None


def test_the_latest_strike_since_a_truce_is_no_running_total() -> None:
    text = (
        "An Israeli drone strike killed two people on Monday, the ministry said, in the latest "
        "strike since a ceasefire took effect in November 2024."
    )
    (strike,) = [m for m in _mentions(text) if m.casualties]
    assert [(c.min, c.cumulative) for c in strike.casualties] == [(2, False)]


def test_who_responds_with_strikes_carries_them_out() -> None:
    strikes = _one(_mentions("The Sudanese army responded with air strikes."), "air strikes")
    assert strikes.agent is not None and strikes.agent.id == "SDN.MIL"


def test_burning_homes_or_shops_is_arson_and_burning_tyres_is_not() -> None:
    text = (
        "The commander said the insurgents had also burned about 40 homes. Several shops were "
        "burned. Protesters burned tyres. The fire burned 20 houses."
    )
    arson = [m for m in _mentions(text) if m.mode == "arson"]
    assert [
        (m.agent.name if m.agent else None, m.target.name if m.target else None) for m in arson
    ] == [
        ("insurgents", "40 homes"),
        (None, "Several shops"),
    ]


def test_an_act_dated_after_the_report_is_planned() -> None:
    talks = _one(
        _mentions("Talks between the army and the rebels resume in Doha on Friday."), "Talks"
    )
    assert talks.modality is Modality.PLANNED
    assert talks.date is not None and talks.date.value == "2026-06-05"


def test_an_agreement_taking_effect_later_keeps_its_modality() -> None:
    (truce,) = [
        m
        for m in _mentions("A truce between the army and the rebels takes effect on Sunday.")
        if m.type == "AGREE"
    ]
    assert truce.modality is Modality.ASSERTED
    assert truce.date is not None and truce.date.value == "2026-06-07"


def test_a_relative_clause_is_not_dated_by_its_main_clause() -> None:
    text = (
        "Egypt and Qatar, which have been mediating between Israel and Hamas, are expected to "
        "host a new round of talks in Cairo next week."
    )
    mediating = _one(_mentions(text), "mediating")
    assert mediating.date is not None and mediating.date.value == "2026-06-02"


def test_an_allegation_hung_on_the_accusing_verb_denies_the_act_charged() -> None:
    text = (
        "A rebel spokesman accused the Congolese army of bombing civilian areas with drones, "
        "an allegation the army denied."
    )
    mentions = _mentions(text)
    accusing, bombing = _one(mentions, "accused"), _one(mentions, "bombing")
    assert accusing.modality is Modality.ASSERTED and accusing.claimant is None
    assert bombing.modality is Modality.DENIED
    assert bombing.claimant is not None and bombing.claimant.country == "COD"


def test_taking_control_of_a_place_targets_the_place_not_the_control() -> None:
    text = "Russian troops took control of the village of Petropavlivka, the ministry said."
    taking = _one(_mentions(text), "took control")
    assert taking.target is not None and taking.target.name == "village of Petropavlivka"
    # a trigger noun without such a phrase leaves the verb's other object as the target
    text = "Obama said he would not give permission to Russia to help Israel."
    (refusal,) = [m for m in _mentions(text) if m.trigger == "give permission"]
    assert refusal.target is not None and refusal.target.country == "RUS"


def test_shot_dead_has_its_victim_as_target_however_the_parser_hangs_it() -> None:
    text = "Gunmen shot dead two policemen in Peshawar on Monday."
    shooting = _one(_mentions(text), "shot dead")
    assert shooting.target is not None and shooting.target.name == "two policemen"
    text = "A Ukrainian sniper shot dead a Russian company commander near Pokrovsk."
    shooting = _one(_mentions(text), "shot dead")
    assert shooting.target is not None and shooting.target.country == "RUS"
    # the parser hangs "An Israeli sniper" on the verb and "a boy" as an adverbial noun
    text = "An Israeli sniper shot dead a boy in Jenin on Monday, the health ministry said."
    shooting = _one(_mentions(text), "shot dead")
    assert shooting.agent is not None and shooting.agent.name == "sniper"
    assert shooting.target is not None and shooting.target.name == "boy"


def test_drones_intercepted_are_the_strike_of_who_launched_them() -> None:
    text = (
        "Ukraine's air force said it shot down 62 of the 85 drones Russia launched, along with "
        "two ballistic missiles."
    )
    (strike,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert strike.agent is not None and strike.agent.country == "RUS"
    # the parser takes "Russia" for an apposition of the drones and "launched" for a clause
    text = (
        "Ukraine's air force said it had shot down 48 of the 62 drones Russia launched overnight."
    )
    (strike,) = [m for m in _mentions(text) if m.type == "ASSAULT"]
    assert strike.agent is not None and strike.agent.country == "RUS"


def test_a_report_hung_on_an_appended_phrase_still_reports_the_sentence() -> None:
    text = (
        "Armed bandits abducted at least 38 worshippers from a church in Nigeria's Kwara state on "
        "Sunday, police said, the latest in a wave of mass kidnappings in the country's northwest."
    )
    abduction = _one(_mentions(text), "abducted")
    assert abduction.agent is not None and abduction.agent.name == "Armed bandits"
    assert abduction.modality is Modality.CLAIMED
    assert abduction.claimant is not None and abduction.claimant.name == "police"


def test_an_answer_with_weapons_says_nothing() -> None:
    text = "Two soldiers were wounded when the dissidents responded with explosives, the army said."
    wounding = _one(_mentions(text), "wounded")
    assert wounding.claimant is not None and wounding.claimant.name == "the army"


def test_speakers_before_a_report_set_off_by_commas_are_the_claimants() -> None:
    text = (
        "M23 rebels seized the town of Uvira on Sunday after days of fighting with Congolese "
        "troops and allied militias, residents and a rebel spokesman said, despite a peace "
        "agreement signed in Washington in June."
    )
    seized = _one(_mentions(text), "seized")
    assert seized.modality is Modality.CLAIMED
    assert seized.claimant is not None and seized.claimant.name == "residents"


def test_a_participle_on_an_event_noun_dates_that_event() -> None:
    text = (
        "Rebels seized the town on Sunday, despite a peace agreement signed in Washington in April."
    )
    mentions = _mentions(text)
    agreement = _one(mentions, "peace agreement")
    assert agreement.date is not None and agreement.date.value == "2026-04"
    seized = _one(mentions, "seized")
    assert seized.date is not None and seized.date.value == "2026-05-31"


def test_a_date_in_an_event_nouns_own_phrase_dates_that_event() -> None:
    text = (
        "An airstrike on a car near Tyre killed two men on Sunday afternoon, the agency said, the "
        "latest strike despite a ceasefire in place since November 2024."
    )
    mentions = _mentions(text)
    ceasefire = _one(mentions, "ceasefire")
    assert ceasefire.date is not None and ceasefire.date.value == "2024-11"
    assert ceasefire.background
    airstrike = _one(mentions, "airstrike")
    assert airstrike.date is not None and airstrike.date.value == "2026-05-31"


def test_the_clock_time_stamping_a_live_report_entry_dates_nothing() -> None:
    text = (
        "Live: Russian strikes hit Kharkiv overnight\n\n"
        "07:40 — The governor said on Telegram that three people were killed in a drone strike "
        "on the city.\n\n"
        "09:30 GMT - Russia's Defence Ministry said its forces carried out a massive strike on "
        "Kharkiv overnight.\n\n"
        "A car was hit at 08:50 Moscow time, killing the driver."
    )
    dates = {m.trigger: m.date.value for m in _mentions(text) if m.date is not None}
    assert "T07:40" not in dates["drone strike"] and "T09:30" not in dates["strike"]
    assert dates["strike"] == "2026-06-01TNI"
    # a clock time inside a sentence still dates its event
    assert dates["killing"].endswith("T08:50")


def test_a_second_verb_parsed_as_an_adjective_shares_the_first_ones_subject() -> None:
    text = "Al Shabaab said that its fighters had killed 27 soldiers and captured weapons."
    captured = _one(_mentions(text), "captured")
    assert captured.agent is not None and captured.agent.name == "al-Shabaab"
    # the parser may join the noun to the first verb itself
    text = (
        "Al Shabaab said in a statement on its Andalus radio that its fighters had killed 25 "
        "soldiers and seized weapons."
    )
    seized = _one(_mentions(text), "seized")
    assert seized.agent is not None and seized.agent.name == "al-Shabaab"


def test_a_named_partys_while_clause_is_not_the_speakers_statement() -> None:
    text = (
        "Armenian Prime Minister Nikol Pashinyan said the agreement would bring prosperity to the "
        "region, while Azerbaijan's President Ilham Aliyev urged Yerevan to amend its "
        "constitution before the treaty is signed."
    )
    urged = _one(_mentions(text), "urged")
    assert urged.claimant is None
    assert urged.modality is Modality.ASSERTED
    bring = _one(_mentions(text), "agreement")
    assert bring.claimant is not None and bring.claimant.name == "Nikol Pashinyan"


def test_a_participle_on_another_noun_does_not_date_the_event() -> None:
    text = (
        "The two countries agreed to open the border, a step toward implementing a peace deal "
        "initialled in August."
    )
    agreed = _one(_mentions(text), "agreed")
    assert agreed.date is not None and agreed.date.value == "2026-06-02"
    assert not agreed.background


def test_what_an_event_follows_does_not_make_it_an_agent() -> None:
    text = "The step follows air strikes on rebel camps. The announcement follows a ceasefire deal."
    mentions = _mentions(text)
    assert _one(mentions, "air strikes").agent is None
    assert _one(mentions, "ceasefire").agent is None


def test_a_clause_describing_a_noun_without_that_does_not_date_the_main_event() -> None:
    # the parser makes "it plans to hold in December" a complement of "intensified"
    text = (
        "The military has intensified air attacks on rebel-held towns ahead of elections it "
        "plans to hold in December."
    )
    attacks = _one(_mentions(text), "air attacks")
    assert attacks.modality is Modality.ASSERTED
    assert attacks.date is not None and attacks.date.value == "2026-06-02"
    # a clause a verb of telling takes after its object still dates what it tells
    text = "The rebels told residents they would attack the garrison in December."
    attack = _one(_mentions(text), "attack")
    assert attack.date is not None and attack.date.value == "2026-12"


def test_a_clause_after_but_neither_places_nor_dates_the_other() -> None:
    text = (
        "Pakistan and Afghanistan agreed to extend a truce last month after deadly border "
        "clashes, but talks in Istanbul ended without a deal."
    )
    mentions = _mentions(text)
    agreed, talks = _one(mentions, "agreed"), _one(mentions, "talks")
    assert agreed.places == () and [p.name for p in talks.places] == ["Istanbul"]
    assert agreed.date is not None and agreed.date.value == "2026-05"
    assert talks.date is not None and talks.date.value != "2026-05"
    # "and" joins one story: the place is shared as before
    text = "Gunmen attacked a convoy on Monday, and soldiers killed three of them near Gao."
    attacked = _one(_mentions(text), "attacked")
    assert [p.name for p in attacked.places] == ["Gao"]


def test_the_attack_named_again_keeps_its_day_and_dates_what_came_before_it() -> None:
    text = (
        "Jihadist fighters attacked an army base near Djibo on Sunday, killing 30 soldiers, "
        "security sources said. JNIM has attacked convoys on the road since early May. "
        "The attack came a week after gunmen killed 12 civilians in a village. "
        "The army has not commented on an attack on a convoy."
    )
    mentions = _mentions(text)
    recalled = next(m for m in mentions if m.trigger == "attack" and "came" in m.evidence.text)
    assert recalled.date is not None and recalled.date.value == "2026-05-31"
    killed = next(m for m in mentions if m.trigger == "killed" and "12" in m.evidence.text)
    assert killed.date is not None and killed.date.value == "2026-W21"
    # "an attack on a convoy" may be another: it keeps the days up to the report
    other = next(m for m in mentions if m.trigger == "attack" and "convoy" in m.evidence.text)
    assert other.date is not None and other.date.value == "2026-06-02"


def test_the_attack_claimed_in_a_statement_keeps_its_day() -> None:
    text = (
        "A suicide bomber blew himself up at a ministry in central Kabul on Sunday, killing three "
        "people, the interior ministry said. Islamic State claimed responsibility for the attack "
        "in a statement on Telegram on Monday."
    )
    claimed = next(m for m in _mentions(text) if m.trigger == "attack")
    # Sunday's bombing, not the Monday of the claim nor the days up to the report
    assert claimed.date is not None and claimed.date.value == "2026-05-31"


def test_the_attack_on_the_same_town_keeps_its_day_and_one_on_another_does_not() -> None:
    text = (
        "Gang members set fire to dozens of homes in the town of Arcahaie on Sunday and killed "
        "five people, a rights group said. The attack on Arcahaie forced 3,000 people to flee. "
        "The attack on Mirebalais killed two."
    )
    same, other = [m for m in _mentions(text) if m.trigger == "attack"]
    assert same.date is not None and same.date.value == "2026-05-31"
    assert other.date is not None and other.date.value == "2026-06-02"  # the days up to the report


def test_a_noun_measured_against_another_event_is_the_storys_first() -> None:
    text = (
        "Israeli forces detained three men in Quneitra province at dawn on Sunday, state media "
        "said. The incursion came a day after a drone strike on a car killed two people."
    )
    mentions = _mentions(text)
    incursion = _one(mentions, "incursion")
    assert incursion.date is not None and incursion.date.value == "2026-05-31TMO"  # at dawn
    strike = _one(mentions, "drone strike")
    assert strike.date is not None and strike.date.value == "2026-05-30"  # a day before Sunday

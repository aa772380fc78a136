"""Casualty figures read from parsed sentences (spaCy loaded once per module)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.casualties import (
    aggregate_counts,
    count_article_casualties,
    cue_sentences,
    extract_casualties,
    find_casualties,
)
from conflictwatch.model import Casualty, CasualtyKind, Population

SIDES = {"azerbaijani": "AZE", "armenian": "ARM", "armenia": "ARM", "azerbaijan": "AZE"}


def side_of(text: str) -> str | None:
    return SIDES.get(text.lower())


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def read(nlp: Language) -> Callable[[str], list[Casualty]]:
    def run(sentence: str) -> list[Casualty]:
        return extract_casualties(nlp(sentence), offset=0, side_of=side_of)

    return run


def _summary(casualty: Casualty) -> tuple[str, int | None, int | None]:
    return (casualty.kind.value, casualty.min, casualty.max)


def test_passive_killed_with_bound_population_and_side(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read("At least 54 Azerbaijani soldiers were killed on Sunday.")
    assert _summary(found) == ("killed", 54, None)
    assert found.population is Population.MILITARY
    assert found.side == "AZE"
    assert not found.cumulative and not found.hedged
    assert found.text == "At least 54 Azerbaijani soldiers were killed"


def test_active_verbs_and_coordination(read: Callable[[str], list[Casualty]]) -> None:
    found = read("The shelling killed 12 people and wounded 30.")
    assert [_summary(c) for c in found] == [("killed", 12, 12), ("wounded", 30, 30)]
    assert found[0].population is Population.UNKNOWN


def test_a_count_the_parser_gave_to_the_reporting_verb(
    read: Callable[[str], list[Casualty]],
) -> None:
    found = read(
        "The attack killed four people, including a boy, and injured at least 18 others, "
        "regional Governor Oleh Syniehubov said Sunday."
    )
    assert [_summary(c) for c in found] == [("killed", 4, 4), ("wounded", 18, None)]


def test_toll_is_cumulative_and_increment_is_not(read: Callable[[str], list[Casualty]]) -> None:
    found = read(
        "Karabakh officials reported 54 more military dead, bringing the death toll to 158."
    )
    by_value = {c.min: c for c in found}
    assert set(by_value) == {54, 158}
    assert by_value[158].cumulative and by_value[158].kind is CasualtyKind.KILLED
    assert not by_value[54].cumulative
    assert by_value[54].population is Population.MILITARY


def test_a_clause_bringing_a_toll_up_makes_only_its_own_figure_a_total(
    read: Callable[[str], list[Casualty]],
) -> None:
    found = read("Israeli strikes killed 45 people on Sunday, bringing the death toll to 40,005.")
    assert [(c.min, c.cumulative) for c in found] == [(45, False), (40005, True)]
    # the clause's own cue ("since") does not reach the figure before it either
    found = read(
        "At least 15 civilians were killed in crossfire, bringing the total number of civilian "
        "deaths recorded in the territory since 1 January to 312."
    )
    assert [(c.min, c.cumulative) for c in found] == [(15, False), (312, True)]
    # a cue outside the clause still makes every figure a total
    found = read("The attacks have killed 300 people so far, bringing the toll to 300.")
    assert found and all(c.cumulative for c in found)


def test_a_toll_given_in_victim_words_is_read_once(read: Callable[[str], list[Casualty]]) -> None:
    found = read("The provincial government put the toll at 14 dead and 22 injured.")
    assert sorted((c.kind.value, c.min) for c in found) == [("killed", 14), ("wounded", 22)]


def test_a_bare_number_a_toll_stands_at_is_a_count_not_a_date(
    read: Callable[[str], list[Casualty]],
) -> None:
    (injured,) = read("The number of injured now stands at 24, he said.")
    assert (injured.kind, injured.min, injured.cumulative) == (CasualtyKind.WOUNDED, 24, True)
    # a year is not read as a count
    assert read("The toll rose to 2024 by March.") == []


def test_the_number_of_people_killed_is_a_toll_given_after_its_dates(
    read: Callable[[str], list[Casualty]],
) -> None:
    text = "This brings the number of aid workers killed in South Sudan since 1 January to six."
    (toll,) = read(text)
    assert (toll.kind, toll.min, toll.cumulative) == (CasualtyKind.KILLED, 6, True)
    assert toll.population is Population.CIVILIAN
    text = "It brings the total number of civilian deaths recorded since 1 January to 312."
    assert [(c.kind, c.min) for c in read(text)] == [(CasualtyKind.KILLED, 312)]
    text = "The number of people killed when gunmen opened fire on a bar has risen to 17."
    assert [(c.kind, c.min) for c in read(text)] == [(CasualtyKind.KILLED, 17)]
    # a day of the month after "to" is a date's, not a toll's
    assert [c.min for c in read("Fighting since 1 January to 5 March killed 40.")] == [40]


def test_a_member_of_an_armed_group_is_a_combatant(read: Callable[[str], list[Casualty]]) -> None:
    (members,) = read("The army said 9 militia members were killed in the clashes.")
    assert members.min == 9 and members.population is Population.MILITARY


def test_an_estimate_over_a_whole_conflict_is_a_running_total(
    read: Callable[[str], list[Casualty]],
) -> None:
    (whole,) = read("Moscow has estimated as many as 3,000 deaths on all sides.")
    assert _summary(whole) == ("killed", None, 3000)
    assert whole.cumulative and whole.hedged
    (war,) = read("Observers estimate 800 deaths in the war.")
    assert _summary(war) == ("killed", 800, 800) and war.cumulative
    # An estimate of one dated clash, or a figure not estimated, stays an increment.
    dated = read("Officials estimated 20 deaths in Friday's clash between both sides.")
    assert [(_summary(c), c.cumulative) for c in dated] == [(("killed", 20, 20), False)]
    (plain,) = read("Seven soldiers were killed on both sides.")
    assert _summary(plain) == ("killed", 7, 7) and not plain.cumulative


def test_toll_rose_to(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("The death toll rose to 158.")
    assert _summary(found) == ("killed", 158, 158) and found.cumulative


def test_captured_and_wounded(read: Callable[[str], list[Casualty]]) -> None:
    (captured,) = read("12 servicemen were taken prisoner.")
    assert _summary(captured) == ("captured", 12, 12)
    assert captured.population is Population.MILITARY
    (wounded,) = read("Four were wounded.")
    assert _summary(wounded) == ("wounded", 4, 4)


def test_hedged_figure(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read(
        "15 Armenian soldiers may have been killed, according to preliminary estimates."
    )
    assert _summary(found) == ("killed", 15, 15)
    assert found.hedged and found.side == "ARM"


def test_upper_bound_estimate(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("Russia estimates up to 5,000 deaths on both sides since 27 September.")
    assert _summary(found) == ("killed", None, 5000)
    assert found.cumulative and found.hedged


def test_more_than_a_dozen_injured_after_killed(read: Callable[[str], list[Casualty]]) -> None:
    found = read("Two Karabakh soldiers were killed and more than a dozen injured.")
    assert [_summary(c) for c in found] == [("killed", 2, 2), ("wounded", 13, None)]


def test_intransitive_and_one_of(read: Callable[[str], list[Casualty]]) -> None:
    found = read("Two people died and three others were injured.")
    assert [_summary(c) for c in found] == [("killed", 2, 2), ("wounded", 3, 3)]
    (one,) = read("One of the victims died at the hospital.")
    assert _summary(one) == ("killed", 1, 1)


def test_civilians_and_no_military_casualties(read: Callable[[str], list[Casualty]]) -> None:
    found = read(
        "Azerbaijan reported 19 civilians killed by Armenian fire and no military casualties."
    )
    assert _summary(found[0]) == ("killed", 19, 19)
    assert found[0].population is Population.CIVILIAN
    assert {_summary(c) for c in found[1:]} == {("killed", 0, 0), ("wounded", 0, 0)}


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the worst fighting since 2016.",
        "Armenia lost two military posts and three tanks.",
        "The army shot down 12 drones over three days.",
        "2015 2016 2017 44 55 66 killed 77 88",
        "The rebels threatened to kill 20 hostages.",
        "No soldiers were not killed in 122mm shelling on 12 July.",
        "",
        "Die Soldaten wurden getötet, sagte der Minister.",
    ],
)
def test_no_invented_casualties(read: Callable[[str], list[Casualty]], sentence: str) -> None:
    assert [c for c in read(sentence) if c.min not in (0, None)] == []


def test_document_offsets(nlp: Language) -> None:
    text = "Fighting resumed. Four civilians were wounded in the village."
    offset = text.index("Four")
    (found,) = extract_casualties(nlp(text[offset:]), offset=offset)
    assert text[found.start : found.end] == found.text == "Four civilians were wounded"


def test_weak_shot_trigger_only_when_asked(nlp: Language) -> None:
    doc = nlp("Two men were shot, one fatally.")
    assert [_summary(c) for c in extract_casualties(doc, offset=0)] == [("killed", 1, 1)]
    with_weak = extract_casualties(doc, offset=0, include_weak=True)
    assert ("wounded", 2, 2) in [_summary(c) for c in with_weak]


def test_shot_and_killed_headline(nlp: Language) -> None:
    findings = find_casualties(nlp("Man shot, killed on the west side"), offset=0)
    assert [(_summary(f.casualty), f.weak) for f in findings] == [(("killed", 1, 1), False)]


def test_side_resolver_errors_do_not_escape(nlp: Language) -> None:
    def broken(_text: str) -> str | None:
        raise RuntimeError("resolver down")

    doc = nlp("Three Azerbaijani soldiers were killed.")
    (found,) = extract_casualties(doc, offset=0, side_of=broken)
    assert found.side is None and found.min == 3


def test_cue_sentences_skip_text_without_cues() -> None:
    text = "Talks resumed in Vienna. Two soldiers were killed overnight.\n\nMarkets rose."
    assert cue_sentences(text) == [(25, "Two soldiers were killed overnight.")]


def test_article_counts_prefer_toll_over_increment(nlp: Language) -> None:
    text = (
        "Officials reported 54 more soldiers killed on Friday. "
        "That brings the death toll to 158. Another 12 people were wounded."
    )
    counts = count_article_casualties(text, nlp)
    assert (counts.killed, counts.injured) == (158, 12)


def test_article_counts_take_the_lead_figure_and_subtract_fatal_shootings(nlp: Language) -> None:
    text = (
        "Two men were shot on Main Street late Friday, police said. "
        "One of the victims died at the hospital. "
        "At least 300 people have been killed in the city this year."
    )
    counts = count_article_casualties(text, nlp)
    assert (counts.killed, counts.injured) == (1, 1)


def test_bad_input_yields_nothing(nlp: Language) -> None:
    table = "\n".join(" ".join(str(i * j) for j in range(12)) for i in range(40))
    assert count_article_casualties(table, nlp).findings == ()
    assert aggregate_counts([]) == (0, 0)
    assert count_article_casualties("", nlp).killed == 0
    names = "Killed: " + ", ".join(f"Name{i} Surname{i}" for i in range(300))
    assert count_article_casualties(names, nlp).killed <= 1
    huge = "Soldiers were killed. " * 5000
    assert count_article_casualties(huge, nlp).killed == 0


def test_left_dead_with_two_sides(read: Callable[[str], list[Casualty]]) -> None:
    found = read(
        "The hostilities, which left at least 12 Azerbaijani and 4 Armenian soldiers dead, "
        "largely ground to a halt."
    )
    assert [(_summary(c), c.side, c.population) for c in found] == [
        (("killed", 12, None), "AZE", Population.MILITARY),
        (("killed", 4, 4), "ARM", Population.MILITARY),
    ]


def test_toll_figure_with_noun(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("This brings the death toll in the region to 158 soldiers.")
    assert _summary(found) == ("killed", 158, 158)
    assert found.cumulative and found.population is Population.MILITARY


def test_casualties_read_with_care(read: Callable[[str], list[Casualty]]) -> None:
    (counted,) = read("Officials reported another 54 military casualties on Friday.")
    assert _summary(counted) == ("killed", 54, 54) and not counted.cumulative
    assert (
        read("Both parties to the conflict have reported casualties, among them civilians.") == []
    )
    mixed = read("The army reported 40 casualties, 10 of them dead.")
    assert [_summary(c) for c in mixed] == [("killed", 10, 10)]


@pytest.mark.parametrize(
    ("sentence", "bounds"),
    [
        ("Troops neutralized nine jihadists during a sweep of the forest.", (9, 9)),
        (
            "Security forces said they had neutralised at least 20 terrorists near the border.",
            (20, None),
        ),
        ("Four bandits were neutralized by the gendarmerie on Friday.", (4, 4)),
        ("The special forces eliminated three insurgent commanders in the raid.", (3, 3)),
        ("Six militants were liquidated in the operation, the ministry said.", (6, 6)),
    ],
)
def test_security_force_euphemisms_are_killings(
    read: Callable[[str], list[Casualty]], sentence: str, bounds: tuple[int, int | None]
) -> None:
    (found,) = read(sentence)
    assert (found.kind, found.min, found.max) == (CasualtyKind.KILLED, *bounds)
    assert found.population is Population.MILITARY


@pytest.mark.parametrize(
    "sentence",
    [
        "Engineers neutralized two roadside bombs on the highway.",
        "The team was eliminated from the tournament in the second round.",
        "The drone threat was neutralised within minutes.",
        "The company liquidated three subsidiaries last year.",
    ],
)
def test_euphemism_verbs_without_people_are_no_casualties(
    read: Callable[[str], list[Casualty]], sentence: str
) -> None:
    assert read(sentence) == []


def test_more_than_is_a_bound_not_an_increment(nlp: Language) -> None:
    findings = find_casualties(
        nlp("More than 300 people have been killed so far, officials said."), offset=0
    )
    (found,) = findings
    assert (found.casualty.min, found.incremental, found.casualty.cumulative) == (301, False, True)
    (more,) = find_casualties(nlp("Officials said 12 more soldiers died overnight."), offset=0)
    assert more.incremental and not more.casualty.cumulative


def test_since_makes_a_total_only_when_it_dates_the_killing(
    read: Callable[[str], list[Casualty]],
) -> None:
    (ranked,) = read(
        "Shelling killed nine civilians on Monday, the bloodiest day since the truce took hold in May."
    )
    assert ranked.min == 9 and not ranked.cumulative
    (total,) = read("Some 70 civilians have died since the siege began.")
    assert total.min == 70 and total.cumulative


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        ("The insurgency has killed more than 6,000 people.", True),
        ("Hundreds of civilians have been killed in the fighting, aid groups said.", True),
        ("The violence killed 14 villagers on Sunday.", False),
        ("Gunmen have killed three farmers in the district.", False),
    ],
)
def test_a_conflict_that_has_killed_gives_a_running_total(
    read: Callable[[str], list[Casualty]], sentence: str, cumulative: bool
) -> None:
    (found,) = read(sentence)
    assert found.kind is CasualtyKind.KILLED and found.cumulative is cumulative


def test_counted_people_give_population_and_side(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("The raid killed dozens of Armenian soldiers.")
    assert (found.min, found.population, found.side) == (24, Population.MILITARY, "ARM")
    (found,) = read("Hundreds of civilians died in the siege.")
    assert found.population is Population.CIVILIAN


def test_missing_read_as_a_progressive_verb(read: Callable[[str], list[Casualty]]) -> None:
    found = read("Officials said 12 sailors were dead and about 20 others were missing.")
    assert [(c.kind, c.min) for c in found] == [
        (CasualtyKind.KILLED, 12),
        (CasualtyKind.MISSING, 20),
    ]


def test_a_number_hung_on_a_linking_verb_is_its_subject(
    read: Callable[[str], list[Casualty]],
) -> None:
    found = read("Five other people were wounded and at least eight remain missing, police said.")
    assert [(c.kind, c.min) for c in found] == [
        (CasualtyKind.WOUNDED, 5),
        (CasualtyKind.MISSING, 8),
    ]


def test_a_bare_plural_joined_to_a_count_shares_it(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read(
        "A drone strike hit the hospital on Saturday, killing at least 30 patients and "
        "relatives, the health ministry said."
    )
    assert (found.kind, found.min, found.max) == (CasualtyKind.KILLED, 30, None)
    found = read("Gunmen killed two soldiers and several civilians.")
    assert [(c.min, c.population) for c in found] == [
        (2, Population.MILITARY),
        (3, Population.CIVILIAN),
    ]


def test_people_among_the_injured_may_be_an_attribute(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read("Among the injured were two teenagers, aged 14 and 16.")
    assert (found.kind, found.min, found.population) == (
        CasualtyKind.WOUNDED,
        2,
        Population.CIVILIAN,
    )
    (found,) = read("The abbot was seriously wounded, residents said.")
    assert (found.kind, found.min) == (CasualtyKind.WOUNDED, 1)


def test_a_number_of_people_described_before_the_noun_is_a_toll(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read("The police spokesman put the number of abducted persons at 31.")
    assert (found.kind, found.min, found.cumulative) == (CasualtyKind.CAPTURED, 31, True)


def test_a_place_that_holds_people_or_a_thing_held_hostage_is_no_capture(
    read: Callable[[str], list[Casualty]],
) -> None:
    assert read("The prison, which holds several thousand detainees, was attacked.") == []
    assert read("Gangs are holding the capital's airport and prisons hostage.") == []
    (found,) = read("Militants held the villagers hostage for hours.")
    assert (found.kind, found.population) == (CasualtyKind.CAPTURED, Population.CIVILIAN)
    (found,) = read("Hamas is holding 50 hostages in Gaza.")
    assert (found.kind, found.min) == (CasualtyKind.CAPTURED, 50)


def test_a_headlines_bare_number_the_tagger_calls_a_date_is_a_count(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read("Bandits abduct 47 in Zamfara villages, demand N80m ransom")
    assert (found.kind, found.min) == (CasualtyKind.CAPTURED, 47)


def test_a_labelled_figure_of_a_situation_report(
    read: Callable[[str], list[Casualty]],
) -> None:
    (found,) = read("- People killed: at least 38 (partners; unverified)")
    assert (found.kind, found.min, found.max) == (CasualtyKind.KILLED, 38, None)
    (found,) = read("Injured: 52")
    assert (found.kind, found.min, found.max) == (CasualtyKind.WOUNDED, 52, 52)


def test_deaths_a_disease_brings_about_are_no_casualties(
    read: Callable[[str], list[Casualty]],
) -> None:
    assert read("More than 1,500 deaths from cholera were recorded.") == []
    assert read("The outbreak has caused 1,500 deaths.") == []
    (found,) = read("The outbreak of violence caused 20 deaths.")
    assert (found.kind, found.min) == (CasualtyKind.KILLED, 20)


def test_kin_and_minors_among_the_dead_are_counted(
    read: Callable[[str], list[Casualty]],
) -> None:
    found = read("His older brother and two nephews were among the dead.")
    assert [(c.kind, c.min, c.population) for c in found] == [
        (CasualtyKind.KILLED, 1, Population.CIVILIAN),
        (CasualtyKind.KILLED, 2, Population.CIVILIAN),
    ]
    found = read("Among the dead were three minors and a woman.")
    assert [c.min for c in found] == [3, 1]


def test_a_perfect_infinitive_reports_a_hedged_death(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("As many as 60 miners are believed to have died in the collapse.")
    assert (found.kind, found.max, found.hedged) == (CasualtyKind.KILLED, 60, True)
    assert read("The gunmen were trying to kill the mayor.") == []


def test_fates_joined_by_or_bound_each_kind(read: Callable[[str], list[Casualty]]) -> None:
    found = read("About 80 troops were killed or injured in the assault.")
    assert [(c.kind, c.min, c.max) for c in found] == [
        (CasualtyKind.KILLED, None, 80),
        (CasualtyKind.WOUNDED, None, 80),
    ]


def test_a_number_of_dead_is_a_toll(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("Medics put the number of injured at 64.")
    assert (found.kind, found.min, found.cumulative) == (CasualtyKind.WOUNDED, 64, True)
    assert read("A number of roads were closed.") == []


def test_an_absolute_clause_names_its_own_victims(read: Callable[[str], list[Casualty]]) -> None:
    found = read("Nine villagers died, with several more still missing.")
    assert [(c.kind, c.min) for c in found] == [
        (CasualtyKind.KILLED, 9),
        (CasualtyKind.MISSING, 3),
    ]


def test_people_named_by_role_are_victims(read: Callable[[str], list[Casualty]]) -> None:
    (found,) = read("Troops eliminated the rebel leader near the border.")
    assert (found.kind, found.min) == (CasualtyKind.KILLED, 1)
    (found,) = read("Two protesters were killed by police on Friday.")
    assert (found.min, found.population) == (2, Population.CIVILIAN)


def test_a_toll_over_recent_months_is_a_running_total(
    read: Callable[[str], list[Casualty]],
) -> None:
    (recent,) = read("Gangs have killed 40 people in the past two months.")
    (week,) = read("Insurgents have killed 12 soldiers in the past week.")
    assert (recent.min, recent.cumulative) == (40, True)
    assert (week.min, week.cumulative) == (12, False)


def test_dozens_of_wounded_are_counted(read: Callable[[str], list[Casualty]]) -> None:
    found = read("The hospital said it had received dozens of wounded, many of them children.")
    assert [(c.kind, c.min, c.max) for c in found] == [(CasualtyKind.WOUNDED, 24, None)]


def test_some_of_the_wounded_are_no_new_count(read: Callable[[str], list[Casualty]]) -> None:
    found = read("Two of the wounded later died in hospital.")
    assert (CasualtyKind.WOUNDED, 2, 2) not in [(c.kind, c.min, c.max) for c in found]


def test_bodies_counted_or_buried_are_people_killed(read: Callable[[str], list[Casualty]]) -> None:
    (counted,) = read("A resident said he counted at least 30 bodies in the streets.")
    (buried,) = read("Volunteers buried 45 bodies in a mass grave.")
    assert _summary(counted) == ("killed", 30, None) and _summary(buried) == ("killed", 45, 45)
    assert read("The governing body counted the votes.") == []


def test_a_town_seized_is_no_captive_when_the_sentence_places_it(nlp: Language) -> None:
    text = "The rebels seized Goma in late January and abducted Alain Mukuna."
    goma = (text.index("Goma"), text.index("Goma") + len("Goma"))
    found = extract_casualties(nlp(text), offset=0, places=[goma])
    assert [(c.kind, c.text) for c in found] == [(CasualtyKind.CAPTURED, "abducted Alain Mukuna")]


def test_gendarmes_paramilitaries_and_commandos_are_forces(
    read: Callable[[str], list[Casualty]],
) -> None:
    found = read(
        "Gunmen attacked a checkpoint, killing two gendarmes and wounding three others. "
        "Jihadists killed 12 paramilitaries and three commandos."
    )
    killed = [(c.min, c.population) for c in found if c.kind is CasualtyKind.KILLED]
    assert killed == [
        (2, Population.MILITARY),
        (12, Population.MILITARY),
        (3, Population.MILITARY),
    ]

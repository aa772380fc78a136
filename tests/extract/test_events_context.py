"""Context that is not news of the article's own time: conflicts named as a whole, habitual and generic
statements, the earlier events of a series; and what stays news."""

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


def by_trigger(events: list[EventTrigger], word: str) -> EventTrigger:
    matching = [e for e in events if e.trigger == word]
    assert len(matching) == 1, [(e.type, e.trigger) for e in events]
    return matching[0]


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The Syria war has fueled rumors of a grain shortage.", "war"),
        ("Officials have linked the clashes to Ethiopia's invasion of Somalia.", "invasion"),
        ("The Darfur war dominated the summit.", "war"),
    ],
)
def test_a_conflict_named_as_a_whole_is_context(nlp: Language, sentence: str, trigger: str) -> None:
    event = by_trigger(events_of(nlp, sentence), trigger)
    assert event.background and event.context
    assert event.background_cue == f"named conflict: {trigger}"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The war in Sudan has killed 150 people this week.", "war"),
        ("Russia's invasion began on Thursday.", "invasion"),
        ("Rebels declared war on the government.", "war"),
    ],
)
def test_a_named_conflict_that_happens_or_kills_stays_news(
    nlp: Language, sentence: str, trigger: str
) -> None:
    event = by_trigger(events_of(nlp, sentence), trigger)
    assert not event.background and not event.context


def test_a_named_conflict_stays_apart_from_the_sentences_news(nlp: Language) -> None:
    sentence = "Officials have linked the clashes to Ethiopia's invasion of Somalia."
    events = events_of(nlp, sentence)
    clashes = by_trigger(events, "clashes")
    invasion = by_trigger(events, "invasion")
    assert not clashes.background and clashes.type == invasion.type == "FIGHT"
    assert clashes.target is None  # the invasion acts on no one in this sentence
    assert invasion.scope is not None
    assert sentence[invasion.scope[0] : invasion.scope[1]] == "Ethiopia's invasion of Somalia"


@pytest.mark.parametrize(
    ("sentence", "trigger", "cue"),
    [
        ("Fighting periodically breaks out along the frontier.", "Fighting", "habitual: periodically"),
        ("Rebels frequently attack convoys on the highway.", "attack", "habitual: frequently"),
        ("Ceasefire violations decreased sharply after the deal.", "Ceasefire violations", "trend: decreased"),
        ("Ceasefire violations are common in the province.", "Ceasefire violations", "trend: common"),
        ("Small groups continue to raid villages in the region.", "raid", "habitual: continue"),
        ("Gangs keep attacking buses on the highway.", "attacking", "habitual: keep"),
        ("Raids and revenge attacks kill hundreds each year.", "attacks", "habitual: each year"),
        ("Russian forces shell the city every night.", "shell", "habitual: every night"),
        ("The government has said it targets Fano fighters.", "targets", "stated policy: targets"),
        ("The army says it only targets militants.", "targets", "stated policy: targets"),
    ],
)  # fmt: skip
def test_habitual_and_generic_statements_are_context(
    nlp: Language, sentence: str, trigger: str, cue: str
) -> None:
    event = by_trigger(events_of(nlp, sentence), trigger)
    assert event.background and event.background_cue == cue


def test_going_on_at_a_stated_time_stays_news(nlp: Language) -> None:
    sentence = "Russian forces continued to shell Kharkiv on Monday."
    assert not by_trigger(events_of(nlp, sentence), "shell").background


def test_a_dated_rise_stays_news(nlp: Language) -> None:
    event = by_trigger(events_of(nlp, "Attacks increased on Monday in the north."), "Attacks")
    assert not event.background


def test_the_latest_in_a_series_counts_earlier_events(nlp: Language) -> None:
    sentence = "The clash is the latest in a series of shootouts along the border."
    events = events_of(nlp, sentence)
    shootouts = by_trigger(events, "shootouts")
    clash = by_trigger(events, "clash")
    assert shootouts.background and shootouts.background_cue == "series: latest in a series"
    assert not clash.background


def test_killed_in_a_wave_of_attacks_is_news(nlp: Language) -> None:
    events = events_of(nlp, "Ten people were killed in a wave of attacks on Monday.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and not assaults[0].background


def test_a_compound_shares_its_nouns_time(nlp: Language) -> None:
    events = events_of(nlp, "Talks have stalled since the 1994 ceasefire agreement.")
    agree = [e for e in events if e.type == "AGREE"]
    assert len(agree) == 1 and agree[0].background


def test_a_headlines_present_under_says_stays_news(nlp: Language) -> None:
    sentence = "Israel says it strikes Hezbollah sites in southern Lebanon"
    assert not by_trigger(events_of(nlp, sentence), "strikes").background

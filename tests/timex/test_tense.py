"""Tense judged per sentence: cue words by default, spaCy tags when a Doc is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from spacy.language import Language

from conflictwatch.timex import find_timexes
from conflictwatch.timex.tense import FUTURE, PAST, sentence_bounds, sentence_cues, tense_near

MONDAY = dt.date(2020, 7, 20)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from conflictwatch.analyze.nlp import load_pipeline

    try:
        yield load_pipeline()
    except OSError:
        pytest.skip("the spaCy pipeline is not installed")


def _tense(text: str, word: str) -> str:
    start = text.index(word)
    (sentence,) = [b for b in sentence_bounds(text) if b[0] <= start < b[1]]
    return tense_near(sentence_cues(text, sentence), (start, start + len(word)))


def test_sentences_split_at_end_punctuation() -> None:
    text = "He said so. ``They will go.'' Then\n\nA new paragraph"
    starts = [text[a:b].split()[0] for a, b in sentence_bounds(text)]
    assert starts == ["He", "``They", "Then", "A"]


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("Clashes erupted on Tuesday.", PAST),
        ("The ministers will meet on Tuesday.", FUTURE),
        ("The summit is to be held on Tuesday.", FUTURE),
        ("Armenia plans to hold talks on Tuesday.", FUTURE),
        ("Armenia sought help on Tuesday.", PAST),  # no cue: news narrates the past
        ("He said on Tuesday that he will resign.", PAST),  # "said" is nearer than "will"
        # an irregular past form is a past cue
        ("Rebels fought on Tuesday for control of the town.", PAST),
        ("On Tuesday, as the convoy left the base under fire, more were wounded.", PAST),
        # "next to" is a place, not the next day; a capitalised "-ed" word is a name, no verb
        ("A bomb exploded next to the embassy on Tuesday.", PAST),
        ("The United Nations expects talks on Tuesday to be held soon.", FUTURE),
        # a participle after "be" is no past: "will be named", "when the case is heard"
        ("She will be named commander for the mission on Tuesday.", FUTURE),
        ("He warned that the rebels would attack the town on Tuesday.", FUTURE),
        ("A carefully planned raid began on Tuesday.", PAST),  # "planned" as an adjective
    ],
)
def test_cue_words(text: str, tense: str) -> None:
    assert _tense(text, "Tuesday") == tense


def test_next_inside_the_expression_counts() -> None:
    assert _tense("Talks resume next week.", "next week") == FUTURE


def test_weekday_follows_the_tense_of_its_sentence() -> None:
    text = "Fighting broke out on Monday. The sides will meet on Thursday."
    values = [t.value for t in find_timexes(text, anchor=dt.date(2020, 7, 22))]
    assert values == ["2020-07-20", "2020-07-23"]


def test_tags_from_a_doc(nlp: Language) -> None:
    text = "The ministers met on Tuesday. They will meet again on Friday."
    doc = nlp(text)
    found = find_timexes(text, anchor=MONDAY, doc=doc)
    assert [t.value for t in found] == ["2020-07-14", "2020-07-24"]


def test_a_doc_of_another_text_is_ignored(nlp: Language) -> None:
    doc = nlp("Something else entirely, will will will.")
    found = find_timexes("Clashes erupted on Tuesday.", anchor=MONDAY, doc=doc)
    assert [t.value for t in found] == ["2020-07-14"]


def test_governing_verb_decides_with_a_doc(nlp: Language) -> None:
    from conflictwatch.timex.tense import governing_tense

    text = "Officials, who said nothing on Friday, will meet on Monday."
    doc = nlp(text)
    monday = text.index("Monday")
    friday = text.index("Friday")
    assert governing_tense(doc, (monday, monday + 6)) == FUTURE
    assert governing_tense(doc, (friday, friday + 6)) == PAST
    values = {t.text: t.value for t in find_timexes(text, anchor=MONDAY, doc=doc)}
    assert values == {"Friday": "2020-07-17", "Monday": "2020-07-27"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She will be named commander for a mission in December.", "1998-12"),
        ("In January, the company brought in a new chief executive.", "1998-01"),
    ],
)
def test_a_bare_month_takes_the_side_its_verb_shows(text: str, value: str) -> None:
    (found,) = find_timexes(text, anchor=dt.date(1998, 3, 4))
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A verb narrating in the past: the day behind the report, even four months behind.
        ("Fighting raged on July 12 near the town.", "2019-07-12"),
        ("Troops were deployed on June 2.", "2019-06-02"),
        ("The army said it had retaken the town on July 12.", "2019-07-12"),
        # A day just ahead of a past verb stays ahead (a report dated a little early).
        ("Two soldiers were killed on March 9.", "2020-03-09"),
        # Scheduling verbs, targets and a past reached through another verb keep the near day.
        ("Elections were scheduled for June 2.", "2020-06-02"),
        ("The vote was postponed until June 2.", "2020-06-02"),
        ("The rebels agreed to meet on June 2.", "2020-06-02"),
        ("The talks will resume on July 12.", "2020-07-12"),
    ],
)
def test_a_day_dating_a_narrated_past_act_is_behind_the_report(
    nlp: Language, text: str, value: str
) -> None:
    (found,) = find_timexes(text, anchor=dt.date(2020, 3, 5), doc=nlp(text))
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a present tense dated directly is a schedule
        ("A truce that expires on Sunday holds.", "2020-07-26"),
        ("Talks resume in Doha on Friday.", "2020-07-24"),
        # a verb whose past is its present form, and a date reached through a noun, are not
        ("Weakness in big stocks hurt the index on Friday.", "2020-07-17"),
        ("The move follows Friday's declaration by the army.", "2020-07-17"),
        # a noun the tagger reads as a present verb ("strikes" as the subject) is no schedule
        ("Drone strikes on the airport on Sunday caused no casualties.", "2020-07-19"),
        # an infinitive points past the verb it hangs on
        ("The team planned to leave Nairobi on Thursday.", "2020-07-23"),
        # a bare participle after its noun reports a done act, whatever modal follows
        ("They would appeal the decision, announced Friday by the court.", "2020-07-17"),
        # "next to" is no future
        ("Three were wounded in the blasts next to the embassy on Friday.", "2020-07-17"),
    ],
)
def test_the_verb_a_day_hangs_on_sets_its_side(nlp: Language, text: str, value: str) -> None:
    (found,) = find_timexes(text, anchor=MONDAY, doc=nlp(text))
    assert found.value == value


def test_a_term_of_an_adjective_is_no_narrated_past(nlp: Language) -> None:
    text = "Directors declared a dividend, payable Dec. 7 to holders of record."
    (found,) = find_timexes(text, anchor=dt.date(1989, 10, 27), doc=nlp(text))
    assert found.value == "1989-12-07"


def test_parses_of_parts_of_a_text_give_their_tense(nlp: Language) -> None:
    first = "Officials met on Tuesday."
    second = "A truce that expires on Sunday holds."
    text = f"{first} Nothing else. {second}"
    offset = text.index(second)
    found = find_timexes(text, anchor=MONDAY, parses=[(offset, nlp(second))])
    assert [t.value for t in found] == ["2020-07-14", "2020-07-26"]
    # without the parse the present tense shows nothing, and the news default (past) holds
    assert find_timexes(text, anchor=MONDAY)[1].value == "2020-07-19"
    # a parse whose text is not the text's own at its offset is ignored
    wrong = find_timexes(text, anchor=MONDAY, parses=[(offset + 1, nlp(second))])
    assert wrong[1].value == "2020-07-19"

import pytest

from conflictwatch.analyze import load_pipeline
from conflictwatch.extract.attribution import attribute


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "trigger", "claimant", "verb", "denied"),
    [
        (
            "Azerbaijan shelled the village of Sotk, Armenia's Defense Ministry said.",
            "shelled",
            "Armenia's Defense Ministry",
            "say",
            False,
        ),
        (
            "Armenian Prime Minister Nikol Pashinyan said at least 49 soldiers were killed.",
            "killed",
            "Armenian Prime Minister Nikol Pashinyan",
            "say",
            False,
        ),
        (
            "According to the Azerbaijani Defense Ministry, Armenian forces attacked positions near Lachin.",
            "attacked",
            "the Azerbaijani Defense Ministry",
            "according to",
            False,
        ),
        ("Turkey denied sending fighters from Syria.", "sending", "Turkey", "deny", True),
        (  # the trigger is the subject of the clause the speaker's verb hangs from
            "An Israeli air strike on a car in south Lebanon killed two people on Thursday, "
            "Lebanon's health ministry said, the latest in a series of strikes.",
            "air strike",
            "Lebanon's health ministry",
            "say",
            False,
        ),
        (
            "Drones hit an oil refinery in the region, the regional governor Roman Busargin said.",
            "hit",
            "Roman Busargin",
            "say",
            False,
        ),
        (
            "A drone attack killed four people and injured at least 18 others, regional Governor "
            "Oleh Syniehubov said Sunday.",
            "killed",
            "regional Governor Oleh Syniehubov",
            "say",
            False,
        ),
        (
            "Karabakh officials reported 54 more military deaths, bringing the toll to 158.",
            "deaths",
            "Karabakh officials",
            "report",
            False,
        ),
    ],
)
def test_attribute_finds_the_claimant(nlp, sentence, trigger, claimant, verb, denied):
    found = attribute(nlp(sentence), sentence.index(trigger))
    assert found is not None
    assert (found.text, found.verb, found.denied, found.pronoun) == (claimant, verb, denied, False)
    assert sentence[found.start : found.end] == claimant


def test_pronoun_claimant_is_flagged(nlp):
    sentence = '"We repelled the attack," he told reporters.'
    found = attribute(nlp(sentence), sentence.index("attack"))
    assert found is not None and found.pronoun and found.text == "he"


def test_unattributed_event_has_no_claimant(nlp):
    sentence = "Clashes erupted on the border on Tuesday."
    assert attribute(nlp(sentence), sentence.index("Clashes")) is None


def test_trigger_inside_the_speakers_phrase_is_not_reported_by_them(nlp):
    sentence = "The ministry said nothing."
    assert attribute(nlp(sentence), sentence.index("ministry")) is None


def test_passive_subject_is_not_the_claimant(nlp):
    sentence = "He has been charged with killing two men."
    assert attribute(nlp(sentence), sentence.index("killing")) is None


def test_relative_pronoun_speaker_is_the_noun_it_stands_for(nlp):
    sentence = "Harris, who said her daughter witnessed another killing, was glad."
    found = attribute(nlp(sentence), sentence.index("killing"))
    assert found is not None and (found.text, found.pronoun) == ("Harris", False)


def test_named_speaker_beats_a_pronoun_in_the_same_sentence(nlp):
    sentence = "Allegheny County police said they believe the man was shot inside the home."
    found = attribute(nlp(sentence), sentence.index("shot"))
    assert found is not None and (found.text, found.pronoun) == ("Allegheny County police", False)


def test_according_to_beats_a_pronoun(nlp):
    sentence = "He told her he shot into the crowd, according to the arrest report."
    found = attribute(nlp(sentence), sentence.index("shot"))
    assert found is not None and (found.text, found.verb) == ("the arrest report", "according to")


def test_a_second_act_coordinated_with_a_denial_is_not_denied(nlp):
    sentence = "The RSF denied targeting civilians and accused the army of using human shields."
    denied = attribute(nlp(sentence), sentence.index("targeting"))
    assert denied is not None and (denied.text, denied.denied) == ("The RSF", True)
    assert attribute(nlp(sentence), sentence.index("accused")) is None


def test_what_a_reply_answers_is_not_what_it_says(nlp):
    sentence = (
        "The army said its soldiers had responded to unprovoked firing by enemy troops and that "
        "there were no casualties on its side."
    )
    for word in ("firing", "casualties"):
        found = attribute(nlp(sentence), sentence.index(word))
        assert found is not None and (found.text, found.verb) == ("The army", "say")
    replied = "The ministry replied that Armenian forces had shelled the village."
    found = attribute(nlp(replied), replied.index("shelled"))
    assert found is not None and (found.text, found.verb) == ("The ministry", "reply")


@pytest.mark.parametrize(
    ("sentence", "trigger", "claimant"),
    [
        # a clause after a semicolon reports nothing before it
        ("Rebels claim drone strike on airbase; army says no losses", "strike", "Rebels"),
        (
            "Militants attacked two villages overnight; police say they have made arrests.",
            "attacked",
            None,
        ),
        # a dateline word the parser takes for a second subject is not the speaker
        (
            "KABUL/ISLAMABAD, March 3 (Reuters) - Pakistan's army said on Monday it had shelled militant hideouts.",
            "shelled",
            "Pakistan's army",
        ),
        # a reporting verb inside another speaker's words is not the source of the main clause
        (
            "The rebels accused the army of shelling the town and said they would tell the UN.",
            "accused",
            None,
        ),
        # a participle elaborates the main clause, it does not report it
        (
            "Both sides accused each other of breaking the truce, with Baku saying Armenian units fired first.",
            "accused",
            None,
        ),
        # ... but still reports its own complement
        (
            "Both sides accused each other of breaking the truce, with Baku saying Armenian units fired first.",
            "fired",
            "Baku",
        ),
    ],
)
def test_clauses_datelines_and_participles_bound_the_claimant(nlp, sentence, trigger, claimant):
    found = attribute(nlp(sentence), sentence.index(trigger))
    assert (found.text if found is not None else None) == claimant


def test_what_others_believe_of_the_subject_is_no_claim_of_its_own(nlp) -> None:
    text = (
        "The gunmen, believed to belong to the Viv Ansanm coalition, set fire to homes and freed "
        "more than 500 inmates from the local prison, the mayor told local radio."
    )
    found = attribute(nlp(text), text.index("set fire"))
    assert found is not None and found.text == "the mayor"


def test_an_act_coordinated_with_an_accusation_is_the_accusers_own(nlp) -> None:
    text = (
        "President Gustavo Petro blamed the Estado Mayor Central faction and ordered the military "
        "to intensify operations in the region."
    )
    assert attribute(nlp(text), text.index("ordered")) is None

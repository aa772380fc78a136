"""DocumentSpeakers: the people a document names, read from raw text, for "he said" and "Orr said"."""

import pytest

from conflictwatch.actors import load_actor_dictionary
from conflictwatch.extract.attribution import DocumentSpeakers


def _speakers(text: str) -> DocumentSpeakers:
    speakers = DocumentSpeakers(load_actor_dictionary())
    speakers.read(text)
    return speakers


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        ("Mayor Kevin Orr spoke on Monday.", "Kevin Orr", "Mayor Kevin Orr"),
        (
            "The gunman fled, police spokesman John Smith said.",
            "John Smith",
            "spokesman John Smith",
        ),
        ("Police Chief Steve Adams arrived.", "Steve Adams", "Police Chief Steve Adams"),
        ("Mario T. Benjamin said he was home.", "Mario T. Benjamin", "Mario T. Benjamin"),
        (
            "It was a tragedy, said Robert Klementich, a detective.",
            "Robert Klementich",
            "Robert Klementich",
        ),
        ("John Doe, a police spokesman, said the man fled.", "John Doe", "John Doe"),
        ("Shots were fired, according to Ed Murray.", "Ed Murray", "Ed Murray"),
        (
            # The sentence splitter cuts after "Col.": the text is read whole.
            "There is no motive, said Col. Michael Edmonson of the State Police.",
            "Michael Edmonson",
            "Col. Michael Edmonson",
        ),
    ],
)
def test_people_introduced_by_a_title_or_a_reporting_verb(text, name, phrase):
    (person,) = _speakers(text).people()
    assert (person.name, person.phrase) == (name, phrase)
    assert text[person.start : person.end] == name


@pytest.mark.parametrize(
    "text",
    [
        "The Taylor Sportsplex said it would close.",
        "The Associated Press reported the shooting.",
        "North Korea said the test succeeded.",
        "Spanish Fork Police said the road was closed.",
        "General Motors said sales fell.",
        "Mercy Hospital said two patients died.",
        "John Smith was arrested on Friday.",  # a name with no title and no reporting verb
    ],
)
def test_organisations_and_bare_names_are_not_speakers(text):
    assert _speakers(text).people() == []


def test_lone_surname_is_the_person_named_before():
    text = "Mayor Kevin Orr spoke. Two men died, Orr said. He left."
    speakers = _speakers(text)
    assert [(p.name, p.phrase) for p in speakers.people()] == [
        ("Kevin Orr", "Mayor Kevin Orr"),
        ("Kevin Orr", "Mayor Kevin Orr"),
    ]
    assert speakers.last_before(text.index("He")) == speakers.people()[1]
    assert speakers.last_before(text.index("Mayor")) is None


def test_lone_surname_speaker_takes_the_full_name_written_elsewhere():
    text = "Tonyanika Harris' daughter was near the park. Her daughter was safe, Harris said."
    (person,) = _speakers(text).people()
    assert (person.name, text[person.start : person.end]) == ("Tonyanika Harris", "Harris")


def test_an_area_named_with_a_compass_word_gives_no_full_name():
    text = "Investigators need access to West Gojjam. A spokesman in Gojjam denied it."
    assert _speakers(text).people() == []
    text = "Oliver North said it was wrong. North said so again."
    assert [p.name for p in _speakers(text).people()] == ["Oliver North", "Oliver North"]


def test_named_speaker_resolves_surnames_and_titles():
    text = "Broward Judge Michael Davis told Walker he was lucky. Later the judge said more."
    speakers = _speakers(text)
    davis = speakers.people()[0]
    at = text.index("the judge")
    assert speakers.named_speaker("the judge", at) == davis
    assert speakers.named_speaker("Davis", at) == davis
    assert speakers.named_speaker("Judge Davis", at) == davis
    assert speakers.named_speaker("the prosecutor", at) is None
    assert speakers.named_speaker("Davis", text.index("Michael") - 1) is None

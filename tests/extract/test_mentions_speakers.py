"""Claimants of "he said" and "Orr said" do not depend on which sentences were parsed."""

import datetime as dt

import pytest

from conflictwatch.analyze import analyze_text, load_pipeline
from conflictwatch.extract.mentions import Extraction, extract_mentions


def _extract(text: str, parse_only: str | None) -> Extraction:
    """Extraction with only the sentences containing `parse_only` parsed (all when None)."""
    analyzed = analyze_text(
        text,
        relevant=lambda s: parse_only is None or parse_only in s,
        nlp=load_pipeline(),
    )
    return extract_mentions(text, doc_id="d", published=dt.date(2020, 5, 4), analyzed=analyzed)


def _claimants(extraction: Extraction) -> list[str | None]:
    return [m.claimant.name if m.claimant else None for m in extraction.mentions]


@pytest.mark.parametrize("parse_only", ["shot dead", None])
def test_lone_surname_is_the_titled_person_named_in_an_unparsed_sentence(parse_only):
    text = (
        "Mayor Kevin Orr spoke at the Taylor Sportsplex on Monday. "
        "The weather was mild and the stands were full. "
        "Two people were shot dead outside the gates, Orr said."
    )
    extraction = _extract(text, parse_only)
    if parse_only is not None:
        assert extraction.parsed == 1 and extraction.sentences == 3
    (mention,) = [m for m in extraction.mentions if m.casualties]
    assert mention.claimant is not None
    assert (mention.claimant.name, mention.claimant.kind, mention.claimant.role) == (
        "Kevin Orr",
        "person",
        "mayor",
    )


@pytest.mark.parametrize("parse_only", ["shot dead", None])
def test_pronoun_is_the_person_named_in_an_unparsed_sentence(parse_only):
    text = (
        "Detective Jane Doe reached the block late in the evening. "
        "The street was quiet by then. "
        "A man was shot dead near the corner, she said."
    )
    extraction = _extract(text, parse_only)
    assert _claimants(extraction)[-1] == "Jane Doe"
    assert extraction.mentions[-1].claimant is not None
    assert extraction.mentions[-1].claimant.kind == "person"


@pytest.mark.parametrize("parse_only", ["shot dead", None])
def test_an_organisation_is_never_a_pronoun_speaker(parse_only):
    text = (
        "The Taylor Sportsplex hosted a tournament on Monday. "
        "The stands were full. "
        "A man was shot dead in the car park, he said."
    )
    extraction = _extract(text, parse_only)
    assert extraction.mentions
    assert _claimants(extraction)[-1] is None


def test_it_said_is_the_body_that_spoke_before():
    text = (
        "Three soldiers were killed in the shelling, the Defense Ministry said. "
        "Two more were wounded, it said."
    )
    extraction = _extract(text, None)
    claimants = _claimants(extraction)
    assert len(claimants) == 2 and claimants[0] == claimants[1] == "Defense Ministry"


def test_he_said_after_a_person_named_between_speakers_takes_the_nearest():
    text = (
        "Police spokesman John Smith said the gunman fled. "
        "County Coroner Ann Lee said the victim died at the hospital. "
        "A second man was shot and wounded, she said."
    )
    extraction = _extract(text, "wounded")
    assert _claimants(extraction)[-1] == "Ann Lee"


def test_he_said_after_an_unnamed_official_is_that_official():
    text = (
        '"We buried 27 people," said Issoufou Garba, a farmer. '
        "A local official in Ouallam said at least 22 people were killed. "
        "At least six women were abducted, he said."
    )
    assert _claimants(_extract(text, None)) == ["A local official", "A local official"]


def test_a_name_after_a_persons_description_or_before_age_and_job_is_a_speaker():
    text = (
        "A local administrator in Muidumbe, Albino Chiponde, put the death toll at 11. "
        "Five other people were wounded, he said."
    )
    assert _claimants(_extract(text, None))[-1] == "Albino Chiponde"
    text = (
        "Nizar Halabi, 47, a schoolteacher in Ariqa, said he had lost three students. "
        '"My grandfather fought the French," he said.'
    )
    assert _claimants(_extract(text, None))[-1] == "Nizar Halabi"


def test_a_described_speakers_last_word_is_no_surname():
    text = (
        "A spokesperson for UNIFIL said a shell landed inside a peacekeeper position. "
        "UNIFIL said it had protested to the Israeli military over the shelling."
    )
    claimants = _claimants(_extract(text, None))
    assert claimants[0] == "A spokesperson for UNIFIL" and claimants[-1] != claimants[0]


def test_a_speakers_name_the_gazetteer_lacks_is_no_place():
    text = (
        "Insurgents attacked Mucojo in Macomia district on Monday. "
        "A local administrator in Muidumbe, Albino Chiponde, put the death toll at 11."
    )
    toll = _extract(text, None).mentions[-1]
    assert toll.casualties[0].min == 11
    assert [p.text for p in toll.places] == ["Muidumbe"]

"""clean_text on synthetic articles: structure, repeats, positions, offsets, errors, speed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.clean.clean_support import assert_offsets_hold

from conflictwatch.clean import clean_text
from conflictwatch.errors import CleanError, Code

STORY = [
    "Heavy fighting broke out along the border on Tuesday, the defense ministry said.",
    "At least four soldiers were wounded and two military posts were lost, officials added.",
    "A ceasefire took effect in the evening after mediation by a neighboring state.",
    "Both sides accused each other of provoking the clashes and of targeting civilians.",
]


def test_furniture_free_article_is_kept_whole() -> None:
    source = "\n\n".join(STORY)
    cleaned = clean_text(source)
    assert cleaned.text == source
    assert cleaned.furniture == ()
    assert len(cleaned.paragraphs) == len(STORY)
    assert_offsets_hold(cleaned)


def test_single_newlines_become_paragraph_breaks() -> None:
    cleaned = clean_text("\n".join(STORY) + "\n")
    assert cleaned.text == "\n\n".join(STORY)
    assert cleaned.to_source(cleaned.text.index("At least")) == "\n".join(STORY).index("At least")
    assert_offsets_hold(cleaned)


def test_stray_line_break_joins_one_paragraph() -> None:
    source = "The shelling hit the village of\nwestern districts overnight, officials said.\n"
    cleaned = clean_text(source + "\n".join(STORY[:2]))
    assert cleaned.paragraphs[0] == (0, len(source) - 1)
    assert cleaned.text.startswith("The shelling hit the village of\nwestern districts")
    assert_offsets_hold(cleaned)


def test_given_title_line_dropped_and_kept_as_title() -> None:
    cleaned = clean_text(
        "Border Clashes Erupt\n\n" + "\n".join(STORY), title="Border clashes erupt"
    )
    assert cleaned.title == "Border clashes erupt"
    assert cleaned.text.startswith(STORY[0])
    assert [(f.reason, f.text) for f in cleaned.furniture] == [("title", "Border Clashes Erupt")]


def test_caption_before_headline_and_repeats_of_headline() -> None:
    source = "\n".join(
        [
            "Soldiers near the front line last spring",
            "Army Reports Losses In Border Fighting",
            "Army Reports Losses In Border Fighting",
            *STORY,
        ]
    )
    cleaned = clean_text(source)
    assert cleaned.title == "Army Reports Losses In Border Fighting"
    assert [f.reason for f in cleaned.furniture] == ["caption", "title", "repeated-title"]
    assert cleaned.text == "\n\n".join(STORY)


def test_question_headline_beats_section_label() -> None:
    source = "Conflict Watch\nWill The Truce Hold This Time?\n" + "\n".join(STORY)
    cleaned = clean_text(source)
    assert cleaned.title == "Will The Truce Hold This Time?"
    assert [f.reason for f in cleaned.furniture] == ["caption", "title"]
    assert cleaned.text == "\n\n".join(STORY)


def test_inner_section_heading_and_trailing_name_dropped() -> None:
    source = "\n".join([*STORY[:2], "Calls For Restraint", *STORY[2:], "Jane Roe"])
    cleaned = clean_text(source)
    assert [(f.reason, f.text) for f in cleaned.furniture] == [
        ("heading", "Calls For Restraint"),
        ("trailing-line", "Jane Roe"),
    ]
    assert cleaned.text == "\n\n".join(STORY)


def test_exact_and_near_repeats_counted_once() -> None:
    long_para = (
        "In a statement issued late on Monday, the co-chairs of the OSCE Minsk Group urged the "
        "sides to refrain from inflammatory rhetoric and to implement their commitments in full."
    )
    spelled = long_para.replace(
        "OSCE", "Organization for Security and Cooperation in Europe’s"
    ).replace("in full.", "in full. “")
    source = "\n".join([long_para, *STORY, STORY[1], spelled])
    cleaned = clean_text(source)
    assert [f.reason for f in cleaned.furniture] == ["duplicate-paragraph"] * 2
    assert cleaned.text.count("co-chairs") == 1
    assert cleaned.text.count(STORY[1]) == 1


def test_opposite_accusations_are_not_repeats() -> None:
    one = "Armenia accused Azerbaijan of shelling border villages and of killing two soldiers."
    two = "Azerbaijan accused Armenia of shelling border villages and of killing two soldiers."
    cleaned = clean_text(f"{one}\n{two}")
    assert cleaned.furniture == ()


def test_site_prefix_stripped_sentence_kept() -> None:
    cleaned = clean_text("Example-news.orgGovernment forces retook the town on Friday, it said.")
    assert cleaned.text == "Government forces retook the town on Friday, it said."
    assert [(f.reason, f.start, f.end) for f in cleaned.furniture] == [("site-prefix", 0, 16)]
    assert cleaned.to_source(0) == 16


def test_dateline_stays_in_its_paragraph() -> None:
    line = "KYIV (Reuters) — Shelling killed three people overnight, regional officials said."
    assert clean_text(line).text == line


@pytest.mark.parametrize(
    "source",
    ["", "   \n\t\n", "Share this\nFacebook Twitter\n0\nPost a Comment", "Only A Headline Here"],
)
def test_nothing_left_raises_no_text(source: str) -> None:
    with pytest.raises(CleanError) as caught:
        clean_text(source)
    assert caught.value.code is Code.NO_TEXT


_LINES = st.sampled_from(
    [*STORY, "Share this", "607", "Read more", "Join the mailing list", "A Heading Line", "", "  "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=14), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_offsets_hold_for_any_mix(lines: list[str], separator: str) -> None:
    try:
        cleaned = clean_text(separator.join(lines))
    except CleanError:
        assert not any(line in STORY for line in lines)
        return
    assert_offsets_hold(cleaned)
    for line in STORY:
        assert (line in lines) == (line in cleaned.text)

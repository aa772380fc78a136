"""One document's mentions -> frames."""

from __future__ import annotations

from tests.link.link_support import ARMENIA, AZERBAIJAN, day, mention, span

from conflictwatch.link.frames import block_keys, build_frames, query_keys, salient_tokens
from conflictwatch.model import Modality


def test_sentences_about_one_battle_make_one_frame_and_a_later_one_another() -> None:
    mentions = [
        mention("d1", 0, "Clashes broke out on July 12.", date=span("2020-07-12")),
        mention("d1", 40, "The fighting halted on July 16.", date=span("2020-07-16")),
        mention("d1", 80, "New clashes erupted on August 20.", date=span("2020-08-20")),
    ]
    frames = build_frames(mentions, published=None)
    assert [(f.kind, f.start, f.end, len(f.mentions)) for f in frames] == [
        ("event", day("2020-07-12"), day("2020-07-16"), 2),
        ("event", day("2020-08-20"), day("2020-08-20"), 1),
    ]
    recalled = build_frames(mentions, published=day("2020-08-21"))
    assert [f.kind for f in recalled] == ["event", "background", "background"]


def test_old_events_are_background_and_accused_acts_are_claims() -> None:
    text = "Armenia accused Azerbaijan of shelling villages on Monday."
    mentions = [
        mention("d1", 0, "Fighting erupted on Monday.", date=span("2020-07-20")),
        mention("d1", 30, text, type="ACCUSE", date=span("2020-07-20"), agent=ARMENIA),
        mention("d1", 30, text, type="ASSAULT", date=span("2020-07-20"), trigger="shelling"),
        mention("d1", 90, "The war of 1994 ended.", date=span("1994-01-01", "1994-12-31")),
        mention("d1", 120, "Clashes in 2016 killed many.", date=span("2016-04-02")),
    ]
    frames = build_frames(mentions, published=day("2020-07-20"))
    kinds = sorted(f.kind for f in frames)
    assert kinds == ["background", "background", "event"]
    (event,) = [f for f in frames if f.kind == "event"]
    assert sorted(event.roles) == ["accusation", "alleged", "event"]


def test_accusations_alone_make_a_claims_frame_never_an_event() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "Baku accused Yerevan of provocations.",
            type="ACCUSE",
            agent=AZERBAIJAN,
            date=span("2020-07-20"),
        ),
        mention(
            "d1",
            50,
            "Yerevan rejected the claim.",
            type="REJECT",
            date=span("2020-07-20"),
            modality=Modality.DENIED,
        ),
    ]
    (frame,) = build_frames(mentions, published=day("2020-07-20"))
    assert frame.kind == "claims"


def test_hypothetical_and_threatened_violence_is_not_an_event() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "The clashes could escalate.",
            modality=Modality.HYPOTHETICAL,
            date=span("2020-07-20"),
        ),
        mention(
            "d1",
            40,
            "He threatened to attack.",
            modality=Modality.THREATENED,
            date=span("2020-07-20"),
        ),
    ]
    assert build_frames(mentions, published=day("2020-07-20")) == []


def test_ceasefire_sentences_make_a_ceasefire_frame() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "A ceasefire took effect at 18:30.",
            type="AGREE",
            mode="ceasefire",
            trigger="ceasefire",
            date=span("2021-11-16"),
        ),
    ]
    (frame,) = build_frames(mentions, published=day("2021-11-16"))
    assert frame.kind == "ceasefire"


def test_block_keys_pair_frames_sharing_a_week_and_a_country() -> None:
    keys = block_keys(day("2020-07-15"), day("2020-07-15"), ("ARM", "AZE"))
    assert "2020-W29" in keys and "2020-W29:ARM" in keys and "2020-W29:AZE" in keys
    assert set(query_keys(keys)) >= {"2020-W29:ARM", "2020-W29:*"}
    assert "2020-W29" not in query_keys(keys)  # only frames naming no country match by week
    bare = block_keys(day("2020-07-15"), day("2020-07-15"), ())
    assert "2020-W29:*" in bare and "2020-W29" in query_keys(bare)
    assert block_keys(None, None, ("ARM",)) == ("undated", "undated:ARM")


def test_salient_tokens_are_names_and_numbers_not_sentence_openers() -> None:
    found = salient_tokens(
        [mention("d1", 0, "Police said John Smith, 24, was shot on Elm Street in Dayton.")]
    )
    assert set(found) == {"john", "smith", "24", "elm", "dayton"}


def test_a_last_week_report_stays_apart_from_an_event_after_that_week() -> None:
    published = day("2022-09-13")
    last_week = span("2022-09-05", "2022-09-11", text="Last week")
    mentions = [
        mention("d1", 0, "Clashes began at midnight on Tuesday.", date=span("2022-09-13")),
        # no date in the sentence: extraction's default window (the days up to publication)
        mention("d1", 60, "The clashes killed 49.", date=span("2022-09-07", "2022-09-13", text="")),
        mention("d1", 120, "Last week a soldier was killed in a shootout.", date=last_week),
        mention(
            "d1",
            200,
            "Last week, Armenia accused Azerbaijan of killing a soldier.",
            type="ACCUSE",
            agent=ARMENIA,
            date=last_week,
        ),
    ]
    frames = build_frames(mentions, published=published)
    events = [f for f in frames if f.kind == "event"]
    assert [(f.start, f.end, len(f.mentions)) for f in events] == [
        (day("2022-09-05"), day("2022-09-11"), 2),
        (day("2022-09-07"), day("2022-09-13"), 2),
    ]
    # The undated sentence belongs to the article's own event, not to last week's.
    assert {m.evidence.start for m in events[1].mentions} == {0, 60}
    assert events[0].roles == ("event", "accusation")


def test_a_week_that_contains_the_event_joins_it_and_days_never_chain() -> None:
    mentions = [
        mention("d1", 0, "Clashes broke out on July 12.", date=span("2020-07-12")),
        mention("d1", 40, "They halted on July 16.", date=span("2020-07-16")),
        mention("d1", 80, "Last week's fighting.", date=span("2020-07-13", "2020-07-19")),
        # each day within a week of the previous one, but not of the first
        mention("d1", 120, "Fighting resumed on July 21.", date=span("2020-07-21")),
    ]
    frames = build_frames(mentions, published=day("2020-07-22"))
    assert [(f.start, f.end, len(f.mentions)) for f in frames] == [
        (day("2020-07-12"), day("2020-07-19"), 3),
        (day("2020-07-21"), day("2020-07-21"), 1),
    ]


def test_an_accused_act_of_last_week_is_a_loose_claim_not_part_of_todays_event() -> None:
    text = "Last week, Armenia accused Azerbaijan of killing one of its soldiers."
    last_week = span("2022-09-05", "2022-09-11", text="Last week")
    mentions = [
        mention("d1", 0, "Clashes erupted on Tuesday.", date=span("2022-09-13")),
        mention("d1", 40, text, type="ACCUSE", agent=ARMENIA, date=last_week),
        mention("d1", 40, text, type="ASSAULT", trigger="killing", date=last_week),
    ]
    frames = build_frames(mentions, published=day("2022-09-13"))
    assert sorted((f.kind, len(f.mentions)) for f in frames) == [("claims", 2), ("event", 1)]

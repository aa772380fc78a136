"""Ceasefire life cycle from cue words, grouping across documents, violations."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from tests.link.link_support import ARMENIA, AZERBAIJAN, day, episode, mention, span

from conflictwatch.link.ceasefires import (
    assemble_ceasefire,
    group_frames,
    mention_states,
    sentence_mediators,
    violation_claims,
    with_belligerents,
)
from conflictwatch.link.frames import build_frames
from conflictwatch.link.timeline import build_timeline_from
from conflictwatch.link.types import Ceasefire, Frame
from conflictwatch.model import ActorRef, DatePrecision, Mention, Modality, PlaceRef

RUSSIA = ActorRef(id="RUS", name="Russia", country="RUS", kind="state")


def cf(doc: str, start: int, text: str, when: str, **kw: Any) -> Mention:
    return mention(
        doc,
        start,
        text,
        type="AGREE",
        mode=kw.pop("mode", "ceasefire"),
        trigger=str(kw.pop("trigger", "ceasefire")),
        date=span(when),
        **kw,
    )


def test_states_come_from_the_sentence_cues() -> None:
    assert mention_states(cf("a", 0, "Russia brokered a ceasefire on Oct 10.", "2020-10-10")) == [
        "agreed"
    ]
    assert mention_states(
        cf("a", 0, "The cease-fire collapsed within hours after entering into force.", "2020-10-10")
    ) == ["in_force", "collapsed"]
    assert mention_states(
        cf(
            "a",
            0,
            "They are ready to work toward a ceasefire.",
            "2020-10-10",
            modality=Modality.PLANNED,
        )
    ) == ["proposed"]
    assert (
        mention_states(
            cf(
                "a",
                0,
                "It was not possible to agree a ceasefire.",
                "2020-10-10",
                modality=Modality.NEGATED,
            )
        )
        == []
    )


def test_a_ceasefire_tracks_parties_mediators_states_and_violations() -> None:
    first = build_frames(
        [
            cf(
                "a",
                0,
                "Russian mediation led to a ceasefire starting at 18:30.",
                "2021-11-16",
                agent=RUSSIA,
                target=ARMENIA,
                mode="mediation",
                trigger="mediation",
            ),
        ],
        published=day("2021-11-16"),
    )
    second = build_frames(
        [
            cf(
                "b",
                0,
                "Armenia and Azerbaijan agreed a ceasefire.",
                "2021-11-17",
                agent=ARMENIA,
                target=AZERBAIJAN,
            )
        ],
        published=day("2021-11-17"),
    )
    (group,) = group_frames(first + second)
    accusation = build_frames(
        [
            mention(
                "c",
                0,
                "Armenia accused Azerbaijan of violating the truce.",
                type="ACCUSE",
                agent=ARMENIA,
                target=AZERBAIJAN,
                date=span("2021-11-18"),
            ),
            mention("c", 60, "Shelling was reported.", type="ASSAULT", date=span("2021-11-18")),
        ],
        published=day("2021-11-18"),
    )
    draft = assemble_ceasefire(group, ())
    assert draft.mediators == ("RUS",)
    assert set(draft.parties) == {"ARM", "AZE"}
    assert draft.start == day("2021-11-16")
    assert [s.state for s in draft.states] == ["in_force", "agreed"]
    claims = violation_claims(draft, accusation)
    assert [c.role for c in claims] == ["accusation"]


def _place(name: str, country: str) -> PlaceRef:
    return PlaceRef(
        id=f"gn:{name}",
        name=name,
        text=name,
        lat=0.0,
        lon=0.0,
        admin1=None,
        country=country,
        precision=3,
    )


def test_three_ceasefires_on_different_dates_are_three_objects() -> None:
    published = day("2020-11-04")
    later_last_month = dataclasses.replace(
        span("2020-10-01", "2020-10-31", text="later last month"), precision=DatePrecision.MONTH
    )
    first = "Russia brokered the first of the three humanitarian cease-fires on October 10."
    others = (
        "However, that cease-fire, as well as the two other agreements brokered by France and"
        " the United States later last month, collapsed within hours after entering into force."
    )
    frames = build_frames(
        [
            cf("a", 0, first, "2020-10-10", agent=RUSSIA, mode="mediation", trigger="brokered"),
            mention(
                "a",
                100,
                others,
                type="AGREE",
                mode="ceasefire",
                trigger="agreements",
                date=later_last_month,
                places=(_place("France", "FR"), _place("United States", "US")),
            ),
        ],
        published=published,
    )
    # Another outlet dates the French-brokered one to a day.
    frames += build_frames(
        [
            cf(
                "b",
                0,
                "A humanitarian truce brokered by France took effect on Saturday.",
                "2020-10-17",
                places=(_place("France", "FR"),),
            )
        ],
        published=day("2020-10-18"),
    )
    groups = group_frames(frames)
    ceasefires = sorted((assemble_ceasefire(g, ()) for g in groups), key=lambda c: c.mediators)
    assert [c.mediators for c in ceasefires] == [("FRA",), ("RUS",), ("USA",)]
    french, russian, american = ceasefires
    assert russian.start == day("2020-10-10")
    assert [s.state for s in russian.states] == ["agreed", "in_force", "collapsed"]
    assert french.documents == ("a", "b") and french.start == day("2020-10-17")
    assert american.state == "collapsed" and american.documents == ("a",)
    # "later last month" dates the American one to a month, not to its last day.
    assert (american.start, american.start_precision) == (day("2020-10-31"), DatePrecision.MONTH)
    agreed = american.states[0].as_dict()
    assert (agreed["date_precision"], agreed["earliest"], agreed["date"]) == (
        "month",
        "2020-10-01",
        "2020-10-31",
    )
    assert russian.start_precision is DatePrecision.DAY
    (entry,) = build_timeline_from((), (), [american]).entries
    assert (entry.start, entry.end) == (day("2020-10-01"), day("2020-10-31"))


def test_calls_and_welcomes_never_make_a_ceasefire_agreed() -> None:
    urged = cf(
        "a",
        0,
        "The co-chairs urged the sides to implement the jointly agreed ceasefire arrangements.",
        "2021-11-15",
    )
    assert mention_states(urged) == ["proposed"]
    welcomed = cf("a", 0, "The EU welcomed the ceasefire agreed on Tuesday.", "2021-11-16")
    assert mention_states(welcomed) == []
    needed = cf(
        "a",
        0,
        "Agreements on control mechanisms are needed if there is to be a sustainable cease-fire.",
        "2020-11-03",
    )
    assert mention_states(needed) == ["proposed"]
    assert mention_states(cf("a", 0, "Both sides agreed a ceasefire.", "2021-11-16")) == ["agreed"]


def test_a_ceasefire_named_by_an_earlier_year_is_not_news() -> None:
    old = cf(
        "a",
        0,
        "Russia called on both sides to observe a 2020 Moscow-brokered ceasefire.",
        "2022-09-13",
        agent=RUSSIA,
    )
    assert [f.kind for f in build_frames([old], published=day("2022-09-13"))] == []


def test_violation_claims_during_its_life_carry_their_claimant() -> None:
    (frame,) = build_frames(
        [
            cf(
                "a",
                0,
                "Russian mediation led to a ceasefire starting at 18:30 on Tuesday.",
                "2021-11-16",
                agent=RUSSIA,
                mode="mediation",
                trigger="mediation",
            )
        ],
        published=day("2021-11-16"),
    )
    (group,) = group_frames([frame])
    draft = assemble_ceasefire(group, ())
    assert draft.terms == ("Russian mediation led to a ceasefire starting at 18:30 on Tuesday.",)
    violated = "Azerbaijan accused Armenia of violating the truce overnight."
    shelled = "Armenia accused Azerbaijan of shelling its posts on Wednesday."
    later = build_frames(
        [
            mention("b", 0, violated, type="ACCUSE", agent=AZERBAIJAN, date=span("2021-11-17")),
            mention("b", 80, shelled, type="ACCUSE", agent=ARMENIA, date=span("2021-11-17")),
            mention("b", 80, shelled, type="ASSAULT", trigger="shelling", date=span("2021-11-17")),
            mention(
                "b",
                160,
                "The opposition criticized the government.",
                type="ACCUSE",
                date=span("2021-11-17"),
            ),
            mention("b", 220, "Fighting raged on Tuesday.", date=span("2021-11-16")),
        ],
        published=day("2021-11-17"),
    )
    claims = violation_claims(draft, later)
    assert [(c.claimant, c.role, c.evidence.start) for c in claims] == [
        ("Azerbaijan", "accusation", 0),
        ("Armenia", "accusation", 80),
    ]


def _ceasefire(frames: list[Frame]) -> tuple[Ceasefire, list[Frame]]:
    (group,) = group_frames(frames)
    return assemble_ceasefire(group, ()), group


def test_parties_are_the_sides_of_the_war_the_ceasefire_would_halt() -> None:
    war = episode("war", "2020-09-27", "2020-11-10", ("ARM", "AZE"))
    other_war = episode("other", "2020-10-01", "2020-10-20", ("ERI", "ETH"))
    humanitarian = build_frames(
        [
            cf(
                "a",
                0,
                "Russia brokered a humanitarian cease-fire to halt the fighting on October 10.",
                "2020-10-10",
                agent=RUSSIA,
                mode="mediation",
                trigger="brokered",
            )
        ],
        published=day("2020-10-11"),
    )
    ceasefire, group = _ceasefire(humanitarian)
    assert ceasefire.parties == () and ceasefire.mediators == ("RUS",)
    found = with_belligerents(ceasefire, group, [war])
    assert (found.parties, found.parties_inferred) == (("ARM", "AZE"), True)
    assert found.as_dict()["parties_inferred"] is True
    # Naming no side, it cannot choose between two wars of the same weeks.
    assert with_belligerents(ceasefire, group, [war, other_war]) == ceasefire
    # Alone in those weeks, a war is the one it halts; a ceasefire naming another country is not.
    assert with_belligerents(ceasefire, group, [other_war]).parties_inferred is True
    elsewhere = dataclasses.replace(ceasefire, parties=("SDN",))
    assert with_belligerents(elsewhere, group, [war]) == elsewhere


def test_a_proposer_is_no_party_and_named_sides_stay() -> None:
    war = episode("war", "2020-09-27", "2020-11-10", ("ARM", "AZE"))
    proposal = build_frames(
        [
            cf(
                "a",
                0,
                "Russia said a sustainable cease-fire in Azerbaijan needs monitors.",
                "2020-11-03",
                agent=RUSSIA,
                modality=Modality.PLANNED,
                places=(_place("Azerbaijan", "AZ"),),
            )
        ],
        published=day("2020-11-04"),
    )
    ceasefire, group = _ceasefire(proposal)
    assert "RUS" in ceasefire.parties
    found = with_belligerents(ceasefire, group, [war])
    assert (found.parties, found.parties_inferred) == (("ARM", "AZE"), True)
    agreed = build_frames(
        [
            cf(
                "b",
                0,
                "Armenia and Azerbaijan agreed a ceasefire.",
                "2020-10-17",
                agent=ARMENIA,
                target=AZERBAIJAN,
            )
        ],
        published=day("2020-10-17"),
    )
    ceasefire, group = _ceasefire(agreed)
    found = with_belligerents(ceasefire, group, [war])
    assert set(found.parties) == {"ARM", "AZE"} and not found.parties_inferred
    undated = dataclasses.replace(ceasefire, start=None, parties=())
    assert with_belligerents(undated, group, [war]) == undated


@pytest.mark.parametrize(
    ("text", "mediators"),
    [
        ("A truce mediated by Doha and Cairo held overnight.", ("QAT", "EGY")),
        (
            "The pause, brokered by the U.N. and the African Union, began at noon.",
            ("United Nations", "African Union"),
        ),
        ("A ceasefire brokered by Turkey between the two militias took effect.", ("TUR",)),
        ("The truce brokered by Egyptian and Qatari officials was extended.", ("EGY", "QAT")),
        ("A truce brokered by local elders took hold in the district.", ()),
        ("A truce plan put forward by Kenya and Ethiopia was rejected.", ("KEN", "ETH")),
        ("The truce, mediated by Sergei Lavrov, began on Monday.", ("RUS",)),
        (
            "A plan put forward by the United States, Saudi Arabia, Egypt and the United Arab"
            " Emirates was rejected by the army.",
            ("USA", "SAU", "EGY", "ARE"),
        ),
        ("Talks under the auspices of the African Union resumed in Addis.", ("African Union",)),
    ],
)
def test_mediators_are_read_from_the_words_after_the_cue(
    text: str, mediators: tuple[str, ...]
) -> None:
    # no places: the mediators come from the text after "brokered by" / "mediated by"
    assert sentence_mediators([cf("a", 0, text, "2021-03-02")]) == mediators


def test_the_place_an_agreement_was_signed_is_no_party() -> None:
    ethiopia = ActorRef(id="ETH.MIL", name="Ethiopia armed forces", country="ETH", kind="military")
    signed = build_frames(
        [
            cf(
                "a",
                0,
                "A truce signed in Nairobi between Ethiopian forces and the militias took effect.",
                "2021-03-02",
                agent=ethiopia,
                places=(_place("Nairobi", "KE"),),
            ),
        ],
        published=day("2021-03-03"),
    )
    ceasefire, _ = _ceasefire(signed)
    assert ceasefire.parties == ("ETH",)

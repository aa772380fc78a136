"""Ceasefire life cycle from cue words, grouping across documents, violations."""

from __future__ import annotations

from typing import Any

from tests.link.link_support import ARMENIA, AZERBAIJAN, day, mention, span

from conflictwatch.link.ceasefires import (
    assemble_ceasefire,
    group_frames,
    mention_states,
    violation_claims,
)
from conflictwatch.link.frames import build_frames
from conflictwatch.model import ActorRef, Mention, Modality

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

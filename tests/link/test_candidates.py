"""Same-event links between frames of different documents, and order-independent grouping."""

from __future__ import annotations

import itertools

from tests.link.link_support import casualty, day, mention, place, span

from conflictwatch.link.candidates import FrameIndex, link_frames, makes_incident
from conflictwatch.link.frames import build_frames
from conflictwatch.link.similarity import Features, link_score, same_event
from conflictwatch.link.types import Frame
from conflictwatch.model import PlaceRef

DAYTON = place("Dayton", 39.76, -84.19)
KETTERING = place("Kettering", 39.69, -84.17)  # about 8 km away
OMAHA = place("Omaha", 41.26, -95.94)


def frame(
    doc: str, text: str, when: str, where: tuple[PlaceRef, ...] = (DAYTON,), killed: int = 1
) -> Frame:
    found = [
        mention(
            doc,
            0,
            text,
            type="ASSAULT",
            date=span(when),
            places=where,
            casualties=(casualty("killed", killed),),
        )
    ]
    (only,) = build_frames(found, published=day(when))
    return only


def test_reports_sharing_date_place_and_names_link() -> None:
    a = frame("a", "Police said John Smith was shot on Elm Street in Dayton.", "2016-03-01")
    b = frame(
        "b",
        "Officers say John Smith died after a shooting on Elm Street.",
        "2016-03-02",
        (KETTERING,),
    )
    score = link_score(Features.of(a), Features.of(b))
    assert score is not None and score >= 0.55
    assert same_event(Features.of(a), Features.of(b))


def test_same_city_different_names_do_not_link() -> None:
    a = frame("a", "Police said John Smith was shot on Elm Street in Dayton.", "2016-03-01")
    b = frame("b", "A woman, Mary Jones, was shot on Oak Avenue in Dayton.", "2016-03-01", killed=2)
    assert not same_event(Features.of(a), Features.of(b))


def test_far_apart_places_or_dates_never_link() -> None:
    a = frame("a", "Police said John Smith was shot on Elm Street.", "2016-03-01")
    far = frame("b", "Police said John Smith was shot on Elm Street.", "2016-03-01", (OMAHA,))
    late = frame("c", "Police said John Smith was shot on Elm Street.", "2016-03-09")
    assert link_score(Features.of(a), Features.of(far)) is None
    assert link_score(Features.of(a), Features.of(late)) is None


def test_the_index_only_offers_frames_of_the_same_week() -> None:
    index = FrameIndex()
    a = frame("a", "John Smith was shot.", "2016-03-01")
    b = frame("b", "John Smith was shot.", "2016-03-02")
    c = frame("c", "John Smith was shot.", "2016-06-01")
    for item in (a, b, c):
        index.add(item)
    assert [f.frame.doc_id for f in index.candidates(a)] == ["b"]


def test_groups_do_not_depend_on_arrival_order() -> None:
    frames = [
        frame("a", "Police said John Smith was shot on Elm Street in Dayton.", "2016-03-01"),
        frame("b", "John Smith died after the shooting on Elm Street.", "2016-03-02"),
        frame("c", "The family of John Smith mourned.", "2016-03-02"),
        frame("d", "Mary Jones was shot on Oak Avenue.", "2016-03-01", killed=2),
    ]
    expected = None
    for order in itertools.permutations(frames):
        groups = sorted(sorted(f.doc_id for f in g) for g in link_frames(list(order)))
        expected = expected or groups
        assert groups == expected
    assert expected == [["a", "b", "c"], ["d"]]


def test_a_group_of_claims_alone_is_no_incident() -> None:
    claims = build_frames(
        [mention("a", 0, "Baku accused Yerevan.", type="ACCUSE", date=span("2020-07-20"))],
        published=day("2020-07-20"),
    )
    assert not makes_incident(claims)
    assert makes_incident([*claims, frame("b", "Clashes.", "2020-07-20")])

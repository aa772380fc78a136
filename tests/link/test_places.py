"""A speaker's seat, an actor's state or a dateline never becomes an incident's place."""

from __future__ import annotations

import dataclasses

from tests.link.link_support import ARMENIA, AZERBAIJAN, mention, place, span

from conflictwatch.link.frames import build_frames
from conflictwatch.link.incidents import assemble_incident, incident_places
from conflictwatch.link.places import is_seat, scene_places

YEREVAN = place("Yerevan", 40.18, 44.51, country="AM")
BAKU = place("Baku", 40.38, 49.89, country="AZ")
MOSCOW = place("Moscow", 55.75, 37.62, country="RU")
GORIS = place("Goris", 39.51, 46.34, country="AM")
RUSSIA = place("Russia", 60.0, 100.0, country="RU", precision=3)
ARMENIA_PLACE = place("Armenia", 40.0, 45.0, country="AM", precision=3)


def test_seats_of_speakers_and_actor_modifiers_are_not_scenes() -> None:
    assert is_seat(BAKU, "Yerevan and Baku blame each other for the flare-up.")
    assert is_seat(YEREVAN, "Yerevan and Baku blame each other for the flare-up.")
    assert is_seat(BAKU, "Baku has so far reported two wounded soldiers.")
    assert is_seat(YEREVAN, "Shelling hit Goris, the defense ministry in Yerevan said.")
    assert is_seat(MOSCOW, "He called on both sides to observe a Moscow-brokered truce.")
    assert is_seat(MOSCOW, "The ambassador to Moscow said fighting went on.")
    assert is_seat(RUSSIA, "The Armenian and Russia militaries spoke about the clashes.")
    dateline = dataclasses.replace(YEREVAN, text="YEREVAN")  # the name as written
    assert is_seat(dateline, "YEREVAN (RFE/RL) — Fighting broke out at dawn.")
    assert is_seat(dateline, "YEREVAN, Nov 16 (Reuters) - Fighting broke out at dawn.")


def test_places_where_things_happen_stay() -> None:
    assert not is_seat(GORIS, "Shelling hit Goris, the defense ministry in Yerevan said.")
    assert not is_seat(BAKU, "A rocket struck a suburb of Baku, officials said.")
    assert not is_seat(YEREVAN, "Protesters clashed with police in Yerevan on Monday.")
    # Named once as a seat and once as a scene: a scene.
    assert not is_seat(BAKU, "Baku said a drone hit Baku overnight.")
    # A place the sentence never spells out cannot be read: it is kept.
    assert not is_seat(GORIS, "Shelling hit the town overnight.")


def test_an_incident_lists_scenes_only() -> None:
    text = "Shelling hit Goris, the defense ministry in Yerevan said, and Moscow urged calm."
    event = mention(
        "d1",
        0,
        text,
        type="ASSAULT",
        date=span("2022-09-13"),
        agent=AZERBAIJAN,
        target=ARMENIA,
        places=(GORIS, YEREVAN, MOSCOW, RUSSIA, ARMENIA_PLACE),
    )
    # "Moscow urged calm": Moscow speaks; "Russia" is not in the sentence, so it is kept here.
    assert [p.name for p in scene_places(event)] == ["Goris", "Russia", "Armenia"]
    # A whole country counts only when it is one of the sides; towns always do.
    assert [p.name for p in incident_places([event], ("ARM", "AZE"))] == ["Goris", "Armenia"]
    (incident,) = [
        assemble_incident([f])
        for f in build_frames([event], published=span("2022-09-13").start)
        if f.kind == "event"
    ]
    assert "Yerevan" not in {p.name for p in incident.places}
    assert incident.summary.startswith("Attack in Goris on 2022-09-13")

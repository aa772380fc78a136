"""Stored incidents and episodes decode back to the records they were written from."""

from __future__ import annotations

import datetime as dt

from conflictwatch.link.types import (
    CasualtyTally,
    Citation,
    Claim,
    Dispute,
    DisputeVersion,
    Episode,
    FigureClaim,
    Incident,
)
from conflictwatch.model import ActorRef, PlaceRef
from conflictwatch.store.incident_codec import episode_from_dict, incident_from_dict

SENTENCE = Citation(
    doc_id="d1", start=10, end=52, text="Shelling killed 3 civilians, officials said."
)


def _incident() -> Incident:
    figure = FigureClaim(
        mention_id="m1",
        claimant="Ministry of Defence",
        min=3,
        max=5,
        hedged=True,
        cumulative=False,
        counted=True,
        text="3 civilians",
        evidence=SENTENCE,
    )
    return Incident(
        id="i1",
        type="ASSAULT",
        start=dt.date(2021, 5, 2),
        end=dt.date(2021, 5, 3),
        places=(
            PlaceRef(
                id="gn:1",
                name="Town",
                text="the town",
                lat=40.1,
                lon=46.2,
                admin1="Province",
                country="AZ",
                precision=1,
            ),
        ),
        actors=(ActorRef(id="AZE.MIL", name="army", country="AZE", kind="military"),),
        casualties=(
            CasualtyTally(
                kind="killed",
                side="ARM",
                low=3,
                best=4,
                high=5,
                cumulative=False,
                claims=(figure,),
                civilian=True,
            ),
            CasualtyTally(
                kind="wounded", side=None, low=1, best=1, high=2, cumulative=True, claims=()
            ),
        ),
        mentions=("m1", "m2"),
        documents=("d1",),
        claims=(
            Claim(
                mention_id="m1",
                claimant="Ministry of Defence",
                claimant_country="ARM",
                role="casualty",
                type="ASSAULT",
                modality="asserted",
                value="3-5 killed",
                evidence=SENTENCE,
            ),
        ),
        disputed=(
            Dispute(
                field="perpetrator",
                versions=(DisputeVersion(claimant="Ministry", value="AZE", evidence=SENTENCE),),
            ),
        ),
        episode="e9",
        summary="Shelling of the town",
        countries=("ARM", "AZE"),
    )


def test_incident_round_trips_through_its_stored_view() -> None:
    incident = _incident()
    stored = incident.as_dict()
    decoded = incident_from_dict(stored)
    assert decoded == incident
    assert decoded.as_dict() == stored
    assert decoded.casualties[0].key == "ARM:civilian"
    assert decoded.casualties[1].side is None


def test_the_episode_column_wins_over_the_stored_one() -> None:
    stored = {key: value for key, value in _incident().as_dict().items() if key != "episode"}
    assert incident_from_dict(stored).episode is None
    assert incident_from_dict(stored, episode="e2").episode == "e2"


def test_episode_round_trips() -> None:
    episode = Episode(
        id="e1",
        name="Clashes, May 2021",
        start=dt.date(2021, 5, 1),
        end=None,
        incidents=("i1",),
        countries=("ARM", "AZE"),
        casualties=_incident().casualties,
        recalled_by=("m7",),
    )
    assert episode_from_dict(episode.as_dict()) == episode

"""Stored incidents back to typed records: the inverse of `Incident.as_dict()`.

The linking stage stores each incident as its JSON view; readers (the incident page, the timeline,
the exports) decode that one row instead of reassembling the incident from its frames, so showing
one incident costs one indexed read and exporting a hundred thousand costs no linking work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

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

#: The side key a tally without a stated side is stored under (see CasualtyTally.key).
UNKNOWN_SIDE = "unknown"
CIVILIAN_SUFFIX = ":civilian"


def incident_from_json(data: str, *, episode: str | None = None) -> Incident:
    return incident_from_dict(json.loads(data), episode=episode)


def incident_from_dict(d: Mapping[str, Any], *, episode: str | None = None) -> Incident:
    """The Incident whose `as_dict()` is `d`; `episode` (kept in a column of its own) wins over
    the one in `d`."""
    claims = tuple(
        _claim(claim) for group in (d.get("claims") or {}).values() for claim in group or ()
    )
    return Incident(
        id=d["id"],
        type=d["type"],
        start=_date(d.get("start")),
        end=_date(d.get("end")),
        places=tuple(PlaceRef(**place) for place in d.get("places") or ()),
        actors=tuple(ActorRef(**actor) for actor in d.get("actors") or ()),
        casualties=_tallies(d.get("casualties") or {}),
        mentions=tuple(d.get("mentions") or ()),
        documents=tuple(d.get("documents") or ()),
        claims=claims,
        disputed=tuple(_dispute(dispute) for dispute in d.get("disputed") or ()),
        episode=episode if episode is not None else d.get("episode"),
        summary=d.get("summary") or "",
        countries=tuple(d.get("countries") or ()),
    )


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def _citation(d: Mapping[str, Any]) -> Citation:
    return Citation(doc_id=d["doc_id"], start=int(d["start"]), end=int(d["end"]), text=d["text"])


def _claim(d: Mapping[str, Any]) -> Claim:
    return Claim(
        mention_id=d["mention"],
        claimant=d["claimant"],
        claimant_country=d.get("claimant_country"),
        role=d["role"],
        type=d["type"],
        modality=d["modality"],
        value=d["value"],
        evidence=_citation(d["evidence"]),
    )


def _figure(d: Mapping[str, Any]) -> FigureClaim:
    return FigureClaim(
        mention_id=d["mention"],
        claimant=d["claimant"],
        min=d.get("min"),
        max=d.get("max"),
        hedged=bool(d.get("hedged")),
        cumulative=bool(d.get("cumulative")),
        counted=bool(d.get("counted", True)),
        text=d.get("text") or "",
        evidence=_citation(d["evidence"]),
    )


def _tallies(by_kind: Mapping[str, Any]) -> tuple[CasualtyTally, ...]:
    tallies = []
    for kind, sides in by_kind.items():
        for key, figures in (sides or {}).items():
            civilian = key.endswith(CIVILIAN_SUFFIX)
            side = key.removesuffix(CIVILIAN_SUFFIX)
            tallies.append(
                CasualtyTally(
                    kind=kind,
                    side=None if side == UNKNOWN_SIDE else side,
                    low=figures.get("low"),
                    best=figures.get("best"),
                    high=figures.get("high"),
                    cumulative=bool(figures.get("cumulative")),
                    claims=tuple(_figure(claim) for claim in figures.get("claims") or ()),
                    civilian=civilian,
                )
            )
    return tuple(tallies)


def _dispute(d: Mapping[str, Any]) -> Dispute:
    return Dispute(
        field=d["field"],
        versions=tuple(
            DisputeVersion(
                claimant=version["claimant"],
                value=version["value"],
                evidence=_citation(version["evidence"]),
            )
            for version in d.get("versions") or ()
        ),
    )


def episode_from_dict(d: Mapping[str, Any]) -> Episode:
    """The Episode whose `as_dict()` is `d`."""
    return Episode(
        id=d["id"],
        name=d.get("name") or "",
        start=_date(d.get("start")),
        end=_date(d.get("end")),
        incidents=tuple(d.get("incidents") or ()),
        countries=tuple(d.get("countries") or ()),
        casualties=_tallies(d.get("casualties") or {}),
        recalled_by=tuple(d.get("recalled_by") or ()),
    )

"""Mentions to table rows and back: indexed columns plus the whole record as JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from conflictwatch.model import (
    ActorRef,
    Casualty,
    CasualtyKind,
    DatePrecision,
    Evidence,
    Mention,
    Modality,
    PlaceRef,
    Population,
    TimeSpan,
)

from . import refs


def mention_row(mention: Mention, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Column values of `mention` (without `updated_at`, which the store sets); `data` is its
    JSON view (`as_dict`) when the caller already has it."""
    date = mention.date
    view = mention.as_dict() if data is None else data
    start = date.start if date else None
    end = date.end if date else None
    lat, lon = refs.located(view)
    return {
        "id": mention.id,
        "doc_id": mention.doc_id,
        "type": mention.type,
        "start_date": start,
        "end_date": end,
        "background": mention.background,
        "evidence_start": mention.evidence.start,
        "data": json.dumps(view, ensure_ascii=False, sort_keys=True),
        "span_days": refs.span_days(start, end),
        "lat": lat,
        "lon": lon,
    }


def mention_from_json(data: str) -> Mention:
    return mention_from_dict(json.loads(data))


def mention_from_dict(d: Mapping[str, Any]) -> Mention:
    date = d.get("date")
    return Mention(
        id=d["id"],
        doc_id=d["doc_id"],
        type=d["type"],
        mode=d.get("mode"),
        acled_event_type=d.get("acled_event_type"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        agent=_actor(d.get("agent")),
        target=_actor(d.get("target")),
        claimant=_actor(d.get("claimant")),
        trigger=d.get("trigger", ""),
        weapons=tuple(d.get("weapons") or ()),
        modality=Modality(d["modality"]),
        background=bool(d["background"]),
        date=_time_span(date) if date else None,
        places=tuple(PlaceRef(**p) for p in d.get("places") or ()),
        casualties=tuple(_casualty(c) for c in d.get("casualties") or ()),
        confidence=float(d["confidence"]),
        evidence=Evidence(**d["evidence"]),
    )


def _actor(d: Mapping[str, Any] | None) -> ActorRef | None:
    return None if d is None else ActorRef(**d)


def _time_span(d: Mapping[str, Any]) -> TimeSpan:
    return TimeSpan(
        value=d["value"],
        start=_date(d.get("start")),
        end=_date(d.get("end")),
        precision=DatePrecision(d["precision"]),
        text=d.get("text", ""),
    )


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value[:10])


def _casualty(d: Mapping[str, Any]) -> Casualty:
    return Casualty(
        kind=CasualtyKind(d["kind"]),
        min=d.get("min"),
        max=d.get("max"),
        population=Population(d["population"]),
        side=d.get("side"),
        cumulative=bool(d["cumulative"]),
        hedged=bool(d["hedged"]),
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
    )

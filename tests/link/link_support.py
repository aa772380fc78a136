"""Hand-made mentions for the linking tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from conflictwatch.link.types import Episode
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

ARMENIA = ActorRef(id="ARM", name="Armenia", country="ARM", kind="state")
AZERBAIJAN = ActorRef(id="AZE", name="Azerbaijan", country="AZE", kind="state")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(start: str, end: str | None = None, *, text: str = "on that day") -> TimeSpan:
    first, last = day(start), day(end or start)
    precision = DatePrecision.DAY if first == last else DatePrecision.WEEK
    if (last - first).days > 31:
        precision = DatePrecision.YEAR
    return TimeSpan(value=start, start=first, end=last, precision=precision, text=text)


def place(
    name: str, lat: float, lon: float, *, country: str = "US", precision: int = 1
) -> PlaceRef:
    return PlaceRef(
        id=f"gn:{name}",
        name=name,
        text=name,
        lat=lat,
        lon=lon,
        admin1=None,
        country=country,
        precision=precision,
    )


def casualty(
    kind: str,
    low: int | None,
    high: int | None = -1,
    *,
    side: str | None = None,
    cumulative: bool = False,
    hedged: bool = False,
    civilian: bool = False,
    start: int = 0,
) -> Casualty:
    return Casualty(
        kind=CasualtyKind(kind),
        min=low,
        max=low if high == -1 else high,
        population=Population.CIVILIAN if civilian else Population.MILITARY,
        side=side,
        cumulative=cumulative,
        hedged=hedged,
        text=f"{low} {kind}",
        start=start,
        end=start + 5,
    )


def mention(
    doc_id: str,
    start: int,
    text: str,
    *,
    type: str = "FIGHT",
    date: TimeSpan | None = None,
    modality: Modality = Modality.ASSERTED,
    claimant: ActorRef | None = None,
    agent: ActorRef | None = None,
    target: ActorRef | None = None,
    places: tuple[PlaceRef, ...] = (),
    casualties: tuple[Casualty, ...] = (),
    background: bool = False,
    mode: str | None = None,
    trigger: str = "clashes",
    **extra: Any,
) -> Mention:
    ident = hashlib.sha256(f"{doc_id}:{type}:{start}".encode()).hexdigest()[:16]
    return Mention(
        id=ident,
        doc_id=doc_id,
        type=type,
        mode=mode,
        acled_event_type=None,
        acled_sub_event_type=None,
        agent=agent,
        target=target,
        claimant=claimant,
        trigger=trigger,
        weapons=(),
        modality=modality,
        background=background,
        date=date,
        places=places,
        casualties=casualties,
        confidence=0.8,
        evidence=Evidence(doc_id=doc_id, start=start, end=start + len(text), text=text),
        **extra,
    )


def episode(ident: str, start: str | None, end: str | None, countries: tuple[str, ...]) -> Episode:
    """An episode with no incidents of its own: a span between sides."""
    return Episode(
        id=ident,
        name=ident,
        start=day(start) if start else None,
        end=day(end) if end else None,
        incidents=(),
        countries=countries,
        casualties=(),
    )

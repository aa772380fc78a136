"""Whether two frames from different documents report the same real event, and how sure we are.

Hard limits first (dates too far apart, places too far apart, no country in common), then a
logistic score (weights in data/link_weights.tsv) from agreeing dates, nearby places, shared names and
numbers, matching casualty figures and shared actors. Two frames link when the probability reaches
`LINK_THRESHOLD`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable

from conflictwatch.link.frames import SOFT_DATE_REACH
from conflictwatch.link.lexicon import link_weights
from conflictwatch.link.types import Frame
from conflictwatch.model import PlaceRef

#: Dates of two reports of one event may differ by this much (time zones, "overnight", reporting lag).
DATE_TOLERANCE = dt.timedelta(days=1)
#: Beyond the tolerance, stated dates this far apart may still be one event misdated by a report.
FAR_DATE_TOLERANCE = dt.timedelta(days=3)
#: Within this distance two precise places are the same scene; beyond FAR_KM they never are.
NEAR_KM = 25.0
FAR_KM = 150.0
#: Probability needed to link two frames.
LINK_THRESHOLD = 0.4
#: A frame with fewer names than this is compared as if it had this many (one shared name out of
#: one is weak evidence, not a perfect overlap).
MIN_TOKENS = 5
#: Places at or finer than this ACLED geo precision count as the scene of the event.
PRECISE = 2


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Features:
    """What linking compares, computed once per frame."""

    frame: Frame
    places: tuple[tuple[float, float, str | None], ...]  # precise places: lat, lon, id
    actors: frozenset[str]
    figures: frozenset[tuple[str, int]]  # (kind, count) of casualty figures
    tokens: frozenset[str]

    @classmethod
    def of(cls, frame: Frame) -> Features:
        return cls(
            frame=frame,
            places=tuple(_precise_places(p for m in frame.mentions for p in m.places)),
            actors=frozenset(
                a.id for m in frame.mentions for a in (m.agent, m.target) if a and a.id
            ),
            figures=frozenset(
                (c.kind.value, c.min)
                for m in frame.mentions
                for c in m.casualties
                if c.min is not None and c.min == c.max
            ),
            tokens=frozenset(frame.tokens),
        )


def _precise_places(places: Iterable[PlaceRef]) -> list[tuple[float, float, str | None]]:
    found = {}
    for place in places:
        if place.lat is None or place.lon is None:
            continue
        if place.precision is not None and place.precision <= PRECISE:
            found[(round(place.lat, 3), round(place.lon, 3))] = place.id
    return [(lat, lon, pid) for (lat, lon), pid in sorted(found.items())]


def _km(a: tuple[float, float, str | None], b: tuple[float, float, str | None]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def time_score(a: Frame, b: Frame) -> float | None:
    """1 for overlapping dates, 0.5 within the tolerance, 0 when either is undated, None if apart.

    A frame whose date is only guessed from publication (`explicit` False) may report an older
    event: it is never ruled out within SOFT_DATE_REACH, but gets no credit beyond an overlap.
    """
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return 0.0
    gap = max(a.start, b.start) - min(a.end, b.end)
    if a.explicit and b.explicit:
        if gap > FAR_DATE_TOLERANCE:
            return None
        if gap > DATE_TOLERANCE:
            return 0.1
        return 1.0 if gap <= dt.timedelta(0) else 0.5
    if gap <= dt.timedelta(0):
        return 0.5
    return 0.0 if gap <= SOFT_DATE_REACH else None


def place_score(a: Features, b: Features) -> float | None:
    """1 for the same scene, 0.5 nearby, 0 when either has no precise place, None when far apart."""
    if not a.places or not b.places:
        return 0.0
    nearest = min(_km(p, q) for p in a.places for q in b.places)
    if nearest <= NEAR_KM:
        return 1.0
    if nearest <= FAR_KM:
        return 0.3
    return None


def text_features(a: Features, b: Features) -> tuple[float, float]:
    """log(1 + shared names and numbers), and their share of the smaller frame's."""
    shared = len(a.tokens & b.tokens)
    smaller = max(min(len(a.tokens), len(b.tokens)), MIN_TOKENS)
    return math.log1p(shared), shared / smaller


def pair_features(a: Features, b: Features) -> dict[str, float] | None:
    """The score's features, or None when the frames cannot report one event."""
    fa, fb = a.frame, b.frame
    if fa.doc_id == fb.doc_id:
        return None  # an article's own frames were kept apart on purpose
    if fa.countries and fb.countries and not set(fa.countries) & set(fb.countries):
        return None
    when = time_score(fa, fb)
    where = place_score(a, b)
    if when is None or where is None:
        return None
    both = fa.explicit and fb.explicit
    dated = fa.start is not None and fb.start is not None
    log_shared, overlap = text_features(a, b)
    numbers = sum(1 for t in a.tokens & b.tokens if t[0].isdigit())
    return {
        "bias": 1.0,
        "time_exact": float(both and when == 1.0),
        "time_near": float(both and when == 0.5),
        "time_far": float(both and when == 0.1),
        "time_soft_overlap": float(not both and when == 0.5),
        "time_soft_near": float(not both and dated and when == 0.0),
        "place_same": float(where == 1.0),
        "place_near": float(where == 0.3),
        "log_shared": log_shared,
        "overlap": overlap,
        "log_numbers": math.log1p(numbers),
        "figures": float(bool(a.figures & b.figures)),
        "actors": float(bool(a.actors & b.actors)),
    }


def link_score(a: Features, b: Features) -> float | None:
    """The probability that the frames report one event; None when they cannot."""
    features = pair_features(a, b)
    if features is None:
        return None
    weights = link_weights()
    total = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-total))


def same_event(a: Features, b: Features, threshold: float | None = None) -> bool:
    score = link_score(a, b)
    return score is not None and score >= (LINK_THRESHOLD if threshold is None else threshold)

"""Choosing one place per name from document context, not population alone.

Each candidate gets a score: a prior from its feature kind and population, plus context from the rest of
the document: countries mentioned (by name or demonym), admin regions mentioned, a "City, State" pattern,
and nearness to the other places of the article. Confidence is the margin between the two best scores,
lowered for names shared by very many places.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from conflictwatch.geo import build
from conflictwatch.geo.gazetteer import Gazetteer
from conflictwatch.geo.normalize import fold

_KIND_PRIOR = {
    build.COUNTRY: 3.5,
    build.CONTINENT: 3.0,
    build.ADMIN1: 1.8,
    build.REGION: 4.0,  # supplement entries are few and hand-picked
    build.FEATURE: 4.0,
    build.ADMIN2: 0.2,
    build.CITY: 0.0,
}
#: Score weights (tuned on the LGL, GeoVirus and GeoWebNews files with gold spans).
WEIGHTS = {
    "population": 0.45,  # per decade of population
    "exact_name": 0.4,  # the candidate's main name is the name as written
    "admin_hint": 2.5,  # "X province" and X is an admin region
    "country": 2.0,  # times the share of the document's country votes
    "admin1": 1.5,  # the candidate lies in an admin1 region the document names
    "city_region": 3.0,  # "City, Region" and the candidate lies in that region
    "near50": 1.5,  # within 50 km of another confidently placed name
    "near200": 1.0,
}
#: At most this many candidates (most populous first) are scored per name.
MAX_CANDIDATES = 60
#: Names shared by more places than this get a lowered confidence.
CROWDED = 40
_EARTH_KM = 6371.0
_ADMIN_AFTER = re.compile(
    r"^\s+(?:province|region|district|rayon|oblast|governorate|county|marz|municipality)\b",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mentioned:
    """One place name of the document: its offsets, text and gazetteer candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[int, ...]
    admin_hint: bool = False  # followed by "province", "district", ...: an admin region is meant


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    index: int | None  # chosen gazetteer index, None when nothing fits
    confidence: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km; inputs outside valid ranges are clamped, never raise."""
    values = [lat1, lon1, lat2, lon2]
    if any(math.isnan(v) or math.isinf(v) for v in values):
        return float("nan")
    lat1, lat2 = (max(-90.0, min(90.0, v)) for v in (lat1, lat2))
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def resolve(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    text: str,
    *,
    context_countries: Sequence[str] = (),
) -> list[Choice]:
    """One choice per name: a first pass on priors, then a second pass with document context."""
    pools = [_pool(gazetteer, name) for name in names]
    names = [
        dataclasses.replace(n, admin_hint=bool(_ADMIN_AFTER.match(text[n.end : n.end + 20])))
        for n in names
    ]
    first = [
        _best(gazetteer, name, pool, _Context.empty())
        for name, pool in zip(names, pools, strict=True)
    ]
    context = _Context.from_choices(gazetteer, names, text, first, pools, context_countries)
    # Every mention of one name in one setting gets the same answer: score it once.
    memo: dict[tuple[str, int | None], Choice] = {}
    choices = []
    for i, (name, pool) in enumerate(zip(names, pools, strict=True)):
        key = (fold(name.text), context.following.get(i))
        if key not in memo:
            memo[key] = _best(gazetteer, name, pool, context, position=i)
        choices.append(memo[key])
    return choices


def _pool(gazetteer: Gazetteer, name: Mentioned) -> list[int]:
    candidates = [c for c in name.candidates if gazetteer.coordinates(c) is not None]
    if len(candidates) > MAX_CANDIDATES:
        candidates.sort(key=lambda c: -int(gazetteer.population[c]))
        candidates = candidates[:MAX_CANDIDATES]
    return candidates


@dataclasses.dataclass(slots=True)
class _Context:
    countries: Counter[str]
    own: dict[str, Counter[str]]  # name key -> the country votes that name itself cast
    admin1: set[int]
    anchors: list[tuple[str, float, float]]  # (folded name, lat, lon) of confidently placed names
    following: dict[int, int]  # name position -> chosen index of a region right after "Name, "

    @classmethod
    def empty(cls) -> _Context:
        return cls(Counter(), {}, set(), [], {})

    @classmethod
    def from_choices(
        cls,
        gazetteer: Gazetteer,
        names: Sequence[Mentioned],
        text: str,
        choices: Sequence[Choice],
        pools: Sequence[list[int]],
        extra_countries: Sequence[str],
    ) -> _Context:
        context = cls.empty()
        context.countries.update(extra_countries)
        voted: set[str] = set()
        for i, (choice, pool) in enumerate(zip(choices, pools, strict=True)):
            if choice.index is None:
                continue
            kind = int(gazetteer.kind[choice.index])
            country = gazetteer.country_code(choice.index)
            key = fold(names[i].text)
            if country and key not in voted:  # each distinct name votes once
                voted.add(key)
                weight = 2 if kind == build.COUNTRY else 1
                context.countries[country] += weight
                context.own.setdefault(key, Counter())[country] += weight
            if kind == build.ADMIN1:
                context.admin1.add(choice.index)
            point = gazetteer.coordinates(choice.index)
            if (
                point is not None
                and kind in (build.CITY, build.ADMIN2, build.FEATURE)
                and (len(pool) <= 3 or choice.confidence >= 0.8)
            ):
                context.anchors.append((fold(names[i].text), point[0], point[1]))
        for i in range(len(names) - 1):
            nxt, choice = names[i + 1], choices[i + 1]
            gap = text[names[i].end : nxt.start]
            if (
                choice.index is not None
                and gap.strip() == ","
                and int(gazetteer.kind[choice.index]) in (build.ADMIN1, build.COUNTRY)
            ):
                context.following[i] = choice.index
        return context


def _best(
    gazetteer: Gazetteer,
    name: Mentioned,
    pool: list[int],
    context: _Context,
    position: int = -1,
) -> Choice:
    if not pool:
        return Choice(index=None, confidence=0.0)
    scores = np.array([_score(gazetteer, name, c, context, position) for c in pool])
    if not name.admin_hint:
        scores -= _city_state_penalty(gazetteer, pool)
    order = np.argsort(-scores)
    best = pool[int(order[0])]
    margin = float(scores[order[0]] - scores[order[1]]) if len(pool) > 1 else 3.0
    confidence = 1.0 / (1.0 + math.exp(-1.5 * margin))
    if len(name.candidates) > CROWDED:
        confidence *= 0.6
    return Choice(index=best, confidence=round(confidence, 3))


def _closest_km(point: tuple[float, float], context: _Context, own: str) -> float:
    """Distance to the nearest anchor with another name (vectorized haversine)."""
    others = [(lat, lon) for key, lat, lon in context.anchors if key != own]
    if not others:
        return math.inf
    coords = np.radians(np.array(others, dtype=np.float64))
    lat1, lon1 = math.radians(point[0]), math.radians(point[1])
    a = (
        np.sin((coords[:, 0] - lat1) / 2) ** 2
        + math.cos(lat1) * np.cos(coords[:, 0]) * np.sin((coords[:, 1] - lon1) / 2) ** 2
    )
    distances = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return float(distances.min())


def _city_state_penalty(gazetteer: Gazetteer, pool: list[int]) -> np.ndarray:
    """Prefer a city over the region named after it and centred on it (Yerevan, Moscow, Tehran)."""
    penalty = np.zeros(len(pool))
    cities = [c for c in pool if int(gazetteer.kind[c]) == build.CITY]
    if not cities:
        return penalty
    for k, c in enumerate(pool):
        if int(gazetteer.kind[c]) not in (build.ADMIN1, build.ADMIN2):
            continue
        region_point = gazetteer.coordinates(c)
        if region_point is None:
            continue
        for city in cities:
            city_point = gazetteer.coordinates(city)
            big = int(gazetteer.population[city]) >= 0.2 * int(gazetteer.population[c])
            if city_point is not None and big and haversine_km(*region_point, *city_point) < 40:
                penalty[k] = 5.0
                break
    return penalty


def _score(
    gazetteer: Gazetteer, name: Mentioned, c: int, context: _Context, position: int
) -> float:
    kind = int(gazetteer.kind[c])
    population = int(gazetteer.population[c])
    score = _KIND_PRIOR.get(kind, 0.0) + WEIGHTS["population"] * math.log10(population + 10)
    if fold(gazetteer.names[c]) == fold(name.text):
        score += WEIGHTS["exact_name"]
    if name.admin_hint and kind in (build.ADMIN1, build.ADMIN2):
        score += WEIGHTS["admin_hint"]
    country = gazetteer.country_code(c)
    if context.countries and country:
        votes = context.countries - context.own.get(fold(name.text), Counter())
        if votes:
            score += WEIGHTS["country"] * votes[country] / max(votes.values())
    admin = int(gazetteer.admin1[c])
    if admin >= 0 and admin in context.admin1:
        score += WEIGHTS["admin1"]
    region = context.following.get(position)
    if region is not None and (admin == region or gazetteer.country_code(region) == country):
        score += WEIGHTS["city_region"] if admin == region or kind != build.COUNTRY else 0.0
    point = gazetteer.coordinates(c)
    if point is not None and context.anchors:
        closest = _closest_km(point, context, fold(name.text))
        if closest < 50:
            score += WEIGHTS["near50"]
        elif closest < 200:
            score += WEIGHTS["near200"]
    return score

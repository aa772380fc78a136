"""What the API filters records by, derived from their JSON views (Mention / Incident `as_dict()`).

Pure functions over dicts, so the store, the 0004 migration's backfill and the benchmark all derive
the same columns and index rows from the same records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

#: Kinds of `mention_refs` / `incident_refs` rows.
ACTOR = "actor"
PLACE = "place"
REGION = "region"
COUNTRY = "country"  # ISO3 of a place's country: what statistics group regions by

#: Longest value a ref row holds (ids and names past this are cut, not refused).
MAX_VALUE = 200


@functools.cache
def _iso3_of_iso2() -> dict[str, str]:
    from conflictwatch.actors.countries import load_countries

    return {c.iso2.upper(): c.iso3.upper() for c in load_countries().by_iso3.values() if c.iso2}


def country_iso3(code: str | None) -> str | None:
    """ISO3 for an ISO2 or ISO3 code (as the gazetteer or actor dictionary gives it), else None."""
    if not code:
        return None
    upper = code.strip().upper()
    if len(upper) == 3 and upper.isalpha():
        return upper
    return _iso3_of_iso2().get(upper)


def region_keys(value: str) -> str:
    """How a region name or code is compared: case-folded, outer spaces dropped."""
    return value.strip().casefold()[:MAX_VALUE]


def main_place(places: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The most precise place with coordinates (a town before its province before its country)."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    return min(located, key=lambda p: p.get("precision") or 3, default=None)


def _place_regions(place: Mapping[str, Any]) -> set[str]:
    found = set()
    if place.get("admin1"):
        found.add(region_keys(str(place["admin1"])))
    country = place.get("country")
    if country:
        found.add(region_keys(str(country)))
        iso3 = country_iso3(str(country))
        if iso3:
            found.add(region_keys(iso3))
    return found


def _refs(
    actors: Iterable[Mapping[str, Any] | None], places: Iterable[Mapping[str, Any]]
) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for actor in actors:
        if actor and actor.get("id"):
            found.add((ACTOR, str(actor["id"])[:MAX_VALUE]))
    for place in places:
        if place.get("id"):
            found.add((PLACE, str(place["id"])[:MAX_VALUE]))
        found.update((REGION, key) for key in _place_regions(place) if key)
        iso3 = country_iso3(place.get("country"))
        if iso3:
            found.add((COUNTRY, iso3))
    return found


def mention_refs(mention: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(kind, value) rows of one mention: its agent, target and claimant, its places and regions."""
    people = (mention.get("agent"), mention.get("target"), mention.get("claimant"))
    return _refs(people, mention.get("places") or ())


def incident_refs(incident: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(kind, value) rows of one incident: its actors, places and regions."""
    return _refs(incident.get("actors") or (), incident.get("places") or ())


def cited_actors(records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Actor rows (id, name, country, kind) of the actors with an id that `records` cite."""
    found: dict[str, dict[str, Any]] = {}
    for record in records:
        people = [record.get(role) for role in ("agent", "target", "claimant")]
        people.extend(record.get("actors") or ())
        for actor in people:
            if actor and actor.get("id"):
                key = str(actor["id"])[:MAX_VALUE]
                found[key] = {
                    "id": key,
                    "name": str(actor.get("name") or key),
                    "country": country_iso3(actor.get("country")),
                    "kind": (actor.get("kind") or None) and str(actor["kind"])[:32],
                }
    return found


def cited_places(records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Place rows (id, name, coordinates, admin1, country, precision) of the places `records` cite."""
    found: dict[str, dict[str, Any]] = {}
    for record in records:
        for place in record.get("places") or ():
            if place.get("id"):
                key = str(place["id"])[:MAX_VALUE]
                found[key] = {
                    "id": key,
                    "name": str(place.get("name") or key),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "admin1": place.get("admin1"),
                    "country": country_iso3(place.get("country")),
                    "precision": place.get("precision"),
                }
    return found


def located(record: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """(lat, lon) of the record's main place, or (None, None)."""
    place = main_place(record.get("places") or ())
    if place is None:
        return None, None
    return float(place["lat"]), float(place["lon"])


def span_days(start: dt.date | None, end: dt.date | None) -> int | None:
    """Days from start to end (0 for one day); None for an undated record."""
    if start is None:
        return None
    return max(((end or start) - start).days, 0)


def casualty_sums(incident: Mapping[str, Any]) -> tuple[int, int]:
    """(killed, wounded): per kind, the sum over sides of each tally's best figure (its low when
    there is no best). Tallies of running totals are left out: a toll "so far" already contains
    other incidents' figures, so adding it to theirs would count the same dead twice."""
    sums = {"killed": 0, "wounded": 0}
    for kind, sides in (incident.get("casualties") or {}).items():
        if kind not in sums or not isinstance(sides, Mapping):
            continue
        for figures in sides.values():
            if not isinstance(figures, Mapping) or figures.get("cumulative"):
                continue
            value = figures.get("best")
            if value is None:
                value = figures.get("low")
            if isinstance(value, int) and value > 0:
                sums[kind] += value
    return sums["killed"], sums["wounded"]


def marker(incident: Mapping[str, Any]) -> dict[str, Any]:
    """What the dashboard's map and timeline show of an incident (its episode apart: that is
    refreshed separately from the record): dates, summary, main place, countries, casualties."""
    places = [p for p in incident.get("places") or () if isinstance(p, Mapping)]
    place = main_place(places)
    lat, lon = located(incident)
    killed, wounded = casualty_sums(incident)
    countries = incident.get("countries")
    return {
        "id": incident.get("id"),
        "type": incident.get("type"),
        "start": incident.get("start"),
        "end": incident.get("end"),
        "summary": incident.get("summary") or "",
        "lat": lat,
        "lon": lon,
        "killed": killed,
        "wounded": wounded,
        "place": None
        if place is None
        else {
            "name": place.get("name"),
            "admin1": place.get("admin1"),
            "country": place.get("country"),
        },
        "countries": list(countries) if isinstance(countries, list) else [],
    }

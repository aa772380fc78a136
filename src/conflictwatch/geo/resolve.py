"""Choosing one place per name from document context, not population alone.

Each candidate gets a score: a prior from its feature kind and population (steeper for cities over
100,000 called by their own name), plus context from the rest of the document: countries mentioned (by
name or demonym), admin regions mentioned, the document's home region (where most of its places lie), a
"City, State" pattern, nearness to the other confidently placed names, and whether the other names could
be places close by. The context is rebuilt once from the first round's answers and scored again.
Candidates known by the written name only as an alternate name give way to places whose main name it
is. A capital or a metropolis counts its country as named (its name evokes it) unless a namesake the
document points to (its region named, a place near it named) already outscores it: a country vote
alone does not make London a town in Ontario. A name no place fits (a street, a building) is put at the locality its phrase names ("X Street
in Y") or else at the document's focus, with low confidence; it stays unresolved when the text names
no locality. So is a town name followed by a region none of its candidates lies in ("Rockingham,
Northamptonshire"), and a village in a country the document is not about (or known by the name only
as an alternate name, in an area it is not about).
Confidence is the margin between the two best scores, lowered for names shared by very many places.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from conflictwatch.geo import build
from conflictwatch.geo.dateline import dateline_place_end
from conflictwatch.geo.gazetteer import Gazetteer
from conflictwatch.geo.normalize import arabic_key, fold, match_key
from conflictwatch.geo.recognize import name_word_roles

_KIND_PRIOR = {
    build.COUNTRY: 3.5,
    build.CONTINENT: 3.0,
    build.ADMIN1: 1.8,
    build.REGION: 4.0,  # supplement entries are few and hand-picked
    build.FEATURE: 4.0,
    build.ADMIN2: 0.2,
    build.CITY: 0.0,
}
#: Score weights (tuned on the LGL, GeoVirus and GeoWebNews files with gold spans; big_city,
#: home_admin1, exact_name and admin1 on half A of each file only, by article hash, see
#: evaluate/geo.py's split).
WEIGHTS = {
    "population": 0.45,  # per decade of population
    "exact_name": 0.8,  # the candidate's main name is the name as written
    "big_city": 1.0,  # per decade of population above 100,000 (well-known cities), at most 2
    "home_admin1": 0.5,  # times the share of the document's admin1 votes (its "home region")
    "admin_hint": 2.5,  # "X province" and X is an admin region
    "country": 2.0,  # times the share of the document's country votes
    "admin1": 0.75,  # the candidate lies in an admin1 region the document names
    "city_region": 3.0,  # "City, Region" and the candidate lies in that region
    "near50": 1.5,  # within 50 km of another confidently placed name
    "near200": 1.0,
    "cooccur": 1.0,  # other names of the text could be places within 50 km (at most 2 count)
    "metropolis": 3.0,  # taken off a region named like its country's capital or a metropolis
    "borderless": 0.5,  # share of the country weight a place in no country gets (oceans, continents)
    "fame_floor": 0.5,  # least country share of a capital or a metropolis (its name evokes it)
}
#: At most this many candidates (most populous first) are scored per name.
MAX_CANDIDATES = 60
#: Names shared by more places than this get a lowered confidence.
CROWDED = 40
_EARTH_KM = 6371.0
_ADMIN_AFTER = re.compile(
    r"^\s+(?:province|region|district|rayon|oblast|governorate|county|marz|municipality|territory|"
    r"department|prefecture|countryside)\b",
    re.IGNORECASE,
)
#: The same words in the plural after the last of a list: "Belgorod and Kursk regions".
_ADMINS_AFTER = re.compile(
    r"^\s+(?:provinces|regions|districts|rayons|oblasts|governorates|counties|municipalities|"
    r"territories|departments|prefectures)\b",
    re.IGNORECASE,
)
#: The same words in the plural before the first of a list: "the regions of Kharkiv and Lviv".
_ADMINS_OF_BEFORE = re.compile(
    r"\b(?:provinces|regions|districts|rayons|oblasts|governorates|counties|states|departments|"
    r"prefectures)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "Washington state", "the state of New York": a first-level region is meant. Lower case only
#: after the name: "Ohio State" and "Columbia State" are colleges.
_STATE_AFTER = re.compile(r"^\s+state\b")
_STATE_BEFORE = re.compile(
    r"\b(?:state|province|region|governorate|oblast)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)

#: "the city of Saada", "the town of Rubaya", "Saada city": the locality, not the province named
#: after it. Lower case only after the name: "Kansas City" and "Gaza City" are names.
_CITY_BEFORE = re.compile(r"\b(?:city|town|village)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"^\s+(?:city|town)\b")
#: Kinds of place no village is.
_NO_VILLAGE_KINDS = frozenset({build.COUNTRY, build.ADMIN1, build.REGION, build.CONTINENT})
_VILLAGE_BEFORE = re.compile(r"\b(?:village|hamlet)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_VILLAGES_OF_BEFORE = re.compile(r"\b(?:villages|hamlets)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_VILLAGE_AFTER = re.compile(r"^\s+village\b", re.IGNORECASE)
#: "Al-Kuwait, a farming village about 40 km from"
_VILLAGE_APPOSITIVE = re.compile(
    r"^,\s+(?:a|the)\s+(?:[a-z-]+\s+){0,2}(?:village|hamlet)\b", re.IGNORECASE
)
#: "The Shabelle river", "the eastern bank of the Dnipro": a river is meant, not the town, region or
#: province named after it. Lower case only before the name: "Bank of Canada" is an institution.
_RIVER_AFTER = re.compile(r"^\s+river\b", re.IGNORECASE)
_RIVER_BEFORE = re.compile(r"\b(?:banks?|shores?)\s+of\s+(?:the\s+)?$")

#: Between a place and the region holding it: "Kuriga in Kaduna State", "Mangu, in Plateau State".
_IN_GAP = re.compile(r"^\s*,?\s+in\s+(?:the\s+)?$")
#: Between a village and the town it is told to lie by: "Andriivka near Kurakhove".
_NEAR_GAP = re.compile(r"^\s*,?\s+(?:near|outside|close\s+to|just\s+outside)\s+$", re.IGNORECASE)

#: "The city's Oleksandrivskyi district": the part of the last city named, whatever else bears the
#: name. "Kharkiv's Kyivskyi district" says the same of the city right before it, when a word for a
#: part of a town follows.
_THE_CITYS = re.compile(r"\bthe\s+(?:city|town|port)['’]s\s+$", re.IGNORECASE)
_TOWN_PART_AFTER = re.compile(
    r"^\s+(?:district|neighbou?rhood|quarter|suburb|microdistrict|area)\b", re.IGNORECASE
)
#: A part of a city lies within this distance of its point.
CITY_PART_KM = 25.0

#: What separates the members of a list of places.
_LIST_GAP = re.compile(r"^\s*(?:,|;|/|&|and|or|,\s*and|,\s*or)\s*$")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mentioned:
    """One place name of the document: its offsets, text and gazetteer candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[int, ...]
    admin_hint: bool = False  # followed by "province", "district", ...: an admin region is meant
    state_hint: bool = False  # "X state", "the state of X": a first-level region is meant
    partial: bool = False  # the candidates are named by a part of the name ("Lake Manassas")
    dateline: bool = False  # the place of a dateline ("GAZA (Reuters) -"): a city is meant
    city_hint: bool = False  # "the city of X", "X town": a locality is meant
    village_hint: bool = False  # "the village of X", "X village": a small locality is meant
    #: "the village of X", "X, a farming village", "the villages of X, Y and Z": the name is a
    #: village's own ("Sagaing village" may be a village in Sagaing)
    village_named: bool = False
    river_hint: bool = False  # "the X river", "the bank of the X": only a natural feature fits


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    index: int | None  # chosen gazetteer index, None when nothing fits
    confidence: float
    fallback: bool = False  # the name is unknown: the document's focus place stands in for it


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
        dataclasses.replace(
            n,
            admin_hint=bool(_ADMIN_AFTER.match(text[n.end : n.end + 20])),
            state_hint=bool(
                _STATE_AFTER.match(text[n.end : n.end + 10])
                or _STATE_BEFORE.search(text[max(0, n.start - 24) : n.start])
            ),
            dateline=dateline_place_end(text, n.start) >= n.end,
            city_hint=bool(
                _CITY_BEFORE.search(text[max(0, n.start - 24) : n.start])
                or _CITY_AFTER.match(text[n.end : n.end + 10])
            ),
            village_hint=bool(
                _VILLAGE_BEFORE.search(text[max(0, n.start - 24) : n.start])
                or _VILLAGE_AFTER.match(text[n.end : n.end + 10])
                or _VILLAGE_APPOSITIVE.match(text[n.end : n.end + 40])
            ),
            village_named=bool(
                _VILLAGE_BEFORE.search(text[max(0, n.start - 24) : n.start])
                or _VILLAGE_APPOSITIVE.match(text[n.end : n.end + 40])
            ),
            river_hint=bool(
                _RIVER_AFTER.match(text[n.end : n.end + 10])
                or _RIVER_BEFORE.search(text[max(0, n.start - 32) : n.start])
            ),
        )
        for n in names
    ]
    names = _hints_across_lists(names, text)
    # one sense per discourse: a name the text once calls a village is one wherever it is named,
    # unless it also calls it a region ("Sagaing, a largely Bamar region")
    regions = {fold(n.text) for n in names if n.admin_hint or n.state_hint}
    villages = {fold(n.text) for n in names if n.village_named} - regions
    names = [
        dataclasses.replace(n, village_hint=True, village_named=True)
        if fold(n.text) in villages
        else n
        for n in names
    ]
    # a river's name is no town, region or province: only natural features stay candidates; a
    # village's is no country's or province's ("Al-Kuwait, a farming village" in Sudan)
    pools = [
        [c for c in pool if int(gazetteer.kind[c]) == build.FEATURE]
        if name.river_hint
        else [c for c in pool if int(gazetteer.kind[c]) not in _NO_VILLAGE_KINDS]
        if name.village_named
        else pool
        for name, pool in zip(names, pools, strict=True)
    ]
    context = _Context.empty()  # the first round: priors only
    choices = _with_context(gazetteer, names, pools, context)
    memo = _Memo(
        pool_points=_pool_points(gazetteer, names, pools), penalties=context.memo.penalties
    )
    for _ in range(CONTEXT_PASSES):
        context = _Context.from_choices(gazetteer, names, text, choices, pools, context_countries)
        context.memo = memo  # the pools stay the same from round to round
        choices = _with_context(gazetteer, names, pools, context)
    choices = _owners_as_regions(gazetteer, names, pools, choices, text)
    choices = _in_the_datelines_region(gazetteer, names, pools, choices, context)
    return _fill_unknown(gazetteer, names, choices, context, text)


def _in_the_datelines_region(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    pools: Sequence[list[int]],
    choices: list[Choice],
    context: _Context,
) -> list[Choice]:
    """A name the story is filed from means a place of the dateline's first-level region wherever
    it is written again: after "BIJAPUR/RAIPUR:" (Chhattisgarh), "Bijapur district" is the
    Chhattisgarh district, not Karnataka's larger one. A mention the text itself places ("Bijapur,
    Karnataka") keeps its own."""
    regions: dict[str, int] = {}
    for name, choice in zip(names, choices, strict=True):
        if name.dateline and choice.index is not None and int(gazetteer.admin1[choice.index]) >= 0:
            regions.setdefault(fold(name.text), int(gazetteer.admin1[choice.index]))
    if not regions:
        return choices
    changed = list(choices)
    for i, (name, pool, choice) in enumerate(zip(names, pools, choices, strict=True)):
        region = regions.get(fold(name.text))
        if region is None or choice.index is None or context.following.get(i) is not None:
            continue
        kind = int(gazetteer.kind[choice.index])
        # a region or a country of the name may hold the dateline's town ("GAZA" and the Strip)
        if kind not in (build.CITY, build.ADMIN2) or int(gazetteer.admin1[choice.index]) == region:
            continue
        inside = [c for c in pool if int(gazetteer.admin1[c]) == region]
        alike = [c for c in inside if int(gazetteer.kind[c]) == kind] or inside
        if alike:
            changed[i] = dataclasses.replace(choice, index=alike[0])
    return changed


#: Between a place and the place it owns: "Kharkiv's Izium".
_OWNS = re.compile(r"^['’]s\s+$")
#: A town owned by a name that is a city and a region lies in the region when it is this far
#: from the city.
OWNED_AWAY_KM = 30.0


def _owners_as_regions(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    pools: Sequence[list[int]],
    choices: list[Choice],
    text: str,
) -> list[Choice]:
    """A name that is both a city and its region, owning a town of that region away from the city,
    is the region: "Kharkiv's Izium" and "Donetsk's Pokrovsk" name their oblasts."""
    changed = list(choices)
    for i in range(len(names) - 1):
        owner, owned = choices[i].index, choices[i + 1].index
        if owner is None or owned is None or int(gazetteer.kind[owner]) != build.CITY:
            continue
        if not _OWNS.match(text[names[i].end : names[i + 1].start]):
            continue
        region = int(gazetteer.admin1[owned])
        here, there = gazetteer.coordinates(owner), gazetteer.coordinates(owned)
        if (
            region < 0
            or region not in pools[i]
            or int(gazetteer.admin1[owner]) != region
            or here is None
            or there is None
            or haversine_km(*here, *there) <= OWNED_AWAY_KM
        ):
            continue
        changed[i] = dataclasses.replace(choices[i], index=region)
    return changed


def _hints_across_lists(names: list[Mentioned], text: str) -> list[Mentioned]:
    """A plural kind word after or before a list names every member's kind: "Belgorod and Kursk
    regions", "Idlib, Hama and Aleppo provinces", "the regions of Kharkiv, Poltava and Lviv"."""
    hinted = list(names)
    in_list = in_villages = False  # the previous name is a member of such a list
    for i, name in enumerate(hinted):
        before = text[max(0, name.start - 30) : name.start]
        gap = i > 0 and _LIST_GAP.match(text[hinted[i - 1].end : name.start]) is not None
        listed = i + 1 < len(hinted) and _LIST_GAP.match(text[name.end : hinted[i + 1].start])
        in_list = bool(_ADMINS_OF_BEFORE.search(before)) or (in_list and gap)
        # "the neighbouring villages of Aden, Medina and Um Sumeima"; one name alone is where
        # they lie ("the villages of Zamfara")
        in_villages = bool(_VILLAGES_OF_BEFORE.search(before) and listed) or (in_villages and gap)
        if in_list:
            hinted[i] = dataclasses.replace(name, admin_hint=True)
        if in_villages:
            hinted[i] = dataclasses.replace(hinted[i], village_hint=True, village_named=True)
    for i in reversed(range(len(hinted))):
        nxt = hinted[i + 1] if i + 1 < len(hinted) else None
        after = text[hinted[i].end : hinted[i].end + 20]
        if _ADMINS_AFTER.match(after) or (
            nxt is not None
            and nxt.admin_hint
            and _LIST_GAP.match(text[hinted[i].end : nxt.start])
            and not _ADMIN_AFTER.match(text[nxt.end : nxt.end + 20])
        ):
            hinted[i] = dataclasses.replace(hinted[i], admin_hint=True)
    return hinted


def _pool_points(
    gazetteer: Gazetteer, names: Sequence[Mentioned], pools: Sequence[list[int]]
) -> dict[str, np.ndarray]:
    """Per distinct name, the coordinates (radians) of every candidate."""
    points: dict[str, np.ndarray] = {}
    for name, pool in zip(names, pools, strict=True):
        key = fold(name.text)
        coords = [p for p in (gazetteer.coordinates(c) for c in pool) if p is not None]
        if key not in points and coords:
            points[key] = np.radians(np.array(coords, dtype=np.float64))
    return points


#: Per candidate pool: the penalty of each region named after a city at its centre, and the
#: (region, city) positions of the pool whose city takes the region's standing.
_CityOverRegion = tuple[np.ndarray, list[tuple[int, int]]]


@dataclasses.dataclass(slots=True)
class _Memo:
    """What stays the same across scoring rounds of one document."""

    pool_points: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    nearby: dict[str, dict[int, int]] = dataclasses.field(default_factory=dict)
    penalties: dict[tuple[int, ...], _CityOverRegion] = dataclasses.field(default_factory=dict)


#: Rounds of re-scoring with the context of the previous round's choices: the second round lets a
#: name fixed by the first ("Georgia" the US state, once its cities are placed) help the others.
CONTEXT_PASSES = 2


def _with_context(
    gazetteer: Gazetteer, names: Sequence[Mentioned], pools: Sequence[list[int]], context: _Context
) -> list[Choice]:
    # Every mention of one name in one setting gets the same answer: score it once. A mention whose
    # candidates the text narrowed ("the West", the bloc, beside "Kanye West") is another name.
    memo: dict[tuple[str, tuple[int, ...], int | None, bool, bool, bool], Choice] = {}
    choices = []
    for i, (name, pool) in enumerate(zip(names, pools, strict=True)):
        setting = (
            context.following.get(i),
            name.admin_hint,
            name.state_hint,
            name.dateline or name.city_hint,
        )
        key = (fold(name.text), tuple(pool), *setting)
        if key not in memo:
            memo[key] = _best(gazetteer, name, pool, context, position=i)
        choices.append(memo[key])
    return choices


#: Confidence given to an unknown name placed at the document's focus.
FALLBACK_CONFIDENCE = 0.2


def _fill_unknown(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    choices: list[Choice],
    context: _Context,
    text: str = "",
) -> list[Choice]:
    """Names with no gazetteer candidate (streets, buildings, schools, hamlets) go to the place that
    holds them.

    An unknown local name almost always lies in the locality the text puts it in: "X High School in
    Y", "X Street, Y", "Y's X" (the same phrase), else the place the whole story is about (its
    most-mentioned city, else its home region). A locality merely named in the same sentence is not
    used: on the benchmarks' tuning halves it misplaced more names than it fixed. So does a name
    known only by a part ("Ronald Wilson Reagan Middle" -> Wilson) whose place lies away from
    everything else the document names. A region the text has just framed as one ("the Middle
    Shabelle region"), with no town named since, is used when the focus lies outside it: conflict
    reports filed from a capital name their villages so. With no locality to stand in (a country
    alone is too coarse to be useful) the name stays unresolved. The stand-in is marked `fallback`,
    with low confidence.
    """
    choices = [
        choice
        if (city := context.part_of.get(i)) is None
        else _in_city(gazetteer, name, choice, city)
        for i, (name, choice) in enumerate(zip(names, choices, strict=True))
    ]
    # "Sollé, in the Loroum province": a namesake outside the region or away from the town the text
    # puts a name in is wrong wherever else the text names it ("the market in Sollé")
    contradicted: dict[tuple[str, int | None], int] = {}  # (name, namesake) -> first position
    for i, (name, c) in enumerate(zip(names, choices, strict=True)):
        if _outside_following(gazetteer, name, c.index, context.following.get(i)) or _far_from_near(
            gazetteer, name, c.index, context.near.get(i)
        ):
            contradicted.setdefault((fold(name.text), c.index), i)
    mentions = Counter(fold(name.text) for name in names)
    unplaced = [
        c.index is None
        or (name.partial and not _fits_document(gazetteer, c.index, fold(name.text), context))
        or (fold(name.text), c.index) in contradicted
        or _stray_alias(gazetteer, name, c.index, context)
        or _foreign_town(gazetteer, name, c.index, context, mentions)
        or _village_of_another_region(gazetteer, name, c.index, context)
        for name, c in zip(names, choices, strict=True)
    ]
    if not any(unplaced):
        return choices
    holders = _local_holders(gazetteer, names, choices, unplaced, text)
    # a name taken for a namesake places nothing else
    kept = [
        Choice(index=None, confidence=0.0) if away else c
        for c, away in zip(choices, unplaced, strict=True)
    ]
    focus = _focus(gazetteer, names, kept, context)
    areas = [
        away and _names_an_area(name, text) for name, away in zip(names, unplaced, strict=True)
    ]
    villages = [
        area or (away and _village_like(name, text))
        for name, away, area in zip(names, unplaced, areas, strict=True)
    ]
    village_focus = (
        _focus(gazetteer, names, kept, context, bare_localities=True) if any(villages) else None
    )
    # an area ("the VRAEM valley") is no nearer the capital filed from than a village is, but
    # leaving the dateline out must not move it to another country ("the Nile Delta" of a story
    # filed from Cairo that names a Moroccan town)
    area_focus = (
        village_focus
        if village_focus is not None
        and focus is not None
        and gazetteer.country_code(village_focus) == gazetteer.country_code(focus)
        else focus
    )
    filled = []
    for i, (choice, away) in enumerate(zip(choices, unplaced, strict=True)):
        if not away:
            filled.append(choice)
            continue
        first = contradicted.get((fold(names[i].text), choice.index), i)
        if first < i:  # placed as where the text first put it
            filled.append(filled[first])
            continue
        holder = holders.get(i)
        if holder is None and names[i].river_hint:
            # a river the gazetteer lacks runs through many places: only the one the text puts
            # it in ("the Kanawha River in Charleston") stands in for it
            filled.append(Choice(index=None, confidence=0.0))
            continue
        if holder is None:
            holder = _region_before(gazetteer, names, choices, unplaced, i, focus, text)
        if holder is None:
            holder = area_focus if areas[i] else village_focus if villages[i] else focus
        if holder is None:
            filled.append(Choice(index=None, confidence=0.0))
        else:
            filled.append(Choice(index=holder, confidence=FALLBACK_CONFIDENCE, fallback=True))
    return filled


#: Words that make an unknown name a stretch of land: "the VRAEM valley region", "the Nuba
#: Mountains". Like a village, such an area is not placed at the capital a story is filed from. A
#: district may be the capital's own ("the Abu Salim district" of Tripoli), so it is not one.
_AREA_WORDS = frozenset(
    {"valley", "region", "mountains", "mountain", "hills", "forest", "plateau", "desert", "basin",
     "delta", "highlands", "plains"}
)  # fmt: skip
_WORDS_AFTER = re.compile(r"(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")


def _names_an_area(name: Mentioned, text: str) -> bool:
    """Whether an unknown name is written as an area: its last word or one of the two after it is a
    word for a stretch of land ("VRAEM valley", "the Kivu highlands", "VRAEM valley region")."""
    after = _WORDS_AFTER.match(text, name.end)
    words = [name.text.split()[-1] if name.text.split() else ""]
    words += [w for w in (after.groups() if after else ()) if w]
    return any(w.lower() in _AREA_WORDS for w in words)


#: A determiner or an adjective before an unknown name makes it a building or a site ("the West
#: Wing", "a turbulent West Wing"), not a village; a preposition leaves it bare ("in Boulkessi").
_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_BARE_AFTER = frozenset(
    {"in", "at", "of", "near", "from", "to", "into", "outside", "around", "towards", "toward",
     "village", "town", "villages", "towns", "and", "or", "between", "on"}
)  # fmt: skip


_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
#: Words after a name that still make it a settlement: "Abu Salim village".
_SETTLEMENT_WORDS = frozenset({"village", "town", "hamlet", "settlement", "city"})


def _village_like(name: Mentioned, text: str) -> bool:
    """Whether an unknown name is written as a village is: bare after a preposition or a comma,
    and with no word of a site or a street in it ("Trump Tower", "Oval Office", "West Wing")."""
    words = name.text.split()
    if any(word.lower().strip(".,'’") in name_word_roles() for word in words):
        return False
    following = _WORD_AFTER.match(text, name.end)
    if following is not None:  # "near Mitiga airport": a site, whose name the span left out
        word = following.group(1).lower()
        if word in name_word_roles() and word not in _SETTLEMENT_WORDS:
            return False
    lead = text[max(0, name.start - 20) : name.start]
    before = _WORD_BEFORE.search(lead)
    return before is None or before.group(1) in _BARE_AFTER


#: How far back an unknown name looks for the region a report has just named.
REGION_BEFORE_CHARS = 400
#: A second-level region holds the focus town when its centre is this close to it.
ADMIN2_HOLDS_KM = 50.0


def _region_before(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    choices: Sequence[Choice],
    unplaced: Sequence[bool],
    i: int,
    focus: int | None,
    text: str,
) -> int | None:
    """The region named last before an unknown name, when no town was named between them and the
    focus town does not lie in it: "an attack in the Middle Shabelle region ... near Adan Yabaal" in
    a story filed from Mogadishu places the village in the region, not in the capital."""
    for j in range(i - 1, -1, -1):
        if names[i].start - names[j].end > REGION_BEFORE_CHARS:
            return None
        index = choices[j].index
        if unplaced[j] or index is None or _weak(gazetteer, names[j], index):
            continue
        kind = int(gazetteer.kind[index])
        if kind == build.CITY:
            return None  # a town named since is nearer to the story than the region
        if kind not in (build.ADMIN1, build.ADMIN2) or not (
            names[j].admin_hint or names[j].state_hint
        ):
            continue
        if focus is None:
            return index
        if kind == build.ADMIN1:
            return None if int(gazetteer.admin1[focus]) == index else index
        here, there = gazetteer.coordinates(focus), gazetteer.coordinates(index)
        if here is None or there is None or haversine_km(*here, *there) <= ADMIN2_HOLDS_KM:
            return None
        return index
    return None


#: A village smaller than this in a country no other name of the document points to is not believed
#: ("State" as Statte in Apulia, a Wyoming village for a namesake in an Australian story); one known
#: by the written name only as an alternate name is not believed either when it lies away from the
#: document's places.
STRAY_MAX_POPULATION = 10_000
STRAY_FAR = True


def _stray_alias(
    gazetteer: Gazetteer, name: Mentioned, index: int | None, context: _Context
) -> bool:
    if index is None or int(gazetteer.kind[index]) != build.CITY:
        return False
    key = fold(name.text)
    votes = context.countries - context.own.get(key, Counter())
    if _foreign_short_alias(gazetteer, name, index, votes):
        return True
    if _village_called_as_city(gazetteer, name, index):
        return True
    if int(gazetteer.population[index]) >= STRAY_MAX_POPULATION:
        return False
    if votes and votes[gazetteer.country_code(index)] == 0:
        return True
    if _own_spelling(gazetteer, index, name.text):
        return False
    return STRAY_FAR and not _fits_document(gazetteer, index, key, context)


#: A town smaller than this in a country nothing else in a story set wholly in one other country
#: points to is a namesake of a local name ("the Naivasha market" of El Fasher).
FOREIGN_TOWN_MAX_POPULATION = 200_000
#: A town this far from every other place a story names is a namesake, however often it is named,
#: when the story casts this many votes for one other country.
FOREIGN_TOWN_FAR_KM = 3000.0
FAR_COUNTRY_VOTES = 3
#: A story is set in one country when it casts at least this many votes for it, and this share.
ONE_COUNTRY_VOTES = 4
ONE_COUNTRY_SHARE = 0.8


def _foreign_town(
    gazetteer: Gazetteer,
    name: Mentioned,
    index: int | None,
    context: _Context,
    mentions: Counter[str],
) -> bool:
    """A town in a country nothing else in the story points to, when the story is set wholly in
    one other country and the name has no namesake elsewhere to choose from: a local place the
    gazetteer lacks, which shares the name by chance.

    A town near the story's places and named more than once is one of them ("Malakal" in a Sudan
    story); one a continent away is a namesake however often it is named ("Delft" in a Cape Town
    story), and then three names of the story's country are enough. A capital or a metropolis is
    known by its name, and a name with namesakes in several countries was chosen among them on
    the story's evidence ("Hollywood producer").
    """
    if index is None or int(gazetteer.kind[index]) != build.CITY:
        return False
    if len({gazetteer.country_code(c) for c in name.candidates}) > 1:
        return False
    key = fold(name.text)
    if _famous(gazetteer, index, key):
        return False
    if int(gazetteer.population[index]) >= FOREIGN_TOWN_MAX_POPULATION:
        return False
    votes = context.countries - context.own.get(key, Counter())
    if not votes or votes[gazetteer.country_code(index)] > 0:
        return False
    far = _closest_km(gazetteer, [index], context, key).get(index, 0.0) >= FOREIGN_TOWN_FAR_KM
    if mentions[key] > 1 and not far:
        return False
    (_, top), total = votes.most_common(1)[0], sum(votes.values())
    least = FAR_COUNTRY_VOTES if far else ONE_COUNTRY_VOTES
    return top >= least and top >= ONE_COUNTRY_SHARE * total


#: A village this small, alone of its name, is taken for a namesake of one the gazetteer lacks when
#: it lies in a region the story never names, this far from the one it keeps naming.
NAMESAKE_VILLAGE_MAX_POPULATION = 10_000
NAMESAKE_MIN_KM = 300.0


def _village_of_another_region(
    gazetteer: Gazetteer, name: Mentioned, index: int | None, context: _Context
) -> bool:
    """A village whose every namesake lies in one first-level region, in a story whose regions
    of that country are (by at least two names and 80% of their votes) one other, far away: village
    names repeat across a country ("Nyaung Pin Thar" in Bago and in Sagaing), and the gazetteer holds
    only some of them."""
    if index is None or int(gazetteer.kind[index]) != build.CITY:
        return False
    home = int(gazetteer.admin1[index])
    if home < 0 or int(gazetteer.population[index]) >= NAMESAKE_VILLAGE_MAX_POPULATION:
        return False
    if any(int(gazetteer.admin1[c]) != home for c in name.candidates):
        return False
    country = gazetteer.country_code(index)
    votes = Counter(
        {
            region: count
            for region, count in (
                context.admin_votes - context.own_admin.get(fold(name.text), Counter())
            ).items()
            if gazetteer.country_code(region) == country
        }
    )
    if not votes or votes[home] > 0:
        return False
    region, top = votes.most_common(1)[0]
    if top < 2 or top < ONE_COUNTRY_SHARE * sum(votes.values()):
        return False
    here, there = gazetteer.coordinates(index), gazetteer.coordinates(region)
    return here is not None and there is not None and haversine_km(*here, *there) > NAMESAKE_MIN_KM


#: A city this large is no village, whatever other name of it a village shares.
VILLAGE_MAX_POPULATION = 50_000


def _village_called_as_city(gazetteer: Gazetteer, name: Mentioned, index: int) -> bool:
    """A name the text calls a village ("near the village of Al-Majdal") that reaches a city of
    some size only as one of its other names (Ashkelon's Arabic name): a village the gazetteer
    lacks, not the city."""
    if not name.village_hint or int(gazetteer.population[index]) < VILLAGE_MAX_POPULATION:
        return False
    return not _own_spelling(gazetteer, index, name.text)


def _own_spelling(gazetteer: Gazetteer, index: int, written: str) -> bool:
    """Whether `written` is the place's main name, as written or in another spelling of it (not
    one of its other names)."""
    own = gazetteer.names[index]
    return fold(own) == fold(written) or _same_name(own, written)


def _same_name(own: str, written: str) -> bool:
    """Whether a place's own name is the written name in another spelling: abbreviations spelled
    out ("St. Paul"), or another romanization of an Arabic name ("al-Tanf" for At Tanf)."""
    own_key, written_key = spelled_key(own), spelled_key(written)
    if own_key == written_key:
        return True
    return (arabic_key(own_key) or own_key) == (arabic_key(written_key) or written_key)


#: An alternate name this short ("Boni" for Bonn) is as often a foreign-language form that
#: happens to spell a local name the gazetteer lacks.
SHORT_ALIAS_CHARS = 5


def _foreign_short_alias(
    gazetteer: Gazetteer, name: Mentioned, index: int, votes: Counter[str]
) -> bool:
    """A short name that reaches a city below a million people only as one of its other names, in
    a country the document's other places do not vote for, while they vote for some: a village of
    the story's own country the gazetteer lacks ("Boni" in a story on Mali) rather than the city."""
    key = fold(name.text)
    country = gazetteer.country_code(index)
    if len(key) > SHORT_ALIAS_CHARS or not votes or votes[country] > 0:
        return False
    if int(gazetteer.population[index]) >= ALTERNATE_MIN_POPULATION:
        return False
    if any(
        gazetteer.country_code(c) == country and fold(gazetteer.names[c]) == key
        for c in name.candidates
    ):
        return False  # a place of that country has the name as its own: the Jenin governorate
    return not _own_spelling(gazetteer, index, name.text)


#: A city this large, called by its own name, is known by the gazetteer: a region after its name
#: does not say it is missing.
OUTSIDE_MAX_POPULATION = 100_000


def _outside_following(
    gazetteer: Gazetteer, name: Mentioned, index: int | None, region: int | None
) -> bool:
    """Whether a locality's name is followed by a region ("Rockingham, Northamptonshire") that none
    of its candidates lies in: the place meant is one the gazetteer lacks, inside that region.
    Names that could be regions themselves ("Ohio, Kentucky and Texas" is a list) or a large city
    ("New York City, Long Island, ...") are left alone, and so are regions without borders in the
    gazetteer (a supplement region's reach is unknown)."""
    if index is None or region is None:
        return False
    if int(gazetteer.kind[region]) not in (build.ADMIN1, build.ADMIN2):
        return False
    kind = int(gazetteer.kind[region])
    if any(
        int(gazetteer.kind[c]) not in (build.CITY, build.ADMIN2)
        or (  # a list of regions: "Grant, Mahnomen, Otter Tail"
            int(gazetteer.kind[c]) == kind
            and gazetteer.country_code(c) == gazetteer.country_code(region)
        )
        or (  # known by another name only, it may be another place's ("Kuriga" for Khouribga)
            int(gazetteer.kind[c]) == build.CITY
            and int(gazetteer.population[c]) >= OUTSIDE_MAX_POPULATION
            and _same_name(gazetteer.names[c], name.text)
        )
        for c in name.candidates
    ):
        return False
    if kind == build.ADMIN1:
        # a town the lists give no region (about 1,400 do) is judged by its distance instead
        return not any(
            int(gazetteer.admin1[c]) == region
            or (int(gazetteer.admin1[c]) < 0 and _within_reach(gazetteer, c, region))
            for c in name.candidates
        )
    return not any(_within_reach(gazetteer, c, region) for c in name.candidates)


#: A village told to lie near a town lies within this distance of it. (This was once written as
#: 80 km under the name NEAR_KM, which the 50 km NEAR_KM below overrode; 50 km is what has been
#: measured and tested: the Andriivka 52 km from Kurakhove is not the one a front report means.)
VILLAGE_NEAR_KM = 50.0


def _city_parts(
    gazetteer: Gazetteer, names: Sequence[Mentioned], text: str, choices: Sequence[Choice]
) -> dict[int, int]:
    """Per name the text makes a part of a city (by position): that city's chosen index. "The
    city's X" is of the last city named before it; "Y's X district" of the city Y."""
    parts: dict[int, int] = {}
    last_city: int | None = None
    last_named = 0
    for i, (name, choice) in enumerate(zip(names, choices, strict=True)):
        previous = choices[i - 1].index if i else None
        if last_city is not None and _THE_CITYS.search(text[max(0, name.start - 24) : name.start]):
            untagged = _city_named_between(gazetteer, text, names[last_named].end, name.start)
            parts[i] = last_city if untagged is None else untagged
        elif i - 1 in parts and _LIST_GAP.match(text[names[i - 1].end : name.start]):
            parts[i] = parts[i - 1]  # "the city's Kyivskyi and Saltivskyi districts"
        elif (
            previous is not None
            and int(gazetteer.kind[previous]) == build.CITY
            and _HELD_BY_PREVIOUS.match(text[names[i - 1].end : name.start])
            and _TOWN_PART_AFTER.match(text[name.end : name.end + 20])
        ):
            parts[i] = previous
        elif (
            choice.index is not None
            and int(gazetteer.kind[choice.index]) == build.CITY
            and not _weak(gazetteer, name, choice.index)
        ):
            last_city, last_named = choice.index, i
    return parts


#: A word the tagger left out that names a city this big may be "the city" meant.
_UNTAGGED_CITY_POPULATION = 50_000
_CAPITALIZED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _city_named_between(gazetteer: Gazetteer, text: str, start: int, end: int) -> int | None:
    """The last sizeable city named between two offsets by a word no span holds: in "Kherson's
    regional administration said shelling of the city's district", "the city" is Kherson, not a
    city named before it."""
    found = None
    for word in _CAPITALIZED.findall(text, start, end):
        cities = [
            c
            for c in gazetteer.lookup(word)
            if int(gazetteer.kind[c]) == build.CITY
            and int(gazetteer.population[c]) >= _UNTAGGED_CITY_POPULATION
        ]
        if cities:
            found = max(cities, key=lambda c: int(gazetteer.population[c]))
    return found


#: Confidence of a part of a city placed at the city, its namesakes all lying elsewhere.
CITY_PART_CONFIDENCE = 0.6


def _in_city(gazetteer: Gazetteer, name: Mentioned, choice: Choice, city: int) -> Choice:
    """The choice for a part of a city: its namesake in that city when the gazetteer has one (the
    chosen one first), else the city itself. Donetsk has a Kyivskyi district, and the Kyivskyi
    district of Kharkiv is not in Donetsk."""
    there = gazetteer.coordinates(city)
    if there is None:
        return choice

    def inside(index: int) -> bool:
        here = gazetteer.coordinates(index)
        return here is not None and haversine_km(*here, *there) <= CITY_PART_KM

    if choice.index is not None and inside(choice.index):
        return choice
    own = next((c for c in name.candidates if inside(c)), None)
    return Choice(index=city if own is None else own, confidence=CITY_PART_CONFIDENCE)


def _far_from_near(
    gazetteer: Gazetteer, name: Mentioned, index: int | None, town: int | None
) -> bool:
    """Whether a village said to lie near a town ("Andriivka near Kurakhove") has no namesake
    within VILLAGE_NEAR_KM of it: the one meant is too small for the gazetteer, so the town stands in.
    Ukraine alone has dozens of Andriivkas; the largest is not the one a front report means. A
    town of some size is left alone: "Bakhmut near Donetsk" stretches "near" to 70 km."""
    if index is None or town is None or int(gazetteer.kind[index]) != build.CITY:
        return False
    if int(gazetteer.population[index]) >= STRAY_MAX_POPULATION:
        return False
    there = gazetteer.coordinates(town)
    if there is None:
        return False
    return not any(
        int(gazetteer.kind[c]) == build.CITY
        and (here := gazetteer.coordinates(c)) is not None
        and haversine_km(*here, *there) <= VILLAGE_NEAR_KM
        for c in name.candidates
    )


#: Feature kinds that can stand in for an unknown name inside them: a locality or a region, not a
#: country (too coarse to place a street or a school).
_HOLDER_KINDS = frozenset({build.CITY, build.ADMIN2, build.ADMIN1, build.REGION})
#: Between an unknown name and the place right after it that holds it: "X in Y", "X, Y", "X at Y",
#: "X village in Y".
_HELD_BY_NEXT = re.compile(
    r"^\s*(?:(?:village|town|hamlet|settlement|camp)\b\s*)?"
    r"(?:,|,?\s*(?:in|at|near|outside)\b(?:\s+(?:the\s+)?"
    r"(?:city|town|village|suburb|borough|community|neighbou?rhood)\s+of|\s+the)?)\s*$",
    re.IGNORECASE,
)
#: Between an unknown area and the region that holds it: "the Neelum Valley of Pakistan-administered
#: Kashmir" (for areas only: "the Bank of Kigali" is no place in Kigali).
_OF_THE_NEXT = re.compile(r"^\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: Between a place and the unknown name right after it that it holds: "Bratislava's Kamenne Square".
_HELD_BY_PREVIOUS = re.compile(r"^['’]s?\s+$")


def _local_holders(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    choices: Sequence[Choice],
    unplaced: Sequence[bool],
    text: str,
) -> dict[int, int]:
    """Per unknown name (by position): the locality its own phrase places it in, if any. Unknown
    names in a row ("X Street, Y Avenue, Z") pass the holder along."""

    def holder(j: int) -> int | None:
        index = choices[j].index
        if unplaced[j] or index is None or _weak(gazetteer, names[j], index):
            return None
        return index if int(gazetteer.kind[index]) in _HOLDER_KINDS else None

    found: dict[int, int] = {}
    if not text:
        return found
    for i in reversed(range(len(names))):  # right to left, so "X, Y Street, Z" chains to Z
        if not unplaced[i]:
            continue
        gap = text[names[i].end : names[i + 1].start] if i + 1 < len(names) else ""
        if i + 1 < len(names) and (
            _HELD_BY_NEXT.match(gap) or (_OF_THE_NEXT.match(gap) and _names_an_area(names[i], text))
        ):
            nxt = holder(i + 1) if not unplaced[i + 1] else found.get(i + 1)
            if nxt is not None:
                found[i] = nxt
                continue
        if i > 0 and _HELD_BY_PREVIOUS.match(text[names[i - 1].end : names[i].start]):
            before = holder(i - 1)
            if before is not None:
                found[i] = before
                continue
    return found


def _weak(gazetteer: Gazetteer, name: Mentioned, index: int) -> bool:
    """A city named by a part of a longer name is weak evidence of where the document is ("Ronald
    Wilson Reagan Middle"); a region or country so named is not ("Florida Atlantic University")."""
    return name.partial and int(gazetteer.kind[index]) not in (build.ADMIN1, build.COUNTRY)


#: A place named by a part of a longer name fits the document within this distance of its places.
FIT_KM = 200.0


def _fits_document(gazetteer: Gazetteer, index: int, own: str, context: _Context) -> bool:
    """Whether a place lies where the document's other (fully named) places are.

    Regions and countries fit when the document's other places vote for their country; other places
    when they lie within FIT_KM of one of those places. A document with no other place has nothing
    to contradict the part; a continent or a region in no country is contradicted by nothing. Any
    place fits when the document names its first-level region.
    """
    points = [(lat, lon) for key, lat, lon in context.anchors if key != own] + [
        (lat, lon)
        for members in context.placed_in.values()
        for key, lat, lon in members
        if key != own
    ]
    votes = context.countries - context.own.get(own, Counter())
    if not points and not votes:
        return True
    kind = int(gazetteer.kind[index])
    if int(gazetteer.admin1[index]) in context.admin1:  # "X camp in Hasakah province"
        return True
    if kind in (build.COUNTRY, build.ADMIN1, build.CONTINENT, build.REGION):
        country = gazetteer.country_code(index)
        # a continent or a region across borders ("Council of Europe") lies in no country that
        # could contradict it
        return not country or votes[country] > 0
    point = gazetteer.coordinates(index)
    return point is not None and any(
        haversine_km(*point, lat, lon) <= FIT_KM for lat, lon in points
    )


def _focus(
    gazetteer: Gazetteer,
    names: Sequence[Mentioned],
    choices: Sequence[Choice],
    context: _Context,
    *,
    bare_localities: bool = False,
) -> int | None:
    """The document's main locality: its most-mentioned city in its most-mentioned country, else its
    home region there, else None (a country alone does not place a street or a village). Mentions are
    counted, not distinct names: the story's subject is named again and again; between cities named
    as often, the one in the most-voted region wins, then the larger. Names known only by a part do
    not count. For `bare_localities` (unknown names written bare, as villages are), a capital's
    dateline does not count either: the agencies file from capitals about the whole country
    ("BAMAKO - ... a camp in Boulkessi" is not near Bamako, even when the story names Bamako
    again), while "the West Wing" of a story filed from Washington is there."""
    filed_from = {
        c.index
        for n, c in zip(names, choices, strict=True)
        if bare_localities and n.dateline and c.index is not None and gazetteer.capital[c.index]
    }
    placed = [
        c.index
        for n, c in zip(names, choices, strict=True)
        if c.index is not None and not _weak(gazetteer, n, c.index) and c.index not in filed_from
    ]
    countries = Counter(gazetteer.country_code(i) for i in placed if gazetteer.country_code(i))
    if not countries:
        return None
    country = countries.most_common(1)[0][0]
    cities = Counter(
        i
        for i in placed
        if int(gazetteer.kind[i]) == build.CITY and gazetteer.country_code(i) == country
    )
    # a district named after a town the text names too counts for the town: "Bijapur district"
    # speaks of the story's Bijapur as much as the dateline "BIJAPUR" does
    towns = {(fold(gazetteer.names[i]), int(gazetteer.admin1[i])): i for i in cities}
    cities.update(
        town
        for i in placed
        if int(gazetteer.kind[i]) == build.ADMIN2
        and (town := towns.get((fold(gazetteer.names[i]), int(gazetteer.admin1[i])))) is not None
    )
    if cities:  # ties go to the city in the most-voted region, then to the larger one
        focus = max(
            cities,
            key=lambda i: (
                cities[i],
                context.admin_votes.get(int(gazetteer.admin1[i]), 0),
                int(gazetteer.population[i]),
            ),
        )
        return focus if _local_story(gazetteer, focus, cities) else None
    # a region only the left-out dateline votes for is left out too ("BEIRUT -": not Beirut province)
    held = {int(gazetteer.admin1[i]) for i in placed} | set(placed)
    regions = [
        (votes, i)
        for i, votes in context.admin_votes.items()
        if gazetteer.country_code(i) == country and (not bare_localities or i in held)
    ]
    return max(regions)[1] if regions else None


#: The focus town stands in for unknown names only when most of the document's town mentions lie
#: within this distance of it: a story about one town and its surroundings. A report ranging over a
#: war zone names villages the gazetteer lacks anywhere along the front.
FOCUS_REACH_KM = 150.0
#: The share of town mentions that must lie within FOCUS_REACH_KM of the focus.
FOCUS_SHARE = 0.5


def _local_story(gazetteer: Gazetteer, focus: int, cities: Counter[int]) -> bool:
    here = gazetteer.coordinates(focus)
    if here is None:
        return False
    near = sum(
        count
        for city, count in cities.items()
        if (point := gazetteer.coordinates(city)) is not None
        and haversine_km(*here, *point) <= FOCUS_REACH_KM
    )
    return near > FOCUS_SHARE * sum(cities.values())


#: A city known under the written name only as an alternate name stays a candidate next to places
#: whose main name it is when it has at least this many people (Bombay, Saigon, Kiev).
ALTERNATE_MIN_POPULATION = 1_000_000


def _pool(gazetteer: Gazetteer, name: Mentioned) -> list[int]:
    candidates = [c for c in name.candidates if gazetteer.coordinates(c) is not None]
    candidates = _prefer_main_names(gazetteer, name.text, candidates)
    if len(candidates) > MAX_CANDIDATES:
        candidates.sort(key=lambda c: -int(gazetteer.population[c]))
        candidates = candidates[:MAX_CANDIDATES]
    return candidates


def _prefer_main_names(gazetteer: Gazetteer, text: str, candidates: list[int]) -> list[int]:
    """Drop small places that carry the name only as an alternate name when some place has it as
    its main name: "Elizabethtown" is Elizabethtown, not Elizabeth, New Jersey (once so called)."""
    # as written, not merged by transliteration variants: "Mokha" is no main name of Moha
    key = _expanded(fold(text))
    main = [c for c in candidates if _is_main_name(gazetteer, c, key)]
    if not main or len(main) == len(candidates):
        return candidates
    # the region may be known by the written name only as another name too ("Saada" for Şāʻdah)
    regions = [c for c in candidates if int(gazetteer.kind[c]) == build.ADMIN1]
    return [
        c
        for c in candidates
        if c in main
        or int(gazetteer.kind[c]) != build.CITY
        or int(gazetteer.population[c]) >= ALTERNATE_MIN_POPULATION
        or _seat_known_by_another_romanization(gazetteer, c, regions)
    ]


def _seat_known_by_another_romanization(
    gazetteer: Gazetteer, town: int, regions: list[int]
) -> bool:
    """A town of a non-Latin-script country that carries the name of the first-level region it lies
    in: the region is named after it, and the gazetteer writes the town in another romanization
    ("Janīn" for Jenin, the seat of Jenin Governorate)."""
    return gazetteer.country_code(town) in build.ROMANIZED_COUNTRIES and any(
        _seat_of(gazetteer, town, region) for region in regions
    )


def _is_main_name(gazetteer: Gazetteer, index: int, key: str) -> bool:
    """Whether `key` is the place's main name, one half of a two-name display ("A / B"), or a name
    the supplement gives it ("Palmyra" for Tadmur)."""
    return any(_expanded(fold(part)) == key for part in gazetteer.names[index].split(" / ")) or any(
        _expanded(name) == key for name in gazetteer.curated.get(index, ())
    )


_ABBREVIATED = re.compile(r"\b(st|ste|mt|ft|pt)\b")
_SPELLED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


@functools.lru_cache(maxsize=65536)
def spelled_key(name: str) -> str:
    """The match key of a name with abbreviations spelled out ("St. Paul" -> "saint paul")."""
    return _expanded(match_key(name))


def _expanded(key: str) -> str:
    """Abbreviations spelled out, so "St. Paul" and "Saint Paul" count as the same main name."""
    return _ABBREVIATED.sub(lambda m: _SPELLED[m.group(1)], key)


@dataclasses.dataclass(slots=True)
class _Context:
    countries: Counter[str]
    own: dict[str, Counter[str]]  # name key -> the country votes that name itself cast
    admin1: set[int]
    admin_votes: Counter[int]  # admin1 index -> votes of the places placed in it
    own_admin: dict[str, Counter[int]]  # name key -> the admin1 votes that name itself cast
    anchors: list[tuple[str, float, float]]  # (folded name, lat, lon) of confidently placed names
    #: name position -> chosen index of a region right after "Name, " or "Name in "
    following: dict[int, int]
    #: admin1 index -> (folded name, lat, lon) of the places placed in it
    placed_in: dict[int, list[tuple[str, float, float]]] = dataclasses.field(default_factory=dict)
    #: positions of names listed next to a first-level region ("Ohio, New York and Texas")
    beside_admin1: set[int] = dataclasses.field(default_factory=set)
    #: name position -> chosen index of the town right after "Name near "
    near: dict[int, int] = dataclasses.field(default_factory=dict)
    #: name position -> chosen index of the city the text makes it a part of (`_THE_CITYS`)
    part_of: dict[int, int] = dataclasses.field(default_factory=dict)
    memo: _Memo = dataclasses.field(default_factory=_Memo)

    @classmethod
    def empty(cls) -> _Context:
        return cls(Counter(), {}, set(), Counter(), {}, [], {})

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
            if choice.index is None or _weak(gazetteer, names[i], choice.index):
                continue
            kind = int(gazetteer.kind[choice.index])
            country = gazetteer.country_code(choice.index)
            key = fold(names[i].text)
            if country and key not in voted:  # each distinct name votes once
                voted.add(key)
                # a country named, or the city a story is filed from, says whose story it is
                weight = 2 if kind == build.COUNTRY or names[i].dateline else 1
                context.countries[country] += weight
                context.own.setdefault(key, Counter())[country] += weight
            if kind == build.ADMIN1:
                context.admin1.add(choice.index)
            home = choice.index if kind == build.ADMIN1 else int(gazetteer.admin1[choice.index])
            if home >= 0 and key not in context.own_admin:
                context.admin_votes[home] += 1
                context.own_admin[key] = Counter({home: 1})
            point = gazetteer.coordinates(choice.index)
            if home >= 0 and point is not None and kind != build.ADMIN1:
                context.placed_in.setdefault(home, []).append((key, point[0], point[1]))
            if (
                point is not None
                and kind in (build.CITY, build.ADMIN2, build.FEATURE)
                and (len(pool) <= 3 or choice.confidence >= 0.8)
            ):
                context.anchors.append((fold(names[i].text), point[0], point[1]))
        for i in range(len(names) - 1):
            nxt, choice = names[i + 1], choices[i + 1]
            gap = text[names[i].end : nxt.start]
            if _LIST_GAP.match(gap):
                for here, other in ((i, choices[i + 1]), (i + 1, choices[i])):
                    if other.index is not None and int(gazetteer.kind[other.index]) == build.ADMIN1:
                        context.beside_admin1.add(here)
            if (
                choice.index is not None
                and (gap.strip() == "," or _IN_GAP.match(gap))
                and int(gazetteer.kind[choice.index]) in _FOLLOWING_KINDS
            ):
                context.following[i] = choice.index
            if (
                choice.index is not None
                and _NEAR_GAP.match(gap)
                and int(gazetteer.kind[choice.index]) == build.CITY
            ):
                context.near[i] = choice.index
        context.part_of = _city_parts(gazetteer, names, text, choices)
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
    view = _View.of(gazetteer, name, pool, context)
    scores = np.array([_score(gazetteer, name, c, context, position, view) for c in pool])
    _add_fame(gazetteer, name, pool, context, position, view, scores)
    if name.dateline or name.city_hint:
        scores -= _not_a_city_penalty(gazetteer, pool)
    if not (name.admin_hint or name.state_hint):
        key = tuple(pool)
        if key not in context.memo.penalties:
            context.memo.penalties[key] = _city_state_penalty(gazetteer, pool)
        penalty, seats = context.memo.penalties[key]
        for region, city in seats:
            # unless a third place has the name as written and neither of these does: the
            # Samara oblast does not carry Samara past Samarra
            if not view.exact or any(
                _own_name(gazetteer, pool[k], view.key) for k in (region, city)
            ):
                scores[city] = max(scores[city], scores[region])
        scores -= penalty
        if position not in context.beside_admin1:
            scores -= _metropolis_penalty(gazetteer, pool, context, view.key)
    order = np.argsort(-scores)
    best = pool[int(order[0])]
    margin = float(scores[order[0]] - scores[order[1]]) if len(pool) > 1 else 3.0
    confidence = 1.0 / (1.0 + math.exp(-1.5 * margin))
    if len(name.candidates) > CROWDED:
        confidence *= 0.6
    return Choice(index=best, confidence=round(confidence, 3))


#: Taken off the regions and features a dateline's name, or a name called a city or a town, could be
#: when it could be a city too.
DATELINE_NOT_CITY = 5.0


def _not_a_city_penalty(gazetteer: Gazetteer, pool: list[int]) -> np.ndarray:
    """Wire services date a story from a city: "GAZA (Reuters)" is Gaza City, not the Strip."""
    cities = np.array([int(gazetteer.kind[c]) == build.CITY for c in pool])
    return np.where(cities, 0.0, DATELINE_NOT_CITY) if cities.any() else np.zeros(len(pool))


def _closest_km(
    gazetteer: Gazetteer, pool: list[int], context: _Context, own: str
) -> dict[int, float]:
    """Per candidate, the distance to the nearest anchor with another name (one matrix)."""
    others = [(lat, lon) for key, lat, lon in context.anchors if key != own]
    located = [c for c in pool if gazetteer.coordinates(c) is not None]
    if not others or not located:
        return {}
    coords = np.radians(np.array(others, dtype=np.float64))
    here = np.radians(np.array([gazetteer.coordinates(c) for c in located], dtype=np.float64))
    lat1, lon1 = here[:, :1], here[:, 1:]
    a = (
        np.sin((coords[:, 0] - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(coords[:, 0]) * np.sin((coords[:, 1] - lon1) / 2) ** 2
    )
    distances = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a.min(axis=1), 0.0, 1.0)))
    return {c: float(d) for c, d in zip(located, distances, strict=True)}


def _names_nearby(gazetteer: Gazetteer, pool: list[int], memo: _Memo, own: str) -> dict[int, int]:
    """For each candidate of a name: how many other names could be a place within NEAR_KM of it.

    One matrix for the whole pool against every candidate point of the other names.
    """
    others = [key for key in memo.pool_points if key != own]
    located = [c for c in pool if gazetteer.coordinates(c) is not None]
    if not others or not located:
        return dict.fromkeys(pool, 0)
    points = np.concatenate([memo.pool_points[key] for key in others])
    owner = np.repeat(np.arange(len(others)), [len(memo.pool_points[key]) for key in others])
    onehot = np.zeros((len(points), len(others)))
    onehot[np.arange(len(points)), owner] = 1.0
    here = np.radians(np.array([gazetteer.coordinates(c) for c in located], dtype=np.float64))
    lat1, lon1 = here[:, :1], here[:, 1:]
    a = (
        np.sin((points[:, 0] - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(points[:, 0]) * np.sin((points[:, 1] - lon1) / 2) ** 2
    )
    close = (a <= math.sin(NEAR_KM / (2 * _EARTH_KM)) ** 2).astype(np.float64)
    counts = ((close @ onehot) > 0).sum(axis=1)
    found = {c: int(n) for c, n in zip(located, counts, strict=True)}
    return {c: found.get(c, 0) for c in pool}


#: Another name "could be a place close by" when one of its candidates lies within this distance.
NEAR_KM = 50.0


def _city_state_penalty(gazetteer: Gazetteer, pool: list[int]) -> _CityOverRegion:
    """Prefer a city over the region named after it and centred on it (Yerevan, Moscow, Tehran).

    In a country of another script the city also takes the province's standing: the gazetteer
    often writes the two in different romanizations ("Jenin" governorate, "Janin" city; "Saada",
    "Sa'dah"), and a namesake village abroad spelled as written would pass the city on spelling
    alone. Elsewhere the spelling is shared and the city competes on its own ("Albany")."""
    penalty = np.zeros(len(pool))
    seats: list[tuple[int, int]] = []
    cities = [(j, c) for j, c in enumerate(pool) if int(gazetteer.kind[c]) == build.CITY]
    if not cities:
        return penalty, seats
    for k, c in enumerate(pool):
        if int(gazetteer.kind[c]) not in (build.ADMIN1, build.ADMIN2):
            continue
        region_point = gazetteer.coordinates(c)
        if region_point is None:
            continue
        for j, city in cities:
            city_point = gazetteer.coordinates(city)
            big = int(gazetteer.population[city]) >= 0.2 * int(gazetteer.population[c])
            reach = 40 if int(gazetteer.kind[c]) == build.ADMIN1 else 100
            if city_point is not None and big and haversine_km(*region_point, *city_point) < reach:
                penalty[k] = 5.0
                country = gazetteer.country_code(c)
                if (
                    int(gazetteer.kind[c]) == build.ADMIN1
                    and country in build.ROMANIZED_COUNTRIES
                    and gazetteer.country_code(city) == country
                ):
                    seats.append((k, j))
                break
    return penalty, seats


#: A city this big (or a national capital) is what its bare name means in the news, rather than a
#: first-level region of the same name elsewhere in its country ("Washington", "New York").
METROPOLIS_POPULATION = 1_000_000
#: A town this big inside a first-level region named after it is what the bare name means
#: ("Kherson", "Donetsk"); the region takes a kind word ("Kherson region").
SEAT_POPULATION = 10_000
#: Places of other names in the region farther than this from the city show the region is meant.
METROPOLIS_REACH_KM = 150.0


def _metropolis_penalty(
    gazetteer: Gazetteer, pool: list[int], context: _Context, own: str
) -> np.ndarray:
    """Lower a first-level region that shares its name with a capital or a metropolis of its country,
    or with a town of some size inside it (the region is named after its seat).

    The region keeps its score when the document places other names in it away from the city
    (an article about upstate towns means the state), when the name stands in a list next to
    another such region ("Ohio, New York and Texas"), and after "X state" or "X province".
    """
    penalty = np.zeros(len(pool))
    famous = {
        c
        for c in pool
        if int(gazetteer.kind[c]) == build.CITY
        and (bool(gazetteer.capital[c]) or int(gazetteer.population[c]) >= METROPOLIS_POPULATION)
    }
    seats = {
        c
        for c in pool
        if int(gazetteer.kind[c]) == build.CITY
        and int(gazetteer.population[c]) >= SEAT_POPULATION
        and (
            spelled_key(gazetteer.names[c]) == spelled_key(own)
            or (
                gazetteer.country_code(c) in build.ROMANIZED_COUNTRIES
                # another romanization spells the same words: "Bihar Sharif" is no "Bihar"
                and len(spelled_key(gazetteer.names[c]).split()) == len(spelled_key(own).split())
            )
        )
    }
    if not famous and not seats:
        return penalty
    for k, region in enumerate(pool):
        if int(gazetteer.kind[region]) != build.ADMIN1:
            continue
        country = gazetteer.country_code(region)
        for city in famous | {c for c in seats if _seat_of(gazetteer, c, region)}:
            city_point = gazetteer.coordinates(city)
            if city_point is None or gazetteer.country_code(city) != country:
                continue
            evidence = any(
                key != own and haversine_km(lat, lon, *city_point) > METROPOLIS_REACH_KM
                for key, lat, lon in context.placed_in.get(region, [])
            )
            if not evidence:
                penalty[k] = WEIGHTS["metropolis"]
                break
    return penalty


#: A town this close to a region's point of its country is taken to lie in it when the gazetteer
#: records another first-level region for it (GeoNames puts the towns of the Palestinian
#: governorates in "West Bank" and "Gaza Strip").
SEAT_REACH_KM = 50.0


def _seat_of(gazetteer: Gazetteer, town: int, region: int) -> bool:
    """Whether `town` lies in first-level `region`, so that the region can be named after it."""
    if int(gazetteer.admin1[town]) == region:
        return True
    if gazetteer.country_code(town) != gazetteer.country_code(region):
        return False
    here, there = gazetteer.coordinates(town), gazetteer.coordinates(region)
    return here is not None and there is not None and haversine_km(*here, *there) <= SEAT_REACH_KM


@dataclasses.dataclass(frozen=True, slots=True)
class _View:
    """The context as one name sees it: without its own votes, with distances for its pool."""

    key: str
    votes: Counter[str]
    top_votes: int
    admin_votes: Counter[int]
    top_admin_votes: int
    closest: dict[int, float]  # candidate -> km to the nearest anchor of another name
    nearby: dict[int, int]  # candidate -> other names that could be a place close by
    #: whether some candidate has the written name as its own, letter for letter
    exact: bool = False

    @classmethod
    def of(cls, gazetteer: Gazetteer, name: Mentioned, pool: list[int], context: _Context) -> _View:
        key = fold(name.text)
        votes = context.countries - context.own.get(key, Counter())
        admin_votes = context.admin_votes - context.own_admin.get(key, Counter())
        if context.memo.pool_points and key not in context.memo.nearby:
            context.memo.nearby[key] = _names_nearby(gazetteer, pool, context.memo, key)
        return cls(
            key=key,
            votes=votes,
            top_votes=max(votes.values(), default=0),
            admin_votes=admin_votes,
            top_admin_votes=max(admin_votes.values(), default=0),
            closest=_closest_km(gazetteer, pool, context, key),
            nearby=context.memo.nearby.get(key, {}),
            exact=any(_own_name(gazetteer, c, key) and not _village(gazetteer, c) for c in pool),
        )


def _village(gazetteer: Gazetteer, c: int) -> bool:
    """A locality too small for its exact spelling to outweigh a city's variant of it: a hamlet
    written "Zaporizhzhia" does not take the name from the city GeoNames writes Zaporizhzhya."""
    return (
        int(gazetteer.kind[c]) == build.CITY and int(gazetteer.population[c]) < STRAY_MAX_POPULATION
    )


def _own_name(gazetteer: Gazetteer, c: int, key: str) -> bool:
    """Whether the folded written name `key` is the place's own: its main name (abbreviations
    spelled out: "St. Petersburg") or a name the supplement gives it."""
    own = fold(gazetteer.names[c])
    return own == key or _expanded(own) == _expanded(key) or key in gazetteer.curated.get(c, ())


def _add_fame(
    gazetteer: Gazetteer,
    name: Mentioned,
    pool: list[int],
    context: _Context,
    position: int,
    view: _View,
    scores: np.ndarray,
) -> None:
    """A famous place (a capital, a metropolis) loses only to a namesake the document points to.

    Its name brings its country into the story, so it is scored as if its country were named,
    unless a namesake with local evidence (its region named, a place near it named) already
    outscores it: a mere country vote for a village does not beat Washington or London.
    """
    famous = [k for k, c in enumerate(pool) if _famous(gazetteer, c, view.key)]
    for k in famous:
        # a village near the story's places is no rival to a capital whose country the story
        # names too: "In Washington, ... expelled from the United States" in a London story
        named = view.votes[gazetteer.country_code(pool[k]) or ""] > 0
        rival = max(
            (
                float(scores[j])
                for j, c in enumerate(pool)
                if j not in famous
                and _local(gazetteer, c, context, view.closest, view.nearby, village_far=named)
            ),
            default=-math.inf,
        )
        if scores[k] >= rival:
            scores[k] = _score(gazetteer, name, pool[k], context, position, view, fame=True)


def _famous(gazetteer: Gazetteer, c: int, key: str) -> bool:
    """A national capital or a metropolis called by its own name: known the world over."""
    return (
        int(gazetteer.kind[c]) == build.CITY
        and (bool(gazetteer.capital[c]) or int(gazetteer.population[c]) >= METROPOLIS_POPULATION)
        and fold(gazetteer.names[c]) == key
    )


def _local(
    gazetteer: Gazetteer,
    c: int,
    context: _Context,
    closest: dict[int, float],
    nearby: dict[int, int],
    *,
    village_far: bool = False,
) -> bool:
    """Whether the document points to this very candidate: its region or a place near it is named.

    With `village_far`, a village counts only a place named within VILLAGE_LOCAL_KM of it.
    """
    admin = int(gazetteer.admin1[c])
    reach = VILLAGE_LOCAL_KM if village_far and _village(gazetteer, c) else LOCAL_KM
    return (
        (admin >= 0 and admin in context.admin1 and not _nationwide(gazetteer, admin))
        or closest.get(c, math.inf) < reach
        or nearby.get(c, 0) > 0
    )


#: A place named within this distance of a candidate is local evidence for it.
LOCAL_KM = 200.0
#: The same for a village, when a capital of its name stands in a country the story names.
VILLAGE_LOCAL_KM = 50.0


def _nationwide(gazetteer: Gazetteer, region: int) -> bool:
    """A first-level region holding most of its country's people (England): naming it says as
    little as naming the country."""
    country = gazetteer.index_of_country(gazetteer.country_code(region))
    return country is not None and 2 * int(gazetteer.population[region]) > int(
        gazetteer.population[country]
    )


#: Regions that can follow a place's name to say where it is ("Croft, Yorkshire"): first-level
#: regions and countries by membership, the others (_AREA_KINDS) by distance.
_FOLLOWING_KINDS = frozenset({build.ADMIN1, build.COUNTRY, build.ADMIN2, build.REGION})
_AREA_KINDS = frozenset({build.ADMIN2, build.REGION})
#: A place lies in a second-level or a named region ("Croft, Yorkshire") when its point is this close
#: to the region's: the gazetteer does not record membership below the first level.
AREA_REACH_KM = 100.0


def _within_reach(gazetteer: Gazetteer, c: int, region: int) -> bool:
    here, there = gazetteer.coordinates(c), gazetteer.coordinates(region)
    return (
        c != region
        and here is not None
        and there is not None
        and haversine_km(*here, *there) <= AREA_REACH_KM
    )


def _score(
    gazetteer: Gazetteer,
    name: Mentioned,
    c: int,
    context: _Context,
    position: int,
    view: _View,
    *,
    fame: bool = False,
) -> float:
    kind = int(gazetteer.kind[c])
    population = int(gazetteer.population[c])
    score = _KIND_PRIOR.get(kind, 0.0) + WEIGHTS["population"] * math.log10(population + 10)
    # an abbreviation spelled out ("St." for "Saint") is the same name; a transliteration variant
    # (a letter doubled) only when no place has the name letter for letter: "Samarra" is Samarra,
    # not Samara
    own_name = _own_name(gazetteer, c, view.key) or (
        not view.exact and spelled_key(gazetteer.names[c]) == spelled_key(name.text)
    )
    if own_name:
        score += WEIGHTS["exact_name"]
    if name.admin_hint and kind in (build.ADMIN1, build.ADMIN2):
        score += WEIGHTS["admin_hint"]
    if name.state_hint and kind == build.ADMIN1:
        score += WEIGHTS["admin_hint"]
    country = gazetteer.country_code(c)
    if view.top_votes and country:
        share = view.votes[country] / view.top_votes
        score += WEIGHTS["country"] * (max(share, WEIGHTS["fame_floor"]) if fame else share)
    elif view.top_votes:  # an ocean or a continent lies in no country: no vote can count against it
        score += WEIGHTS["country"] * WEIGHTS["borderless"]
    admin = int(gazetteer.admin1[c])
    if admin >= 0 and admin in context.admin1:
        score += WEIGHTS["admin1"]
    if kind == build.CITY and population > 100_000 and own_name:  # "Mexico" is not Mexico City
        # a national capital is as well known as a metropolis, whatever its size
        decades = 2.0 if fame and gazetteer.capital[c] else math.log10(population / 100_000)
        score += WEIGHTS["big_city"] * min(2.0, decades)
    home = c if kind == build.ADMIN1 else admin
    # England as a home region says no more than the United Kingdom does
    if home >= 0 and view.top_admin_votes and not _nationwide(gazetteer, home):
        score += WEIGHTS["home_admin1"] * view.admin_votes[home] / view.top_admin_votes
    region = context.following.get(position)
    if region is not None and int(gazetteer.kind[region]) in _AREA_KINDS:
        score += WEIGHTS["city_region"] if _within_reach(gazetteer, c, region) else 0.0
    elif region is not None and (admin == region or gazetteer.country_code(region) == country):
        score += WEIGHTS["city_region"] if admin == region or kind != build.COUNTRY else 0.0
    if kind in (build.CITY, build.ADMIN2):
        score += WEIGHTS["cooccur"] * min(view.nearby.get(c, 0), 2) / 2
    closest = view.closest.get(c, math.inf)
    if closest < 50:
        score += WEIGHTS["near50"]
    elif closest < 200:
        score += WEIGHTS["near200"]
    return score

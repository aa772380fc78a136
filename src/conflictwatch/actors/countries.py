"""Country names, demonyms, capitals and seats of government -> ISO 3166 alpha-3.

The table is data/countries.tsv. `country_of` first tries the whole phrase, then looks for the first
country word inside it ("Armenian Defense Ministry", "Russia's Foreign Ministry", "the government of
Azerbaijan"): the leading country wins when a phrase names several.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.resources
from collections.abc import Iterator

from conflictwatch.actors.normalize import fold

# How a phrase names a country; the resolver turns each into a different kind of actor.
NAME = "name"  # Armenia, the Russian Federation
DEMONYM = "demonym"  # Armenian, Azerbaijanis
SEAT = "seat"  # Yerevan, the Kremlin, the White House


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    iso3: str
    iso2: str
    name: str
    demonym: str | None  # the first adjective, for display ("Armenian")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CountryHit:
    """A country word found in a phrase: words [start, end) of the folded phrase."""

    country: Country
    how: str  # NAME, DEMONYM or SEAT
    start: int
    end: int


@dataclasses.dataclass(frozen=True, slots=True)
class CountryTable:
    """Lookup of folded forms: lower-case keys, plus abbreviations that only count in capitals."""

    by_key: dict[str, tuple[Country, str]]
    by_abbreviation: dict[str, tuple[Country, str]]  # "US", "UK", "UAE": never "us"
    by_iso3: dict[str, Country]
    longest: int  # the most words any key has

    def lookup(self, phrase_words: list[str]) -> tuple[Country, str] | None:
        """The country a whole folded word sequence names, if any."""
        joined = " ".join(phrase_words)
        hit = self.by_abbreviation.get(joined)
        if hit is None and not _is_abbreviation(joined):
            hit = self.by_key.get(joined.casefold())
        return hit


def _is_abbreviation(form: str) -> bool:
    return 2 <= len(form) <= 5 and form.isalpha() and form.isupper()


def _plural_forms(demonym: str) -> list[str]:
    """ "Armenian" -> "Armenians"; "Azerbaijani" -> "Azerbaijanis"; "Chinese" stays as it is."""
    if demonym.endswith(("s", "ese", "sh", "x")):
        return []
    return [demonym + "s"]


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


@functools.cache
def load_countries() -> CountryTable:
    """The table from data/countries.tsv (read once)."""
    resource = importlib.resources.files("conflictwatch") / "data" / "countries.tsv"
    lines = [line for line in resource.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    by_key: dict[str, tuple[Country, str]] = {}
    by_abbreviation: dict[str, tuple[Country, str]] = {}
    by_iso3: dict[str, Country] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        demonyms = _split(row["demonyms"])
        country = Country(
            iso3=row["iso3"],
            iso2=row["iso2"],
            name=row["name"],
            demonym=demonyms[0] if demonyms else None,
        )
        by_iso3[country.iso3] = country
        forms: list[tuple[str, str]] = [(row["name"], NAME)]
        forms += [(alias, NAME) for alias in _split(row["aliases"])]
        forms += [(d, DEMONYM) for d in demonyms]
        forms += [(p, DEMONYM) for d in demonyms for p in _plural_forms(d)]
        forms += [(s, SEAT) for s in [row["capital"], *_split(row["seats"])] if s]
        for form, how in forms:
            folded = fold(form)
            if _is_abbreviation(folded):
                by_abbreviation.setdefault(folded, (country, how))
            else:
                by_key.setdefault(folded.casefold(), (country, how))
    longest = max(len(k.split(" ")) for k in [*by_key, *by_abbreviation])
    return CountryTable(by_key, by_abbreviation, by_iso3, longest)


def country_forms() -> list[str]:
    """Every name, demonym and seat in the table, as written (abbreviations in capitals)."""
    table = load_countries()
    return [*table.by_key, *table.by_abbreviation]


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def country_at(tokens: list[str], i: int) -> CountryHit | None:
    """The longest country phrase starting at folded word `i` (capitalized words only)."""
    if not (_capitalized(tokens[i]) or tokens[i].casefold() == "the"):
        return None
    table = load_countries()
    for n in range(min(table.longest, len(tokens) - i), 0, -1):
        window = tokens[i : i + n]
        if not _capitalized(window[-1]):
            continue
        hit = table.lookup(window)
        if hit is not None:
            return CountryHit(country=hit[0], how=hit[1], start=i, end=i + n)
    return None


def find_countries(phrase: str) -> Iterator[CountryHit]:
    """Every country word in a phrase, left to right, longest match first at each position.

    Inside a phrase only capitalized words count ("Turkey", not "turkey"; "US", not "us").
    """
    tokens = fold(phrase).split(" ") if phrase.strip() else []
    i = 0
    while i < len(tokens):
        found = country_at(tokens, i)
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


def _strip_article(tokens: list[str]) -> list[str]:
    return tokens[1:] if tokens[:1] and tokens[0].casefold() == "the" else tokens


def country_hit(phrase: str) -> tuple[Country, str] | None:
    """The country a whole phrase names (any case), e.g. "Azerbaijanis", "the Kremlin", "armenia"."""
    if not phrase or len(phrase) > 200:
        return None
    table = load_countries()
    tokens = fold(phrase).split(" ") if phrase.strip() else []
    for candidate in (tokens, _strip_article(tokens)):
        if not candidate:
            continue
        hit = table.lookup(candidate)
        if hit is not None:
            return hit
    return None


def country_of(text: str) -> str | None:
    """ISO 3166 alpha-3 of the country a phrase names or belongs to, else None.

    Accepts a country name ("Armenia", "the United States"), a demonym ("Azerbaijani", "the Turks"),
    a capital or government seat ("Yerevan", "the Kremlin", "Washington"), a state institution
    ("Armenian Defense Ministry", "Russia's Foreign Ministry", "the government of Azerbaijan"), or an
    ISO3 code as written in upper case. With several countries in the phrase, the first one wins.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 2000:
        return None
    stripped = text.strip()
    table = load_countries()
    if len(stripped) == 3 and stripped.isupper() and stripped in table.by_iso3:
        return stripped
    whole = country_hit(stripped)
    if whole is not None:
        return whole[0].iso3
    for hit in find_countries(stripped):
        return hit.country.iso3
    return None


def country(iso3: str) -> Country | None:
    """The table's row for an ISO3 code."""
    return load_countries().by_iso3.get(iso3)


__all__ = [
    "DEMONYM",
    "NAME",
    "SEAT",
    "Country",
    "CountryHit",
    "country",
    "country_at",
    "country_forms",
    "country_hit",
    "country_of",
    "find_countries",
    "load_countries",
]

"""The table of news agencies (data/news_agencies.tsv): names, spellings and web domains."""

from __future__ import annotations

import dataclasses
import functools
import re

from conflictwatch.datafiles import read_tsv


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Agency:
    name: str  # canonical, e.g. "RFE/RL"
    spellings: tuple[str, ...]  # the name and its variants, as written in texts
    domains: tuple[str, ...]


@functools.cache
def load_agencies() -> tuple[Agency, ...]:
    """Every agency in the table (read once)."""
    return tuple(
        Agency(
            name=row["name"],
            spellings=tuple(dict.fromkeys([row["name"], *_split(row["variants"])])),
            domains=tuple(_split(row["domains"])),
        )
        for row in read_tsv("news_agencies.tsv")
    )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _spelling_pattern(spelling: str) -> str:
    """A spelling as a regex that tolerates "RFE / RL" and any run of spaces."""
    parts = [re.escape(part) for part in re.split(r"\s*/\s*", spelling)]
    return r"\s*/\s*".join(parts).replace(r"\ ", r"\s+")


@functools.cache
def agency_pattern() -> re.Pattern[str]:
    """Any agency spelling, case-sensitive and word-bounded; the group name says which agency."""
    alternatives = []
    for index, agency in enumerate(load_agencies()):
        spellings = sorted(agency.spellings, key=len, reverse=True)
        joined = "|".join(_spelling_pattern(spelling) for spelling in spellings)
        alternatives.append(f"(?P<a{index}>{joined})")
    # Python's re tries every alternative at every position; a lookahead on the possible first
    # characters rejects most positions at once (this pattern runs over every article twice).
    first = {spelling[0] for agency in load_agencies() for spelling in agency.spellings}
    lookahead = "(?=[" + "".join(re.escape(char) for char in sorted(first)) + "])"
    return re.compile(rf"{lookahead}(?<![\w/-])(?:{'|'.join(alternatives)})(?![\w/-])")


def agency_of(match: re.Match[str]) -> Agency:
    """The agency an `agency_pattern()` match names."""
    index = int(next(name for name, value in match.groupdict().items() if value)[1:])
    return load_agencies()[index]


def agency_named(words: str) -> Agency | None:
    """The agency `words` names when the words are (or start with) one of its spellings."""
    match = agency_pattern().match(words.strip())
    return agency_of(match) if match else None


def agency_for_domain(host: str) -> Agency | None:
    """The agency whose web site `host` belongs to ("www.rferl.org" -> RFE/RL)."""
    host = host.lower().rstrip(".")
    for agency in load_agencies():
        if any(host == domain or host.endswith("." + domain) for domain in agency.domains):
            return agency
    return None

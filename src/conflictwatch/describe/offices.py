"""Office holders named in a text, and the date window their terms allow.

An article that calls someone by name was written while that person was known in office: the
union of a person's terms bounds the date. A person introduced as "former" or named in a
sentence about a past year only says the article is later than their first term.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from conflictwatch.datafiles import read_tsv
from conflictwatch.describe.intervals import Window
from conflictwatch.describe.textspans import Sentences, fold_accents

_TITLE_WORDS = (
    "President", "Vice President", "Prime Minister", "Premier", "Chancellor", "Minister",
    "Secretary", "Secretary-General", "Secretary General", "Chairperson", "Chairman",
    "Chairwoman", "Chair", "Leader", "Ayatollah", "King", "Queen", "Commissioner",
    "Representative", "Spokesman", "Spokeswoman", "PM", "FM",
)  # fmt: skip
_TITLE = "(?:" + "|".join(re.escape(word) for word in _TITLE_WORDS) + ")"
# Up to two more capitalized words may sit between title and surname ("President Vladimir Putin").
_TITLE_GAP = r"\s+(?:[A-Z][\w.'-]*\s+){0,2}"
_PAST_QUALIFIER = re.compile(
    r"\b(?:former|late|erstwhile|ousted|deposed|previous|then|ex)[\s-]+(?:[A-Za-z][\w.'-]*\s+){0,4}$"
)
_YEAR_IN_SENTENCE = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """Someone in the office table, with every way the table writes the name."""

    name: str
    full_names: tuple[str, ...]
    surnames: tuple[str, ...]  # matched only right after a title
    terms: Window


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PersonMention:
    """A name found in a text; `past` when the text places the mention in the past.

    A surname after a title may fit several people ("Prime Minister Sargsyan"): any of them.
    """

    people: tuple[Person, ...]
    start: int
    past: bool

    @property
    def name(self) -> str:
        return " or ".join(person.name for person in self.people)

    def window(self) -> Window:
        """Dates this mention allows: the terms, or only "after they first took office"."""
        terms = Window.of([span for person in self.people for span in person.terms.spans])
        return Window.between(terms.start, None) if self.past else terms


@functools.cache
def load_people() -> tuple[Person, ...]:
    """Everyone in data/office_terms.tsv (read once)."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in read_tsv("office_terms.tsv"):
        grouped.setdefault(row["name"], []).append(row)
    return tuple(_person(name, person_rows) for name, person_rows in grouped.items())


def _person(name: str, rows: list[dict[str, str]]) -> Person:
    variants = [v for row in rows for v in row["variants"].split("|") if v]
    full = [name, *(v for v in variants if not v.startswith("*"))]
    surnames = [v[1:] for v in variants if v.startswith("*")] or [name.split()[-1]]
    spans = [(_iso(row["start"]), _iso(row["end"]) or dt.date.max) for row in rows]
    return Person(
        name=name,
        full_names=tuple(dict.fromkeys(fold_accents(v) for v in full)),
        surnames=tuple(dict.fromkeys(fold_accents(v) for v in surnames)),
        terms=Window.of([(start or dt.date.min, end) for start, end in spans]),
    )


def _iso(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _NameIndex:
    pattern: re.Pattern[str]  # group "full" or "surname" says which kind of name matched
    by_full_name: dict[str, tuple[Person, ...]]
    by_surname: dict[str, tuple[Person, ...]]


@functools.cache
def _name_index() -> _NameIndex:
    """One regex for every name in the table (one pass over the text, not one per person)."""
    by_full: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    for person in load_people():
        for name in person.full_names:
            by_full.setdefault(name, []).append(person)
        for name in person.surnames:
            by_surname.setdefault(name, []).append(person)
    full = _alternation(by_full)
    surnames = _alternation(by_surname)
    # A lookahead on the first characters of names and titles lets the regex skip most positions
    # without trying every alternative (Python's re does not do this itself).
    first = {name[0] for name in by_full} | {word[0] for word in _TITLE_WORDS}
    lookahead = "(?=[" + "".join(re.escape(char) for char in sorted(first)) + "])"
    pattern = re.compile(
        rf"{lookahead}(?:(?<![\w-])(?P<full>{full})(?![\w-])"
        rf"|\b{_TITLE}{_TITLE_GAP}(?P<surname>{surnames})(?![\w-]))"
    )
    return _NameIndex(
        pattern=pattern,
        by_full_name={name: tuple(people) for name, people in by_full.items()},
        by_surname={name: tuple(people) for name, people in by_surname.items()},
    )


def _alternation(names: dict[str, list[Person]]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def find_people(text: str) -> tuple[PersonMention, ...]:
    """Office holders the text names (full name, or title + surname), one mention each.

    A mention in the present is kept over one in the past.
    """
    folded = fold_accents(text)
    sentences = Sentences.of(folded)
    chosen: dict[tuple[Person, ...], PersonMention] = {}
    for match in _name_index().pattern.finditer(folded):
        mention = _mention(match, folded, sentences)
        earlier = chosen.get(mention.people)
        if earlier is None or (earlier.past and not mention.past):
            chosen[mention.people] = mention
    return tuple(sorted(chosen.values(), key=lambda mention: mention.start))


def _mention(match: re.Match[str], folded: str, sentences: Sentences) -> PersonMention:
    index = _name_index()
    if match["full"]:
        start, people = match.start("full"), index.by_full_name[match["full"]]
    else:
        start, people = match.start("surname"), index.by_surname[match["surname"]]
    sentence_start, _ = sentences.span_at(start)
    before = folded[max(sentence_start, start - 60) : start]
    past = bool(_PAST_QUALIFIER.search(before) or _YEAR_IN_SENTENCE.search(sentences.at(start)))
    return PersonMention(people=people, start=start, past=past)


def people_window(mentions: tuple[PersonMention, ...]) -> Window:
    """The dates all mentions allow together (everything when nobody is named)."""
    window = Window.everything()
    for mention in mentions:
        window = window.intersect(mention.window())
    return window

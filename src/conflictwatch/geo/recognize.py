"""Finding place names in text: spaCy's GPE/LOC/FAC entities plus gazetteer matches NER missed.

A capitalized word sequence the gazetteer knows counts as a place name only with evidence that it is one:
a cue before it ("village of", "near", "in", "towards") or a place in the same enumeration
("Vardenis, Sotk and Kapan"). Capitalized words found elsewhere in lowercase ("Mobile", "Reading") and
words at a sentence start without a cue are not taken, so common words do not flood the output.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container

from spacy.tokens import Doc

from conflictwatch.geo import build
from conflictwatch.geo.gazetteer import Gazetteer
from conflictwatch.geo.normalize import match_key

#: Entity labels that name places; NORP (nationalities) is handled as demonyms.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entities that block gazetteer matches unless a cue precedes them.
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})

_CAPITALIZED = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*(?:[ ](?:(?:of|de|del|la|el|al|upon|on|du)[ ])?[A-Z][\w'’-]*){0,4}"
)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|from|to|towards?|outside|around|into|across|village|villages|town|towns|"
    r"city|capital|settlement|province|region|district|county|mountain|mount|river|border|between|via|"
    r"taking|take|took|capture|captured|seize|seized|shelled|shelling|liberated|retook|recaptured|"
    r"entered|occupied|evacuated|bombed|raided|stormed|overran|besieged|encircled|"
    r"(?:village|town|city|settlement|region|province|district|territory|territories|outskirts|suburbs?)s?\s+of)"
    r"(?:\s+the)?,?\s*$)",
    re.IGNORECASE,
)
#: Verbs of attack take people as often as places: after them, a name NER calls a person is a place
#: only when it is a large one ("rebels attacked Goma", not "gunmen attacked Johnson").
_ATTACKED_BEFORE = re.compile(
    r"\b(?:attacked|attacking|struck|targeted)(?:\s+the)?\s+$", re.IGNORECASE
)
_LARGE_PLACE = 100_000
_CUE_AFTER = re.compile(
    r"^\s+(?:province|region|district|village|town|city|county|rayon|oblast|governorate|river|"
    r"mountains?|valley|area|border|municipality)\b",
    re.IGNORECASE,
)
#: A lowercase kind-of-place word right after a name, or "<kind> of (the)" right before it: the
#: name is a place even where the small NER model calls it an organisation ("the breakaway
#: Nagorno-Karabakh region", "the territory of Nagorno-Karabakh"). Capitalized, the word is part of
#: an organisation's name ("Moscow City Council") and proves nothing.
_KIND_RIGHT_AFTER = re.compile(
    r"^\s+(?:province|region|district|village|town|city|county|rayon|oblast|governorate|"
    r"municipality|enclave|exclave)\b"
)
_KIND_OF_BEFORE = re.compile(
    r"\b(?:village|town|city|region|province|district|territory|enclave|republic)\s+of(?:\s+the)?\s+$"
)
#: Lowercase words after a name that say what kind of place it is; not part of the name.
_KIND_WORDS = frozenset(
    [
        "province",
        "region",
        "district",
        "governorate",
        "oblast",
        "prefecture",
        "state",
        "marz",
        "rayon",
    ]
)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$")
#: Capitalized words that are names of many places but rarely used as one.
_NEVER = frozenset(
    match_key(w)
    for w in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "President",
        "Minister",
        "Ministry",
        "Prime",
        "General",
        "Colonel",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "The",
        "A",
        "An",
        "I",
        "We",
        "He",
        "She",
        "It",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Our",
        "Their",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "At",
        "In",
        "On",
        "Of",
        "For",
        "By",
        "From",
        "To",
        "With",
        "Defense",
        "Defence",
        "Foreign",
        "Army",
        "Police",
        "Government",
        "Parliament",
        "Council",
        "Court",
        "Security",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Upper",
        "Lower",
        "New",
        "Old",
        "Saint",
        "St",
        "Mount",
        "Lake",
        "River",
        "University",
        "College",
        "School",
        "Church",
        "Street",
        "Road",
        "Avenue",
        "Center",
    ]
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A place-name span found in the text and how it was found."""

    start: int
    end: int
    text: str
    label: str  # GPE, LOC, FAC, NORP, or GAZ for a gazetteer match
    candidates: tuple[int, ...]  # gazetteer indices of every place with this name
    partial: bool = False  # the candidates are named by a part of the name only


def entity_spans(doc: Doc, gazetteer: Gazetteer, text: str) -> list[Span]:
    """Place entities from NER, with leading "the" dropped and their gazetteer candidates.

    `text` is `doc.text` (passed in: building it from the tokens costs a pass over the Doc).
    """
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a"):
            tokens = tokens[1:]
        while tokens and (
            tokens[-1].text in ("'s", "’s", "'", "’") or tokens[-1].text in _KIND_WORDS
        ):
            tokens = tokens[:-1]  # "Nyanza province": the name is Nyanza (the kind hints later)
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        name = text[start:end]
        candidates = tuple(gazetteer.lookup(name))
        if ent.label_ == "FAC" and not candidates:
            continue
        spans.append(Span(start=start, end=end, text=name, label=ent.label_, candidates=candidates))
    return spans


def blocked_ranges(doc: Doc | None) -> list[tuple[int, int, str]]:
    """Character ranges of non-place entities (people, organizations), with their label."""
    if doc is None:
        return []
    return [
        (ent.start_char, ent.end_char, ent.label_)
        for ent in doc.ents
        if ent.label_ in _OTHER_LABELS
    ]


def gazetteer_spans(
    text: str,
    gazetteer: Gazetteer,
    taken: list[Span],
    blocked: list[tuple[int, int, str]],
    demonyms: Container[str] = frozenset(),
) -> list[Span]:
    """Capitalized names the gazetteer knows, kept when a cue or a neighbouring place supports them.

    `demonyms` are peoples' names ("Kurdish"): NER rightly calls them nationalities, never places."""
    lowercase_words = _lowercase_vocabulary(text)
    occupied = [(s.start, s.end) for s in taken]
    found: list[Span] = []
    pending: list[Span] = []
    for match in _CAPITALIZED.finditer(text):
        for span in _known_subspans(text, match.start(), match.group(0), gazetteer):
            if _overlaps(span.start, span.end, occupied):
                continue
            key = match_key(span.text)
            if key in _NEVER or (" " not in key and key in lowercase_words):
                continue
            before = text[max(0, span.start - 40) : span.start]
            has_cue = bool(
                _CUE_BEFORE.search(before) or _CUE_AFTER.match(text[span.end : span.end + 30])
            )
            blocker = _overlapping(span.start, span.end, blocked)
            if not has_cue and _ATTACKED_BEFORE.search(before):
                has_cue = blocker is None or blocker[2] != "PERSON" or _large(span, gazetteer)
            if blocker is not None and not (
                blocker[2] == "PERSON"
                or _named_as_place(text, span)
                or (has_cue and _mislabelled_alone(span, blocker, demonyms))
            ):
                continue
            if has_cue:
                found.append(span)
                occupied.append((span.start, span.end))
            else:
                pending.append(span)
    return found + _enumerated(text, pending, [*taken, *found])


def _named_as_place(text: str, span: Span) -> bool:
    return bool(
        _KIND_RIGHT_AFTER.match(text[span.end : span.end + 30])
        or _KIND_OF_BEFORE.search(text[max(0, span.start - 30) : span.start])
    )


def _enumerated(text: str, pending: list[Span], accepted: list[Span]) -> list[Span]:
    """Pending names that sit in one list ("A, B and C") with an accepted place."""
    kept: list[Span] = []
    anchors = sorted(accepted, key=lambda s: s.start)
    changed = True
    while changed and pending:
        changed = False
        for span in list(pending):
            for other in anchors:
                gap = (
                    text[other.end : span.start]
                    if other.end <= span.start
                    else text[span.end : other.start]
                )
                if len(gap) <= 7 and _LIST_JOIN.match(gap):
                    kept.append(span)
                    anchors.append(span)
                    pending.remove(span)
                    changed = True
                    break
    return kept


def _known_subspans(text: str, offset: int, phrase: str, gazetteer: Gazetteer) -> list[Span]:
    """Known names inside a capitalized phrase, longest first from each word, not overlapping."""
    spans: list[Span] = []
    position = 0
    words = phrase.split(" ")
    while position < len(words):
        rest = " ".join(words[position:])
        start = offset + len(" ".join(words[:position])) + (1 if position else 0)
        span = _longest_known(text, start, rest, gazetteer)
        if span is None:
            position += 1
            continue
        spans.append(span)
        position += max(1, len(span.text.split(" ")))
    return spans


def _longest_known(text: str, offset: int, phrase: str, gazetteer: Gazetteer) -> Span | None:
    """The longest leading run of words of `phrase` that names a place, with its candidates."""
    phrase = phrase.rstrip(".'’-")
    words = phrase.split(" ")
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".'’-")
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        if len(name) < 3:
            continue
        candidates = gazetteer.lookup(name)
        if candidates:
            return Span(
                start=offset,
                end=offset + len(name),
                text=name,
                label="GAZ",
                candidates=tuple(candidates),
            )
    return None


def _lowercase_vocabulary(text: str) -> set[str]:
    """Words the text itself writes in lowercase (so they are common words here)."""
    return {match_key(w) for w in re.findall(r"(?<![\w.])[a-z][a-z'-]+", text)}


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)


def _overlapping(
    start: int, end: int, blocked: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    for blocker in blocked:
        if start < blocker[1] and blocker[0] < end:
            return blocker
    return None


def _large(span: Span, gazetteer: Gazetteer) -> bool:
    """A city of many people, a country or a province (a county's people are no city's: there
    are thirty Johnson counties)."""
    return any(
        int(gazetteer.kind[i]) in (build.COUNTRY, build.ADMIN1)
        or (int(gazetteer.kind[i]) == build.CITY and int(gazetteer.population[i]) >= _LARGE_PLACE)
        for i in span.candidates
    )


def _mislabelled_alone(span: Span, blocker: tuple[int, int, str], demonyms: Container[str]) -> bool:
    """A known place name that NER labels on its own as an organisation or a nationality: the small
    model often does so with towns it has not seen ("shelled Bakhmut", "attacked Kidal"). A longer
    entity ("Gainesville Public Utilities") or a people's name ("Kurdish") stays blocked."""
    same_span = (blocker[0], blocker[1]) == (span.start, span.end)
    return same_span and blocker[2] in ("ORG", "NORP") and span.text not in demonyms


def repeated_mentions(
    text: str, found: list[Span], blocked: list[tuple[int, int, str]]
) -> list[Span]:
    """Other occurrences of names NER took as places somewhere (one sense per discourse).

    NER often labels a town once as a place and elsewhere as a person or inside an organization
    ("Gainesville Public Utilities"). A name inside a longer person name stays out.
    """
    people = [(start, end) for start, end, label in blocked if label == "PERSON"]
    occupied = [(s.start, s.end) for s in found]
    extra: list[Span] = []
    sources = [
        s for s in found if s.candidates and s.label in ("GPE", "LOC") and s.text[:1].isupper()
    ]
    for name in {s.text: s for s in sources}.values():
        if len(name.text) < 3:
            continue
        pattern = re.compile(r"(?<![\w'’-])" + re.escape(name.text) + r"(?![\w-])")
        for match in pattern.finditer(text):
            start, end = match.span()
            if _overlaps(start, end, occupied) or any(
                s <= start and end <= e and (s, e) != (start, end) for s, e in people
            ):
                continue
            extra.append(dataclasses.replace(name, start=start, end=end, label="GAZ"))
            occupied.append((start, end))
    return extra

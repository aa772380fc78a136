"""Candidate actor phrases in one parsed sentence.

Candidates are noun chunks and named entities, widened to whole whitespace-delimited words
("co-chairs"), to the proper nouns and titles in front of them ("OSCE Chairperson-in-Office Ann
Linde") and to an "of <name>" complement ("the government of Azerbaijan"). Coordinated modifiers are
split: "Armenian and Russian military officials" gives "Armenian military officials" and "Russian
military officials". The parse also says when a place name is used as a location ("in Tavush",
"toward Vardenis"), which the resolver must not turn into an actor, and gives the possessor of a
phrase whose head is no actor ("Azerbaijan" in "Azerbaijan's attack"). For text written without
capitals the resolver passes a true-casing `spell` function.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

_ENTITY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "FAC", "LOC"})
ACTOR_ENTITY_LABELS = frozenset({"PERSON", "NORP", "ORG"})
NAME_ENTITY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_NOT_NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)
# Prepositions whose object is a location when it is a bare place name.
_LOCATION_PREPOSITIONS = frozenset(
    {"in", "near", "at", "around", "across", "along", "outside", "inside", "within", "throughout",
     "toward", "towards", "into", "from", "through", "over", "off", "between", "beyond", "via",
     "past", "behind", "nearby"}
)  # fmt: skip
# Verbs and nouns after which "to <place>" is a destination, not a recipient ("appealed to Russia").
_MOTION_WORDS = frozenset(
    {"go", "travel", "fly", "move", "return", "arrive", "come", "head", "flee", "send", "deploy",
     "withdraw", "retreat", "advance", "march", "drive", "transfer", "deliver", "ship", "bring",
     "evacuate", "relocate", "extend", "stretch", "lead", "belong", "fire", "shell", "launch",
     "visit", "trip", "journey", "flight", "road", "route", "access", "way", "path", "corridor",
     "deportation", "delivery", "shipment", "export", "import", "entry", "close", "near", "next"}
)  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A phrase that may name an actor: token range [start, end) in the sentence, and its text."""

    start: int
    end: int
    text: str
    char_start: int  # offsets in the sentence's text
    char_end: int
    phrase: str  # the text to resolve: `text`, or its true-cased spelling for case-less input
    entity_label: str | None  # the actor-like entity label inside, if any
    as_location: bool  # the phrase is the object of a location preposition


def _is_pronoun_chunk(chunk: Span) -> bool:
    return chunk.root.pos_ == "PRON" or chunk.root.tag_ in {"PRP", "PRP$", "WP", "EX"}


def _widen_to_words(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """Grow a token range so that it does not cut a word joined without spaces ("co-chairs")."""
    while start > 0 and not toks[start - 1].whitespace_ and _joinable(toks[start - 1]):
        start -= 1
    while end < len(toks) and not toks[end - 1].whitespace_ and _joinable(toks[end]):
        end += 1
    return start, end


def _joinable(token: Token) -> bool:
    if token.is_space:
        return False
    return not token.is_punct or token.text in {"-", "'", "’"}


Spell = Callable[[Token], str]


def as_written(token: Token) -> str:
    return token.text


def _name_like(token: Token, spell: Spell) -> bool:
    """A capitalized word that can sit in front of a name: a proper noun or a title word."""
    if not spell(token)[:1].isupper() or token.ent_type_ in _NOT_NAME_ENTITIES:
        return False
    if token.is_sent_start:
        return token.pos_ == "PROPN" or token.ent_type_ in {"NORP", "GPE"}
    return token.pos_ in {"PROPN", "NOUN", "ADJ"}


def _widen_left(toks: list[Token], start: int, spell: Spell) -> int:
    while start > 0 and _name_like(toks[start - 1], spell):
        start -= 1
    return start


def _with_of_complement(
    doc: Doc, start: int, end: int, is_head_word: Callable[[str], bool], spell: Spell
) -> int:
    """Extend "the government" to "the government of Azerbaijan" when the object is a name."""
    root = doc[start:end].root
    if not is_head_word(root.text):
        return end
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and spell(objects[0])[:1].isupper():
                return max(objects[0].right_edge.i + 1, end)
    return end


def _location_use(span: Span) -> bool:
    """The phrase is the object of a location preposition ("in Tavush", "to Goris" after motion)."""
    pobj = span.root
    while pobj.dep_ == "conj" and pobj.head.i != pobj.i:
        pobj = pobj.head
    if pobj.dep_ != "pobj":
        return False
    preposition = pobj.head
    word = preposition.lower_
    if word in _LOCATION_PREPOSITIONS:
        return True
    if word == "to":
        governor = preposition.head
        return governor.lemma_.lower() in _MOTION_WORDS
    return False


def _entity_label(span: Span) -> str | None:
    """The actor entity label of the phrase's head, or of every name word when they agree."""
    if span.root.ent_type_ in ACTOR_ENTITY_LABELS:
        return span.root.ent_type_
    labels = {t.ent_type_ for t in span if not (t.is_punct or t.is_space or t.pos_ == "DET")}
    if len(labels) == 1 and labels <= ACTOR_ENTITY_LABELS:
        return labels.pop()
    return None


def whole_person(span: Span) -> Span | None:
    """A PERSON entity of two or more words that ends the phrase ("... party Eduard Aghajanyan")."""
    for ent in span.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent.end == span.end:
            return ent
    return None


def _split_at_breaks(
    toks: list[Token], skip: list[bool], start: int, end: int
) -> list[tuple[int, int]]:
    """Cut a range at line breaks and trim punctuation and spaces off both ends of each part."""
    parts: list[tuple[int, int]] = []
    part_start = start
    for i in range(start, end + 1):
        if i == end or (skip[i] and "\n" in toks[i].text):
            parts.append((part_start, i))
            part_start = i + 1
    trimmed = []
    for a, b in parts:
        while a < b and skip[a]:
            a += 1
        while b > a and skip[b - 1]:
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _ranges(
    doc: Doc, toks: list[Token], is_head_word: Callable[[str], bool], spell: Spell
) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    if doc.has_annotation("DEP"):  # noun chunks need the dependency parse; entities do not
        for chunk in doc.noun_chunks:
            if not _is_pronoun_chunk(chunk):
                ranges.append((chunk.start, chunk.end))
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS:
            ranges.append((ent.start, ent.end))
    skip = [t.is_punct or t.is_space for t in toks]
    widened = []
    for start, end in ranges:
        start, end = _widen_to_words(toks, start, end)
        start = _widen_left(toks, start, spell)
        end = _with_of_complement(doc, start, end, is_head_word, spell)
        widened.extend(_split_at_breaks(toks, skip, start, end))
    return _merge(widened)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping ranges joined into one; the result is sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _spelled(tokens: Span, spell: Spell) -> str:
    if spell is as_written:
        return tokens.text
    return "".join(spell(t) + t.whitespace_ for t in tokens).strip()


def _candidate(doc: Doc, start: int, end: int, spell: Spell) -> Candidate:
    span = doc[start:end]
    return Candidate(
        start=start,
        end=end,
        text=span.text,
        phrase=_spelled(span, spell),
        char_start=span.start_char,
        char_end=span.end_char,
        entity_label=_entity_label(span),
        as_location=_location_use(span),
    )


def candidates(
    doc: Doc,
    is_head_word: Callable[[str], bool],
    worth: Callable[[str], bool],
    spell: Spell = as_written,
) -> list[Candidate]:
    """Phrases of a parsed sentence that may name actors, in text order.

    `is_head_word` says which head nouns take an "of <name>" complement ("government", "President");
    `worth` drops phrases cheaply before their parse is looked at ("the toll"); `spell` gives each
    token's spelling for the resolver (a true-casing for text written without capitals).
    """
    toks = list(doc)
    text = doc.text  # rebuilt from the tokens on every access: once per sentence
    found = []
    for start, end in _ranges(doc, toks, is_head_word, spell):
        if spell is as_written:
            phrase = text[toks[start].idx : toks[end - 1].idx + len(toks[end - 1].text)]
        else:
            phrase = _spelled(doc[start:end], spell)
        if worth(phrase):
            found.append(_candidate(doc, start, end, spell))
    return found


def possessor(doc: Doc, candidate: Candidate, spell: Spell = as_written) -> Candidate | None:
    """The possessor of a phrase's head ("Azerbaijan" in "Azerbaijan's attack"), as a candidate."""
    root = doc[candidate.start : candidate.end].root
    for child in root.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and child.i >= candidate.start:
            end = child.i + 1
            start = max(child.left_edge.i, candidate.start)
            return _candidate(doc, start, end, spell)
    return None


def head_lemma(doc: Doc, candidate: Candidate) -> str:
    return doc[candidate.start : candidate.end].root.lemma_.lower()


def split_coordination(
    doc: Doc, candidate: Candidate, spell: Spell = as_written
) -> list[tuple[Candidate, str]]:
    """ "Armenian and Russian officials" -> ("Armenian", "Armenian officials"), ("Russian officials", ...).

    Returns (span, phrase to resolve) pairs; a phrase without coordinated modifiers is returned as is.
    """
    span = doc[candidate.start : candidate.end]
    conj_modifiers = [
        t
        for t in span
        if t.dep_ == "conj" and t.head.i < t.i and t.head.dep_ in {"amod", "compound"}
    ]
    if not conj_modifiers:
        return [(candidate, candidate.phrase)]
    first = conj_modifiers[0].head
    modifiers = [first, *[t for t in conj_modifiers if t.head.i == first.i]]
    last = modifiers[-1]
    tail = doc[last.i + 1 : candidate.end]
    if not len(tail):
        return [(candidate, candidate.phrase)]
    parts: list[tuple[Candidate, str]] = []
    for index, modifier in enumerate(modifiers):
        piece_start = modifier.i if index else candidate.start
        piece_end = modifier.i + 1 if modifier is not last else candidate.end
        piece = _candidate(doc, piece_start, piece_end, spell)
        parts.append((piece, f"{spell(modifier)} {_spelled(tail, spell)}"))
    return parts

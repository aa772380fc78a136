"""Which way a relative expression points: the tense of the words around it.

News reports narrate the past, so past is the default. A future cue ("will", "plans to", "to be
held", "next") nearer to the expression than any past cue ("said", "was", a verb in -ed) turns it to
the future. With a spaCy Doc of the text, its tags (MD will/shall, VBD) replace the word cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from conflictwatch.timex.lexicon import alternation, words

PAST = "past"
FUTURE = "future"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’'`]*\s+(?=[\"“‘'`]*[A-Z0-9])|\n\s*\n|\n(?=[A-Z])")

_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|would(?!\s+have\b)|plans?\s+to|planning\s+to|"
    r"planned(?=\s+(?:to|for)\b)|scheduled|is\s+to|are\s+to|"
    r"(?:was|were)\s+(?:going|planning|expected|scheduled|due|set|about)\s+to|as\s+soon\s+as|"
    r"set\s+to|"
    r"to\s+be\s+held|going\s+to|expected\s+to|expects\s+to|intends?\s+to|next(?!\s+to\b)|upcoming|"
    r"tomorrow|due\s+to\s+(?:meet|be|hold|visit|start|begin|arrive))\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:(?i:said|says|was|were|had|did|told|ago|yesterday|last|earlier)|[a-z]{3,}ed|"
    rf"{alternation(words('past_form'))})\b"
)
#: "be" right before a participle makes it no past ("will be named", "to be held").
_BE_BEFORE = re.compile(r"\b(?:be|is|are|am|being)\s+$", re.IGNORECASE)
#: Words in -ed that are no sign of the past (or are future cues already).
_NOT_PAST = {
    "scheduled",
    "planned",
    "expected",
    "need",
    "feed",
    "speed",
    "seed",
    "bleed",
    "proceed",
}
_NOT_PAST |= {"indeed", "red", "bed", "shed", "breed", "exceed", "succeed", "armed", "based"}
_FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
#: Future cues that also count inside the expression they belong to.
_SELF_CUES = {"next", "tomorrow", "upcoming"}


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split at end punctuation followed by a capital, and at blank lines."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


#: start, end, PAST or FUTURE, and whether it counts inside the expression ("next" in "next week").
Cue = tuple[int, int, str, bool]


def sentence_cues(text: str, sentence: tuple[int, int], doc: Doc | None = None) -> list[Cue]:
    """The tense cues of one sentence, from the Doc's tags when it covers the sentence, else words."""
    cues = _doc_cues(doc, sentence) if doc is not None else None
    return cues if cues is not None else _word_cues(text, sentence)


def tense_near(cues: list[Cue], span: tuple[int, int]) -> str:
    """PAST or FUTURE for the expression at `span`: the nearest cue outside it decides (PAST, the
    news default, when the sentence has none)."""
    return cued_tense_near(cues, span) or PAST


def cued_tense_near(cues: list[Cue], span: tuple[int, int]) -> str | None:
    """PAST or FUTURE from the cue nearest the expression at `span`, or None without any cue."""
    best: tuple[int, bool, str] | None = None
    for start, end, tense, counts_inside in cues:
        if start >= span[0] and end <= span[1] and not counts_inside:
            continue  # a cue inside the expression itself ("last" in "last week")
        distance = span[0] - end if end <= span[0] else max(0, start - span[1])
        key = (distance, tense != FUTURE, tense)
        if best is None or key < best:
            best = key
    return best[2] if best is not None else None


#: Words before an -ed word that make it an adjective ("an unspecified date", "the armed men").
_ADJECTIVE_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|still|yet|as)\s+$", re.IGNORECASE)


def past_cues(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """(start, end) of the words in `span` of the text that mark the past ("said", "seized",
    "were"), in text order. An -ed word after an article ("a still unspecified date") or made
    with un- is read as an adjective, no verb."""
    return sorted(
        (start, end)
        for start, end, tense, _ in _word_cues(text, span)
        if tense == PAST
        and not (
            text[start:end].lower().endswith("ed")
            and (
                text[start:end].lower().startswith("un")
                or _ADJECTIVE_BEFORE.search(text, max(span[0], start - 12), start)
            )
        )
    )


def _word_cues(text: str, sentence: tuple[int, int]) -> list[Cue]:
    start, end = sentence
    cues: list[Cue] = []
    future_spans: list[tuple[int, int]] = []
    for m in _FUTURE_CUES.finditer(text, start, end):
        cues.append((m.start(), m.end(), FUTURE, m.group(0).lower() in _SELF_CUES))
        future_spans.append((m.start(), m.end()))
    for m in _PAST_CUES.finditer(text, start, end):
        word = m.group(0).lower()
        if word in _NOT_PAST or any(a <= m.start() < b for a, b in future_spans):
            continue
        if _BE_BEFORE.search(text, max(start, m.start() - 7), m.start()):
            continue
        cues.append((m.start(), m.end(), PAST, False))
    return cues


def _doc_cues(doc: Doc, sentence: tuple[int, int]) -> list[Cue] | None:
    """The word cues of `sentence` plus the tags of its tokens (MD will/shall, VBD), or None when
    the Doc does not cover it. The tags add past verbs the word list lacks; the words keep what
    tags cannot show ("plans to", "scheduled", "next" but not "next to")."""
    if len(doc.text) < sentence[1]:
        return None
    cues = _word_cues(doc.text, sentence)
    seen = {(start, end) for start, end, _, _ in cues}
    for token in _tokens_between(doc, sentence):
        end = token.idx + len(token.text)
        if (token.idx, end) in seen:
            continue
        if token.tag_ == "MD" and token.lower_ in _FUTURE_MODALS:
            cues.append((token.idx, end, FUTURE, False))
        elif token.tag_ == "VBD" and token.lemma_.lower() not in _AHEAD_LEMMAS:
            cues.append((token.idx, end, PAST, False))
    return cues


def _tokens_between(doc: Doc, sentence: tuple[int, int]) -> Sequence[Token]:
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    return list(span) if span is not None else []


#: Words whose head is no verb of the event: a date inside a noun phrase ("the May 3 vote") is
#: governed through its noun up to the clause's verb.
_HEAD_STEPS = 6


def governing_tense(doc: Doc, span: tuple[int, int]) -> str | None:
    """PAST or FUTURE from the verb the expression at `span` hangs on, or None when unclear.

    "will meet on Monday": the head of "Monday" is "meet", which has the auxiliary "will" -> FUTURE;
    "met on Monday" -> PAST (VBD). Present tense, infinitives and headless fragments give None.
    """
    found = _governing_verb(doc, span)
    if found is None:
        return None
    tense = _verb_tense(found[0])
    return FUTURE if tense is None and _scheduled_present(*found) else tense


def _governing_verb(doc: Doc, span: tuple[int, int]) -> tuple[Token, Token] | None:
    """(the verb the expression at `span` hangs on, the expression's own head word), or None."""
    if len(doc.text) < span[1]:
        return None
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    token = attached = words.root.head
    for _ in range(_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX"):
            return token, attached
        if token.head == token:
            return None
        token = token.head
    return None


#: Past verbs that point ahead all the same: "talks were set for July 12".
_AHEAD_LEMMAS = frozenset(words("ahead_verb"))
#: Prepositions that make a date a target, not the time of the act: "was postponed until July 12".
_TARGET_PREPS = frozenset({"for", "until", "till", "to", "by", "before", "through"})


def narrated_past(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether the expression at `span` dates a verb that is itself in the past and narrates an act
    ("fighting raged on July 12", "troops were deployed on June 2"): then the day is almost surely
    behind the report. A past reached through another verb ("agreed to meet on June 2"), a verb
    that schedules, or a target ("postponed until June 2") does not count."""
    found = _governing_verb(doc, span)
    # an adjective's date is a term, not the act's time: "a dividend, payable Dec. 7"
    if found is None or found[1].lower_ in _TARGET_PREPS or found[1].pos_ == "ADJ":
        return False
    token = found[0]
    if token.lemma_.lower() in _AHEAD_LEMMAS:
        return False
    helpers = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if any(child.lower_ in _FUTURE_MODALS or child.tag_ == "MD" for child in helpers):
        return False
    return _simple_past(token) or any(child.tag_ == "VBD" for child in helpers)


#: Irregular past forms: without an auxiliary they are the simple past whatever the tagger says
#: ("since it retook Khartoum in March", where "retook" was tagged present).
_IRREGULAR_PAST = frozenset(words("past_form"))


def _simple_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    unaided = not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return unaided and verb.pos_ == "VERB" and verb.lower_ in _IRREGULAR_PAST


def _verb_tense(verb: Token) -> str | None:
    if verb.lemma_.lower() in _AHEAD_LEMMAS:
        return None  # "planned a rally on Saturday": the plan is past, the rally may not be
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_MODALS:
            return FUTURE
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD":
            return PAST
    if _simple_past(verb) or _reduced_relative(verb):
        return PAST
    return None  # an infinitive ("planned to leave on Thursday") may point past its verb's time


#: Verbs of saying or of a state, whose present tense reports or describes rather than schedules
#: ("says on Monday", "wants talks on Friday").
_SAYING_LEMMAS = frozenset(words("present_not_schedule"))


#: Verbs whose past is their present form: the tag cannot tell "strikes hit Kyiv on Monday" apart.
_SAME_IN_PAST = frozenset(words("same_past_form"))


#: Slots only a noun fills: a "verb" found there is a noun the tagger misread.
_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _scheduled_present(verb: Token, attached: Token) -> bool:
    """A verb of action in the present tense, dated directly, names a schedule: "a truce that
    expires on Sunday", "talks resume on Monday", "the envoy is meeting them on Friday". A date
    reached through a noun ("follows Tuesday's declaration") dates the noun instead."""
    direct = attached == verb or (attached.dep_ == "prep" and attached.head == verb)
    if not direct or verb.pos_ != "VERB" or verb.lemma_.lower() in _SAYING_LEMMAS:
        return False
    if verb.dep_ in _NOUN_SLOTS:
        return False  # "Drone strikes on the airport on Sunday caused no casualties": a noun
    if verb.lower_ in _SAME_IN_PAST:
        return False  # "weakness hurt the index on Friday" is tagged present all the same
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not helpers:
        return verb.tag_ in ("VBZ", "VBP")
    return verb.tag_ == "VBG" and all(c.tag_ in ("VBZ", "VBP") for c in helpers)


def _reduced_relative(verb: Token) -> bool:
    """A bare participle after its noun reports a done act: "the decision, announced Wednesday"."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "relcl")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )

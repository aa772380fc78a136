"""Clauses of one parsed sentence, for the parts of event extraction that must not cross them.

A clause here is a verb with a subject of its own, or the sentence's root: "Rebels attacked the town
with mortars, and the army responded with air strikes" has two ("attacked", "responded"), while
"entered and searched the village" is one (the second verb shares the first one's subject), and so is
"attacked the base, killing three" (a participle without a subject belongs to the clause above it).

- Weapons belong to the events of their own clause; a weapon in a clause without an event ("were
  killed when a bomb exploded") goes to the events of the nearest clause above it that has one. A
  weapon an attack hit ("struck depots and rocket launchers") is its target, not its weapon.
- Two clauses whose subjects are generic words for different kinds of armed actor ("rebels ...,
  and the army ...": `side_of`, data/clause_words.tsv) report different events.
- A ceasefire noun that is only the subject or object of a temporal clause or phrase ("hours before
  the truce began", "until the ceasefire took effect", "ahead of the truce", "despite the truce")
  dates another event; it reports no agreement of its own unless a verb of agreement governs or
  describes it ("after the truce was signed", "despite a ceasefire signed in July").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Sequence

from spacy.tokens import Token

from conflictwatch.datafiles import read_tsv

#: Dependencies of a clause's own subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
VERB_POS = frozenset({"VERB", "AUX"})
#: Subordinators of a clause that dates another ("before the truce began", "once it took effect").
TEMPORAL_MARKS = frozenset(
    {"before", "after", "until", "till", "since", "when", "once", "as", "while", "whilst"}
)
#: Prepositions whose object dates another event or gives its circumstance ("before the truce",
#: "during the ceasefire", "despite the truce").
TEMPORAL_PREPS = frozenset(
    {"before", "after", "until", "till", "since", "during", "pending", "despite"}
)
#: Words that with "of"/"to" make a temporal preposition ("ahead of the truce", "prior to it").
TEMPORAL_PREP_HEADS = frozenset({"ahead", "prior"})
WeaponHit = tuple[Token, str, str]  # (first token, weapon term, mode), as events.weapons_in gives


def clause_head(token: Token) -> Token:
    """The verb heading the clause `token` belongs to: the nearest verb above or at it that has a
    subject of its own, else the sentence's root."""
    current = token
    for _ in range(len(token.doc)):
        if current.head.i == current.i:
            return current
        if current.pos_ in VERB_POS and any(c.dep_ in SUBJECT_DEPS for c in current.children):
            return current
        current = current.head
    return current


#: Dependencies of a clause coordinated with another: a sibling, not a part, of the clause above.
COORDINATED_DEPS = frozenset({"conj", "parataxis"})


def event_clauses(event_heads: Iterable[Token]) -> frozenset[int]:
    """The clauses (their heads' indices) that hold an event, given every trigger head of the
    sentence: computed once per sentence for `clause_weapons`."""
    return frozenset(clause_head(h).i for h in event_heads)


def clause_weapons(
    head: Token, weapons: Sequence[WeaponHit], with_events: Collection[int]
) -> list[WeaponHit]:
    """The weapons of the sentence that belong to the event whose trigger is headed by `head`:
    those of its own clause, and those of subordinate clauses without an event under it.
    `with_events` are the clauses that hold an event (`event_clauses`). A weapon of a coordinated
    clause without an event ("and the army responded with artillery") belongs to no other clause's
    event; one that no event's clause governs (in a main clause without an event, above events in
    subordinate clauses) belongs to every event, as before. What the event hit (`is_struck`) is
    left to the caller, which may need it first ("used drones against ...")."""
    if not weapons:
        return []
    own = clause_head(head).i
    return [w for w in weapons if _owner(clause_head(w[0]), with_events) in (own, -1)]


#: Prepositions whose object is what an attack is aimed at ("strikes on rocket launchers").
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "toward", "towards"})


def is_struck(weapon: Token, head: Token) -> bool:
    """Whether a weapon word is what the event headed by `head` hit, not what it used: the
    object of an attack verb that does not fire what it takes ("struck depots and rocket
    launchers", "destroyed two tanks"; but "launched drones"), or the object of a preposition of
    aim ("an attack on a tank")."""
    phrase = weapon
    while phrase.dep_ in {"compound", "amod", "nmod", "conj"} and phrase.head.i != phrase.i:
        phrase = phrase.head  # "rocket launchers", "depots and launchers": the phrase's role
    if phrase.dep_ in {"dobj", "nsubjpass"} and phrase.head.i == head.i:
        lemma = head.lemma_.lower()
        return head.pos_ in VERB_POS and _words().get(lemma) != "firing"
    if phrase.dep_ == "pobj" and phrase.head.lower_ in TARGET_PREPS:
        return phrase.head.head.i == head.i
    return False


def _owner(clause: Token, with_events: Collection[int]) -> int | None:
    """Index of the clause with an event that a weapon's clause belongs to; -1 for every event
    (the root reached), None for none (a coordinated clause of its own)."""
    for _ in range(len(clause.doc)):
        if clause.i in with_events:
            return int(clause.i)
        if clause.head.i == clause.i:
            return -1
        if clause.dep_ in COORDINATED_DEPS:
            return None
        clause = clause_head(clause.head)
    return -1


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause `token` belongs to, if that clause has one."""
    clause = clause_head(token)
    subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    return subjects[0] if subjects else None


@functools.cache
def _words() -> dict[str, str]:
    """data/clause_words.tsv: word -> kind (state, nonstate, firing)."""
    return {row["term"]: row["kind"] for row in read_tsv("clause_words.tsv")}


@functools.cache
def _sides() -> dict[str, str]:
    """Generic actor words -> "state" or "nonstate" (clause_words.tsv, and the state security
    words of event_security_forces.tsv)."""
    sides = {row["term"]: "state" for row in read_tsv("event_security_forces.tsv")}
    sides.update({w: k for w, k in _words().items() if k in {"state", "nonstate"}})
    return sides


def side_words() -> frozenset[str]:
    """Every generic word for an armed side, state or non-state ("troops", "police", "rebels")."""
    return frozenset(_sides())


def side_of(actor: Token) -> str | None:
    """ "state" for a generic word of state forces ("the army", "government troops"), "nonstate"
    for one of armed groups ("the rebels", "gunmen"), else None (a name, a pronoun, a civilian)."""
    sides = _sides()
    words = [actor.lemma_.lower(), actor.lower_]
    words += [f"{c.lower_} {w}" for c in actor.children if c.dep_ == "compound" for w in words[:2]]
    return next((sides[w] for w in reversed(words) if w in sides), None)


def only_dates(noun: Token, *, is_agreement_verb: Callable[[Token], bool]) -> bool:
    """Whether an agreement noun only dates another event: the subject of a temporal clause whose
    verb makes no agreement ("before the truce began"), or the object of a temporal preposition
    ("hours ahead of the ceasefire"). A compound ("before the ceasefire deal took effect") is read
    through its head noun."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    if any(c.dep_ in {"acl", "relcl"} and is_agreement_verb(c) for c in noun.children):
        return False  # "despite a ceasefire signed in July": the signing is reported
    if noun.dep_ == "pobj":
        prep = noun.head
        if prep.lower_ in TEMPORAL_PREPS:
            return True
        return prep.lower_ in {"of", "to"} and prep.head.lower_ in TEMPORAL_PREP_HEADS
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = noun.head
    if is_agreement_verb(verb):
        return False
    if any(c.dep_ in {"mark", "advmod"} and c.lower_ in TEMPORAL_MARKS for c in verb.children):
        return verb.head.i != verb.i
    return verb.dep_ == "pcomp" and verb.head.lower_ in TEMPORAL_PREPS


#: Conjunctions that open a clause set against the one it hangs on: "..., while Aliyev urged".
CONTRASTING_MARKS = frozenset({"while", "whereas"})


def contrasting_clause(token: Token) -> Token | None:
    """The clause of the token that a comma and "while" or "whereas" set against the clause above
    it, with a named subject of its own ("Pashinyan said the deal would bring peace, while Aliyev urged
    Yerevan to amend its constitution"): a statement of the writer's, whatever the parser hangs it
    under. None when the token lies in no such clause."""
    for clause in (token, *token.ancestors):
        if clause.dep_ != "advcl" or clause.pos_ not in VERB_POS:
            continue
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in CONTRASTING_MARKS]
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        # a party named ("while Aliyev urged"), not the speaker's own detail ("while two soldiers
        # were wounded", which the army that said the rest still tells)
        if not marks or not any(s.pos_ == "PROPN" for s in subjects):
            continue
        first = marks[0].i
        if first > 0 and clause.doc[first - 1].text == ",":
            return clause
    return None


#: Conjunctions that join a clause telling another story: "agreed to extend a truce, but talks in
#: Istanbul ended without a deal".
CONTRARY_CONJUNCTIONS = frozenset({"but", "yet"})


def contrary_clauses(first: Token, second: Token) -> bool:
    """Whether two tokens lie in clauses coordinated by "but" or "yet", each with a subject of its
    own: the place or the time one clause names is not the other's."""
    one, other = clause_head(first), clause_head(second)
    if one.i == other.i:
        return False
    earlier, later = sorted((one, other), key=lambda t: t.i)
    if later.dep_ not in COORDINATED_DEPS or later.head.i != earlier.i:
        return False
    return any(
        c.dep_ == "cc" and c.lower_ in CONTRARY_CONJUNCTIONS and c.i < later.left_edge.i
        for c in earlier.children
    )


DASHES = frozenset({"—", "–", "-", "--"})


def is_dash(token: Token) -> bool:
    return token.text in DASHES and token.tag_ != "HYPH"  # not the hyphen of "Al-Shabab"


_PLACE_LABELS = frozenset({"GPE", "LOC"})
#: A clock time opening a live report's entry: "17:20 GMT —", "07:40 —".
_STAMP_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")


def after_dateline(subject: Token) -> Token:
    """ "Mogadishu, Somalia — Al-Shabab fighters attacked", "17:20 GMT — Lebanon's health ministry
    says": when the parser makes the dateline or a live entry's time stamp the subject and hangs the
    phrase after its dash under it, that phrase's head is the subject."""
    opening = subject.sent[0]
    stamp = bool(_STAMP_CLOCK.match(opening.text))
    if subject.left_edge.i != subject.sent.start or not (
        subject.ent_type_ in _PLACE_LABELS or stamp
    ):
        return subject
    dashes = [t for t in subject.doc[subject.i + 1 : subject.head.i] if is_dash(t)]
    if len(dashes) != 1 or dashes[0] not in list(subject.subtree):
        return subject  # "Russia — the country's closest ally — attacked": an aside
    dash = dashes[0]
    after = [t for t in subject.subtree if t.i > dash.i and t.head.i < dash.i]
    nouns = [
        t for t in after if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("appos", "conj", "npadvmod")
    ]
    return nouns[0] if nouns else subject

"""How a sentence presents an event: asserted, hedged, threatened, planned, hypothetical or negated.

The cue words live in data/event_modality.tsv. Each cue says where it must sit relative to the trigger:
`neg` / `aux` / `adv` / `det` / `mark` as a dependent of the trigger or of the verb that governs it, `gov`
as the governing verb itself ("threatened to withdraw", "plans to attack"), `noun` as a noun whose clause
holds the trigger ("rumors that Russia was withdrawing"), `gov1` as the trigger's
immediate governor only ("demanded the arrest of", but not "demanded a probe into the firing"). CLAIMED and DENIED are
decided later by attribution, from the claimant's verb.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.tokens import Token

from conflictwatch.extract.clauses import contrasting_clause
from conflictwatch.extract.relevance import read_tsv
from conflictwatch.model import Modality

#: When cues disagree the stronger reading wins, in this order.
_PRIORITY: tuple[Modality, ...] = (
    Modality.NEGATED,
    Modality.THREATENED,
    Modality.HYPOTHETICAL,
    Modality.PLANNED,
    Modality.HEDGED,
)
_DEPENDENT_PLACES = {
    "neg": {"neg"},
    "aux": {"aux", "auxpass"},
    "adv": {"advmod", "amod", "npadvmod", "acomp", "compound"},
    "det": {"det"},
    "mark": {"mark", "prep"},
}
#: Subject dependencies whose "no" determiner negates the verb.
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Pronouns that quantify over nobody: "nobody was hurt", "none were killed".
_NOBODY = {"nobody", "none", "no-one"}
_GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "nsubj", "nsubjpass", "advcl", "acomp", "conj"}
#: Prepositions of circumstance: the event in their object is the occasion, not what the governing
#: verb plans or threatens ("sought assistance over the clashes" plans the assistance only); the
#: verb's modals and adverbs still apply ("may have been killed during the fighting").
_CIRCUMSTANCE_PREPS = {"over", "amid", "after", "despite", "following", "since", "during", "near"}


#: Conjunctions of a clause of time or cause that tells what already happened.
_CIRCUMSTANCE_MARKS = {"since", "after", "because", "as", "when", "once"}


#: Verbs of telling: left undone, they keep back a detail of the event, they do not deny it ("did
#: not say who was behind the attack", "did not name the group behind the killings").
_UNTOLD_VERBS = frozenset(
    {"say", "tell", "specify", "disclose", "reveal", "explain", "elaborate", "detail", "name",
     "identify", "know", "give", "provide", "comment"}
)  # fmt: skip


@functools.cache
def _cues() -> dict[tuple[str, str], Modality]:
    return {
        (row["where"], row["cue"]): Modality(row["modality"])
        for row in read_tsv("event_modality.tsv")
    }


def marks_plan(verb: Token) -> bool:
    """Whether a verb only announces the plan or attempt its infinitive names ("seeking to mend
    ties", "tried to storm"): a `gov` cue of PLANNED with an infinitive complement."""
    if _cues().get(("gov", verb.lemma_.lower())) is not Modality.PLANNED:
        return False
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def _governors(trigger: Token) -> Iterator[tuple[Token, bool, str]]:
    """The verbs (at most two levels up) whose dependents also shape the trigger's modality, each
    with whether the trigger is only its occasion (reached through a preposition of circumstance)
    and the preposition it was reached through ("" when none)."""
    token = trigger
    occasion = False
    for _ in range(2):
        if token.dep_ not in _GOVERNED_DEPS or token.head.i == token.i:
            return
        if token.i != trigger.i and token.dep_ == "advcl" and token.lemma_ in _SAYING:
            # "did not confirm the loss, saying its troops repelled 52 attacks": what the
            # participle says is asserted on its own, free of the main verb's negation or modal
            return
        if contrasting_clause(token) is token:
            return  # "said the deal would bring peace, while Aliyev urged": a clause of its own
        head = token.head
        low, high = sorted((token.i, head.i))
        if any(t.text == ";" for t in token.doc[low + 1 : high]):
            # "23 had been killed, a figure that could not be verified; the GNU has not released
            # its losses": a statement of its own, whatever the parser hangs on what
            return
        prep = ""
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_MARKS for c in token.children
        ):
            # "has been trying to push them out since it retook Khartoum": the clause of time
            # tells what happened; the attempt is the other verb's
            occasion = True
        if head.dep_ == "prep":  # "accused X of shelling": skip the preposition
            occasion = occasion or head.lower_ in _CIRCUMSTANCE_PREPS
            prep = head.lower_
            head = head.head
        yield head, occasion, prep
        token = head


#: What a verb of wanting or planning makes of the act it governs.
_WISHED = frozenset({Modality.HYPOTHETICAL, Modality.PLANNED})

#: Verbs of saying in a participle clause ("saying", "adding", "claiming").
_SAYING = frozenset({"say", "add", "claim", "insist", "note", "state", "stress", "write"})


def _found(trigger: Token) -> Iterator[tuple[Modality, str]]:
    cues = _cues()
    if trigger.dep_ == "acl" and trigger.head.pos_ == "NOUN":
        # "rumors that Russia was withdrawing": a clause completing a noun of hearsay
        hit = cues.get(("noun", trigger.head.lemma_.lower()))
        if hit is not None:
            yield hit, trigger.head.text
    scopes = [(trigger, False, ""), *_governors(trigger)]
    for depth, (token, occasion, prep) in enumerate(scopes):
        if depth > 0 and not occasion:
            hit = cues.get(("gov", token.lemma_.lower()))
            if hit is None and prep:  # "called for a ceasefire", "appealed for talks"
                hit = cues.get(("gov", f"{token.lemma_.lower()} {prep}"))
            if hit is None and depth == 1 and trigger.head.i == token.i:
                # "demanded the arrest", not "demanded a probe into the firing"
                hit = cues.get(("gov1", token.lemma_.lower()))
            below = scopes[depth - 1][0] if depth > 0 else token
            fronted = below.dep_ == "ccomp" and below.i < token.i
            if hit in _WISHED and fronted:
                # "Bandits abduct 47, demand ransom": a clause before a verb of wanting is no
                # complement of it, whatever the parser hangs where
                hit = None
            if hit is not None:
                yield hit, token.text
        for child in token.children:
            if depth > 0 and child.i == trigger.i:
                continue
            if depth == 0 and child.dep_ in _SUBJECT_DEPS:
                # "No officers were injured", "none of the soldiers was hurt": a subject that
                # quantifies over nobody negates its verb
                for det in child.children:
                    negates = cues.get(("det", det.lemma_.lower())) is Modality.NEGATED
                    if det.dep_ == "det" and negates:
                        yield Modality.NEGATED, det.text
                if child.lower_ in _NOBODY:
                    yield Modality.NEGATED, child.text
            if child.dep_ == "prep" and not _holds(child, trigger):
                continue  # "targeted a meeting without providing evidence": the lack is another act's
            if depth > 0 and child.dep_ == "neg" and token.lemma_.lower() in _UNTOLD_VERBS:
                continue  # "did not say who was behind the attack": the attack is not denied
            if child.dep_ == "aux" and child.lower_ in ("could", "can") and _perceived(token):
                continue  # "gunfire could be heard": it was heard, no supposition
            lemma = child.lemma_.lower()
            for where, deps in _DEPENDENT_PLACES.items():
                if child.dep_ in deps:
                    hit = cues.get((where, lemma))
                    if hit is not None:
                        yield hit, child.text


#: Verbs of perceiving: "could be heard", "can be seen" report what was perceived.
_PERCEIVING = frozenset({"hear", "see", "feel", "smell", "spot", "observe", "film"})


def _perceived(verb: Token) -> bool:
    return verb.lemma_.lower() in _PERCEIVING and any(c.dep_ == "auxpass" for c in verb.children)


def _holds(phrase_head: Token, token: Token) -> bool:
    """Whether `token` lies inside the phrase `phrase_head` heads ("without fighting")."""
    return phrase_head.left_edge.i <= token.i <= phrase_head.right_edge.i


def modality_of(trigger: Token) -> tuple[Modality, str | None]:
    """The trigger's modality and the cue word that set it (None when plainly asserted)."""
    found = list(_found(trigger))
    for modality in _PRIORITY:
        for hit, cue in found:
            if hit is modality:
                return modality, cue
    return Modality.ASSERTED, None

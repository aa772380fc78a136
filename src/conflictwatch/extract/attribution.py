"""Who claims an event: the speaker of the reporting verb or the "according to" source around its trigger.

Works on one parsed sentence. A trigger is attributed when it lies inside what a reporting verb reports:
the verb's clausal complement when the verb heads the sentence ("X said Azerbaijan shelled Sotk"), or the
rest of the sentence when the verb hangs off the reported clause ("Azerbaijan shelled Sotk, the ministry
said"). Denial verbs turn the reported event into a denied one.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

#: Lemmas of verbs that attribute what follows to their subject.
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "claim", "report", "announce", "state", "confirm", "insist", "allege", "add",
        "write", "note", "warn", "stress", "estimate", "declare", "assert", "maintain", "argue",
        "acknowledge", "admit", "quote", "cite", "tweet", "post", "reply", "respond", "explain",
        "believe", "accuse", "charge", "blame", "deny", "reject", "refute", "dismiss", "counter",
        "contend", "suggest", "indicate", "show", "reveal", "disclose", "inform", "brief", "testify",
    }
)  # fmt: skip
#: Reporting verbs whose complement is held to be false by the speaker.
DENIAL_VERBS = frozenset({"deny", "reject", "refute", "dismiss"})
#: Subject dependencies of a reporting verb.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Children kept when a speaker's noun phrase is cut out of the parse.
_NAME_PARTS = frozenset(
    {"compound", "amod", "det", "poss", "flat", "nmod", "case", "nummod", "punct"}
)
#: Clause links through which a verb reports another clause.
_REPORTED = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj", "dobj", "pcomp", "acl"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """The claimant of one trigger, as offsets into the sentence Doc's text."""

    start: int
    end: int
    text: str
    verb: str  # lemma of the reporting verb, or "according to"
    denied: bool
    pronoun: bool  # the claimant is "he", "she", "it", "they": the caller resolves it


def attribute(sent: Doc, trigger_char: int) -> Attribution | None:
    """The claimant of the trigger starting at character `trigger_char` of `sent`, if any."""
    trigger = _token_at(sent, trigger_char)
    if trigger is None:
        return None
    according = _according_to(sent)
    best: tuple[int, Attribution] | None = None
    for verb in sent:
        if (
            verb.lemma_ not in REPORTING_VERBS
            or verb.pos_ not in ("VERB", "AUX")
            or verb == trigger
        ):
            continue
        subject = _speaker(sent, verb)
        if subject is None or not _reports(verb, trigger, subject):
            continue
        distance = abs(verb.i - trigger.i)
        found = _attribution(sent, subject, verb.lemma_, denied=verb.lemma_ in DENIAL_VERBS)
        if best is None or distance < best[0]:
            best = (distance, found)
    if best is not None:
        return best[1]
    return according


def _speaker(sent: Doc, verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is not None:
        return subject
    # "..., Armenia's Defense Ministry said.": the parser often hangs the speaker elsewhere; the noun
    # right before a clause-final reporting verb is the speaker.
    before = sent[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ in ("NOUN", "PROPN", "PRON") and verb.i >= len(sent) - 3:
        return before
    return None


def _token_at(sent: Doc, char: int) -> Token | None:
    for token in sent:
        if token.idx <= char < token.idx + max(len(token.text), 1):
            return token
    return None


def _reports(verb: Token, trigger: Token, subject: Token) -> bool:
    """Whether the trigger lies in what `verb` reports, and not in its speaker's own phrase."""
    if trigger in subject.subtree:
        return False
    if trigger.is_ancestor(verb):
        # "Azerbaijan shelled Sotk, the ministry said": the verb hangs off the reported clause.
        return verb.dep_ in _REPORTED
    return any(child.dep_ in _REPORTED and trigger in child.subtree for child in verb.children) or (
        verb.is_ancestor(trigger) and verb.head == verb
    )


def _according_to(sent: Doc) -> Attribution | None:
    for token in sent:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is not None:
            return _attribution(sent, source, "according to", denied=False)
    return None


def _attribution(sent: Doc, head: Token, verb: str, *, denied: bool) -> Attribution:
    tokens = _name_tokens(head)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return Attribution(
        start=start,
        end=end,
        text=sent.text[start:end],
        verb=verb,
        denied=denied,
        pronoun=head.pos_ == "PRON",
    )


def _part_of_name(child: Token, parent: Token) -> bool:
    """Modifiers, an "of"/"for" complement and its object; never a clause or an apposition."""
    if child.dep_ in _NAME_PARTS:
        return True
    if child.dep_ == "prep":
        return child.lower_ in ("of", "for")
    return child.dep_ == "pobj" and parent.dep_ == "prep"


def _name_tokens(head: Token) -> list[Token]:
    """The speaker's noun phrase: its modifiers and an "of"/"for" complement, without clauses."""
    keep = {head}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if _part_of_name(child, token):
                keep.add(child)
                stack.append(child)
    ordered = sorted(keep, key=lambda t: t.i)
    # Keep one contiguous run around the head; stray punctuation at the edges goes.
    run = [t for t in ordered if abs(t.i - head.i) <= len(ordered)]
    while run and run[0].is_punct:
        run.pop(0)
    while run and run[-1].is_punct:
        run.pop()
    return run or [head]

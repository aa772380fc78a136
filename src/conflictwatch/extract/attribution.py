"""Who claims an event: the speaker of the reporting verb or the "according to" source around its trigger.

`attribute` works on one parsed sentence. A trigger is attributed when it lies inside what a reporting
verb reports: the verb's clausal complement when the verb heads the sentence ("X said Azerbaijan shelled
Sotk"), or the rest of the sentence when the verb hangs off the reported clause ("Azerbaijan shelled Sotk,
the ministry said"). Denial verbs turn the reported event into a denied one.

`DocumentSpeakers` resolves what a parse cannot: "he said" and a lone "Orr said" name someone introduced
sentences earlier, often in a sentence with no event that was never parsed. It reads every sentence's
raw text, so the answer does not depend on which sentences the relevance filter let through.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from conflictwatch.actors import ActorDictionary
from conflictwatch.actors.countries import country_at
from conflictwatch.actors.normalize import fold, name_key
from conflictwatch.datafiles import read_tsv
from conflictwatch.describe.agencies import load_agencies
from conflictwatch.extract.clauses import after_dateline, contrasting_clause

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
#: Reporting verbs whose "to" complement is what they answer, not what they report.
_ANSWERING_VERBS = frozenset({"respond", "reply", "react"})
#: Subject dependencies of a reporting verb.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Tags of relative pronouns ("who", "that") standing for the noun their clause modifies.
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
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
    # "according to the statement": a statement already named, whose author (the last body that
    # spoke) the caller resolves, as for "it said"
    anaphoric: bool = False


def attribute(sent: Doc, trigger_char: int) -> Attribution | None:
    """The claimant of the trigger starting at character `trigger_char` of `sent`, if any.

    The nearest reporting verb that reports the trigger wins, but a named speaker beats a pronoun:
    in "Police said they believe he shot her" or '"We fired back," Smith said' the source is the
    police, or Smith.
    """
    trigger = _token_at(sent, trigger_char)
    if trigger is None:
        return None
    according = _according_to(sent)
    found: list[tuple[int, Attribution]] = []
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
        speaker, through = _speaking_actor(subject)
        distance = abs(verb.i - trigger.i)
        denied = verb.lemma_ in DENIAL_VERBS
        if speaker is None and _is_statement(subject) and _is_definite(subject):
            # "the statement said": its author, named before (the caller resolves it)
            found_text = _attribution(sent, subject, verb.lemma_, denied=denied)
            found.append((distance, dataclasses.replace(found_text, anaphoric=True, pronoun=True)))
            continue
        if speaker is None:
            continue
        attribution = _attribution(sent, speaker, verb.lemma_, denied=denied, through=through)
        if denied and _answers_a_charge(verb):
            return attribution  # the answer to a charge speaks last on the act charged
        found.append((distance, attribution))
    found.sort(key=lambda pair: pair[0])
    named = [attribution for _, attribution in found if not attribution.pronoun]
    if named:
        return named[0]
    if according is not None:
        return according
    return found[0][1] if found else None


def _speaker(sent: Doc, verb: Token) -> Token | None:
    if _reduced_passive(sent, verb):
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    # "KABUL/ISLAMABAD, March 3 (Reuters) - Pakistan's army said": the parser may take a dateline
    # word for a second subject; the subject nearest before the verb is the speaker
    ahead = [c for c in subjects if c.i < verb.i]
    subject = ahead[-1] if ahead else next(iter(subjects), None)
    if subject is not None:
        subject = after_dateline(subject)  # "17:20 GMT — Lebanon's health ministry says"
    if subject is not None and names_nobody(subject):
        return None
    if subject is not None and subject.dep_ == "nsubjpass":
        # "He is charged with killing", "It was reported that": the passive subject is what is
        # said, not who says it.
        return None
    if subject is not None and subject.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head  # "Harris, who said her daughter witnessed a killing": Harris
    if subject is not None:
        return _speaker_after_count(sent, verb, subject) or subject
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        # "A Fano spokesman denied the figure and said his fighters had captured": the second
        # verb shares the first one's subject
        return _speaker(sent, verb.head)
    denier = _denier_of_participle(verb)
    if denier is not None:
        # "A spokesman denied that ..., saying defence forces had repelled an incursion": what the
        # participle says the denier asserts, it does not deny
        return _speaker(sent, denier)
    # "..., Armenia's Defense Ministry said.": the parser often hangs the speaker elsewhere; the noun
    # right before a clause-final reporting verb is the speaker. So it is before a report set off
    # by commas ("seized Uvira, residents and a rebel spokesman said, despite a peace deal").
    before = sent[verb.i - 1] if verb.i > 0 else None
    set_off = verb.dep_ == "parataxis" and verb.i + 1 < len(sent) and sent[verb.i + 1].text == ","
    if before is None or before.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if not _clause_final(sent, verb) and not set_off:
        return None
    commas = [t.i for t in sent[: verb.i] if t.text == ","]
    opening = commas[-1] if commas else -1
    while before.dep_ == "conj" and opening < before.head.i < before.i:
        before = before.head  # "residents and a rebel spokesman": the first of the speakers
    return before


def _denier_of_participle(verb: Token) -> Token | None:
    """The denial verb a reporting participle set off by a comma elaborates: "denied that ...,
    saying ..." (the parser may hang the participle on the denied clause)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].text != ",":
        return None
    head = verb.head
    if head.dep_ == "ccomp" and head.head.lemma_ in DENIAL_VERBS:
        head = head.head
    return head if head.lemma_ in DENIAL_VERBS and head.pos_ in ("VERB", "AUX") else None


def names_nobody(noun: Token) -> bool:
    """ "No group has claimed the attack": a noun quantified by "no" names no one to act or speak."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _reduced_passive(sent: Doc, verb: Token) -> bool:
    """ "The gunmen, believed to belong to the coalition, set fire to homes": a participle set off by
    a comma before a "to" clause says what others believe of the noun; the noun says nothing. The
    parser often reads it as the noun's own verb."""
    if verb.i == 0 or sent[verb.i - 1].text != "," or verb.tag_ not in ("VBN", "VBD"):
        return False
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _speaker_after_count(sent: Doc, verb: Token, subject: Token) -> Token | None:
    """ "killed at least 17 people, including nine children, a local group and residents said":
    the parser may make the victims' count the subject of a clause-final reporting verb and hang
    the speakers under it; the noun phrase after the last comma before the verb speaks. So it does
    after a participle's object ("attacked the town, burning shops, residents said")."""
    counted = subject.pos_ == "NUM" or any(c.dep_ == "nummod" for c in subject.children)
    lead = subject.left_edge
    participle = lead.lower_.endswith("ing") and lead.i > 0 and sent[lead.i - 1].text == ","
    if not (counted or participle) or not _clause_final(sent, verb) or verb.i == 0:
        return None
    before = sent[verb.i - 1]
    commas = [t.i for t in sent[subject.i : verb.i] if t.text == ","]
    if before.pos_ not in ("NOUN", "PROPN") or before.i == subject.i or not commas:
        return None
    while before.dep_ == "conj" and before.head.i > commas[-1]:
        before = before.head
    return before if before.i > commas[-1] else None


def _clause_final(sent: Doc, verb: Token) -> bool:
    """Whether a reporting verb ends its sentence but for its own circumstances: "..., residents
    said.", "..., residents said on Monday, the latest in a string of attacks on opposition-held
    areas." A verb that only describes a noun ("opposition-held") opens no clause."""
    if verb.dep_ in ("acl", "relcl", "amod") or any(c.dep_ == "agent" for c in verb.children):
        return False  # "the first attack claimed by the group": a passive on a noun
    clauses = [t for t in sent[verb.i + 1 :] if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"]
    return not clauses and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children
    )


def _token_at(sent: Doc, char: int) -> Token | None:
    for token in sent:
        if token.idx <= char < token.idx + max(len(token.text), 1):
            return token
    return None


def _reports(verb: Token, trigger: Token, subject: Token) -> bool:
    """Whether the trigger lies in what `verb` reports, and not in its speaker's own phrase."""
    relative = verb.dep_ == "relcl" and subject == verb.head  # "Harris, who said ..."
    if verb.lemma_ in DENIAL_VERBS and _answers_a_charge(verb):
        # "accused India of backing the BLA, a charge New Delhi denies": the parser hangs the
        # charge on the act charged, which is what is denied
        charged = _charged_act(verb)
        if charged is not None:  # "..., which Kigali denies": all the accusation charges
            return charged.left_edge.i <= trigger.i <= charged.right_edge.i
        charged_by = verb.head.head
        if charged_by.lemma_ in _ACCUSING_VERBS:
            # "accused the army of bombing, an allegation the army denied": the charge hangs on
            # the accusing verb; its "of" phrase is what is denied, not the accusing
            acts = _charged_acts(charged_by)
            return any(a.left_edge.i <= trigger.i <= a.right_edge.i for a in acts)
        return charged_by == trigger
    if trigger.lemma_ in DENIAL_VERBS and _denies_a_charge(trigger, verb):
        return False  # the accuser does not report the denial that answers it
    if verb.dep_ == "conj" and verb.head.i == trigger.i:
        return False  # "It has denied targeting civilians and says it is fighting": a second act
    if _semicolon_between(verb, trigger):
        return False  # "Rebels claim a strike; the army says no losses": two statements
    contrast = contrasting_clause(trigger)
    if contrast is not None and contrast != verb and verb.is_ancestor(contrast):
        return False  # "Pashinyan said ..., while Aliyev urged Yerevan": Aliyev's act, told apart
    if trigger in subject.subtree and not (relative and trigger in verb.subtree):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return False  # "said it would inform the mediators": a statement to come reports nothing
    if verb.lemma_ in _ANSWERING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    ):
        return False  # "when the rebels responded with explosives": an act, nothing said
    clause = _argument_of(trigger)
    if clause.is_ancestor(verb):
        # "Azerbaijan shelled Sotk, the ministry said": the verb hangs off the reported clause, or
        # off the verb whose subject or object the trigger is ("an air strike killed two, the
        # ministry said").
        return verb.dep_ in _REPORTED and verb.tag_ != "VBG" and not _reported_below(verb, clause)
    # "The RSF denied targeting civilians and accused the army": a verb coordinated with a denial,
    # sharing its subject, is a second act of the speaker's, not part of what is denied.
    own_act = next(
        (
            c
            for c in verb.children
            if c.dep_ == "conj"
            and trigger in c.subtree
            and not any(g.dep_ in _SUBJECTS for g in c.children)
        ),
        None,
    )
    if own_act is not None and (
        verb.lemma_ in DENIAL_VERBS or own_act.lemma_ not in REPORTING_VERBS
    ):
        return False  # "Petro blamed the faction and ordered the military to act": his own act
    if verb.lemma_ in DENIAL_VERBS and _denies_a_charge(verb, trigger):
        return False
    if _contrasted(verb, trigger):
        return False  # "No group has claimed responsibility, but the government blamed ..."
    root = verb.head
    if verb.dep_ == "parataxis" and root.dep_ == "ROOT" and root.pos_ not in ("VERB", "AUX"):
        # "Bandits abducted 38 worshippers, police said, the latest in a wave": the parser lost
        # the main verb and hung the report on the appended noun phrase; it reports the sentence
        return trigger.i < verb.i and trigger not in verb.subtree
    if verb.lemma_ in _ANSWERING_VERBS:
        # "its soldiers responded to firing by Pakistani troops": what is answered is not said;
        # only a clause ("replied that ...") is the reply's content
        return any(c.dep_ in ("ccomp", "parataxis") and trigger in c.subtree for c in verb.children)
    return any(child.dep_ in _REPORTED and trigger in child.subtree for child in verb.children) or (
        verb.is_ancestor(trigger) and verb.head == verb
    )


#: Conjunctions that set a second speaker's clause against the first.
_CONTRASTING = frozenset({"but", "while", "whereas", "yet"})


def _contrasted(verb: Token, trigger: Token) -> bool:
    """Whether the trigger lies in a clause with its own subject set against the reporting verb by
    "but" or "while": a second statement, not part of the first."""
    for clause in verb.children:
        if clause.dep_ != "conj" or trigger not in clause.subtree:
            continue
        if any(c.dep_ in _SUBJECTS for c in clause.children):
            return any(
                c.dep_ == "cc" and c.lower_ in _CONTRASTING and c.i < clause.i
                for c in verb.children
            )
    return False


#: Nouns that stand for an accusation just told: "..., a charge Kigali has denied".
_CHARGE_NOUNS = frozenset({"charge", "claim", "accusation", "allegation", "assertion"})


def _answers_a_charge(verb: Token) -> bool:
    """Whether a verb qualifies a charge noun ("..., a charge New Delhi denies") or, with "which",
    the act an accusation charges ("accuses Rwanda of sending troops to support the rebels, which
    Kigali denies")."""
    if verb.dep_ != "relcl":
        return False
    return verb.head.lemma_.lower() in _CHARGE_NOUNS or _charged_act(verb) is not None


#: Verbs whose "of" phrase is the act charged: "accused Rwanda of sending troops".
_ACCUSING_VERBS = frozenset({"accuse", "charge", "suspect", "blame"})


def _charged_act(denial: Token) -> Token | None:
    """The act charged that a "which" denial at the end of an accusation answers: the "of" phrase
    of the accusing verb the denial hangs under ("sending troops to support the rebels")."""
    if not any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in denial.children):
        return None
    for above in denial.ancestors:
        if above.lemma_ in _ACCUSING_VERBS:
            acts = _charged_acts(above)
            return acts[0] if acts and acts[0].is_ancestor(denial) else None
    return None


def _charged_acts(accusing: Token) -> list[Token]:
    """The heads of an accusing verb's "of" or "for" phrases: the acts it charges."""
    return [
        c
        for prep in accusing.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for")
        for c in prep.children
        if c.dep_ in ("pcomp", "pobj")
    ]


def _denies_a_charge(verb: Token, trigger: Token) -> bool:
    """Whether the trigger is the accusing itself that "a charge X denied" answers ("Congo accused
    Rwanda of sending troops, a charge Kigali denies"): the accusation was made; what it charges is
    what is denied."""
    # the parser makes the charge the denial's object ("a charge Kabul denies") or, with the one
    # who denies hung on it, its subject
    nouns = [c for c in verb.children if c.dep_ in _SUBJECTS or c.dep_ == "dobj"]
    if _answers_a_charge(verb):
        # "..., a charge New Delhi denies": the denial qualifies the charge, hung under the accusation
        return trigger.is_ancestor(verb)
    if not any(n.lemma_.lower() in _CHARGE_NOUNS for n in nouns):
        return False
    return trigger.head == verb and trigger.dep_ in _REPORTED


def _argument_of(trigger: Token) -> Token:
    """The verb a noun trigger is the subject or object of ("an air strike killed two": killed),
    else the trigger itself."""
    noun = trigger
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head  # "an air strike": the trigger starts at "air"
    argument = noun.pos_ in ("NOUN", "PROPN") and noun.dep_ in ("nsubj", "nsubjpass", "dobj")
    return noun.head if argument and noun.head.pos_ in ("VERB", "AUX") else trigger


#: Auxiliaries of a statement not (yet) made.
_MODALS = frozenset({"will", "would", "shall", "should", "could", "may", "might", "must", "'ll"})


def _reported_below(verb: Token, trigger: Token) -> bool:
    """Whether `verb` lies inside what another reporting verb below the trigger reports: in "Hamas
    accused Israel ... and said it would inform", "inform" is part of Hamas's words, not their
    source. (A participle, "..., with Kyiv saying ...", elaborates; the caller skips it.)"""
    current = verb.head
    while current != trigger and current.head != current:
        if current.lemma_ in REPORTING_VERBS and current.pos_ in ("VERB", "AUX"):
            return True
        current = current.head
    return False


def _semicolon_between(first: Token, second: Token) -> bool:
    """Whether a semicolon separates two tokens of one sentence."""
    low, high = sorted((first.i, second.i))
    return any(t.text == ";" for t in first.doc[low + 1 : high])


def _according_to(sent: Doc) -> Attribution | None:
    for token in sent:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is not None and _is_statement(source):
            # "according to the statement": words someone said, never a source of their own
            speaker, through = _speaking_actor(source)
            if speaker is not None:
                return _attribution(sent, speaker, "according to", denied=False, through=through)
            if _is_definite(source):
                found = _attribution(sent, source, "according to", denied=False)
                return dataclasses.replace(found, anaphoric=True)
            continue
        # "according to the arrest report": a cited document is a source of its own
        speaker, through = _speaking_actor(source, cited=True) if source else (None, None)
        if speaker is not None:
            return _attribution(sent, speaker, "according to", denied=False, through=through)
    return None


#: Nouns of words someone stated ("a statement from the army"): they speak for their author, the
#: source their "from"/"by"/"of" phrase or possessor names, or, definite and with no source, the
#: last body that spoke ("according to the statement").
STATEMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "announcement", "declaration", "release"}
)
_DEFINITE = frozenset({"the", "this", "that"})


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)


def _is_statement(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.lemma_.casefold() in STATEMENT_NOUNS


#: Prepositions that link a speaker to the words misparsed as their own noun phrase ("officials in
#: the region reported") or name the source of a document ("reports from both sides").
_SPEAKER_PREPS = frozenset({"in", "of", "from"})
_SOURCE_PREPS = ("from", "by", "of")
_PHRASE_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PUNCT", "NUM"})
_ACTOR_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def _speaking_actor(subject: Token, *, cited: bool = False) -> tuple[Token | None, Token | None]:
    """Who speaks, given the subject of a reporting verb, and the last token of their phrase when
    it runs past their own noun phrase (None: the phrase is theirs). `cited`: the subject is what
    "according to" cites, where a document with no named source stands for itself.

    A document or report speaks for its source: "reports from both sides suggest" is the sides' claim,
    "reports suggest" nobody's. A place does not speak: in "officials in the breakaway region
    reported" the parser often takes the region as the subject; the speaker is the noun before it.
    """
    kinds = _subject_kinds()
    lemma = subject.lemma_.casefold()
    apposed = _named_apposition(subject)
    if apposed is not None:
        return apposed, None
    if subject.pos_ == "NOUN" and (
        lemma in kinds.get("document", frozenset()) or lemma in STATEMENT_NOUNS
    ):
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in _SOURCE_PREPS:
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return _speaking_actor(objects[0], cited=cited)
        for child in subject.children:  # "the ministry's report", "a UN report"
            named = child.ent_type_ in _ACTOR_ENTITIES or child.pos_ == "PROPN"
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and named):
                return child, None
        return (subject, None) if cited else (None, None)
    if subject.pos_ == "NOUN" and lemma in kinds.get("place", frozenset()):
        doc = subject.doc
        k = subject.left_edge.i - 1
        while k >= 0 and doc[k].pos_ in _PHRASE_WORDS and doc[k].lower_ not in _SPEAKER_PREPS:
            k -= 1
        before = doc[k - 1] if k >= 1 and doc[k].lower_ in _SPEAKER_PREPS else None
        if (
            before is not None
            and before.pos_ in ("NOUN", "PROPN")
            and before.lemma_.casefold() not in kinds.get("place", frozenset())
        ):
            return before, subject.right_edge
    return subject, None


def _named_apposition(subject: Token) -> Token | None:
    """The person a common-noun subject is in apposition with: "the regional governor Roman
    Busargin said" is Busargin's claim, not that of whichever governor the document named first;
    and in "... injured 18 others, Governor Oleh Syniehubov said", where the parser takes the count
    for the subject, the speaker is the governor."""
    if subject.pos_ != "NOUN":
        return None
    for child in subject.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
            return child
    return None


@functools.cache
def _subject_kinds() -> dict[str, frozenset[str]]:
    """speaker_words.tsv's `document` and `place` nouns, which never speak themselves."""
    rows = read_tsv("speaker_words.tsv")
    return {
        kind: frozenset(row["word"].casefold() for row in rows if row["kind"] == kind)
        for kind in ("document", "place")
    }


def _attribution(
    sent: Doc, head: Token, verb: str, *, denied: bool, through: Token | None = None
) -> Attribution:
    """The claimant's phrase around `head`, extended to `through` when given."""
    tokens = _name_tokens(head)
    start = tokens[0].idx
    last = through if through is not None and through.i > tokens[-1].i else tokens[-1]
    end = last.idx + len(last.text)
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


# --- people named in the whole document ---------------------------------------------------------------

#: Pronouns that stand for one person; "it" and "they" stand for a body or a group.
PERSON_PRONOUNS = frozenset({"he", "she"})
BODY_PRONOUNS = frozenset({"it", "they"})
#: A word (letters, inner apostrophes and hyphens), one punctuation mark, or a line break (a name never
#: runs across one: headlines and bylines stand on lines of their own).
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d+|[^\w\s]|\n")
#: Words a personal name can have at most, particles included ("Mario T. Benjamin", "von der Leyen").
_MAX_NAME_WORDS = 5
#: How far after a name (in tokens) an apposition may run before its reporting verb:
#: "John Smith, a police spokesman, said".
_APPOSITION_TOKENS = 10
#: How far before a name its description may begin ("a local administrator in Muidumbe, Name").
_DESCRIPTION_TOKENS = 6
#: Compass words open names of areas ("West Gojjam", "North Kivu"), never a person's given name.
_COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
)
#: Words that end the head of a person's description ("a local official in Ouallam").
_DESCRIPTION_ENDS = frozenset({"in", "of", "from", "at", "for", "with", "who", "whose", "based"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class NamedPerson:
    """A person named in a document: `name` as written ("Kevin Orr"); `phrase` adds the title that
    introduced them ("Mayor Kevin Orr"), which the actor resolver reads a role from."""

    start: int  # document offsets of the name
    end: int
    name: str
    phrase: str
    named: bool = True  # False: described only ("a local official"), whom no surname recalls

    @property
    def surname(self) -> str:
        return name_key(self.name.split()[-1]) if self.named else ""


@dataclasses.dataclass(frozen=True, slots=True)
class _SpeakerWords:
    not_person: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    agencies: frozenset[str]  # folded spellings of news agencies ("associated press")
    person_nouns: frozenset[str]  # what ends the description of one person ("a local official")


@functools.cache
def _speaker_words() -> _SpeakerWords:
    rows = read_tsv("speaker_words.tsv")

    def kind(name: str) -> frozenset[str]:
        return frozenset(row["word"].casefold() for row in rows if row["kind"] == name)

    agencies = frozenset(
        fold(spelling).casefold() for agency in load_agencies() for spelling in agency.spellings
    )
    return _SpeakerWords(
        not_person=kind("not_person"),
        titles=kind("title"),
        particles=kind("particle"),
        not_names=kind("not_name"),
        agencies=agencies,
        person_nouns=kind("person_noun") | kind("title"),
    )


@functools.cache
def _reporting_forms() -> frozenset[str]:
    # Imported here: relevance.py reads this module's REPORTING_VERBS when it builds its own table.
    from conflictwatch.extract.relevance import speaker_words

    return speaker_words() - {"according"}


@dataclasses.dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.casefold()


class DocumentSpeakers:
    """The people a document names, in text order, found in the raw text of every sentence.

    A capitalized run of words is a person when the actor dictionary knows it as one, when a title
    stands before it ("Mayor Kevin Orr", "police spokesman John Smith"), when a reporting verb follows
    or precedes it ("John Smith said", "said John Smith", "John Smith, a detective, said"), or when it
    is an earlier person's surname ("Orr"). Names of organisations, facilities, places and outlets
    ("Taylor Sportsplex", "Associated Press", "North Korea") never are.
    """

    def __init__(self, dictionary: ActorDictionary) -> None:
        self._dictionary = dictionary
        self._words = _speaker_words()
        self._people: list[NamedPerson] = []
        self._starts: list[int] = []

    def read(self, text: str, *, offset: int = 0) -> None:
        """Note the people a text names (a whole document, best: a title can end one sentence and
        its name begin the next, "said Col. | Michael Edmonson"); `offset` is its place in the
        document."""
        tokens = _tokens(text)
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            end = self._name_end(tokens, i)
            if end > i:
                runs.append((i, end))
            i = max(end, i + 1)
        # Full names written anywhere ("Tonyanika Harris' daughter"), by surname: what a lone
        # "Harris said" stands for.
        full_names: dict[str, str] = {}
        for start, end in runs:
            words = [t.text for t in tokens[start:end] if t.text != "."]
            if len(words) > 1 and self._could_be_person(words):
                full_names.setdefault(
                    name_key(words[-1]), text[tokens[start].start : tokens[end - 1].end]
                )
        for start, end in runs:
            person = self._person(tokens, start, end, text, offset, full_names)
            if person is not None:
                self.add(person)

    def add(self, person: NamedPerson) -> None:
        """Note a person, keeping text order (a speaker the parse found, say)."""
        at = bisect.bisect_right(self._starts, person.start)
        if at > 0 and self._people[at - 1].start == person.start:
            return
        self._starts.insert(at, person.start)
        self._people.insert(at, person)

    def people(self) -> list[NamedPerson]:
        return list(self._people)

    def last_before(self, position: int) -> NamedPerson | None:
        """The person named nearest before document offset `position`."""
        at = bisect.bisect_left(self._starts, position)
        return self._people[at - 1] if at > 0 else None

    def by_surname(self, surname: str, position: int) -> NamedPerson | None:
        """The person named nearest before `position` whose name ends in `surname` (or is it)."""
        wanted = name_key(surname)
        at = bisect.bisect_left(self._starts, position)
        for person in reversed(self._people[:at]):
            if person.named and wanted in (person.surname, name_key(person.name)):
                return person
        return None

    def named_speaker(self, text: str, position: int) -> NamedPerson | None:
        """The person a speaker phrase stands for when it is a lone surname ("Orr", "Mayor Orr") or
        a title ("the mayor"), and the document named them before (or at) `position`."""
        words = [t for t in _TOKEN.findall(text) if t[:1].isalpha()]
        while words and words[0].casefold() in STOP_WORDS:
            words = words[1:]
        title = [w.casefold() for w in words]
        if words and all(w[:1].islower() for w in words) and self._is_title_phrase(title):
            return self._titled_before(title, position)
        while words and self._is_title(words[0]):
            words = words[1:]
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        return self.by_surname(words[0], position + 1)

    def _is_title_phrase(self, words: list[str]) -> bool:
        return self._dictionary.title(words) is not None or (
            len(words) == 1 and words[0] in self._words.titles
        )

    def _titled_before(self, title: list[str], position: int) -> NamedPerson | None:
        """The person introduced with this title nearest before `position`."""
        at = bisect.bisect_left(self._starts, position)
        for person in reversed(self._people[:at]):
            before = [t.casefold() for t in _TOKEN.findall(person.phrase)][
                : -len(person.name.split())
            ]
            before = [w for w in before if w[:1].isalpha()]
            if before[-len(title) :] == title:
                return person
        return None

    # --- finding names ---------------------------------------------------------------------------

    def _is_title(self, word: str) -> bool:
        folded = word.casefold()
        return folded in self._words.titles or self._dictionary.title([folded]) is not None

    def _is_name_word(self, token: _Token) -> bool:
        word = token.text
        if len(word) < 2 or not word[:1].isupper() or self._is_title(word):
            return False
        if word.isupper() and len(word) > 1:
            return False  # an acronym ("FBI"), or a word of a headline in capitals
        return token.lower not in self._words.not_names

    def _name_end(self, tokens: list[_Token], start: int) -> int:
        """The end of the run of name words starting at `start` (initials and particles inside), or
        `start` when none starts there."""
        if not self._is_name_word(tokens[start]) or tokens[start].lower in STOP_WORDS:
            return start
        end = start + 1
        while end < len(tokens) and end - start < _MAX_NAME_WORDS:
            if self._is_name_word(tokens[end]):
                end += 1
                continue
            # "Mario T. Benjamin" (a letter and its period), "Ursula von der Leyen" (particles):
            # inside a name only when a name word follows.
            skip = 2 if _is_initial(tokens, end) else 0
            if skip == 0:
                while (
                    end + skip < len(tokens) and tokens[end + skip].lower in self._words.particles
                ):
                    skip += 1
            if skip == 0 or end + skip >= len(tokens):
                break
            if not self._is_name_word(tokens[end + skip]):
                break
            end += skip + 1
        return end

    def _person(
        self,
        tokens: list[_Token],
        start: int,
        end: int,
        text: str,
        offset: int,
        full_names: dict[str, str],
    ) -> NamedPerson | None:
        words = [t.text for t in tokens[start:end] if t.text != "."]
        if not self._could_be_person(words):
            return None
        name = text[tokens[start].start : tokens[end - 1].end]
        title_start = self._title_before(tokens, start)
        phrase_start = tokens[title_start].start if title_start is not None else tokens[start].start
        phrase = text[phrase_start : tokens[end - 1].end]
        known = self._dictionary.person(" ".join(words))
        reported = self._reported(tokens, start, end)
        if len(words) == 1 and known is None:
            earlier = self.by_surname(words[0], offset + tokens[start].start)
            full_name = full_names.get(name_key(words[0]))
            if earlier is not None:
                # "Orr" again: the person met before, with the title that introduced them unless
                # this mention has its own ("Mayor Orr").
                name = earlier.name
                phrase = (
                    earlier.phrase if title_start is None else f"{phrase[: -len(words[0])]}{name}"
                )
            elif full_name is not None and (title_start is not None or reported):
                name = full_name  # "Harris said", the text naming "Tonyanika Harris" elsewhere
                phrase = f"{phrase[: -len(words[0])]}{name}"
            elif title_start is None:
                return None
        elif (
            known is None
            and title_start is None
            and not reported
            and not self._described_before(tokens, start)
        ):
            return None
        return NamedPerson(
            start=offset + tokens[start].start,
            end=offset + tokens[end - 1].end,
            name=name,
            phrase=phrase,
        )

    def _could_be_person(self, words: list[str]) -> bool:
        folded = [fold(w).casefold() for w in words]
        if any(w in self._words.not_person or w in self._dictionary.not_heads for w in folded):
            return False
        if " ".join(folded) in self._words.agencies or (
            len(folded) > 1 and folded[0] in _COMPASS_WORDS
        ):
            return False
        if any(self._dictionary.institution(folded[i:]) is not None for i in range(len(folded))):
            return False  # "Spanish Fork Police", "Rapid Support Forces"
        entry_id = self._dictionary.aliases.get(words)
        if entry_id is not None and not self._dictionary.entries[entry_id].is_person:
            return False
        # A country or demonym first ("North Korea", "Armenian Defense"): no personal name.
        return country_at(fold(" ".join(words)).split(" "), 0) is None

    def _title_before(self, tokens: list[_Token], start: int) -> int | None:
        """Index of the first token of the title right before `start` ("Mayor", "Police Chief",
        "Sgt."), or None."""
        end = start - 1 if start > 0 and tokens[start - 1].text == "." else start
        best: int | None = None
        for n in range(1, self._dictionary.longest_title + 1):
            if end - n < 0:
                break
            words = [t.lower for t in tokens[end - n : end]]
            if not all(w[:1].isalpha() for w in words):
                break
            if self._dictionary.title(words) is not None or (
                n == 1 and words[0] in self._words.titles
            ):
                best = end - n
        return best

    def _described_before(self, tokens: list[_Token], start: int) -> bool:
        """A name set off after the description of one person: "a local administrator in Muidumbe,
        Albino Chiponde, put the toll at 11"."""
        if start < 2 or tokens[start - 1].text != ",":
            return False
        before = tokens[max(0, start - 1 - _DESCRIPTION_TOKENS) : start - 1]
        return any(
            t.text[:1].islower() and t.lower in self._words.person_nouns for t in before
        ) and any(t.lower in ("a", "an") for t in before)

    def describes_one_person(self, phrase: str) -> bool:
        """Whether a speaker phrase describes one unnamed person: "A local official in Ouallam", "a
        45-year-old trader" (its head, before any "in"/"of"/"from" phrase, is a person noun)."""
        words = [w.casefold() for w in _TOKEN.findall(phrase) if w[:1].isalpha()]
        if not words or words[0] not in ("a", "an"):
            return False
        for stop, word in enumerate(words):
            if word in _DESCRIPTION_ENDS:
                words = words[:stop]
                break
        return len(words) > 1 and words[-1] in self._words.person_nouns

    def _reported(self, tokens: list[_Token], start: int, end: int) -> bool:
        """A reporting verb follows the name ("John Smith said", "John Smith, a detective, said") or
        precedes it ("said John Smith", "according to John Smith")."""
        forms = _reporting_forms()
        if end < len(tokens) and tokens[end].lower in forms:
            return True
        if end < len(tokens) and tokens[end].text == ",":
            if end + 1 < len(tokens) and tokens[end + 1].lower in forms:
                return True  # "Fuller's neighbor, Ronnie Patterson, told local media"
            # "John Smith, a detective, said"; "Nizar Halabi, 47, a schoolteacher in Ariqa, said"
            for i in range(end + 1, min(end + 1 + _APPOSITION_TOKENS, len(tokens) - 1)):
                if tokens[i].text in (".", '"', "“", "”"):
                    break
                if tokens[i].text == "," and tokens[i + 1].lower in forms:
                    return True
        if start > 0 and tokens[start - 1].lower in forms:
            return True
        return (
            start > 1 and tokens[start - 1].lower == "to" and tokens[start - 2].lower == "according"
        )


def _tokens(text: str) -> list[_Token]:
    """The words and marks of a text; a possessive ending is a token of its own ("Orr", "'s")."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if len(word) > 3 and word[-2] in "'’" and word[-1] == "s":
            tokens.append(_Token(word[:-2], start, end - 2))
            tokens.append(_Token(word[-2:], end - 2, end))
        else:
            tokens.append(_Token(word, start, end))
    return tokens


def _is_initial(tokens: list[_Token], i: int) -> bool:
    """A capital letter and a period: "T." in "Mario T. Benjamin"."""
    token = tokens[i]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and i + 1 < len(tokens)
        and tokens[i + 1].text == "."
    )

"""Casualty figures read from the dependency parse of one sentence.

A figure is a victim phrase ("at least 54 Azerbaijani soldiers") tied to a trigger that says what
happened to them: a verb whose object or passive subject they are ("were killed", "killed 12
people"), an intransitive verb whose subject they are ("three people died"), an adjective or noun
that carries its own count ("four wounded", "5,000 deaths"), or a toll ("the death toll rose to
158"). The vocabulary (triggers, victim nouns and their population, hedge and cumulative cues) is
data: `data/casualty_terms.tsv`.

Only victim phrases headed by a person noun, a demonym, a person's name, a pronoun or a bare
number are read, so that "two military posts", "three tanks" or "since 2016" never become
casualties.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.extract.numbers import Bounds, parse_count
from conflictwatch.model import Casualty, CasualtyKind, Population

#: Entity labels whose numbers are never counts of people.
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
SINGULAR_PRONOUNS = {"he", "she", "him", "her", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "themselves"}
NEGATIVE_DETERMINERS = {"no", "none", "nobody", "nothing"}
MAX_SENTENCE_TOKENS = 400
#: Nouns that are themselves quantities ("a dozen were hurt", "hundreds died").
COUNT_NOUNS = {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands"}
COUNT_NOUNS |= {"handful", "couple", "million", "millions"}


@dataclasses.dataclass(frozen=True, slots=True)
class Terms:
    """The casualty vocabulary, by category (see data/casualty_terms.tsv)."""

    by_category: dict[str, dict[str, str]]

    def get(self, category: str, term: str) -> str | None:
        return self.by_category.get(category, {}).get(term)

    def has(self, category: str, term: str) -> bool:
        return term in self.by_category.get(category, {})

    def words(self, category: str) -> set[str]:
        return set(self.by_category.get(category, {}))


@functools.cache
def load_terms() -> Terms:
    """The casualty vocabulary shipped with the package."""
    text = resources.files("conflictwatch.data").joinpath("casualty_terms.tsv").read_text("utf-8")
    by_category: dict[str, dict[str, str]] = {}
    for line in text.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 3 and cells[0] and not line.startswith("#"):
            by_category.setdefault(cells[1], {})[cells[0].lower()] = cells[2]
    return Terms(by_category)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A casualty with the parse facts behind it (used by article-level aggregation)."""

    casualty: Casualty
    trigger: str  # lemma of the trigger word
    weak: bool  # read from a weak trigger ("shot", "stabbed"): hurt, fate not stated
    named: bool  # the victim is a named person or a pronoun for one
    victim_index: int  # token index of the victim head in the sentence (-1 for tolls)
    incremental: bool = False  # "another 54", "54 more": an increment, never a running total
    trigger_start: int = -1  # document offset of the trigger: conjoined victims share it


@dataclasses.dataclass(frozen=True, slots=True)
class _Victim:
    head: Token
    bounds: Bounds
    first: int  # first token index of the count phrase
    named: bool


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _victim(token: Token, terms: Terms, *, is_trigger: bool = False) -> _Victim | None:
    """The count of people that `token` (a victim phrase head) stands for, if it names people."""
    # "Bandits abduct 47 in Zamfara": the tagger may call a headline's bare object a date
    headline_count = token.dep_ == "dobj" and token.ent_type_ == "DATE" and _lone_count(token)
    if token.ent_type_ in NOT_COUNTS and token.pos_ == "NUM" and not headline_count:
        return None
    lower, lemma = token.lower_, _lemma(token)
    first = token.left_edge.i
    if token.pos_ == "PRON" or token.tag_ == "PRP":
        if lower in SINGULAR_PRONOUNS:
            return _Victim(token, (1, 1), token.i, True)
        if lower in PLURAL_PRONOUNS:
            return _Victim(token, (None, None), token.i, False)
        if lower in {"nobody", "none"} or lower == "no one":
            return _Victim(token, (0, 0), token.i, False)
        return None
    if _breakdown(token):
        return None
    phrase = token.doc[first : _phrase_end(token)].text
    bounds = parse_count(phrase)
    if bounds is None or bounds == (1, 1):
        # "shot dead seven inmates": a modifier before the count hides it from the phrase reader
        for count in (c for c in token.children if c.dep_ == "nummod" and c.i > first):
            bounds = parse_count(token.doc[count.left_edge.i : _phrase_end(token)].text) or bounds
    if is_trigger and _lemma(token) == "body":
        bounds = _body_count(token, bounds)
    if token.pos_ == "NUM" or token.tag_ == "CD" or lemma in COUNT_NOUNS or is_trigger:
        if bounds is None or bounds == (None, None):
            return None
        return _Victim(token, bounds, first, False)
    if lower == "more" and bounds is not None and bounds != (None, None):
        return _Victim(token, bounds, first, False)  # "several more", "12 more"
    if lower in {"one", "nobody", "none", "everyone", "all"}:
        return _Victim(token, bounds or (1, 1), first, False) if lower != "everyone" else None
    if token.tag_ == "NNPS" and bounds is not None and bounds != (None, None):
        return _Victim(token, bounds, first, False)  # "seven Maoists": a counted group, no name
    if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_):
        return _Victim(token, (1, 1), token.i, True)  # a named person; numbers nearby are ages
    counted_group = _collective_count(token) if terms.has("collective", lemma) else None
    if counted_group is not None:
        return _Victim(token, counted_group, first, False)
    is_person_noun = any(terms.has(c, w) for c in PERSON_CATEGORIES for w in (lemma, lower))
    if not is_person_noun and token.ent_type_ != "NORP":
        return None
    if bounds is None:
        bounds = (1, 1) if token.tag_ == "NN" or (token.tag_ == "NNP" and lower == lemma) else None
        if token.tag_ in {"NNS", "NNPS"}:
            bounds = (None, None)
    return _Victim(token, bounds or (None, None), first, False)


#: Words that take a share of people already counted: "most of them women and children".
_SHARE_WORDS = frozenset({"most", "many", "some", "all", "half", "majority", "several", "dozens"})


def _breakdown(token: Token) -> bool:
    """Whether a noun describes who the people just counted were ("killing at least 40 people,
    most of them women and children"), which the parser may make a second object: no new figure."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    for share in token.children:
        if share.lower_ not in _SHARE_WORDS:
            continue
        for prep in share.children:
            of_them = any(o.lower_ in {"them", "those", "whom"} for o in prep.children)
            if prep.dep_ == "prep" and prep.lower_ == "of" and of_them:
                return True
    return False


#: Categories of casualty_terms.tsv whose nouns name people ("villagers", "detainees").
PERSON_CATEGORIES = ("population", "captive_noun")


def _collective_count(token: Token) -> Bounds | None:
    """ "a family of six", "a group of 12 miners": a group noun counts the people of its "of"
    phrase; without a count there it is no victim phrase of its own ("the team was eliminated")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for counted in (c for c in prep.children if c.dep_ == "pobj"):
                bounds = _count_phrase(counted)
                if bounds is not None and bounds != (None, None):
                    return bounds
    return None


def _body_count(token: Token, bounds: Bounds | None) -> Bounds | None:
    """A found body is one dead person; "bodies" count only when a number says how many."""
    if token.tag_ == "NN":
        return (1, 1)
    return bounds or _collective_count(token)  # "the bodies of five men"


def _phrase_end(token: Token) -> int:
    """End of the words before and including the head (right modifiers other than "of" dropped)."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = child.right_edge.i + 1
        else:
            break
    return end


def _conjuncts(token: Token) -> list[Token]:
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            found.extend(_conjuncts(child))
    return found


RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}


def _subject_of(verb: Token, deps: set[str]) -> Token | None:
    """A subject of `verb`, inherited from the verb it is coordinated with ("shot and killed")."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in deps:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child
        # "and at least eight remain missing": the parser may hang the subject's number on the verb
        hung = [c for c in current.children if c.dep_ == "nummod" and c.i < current.i]
        if hung and "nsubj" in deps:
            return hung[0]
        if current.dep_ in {"conj", "xcomp"} or (current.dep_ == "advcl" and current.tag_ == "VBN"):
            current = current.head
        elif current.dep_ in {"acl", "amod"} and current.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            return current.head
        else:
            return None
    return None


def _headline_subject(verb: Token) -> Token | None:
    """ "Man shot, killed": in headline style a bare past participle has its victim as subject."""
    if verb.tag_ not in {"VBD", "VBN"} or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _shared_objects(verb: Token) -> list[Token]:
    """ "shot and killed two people": the object of a coordinated verb belongs to both. Not when
    the verb is passive or the other verb has a subject of its own: in "five civilians were killed
    and the army shot down two drones" the drones are no victims of the killing."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
                continue
            objects = [c for c in child.children if c.dep_ in {"dobj", "obj"}]
            if objects:
                return objects
    return []


_COUNT_PHRASE_DEPS = {"advmod", "nummod", "quantmod", "amod", "compound", "det"}


def _stranded_object(verb: Token) -> Token | None:
    """ "injured at least 18 others, the governor said": the small parser often makes a count
    phrase that ends a clause into the subject of the reporting verb after it. Right after a
    trigger verb that has no object, such a phrase is the verb's object."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or verb.i + 1 >= len(
        verb.doc
    ):
        return None
    head = verb.doc[verb.i + 1]
    while head.dep_ in _COUNT_PHRASE_DEPS and head.head.i > head.i:
        head = head.head
    counted = head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in head.children)
    subject_of_later_verb = head.dep_ == "nsubj" and head.head.i > head.i
    if head.left_edge.i != verb.i + 1 or not counted or not subject_of_later_verb:
        return None
    return head


def _verb_victims(verb: Token, terms: Terms) -> list[Token]:
    """Victims of a transitive trigger verb: its object, or its passive subject."""
    current = verb
    for _ in range(4):
        objects = [c for c in current.children if c.dep_ in {"dobj", "obj"}]
        if not objects and current == verb:
            objects = _shared_objects(verb)
        if not objects and current == verb:
            stranded = _stranded_object(verb)
            objects = [stranded] if stranded is not None else []
        if objects:
            return objects if current == verb else []
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        if passive:
            subject = passive[0]
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                subject = current.head
            return [subject]
        headline = _headline_subject(current)
        if headline is not None and not terms.has("agent", _lemma(headline)):
            return [headline]
        if current.dep_ in {"acl", "amod"} and current.tag_ == "VBN":
            return [current.head]
        if current.dep_ == "relcl" and current.tag_ == "VBN":
            return [current.head]
        inherits = current.dep_ in {"conj", "xcomp"} or (
            current.dep_ == "advcl" and current.tag_ == "VBN"
        )
        if not inherits:
            return []
        current = current.head
    return []


#: Modals of what is still to come or would come: "will kill", "would be killed".
_FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})


def _is_unrealised(token: Token) -> bool:
    """ "threatened to kill him", "trying to kill": an infinitive is an aim, not a casualty; so is a
    killing to come, "will kill", "would eliminate", "could kill thousands" (a perfect one, "feared
    to have died", "may have been killed", or a passive one of another modal, "she might be
    injured", is a hedged report of what happened)."""
    if any(c.dep_ == "aux" and _lemma(c) == "have" for c in token.children):
        return False
    modals = [c.lower_ for c in token.children if c.dep_ == "aux" and c.tag_ == "MD"]
    if any(m in _FUTURE_MODALS for m in modals):
        return True
    if modals and not any(c.dep_ == "auxpass" for c in token.children):
        return True  # "could kill thousands"; but "she might be injured" is a hedged report
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in {"acomp", "oprd"}
    )


def _kind_of_verb(verb: Token, terms: Terms) -> tuple[str, bool] | None:
    """(kind, weak) for a verb trigger, reading "shot dead", "fatally shot", "taken prisoner"."""
    lemma = _lemma(verb)
    if _killed_by_complement(verb, terms):
        return ("killed", False)  # "hacked five villagers to death", "burned alive"
    if lemma in LIFE_VERBS and _lives_taken(verb) is not None:
        return ("killed", False)  # "claimed the lives of nine people"
    if lemma == "take" and any(c.dep_ == "dobj" and _lemma(c) == "life" for c in verb.children):
        return ("killed", False)  # "took his own life"
    if lemma in {"take", "hold"}:
        captive = [c for c in verb.children if terms.has("captive_noun", _lemma(c))]
        if not captive or _held_by_a_place(verb, captive, terms):
            return None
        return ("captured", False)
    if lemma == "lose":
        lives = [c for c in verb.children if c.dep_ == "dobj" and _lemma(c) == "life"]
        return ("killed", False) if lives or _people_lost(verb, terms) else None
    kind = terms.get("verb", lemma)
    if kind is not None:
        return kind, False
    kind = terms.get("weak_verb", lemma)
    if kind is None:
        return None
    for child in verb.children:
        if child.lower_ in {"dead", "fatally", "mortally", "death"}:
            return "killed", False
        to_death = any(_lemma(c) == "death" for c in child.children)
        if child.dep_ == "prep" and child.lower_ == "to" and to_death:
            return "killed", False
        if child.dep_ == "prep" and child.lower_ == "at" and not _verb_victims(verb, terms):
            return None
    return kind, True


def _bare_captive_noun(token: Token, terms: Terms) -> bool:
    """ "hostage" in "held the villagers hostage": a captive noun with no count or determiner."""
    return terms.has("captive_noun", _lemma(token)) and _unmodified(token)


def _unmodified(noun: Token) -> bool:
    """A noun with no determiner, count, possessor or adjective: "relatives", "hostage"."""
    return not any(c.dep_ in {"det", "nummod", "poss", "amod"} for c in noun.children)


#: Places that hold people as their purpose: "the prison, which holds several thousand detainees".
_HOLDING_PLACES = frozenset(
    {"prison", "jail", "gaol", "camp", "facility", "centre", "center", "cell", "compound", "site"}
)


def _held_by_a_place(verb: Token, captives: list[Token], terms: Terms) -> bool:
    """Whether "hold" names no seizure: a prison that holds detainees, or a thing held hostage
    ("holding the capital's airport and prisons hostage": no person is taken)."""
    subject = _subject_of(verb, {"nsubj"})  # a relative pronoun stands for the noun it describes
    if subject is not None and _lemma(subject) in _HOLDING_PLACES:
        return True
    for captive in captives:
        if captive.dep_ not in {"dobj", "nsubjpass"}:
            continue
        # the parser may make "hostage" the object and the things held its modifiers
        things = [c for c in captive.children if c.dep_ in {"nmod", "poss"} and c.pos_ == "NOUN"]
        return bool(things) and all(_victim(t, terms) is None for t in things)
    held = [c for c in verb.children if c.dep_ == "dobj" and c not in captives]
    return bool(held) and all(_victim(h, terms) is None for h in held)


#: Verbs whose subject got away "with injuries": they are the wounded.
ESCAPING_VERBS = frozenset({"escape", "survive", "flee", "emerge"})
#: Verbs whose subject is the one who bears their object ("sustained injuries", "suffered wounds").
SUFFERING_VERBS = frozenset({"sustain", "suffer", "receive", "incur"})

#: Verbs whose object "lives" ("the lives of nine people", "nine lives") are people killed.
LIFE_VERBS = frozenset({"claim", "take", "cost"})


def _counted_exactly(noun: Token) -> bool:
    return any(c.dep_ == "nummod" for c in noun.children)


def _people_lost(verb: Token, terms: Terms) -> bool:
    """ "We lost 17 men", "the army lost 12 soldiers": a side that loses a counted number of its
    people lost them in battle (not "lost contact with", not "lost his job")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        victim = _victim(obj, terms)
        if _counted_exactly(obj) and victim is not None and victim.bounds != (None, None):
            return True
    return False


def _lives_taken(verb: Token) -> Token | None:
    """The victims of "claimed the lives of nine people" (the "of" object) or of "cost nine lives"
    (the count), else None ("took his own life" is read from its subject)."""
    for life in (c for c in verb.children if c.dep_ == "dobj" and _lemma(c) == "life"):
        for prep in life.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                victims = [c for c in prep.children if c.dep_ == "pobj"]
                if victims:
                    return victims[0]
        counts = [c for c in life.children if c.dep_ == "nummod"]
        if counts:
            return counts[0]
    return None


def _killed_by_complement(verb: Token, terms: Terms) -> bool:
    """ "hacked to death", "beaten to death", "burned alive": a complement that says the victims
    of a verb of harm died ("sentenced to death" and "scared to death" say no such thing)."""
    lemma = _lemma(verb)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            deaths = [c for c in child.children if c.dep_ == "pobj" and c.lower_ == "death"]
            if deaths and not terms.has("not_to_death", lemma):
                return True
        if child.lower_ == "alive" and terms.has("alive_verb", lemma):
            return True
        # "burned alive four men": the parser may hang the complement on the object
        hung = any(c.lower_ == "alive" and c.i == verb.i + 1 for c in child.children)
        if child.dep_ == "dobj" and terms.has("alive_verb", lemma) and hung:
            return True
    return False


def kills_by_complement(verb: Token) -> bool:
    """Whether a verb's complement says its victims died ("hacked to death", "burned alive")."""
    return _killed_by_complement(verb, load_terms())


#: How a captive noun hangs on "take" or "hold" ("took them hostage", "took 12 hostages").
_CAPTIVE_DEPS = frozenset({"dobj", "oprd", "advcl", "xcomp", "npadvmod", "ccomp", "attr"})


def captive_nouns(verb: Token) -> list[Token]:
    """The captive nouns "take" or "hold" makes captives with: "hostage" in "took three tourists
    hostage" or "are holding 30 passengers hostage", "prisoner" in "were taken prisoner",
    "hostages" in "took 12 hostages"; none for "holds several thousand detainees" (a prison) or
    "held the airport hostage" (no person)."""
    if _lemma(verb) not in {"take", "hold"}:
        return []
    terms = load_terms()
    captives = [
        c for c in verb.children if c.dep_ in _CAPTIVE_DEPS and terms.has("captive_noun", _lemma(c))
    ]
    return [] if not captives or _held_by_a_place(verb, captives, terms) else captives


def harms_people(verb: Token) -> bool:
    """Whether a verb's object or passive subject names people: "neutralised nine terrorists",
    not "neutralised the device" or "eliminated poverty"."""
    terms = load_terms()
    heads = [h for h in _verb_victims(verb, terms) if h.i != verb.i]
    # "killed a number of civilians": the people of an "of" phrase
    heads += [p for h in heads for c in h.children if c.lower_ == "of" for p in c.children]
    return any(_victim(c, terms) is not None for h in heads for c in _conjuncts(h))


def _natural_death(verb: Token, terms: Terms) -> bool:
    """ "died peacefully", "died after a long illness", "died of natural causes": a death whose own
    modifiers name a natural cause (data: `natural_death`) and no harm is no violent casualty."""
    harm = ("verb", "weak_verb", "noun", "adjective")
    found = False
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "aux", "punct", "cc", "conj", "ccomp"}:
            continue
        for word in child.subtree:
            lemma = _lemma(word)
            if terms.has("natural_death", lemma) or terms.has("natural_death", word.lower_):
                found = True
            elif any(terms.has(k, lemma) for k in harm) or word.lower_ in {"gunshot", "attack"}:
                return False
    return found


def _deaths_of_disease(noun: Token, terms: Terms) -> bool:
    """ "1,500 deaths from cholera", "the outbreak has caused 1,500 deaths": deaths a natural cause
    (data: `natural_death`) or a bare outbreak (not "an outbreak of violence") brings about."""
    causes = [p for p in noun.children if p.dep_ == "prep" and p.lower_ in {"from", "of", "to"}]
    if any(terms.has("natural_death", _lemma(w)) for p in causes for w in p.subtree):
        return True
    verb = noun.head
    for _ in range(6):  # up to the clause the noun stands in
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = _subject_of(verb, {"nsubj"})
    if subject is None and verb.dep_ == "ccomp":
        subject = _subject_of(verb.head, {"nsubj"})  # the parser may hang it a clause up
    if subject is None:
        return False
    lemma = _lemma(subject)
    of_something = any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)
    return terms.has("natural_death", lemma) or (lemma == "outbreak" and not of_something)


#: Relative pronouns that stand for the noun their clause describes.
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


def doers(verb: Token) -> list[Token]:
    """Who or what does a verb: its subject, the noun a relative clause describes ("the earthquake of
    March 2025, which killed thousands"), or the "by" phrase of a passive."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(d.lower_ in _RELATIVE_PRONOUNS for d in found):
        noun = verb.head
        # the parser may hang the clause on a date of the noun's own "of" phrase
        while noun.ent_type_ == "DATE" and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            noun = noun.head.head
        found = [noun]
    elif verb.dep_ == "acl" and verb.tag_ == "VBG" and not found:
        found = [verb.head]  # "with tensions exploding between parents": the noun described
    found += [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return [t for doer in found for t in (doer, *doer.conjuncts)]


def natural_doer(verb: Token) -> bool:
    """Whether a verb of harm is done by a natural hazard or a disease (data: `natural_death`): "a
    flood killed 40 people", "homes destroyed by the earthquake". No one's violence."""
    terms = load_terms()
    return any(terms.has("natural_death", _lemma(t)) for t in doers(verb))


def _trigger_victims(token: Token, terms: Terms) -> tuple[str, bool, list[Token]] | None:
    """The kind, weakness and victim heads a trigger word governs, or None if it is no trigger."""
    lemma = _lemma(token)
    # "among the injured": a participle standing for people is read as an adjective
    as_noun = token.dep_ == "pobj" and any(c.dep_ == "det" for c in token.children)
    if (token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")) and not as_noun:
        if terms.has("intransitive", lemma):
            if _natural_death(token, terms):
                return None
            subject = _subject_of(token, {"nsubj"})
            if subject is None and token.dep_ == "xcomp":
                # "40 people are feared to have died": the raising verb's passive subject
                subject = _subject_of(token, {"nsubj", "nsubjpass"})
            return ("killed", False, [subject] if subject is not None else [])
        verb_kind = _kind_of_verb(token, terms)
        if verb_kind is not None and natural_doer(token):
            return None
        counted = number_before_state(token)
        if verb_kind is not None and counted is not None:
            return (*verb_kind, [counted])  # "the hospital received 30 wounded"
        lives = _lives_taken(token) if lemma in LIFE_VERBS else None
        if verb_kind is not None and lives is not None:
            return (*verb_kind, [lives])
        if lemma == "lose" and _people_lost(token, terms):
            return ("killed", False, _verb_victims(token, terms))  # "we lost 17 men"
        if verb_kind is not None and lemma in {"take", "lose"} and verb_kind[0] == "killed":
            subject = _subject_of(token, {"nsubj"})
            return (*verb_kind, [subject] if subject is not None else [])
        if verb_kind is not None:
            victims = _verb_victims(token, terms)
            if lemma in {"take", "hold"}:
                # "held the villagers hostage": the bare captive noun says what they became
                roles = [v for v in victims if _bare_captive_noun(v, terms)]
                if roles and len(roles) < len(victims):
                    victims = [v for v in victims if v not in roles]
            return (*verb_kind, victims)
    adjective_kind = terms.get("adjective", token.lower_) or terms.get("adjective", lemma)
    stated = (
        _as_state(token) or _linked_state(token) or (token.dep_ == "pcomp" and _has_subject(token))
    )
    if adjective_kind is not None and (token.tag_ in {"JJ", "VBN", "NN", "NNS"} or stated):
        return (adjective_kind, False, _adjective_victims(token))
    noun_kind = terms.get("noun", lemma)
    if noun_kind is not None and token.pos_ == "NOUN" and _deaths_of_disease(token, terms):
        return None
    if noun_kind is not None and token.pos_ == "NOUN":
        if token.dep_ == "dobj" and _lemma(token.head) in SUFFERING_VERBS:
            # "one soldier sustained injuries": the one who suffered them ("fatal injuries": died)
            subject = _subject_of(token.head, {"nsubj"})
            fatal = any(c.lower_ in {"fatal", "mortal", "deadly"} for c in token.children)
            kind = "killed" if fatal and noun_kind == "wounded" else noun_kind
            return (kind, False, [subject] if subject is not None else [])
        escaped = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "with" else None
        if escaped is not None and _lemma(escaped) in ESCAPING_VERBS and noun_kind == "wounded":
            # "two farmers escaped with injuries": those who got away hurt
            subject = _subject_of(escaped, {"nsubj"})
            return (noun_kind, False, [subject] if subject is not None else [])
        return (noun_kind, False, [token])
    if lemma == "body" and _is_found_body(token):
        return ("killed", False, [token])
    return None


def number_before_state(token: Token) -> Token | None:
    """ "The hospital received 30 wounded", "they brought in 12 dead": the parser makes the number
    the object of the verb before and hangs the state word on that verb as a participle; the state
    word is then a noun, and the number counts the people in that state."""
    if token.tag_ not in {"VBN", "JJ"} or token.dep_ not in {"advcl", "xcomp", "oprd", "acomp"}:
        return None
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is None or before.tag_ != "CD" or before.dep_ != "dobj" or before.head != token.head:
        return None
    return before


#: Verbs of caring for casualties: their subject (a hospital, medics) harmed no one.
CARE_VERBS = frozenset({"receive", "treat", "admit", "bring", "evacuate", "transfer", "take"})


#: Verbs of finding or handling bodies: each body is one person killed ("he counted 30 bodies").
FOUND_VERBS = {
    "find", "discover", "recover", "identify", "locate", "retrieve", "pull",
    "count", "see", "bury", "exhume", "collect",
}  # fmt: skip


def _is_found_body(token: Token) -> bool:
    """ "a man's body was found": a body found or recovered (not "body armor", "governing body")."""
    if token.dep_ not in {"nsubjpass", "dobj"} or _lemma(token.head) not in FOUND_VERBS:
        return False
    return not any(c.dep_ in {"amod", "compound"} for c in token.children)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ == "nsubj" for c in token.children)


def _as_state(token: Token) -> bool:
    """ "30 others were missing": the parser may read an adjective as a progressive verb (VBG with
    "were"); with no object it states what became of its subject."""
    if token.tag_ != "VBG" or any(c.dep_ in {"dobj", "obj"} for c in token.children):
        return False
    return any(c.dep_ == "aux" and _lemma(c) == "be" for c in token.children)


#: Verbs that link a subject to the state their complement names ("went missing", "remain missing").
LINKING_VERBS = frozenset({"go", "remain", "stay", "become", "be", "turn"})


def _linked_state(token: Token) -> bool:
    """ "three aid workers went missing": the parser may read the adjective as a participle (VBG)
    hanging from a linking verb; with no object it states what became of the linking verb's subject."""
    if token.tag_ != "VBG" or any(c.dep_ in {"dobj", "obj"} for c in token.children):
        return False
    linked = token.dep_ in {"advcl", "xcomp", "acomp", "oprd"} and token.head.i != token.i
    return linked and _lemma(token.head) in LINKING_VERBS


def _adjective_victims(token: Token) -> list[Token]:
    """ "four wounded", "54 more military dead", "two men are dead", "the dead soldiers"."""
    if any(c.dep_ == "nummod" or c.tag_ == "CD" for c in token.children):
        return [token]
    if token.dep_ == "amod" and token.head.pos_ in {"NOUN", "PROPN"}:
        return [token.head]
    copula = token.head.head
    if token.dep_ == "pobj" and token.head.lower_ == "among" and copula.pos_ == "AUX":
        # "five children were among the dead": the copula's subject ("was not among": none)
        if any(c.dep_ == "neg" for c in copula.children):
            return []
        # "among the injured were two teenagers": the parser may make the people an attribute
        subjects = [c for c in copula.children if c.dep_ == "nsubj"]
        return (subjects or [c for c in copula.children if c.dep_ == "attr"])[:1]
    if token.dep_ == "pcomp" and _has_subject(token):
        # "with dozens more still unaccounted for"
        return [c for c in token.children if c.dep_ == "nsubj"][:1]
    if _as_state(token):
        # the parser may hang the subject on the auxiliary ("others/nsubj -> were/aux -> missing")
        auxiliaries = [c for c in token.children if c.dep_ == "aux"]
        hung = [g for a in auxiliaries for g in a.children if g.dep_ == "nsubj"]
        subject = hung[0] if hung else _subject_of(token, {"nsubj"})
        return [subject] if subject is not None else []
    if token.dep_ in {"acomp", "oprd", "xcomp", "advmod", "attr"} or _linked_state(token):
        objects = [c for c in token.head.children if c.dep_ in {"dobj", "obj"}]
        if objects:
            return objects  # "left 12 soldiers dead", "found him dead"
        subject = _subject_of(token.head, {"nsubj", "nsubjpass"})
        return [subject] if subject is not None else []
    if token.dep_ == "conj" and token.head.tag_ == "CD":
        return [token.head]
    count = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    # "two of the wounded died" picks from people counted already; "dozens of wounded" counts them
    partitive = any(c.dep_ in ("det", "poss") for c in token.children)
    if count is not None and count.lemma_.lower() in _COUNT_NOUNS and not partitive:
        return [count]  # "received dozens of wounded"
    return []


#: Nouns that count what their "of" phrase names: "dozens of wounded", "scores of dead".
_COUNT_NOUNS = frozenset({"dozen", "score", "hundred", "thousand"})


def _toll_figure(toll: Token) -> Token | None:
    """The number a toll is given: "rose to 158", "bringing the toll to 158", "the toll is 158"."""
    candidates: list[Token] = []
    verb = toll.head
    for holder in (toll, verb):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "at", "of"}:
                candidates.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in {"attr", "dobj", "appos", "nummod"} and child.i != toll.i:
                candidates.append(child)
    # "brings the number of aid workers killed since 1 January to six": the parser may hang the
    # "to" phrase on the date
    candidates += [
        c
        for prep in toll.subtree
        if prep.dep_ == "prep" and _to_after_dates(prep)
        for c in prep.children
        if c.dep_ == "pobj" and c.tag_ == "CD"
    ]
    for candidate in candidates:
        if candidate.tag_ == "CD" or _count_phrase(candidate) is not None:
            return candidate
    return None


def _after_dates(figure: Token) -> bool:
    """ "Since 1 January to 312": the tagger takes the toll's figure into the dates before it; a
    number after "to" on a date, with no month after it, is the figure."""
    after = figure.doc[figure.i + 1] if figure.i + 1 < len(figure.doc) else None
    return (
        figure.dep_ == "pobj"
        and _to_after_dates(figure.head)
        and not (after is not None and after.ent_type_ == "DATE")
    )


def _to_after_dates(prep: Token) -> bool:
    """A "to" right after dates or hung on them: "since 1 January to ..."."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return prep.lower_ == "to" and (
        prep.head.ent_type_ == "DATE" or (before is not None and before.ent_type_ == "DATE")
    )


def _lone_count(figure: Token) -> bool:
    """ "The number of injured stands at 24": the tagger may call a bare number a date; one that
    is its entity alone and could not be a year is a count."""
    doc = figure.doc
    alone = figure.ent_iob_ == "B" and (
        figure.i + 1 >= len(doc) or doc[figure.i + 1].ent_iob_ != "I"
    )
    return alone and figure.like_num and not (figure.text.isdigit() and len(figure.text) == 4)


def _count_phrase(token: Token) -> Bounds | None:
    """The count a phrase headed by `token` states: "158 soldiers", "more than 200"."""
    return parse_count(token.doc[token.left_edge.i : token.i + 1].text)


def _toll_kind(toll: Token, terms: Terms) -> str:
    for child in toll.children:
        if child.dep_ in {"compound", "amod"}:
            kind = terms.get("noun", _lemma(child)) or terms.get("adjective", child.lower_)
            if kind is not None:
                return kind
    return "killed"


def _counted_people(victim: Token) -> Token | None:
    """ "dozens of soldiers", "12 of the villagers": the people a count word or number counts."""
    collective = load_terms().has("collective", _lemma(victim))
    if _lemma(victim) not in COUNT_NOUNS and victim.pos_ != "NUM" and not collective:
        return None
    for prep in victim.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            counted = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if collective and counted is not None and counted.pos_ == "NUM":
                return None  # "a family of six": the group noun itself says who they are
            return counted
    return None


def _side(victim: Token, side_of: Callable[[str], str | None]) -> str | None:
    """The side a victim phrase names: a demonym or country modifier, or the demonym noun itself."""
    counted = _counted_people(victim)
    if counted is not None:
        return _side(counted, side_of)
    modifiers = [c for c in victim.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    for child in victim.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            modifiers.extend(c for c in child.children if c.dep_ == "pobj")
    for modifier in [*modifiers, victim]:
        if modifier.ent_type_ in {"NORP", "GPE", "ORG"}:
            try:
                side = side_of(modifier.text)
            except Exception:  # a caller's resolver must not break extraction
                side = None
            if side:
                return side
    return None


def _population(victim: Token, terms: Terms) -> Population:
    counted = _counted_people(victim)
    if counted is not None:
        return _population(counted, terms)
    for modifier in victim.children:
        if modifier.dep_ in {"amod", "compound"}:
            found = terms.get("population_modifier", _lemma(modifier))
            if found is not None:
                return Population(found)
    value = terms.get("population", _lemma(victim)) or terms.get("population", victim.lower_)
    value = value or terms.get("collective", _lemma(victim))
    if value is None and victim.ent_type_ == "NORP":
        # "12 Azerbaijani and 4 Armenian soldiers": the demonym shares the noun of its conjunct
        for conjunct in victim.children:
            if conjunct.dep_ == "conj" and conjunct.ent_type_ != "NORP":
                return _population(conjunct, terms)
    return Population(value) if value is not None else Population.UNKNOWN


def _sentence_cues(sent: Doc | Span, terms: Terms) -> tuple[bool, Callable[[int], bool]]:
    """Whether the sentence hedges its figures, and which of its words (by token index) its
    cumulative cues make running totals.

    A cue makes every figure of the sentence a total, but one inside a clause that brings a toll to
    a figure ("killed 45 people, bringing the death toll since January to 312") speaks for that
    clause only: the 45 killed before it are what was added."""
    lemmas = [_lemma(t) for t in sent]
    lowers = [t.lower_ for t in sent]
    hedges = terms.words("hedge")
    bigrams = {f"{a} {b}" for a, b in itertools.pairwise(lowers)}
    hedged = any(w in hedges for w in (*lemmas, *lowers)) or bool(bigrams & hedges)
    cumulative_words = terms.words("cumulative")
    cues = [t.i for t in sent if _lemma(t) in cumulative_words and _counts_as_total(t)]
    cues += [
        a.i for a, b in itertools.pairwise(sent) if f"{a.lower_} {b.lower_}" in cumulative_words
    ]
    clauses = [{t.i for t in b.subtree} for b in sent if _lemma(b) == "bring" and b.pos_ == "VERB"]
    everywhere = any(not any(cue in clause for clause in clauses) for cue in cues)
    bringing = [clause for clause in clauses if any(cue in clause for cue in cues)]

    def cumulative(index: int) -> bool:
        return everywhere or any(index in clause for clause in bringing)

    return hedged, cumulative


def _counts_as_total(cue: Token) -> bool:
    """ "killed since the truce began" counts from a start, but "the deadliest day since the
    truce took effect" ranks a day: "since" makes a running total only when it modifies a verb."""
    if cue.lower_ != "since":
        return True
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if (
        before is not None
        and before.pos_ == "NOUN"
        and any(c.tag_ == "JJS" or c.lower_ in _RANKING_WORDS for c in before.children)
    ):
        return False  # "in the latest strike since a ceasefire took effect", however parsed
    governor = cue.head.head if cue.dep_ == "mark" else cue.head
    return governor.pos_ in {"VERB", "AUX"}


#: Words that rank an event against those before it: "the first attack since", "the latest".
_RANKING_WORDS = frozenset({"first", "latest", "last", "worst", "biggest", "largest", "deadliest"})


def _is_incremental(sent: Doc | Span, victim: _Victim, terms: Terms) -> bool:
    """ "another 54", "54 more", "a further 11"; "more than 60" is a bound, not an increment."""
    words = terms.words("incremental")
    start = max(victim.first, 0)
    phrase = sent.doc[start : victim.head.i + 2]
    doc = sent.doc
    return any(
        t.lower_ in words
        and not (t.lower_ == "more" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than")
        for t in phrase
    )


def find_casualties(
    sent: Doc | Span,
    *,
    offset: int,
    side_of: Callable[[str], str | None] = lambda _t: None,
) -> list[Finding]:
    """Every casualty figure in one parsed sentence, with the parse facts behind each."""
    if len(sent) == 0 or len(sent) > MAX_SENTENCE_TOKENS:
        return []
    terms = load_terms()
    hedged_sentence, cumulative_at = _sentence_cues(sent, terms)
    base = sent.start_char if isinstance(sent, Span) else 0
    findings: list[Finding] = []
    for token in sent:
        findings.extend(_findings_at(token, sent, terms, side_of, base, offset))
    findings = _drop_weak_duplicates(findings)
    estimated = _conflict_estimate_offsets(sent, terms, base, offset)
    estimated |= _conflict_toll_offsets(sent, terms, base, offset)
    return [
        dataclasses.replace(
            f,
            casualty=dataclasses.replace(
                f.casualty,
                hedged=f.casualty.hedged or hedged_sentence,
                cumulative=f.casualty.cumulative
                or (
                    not f.incremental
                    and (cumulative_at(f.victim_index) or f.trigger_start in estimated)
                ),
            ),
        )
        for f in findings
    ]


def _conflict_estimate_offsets(sent: Doc | Span, terms: Terms, base: int, offset: int) -> set[int]:
    """Document offsets of the words an estimate of a whole conflict's toll governs.

    "Russia has estimated as many as 5,000 deaths on both sides": a figure someone estimates
    over both sides or a whole war is a running total, not the losses of one event. Both cues
    are data (`estimate` verbs, `conflict_scope` phrases). An estimate that names a date
    ("20 deaths in Tuesday's clash") is of one event.
    """
    padded = " " + " ".join(t.lower_ for t in sent) + " "
    if not any(f" {cue} " in padded for cue in terms.words("conflict_scope")):
        return set()
    estimates = [t for t in sent if t.pos_ == "VERB" and _lemma(t) in terms.words("estimate")]
    return {
        offset + t.idx - base
        for verb in estimates
        if not any(t.ent_type_ == "DATE" for t in verb.subtree)
        for t in verb.subtree
    }


#: Prepositions of a period an act went on over ("in recent months", "over the past year").
_SPELL_PREPS = frozenset({"in", "over", "during", "throughout"})
#: Words that make a period the span just before the report ("recent weeks", "the past two years").
_RECENT_WORDS = frozenset({"recent", "past", "last"})


def recent_period(prep: Token) -> str | None:
    """The phrase of a recent span of weeks or longer a perfect tense sums up ("in recent months",
    "over the past two years"): a running record, not one act. "In the past week" (singular) and
    "the past 24 hours" are the day's news."""
    if prep.dep_ != "prep" or prep.lower_ not in _SPELL_PREPS:
        return None
    for noun in prep.children:
        if noun.dep_ != "pobj" or not any(c.lower_ in _RECENT_WORDS for c in noun.children):
            continue
        unit = noun.lemma_.lower()
        plural = noun.tag_ == "NNS" and unit in ("week", "month", "year", "decade")
        if plural or unit in ("year", "decade"):
            return " ".join(t.text for t in prep.subtree)
    return None


def _conflict_toll_offsets(sent: Doc | Span, terms: Terms, base: int, offset: int) -> set[int]:
    """Document offsets of trigger verbs that give a conflict's toll so far: a perfect tense whose
    subject or "in" phrase is a conflict noun (data: `conflict_noun`): "the war has killed tens of
    thousands", "4,000 people have been killed in gang violence", or whose phrase is a recent span
    ("have killed 40 people in the past two months"). A dated one ("the violence
    killed 20 on Monday", no perfect) is of one event."""
    nouns = terms.words("conflict_noun")
    found: set[int] = set()
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or not any(
            c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children
        ):
            continue
        scopes = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE_PRONOUNS for s in scopes):
            scopes.append(verb.head)  # "jihadist violence that has killed thousands"
        scopes += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"in", "during"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        recent = any(recent_period(c) is not None for c in verb.children)
        if recent or any(_lemma(t) in nouns for t in scopes):
            found.add(offset + verb.idx - base)
    return found


def _findings_at(
    token: Token,
    sent: Doc | Span,
    terms: Terms,
    side_of: Callable[[str], str | None],
    base: int,
    offset: int,
) -> Iterable[Finding]:
    lemma = _lemma(token)
    if lemma == "toll" and token.pos_ == "NOUN":
        yield from _toll_findings(token, terms, base, offset)
        return
    if lemma in TALLY_NOUNS and token.pos_ == "NOUN":
        kind = _tally_kind(token, terms)
        if kind is not None:
            yield from _toll_findings(token, terms, base, offset, kind=kind)
        return
    if lemma == "casualty" and token.pos_ == "NOUN":
        yield from _casualty_noun_findings(token, terms, side_of, base, offset)
        return
    trigger = _trigger_victims(token, terms)
    if trigger is None or _is_negated(token) or _is_unrealised(token):
        return
    kind, weak, heads = trigger
    labelled = labelled_figure(token)
    if labelled is not None:
        # "People killed: at least 38": a situation report's figure after its label
        label = _subject_of(token, {"nsubj", "nsubjpass"})
        yield _finding(
            kind=kind,
            victim=labelled,
            trigger=token,
            weak=False,
            population=_population(label, terms) if label is not None else Population.UNKNOWN,
            side=None,
            incremental=False,
            base=base,
            offset=offset,
        )
        return
    if weak:
        yield from _fatal_share(token, terms, side_of, base, offset)
    either = _disjoined(token, terms)
    for head in heads:
        for conjunct in _conjuncts(head):
            if lemma == "lose" and conjunct != head and not _counted_exactly(conjunct):
                continue  # "we lost 17 men and several others are missing": those are missing
            victim = _victim(conjunct, terms, is_trigger=conjunct == token)
            if victim is None or _shares_count(head, conjunct, victim):
                continue
            if either:  # "200 were killed or wounded": at most 200 of each kind
                low, high = victim.bounds
                victim = dataclasses.replace(
                    victim, bounds=(None, high if high is not None else low)
                )
            incremental = _is_incremental(sent, victim, terms)
            yield _finding(
                kind=kind,
                victim=victim,
                trigger=token,
                weak=weak,
                population=_population(conjunct, terms),
                side=_side(conjunct, side_of),
                incremental=incremental,
                base=base,
                offset=offset,
            )


def _shares_count(head: Token, conjunct: Token, victim: _Victim) -> bool:
    """ "killing at least 30 patients and relatives": a bare plural joined to a counted head is
    counted by the head's number, not a group of its own."""
    if conjunct == head or victim.bounds != (None, None):
        return False
    return any(c.dep_ == "nummod" for c in head.children) and _unmodified(conjunct)


#: What ends a labelled figure: "at least 38 (partners; unverified)".
_FIGURE_ENDS = frozenset({"(", ";", ",", "[", "-", "–", "—"})


def labelled_figure(trigger: Token) -> _Victim | None:
    """The figure after a trigger that labels it, "Killed: 38", "People injured: at least 52"."""
    doc = trigger.doc
    if trigger.i + 2 >= len(doc) or doc[trigger.i + 1].text != ":":
        return None
    end = trigger.i + 2
    while end < len(doc) and doc[end].text not in _FIGURE_ENDS:
        end += 1
    numbers = [t for t in doc[trigger.i + 2 : end] if t.like_num]
    bounds = parse_count(doc[trigger.i + 2 : end].text)
    if not numbers or bounds is None or bounds == (None, None):
        return None
    return _Victim(numbers[-1], bounds, trigger.i + 2, False)


def _disjoined(trigger: Token, terms: Terms) -> bool:
    """Whether the trigger is one of two fates joined by "or" ("killed or wounded", "dead or
    missing"): the count is of both together."""
    kinds = ("verb", "weak_verb", "intransitive", "adjective")

    def fate(token: Token) -> bool:
        return any(terms.has(k, _lemma(token)) or terms.has(k, token.lower_) for k in kinds)

    def joined_by_or(head: Token) -> bool:
        return any(c.dep_ == "cc" and c.lower_ == "or" for c in head.children)

    if joined_by_or(trigger) and any(c.dep_ == "conj" and fate(c) for c in trigger.children):
        return True
    return trigger.dep_ == "conj" and joined_by_or(trigger.head) and fate(trigger.head)


def _fatal_share(
    verb: Token,
    terms: Terms,
    side_of: Callable[[str], str | None],
    base: int,
    offset: int,
) -> Iterable[Finding]:
    """ "Two men were shot, one fatally": the fatally hurt part of a weak trigger's victims."""
    for child in verb.children:
        fatal = any(c.lower_ in {"fatally", "mortally"} for c in child.children)
        if not fatal or child.dep_ not in {"npadvmod", "appos", "conj", "advmod", "dobj"}:
            continue
        victim = _victim(child, terms)
        if victim is not None:
            yield _finding(
                kind="killed",
                victim=victim,
                trigger=verb,
                weak=False,
                population=Population.UNKNOWN,
                side=None,
                incremental=False,
                base=base,
                offset=offset,
            )


def _finding(
    *,
    kind: str,
    victim: _Victim,
    trigger: Token,
    weak: bool,
    population: Population,
    side: str | None,
    incremental: bool,
    base: int,
    offset: int,
) -> Finding:
    doc = trigger.doc
    first = min(victim.first, victim.head.i, trigger.i)
    last = max(victim.head.i, trigger.i)
    span = doc[first : last + 1]
    low, high = victim.bounds
    hedged = any(
        c.dep_ == "aux" and c.lower_ in {"may", "might", "could"} for c in trigger.children
    )
    casualty = Casualty(
        kind=CasualtyKind(kind),
        min=low,
        max=high,
        population=population,
        side=side,
        cumulative=False,
        hedged=hedged,
        text=span.text,
        start=offset + span.start_char - base,
        end=offset + span.end_char - base,
    )
    return Finding(
        casualty=casualty,
        trigger=_lemma(trigger),
        weak=weak,
        named=victim.named,
        victim_index=victim.head.i,
        incremental=incremental,
        trigger_start=offset + trigger.idx - base,
    )


#: Nouns that, with an "of" phrase naming the dead or hurt, are tolls: "the number of dead".
TALLY_NOUNS = frozenset({"number", "tally", "count"})


def _tally_kind(noun: Token, terms: Terms) -> str | None:
    """The kind a tally noun counts: "the number of dead" -> killed, "... of injured" -> wounded."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for counted in (c for c in prep.children if c.dep_ == "pobj"):
            for category in ("adjective", "noun"):
                kind = terms.get(category, counted.lower_) or terms.get(category, _lemma(counted))
                if kind is not None:
                    return kind
            # "the number of people killed", "the number of aid workers killed since January",
            # "the number of abducted persons"
            for participle in counted.children:
                before = participle.dep_ == "amod" and participle.i < counted.i
                if (participle.dep_ == "acl" or before) and participle.tag_ in {"VBN", "JJ"}:
                    kind = terms.get("verb", _lemma(participle)) or terms.get(
                        "adjective", participle.lower_
                    )
                    if kind is not None and _victim(counted, terms) is not None:
                        return kind
    return None


def _tally_population(toll: Token, figure: Token, terms: Terms) -> Population:
    """Who a toll counts: its figure's words ("12 civilians"), else those its "of" phrase names
    ("the number of aid workers killed ... to six")."""
    population = _population(figure, terms)
    if population is not Population.UNKNOWN:
        return population
    counted = [c for p in toll.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
    return _population(counted[0], terms) if counted else population


def _toll_findings(
    toll: Token, terms: Terms, base: int, offset: int, *, kind: str | None = None
) -> Iterable[Finding]:
    figure = _toll_figure(toll)
    if figure is None:
        return
    bounds = _count_phrase(figure)
    if bounds is None or (
        figure.ent_type_ in NOT_COUNTS and not _lone_count(figure) and not _after_dates(figure)
    ):
        return
    doc = toll.doc
    first, last = min(toll.left_edge.i, figure.left_edge.i), max(toll.i, figure.i)
    span = doc[first : last + 1]
    casualty = Casualty(
        kind=CasualtyKind(kind or _toll_kind(toll, terms)),
        min=bounds[0],
        max=bounds[1],
        population=_tally_population(toll, figure, terms),
        side=None,
        cumulative=True,
        hedged=False,
        text=span.text,
        start=offset + span.start_char - base,
        end=offset + span.end_char - base,
    )
    yield Finding(casualty=casualty, trigger="toll", weak=False, named=False, victim_index=-1)


def _casualty_noun_findings(
    noun: Token,
    terms: Terms,
    side_of: Callable[[str], str | None],
    base: int,
    offset: int,
) -> Iterable[Finding]:
    """ "casualties" is read with care: "no casualties" is none killed or wounded; "fatal
    casualties" are killed; a counted "54 military casualties" is read as killed (the usual sense
    of conflict tallies) only when the sentence has no other killed or wounded word, since
    "casualties, 10 of them dead" mixes kinds."""
    modifiers = {c.lower_ for c in noun.children}
    counted = _count_phrase(noun)
    victim = _victim(noun, terms)
    if victim is None:
        victim = _Victim(
            noun,
            parse_count(noun.doc[noun.left_edge.i : noun.i + 1].text) or (None, None),
            noun.left_edge.i,
            False,
        )
    if "no" in modifiers:
        kinds = ["killed", "wounded"]
        victim = _Victim(noun, (0, 0), victim.first, False)
    elif modifiers & {"fatal", "deadly"} or (
        counted is not None and counted != (None, None) and not _other_kind_words(noun, terms)
    ):
        kinds = ["killed"]
    else:
        return
    for kind in kinds:
        yield _finding(
            kind=kind,
            victim=victim,
            trigger=noun,
            weak=False,
            population=_population(noun, terms),
            side=_side(noun, side_of),
            incremental=False,
            base=base,
            offset=offset,
        )


def _other_kind_words(noun: Token, terms: Terms) -> bool:
    """Whether the sentence names a kind of casualty besides `noun` ("dead", "wounded", ...)."""
    for token in noun.sent if noun.doc.has_annotation("SENT_START") else noun.doc:
        if token.i == noun.i:
            continue
        lemma = _lemma(token)
        if any(terms.has(c, lemma) or terms.has(c, token.lower_) for c in KIND_CATEGORIES):
            return True
    return False


KIND_CATEGORIES = ("verb", "intransitive", "adjective", "noun", "toll")


def _drop_weak_duplicates(findings: list[Finding]) -> list[Finding]:
    """A victim who was "shot and killed" is a killed figure only; same for repeated triggers."""
    strong = {f.victim_index for f in findings if not f.weak and f.victim_index >= 0}
    tolls = [f.casualty for f in findings if f.trigger == "toll"]
    findings = [f for f in findings if f.trigger == "toll" or not _read_as_toll(f.casualty, tolls)]
    kept: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for finding in findings:
        if finding.weak and finding.victim_index in strong:
            continue
        # "shot dead a leader": the verb and the adjective read one victim; a toll has no victim word
        start = finding.casualty.start if finding.victim_index < 0 else -1
        key = (finding.casualty.kind.value, finding.victim_index, start)
        if key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def _read_as_toll(casualty: Casualty, tolls: Sequence[Casualty]) -> bool:
    """Whether a figure is one a toll phrase already gives: "put the toll at 14 dead" reads 14
    once, though "dead" is also a victim word."""
    return any(
        (
            (toll.kind, toll.min, toll.max) == (casualty.kind, casualty.min, casualty.max)
            # "the number of aid workers killed ... to six": the uncounted victims are the six
            or (toll.kind == casualty.kind and casualty.min is None and casualty.max is None)
        )
        and toll.start <= casualty.start
        and casualty.end <= toll.end
        for toll in tolls
    )


def extract_casualties(
    sent: Doc,
    *,
    offset: int,
    side_of: Callable[[str], str | None] = lambda _t: None,
    include_weak: bool = False,
    places: Sequence[tuple[int, int]] = (),
) -> list[Casualty]:
    """Casualty figures of one parsed sentence (a Doc of that sentence alone).

    `offset` is the sentence's start in the document's clean text, so `Casualty.start/end` are
    document offsets. `side_of` maps a demonym or country name ("Azerbaijani") to a side id
    (ISO3). Weak triggers ("shot", "stabbed": hurt but fate unstated) are left out unless
    `include_weak` asks for them as wounded figures. A figure whose victim is one of `places`
    (document offsets of the sentence's toponyms) is dropped.
    """
    try:
        findings = find_casualties(sent, offset=offset, side_of=side_of)
    except (ValueError, IndexError, KeyError):
        return []
    return [
        f.casualty
        for f in findings
        if (include_weak or not f.weak) and not _names_a_place(f.casualty, places)
    ]


def _names_a_place(casualty: Casualty, places: Sequence[tuple[int, int]]) -> bool:
    """ "The rebels seized Goma": a town the tagger took for a person is no captive (the figure's
    text runs from its trigger to the victim)."""
    return any(casualty.start <= start and casualty.end == end for start, end in places)


# --- article level ---------------------------------------------------------------------------------

#: Words without which a sentence cannot hold a casualty figure: only these sentences are parsed.
CUE = re.compile(
    r"\b(?:kill|dead|die[ds]?\b|dying|death|fatal|slain|slay|murder|shot|shoot|wound|injur|hurt|"
    r"hospital|stab|life|lives|toll|victim|casualt|captur|prisoner|captive|hostage|missing|abduct|"
    r"kidnap|execut|perish|succumb|neutrali[sz]|eliminat|liquidat|martyr|alive|detainee|inmate)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
MAX_CUE_SENTENCES = 200
MAX_SENTENCE_CHARS = 2000


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArticleCounts:
    """One killed and one wounded figure for an article's main incident, and the figures read."""

    killed: int
    injured: int
    findings: tuple[Finding, ...]


def cue_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for the sentences of `text` that contain a casualty cue word."""
    found: list[tuple[int, str]] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        sentence = text[start:end]
        if sentence.strip() and CUE.search(sentence) and len(sentence) <= MAX_SENTENCE_CHARS:
            found.append((start, sentence))
        if match is not None:
            start = match.end()
        if len(found) >= MAX_CUE_SENTENCES:
            break
    return found


def _best(casualty: Casualty) -> int | None:
    """The single figure a range stands for: its lower bound, else its upper bound."""
    return casualty.min if casualty.min is not None else casualty.max


def _per_trigger(findings: list[Finding]) -> list[tuple[Finding, int | None]]:
    """One figure per trigger: "a man and a boy were shot" is two victims of one "shot"."""
    merged: dict[int, tuple[Finding, int | None]] = {}
    order: list[int] = []
    for finding in findings:
        value = _best(finding.casualty)
        key = finding.trigger_start if finding.trigger_start >= 0 else -len(order) - 2
        if key not in merged:
            merged[key] = (finding, value)
            order.append(key)
            continue
        first, total = merged[key]
        merged[key] = (first, None if total is None or value is None else total + value)
    return [merged[key] for key in order]


def _headline_figure(findings: list[Finding]) -> int:
    """The best-supported count for the main incident.

    A toll ("the death toll rose to 158") wins, the largest if several. Otherwise the first figure
    in the article: the headline and lead describe the main incident, while later figures are often
    background (earlier incidents, yearly statistics) or parts of it ("one of the victims").
    """
    figures = _per_trigger(findings)
    tolls = [v for f, v in figures if f.trigger == "toll" and v is not None]
    if tolls:
        return max(tolls)
    for _, value in figures:
        if value is not None:
            return value
    return 0


def aggregate_counts(findings: list[Finding]) -> tuple[int, int]:
    """(killed, injured) for an article from all its figures; increments are never added up."""
    killed = [f for f in findings if f.casualty.kind is CasualtyKind.KILLED and not f.weak]
    wounded = [f for f in findings if f.casualty.kind is CasualtyKind.WOUNDED and not f.weak]
    shot = [f for f in findings if f.weak]
    killed_count = _headline_figure(killed)
    injured_count = _headline_figure(wounded)
    if not wounded and shot:
        injured_count = max(_headline_figure(shot) - killed_count, 0)
    return killed_count, injured_count


def count_article_casualties(text: str, nlp: Language | None = None) -> ArticleCounts:
    """Killed and injured counts for the main incident of an article (parses cue sentences only)."""
    sentences = cue_sentences(text or "")
    if not sentences:
        return ArticleCounts(killed=0, injured=0, findings=())
    nlp = nlp or load_pipeline()
    findings: list[Finding] = []
    docs = nlp.pipe(sentence for _, sentence in sentences)
    for (offset, _), doc in zip(sentences, docs, strict=True):
        findings.extend(find_casualties(doc, offset=offset))
    killed, injured = aggregate_counts(findings)
    return ArticleCounts(killed=killed, injured=injured, findings=tuple(findings))

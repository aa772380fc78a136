"""MUC-style incident templates: incident type plus perpetrator, target, victim and weapon fillers.

`fill_templates(text)` returns one template per incident an article reports (MUC-4's attack,
bombing, kidnapping, arson, robbery, forced work stoppage). Sentences with a trigger word
(data/muc4_triggers.tsv) that reports an actual event (not negated, not a plural "bombings", not under a
modal, "to", "plot" or "threat") are grouped by type, and a sentence starts a new incident of its type
when it names targets or victims that none of the earlier ones has. An attack with explosive weapons is
a bombing. Each incident's role fillers come from its sentences:

- PerpInd: the subject of an active trigger verb or the "by" agent, when its head is a perpetrator noun
  ("guerrillas", "men") or a name; any phrase headed by a strong perpetrator noun in those sentences.
- PerpOrg: known armed organisations (data/muc4_lexicon.tsv) named in those sentences, in sentences that
  say who is responsible, or, for those usually named as perpetrators, anywhere in the article; and agents
  whose head ends an organisation's name ("front", "movement").
- Target: objects and passive subjects of triggers, complements of trigger nouns ("attack on ...") and
  places where a bomb went off, when their head is a kind of building, vehicle or installation.
- Victim: objects and passive subjects (and phrases in apposition to them) that are people's names
  (MUC-4 fills this slot with names only), without the titles before them ("presidential candidate").
- Weapon: known weapon terms in those sentences.

Candidate templates are then scored by a logistic relevance model (data/muc4_relevance.tsv, learned from
MUC-4's training split by scripts/learn_muc4_relevance.py) and dropped below RELEVANCE_THRESHOLD: this
removes most of the spurious templates from commentary, military clashes and recalled past events.
Victims' names are completed from their fullest mention in the article ("jaramillo" -> "hernando
jaramillo"), and in a one-incident article perpetrator phrases anywhere in it join the incident.

The kept templates' PerpInd, Target and Victim fillers are then chosen by learned role models
(data/muc4_roles.tsv, scripts/learn_muc4_roles.py on MUC-4's training split): every noun phrase of the
article is scored from its head word, its governor, how it attaches to a trigger and where its sentence
stands, and accepted phrases join the templates told in (or, per role, nearest to) their sentences.
A template that repeats an earlier one (same type, no new target or victim) is dropped.

The lexicons under data/ are learned from MUC-4's training split by scripts/learn_muc4_lexicon.py
(organisations, weapons, perpetrator and target head nouns with weights, titles, given names), or written
by hand (trigger words, cue words).

Casing: wire text often arrives all upper case (MUC) or all lower case (the processed benchmark). Such
text is re-cased before parsing: lower case, with each sentence's first letter upper-cased (`recase`).
Measured on MUC-4 dev this is as good as parsing the lower-case text; proper-noun casing would need a
truecasing model. Re-casing keeps every offset, so fillers point into the input text.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.datafiles import read_tsv

INCIDENT_TYPES: tuple[str, ...] = (
    "attack",
    "bombing",
    "kidnapping",
    "arson",
    "robbery",
    "forced work stoppage",
)
#: When one sentence holds triggers of several types, the most specific type names the incident.
TYPE_PRIORITY: tuple[str, ...] = (
    "kidnapping",
    "bombing",
    "arson",
    "robbery",
    "forced work stoppage",
    "attack",
)
ROLE_NAMES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
_ROLE_FIELDS = dict(
    zip(ROLE_NAMES, ("perp_ind", "perp_org", "target", "victim", "weapon"), strict=True)
)

#: Longer texts are cut: a news article never needs more, and parsing cost stays bounded.
MAX_CHARS = 30_000
#: Sentences whose alphanumeric characters are more than this share digits are tables, not prose.
MAX_DIGIT_SHARE = 0.3
#: A phrase anywhere in a trigger sentence is a perpetrator or target when its head noun named that
#: role in at least this share of the training documents that used it.
SPOT_WEIGHT = 0.2
#: A place where a bomb went off ("exploded at the bank") needs this weight to be a target.
PLACE_TARGET_WEIGHT = 0.1
#: Organisations that were the perpetrators in at least this share of the training documents naming
#: them are taken from anywhere in the article.
STRONG_ORGANISATION = 0.4

_MODALS = frozenset({"will", "would", "could", "may", "might", "must", "should", "can", "shall"})
_PATIENT_PREPS = frozenset({"of", "on", "against", "upon"})
_LOCATIVE_PREPS = frozenset({"at", "in", "near", "outside", "inside", "into"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "nmod", "quantmod"})
#: Entity labels that never name a victim.
_NOT_PEOPLE = frozenset({"DATE", "TIME", "GPE", "LOC", "ORG", "CARDINAL", "NORP", "FAC"})
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)([a-z])")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Filler:
    """One role filler: the phrase as written and its offsets in the input text."""

    text: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Template:
    """One incident in MUC-4's shape. Each role holds distinct entities, one mention each."""

    incident_type: str  # one of INCIDENT_TYPES
    perp_ind: tuple[Filler, ...] = ()
    perp_org: tuple[Filler, ...] = ()
    target: tuple[Filler, ...] = ()
    victim: tuple[Filler, ...] = ()
    weapon: tuple[Filler, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) of the sentences it was read from

    def role(self, name: str) -> tuple[Filler, ...]:
        """Fillers of a MUC role by its benchmark name (PerpInd, PerpOrg, Target, Victim, Weapon)."""
        value: tuple[Filler, ...] = getattr(self, _ROLE_FIELDS[name])
        return value

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# --- knowledge (data files) ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Lexicon:
    triggers: dict[str, tuple[str, str]]  # word -> (incident type, required context word or "")
    organisations: re.Pattern[str]  # known armed groups
    strong_organisations: re.Pattern[str]  # those mostly named as perpetrators
    weapons: re.Pattern[str]
    perpetrator_heads: dict[str, float]  # head noun -> share of training uses naming a perpetrator
    target_heads: dict[str, float]
    titles: frozenset[str]  # words written before a person's name: "candidate", "father"
    given_names: frozenset[str]  # first words of people's names: "carlos", "hector"
    cues: dict[str, frozenset[str]]  # group, organisation_end, unreal, claim -> words
    nouns: frozenset[str]  # spaCy's English noun index: words that are not (only) names
    dictionary: frozenset[str]  # every word of spaCy's English lemma index (nouns, verbs, ...)


def _terms_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of the terms as whole words, longest first."""
    ordered = sorted(set(terms), key=lambda s: (-len(s), s)) or ["(?!)"]
    alternatives = "|".join(re.escape(t) if t != "(?!)" else t for t in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    learned = read_tsv("muc4_lexicon.tsv")

    def weights(role: str, kind: str) -> dict[str, float]:
        rows = (r for r in learned if r["role"] == role and r["kind"] == kind)
        return {r["text"]: float(r["weight"]) for r in rows}

    organisations = weights("PerpOrg", "phrase")
    cues: dict[str, set[str]] = {}
    for row in read_tsv("muc4_cues.tsv"):
        cues.setdefault(row["cue"], set()).add(row["word"])
    lemmatizer = load_pipeline().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    nouns = index["noun"]
    dictionary = frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index[pos])
    return _Lexicon(
        triggers={
            r["word"]: (r["incident_type"], r["context"]) for r in read_tsv("muc4_triggers.tsv")
        },
        organisations=_terms_pattern(organisations),
        strong_organisations=_terms_pattern(
            t for t, w in organisations.items() if w >= STRONG_ORGANISATION
        ),
        weapons=_terms_pattern(weights("Weapon", "phrase")),
        perpetrator_heads=weights("PerpInd", "head"),
        target_heads=weights("Target", "head"),
        titles=frozenset(weights("Title", "word")),
        given_names=frozenset(weights("GivenName", "word")),
        cues={cue: frozenset(words) for cue, words in cues.items()},
        nouns=frozenset(nouns),
        dictionary=dictionary,
    )


def _cue(name: str) -> frozenset[str]:
    return _lexicon().cues.get(name, frozenset())


# --- casing -------------------------------------------------------------------------------------------


def recase(text: str) -> str:
    """Single-case text made lower case with each sentence's first letter upper case; same offsets.

    Mixed-case text (between 2% and 60% upper-case letters) is returned unchanged.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text
    upper_share = sum(c.isupper() for c in letters) / len(letters)
    if 0.02 < upper_share < 0.6:
        return text
    return _SENTENCE_START.sub(lambda m: m.group(0)[:-1] + m.group(1).upper(), text.lower())


# --- triggers -----------------------------------------------------------------------------------------


def _trigger_type(token: Token) -> str | None:
    """The incident type a token announces, if it is a trigger reporting an actual event."""
    triggers = _lexicon().triggers
    entry = triggers.get(token.lower_) or triggers.get(token.lemma_.lower())
    if entry is None:
        return None
    incident_type, context = entry
    if context and not _has_context(token, context):
        return None
    if _is_negated(token) or _is_unreal(token):
        return None
    return incident_type


def _has_context(token: Token, word: str) -> bool:
    neighbours = [token.head, *token.children]
    return any(n.lower_ == word or n.lemma_.lower() == word for n in neighbours)


def _is_negated(token: Token) -> bool:
    heads = [token, token.head] if token.dep_ == "xcomp" else [token]
    return any(child.dep_ == "neg" for head in heads for child in head.children)


def _is_unreal(token: Token) -> bool:
    """Generic or unrealized: "bombings", "will attack", "to kill", "a plot to kill", "threat of"."""
    if token.pos_ == "NOUN" and token.tag_ == "NNS":
        return True
    verb = token.head if token.dep_ in {"xcomp", "pobj"} else token
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _MODALS for c in verb.children):
        return True
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    unreal = _cue("unreal")
    governor = token.head.head if token.dep_ == "pobj" else token.head
    return token.head.lemma_.lower() in unreal or governor.lemma_.lower() in unreal


def _sentence_triggers(sent: Span) -> list[tuple[Token, str]]:
    found = []
    for token in sent:
        if token.pos_ in {"VERB", "NOUN", "PROPN", "ADJ"}:
            incident_type = _trigger_type(token)
            if incident_type is not None:
                found.append((token, incident_type))
    return found


def _sentence_type(triggers: list[tuple[Token, str]]) -> str:
    types = {incident_type for _, incident_type in triggers}
    return next(t for t in TYPE_PRIORITY if t in types)


def _is_prose(sent: Span) -> bool:
    chars = [c for c in sent.text if c.isalnum()]
    return bool(chars) and sum(c.isdigit() for c in chars) / len(chars) <= MAX_DIGIT_SHARE


# --- phrases ------------------------------------------------------------------------------------------


def _phrase_tokens(head: Token) -> list[Token]:
    """The head noun with its pre-modifiers, and the "of" complement after a group word."""
    tokens = [t for child in head.lefts if child.dep_ in _MODIFIER_DEPS for t in child.subtree]
    tokens.append(head)
    if head.lower_ in _cue("group"):
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [g for g in prep.children if g.dep_ == "pobj"]
                tokens += [prep, *(t for g in objects for t in _phrase_tokens(g))]
    tokens = sorted(set(tokens), key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _object_part(tokens: list[Token]) -> list[Token]:
    """A thing's description without counts and quantifiers: "nine burned vehicles" -> "vehicles"."""
    head = tokens[-1] if tokens else None
    kept = [t for t in tokens if t == head or not _is_quantifier(t)]
    while kept and kept[0].dep_ == "prep":
        kept = kept[1:]
    return kept


def _is_quantifier(token: Token) -> bool:
    return (
        token.like_num
        or token.is_stop
        or token.tag_ in {"VBN", "VBD", "CD"}
        or token.dep_ in {"quantmod", "advmod"}
    )


def _is_name_word(token: Token) -> bool:
    nouns = _lexicon().nouns
    return token.is_alpha and token.lower_ not in nouns and token.lemma_ not in nouns


def _name_part(tokens: list[Token]) -> list[Token]:
    """A person's name without the words before it: "presidential candidate x y" -> "x y".

    The name starts at its first given name; without one, after the last title, at the first word
    that is no common noun.
    """
    lexicon = _lexicon()
    given = next((i for i, t in enumerate(tokens) if t.lower_ in lexicon.given_names), None)
    if given is not None:
        name = tokens[given:]
    else:
        titles = (i for i, t in enumerate(tokens) if t.lower_ in lexicon.titles or t.is_punct)
        name = tokens[max(titles, default=-1) + 1 :]
        name = name[next((i for i, t in enumerate(name) if _is_name_word(t)), len(name)) :]
    if not name or any(not t.is_alpha or t.is_stop or t.like_num for t in name):
        return []
    return name


def _filler(tokens: list[Token]) -> Filler | None:
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Filler(text=tokens[0].doc.text[start:end], start=start, end=end)


def _term_fillers(sent: Span, pattern: re.Pattern[str]) -> list[Filler]:
    """Known terms (organisations, weapons) written in a sentence."""
    text = sent.doc.text
    found = pattern.finditer(text.lower(), sent.start_char, sent.end_char)
    return [Filler(text=text[m.start() : m.end()], start=m.start(), end=m.end()) for m in found]


#: The phrase in apposition to a patient ("the mayor, pedro diaz") is a patient too.
APPOSITIVE_VICTIMS = True


def _conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from (t for t in token.conjuncts if t.pos_ in {"NOUN", "PROPN", "PRON"})


# --- roles --------------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Roles:
    perp_ind: list[Filler] = dataclasses.field(default_factory=list)
    perp_org: list[Filler] = dataclasses.field(default_factory=list)
    target: list[Filler] = dataclasses.field(default_factory=list)
    victim: list[Filler] = dataclasses.field(default_factory=list)
    weapon: list[Filler] = dataclasses.field(default_factory=list)
    sentences: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    def merge(self, other: _Roles) -> None:
        for name in (*_ROLE_FIELDS.values(), "sentences"):
            getattr(self, name).extend(getattr(other, name))


def _arguments(trigger: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(agents, patients, places): heads of the phrases attached to a trigger word."""
    agents: list[Token] = []
    patients: list[Token] = []
    places: list[Token] = []
    for child in trigger.children:
        objects = [g for g in child.children if g.dep_ == "pobj"]
        if child.dep_ == "nsubj" and trigger.pos_ in {"VERB", "AUX"}:
            agents.append(child)
        elif child.dep_ in {"dobj", "nsubjpass"} or (
            child.dep_ == "poss" and trigger.pos_ == "NOUN"
        ):
            patients.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            agents += objects
        elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPS:
            patients += objects
        elif child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS:
            places += objects
    if trigger.dep_ in {"amod", "compound"} and trigger.head.pos_ in {"NOUN", "PROPN"}:
        patients.append(trigger.head)  # "the murdered priests"
    return agents, patients, places


def _add_agent(head: Token, roles: _Roles) -> None:
    if head.pos_ == "PRON":
        return
    tokens = _phrase_tokens(head)
    if head.lower_ in _cue("organisation_end") or head.ent_type_ == "ORG":
        roles.perp_org += filter(None, [_filler(tokens)])
    elif head.lower_ in _lexicon().perpetrator_heads:
        roles.perp_ind += filter(None, [_filler(tokens)])
    elif _is_name_word(head):
        roles.perp_ind += filter(None, [_filler(_name_part(tokens))])


def _target_weight(head: Token) -> float:
    heads = _lexicon().target_heads
    return max(heads.get(head.lower_, -1.0), heads.get(head.lemma_.lower(), -1.0))


def _may_be_person(head: Token) -> bool:
    """A name (a word no common noun, a proper noun, a PERSON entity) that names no place or date."""
    if head.ent_type_ in _NOT_PEOPLE:
        return False
    return _is_name_word(head) or head.ent_type_ == "PERSON" or head.pos_ == "PROPN"


#: A target keeps its named owner ("the minister's residence") and its "of" complement ("offices of
#: the mayor"): MUC-4 annotators wrote targets out in full.
FULL_TARGETS = True


def _target_tokens(head: Token, tokens: list[Token]) -> list[Token]:
    if not FULL_TARGETS or not tokens:
        return tokens
    owner = [
        t
        for child in head.lefts
        if child.dep_ == "poss" and child.pos_ != "PRON"
        for t in child.subtree
    ]
    complement: list[Token] = []
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ != "PRON"]
            if objects:
                complement = [prep, *(t for g in objects for t in _phrase_tokens(g))]
            break
    full = sorted({*owner, *tokens, *complement}, key=lambda t: t.i)
    while full and (full[0].is_punct or full[0].dep_ == "det"):
        full = full[1:]
    return full if full and full[-1].i - full[0].i + 1 == len(full) else tokens


def _add_patient(head: Token, roles: _Roles, *, place: bool = False) -> None:
    if head.pos_ == "PRON" or not head.is_alpha:
        return
    tokens = _phrase_tokens(head)
    if _target_weight(head) >= (PLACE_TARGET_WEIGHT if place else 0.0):
        roles.target += filter(None, [_filler(_target_tokens(head, _object_part(tokens)))])
    elif not place and _may_be_person(head):
        roles.victim += filter(None, [_filler(_name_part(tokens))])


def _spot_known_heads(sent: Span, roles: _Roles) -> None:
    """Phrases whose head is a strong perpetrator or target noun, wherever they stand in the sentence."""
    perpetrators = _lexicon().perpetrator_heads
    for chunk in sent.noun_chunks:
        head = chunk.root
        plural = head.lower_ + "s" if head.tag_ == "NN" else head.lower_
        if max(perpetrators.get(head.lower_, 0.0), perpetrators.get(plural, 0.0)) >= SPOT_WEIGHT:
            roles.perp_ind += filter(None, [_filler(_phrase_tokens(head))])
        elif _target_weight(head) >= SPOT_WEIGHT:
            roles.target += filter(None, [_filler(_object_part(_phrase_tokens(head)))])


def _sentence_roles(sent: Span, triggers: list[tuple[Token, str]]) -> _Roles:
    roles = _Roles(sentences=[(sent.start_char, sent.end_char)])
    for trigger, _ in triggers:
        agents, patients, places = _arguments(trigger)
        for head in (h for agent in agents for h in _conjuncts(agent)):
            _add_agent(head, roles)
        for head in (h for patient in patients for h in _conjuncts(patient)):
            _add_patient(head, roles)
            if APPOSITIVE_VICTIMS:
                for named in (c for c in head.children if c.dep_ == "appos"):
                    _add_patient(named, roles)  # "a u.s. citizen, john doe, was killed"
        for head in places:
            _add_patient(head, roles, place=True)
    _spot_known_heads(sent, roles)
    roles.perp_org += _term_fillers(sent, _lexicon().organisations)
    roles.weapon += _term_fillers(sent, _lexicon().weapons)
    return roles


def _named_organisations(sents: Iterable[Span]) -> list[Filler]:
    """Known organisations in sentences that say who is responsible, and strong ones anywhere."""
    lexicon = _lexicon()
    claim = _cue("claim")
    found: list[Filler] = []
    for sent in sents:
        claims = any(t.lower_ in claim for t in sent)
        found += _term_fillers(
            sent, lexicon.organisations if claims else lexicon.strong_organisations
        )
    return found


# --- templates ----------------------------------------------------------------------------------------


def _distinct(fillers: Iterable[Filler], *, names: bool = False) -> tuple[Filler, ...]:
    """One filler per phrase, in text order. For names, the longest form is kept and shorter forms
    ending it ("jaramillo" after "bernardo jaramillo") are dropped."""
    by_key: dict[str, Filler] = {}
    for filler in fillers:
        by_key.setdefault(" ".join(filler.text.lower().split()), filler)
    kept: list[str] = []
    for key in sorted(by_key, key=len, reverse=True):
        if key and not (names and any(longer.endswith(" " + key) for longer in kept)):
            kept.append(key)
    return tuple(sorted((by_key[k] for k in kept), key=lambda f: f.start))


#: Names are completed from their fullest form in the article ("jaramillo" -> "bernardo jaramillo").
COMPLETE_NAMES = True
_MAX_NAME_WORDS = 5


def _is_plain_name_word(token: Token) -> bool:
    """A word that can only be part of a name: in no English word list, no title, no stop word."""
    lexicon = _lexicon()
    word, lemma = token.lower_, token.lemma_.lower()
    if not token.is_alpha or token.is_stop or word in lexicon.titles or lemma in lexicon.titles:
        return False
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ".":
        return False  # an abbreviated title ("dr.", "msgr.") or the end of a sentence
    if word in lexicon.given_names:
        return True
    return word not in lexicon.dictionary and lemma not in lexicon.dictionary


def _full_name(doc: Doc, filler: Filler) -> Filler:
    """The longest run of name words around any mention of the filler's name in the article."""
    key = filler.text.lower()
    best = filler
    for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", doc.text.lower()):
        span = doc.char_span(match.start(), match.end())
        if span is None:
            continue
        start, end = span.start, span.end
        while start > 0 and end - start < _MAX_NAME_WORDS and _is_plain_name_word(doc[start - 1]):
            start -= 1
        while end < len(doc) and end - start < _MAX_NAME_WORDS and _is_plain_name_word(doc[end]):
            end += 1
        candidate = _filler(list(doc[start:end]))
        if candidate is not None and len(candidate.text) > len(best.text):
            best = candidate
    return best


def _template(incident_type: str, roles: _Roles, doc: Doc | None = None) -> Template:
    victims = roles.victim
    if COMPLETE_NAMES and doc is not None:
        victims = [_full_name(doc, f) for f in victims]
    return Template(
        incident_type=incident_type,
        perp_ind=_distinct(roles.perp_ind),
        perp_org=_distinct(roles.perp_org),
        target=_distinct(roles.target),
        victim=_distinct(victims, names=True),
        weapon=_distinct(roles.weapon),
        sentences=tuple(roles.sentences),
    )


def _incident_sentences(doc: Doc) -> Iterator[tuple[str, Span, list[tuple[Token, str]]]]:
    for sent in doc.sents:
        if not _is_prose(sent):
            continue
        triggers = _sentence_triggers(sent)
        if triggers:
            yield _sentence_type(triggers), sent, triggers


#: Split incidents of one type when a sentence names targets none of the earlier ones has.
SPLIT_INCIDENTS = True


#: Victims' names, too, tell incidents of one type apart.
SPLIT_ON_VICTIMS = True


def _patients(roles: _Roles) -> set[str]:
    patients = {f.text.lower() for f in roles.target}
    if SPLIT_ON_VICTIMS:
        patients |= {f.text.lower() for f in roles.victim}
    return patients


def _group_incidents(doc: Doc) -> list[tuple[str, _Roles]]:
    """Trigger sentences grouped into incidents: one per type, or more when they name other targets."""
    incidents: list[tuple[str, _Roles]] = []
    for incident_type, sent, triggers in _incident_sentences(doc):
        roles = _sentence_roles(sent, triggers)
        same_type = [r for t, r in incidents if t == incident_type]
        new_patients = _patients(roles)
        if not same_type or (
            SPLIT_INCIDENTS
            and new_patients
            and all(_patients(r) and not (_patients(r) & new_patients) for r in same_type)
        ):
            incidents.append((incident_type, roles))
        else:
            same_type[-1].merge(roles)
    return incidents


#: In an article about one incident, perpetrator phrases anywhere in it are that incident's.
DOC_WIDE_PERPETRATORS = True
DOC_PERPETRATOR_WEIGHT = 0.3


def _doc_perpetrators(doc: Doc) -> list[Filler]:
    perpetrators = _lexicon().perpetrator_heads
    found: list[Filler] = []
    for sent in doc.sents:
        if not _is_prose(sent):
            continue
        for chunk in sent.noun_chunks:
            head = chunk.root
            if perpetrators.get(head.lower_, 0.0) >= DOC_PERPETRATOR_WEIGHT:
                found += filter(None, [_filler(_phrase_tokens(head))])
    return found


# --- relevance ----------------------------------------------------------------------------------------

#: Templates the relevance model scores below this are dropped. Chosen by 5-fold cross-validation on
#: train, averaged over 3 shuffles: template F1 0.393 unfiltered; 0.400 / 0.401 / 0.402 / 0.401 at
#: thresholds 0.15 / 0.2 / 0.25 / 0.3.
RELEVANCE_THRESHOLD = 0.25


def relevance_features(template: Template, doc: Doc, *, rank: int = 0, count: int = 1) -> set[str]:
    """Binary features of a candidate template for the relevance model (data/muc4_relevance.tsv):
    its type, where and how widely it is told, which roles it fills, its trigger words and the
    content words of its sentences."""
    features = {f"type={template.incident_type}"}
    size = len(doc.text) or 1
    first = min((start for start, _ in template.sentences), default=0) / size
    features.add(f"first<{next(b for b in (0.1, 0.3, 0.6, 1.0) if first < b or b == 1.0)}")
    features.add(f"nsent={min(len(template.sentences), 4)}")
    for name in ROLE_NAMES:
        features.add(f"{name}={min(len(template.role(name)), 2)}")
    for start, end in template.sentences:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        features.update(f"w={t.lemma_.lower()}" for t in span if t.is_alpha and not t.is_stop)
        for trigger, _ in _sentence_triggers(span):
            features.update(_trigger_features(trigger))
        features.update(
            f"date={t.lemma_.lower()}"
            for t in span
            if t.ent_type_ in {"DATE", "TIME"} and t.is_alpha
        )
    features.add(f"rank={min(rank, 3)}")
    features.add(f"count={min(count, 4)}")
    return features


def _trigger_features(trigger: Token) -> set[str]:
    """The trigger word, its form and attachment, and the head words of its agents and patients."""
    lemma = trigger.lemma_.lower()
    features = {f"trig={lemma}", f"tag={trigger.tag_}", f"dep={trigger.dep_}"}
    features.update(f"det={c.lower_}" for c in trigger.children if c.dep_ in {"det", "poss"})
    agents, patients, _ = _arguments(trigger)
    features.update(f"agent={h.lemma_.lower()}" for h in agents)
    features.update(f"patient={h.lemma_.lower()}" for h in patients)
    return features


@functools.lru_cache(maxsize=1)
def _relevance_weights() -> dict[str, float]:
    try:
        rows = read_tsv("muc4_relevance.tsv")
    except FileNotFoundError:
        return {}
    return {r["feature"]: float(r["weight"]) for r in rows}


def relevance(template: Template, doc: Doc, *, rank: int = 0, count: int = 1) -> float:
    """Probability that a candidate template is one a MUC-4 annotator would fill (logistic model)."""
    weights = _relevance_weights()
    if not weights:
        return 1.0
    z = weights.get("__bias__", 0.0)
    features = relevance_features(template, doc, rank=rank, count=count)
    z += sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: An attack carried out with explosives is a bombing (MUC-4's incident types).
EXPLOSIVE_ATTACKS_ARE_BOMBINGS = True
_EXPLOSIVE = re.compile(r"bomb|dynamit|explosi")


def _refined_type(incident_type: str, roles: _Roles) -> str:
    if (
        EXPLOSIVE_ATTACKS_ARE_BOMBINGS
        and incident_type == "attack"
        and any(_EXPLOSIVE.search(f.text.lower()) for f in roles.weapon)
    ):
        return "bombing"
    return incident_type


def candidate_templates(doc: Doc) -> list[Template]:
    """Every template the trigger rules find, before the relevance model filters them."""
    incidents = _group_incidents(doc)
    if incidents:
        named = _named_organisations(doc.sents)
        for _, roles in incidents:
            roles.perp_org += named
        if DOC_WIDE_PERPETRATORS and len(incidents) == 1:
            incidents[0][1].perp_ind += _doc_perpetrators(doc)
    return [_template(_refined_type(t, roles), roles, doc) for t, roles in incidents]


def relevant_templates(doc: Doc) -> list[Template]:
    """The candidate templates the relevance model keeps, with the trigger rules' fillers."""
    candidates = candidate_templates(doc)
    return [
        t
        for rank, t in enumerate(candidates)
        if relevance(t, doc, rank=rank, count=len(candidates)) >= RELEVANCE_THRESHOLD
    ]


def without_repeats(templates: list[Template]) -> list[Template]:
    """The templates without those that repeat an earlier one: same type, and every target and
    victim of theirs already in it (an incident told twice, the second time by a shorter name)."""
    kept: list[Template] = []
    for template in templates:
        patients = _patient_keys(template)
        if not patients or not any(
            earlier.incident_type == template.incident_type and patients <= _patient_keys(earlier)
            for earlier in kept
        ):
            kept.append(template)
    return kept


def _patient_keys(template: Template) -> set[str]:
    return {" ".join(f.text.lower().split()) for f in (*template.target, *template.victim)}


def templates_from_doc(doc: Doc, original: str | None = None) -> list[Template]:
    """Templates from a parsed document; filler texts are taken from `original` (same offsets)."""
    templates = without_repeats(with_learned_roles(relevant_templates(doc), doc))
    return [_with_text(t, original) for t in templates] if original is not None else templates


# --- learned role fillers -----------------------------------------------------------------------------

#: Roles whose fillers a learned model picks from every noun phrase of the article
#: (data/muc4_roles.tsv, learned from MUC-4's training split by scripts/learn_muc4_roles.py). The
#: trigger rules above only see the sentences that name the incident; the annotators filled roles from
#: the whole article. Perpetrator organisations and weapons stay with the rules and lexicons: in
#: 5-fold cross-validation on train a learned PerpOrg model gained nothing (template F1 0.4356 against
#: 0.4353), while PerpInd, Target and Victim models each gained (0.4415, 0.4490, 0.4508).
LEARNED_ROLES: tuple[str, ...] = ("PerpInd", "Target", "Victim")
#: Which of an article's templates a learned filler joins when it is not in any template's sentences:
#: "inside" (none), "nearest" (the template told closest to it) or "all". The data file holds the
#: assignment chosen per role by cross-validation on train (scripts/learn_muc4_roles.py --cv); these
#: are the defaults for a file without one.
ROLE_ASSIGNMENT: dict[str, str] = {"PerpInd": "inside", "Target": "inside", "Victim": "nearest"}
_ROLE_MODIFIER_DEPS = frozenset({"amod", "compound", "det", "poss"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RoleCandidate:
    """A noun phrase that may fill a role, as the role model sees it."""

    role: str
    filler: Filler
    features: frozenset[str]


def _argument_features(sent: Span, triggers: list[tuple[Token, str]]) -> dict[int, set[str]]:
    """Token index -> how it attaches to a trigger of the sentence (agent, patient or place)."""
    found: dict[int, set[str]] = {}
    for trigger, incident_type in triggers:
        agents, patients, places = _arguments(trigger)
        for kind, heads in (("agent", agents), ("patient", patients), ("place", places)):
            for head in (c for h in heads for c in _conjuncts(h)):
                found.setdefault(head.i, set()).update(
                    {
                        f"arg={kind}",
                        f"arg={kind}:{incident_type}",
                        f"arg={kind}:{trigger.lemma_.lower()}",
                    }
                )
                for named in (c for c in head.children if c.dep_ == "appos"):
                    found.setdefault(named.i, set()).add(f"arg={kind}:appos")
    return found


def _sentence_features(index: int, sent: Span, triggers: list[list[tuple[Token, str]]]) -> set[str]:
    """Where the sentence stands and whether it, or a neighbour, reports an incident."""
    features = {f"stype={t}" for _, t in triggers[index]} or {"notrig"}
    if index > 0 and triggers[index - 1]:
        features.add("prevtrig")
    if index + 1 < len(triggers) and triggers[index + 1]:
        features.add("nexttrig")
    features.add(f"sidx={min(index, 5)}")
    if any(t.lower_ in _cue("claim") for t in sent):
        features.add("claimsent")
    return features


def _head_features(head: Token) -> set[str]:
    """The head word, its form, its governor and its modifiers."""
    governor = head.head
    features = {
        f"lemma={head.lemma_.lower()}",
        f"tag={head.tag_}",
        f"dep={head.dep_}",
        f"ent={head.ent_type_}",
        f"gov={governor.lemma_.lower()}",
        f"depgov={head.dep_}:{governor.lemma_.lower()}",
    }
    if head.dep_ == "pobj":
        features.add(f"prep={governor.lower_}")
        features.add(f"prepgov={governor.lower_}:{governor.head.lemma_.lower()}")
    for child in head.children:
        if child.dep_ == "nummod":
            features.add("mod=NUM")
        elif child.dep_ in _ROLE_MODIFIER_DEPS:
            features.add(f"mod={child.lemma_.lower()}")
        elif child.dep_ == "prep":
            features.add(f"postprep={child.lower_}")
    if _is_name_word(head):
        features.add("nameword")
    return features


def _role_tokens(role: str, head: Token, known: list[Span]) -> list[Token]:
    """The phrase a head would fill a role with: a known term around it, a name, a full target."""
    covering = next((span for span in known if span.start <= head.i < span.end), None)
    if covering is not None:
        return list(covering)
    tokens = _phrase_tokens(head)
    if role == "Victim":
        return _name_part(tokens)
    if role == "Target":
        return _target_tokens(head, _object_part(tokens))
    return tokens


def _known_spans(doc: Doc, sent: Span, pattern: re.Pattern[str]) -> list[Span]:
    spans = (
        doc.char_span(m.start(), m.end(), alignment_mode="expand")
        for m in pattern.finditer(doc.text.lower(), sent.start_char, sent.end_char)
    )
    return [s for s in spans if s is not None]


def role_candidates(doc: Doc) -> list[RoleCandidate]:
    """Every noun (or name word) of the article as a possible filler of each of LEARNED_ROLES."""
    lexicon = _lexicon()
    sents = list(doc.sents)
    triggers = [_sentence_triggers(s) if _is_prose(s) else [] for s in sents]
    found: list[RoleCandidate] = []
    for index, sent in enumerate(sents):
        if not _is_prose(sent):
            continue
        arguments = _argument_features(sent, triggers[index])
        context = _sentence_features(index, sent, triggers)
        organisations = _known_spans(doc, sent, lexicon.organisations)
        for head in sent:
            if not head.is_alpha or (
                head.pos_ not in {"NOUN", "PROPN"} and not _is_name_word(head)
            ):
                continue
            base = context | _head_features(head) | arguments.get(head.i, {"noarg"})
            for role in LEARNED_ROLES:
                known = organisations if role == "PerpOrg" else []
                filler = _filler(_role_tokens(role, head, known))
                if filler is None:
                    continue
                features = set(base)
                features.add(f"len={min(len(filler.text.split()), 4)}")
                if role == "PerpOrg" and any(s.start <= head.i < s.end for s in organisations):
                    features.add("orglex")
                if role == "Victim" and any(
                    w in lexicon.given_names for w in filler.text.lower().split()
                ):
                    features.add("given")
                found.append(RoleCandidate(role=role, filler=filler, features=frozenset(features)))
    return found


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RoleModel:
    """A logistic model for one role: feature weights, bias, acceptance threshold, assignment."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    assignment: str = "inside"  # see ROLE_ASSIGNMENT

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.lru_cache(maxsize=1)
def role_models() -> dict[str, RoleModel]:
    """The learned role models (data/muc4_roles.tsv); {} when the file is missing."""
    try:
        rows = read_tsv("muc4_roles.tsv")
    except FileNotFoundError:
        return {}
    weights: dict[str, dict[str, float]] = {}
    for row in rows:
        weights.setdefault(row["role"], {})[row["feature"]] = float(row["weight"])
    models = {}
    for role, w in weights.items():
        if role not in LEARNED_ROLES:
            continue
        assignment = next((f for f in w if f.startswith("__assign__=")), "")
        w.pop(assignment, None)
        models[role] = RoleModel(
            weights=w,
            bias=w.pop("__bias__", 0.0),
            threshold=w.pop("__threshold__", 0.5),
            assignment=assignment.partition("=")[2] or ROLE_ASSIGNMENT.get(role, "inside"),
        )
    return models


def choose_fillers(
    scored: Iterable[tuple[RoleCandidate, float]], thresholds: dict[str, float]
) -> dict[str, dict[str, list[Filler]]]:
    """Per role, the phrases scored at or above its threshold, each with all its mentions."""
    accepted: dict[str, dict[str, list[Filler]]] = {role: {} for role in thresholds}
    for candidate, p in scored:
        if candidate.role in thresholds and p >= thresholds[candidate.role]:
            key = " ".join(candidate.filler.text.lower().split())
            accepted[candidate.role].setdefault(key, []).append(candidate.filler)
    victims = accepted.get("Victim", {})
    for name in list(victims):  # "jaramillo" is the same victim as "bernardo jaramillo"
        if any(other.endswith(" " + name) for other in victims):
            del victims[name]
    return accepted


def _assigned(
    mentions: list[Filler], templates: list[Template], index: int, assignment: str
) -> bool:
    """Whether a phrase with these mentions joins template `index` of the article's templates."""
    if len(templates) == 1 or assignment == "all":
        return True
    if any(a <= m.start < b for m in mentions for a, b in templates[index].sentences):
        return True
    if assignment != "nearest":
        return False

    def distance(template: Template) -> int:
        return min(
            (abs(m.start - a) for m in mentions for a, _ in template.sentences), default=1 << 30
        )

    nearest = min(range(len(templates)), key=lambda i: distance(templates[i]))
    return nearest == index


def assign_fillers(
    templates: list[Template],
    chosen: dict[str, dict[str, list[Filler]]],
    assignment: dict[str, str],
) -> list[Template]:
    """The templates with each role in `chosen` replaced by the phrases assigned to them."""
    result = []
    for index, template in enumerate(templates):
        replaced = {
            _ROLE_FIELDS[role]: tuple(
                mentions[0]
                for mentions in by_phrase.values()
                if _assigned(mentions, templates, index, assignment.get(role, "inside"))
            )
            for role, by_phrase in chosen.items()
        }
        result.append(dataclasses.replace(template, **replaced))  # type: ignore[arg-type]
    return result


def with_learned_roles(templates: list[Template], doc: Doc) -> list[Template]:
    """The templates with their LEARNED_ROLES filled by the role models (unchanged without them)."""
    models = role_models()
    if not templates or not models:
        return templates
    scored = [
        (c, models[c.role].probability(c.features))
        for c in role_candidates(doc)
        if c.role in models
    ]
    chosen = choose_fillers(scored, {role: m.threshold for role, m in models.items()})
    return assign_fillers(templates, chosen, {role: m.assignment for role, m in models.items()})


def _with_text(template: Template, original: str) -> Template:
    """The template with filler texts copied from the original (not re-cased) text."""

    def refill(fillers: tuple[Filler, ...]) -> tuple[Filler, ...]:
        return tuple(dataclasses.replace(f, text=original[f.start : f.end]) for f in fillers)

    return dataclasses.replace(
        template,
        perp_ind=refill(template.perp_ind),
        perp_org=refill(template.perp_org),
        target=refill(template.target),
        victim=refill(template.victim),
        weapon=refill(template.weapon),
    )


def fill_templates(text: str) -> list[Template]:
    """MUC-4-style templates, one per incident the text reports; [] when it reports none."""
    if not text or not text.strip():
        return []
    text = text[:MAX_CHARS]
    return templates_from_doc(load_pipeline()(recase(text)), text)

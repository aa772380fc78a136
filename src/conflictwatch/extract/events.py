"""Typed event triggers in one parsed sentence: PLOVER type and mode, ACLED type, agent, target, weapons.

Knowledge is data: trigger words and phrases (data/event_lexicon.tsv), weapons (event_weapons.tsv), ACLED
categories per PLOVER type and mode (event_acled.tsv), modality cues (event_modality.tsv). The rules here
are general English syntax read off spaCy's dependency parse: subjects and "by" phrases are agents; objects,
passive subjects and "against/on/toward" phrases are targets; "clashes between A and B" gives both sides.

A sentence yields at most one trigger per event type: repeated words for one event ("agreed to a
ceasefire agreement") merge into the strongest, and the others lend it the arguments it lacks.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from conflictwatch.actors.dictionary import load_actor_dictionary
from conflictwatch.extract.attribution import DENIAL_VERBS, REPORTING_VERBS, names_nobody
from conflictwatch.extract.casualties import (
    CARE_VERBS,
    captive_nouns,
    doers,
    harms_people,
    kills_by_complement,
    labelled_figure,
    load_terms,
    number_before_state,
    recent_period,
)
from conflictwatch.extract.clauses import (
    DASHES,
    after_dateline,
    clause_subject,
    clause_weapons,
    event_clauses,
    is_dash,
    is_struck,
    only_dates,
    side_of,
)
from conflictwatch.extract.modality import marks_plan, modality_of
from conflictwatch.extract.relevance import (
    CROWD_COUNTS,
    CROWD_PROTEST_VERBS,
    read_tsv,
    verb_forms,
)
from conflictwatch.geo.gazetteer import names_a_town_or_province
from conflictwatch.model import Modality
from conflictwatch.timex.lexicon import MONTHS
from conflictwatch.timex.relative import TimeOffset, time_offset

_T = TypeVar("_T")

#: Triggers below this confidence are dropped.
MIN_CONFIDENCE = 0.35
#: A trigger this weak needs a named actor (proper noun or entity) among its arguments to count.
WEAK_WEIGHT = 0.5

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}
#: Named-entity labels whose words are names, not events ("the Mutual Assistance Treaty").
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "LAW", "FAC", "PRODUCT", "LOC"}
#: Dependents that belong to an actor's noun phrase.
_NP_DEPS = {"compound", "amod", "poss", "flat", "nmod", "case", "nummod", "quantmod", "npadvmod"}
#: Prepositions introducing a target, strongest first.
_TARGET_PREPS = ("against", "on", "upon", "toward", "towards", "at", "into", "of", "to", "with")
_DIRECTION_PREPS = ("against", "on", "toward", "towards", "at")
_AGENT_PREPS = ("by", "from")
_RELATIVE = {"which", "that", "who", "whom"}
#: Words that cannot be an actor: expletives and time expressions.
#: Words that stand for no one in particular; "another" and "one" stand for a noun said before
#: ("One strike hit a house ... Another killed two people").
_NOT_ACTOR_WORDS = {"it", "there", "this", "that", "what", "another", "one", "other"}
_NOT_ACTOR_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_VIOLENT = {"ASSAULT", "FIGHT"}
_YEAR = re.compile(r"^(19|20)\d\d(s)?$")
_TIME_PREPS = {"since", "in", "during", "until", "of", "after", "before"}
_PAST_WORDS = {"previous", "former", "past"}
_RECALL_VERBS = {"recall", "remember", "commemorate"}
_PERSONAL = {"he", "she", "they", "we", "it"}
_PRONOUN_POSS = {"its", "their", "his", "her", "my", "our", "your"}
_SUBORDINATE_DEPS = {"advcl", "xcomp", "pcomp"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_MODIFIER_DEPS = {"acl", "relcl"}
_REFLEXIVE = {"itself", "themselves", "himself", "herself", "ourselves"}
#: Units that make "... ago" a recalled past rather than today's news ("two days ago" is news).
_LONG_AGO_UNITS = {"year", "month", "decade", "century"}
#: Verbs whose "in" phrase names the event their subject and object take part in ("engaged the
#: peacekeepers in a firefight", "were involved in clashes").
_PARTAKE_VERBS = {"engage", "involve", "join", "participate", "lock"}
#: Verbs whose "with" phrase is the act their subject answers with: "responded with air strikes".
_ANSWERING_VERBS = frozenset({"respond", "retaliate", "react", "reply", "hit", "strike"})
_ACTOR_LABELS = {"NORP", "GPE", "ORG", "PERSON", "LOC"}
#: Nouns of number or grouping whose "of" phrase names the actor ("hundreds of UN troops", "a group
#: of refugees"): the actor is the people counted, not the count.
_COLLECTIVE_HEADS = {
    "hundred", "thousand", "million", "dozen", "ten", "score", "group", "number", "crowd", "band",
    "handful", "couple", "batch", "contingent", "column", "convoy", "delegation",
}  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArgSpan:
    """An argument of an event as written: offsets in the document's clean text."""

    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventTrigger:
    """One event in one sentence, before actors, places and claimants are resolved."""

    type: str  # PLOVER event type
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    trigger_start: int  # document offsets of the trigger words
    trigger_end: int
    trigger: str
    agent: ArgSpan | None
    target: ArgSpan | None
    co_agents: tuple[ArgSpan, ...] = ()  # further agents joined by "and" ("Armenia and Azerbaijan")
    co_targets: tuple[ArgSpan, ...] = ()
    weapons: tuple[str, ...] = ()
    modality: Modality = Modality.ASSERTED
    modality_cue: str | None = None
    background: bool = False  # a past event recalled (a dated war, "since 2016", "recalled")
    background_cue: str | None = None  # also set for weak cues ("had") that do not decide alone
    # Document offsets of a named conflict's phrase ("Russia's invasion of Ukraine"): the places inside
    # it belong to that conflict, not to the sentence's other events.
    scope: tuple[int, int] | None = None
    # Context, not news (a conflict named as a whole, a habitual or generic statement, the earlier events
    # of a series): never merged with the sentence's news of the same type.
    context: bool = False
    confidence: float = 0.0
    clause_depth: int = 0  # clauses between the trigger and the sentence's main clause (0: main)
    # Inside a relative clause about a participant ("Macedonia, which is preparing an offensive") or
    # a phrase giving the occasion of another act ("after violent protests"): rarely the news.
    aside: bool = False
    # Placed by its distance from the sentence's other event ("two days after militants ambushed a
    # convoy"): another act on another day, dated from that event's date.
    time_offset: TimeOffset | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    weight: float


@dataclasses.dataclass(frozen=True, slots=True)
class _Lexicon:
    single: dict[str, tuple[_Entry, ...]]
    reversal: frozenset[str]  # verbs that lift a restriction: "lifted the curfew" is a concession
    multi_by_first: dict[str, tuple[_Entry, ...]]  # multiword patterns by their first word
    weapons_single: dict[str, tuple[str, str]]  # lemma -> (term, mode)
    weapons_multi: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]  # by first word
    acled: dict[tuple[str, str], tuple[str, str]]


def _pattern_words(pattern: str) -> tuple[str, ...]:
    """Split a pattern the way spaCy tokenizes it: hyphens are tokens of their own."""
    return tuple(pattern.lower().replace("-", " - ").split())


def _by_first_word(
    items: Iterable[_T], words_of: Callable[[_T], tuple[str, ...]]
) -> dict[str, tuple[_T, ...]]:
    """Patterns grouped by their first word, longest first within a group."""
    grouped: dict[str, list[_T]] = {}
    for item in items:
        grouped.setdefault(words_of(item)[0], []).append(item)
    return {k: tuple(sorted(v, key=lambda i: -len(words_of(i)))) for k, v in grouped.items()}


@functools.cache
def lexicon() -> _Lexicon:
    """The trigger, weapon and ACLED tables, read once."""
    single: dict[str, list[_Entry]] = {}
    multi: list[_Entry] = []
    for row in read_tsv("event_lexicon.tsv"):
        entry = _Entry(
            words=_pattern_words(row["pattern"]),
            pos=row["pos"],
            type=row["type"],
            mode=row["mode"] or None,
            weight=float(row["weight"]),
        )
        if len(entry.words) == 1:
            single.setdefault(entry.words[0], []).append(entry)
        else:
            multi.append(entry)
    weapons_single: dict[str, tuple[str, str]] = {}
    weapons_multi: list[tuple[tuple[str, ...], str, str]] = []
    for row in read_tsv("event_weapons.tsv"):
        words = _pattern_words(row["term"])
        if len(words) == 1:
            weapons_single[words[0]] = (row["term"], row["mode"])
        else:
            weapons_multi.append((words, row["term"], row["mode"]))
    acled = {
        (row["type"], row["mode"]): (row["acled_event_type"], row["acled_sub_event_type"])
        for row in read_tsv("event_acled.tsv")
    }
    reversal = frozenset(w for w, entries in single.items() if any(e.pos == "R" for e in entries))
    return _Lexicon(
        single={k: tuple(v) for k, v in single.items()},
        reversal=reversal,
        multi_by_first=_by_first_word(multi, lambda e: e.words),
        weapons_single=weapons_single,
        weapons_multi=_by_first_word(weapons_multi, lambda w: w[0]),
        acled=acled,
    )


def acled_types(event_type: str, mode: str | None) -> tuple[str | None, str | None]:
    """ACLED event_type and sub_event_type for a PLOVER type and mode, when ACLED covers it."""
    table = lexicon().acled
    found = table.get((event_type, mode or "*")) or table.get((event_type, "*"))
    return found if found else (None, None)


# --- matching trigger words ---------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


@dataclasses.dataclass(frozen=True, slots=True)
class _Words:
    """A sentence's tokens with their lower-cased lemmas and forms, read once for all patterns.

    Positions are indices into the sentence (0 = its first token); `tokens[k].i` is the Doc index."""

    tokens: tuple[Token, ...]
    lemmas: tuple[str, ...]
    lowers: tuple[str, ...]

    @classmethod
    def of(cls, sent: Doc | Span) -> _Words:
        tokens = tuple(sent)
        return cls(
            tokens=tokens,
            lemmas=tuple(t.lemma_.lower() for t in tokens),
            lowers=tuple(t.lower_ for t in tokens),
        )

    def at(self, start: int, words: Sequence[str]) -> bool:
        """Whether the pattern's words (lemma or form) begin at position `start`."""
        if start + len(words) > len(self.tokens):
            return False
        return all(
            self.lemmas[start + k] == w or self.lowers[start + k] == w for k, w in enumerate(words)
        )

    def starting(self, index: dict[str, tuple[_T, ...]], position: int) -> Sequence[_T]:
        """The patterns of `index` (grouped by first word) whose first word is this token's."""
        lemma, lower = self.lemmas[position], self.lowers[position]
        found = index.get(lemma, ())
        if lower != lemma and lower in index:
            found = found + index[lower]
        return found


def _pos_fits(token: Token, pos: str) -> bool:
    if pos == "R":
        return False  # reversal verbs only modify the event they govern
    if pos == "VI":
        return token.pos_ in _VERB_POS and not _children(token, ("ccomp", "dobj"))
    if pos in ("V", "VW"):
        return token.pos_ in _VERB_POS
    if pos == "VA":
        return token.pos_ in _VERB_POS and _asks_another(token)
    if pos == "M":
        return _obliging_speech(token) is not None
    if pos == "VP":
        return token.pos_ in _VERB_POS and any(
            _lemma(t) in _objects_of("passage")
            for obj in _children(token, ("dobj",))
            for t in (obj, *obj.conjuncts)
        )
    if pos == "VG":
        return token.pos_ in _VERB_POS and _gives_materiel(token)
    if pos == "VT":
        return token.pos_ in _VERB_POS and any(
            _lemma(obj) in _objects_of("ties") for obj in _children(token, ("dobj",))
        )
    if pos == "VR":
        return token.pos_ in _VERB_POS and _received_from(token) is not None
    if pos == "VK":
        return token.pos_ in _VERB_POS and harms_people(token)
    if pos == "VC":
        return token.pos_ in _VERB_POS and _breaks_truce(token)
    if pos == "VF":
        return token.pos_ in _VERB_POS and _sends_forces(token)
    if pos == "VD":
        return token.pos_ in _VERB_POS and _crowd_demonstrates(token)
    if pos == "VH":
        return token.pos_ in _VERB_POS and _hosts_a_party(token)
    if pos == "VX":
        return token.pos_ in _VERB_POS and _warns_off(token)
    if pos == "N":
        return token.pos_ in _NOUN_POS
    if pos == "NA":
        return token.pos_ in _NOUN_POS and _is_armed_sense(token)
    return token.pos_ in _VERB_POS | _NOUN_POS


#: Armed people sent somewhere that no generic word of a side names.
SENT_FORCES = frozenset({"reinforcement", "peacekeeper", "unit", "contingent", "battalion"})


def _sends_forces(verb: Token) -> bool:
    """Whether a verb's object (or passive subject) is armed forces: "sent troops to the border",
    "police were dispatched to the area", not "sent a letter"."""
    held = _children(verb, ("dobj", "nsubjpass"))
    return any(
        side_of(t) is not None or _lemma(t) in SENT_FORCES
        for obj in held
        for t in (_counted(obj) or obj, *obj.conjuncts)
    )


#: Entity labels of a guest a host receives: a person, a body or a country ("hosts 5,000 Malians"
#: shelters a people, it receives no party).
_GUEST_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def _hosts_a_party(verb: Token) -> bool:
    """Whether a verb of hosting receives a gathering or a party: "hosted talks", "hosted the
    Iranian president", "hosted Hamas leaders"; not "hosting thousands of displaced people" nor
    "hosts 80,000 South Sudanese refugees" (a people's name on those it shelters makes no party)."""
    guests = _children(verb, ("dobj", "nsubjpass"))
    return any(
        _lemma(t) in _objects_of("gathering") or t.ent_type_ in _GUEST_LABELS
        for guest in guests
        for t in (_counted(guest) or guest, *guest.conjuncts)
    )


def _breaks_truce(verb: Token) -> bool:
    """Whether a verb's object (or passive subject) is a truce: "violated the ceasefire"."""
    held = _children(verb, ("dobj", "nsubjpass"))
    return any(_lemma(t) in _objects_of("truce") for obj in held for t in (obj, *obj.conjuncts))


def _truce_broken(noun: Token) -> bool:
    """A truce noun that a breaking verb governs ("accused them of violating the truce") names no
    agreement: the breach is the event (a FIGHT, read from the verb)."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass", "conj") or verb.i == noun.i:
        return False
    if noun.dep_ == "conj":
        return _truce_broken(verb)
    entries = lexicon().single.get(_lemma(verb), ())
    return (any(e.pos == "VC" for e in entries) and _breaks_truce(verb)) or _truce_ended(noun)


#: Verbs that end a truce without being fighting themselves: the truce noun there is no agreement.
_ENDING_VERBS = frozenset({"end", "abandon", "scrap", "revoke", "terminate", "renounce"})


def _truce_ended(noun: Token) -> bool:
    """ "the TTP ended a ceasefire with the government": a truce ended is no agreement made."""
    return (
        noun.dep_ == "dobj"
        and _lemma(noun.head) in _ENDING_VERBS
        and _lemma(noun) in _objects_of("truce")
    )


#: What a party warns of when the warning is its threat: "warned of retaliation".
_REPRISALS = frozenset(
    {"retaliation", "reprisal", "consequence", "response", "revenge", "retribution", "punishment"}
)
#: Modals of a warned act that the warner will do: "warned that it would liberate the city".
_WILL = frozenset({"will", "would", "shall", "'ll"})


def _warns_off(verb: Token) -> bool:
    """Whether a warning is a threat: it is given to a party ("warned residents to leave", "Israel
    was warned"), against an act ("warned against any attack"), of reprisals, or of what the
    warner itself will do ("warned that it would strike"). A forecast of what may happen ("warned
    that the toll could rise", "warn that shortages are affecting clinics") threatens no one."""
    warned = _children(verb, ("dobj", "nsubjpass"))
    if any(_can_be_actor(t) and t.pos_ in _NOUN_POS | {"PRON"} for t in warned):
        return True
    for prep in _children(verb, ("prep",)):
        objects = _children(prep, ("pobj",))
        if prep.lower_ == "against" or (
            prep.lower_ == "of" and any(_lemma(o) in _REPRISALS for o in objects)
        ):
            return True
    warners = {_lemma(t) for t in _children(verb, ("nsubj",))}
    for clause in _children(verb, ("ccomp",)):
        subjects = _children(clause, ("nsubj",))
        # "warned that it would strike", "warned that police will no longer tolerate rallies"
        acting = any(
            s.lower_ in {"it", "they", "we", "i"}
            or _lemma(s) in warners
            or s.ent_type_ in _PARTY_LABELS
            or side_of(s) is not None
            for s in subjects
        )
        if acting and any(c.dep_ == "aux" and c.lower_ in _WILL for c in clause.children):
            return True
    return False


#: Entity labels of a party that may act on a warning.
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


#: Participles of being identified that a source's request for anonymity asks about.
_IDENTIFYING = frozenset({"name", "identify", "quote", "disclose"})


def _asks_anonymity(verb: Token) -> bool:
    """ "who asked not to be named", "requested anonymity": a source's condition, not an event."""
    if verb.pos_ not in _VERB_POS:
        return False
    for clause in _children(verb, ("xcomp", "ccomp")):
        if _lemma(clause) not in _IDENTIFYING:
            continue
        # "asked not to be named", "asked to be identified only as Ko Thura"
        if any(
            c.dep_ == "neg" or c.lower_ == "only" for t in clause.children for c in (t, *t.children)
        ):
            return True
    return any(_lemma(o) == "anonymity" for o in _children(verb, ("dobj",)))


def _asks_whether(verb: Token) -> bool:
    """ "The children ask me if they are next": a question, not a request."""
    return any(
        c.dep_ == "mark" and c.lower_ in {"if", "whether"}
        for clause in _children(verb, ("ccomp",))
        for c in clause.children
    )


def _fire_support(noun: Token) -> bool:
    """ "air support", "artillery support": a noun of support whose modifier is a force or weapon."""
    lex = lexicon()
    return any(
        _lemma(c) in _objects_of("force") or _lemma(c) in lex.weapons_single
        for c in _children(noun, ("compound", "amod"))
    )


def _attacked(noun: Token) -> bool:
    """Whether a noun is the object or passive subject of a verb of violence ("ambushed a patrol"),
    or the noun a participle of violence describes ("Aid convoy attacked in North Darfur")."""
    verb = noun.head
    participle = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if participle is not None:
        verb = participle
    elif noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ not in _VERB_POS:
        return False
    entries = lexicon().single.get(_lemma(verb), ())
    return any(e.type in _VIOLENT and e.pos in ("V", "*") for e in entries)


#: A killing told by its complement ("hacked five villagers to death", "burned alive"), whatever the
#: verb of harm.
_KILLING_COMPLEMENT = _Entry(words=("kill",), pos="V", type="ASSAULT", mode="kill", weight=0.65)
#: "took three tourists hostage": a verb of taking whose captive noun names an abduction.
_CAPTIVE_COMPLEMENT = _Entry(words=("abduct",), pos="V", type="ASSAULT", mode="abduct", weight=0.65)


def _sport_sense(head: Token) -> bool:
    """ "killed off the game", "shot the ball into the net", "killed the deal": a verb of violence
    whose object is a thing of a game or a plan (event_objects.tsv sport, figurative) speaks of
    the game or the plan, not of an attack."""
    if head.pos_ not in _VERB_POS:
        return False
    objects = _children(head, ("dobj",))
    # "killed off the game": the parser may hang the object under the particle
    objects += [o for prt in _children(head, ("prt",)) for o in _children(prt, ("pobj", "dobj"))]
    kinds = _objects_of("sport") | _objects_of("figurative")
    return any(_lemma(o) in kinds for o in objects)


def _figurative_doer(head: Token) -> bool:
    """ "Tensions exploded into open fighting", "the earthquake, which killed thousands", "homes
    destroyed by floods": a verb of violence done by a feeling (event_objects.tsv mood) or a natural
    hazard tells of no attack by anyone."""
    if head.pos_ not in _VERB_POS:
        return False
    moods, terms = _objects_of("mood"), load_terms()
    return any(_lemma(t) in moods or terms.has("natural_death", _lemma(t)) for t in doers(head))


def _under_attack(noun: Token) -> bool:
    """Whether an event noun is what a violent act hits: "targeted a meeting of commanders", "the
    strike on a wedding"."""
    if noun.pos_ not in _NOUN_POS or noun.head.i == noun.i:
        return False
    hitter = noun.head
    if noun.dep_ == "pobj" and hitter.lower_ in ("on", "against") and hitter.head.i != hitter.i:
        hitter = hitter.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    return any(e.type in _VIOLENT for e in lexicon().single.get(_lemma(hitter), ()))


#: Verbs whose object noun is an operation carried out ("carried out strikes", "launched a strike").
_OPERATION_VERBS = frozenset({"carry", "conduct", "launch", "mount"})


def _carried_out(noun: Token) -> bool:
    """Whether a noun is the object of a verb of carrying an operation out ("carried out attacks")."""
    return noun.dep_ == "dobj" and _lemma(noun.head) in _OPERATION_VERBS


#: Entity labels of a party that modifies an attack noun ("Israeli strikes", "a Hamas strike").
_PARTY_LABELS = frozenset({"NORP", "GPE", "ORG"})


def _is_armed_sense(noun: Token) -> bool:
    """Whether a noun with a peaceful sense too ("strike": a walk-out or an attack) names an
    attack here: it hits a target ("strikes on/against X"), a party carries it ("Russian strikes",
    "an Israeli strike"), or it is an operation carried out ("carried out a precise strike")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against"):
            after = noun.doc[child.i + 1] if child.i + 1 < len(noun.doc) else child
            if after.ent_type_ not in ("DATE", "TIME") and _children(child, ("pobj",)):
                return True  # "strikes on the city", not "the strike on Monday"
        if child.dep_ in ("amod", "compound", "poss") and child.ent_type_ in _PARTY_LABELS:
            return True
    if noun.dep_ == "nsubj" and _lemma(noun.head) in _HARMING_VERBS:
        # "the strike hit the vehicle", "the strike killed two men"; not "hit production"
        struck = _children(noun.head, ("dobj",))
        return not any(_lemma(o) in _ECONOMIC_OBJECTS for o in struck)
    return _carried_out(noun)


#: What a walk-out hits: "the strike hit production".
_ECONOMIC_OBJECTS = frozenset(
    {"production", "output", "economy", "business", "service", "supply", "export", "import",
     "sale", "operation", "traffic", "flight", "revenue", "trade", "activity", "work"}
)  # fmt: skip
#: What an attack does to what it strikes, and a walk-out does not.
_HARMING_VERBS = frozenset(
    {"hit", "kill", "wound", "injure", "destroy", "damage", "flatten", "level", "target"}
)


def _asks_another(verb: Token) -> bool:
    """Whether a verb of wanting asks another party to act: an infinitive whose own subject ("wants
    Putin to attack", parsed as a clause) or the verb's object ("wants the UN to help") is the one
    asked. "Wants to help" (the subject's own wish) does not, nor a wish under a modal ("might want
    X to go back" guesses at a wish that no one expressed)."""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ not in ("xcomp", "ccomp") or child.pos_ not in _VERB_POS:
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            continue
        if _children(child, ("nsubj",)) or _children(verb, ("dobj",)):
            return True
    return False


#: Verbs of saying whose reported "must" clause is the speaker's demand ("Russia said that Sudan must
#: return the helicopter"): CAMEO 10 demand. Verbs of belief or admission are not among them.
DEMANDING_SPEECH = frozenset(
    {
        "say", "state", "tell", "announce", "declare", "insist", "stress", "add", "conclude",
        "reiterate", "write", "argue", "warn", "emphasize", "emphasise", "urge",
    }
)  # fmt: skip


def _obliging_speech(modal: Token) -> Token | None:
    """The verb of saying that reports a modal of obligation's clause as another party's duty, or
    None: "Straw said that the Sudanese government must reach an agreement" (the speaker demands it
    of the government). Not a duty the speaker takes on itself or a pronoun may stand for ("Russia
    said it must act"), nor the modal of inference ("must have been killed")."""
    if modal.dep_ != "aux" or modal.tag_ != "MD":
        return None
    clause = modal.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in _VERB_POS:
        return None
    speech = clause.head
    if _lemma(speech) not in DEMANDING_SPEECH or speech.i > clause.i:
        return None
    if any(c.dep_ == "aux" and _lemma(c) == "have" and c.i > modal.i for c in clause.children):
        return None  # "must have been": an inference, not a duty
    if any(c.dep_ == "neg" for c in speech.children):
        return None
    subjects = _children(clause, ("nsubj", "nsubjpass"))
    if not subjects or subjects[0].pos_ == "PRON":
        return None
    return speech


def _words_by_kind(file_name: str, column: str) -> dict[str, frozenset[str]]:
    """A data file's lower-case words (in `column`) grouped by its `kind` column."""
    kinds: dict[str, set[str]] = {}
    for row in read_tsv(file_name):
        kinds.setdefault(row["kind"], set()).add(row[column].lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


@functools.cache
def _object_words() -> dict[str, frozenset[str]]:
    """data/event_objects.tsv's words by kind: involvement, materiel, passage, ties, truce, sport,
    figurative, force."""
    return _words_by_kind("event_objects.tsv", "term")


def _objects_of(kind: str) -> frozenset[str]:
    return _object_words().get(kind, frozenset())


def _gives_materiel(verb: Token) -> bool:
    """Whether a verb of giving gives aid or materiel ("gave Tanzania a grant", "sent weapons to")."""
    gifts = _children(verb, ("dobj",)) + _prep_objects(verb, ("with",))
    return any(
        _lemma(t) in _objects_of("materiel") or _lemma(t) in lexicon().weapons_single
        for gift in gifts
        for t in (gift, *gift.conjuncts)
    )


def _received_from(verb: Token) -> Token | None:
    """The giver of what a verb of receiving takes in, when that is aid or materiel: "rebels received
    weapons from Iran" -> Iran (event_objects.tsv's materiel and the weapon words)."""
    objects = _children(verb, ("dobj",))
    if not objects:
        return None
    lemma = _lemma(objects[0])
    if lemma not in _objects_of("materiel") and lemma not in lexicon().weapons_single:
        return None
    givers = [t for t in _prep_objects(verb, ("from",)) if _can_be_actor(t)]
    return givers[0] if givers else None


def _span_head(tokens: Sequence[Token]) -> Token:
    """The token of a multiword trigger whose syntactic head lies outside it."""
    first, last = tokens[0].i, tokens[-1].i
    for token in tokens:
        if token.head.i < first or token.head.i > last or token.head.i == token.i:
            return token
    return tokens[0]


def _backed_by_force(verb: Token) -> bool:
    """Whether a verb of support has an attack or a weapon as its agent ("supported by air
    strikes", "backed by tanks")."""
    if verb.pos_ not in _VERB_POS:
        return False
    lex = lexicon()
    for agent in _prep_objects(verb, ("by",)) + _children(verb, ("nsubj",)):
        lemmas = {_lemma(t) for t in (agent, *agent.conjuncts)}
        if any(m in lex.weapons_single or m in lex.single for m in lemmas):
            return True
    return False


def _is_name(token: Token) -> bool:
    return token.ent_type_ in _NAME_LABELS


#: Marks after which a capital opens a new start, not a name: "Update: Rebels attack".
_NEW_STARTS = frozenset({":", "-", "—", "–", '"', "“", "‘", "'", "("})


def _in_written_name(token: Token) -> bool:
    """A capitalised noun inside a sentence whose longer words are not nearly all capitalised is
    part of a name the recognizer missed ("the Group for the Support of Islam and Muslims", "the Peace
    Council"); in a headline written in title case capitals say nothing. A capitalised verb counts
    too ("the Group to Support Islam and Muslims") unless a colon, dash or quote opens a new start
    before it."""
    if token.pos_ not in _NOUN_POS | _VERB_POS or not token.is_title or token.i == token.sent.start:
        return False
    if token.pos_ in _VERB_POS and token.nbor(-1).text in _NEW_STARTS:
        return False
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return sum(t.is_title for t in words) * 3 < len(words) * 2


def _matches(words: _Words) -> Iterator[tuple[_Entry, int, int, Token]]:
    """(entry, start, end, head token) for each trigger in the sentence, multiword patterns first;
    start and end are Doc token indices. Only the patterns whose first word occurs are tried."""
    lex = lexicon()
    used: set[int] = set()
    for i in range(len(words.tokens)):
        candidates = words.starting(lex.multi_by_first, i)
        if len(candidates) > 1:
            candidates = sorted(candidates, key=lambda e: -len(e.words))
        for entry in candidates:
            end = i + len(entry.words)
            if any(k in used for k in range(i, end)) or not words.at(i, entry.words):
                continue
            head = _span_head(words.tokens[i:end])
            if not _pos_fits(head, entry.pos) or _is_name(head):
                continue
            used.update(range(i, end))
            yield entry, words.tokens[i].i, words.tokens[i].i + len(entry.words), head
            break
    for i, token in enumerate(words.tokens):
        if i not in used and token.pos_ in _VERB_POS and kills_by_complement(token):
            yield _KILLING_COMPLEMENT, token.i, token.i + 1, token
            continue
        if i not in used and token.pos_ in _VERB_POS and captive_nouns(token):
            yield _CAPTIVE_COMPLEMENT, token.i, token.i + 1, token
            continue
        entries = lex.single.get(words.lemmas[i])
        if not entries or i in used or _is_name(token) or _in_written_name(token):
            continue
        for entry in entries:
            if _pos_fits(token, entry.pos):
                yield entry, token.i, token.i + 1, token
                break


# --- arguments --------------------------------------------------------------------------------------


def _np_tokens(token: Token) -> list[Token]:
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _NP_DEPS:
                found.append(child)
                stack.append(child)
    return found


def _of_phrase(token: Token) -> list[Token]:
    """'leaders of the opposition coalition', 'the president of Armenia': the 'of' phrase names
    whom a common noun belongs to, so it is part of the actor."""
    if token.pos_ != "NOUN":
        return []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == token.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return [child, *_np_tokens(objects[0])]
    return []


#: Small words inside a name ("Democratic Republic of the Congo").
_NAME_JOINERS = frozenset({"of", "the", "and", "de", "du", "del", "al", "el"})


def _arg(token: Token, offset: int, trigger: range = range(0)) -> ArgSpan:
    """The noun phrase headed by `token`, without determiners, clauses and coordinated phrases, nor
    the trigger's words it opens with (`trigger`: their token indices)."""
    tokens = _np_tokens(token) + _of_phrase(token)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = token.doc
    # a name the parser split at a hyphen ("Al-Shabaab attack": "Al" hangs on "attack") is read
    # whole, as the recognizer found it
    while last + 2 < len(doc) and _hyphen_joins(doc[last], doc[last + 2]):
        last += 2
    while first >= 2 and _hyphen_joins(doc[first - 2], doc[first]):
        first -= 2
    # "The Democratic Republic of Congo and the M23": a name the parser cut at its "of" is read
    # to the end of the entity it opens
    end = last
    while end + 1 < len(doc) and doc[end].ent_type_ and doc[end + 1].ent_iob_ == "I":
        end += 1
        if doc[end].pos_ == "PROPN":
            last = end  # a name word; not a stray "in" the recognizer took in ("Macomia in")
        elif doc[end].lower_ not in _NAME_JOINERS:
            break
    # "shot dead two policemen": the parser may hang the trigger's "dead" on the object
    while first < token.i and (doc[first].is_punct or first in trigger):
        first += 1
    span = doc[first : last + 1]
    start = offset + span.start_char
    return ArgSpan(start=start, end=start + len(span.text), text=span.text)


def _hyphen_joins(left: Token, right: Token) -> bool:
    """Whether two tokens are one name written with a hyphen between them ("Al-Shabaab")."""
    hyphen = left.doc[left.i + 1]
    return (
        hyphen.text == "-"
        and not left.whitespace_
        and not hyphen.whitespace_
        and left.ent_iob_ in ("B", "I")
        and right.ent_iob_ == "I"
    )


def _resolve_relative(token: Token) -> Token:
    """'the forces that attacked': a relative pronoun stands for the noun it modifies."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions `preps` under `token`, in the order `preps` lists them."""
    found: list[Token] = []
    for prep_word in preps:
        for child in token.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep_word:
                found.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return found


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _can_be_actor(token: Token) -> bool:
    if token.lower_ in _NOT_ACTOR_WORDS or token.ent_type_ in _NOT_ACTOR_LABELS:
        return False
    if token.lower_ in _RELATIVE and token.tag_ in ("WDT", "WP"):
        return False  # a relative pronoun left unresolved ("of which 74 were shot down")
    if token.pos_ in _VERB_POS:
        return False
    return _lemma(token) not in lexicon().weapons_single or _wielder(token)


#: Weapon words that name the people who use them: "a sniper", "a suicide bomber" (not a bomber jet).
_WIELDERS = frozenset({"sniper", "marksman"})


def _wielder(token: Token) -> bool:
    lemma = _lemma(token)
    if lemma in _WIELDERS:
        return True
    return lemma == "bomber" and any(c.lower_ == "suicide" for c in token.children)


#: Fighters named by the group they come from: "fighters from the M23 rebel group".
_MEMBER_NOUNS = frozenset(
    {"fighter", "militant", "gunman", "member", "insurgent", "jihadist", "militiaman", "attacker",
     "combatant", "operative"}
)  # fmt: skip
#: Nouns that name a group, with or without a name tagged as one ("the M23 rebel group").
_GROUP_NOUNS = frozenset(
    {"group", "militia", "movement", "faction", "coalition", "front", "organization",
     "organisation", "brigade", "battalion", "army", "force", "network", "gang", "cell", "wing"}
)  # fmt: skip


def _member_of(token: Token) -> Token | None:
    """ "Fighters from the M23 rebel group" -> group: the group its members act for."""
    if _lemma(token) not in _MEMBER_NOUNS:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
            continue
        for group in (c for c in prep.children if c.dep_ == "pobj"):
            if group.ent_type_ in ("ORG", "NORP") or _lemma(group) in _GROUP_NOUNS:
                return group
    return None


def _counted(token: Token) -> Token | None:
    """ "hundreds of UN troops" -> troops: the noun a number or group word counts; "fighters from
    the M23 rebel group" -> group."""
    member = _member_of(token)
    if member is not None:
        return member
    if _lemma(token) not in _COLLECTIVE_HEADS and token.pos_ != "NUM":
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


#: Event nouns that name the people taking part ("protesters clashed"): as a subject, the actor.
_PARTICIPANTS = frozenset({"protester", "protestor", "demonstrator", "rioter"})
#: Nouns of a state of affairs that the parser may make a verb's subject ("violence has killed
#: 20,000", "insecurity forced 2 million from their homes"): they stand for no actor.
_ABSTRACT_CAUSES = frozenset(
    {"violence", "unrest", "insecurity", "conflict", "crisis", "insurgency", "hostility", "chaos"}
)


def _actor(token: Token | None) -> Token | None:
    """The token that names the actor: 'Armenian fire' -> 'Armenian'; None for 'it' or a date."""
    if token is None:
        return None
    token = _name_head(token)
    if names_nobody(token):
        return None
    counted = _counted(token)
    if counted is not None:
        token = counted
    if named_conflict(token) is not None:
        return None  # "linked the clashes to Russia's invasion": a conflict named as a whole acts on no one
    if token.pos_ in _NOUN_POS and _lemma(token) in _PARTICIPANTS:
        return token  # "protesters rallied": the people who take part in an event are actors
    if token.pos_ in _NOUN_POS and _lemma(token) in _ABSTRACT_CAUSES:
        return _actor_modifier(
            token
        )  # "violence has killed 20,000": no one, unless "Israeli violence"
    if token.pos_ in _NOUN_POS and _lemma(token) in lexicon().single:
        # an event noun stands for whoever carried it out: "Azerbaijani fire", "an offer from Kabul"
        by = [_name_head(t) for t in _prep_objects(token, _AGENT_PREPS)]
        by = [t for t in by if _can_be_actor(t)]
        # "a charge Kigali has denied": the parser hangs the one who denies on the noun
        by += [
            c
            for c in token.children
            if c.dep_ == "appos" and c.pos_ == "PROPN" and _can_be_actor(c)
        ]
        return _actor_modifier(token) or (by[0] if by else None)
    if (
        token.pos_ in _NOUN_POS
        and _lemma(token) in lexicon().weapons_single
        and not _wielder(token)
    ):
        # a weapon stands for the force that wields it: "Israeli tanks fired", "a Serbian army jet"
        owner = _actor_modifier(token)
        if owner is None:
            # "Junta aircraft bombed", "rebel drones struck": the generic word names the force
            generic = [c for c in token.children if c.dep_ in ("amod", "compound")]
            return next((c for c in generic if side_of(c) is not None), None)
        return token if _names_a_service(token) else owner
    return token if _can_be_actor(token) else None


def _names_a_service(weapon: Token) -> bool:
    """ "Myanmar military aircraft", "Israeli jets", "a Serbian army jet": the weapon phrase names
    the service that flies it, so the whole phrase is the actor (the armed forces, the air force),
    not only the country before it."""
    words = [weapon, *(c for c in weapon.children if c.dep_ in ("amod", "compound"))]
    dictionary = load_actor_dictionary()
    return any(dictionary.institution([w.lower_]) is not None for w in words)


def _name_head(token: Token) -> Token:
    """A word of a name that the parser tagged as no noun stands for the whole name, whose last word
    heads it: in "Barack Obama and Vladimir Putin will meet" the parser may take "Barack" for a
    preposition and hang "Obama" (and Putin, its conjunct) under it."""
    doc = token.doc
    if (
        token.dep_ == "pobj"
        and token.pos_ == "ADJ"
        and not token.ent_type_
        and token.i + 1 < len(doc)
    ):
        # "by the paramilitary Rapid Support Forces": the parser makes the adjective the object
        # and hangs the name elsewhere; the name that follows is what the adjective describes
        following = doc[token.i + 1]
        if following.ent_iob_ == "B" and following.ent_type_ in _ACTOR_LABELS:
            return next(e.root for e in doc.ents if e.start == following.i)
    if token.pos_ in _NOUN_POS or token.ent_type_ not in _ACTOR_LABELS or token.ent_iob_ != "B":
        return token
    last = token
    while last.i + 1 < len(token.doc) and token.doc[last.i + 1].ent_iob_ == "I":
        last = token.doc[last.i + 1]
    return last if last.pos_ in _NOUN_POS else token


def _first_actor(tokens: Iterable[Token]) -> Token | None:
    for token in tokens:
        actor = _actor(token)
        if actor is not None:
            return actor
    return None


def _speaker_for_pronoun(subject: Token, verb: Token) -> Token:
    """'The US claimed that they had attacked': a pronoun subject of a reported clause most often
    stands for the subject of the reporting verb, and so does a subject it owns: in "the army said
    its troops killed 20", the army killed them."""
    if verb.dep_ != "ccomp":
        return subject
    owned = subject.pos_ in _NOUN_POS and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in subject.children
    )
    if not owned and (subject.pos_ != "PRON" or subject.lower_ not in _PERSONAL):
        return subject
    reporting = verb.head
    if (
        reporting.dep_ == "conj"
        and reporting.head.pos_ in _VERB_POS
        and not _named_subjects(reporting)
    ):
        # "a spokesman denied the figure and said his fighters had captured": the first verb's
        # subject says it
        reporting = reporting.head
    if subject.lower_ in _THIRD_PERSON and _in_direct_quote(subject):
        return subject  # '"They rounded up the farmers," Musa said': a speaker's "they" are others
    speakers = _named_subjects(reporting)
    return speakers[0] if speakers else subject


#: Pronouns a speaker quoted word for word uses of others, never of themselves ("we", "I").
_THIRD_PERSON = frozenset({"they", "he", "she", "it"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})


def _in_direct_quote(token: Token) -> bool:
    """Whether a word lies inside quotation marks opened earlier in its sentence."""
    marks = sum(t.text in _QUOTE_MARKS for t in token.doc[token.sent.start : token.i])
    return marks % 2 == 1


def _named_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.pos_ != "PRON"]


#: Nouns of a written or spoken text whose participle says what the text does: "issued a statement
#: condemning the attack", "sent a letter urging talks" (the issuer condemns, urges).
_TEXT_NOUNS = frozenset(
    {"statement", "declaration", "communique", "letter", "resolution", "message", "note", "appeal"}
)


#: Verbs whose infinitive says why the subject called someone in, not what the one called does:
#: "summoned Niger's ambassador to complain" (the summoner complains).
_SUMMONING_VERBS = frozenset({"summon", "convene"})


def _summoned_for(verb: Token) -> bool:
    """Whether the verb is the purpose for which its governor's subject called someone in."""
    return verb.dep_ in ("xcomp", "advcl") and _lemma(verb.head) in _SUMMONING_VERBS


def _dashed_off(subject: Token) -> bool:
    """ "Sanaa, Yemen — Houthi rebels attacked": a phrase that opens the sentence and ends at a dash
    is a dateline the parser took for a second subject; the subject after the dash acts."""
    last = subject.right_edge
    after = subject.doc[last.i + 1] if last.i + 1 < len(subject.doc) else None
    opens = subject.left_edge.i == subject.sent.start and _is_place_name(subject)
    return opens and (is_dash(last) or (after is not None and is_dash(after)))


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _is_place_name(token: Token) -> bool:
    """A place name (the parser may tag a city it does not know as a person: "Sanaa")."""
    return token.pos_ == "PROPN" and token.ent_type_ in (_PLACE_LABELS | {"PERSON"})


def _elided_passive(verb: Token) -> bool:
    """ "30 people were killed and scores more injured": a bare participle joined to a passive verb
    is passive too; its subject is a victim, not an agent."""
    if verb.tag_ != "VBN" or verb.dep_ != "conj" or not _is_passive(verb.head):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


def _headline_passive(verb: Token) -> bool:
    """ "21 passengers killed", "Five soldiers wounded in ambush": a headline drops the "were", and
    the parser makes the people counted the subject of an active verb. A verb of harm with a
    counted subject (or a bare singular one, "general killed") and no object, auxiliary or clause
    of its own is that passive."""
    if verb.tag_ not in ("VBN", "VBD") or not load_terms().has("verb", _lemma(verb)):
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
        return False
    # a clause after it ("killed to ...") makes it active; one before it is the headline's first
    # part ("Troops free hostages, 21 passengers killed")
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return False
    subjects = _children(verb, ("nsubj",))
    if not subjects:
        return False
    subject = subjects[0]
    if any(c.dep_ == "nummod" for c in subject.children):
        return True
    # a singular noun with no determiner is headline style too: "…, general killed"
    # (the tagger may call such a noun an adjective)
    bare = subject.tag_ in ("NN", "JJ")
    return bare and not any(c.dep_ in ("det", "poss") for c in subject.children)


def _charged_party(verb: Token) -> Token | None:
    """ "accused the army of violating the truce", "blamed the rebels for the attack": the object of
    the verb that charges (or thanks) someone with an act committed that act: "accused Rwanda of
    sending troops", "thanked Qatar for mediating"."""
    prep = verb.head
    if (
        verb.dep_ not in ("pcomp", "pobj")
        or prep.dep_ != "prep"
        or prep.lower_ not in ("of", "for")
    ):
        return None
    if prep.head.pos_ not in _VERB_POS:
        return None
    # the order of "accused X of doing": not "instead of doing, put them behind bars"
    objects = [o for o in _children(prep.head, ("dobj",)) if prep.head.i < o.i < prep.i]
    return _actor(objects[0]) if objects else None


def _after_subordinate(verb: Token) -> bool:
    """Whether a verb with no subject of its own follows a comma after a subordinate clause ("while
    residents slept, set fire"), which the parser took for the clause it is joined to."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "advcl" or clause.head.pos_ not in _VERB_POS:
        return False
    if not any(c.dep_ == "mark" for c in clause.children):
        return False
    return _comma_between(clause, verb)


def _comma_between(first: Token, last: Token) -> bool:
    return any(t.text == "," for t in first.doc[first.i + 1 : last.i])


def _verb_agent(verb: Token) -> Token | None:
    text = verb.head
    if number_before_state(verb) is not None and _lemma(text) in CARE_VERBS:
        return None  # "the hospital received 30 wounded": the hospital wounded no one
    if labelled_figure(verb) is not None:
        return None  # "People killed: at least 38": the label names victims, no doer
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and _lemma(text) in _TEXT_NOUNS
        and text.dep_ == "dobj"
        and text.head.pos_ in _VERB_POS
        and not _children(verb, _SUBJECT_DEPS)
    ):
        return _verb_agent(text.head)  # "X issued a statement condemning": X condemns
    if verb.dep_ == "acl" and not _children(verb, _SUBJECT_DEPS):
        # a participle on a noun: "civilians killed by ..." (passive) or a misparsed main verb
        if verb.tag_ in _FINITE_TAGS and _children(verb, ("dobj", "oprd", "dative")):
            return _actor(verb.head)  # a main verb the parser hung on its subject
        if verb.tag_ == "VBN" and _stranded(verb.head) and _children(verb, ("dobj",)):
            # "Haitian police, backed by Kenyan officers, killed 12 gang members": a participle
            # with an object on a noun left without a verb of its own is that noun's main verb
            return _actor(verb.head)
        return _first_actor(_prep_objects(verb, ("by",)))
    if _is_passive(verb) or _elided_passive(verb) or _headline_passive(verb):
        return _first_actor(_prep_objects(verb, ("by",)))
    subjects = _children(verb, _SUBJECT_DEPS)
    if len(subjects) > 1:
        subjects = [t for t in subjects if not _dashed_off(t)] or subjects
    if subjects:
        subjects = [after_dateline(subjects[0])]
        return _actor(_speaker_for_pronoun(_resolve_relative(subjects[0]), verb))
    if verb.dep_ == "xcomp" and _is_passive(verb.head) and verb.tag_ != "VBN":
        # "Obama is scheduled to attend", "X was asked to mediate": the passive subject acts
        raised = _children(verb.head, ("nsubjpass",))
        if raised:
            return _actor(_resolve_relative(raised[0]))
    if (
        verb.dep_ == "xcomp"
        and verb.head.pos_ in _VERB_POS
        and _lemma(verb.head) not in _SUMMONING_VERBS
    ):
        asked = _children(verb.head, ("dobj",))
        if asked:  # "urged the EU to support", "ordered the paper to suspend": the one asked acts
            return _actor(asked[0])
    if _after_subordinate(verb):
        # "stormed the village while residents slept, set fire to houses": the main clause acts
        return _verb_agent(verb.head.head)
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in _VERB_POS:
        if _time_clause_participle(verb):
            # "missiles struck as people gathered, killing 34": the main clause kills
            return _verb_agent(verb.head.head)
        return _verb_agent(verb.head)  # "threatened to withdraw": the threatener withdraws
    adjective = verb.head
    if verb.dep_ == "xcomp" and adjective.pos_ == "ADJ" and adjective.dep_ == "acomp":
        return _verb_agent(adjective.head)  # "it is willing to withdraw": the copula's subject
    if verb.dep_ == "relcl":
        return _actor(verb.head)
    first = _joined_as_modifier(verb)
    if first is not None:
        # "its fighters had killed 27 soldiers and captured weapons": the parser reads the second
        # verb as an adjective on the first one's object; it shares the first one's subject
        return _verb_agent(first)
    hung = [
        c for c in verb.children if c.dep_ == "compound" and c.pos_ in _NOUN_POS and c.i < verb.i
    ]
    if verb.tag_ in _FINITE_TAGS and hung:
        return _actor(hung[-1])  # "An Israeli sniper shot dead": the subject parsed as a modifier
    return None


def _joined_as_modifier(verb: Token) -> Token | None:
    """The first verb, when a past verb after "and" is parsed as an adjective on a noun joined to
    that verb or to its object."""
    if verb.dep_ != "amod" or verb.tag_ not in ("VBN", "VBD") or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].lower_ != "and" or verb.head.dep_ != "conj":
        return None
    first = _joined_verb(verb)
    return first if first is not None and first.tag_ == verb.tag_ else None


def _joined_verb(verb: Token) -> Token | None:
    """The verb whose object, or which itself, the noun under a modifier verb is joined to."""
    joined = verb.head.head
    if joined.pos_ in _VERB_POS:
        return joined  # "killed 25 soldiers and seized weapons" with "weapons" on "killed"
    if joined.dep_ == "dobj" and joined.head.pos_ in _VERB_POS:
        return joined.head
    return None


def _stranded(noun: Token) -> bool:
    """A noun the parser left without a verb: the root, or one of two subjects of one verb ("Haitian
    police, ..., killed 12, a police spokesman said": "police" and "spokesman" both on "said")."""
    if noun.dep_ == "ROOT":
        return True
    if noun.dep_ == "nsubj" and noun.head.dep_ == "ROOT" and noun.head.pos_ not in _VERB_POS:
        return True  # "Bandits abducted 38, police said, the latest in a wave": subject of "latest"
    return noun.dep_ == "nsubj" and len(_children(noun.head, ("nsubj",))) > 1


#: Words that open a clause saying when the main clause's act happened.
_TIME_MARKS = frozenset({"as", "while", "when"})


def _time_clause_participle(verb: Token) -> bool:
    """A participle after a comma that the parser hung on a time clause ("as people gathered,
    killing 34") belongs to the main clause the time clause hangs on."""
    clause = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and clause.dep_ == "advcl"
        and clause.head.pos_ in _VERB_POS
        and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in clause.children)
        and _comma_between(clause, verb)
    )


def _verb_target(verb: Token) -> Token | None:
    candidates = _children(verb, ("dobj", "dative", "oprd")) + _children(verb, ("nsubjpass",))
    # "shot dead a commander": the parser hangs the object on the result adjective
    results = _children(verb, ("acomp",))
    candidates += [o for a in results for o in _children(a, ("dobj",))]
    candidates += [
        o
        for o in _children(verb, ("npadvmod",))
        if results and results[0].i < o.i and o.pos_ in _NOUN_POS and not o.ent_type_
    ]  # or on the verb as an adverbial noun ("shot dead a boy")
    if _headline_passive(verb):
        candidates += _children(verb, ("nsubj",))  # "21 passengers killed"
    candidates = [c for c in candidates if c.pos_ != "ADJ"]  # "burned alive": a state, no party
    candidates = _captives_for_captive_noun(verb, candidates)
    candidates = [c for c in candidates if not _sums_up(verb, c)]
    if _summoned_for(verb):  # "summoned the ambassador to complain": the one summoned
        candidates = _children(verb.head, ("dobj",)) + candidates
    if verb.dep_ == "acl" and not _children(verb, ("dobj", "oprd", "dative")):
        candidates.append(verb.head)  # "civilians killed by ...": the noun is the target
    attached_low = [
        found
        for obj in _children(verb, ("dobj",))
        for token in (obj, *obj.conjuncts)
        for found in _prep_objects(token, _DIRECTION_PREPS)
    ]  # "used artillery ... toward X" with the phrase parsed under an object
    for obj in _children(verb, ("dobj",)):
        if _lemma(obj) in lexicon().single:  # "held talks with X": the event noun holds the target
            attached_low = _prep_objects(obj, _TARGET_PREPS) + attached_low
    return _first_actor(candidates + _prep_objects(verb, _TARGET_PREPS) + attached_low)


def _captives_for_captive_noun(verb: Token, candidates: list[Token]) -> list[Token]:
    """ "took 12 aid workers hostage", "were taken prisoner": the people taken are the target, not
    the word for what they became; "took hostages" names them by it alone."""
    nouns = captive_nouns(verb)
    if not nouns:
        return candidates
    found = []
    for candidate in candidates:
        if candidate not in nouns:
            found.append(candidate)
            continue
        people = [c for c in candidate.children if c.dep_ == "compound" and c.pos_ in _NOUN_POS]
        found += people or ([candidate] if candidate.dep_ == "dobj" else [])
    if not found and verb.dep_ == "conj" and _children(verb, ("auxpass",)):
        # "soldiers surrendered and were taken prisoner": the first verb's subject
        found = _children(verb.head, ("nsubj", "nsubjpass"))
    return found


def _sums_up(verb: Token, obj: Token) -> bool:
    """Whether an object is a phrase set off by a comma after the verb's own arguments, which the
    parser takes for a second object: in "fired missiles at a vessel, the first such claim in
    months" the claim sums the clause up and was not fired at."""
    if obj.dep_ != "dobj" or obj.left_edge.i == 0 or obj.doc[obj.left_edge.i - 1].text != ",":
        return False
    return any(c.dep_ in ("dobj", "prep") and verb.i < c.i < obj.left_edge.i for c in verb.children)


def _between(noun: Token) -> tuple[Token | None, Token | None]:
    """'clashes between A and B' or 'between Armenian and Azerbaijani forces'; not 'clashes between
    18 and 20 August' (a stretch of time)."""
    for obj in _prep_objects(noun, ("between", "among")):
        if obj.ent_type_ in ("DATE", "TIME"):
            continue
        if obj.conjuncts:
            return obj, obj.conjuncts[0]
        for mod in obj.children:
            if mod.dep_ in ("amod", "compound") and mod.conjuncts:
                return mod, mod.conjuncts[0]
        return obj, None
    return None, None


def _actor_modifier(noun: Token) -> Token | None:
    """'Azerbaijani offensive', 'Russia's mediation': a possessor or a named/demonym modifier."""
    for child in noun.children:
        if child.dep_ == "poss" and _can_be_actor(child) and child.lower_ not in _PRONOUN_POSS:
            return child
    for child in noun.children:
        if (
            child.dep_ in ("amod", "compound", "nmod")
            and child.ent_type_ in _ACTOR_LABELS
            and not _across_a_dash(child, noun)
            and not _names_a_settlement(child, noun)
            and not _a_town_before(child, noun)
        ):
            return _group_of_place(noun, child) or child
    for child in noun.children:  # "Israeli tank shelling": the demonym sits on the compound
        if child.dep_ == "compound":
            for grandchild in child.children:
                if (
                    grandchild.dep_ in ("amod", "compound")
                    and grandchild.ent_type_ in _ACTOR_LABELS
                    and not _across_a_dash(grandchild, noun)
                    and not _a_town_before(grandchild, noun)
                ):
                    return grandchild
    return None


#: Nouns that make a name before them a place in a compound: "a Zamfara village raid".
_SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "camp", "district", "province"})


def _names_a_settlement(modifier: Token, noun: Token) -> bool:
    """ "Gunmen kill 17 in Zamfara village raid": a name followed by a settlement noun in the
    event noun's compound is where it happened, not who did it."""
    return any(t.lower_ in _SETTLEMENT_NOUNS for t in modifier.doc[modifier.i + 1 : noun.i])


def _a_town_before(modifier: Token, noun: Token) -> bool:
    """ "the Kharkiv strikes", "a Gaza City drone strike": a town's or a province's name in the
    event noun's phrase is where it happened. Whoever made it is named elsewhere, if at all."""
    entity = _entity_of(modifier)
    if entity is None or entity.end > noun.i or entity.label_ not in (*_PLACE_LABELS, "ORG"):
        return False
    return names_a_town_or_province(entity.text, tagged_organisation=entity.label_ == "ORG")


def _entity_of(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _across_a_dash(modifier: Token, noun: Token) -> bool:
    """ "10:15 GMT - A missile strike": a word the parser hangs on a noun across a spaced dash
    belongs to a heading or a timestamp, not to the noun's phrase."""
    first, last = sorted((modifier.i, noun.i))
    return any(_spaced_dash(t) for t in modifier.doc[first + 1 : last])


def _spaced_dash(token: Token) -> bool:
    """A dash with space on both sides, which the tagger may still call a hyphen."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        token.text in DASHES
        and bool(token.whitespace_)
        and before is not None
        and bool(before.whitespace_)
    )


def _group_of_place(noun: Token, name: Token) -> Token | None:
    """ "a Haiti gang attack", "a Nigeria bandit raid": a place name before a generic word for an
    armed group says where that group acts; the group carries out the event, not the country."""
    if name.ent_type_ not in _PLACE_LABELS:
        return None
    groups = [
        c
        for c in noun.children
        if c.dep_ == "compound" and c.i > name.i and c.pos_ == "NOUN" and side_of(c) is not None
    ]
    return groups[0] if groups else None


#: Verbs whose subject withstands the attack named by their object: the attack's target.
_REPELLING_VERBS = frozenset({"repel", "repulse", "thwart", "foil", "resist", "withstand"})

#: Verbs whose subject judges, recalls or looks into an event named by their object, without
#: taking part in it: "condemned the attack", "are investigating a shooting", "linked the clashes
#: to". Unlike a light verb ("launched an offensive"), such a verb gives the event noun none of its
#: actors. Verbs of plain report are not among them: a side that reports or confirms fighting is
#: most often one of its sides ("the warring sides reported continued fighting"). "Say" and "tell"
#: take no event as object: a parse giving them one has misread an apposition ("drones struck the
#: base, the army said, the first attacks on the city").
_OBSERVING_VERBS = frozenset(
    {"link", "mention", "discuss", "condemn", "denounce",
     "deplore", "criticize", "criticise", "welcome", "witness", "recall", "blame", "deny",
     "investigate", "probe", "cite", "document", "record", "monitor", "observe", "note", "see",
     "hear", "fear", "regret", "mourn", "commemorate", "predict", "expect", "attribute",
     "confirm", "verify", "survive", "say", "tell", "oversee", "supervise", "guarantee",
     "report", "detect", "spot", "notice", "feel", "film", "follow", "precede", "echo", "mirror"}
)  # fmt: skip
#: Verbs by which a group owns an act: "claimed responsibility for the assault".
_OWNING_VERBS = frozenset({"claim", "take", "accept", "assume", "admit"})


#: Verbs that name what their object is: "called the attack an act of terror".
_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "brand", "dub", "characterize"})


def _names_as(verb: Token) -> bool:
    """Whether a verb names its object as something ("called the strikes a war crime", "described
    the strike as a war crime"): its subject judges the event, it did not do it. "Called a
    ceasefire" has no second object and keeps its caller."""
    if _lemma(verb) not in _NAMING_VERBS:
        return False
    return bool(_children(verb, ("oprd",))) or any(
        c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
    )


#: What one strikes with, not whom: "a strike on targets with high-precision weapons".
_ARMAMENT = frozenset({"weapon", "arm", "arms", "ammunition", "munition", "bomb", "explosive"})


def _armament(token: Token) -> bool:
    lemma = _lemma(token)
    return lemma in _ARMAMENT or lemma in lexicon().weapons_single


def _noun_arguments(noun: Token) -> tuple[Token | None, Token | None]:
    agent, target = _between(noun)
    if agent is not None:
        return agent, target
    agent = _first_actor(_prep_objects(noun, _AGENT_PREPS)) or _actor_modifier(noun)
    target = _first_actor(
        t
        for t in _prep_objects(noun, _TARGET_PREPS)
        if (t.head.lower_ != "of" or _named(t)) and not (t.head.lower_ == "with" and _armament(t))
    )  # "shelling of Sotk", not "fighting of varying intensity" nor "a strike with missiles"
    base = noun
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head  # "declared martial law and mobilization": share the first conjunct's verb
    if base.dep_ == "compound" and base.head.pos_ in _NOUN_POS:
        base = base.head  # "issued arrest warrants": the compound's head carries the verb
    if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ in _NOUN_POS:
        container = base.head.head  # "gave 5 million dollars of aid", "launched a wave of attacks"
        if container.dep_ in ("dobj", "nsubjpass", "attr"):
            base = container
    head = base.head
    partake = head.head if base.dep_ == "pobj" and head.lower_ in ("in", "into") else None
    answering = head.head if base.dep_ == "pobj" and head.lower_ == "with" else None
    if agent is None and answering is not None and _lemma(answering) in _ANSWERING_VERBS:
        agent = _verb_agent(answering)  # "the army responded with air strikes on villages"
    owned = head.head if base.dep_ == "pobj" and head.lower_ == "for" else None
    if agent is None and owned is not None and owned.lemma_ == "responsibility":
        owning = owned.head  # "the coalition claimed responsibility for the assault"
        if owned.dep_ == "dobj" and _lemma(owning) in _OWNING_VERBS:
            agent = _verb_agent(owning)
    if partake is not None and _lemma(partake) in _PARTAKE_VERBS:
        # "engaged the peacekeepers in a firefight": the verb's subject and object are the sides
        agent = agent or _verb_agent(partake)
        target = target or _first_actor(_children(partake, ("dobj",)))
    if base.dep_ in ("dobj", "nsubjpass") and _lemma(head) in _REPELLING_VERBS:
        # "forces repulsed the attack": the attack was on them; its attacker is another
        return agent, target or _verb_agent(head)
    if (
        base.dep_ in ("dobj", "attr", "nsubjpass")
        and head.pos_ in _VERB_POS
        and _lemma(head) not in _OBSERVING_VERBS
        and not _names_as(head)
    ):
        # a light verb carries the actors: "launched an offensive", "declared martial law"
        if agent is None:
            agent = _verb_agent(head)
        if target is None:
            target = _first_actor(_prep_objects(head, _TARGET_PREPS)) or _first_actor(
                _children(head, ("dative",))
            )
        if target is None:  # "issued arrest warrants for two Brazilian men": only a named "for"
            target = _first_actor(t for t in _prep_objects(head, ("for",)) if _named(t))
    return agent, target


def _embedded_target(verb: Token) -> Token | None:
    """'threatened to cut off power to X', 'demanded that X withdraw': with no target of its own, a
    verb of saying or wanting aims at the target of its complement, or at the subject of a 'that'
    clause."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in _VERB_POS:
            found = _verb_target(child)
            if found is not None:
                return found
        if child.dep_ == "ccomp" and child.pos_ in _VERB_POS:
            subjects = _children(child, ("nsubj", "nsubjpass"))
            if subjects:
                return _actor(subjects[0])
    return None


#: Event types whose "from" phrase is the target: one withdraws from a place or party.
_FROM_TARGET_TYPES = {"RETREAT"}


def _arguments(head: Token, event_type: str) -> tuple[Token | None, Token | None]:
    if event_type in _FROM_TARGET_TYPES:
        left = _first_actor(_prep_objects(head, ("from",)))
        if left is not None:  # "withdrew its troops from Lebanon", "withdrawal from the Golan"
            agent = _verb_agent(head) if head.pos_ in _VERB_POS else _actor_modifier(head)
            return agent, left
    if head.pos_ in _VERB_POS:
        target = _recipient(head) if event_type == "AID" else None
        agent = _verb_agent(head)
        if agent is None and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            agent = _actor_modifier(head)  # a gerund used as a noun: "Pakistani shelling hit"
        if agent is None:
            agent = _charged_party(head)  # "accused the army of violating the truce"
        if agent is None and head.tag_ == "VBG":  # a gerund as a noun: "fighting between A and B"
            agent, target = _between(head)
        return agent, target or _verb_target(head) or _embedded_target(head)
    agent, target = _noun_arguments(head)
    if agent is None and event_type in _VIOLENT:
        agent = _charged_party(head)  # "blamed the RSF for the attack on El Fasher"
    return agent, target


def _recipient(verb: Token) -> Token | None:
    """Who receives what a verb of giving gives: its indirect object or "to" phrase ("provided
    photographs to Macedonia", "gave Tanzania a grant"), or its object when a "with" phrase holds
    the gift ("supplied the rebels with arms"); the gift itself is no party."""
    found = [c for c in _children(verb, ("dative",)) if c.pos_ != "ADP"]
    found += _prep_objects(verb, ("to",))
    if _prep_objects(verb, ("with",)):
        found += _children(verb, ("dobj",))
    return _first_actor(t for t in found if t.lower_ not in ("it", "them"))


def _is_reciprocal(token: Token | None) -> bool:
    return token is not None and token.lower_ in ("other", "another", "each")


def _named(token: Token | None) -> bool:
    if token is None:
        return False
    return any(t.pos_ == "PROPN" or t.ent_type_ for t in _np_tokens(token))


# --- weapons, background, confidence -------------------------------------------------------------


def weapons_in(sent: Doc | Span) -> list[tuple[Token, str, str]]:
    """(first token, weapon term, mode) for each weapon mentioned in the sentence, in text order."""
    return _weapons(_Words.of(sent))


def _weapons(words: _Words) -> list[tuple[Token, str, str]]:
    lex = lexicon()
    found: list[tuple[Token, str, str]] = []
    used: set[int] = set()
    for i in range(len(words.tokens)):
        for pattern, term, mode in words.starting(lex.weapons_multi, i):
            if i not in used and words.at(i, pattern):
                used.update(range(i, i + len(pattern)))
                found.append((words.tokens[i], term, mode))
    for i, token in enumerate(words.tokens):
        hit = lex.weapons_single.get(words.lemmas[i])
        if hit is not None and i not in used and token.pos_ in _NOUN_POS:
            found.append((token, hit[0], hit[1]))
    return sorted(found, key=lambda f: f[0].i)


def _weapon_object(verb: Token, weapon_ids: set[int]) -> bool:
    """Whether a 'use'/'launch'/'hit' verb takes a weapon as object ('used artillery and drones')
    or as subject ('drones hit a refinery', 'the grid was hit by drones')."""
    for obj in _children(verb, ("dobj", "nsubjpass", "nsubj")) + _prep_objects(
        verb, ("with", "by")
    ):
        if any(t.i in weapon_ids for t in [obj, *obj.conjuncts, *_np_tokens(obj)]):
            return True
    return False


#: Verbs of weapons that also tell an attack by the site they hit ("it had hit the refinery").
_SITE_STRIKING = frozenset({"hit", "destroy", "burn"})
#: Verbs that tell an attack by the homes and gathering places they strike ("burned 40 homes").
_DWELLING_STRIKING = frozenset({"burn"})
#: Subjects that hit or destroy without anyone attacking: "the storm hit the port", "sanctions hit
#: the refinery".
_HAZARDS = frozenset(
    {"storm", "cyclone", "hurricane", "typhoon", "earthquake", "quake", "flood", "fire", "blaze",
     "landslide", "crisis", "shortage", "outage", "drought", "wave", "wind", "rain", "lightning",
     "sanction", "tariff", "embargo", "ban", "measure", "restriction", "price", "inflation",
     "downturn", "recession", "cut", "decision", "policy", "law", "rule"}
)  # fmt: skip


def _site_struck(verb: Token) -> bool:
    """Whether "hit"/"destroy"/"burn" has a site or craft (for "burn" also a dwelling) as object
    and no natural hazard as subject."""
    if _lemma(verb) not in _SITE_STRIKING or verb.pos_ not in _VERB_POS:
        return False
    if any(
        _lemma(s) in _HAZARDS for s in _children(verb, ("nsubj",)) + _prep_objects(verb, ("by",))
    ):
        return False
    sites = _objects_of("target")
    if _lemma(verb) in _DWELLING_STRIKING:
        sites = sites | _objects_of("dwelling")
    return any(_lemma(o) in sites for o in _children(verb, ("dobj", "nsubjpass")))


def _has_year(tokens: Iterable[Token]) -> Token | None:
    for token in tokens:
        if _YEAR.match(token.text):
            return token
    return None


def background_of(head: Token) -> tuple[bool, str | None]:
    """Whether the trigger reports a past event, and the cue; weak cues ('had') return False."""
    year = _has_year(c for c in head.children if c.dep_ in ("nummod", "compound", "amod", "poss"))
    if year is not None and head.pos_ in _NOUN_POS:
        return True, f"{year.text} {head.text}"  # "the 2020 war"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _TIME_PREPS:
            year = _has_year(child.subtree)
            if year is not None:
                return True, f"{child.text} {year.text}"  # "since 2016", "during the 1990s war"
        if child.dep_ == "amod" and child.lower_ in _PAST_WORDS and head.pos_ in _NOUN_POS:
            return True, f"{child.text} {head.text}"
        if child.dep_ == "prep" and child.lower_ == "for" and _perfect(head):
            span = [t for t in child.subtree if t.dep_ == "pobj"]
            if any(_lemma(t) in _LONG_SPANS for t in span):  # "has fought for years to topple"
                return True, " ".join(t.text for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ == "since" and _perfect(head):
            start = {t.lower_ for t in child.subtree}
            if not start.isdisjoint(MONTHS) or "year" in start:
                # "has besieged El Fasher since May last year": a state running for months;
                # "has raged since Monday" is the day's news
                return True, " ".join(t.text for t in child.subtree)
        if child.dep_ == "prep" and _perfect(head):
            period = recent_period(child)
            if period is not None:  # "have kidnapped hundreds in recent months"
                return True, period
        words = {t.lemma_.lower() for t in child.subtree}
        if (
            child.dep_ in ("npadvmod", "advmod")
            and "ago" in words
            and not _LONG_AGO_UNITS.isdisjoint(words)
        ):  # "two years ago", "over a year ago"
            return True, " ".join(t.text for t in child.subtree)
    if (
        head.pos_ in _NOUN_POS
        and (head.dep_ == "nsubj" or _carried_out(head))
        and head.head.i != head.i
        and _perfect(head.head)
    ):
        # "clashes ... have killed more than 250 people since May 2023": the clashes are the
        # running conflict the verb's span covers; so are the attacks a group "has carried out in
        # the capital for more than 15 years"
        verb_background, verb_cue = background_of(head.head)
        if verb_background:
            return True, verb_cue
    if head.head.lemma_.lower() in _RECALL_VERBS and head.head.i != head.i:
        return True, head.head.text
    if (
        head.dep_ in ("relcl", "acl")
        and head.head.i != head.i
        and head.head.pos_ in _NOUN_POS
        and _names_an_event(head.head)  # not "a former peace signatory, killed in Tibu"
    ):
        noun_background, noun_cue = background_of(head.head)  # "the 1990s war that killed ..."
        if noun_background:
            return True, noun_cue
    for child in head.children:
        if child.dep_ == "aux" and child.lower_ == "had" and head.tag_ == "VBN":
            return False, "had"
    return False, None


#: Units of a span so long that an act done for it is a standing pattern, not the day's news
#: ("has fought for years"; but "jailed a student for two years" is the sentence's length).
_LONG_SPANS = frozenset({"year", "decade", "generation", "century"})


def _perfect(verb: Token) -> bool:
    """Whether a verb of a lasting activity (fighting, attacking, protesting, carrying out
    operations; not jailing or banning, whose span is a penalty's) is in a perfect tense: "has
    fought", "have been fighting", "has carried out attacks"."""
    entries = lexicon().single.get(_lemma(verb), ())
    lasting = any(e.type in _LASTING_TYPES for e in entries) or _lemma(verb) in _OPERATION_VERBS
    return (
        verb.pos_ in _VERB_POS
        and lasting
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


_LASTING_TYPES = frozenset({"FIGHT", "ASSAULT", "PROTEST", "MOBILIZE"})


def _names_an_event(noun: Token) -> bool:
    """Whether a noun is an event's ("the war", "a massacre"), not a person's or a thing's."""
    lemma = _lemma(noun)
    return lemma in lexicon().single or lemma in _context_words().get("conflict", frozenset())


@functools.cache
def _context_words() -> dict[str, frozenset[str]]:
    """event_context.tsv's words by kind: conflict, happening, habitual, trend, series, bearer."""
    return _words_by_kind("event_context.tsv", "word")


#: Nouns that a bare event noun after "of" classifies: "prisoners of war" names people, it reports
#: no war ("veterans of the war" keeps it: the determiner names a war).
_CLASSED_BY_OF = frozenset(["prisoner", "veteran"])


def _context(kind: str) -> frozenset[str]:
    return _context_words().get(kind, frozenset())


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}
_DEFINITE = {"the", "this", "that"}


def named_conflict(head: Token) -> str | None:
    """The cue when the word names a conflict as a whole ("the Ukraine war has fueled rumors",
    "linked the clashes to Russia's invasion of Ukraine", "a flare-up in the decades-old conflict"):
    the setting the article refers to, not an act of its own time. A named conflict that is the
    argument of an event verb or of a verb of its course ("the war killed 200", "the invasion began")
    stays news."""
    if head.pos_ != "NOUN" or _lemma(head) not in _context("conflict"):
        return None
    named = any(
        child.dep_ == "poss"
        or (child.dep_ in ("compound", "amod") and (child.ent_type_ or child.pos_ == "PROPN"))
        or (child.dep_ == "det" and child.lower_ in _DEFINITE)
        for child in head.children
    )
    if not named:
        return None
    if head.dep_ in _ARGUMENT_DEPS:
        governor = head.head
    elif head.dep_ == "pobj" and head.head.dep_ == "prep":
        governor = head.head.head
    else:
        return None
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in governor.children):
        return f"since {head.text}"  # "since the war began": the start of what runs till now
    if governor.pos_ in _VERB_POS and (
        _lemma(governor) in lexicon().single
        or _lemma(governor) in _context("happening")
        or _lemma(governor) in _OPERATION_VERBS  # "Israel mounted its invasion": carried out now
    ):
        return None
    return f"named conflict: {head.text}"


#: Units of time that "each" or "every" makes a recurrence of: "kill hundreds each year".
_RECURRING_UNITS = frozenset({"day", "night", "week", "weekend", "month", "year", "season"})
_EVERY = frozenset({"each", "every"})


def _habitual(head: Token) -> str | None:
    """ "Fighting periodically breaks out", "raids and attacks kill hundreds each year": an adverb
    of recurrence, or "each" or "every" with a unit of time, on the event or its verb."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "raids and revenge attacks kill ...": as the first of the list
    scopes = [head] if first is head else [head, first]
    if first.dep_ in _ARGUMENT_DEPS and first.head.i != first.i:
        scopes.append(first.head)
    for token in scopes:
        for child in token.children:
            if child.dep_ == "advmod" and _lemma(child) in _context("habitual"):
                return f"habitual: {child.text}"
            if child.dep_ == "npadvmod" and _lemma(child) in _RECURRING_UNITS:
                every = [d for d in child.children if d.dep_ == "det" and d.lower_ in _EVERY]
                if every:
                    return f"habitual: {every[0].text} {child.text}"
    return None


#: Verbs whose simple present with an infinitive tells a pattern: "groups continue to raid villages".
_GOING_ON = frozenset({"continue", "keep"})


def _going_on(head: Token) -> str | None:
    """ "Small groups continue to raid villages": an undated simple present of going on says what
    keeps happening, not what happened that day. "Continued to shell the city on Monday" is news."""
    governor = head.head
    if head.dep_ != "xcomp" or governor.i == head.i or _lemma(governor) not in _GOING_ON:
        return None
    if governor.tag_ not in ("VBZ", "VBP") or any(c.dep_ == "aux" for c in governor.children):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") for t in governor.subtree):
        return None
    return f"habitual: {governor.text}"


def _trend(head: Token) -> str | None:
    """ "Truce violations decreased", "ceasefire violations are common": a rate or prevalence of
    events in general (a plural event noun with no determiner, number or possessor), undated."""
    if head.tag_ != "NNS" or head.dep_ != "nsubj" or head.head.i == head.i:
        return None
    if any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
        return None
    predicate = head.head
    words = [predicate] + [c for c in predicate.children if c.dep_ in ("acomp", "attr")]
    cue = next((w for w in words if _lemma(w) in _context("trend")), None)
    if cue is None:
        return None
    dated = any(
        t.ent_type_ in ("DATE", "TIME")
        for c in predicate.children
        if c.i != head.i
        for t in c.subtree
    )
    return None if dated else f"trend: {cue.text}"


def _in_series(head: Token) -> str | None:
    """ "the latest in a series of shootouts": the events counted are the earlier ones."""
    if head.tag_ != "NNS" or head.dep_ != "pobj" or head.head.lower_ != "of":
        return None
    series = head.head.head
    if _lemma(series) not in _context("series") or series.dep_ != "pobj":
        return None
    within = series.head
    if within.lower_ != "in" or within.head.pos_ in _VERB_POS:
        return None  # "killed in a wave of attacks" is news
    return f"series: {within.head.text} in a {series.text}"


def _describing_present(head: Token) -> str | None:
    """ "a vigilante group that fights the insurgents": a relative clause in the simple present,
    undated, says what a party does in general, not what it did that day."""
    if head.dep_ != "relcl" or head.tag_ not in ("VBZ", "VBP") or head.head.pos_ not in _NOUN_POS:
        return None
    if head.lemma_ in DENIAL_VERBS:
        return None  # "a charge the Taliban government denies": an answer given now
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") for t in head.subtree):
        return None
    return f"what {head.head.text} does: {head.text}"


#: Words that limit what a party says it strikes to one kind: "it only targets fighters".
_ONLY = frozenset({"only", "solely", "exclusively"})


def _stated_policy(head: Token) -> str | None:
    """ "The government has said it only targets Fano fighters", "the army says it targets only
    militants": an undated simple present under a reporting verb, limited by "only" or reported in
    the perfect, is a stance on what a party does, not an act of the day. A headline's "Israel
    says it strikes Hezbollah sites" stays news."""
    reporter = head.head
    if head.dep_ != "ccomp" or head.tag_ not in ("VBZ", "VBP") or reporter.i == head.i:
        return None
    if reporter.lemma_ not in REPORTING_VERBS or any(c.dep_ == "aux" for c in head.children):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") for t in head.subtree):
        return None
    limited = any(t.lower_ in _ONLY for t in head.subtree)
    perfect = reporter.tag_ == "VBN" and any(c.lemma_ == "have" for c in reporter.children)
    return f"stated policy: {head.text}" if limited or perfect else None


def _compared_with(head: Token) -> str | None:
    """ "The attack is the deadliest since May, when militants killed 30 soldiers": the act told
    of the time another is measured against is that earlier act, not the sentence's news."""
    if head.dep_ != "relcl" or not any(c.lower_ == "when" for c in head.children):
        return None
    time = head.head
    if time.ent_type_ != "DATE" or time.dep_ != "pobj" or time.head.lower_ != "since":
        return None
    return f"compared with: since {time.text}, when {head.text}"


def context_of(head: Token) -> str | None:
    """Why an event word is context rather than news of the article's own time, or None: a
    conflict named as a whole, a habitual or generic statement, earlier events of a series."""
    return (
        named_conflict(head)
        or _habitual(head)
        or _going_on(head)
        or _describing_present(head)
        or _stated_policy(head)
        or _trend(head)
        or _in_series(head)
        or _avenged(head)
        or _compared_with(head)
    )


#: Nouns of answering an earlier act: what they answer ("retaliation for the attack") is that act.
_ANSWERS = frozenset({"retaliation", "revenge", "reprisal", "response", "reply", "answer"})
#: Verbs of answering an earlier act ("to avenge the killing").
_AVENGING = frozenset({"avenge", "retaliate"})


def _avenged(head: Token) -> str | None:
    """The cue when an event noun is the earlier act another one answers: "struck nine sites in
    what it said was retaliation for the April 22 attack", "to avenge the killing of a commander".
    That act is not the sentence's news, and never merges with the act that answers it."""
    if head.pos_ not in _NOUN_POS or head.head.i == head.i:
        return None
    governor = head.head
    if head.dep_ == "dobj" and _lemma(governor) in _AVENGING:
        return f"{governor.text} {head.text}"
    if head.dep_ != "pobj" or governor.lower_ not in ("for", "to", "against"):
        return None
    answer = governor.head
    if _lemma(answer) in _ANSWERS or (_lemma(answer) in _AVENGING and governor.lower_ == "for"):
        return f"{answer.text} {governor.text} {head.text}"
    return None


#: Dependencies that open an embedded clause: an event inside one is rarely the sentence's news.
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}


def clause_depth(token: Token) -> int:
    """How many embedded clauses lie between the token and its sentence's main clause."""
    depth = 0
    steps = 0
    while token.head.i != token.i and steps < 30:
        if token.dep_ in _CLAUSE_DEPS:
            depth += 1
        token = token.head
        steps += 1
    return depth


#: Prepositions and subordinators that make their object or clause the occasion of another act.
_OCCASION_WORDS = frozenset({"after", "following", "amid", "despite", "since"})


def is_aside(token: Token) -> bool:
    """Whether the token lies in a relative clause or in the occasion of another act ("after the
    clashes", "after troops had withdrawn"), not in what its sentence reports."""
    steps = 0
    while token.head.i != token.i and steps < 30:
        if token.dep_ == "relcl":
            return True
        if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in _OCCASION_WORDS:
            return True
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _OCCASION_WORDS for c in token.children
        ):
            return True
        token = token.head
        steps += 1
    return False


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 10:
        token = token.head
        depth += 1
    return depth


def _confidence(
    weight: float, head: Token, agent: Token | None, target: Token | None, background: bool
) -> float:
    score = weight * (1.0 - 0.05 * min(_depth(head), 4))
    if head.pos_ in _VERB_POS and head.dep_ in _SUBORDINATE_DEPS:
        score *= 0.8  # "demonstrated ... demanding reforms": the purpose or manner, not the act
    if head.pos_ in _VERB_POS and head.dep_ in _MODIFIER_DEPS and head.head.pos_ in _NOUN_POS:
        score *= 0.85  # "a member ... jailed last year": describes a participant, not the news
    if head.dep_ == "compound" and head.head.pos_ in _NOUN_POS:
        score *= 0.6  # "assistance treaty", "ceasefire regime": a modifier, rarely the event itself
    score += 0.05 * (agent is not None) + 0.05 * (target is not None)
    if background:
        score *= 0.9
    return round(max(0.0, min(1.0, score)), 3)


# --- assembling one sentence's events -------------------------------------------------------------


def _mode_with_weapons(entry: _Entry, weapons: Sequence[tuple[Token, str, str]]) -> str | None:
    if entry.type not in _VIOLENT or not weapons:
        return entry.mode
    if entry.mode in (None, "kill"):
        return weapons[0][2]
    if entry.mode == "firearms":  # "fired two missiles", "opened fire with mortars"
        heavy = [w[2] for w in weapons if w[2] in _MILITARY_MODES]
        return heavy[0] if heavy else entry.mode
    return entry.mode


#: Modes of the weapons that air defences shoot down or intercept: projectiles, not aircraft.
_PROJECTILE_MODES = frozenset({"missile", "drone"})
#: Verbs (with their particle) of destroying a projectile in flight.
_INTERCEPTING = frozenset({("shoot", "down"), ("intercept", ""), ("down", ""), ("destroy", "")})


def _intercepted(
    verb: Token, weapons: Sequence[tuple[Token, str, str]]
) -> list[tuple[Token, str, str]]:
    """The projectiles a verb of interception destroyed ("shot down 30 of the 38 missiles",
    "intercepted 12 drones"): no shooting of people, but the evidence of the launcher's strike."""
    if verb.pos_ not in _VERB_POS:
        return []
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    particle = "down" if "down" in particles else ""  # the parser may take it for an adverb
    if (_lemma(verb), particle) not in _INTERCEPTING:
        return []
    hit: list[tuple[Token, str, str]] = []
    for obj in _children(verb, ("dobj", "nsubjpass")):
        counted = _counted(obj)  # "30 of the 38 missiles"
        phrase = {t.i for t in (obj, *obj.conjuncts, *_np_tokens(obj))}
        if counted is not None:
            phrase |= {t.i for t in (counted, *counted.conjuncts, *_np_tokens(counted))}
        hit += [w for w in weapons if w[0].i in phrase and w[2] in _PROJECTILE_MODES]
    return hit


def _launcher(projectile: Token) -> Token | None:
    """Who launched an intercepted projectile: "Ukrainian drones", "rockets fired by Hezbollah"."""
    noun = projectile
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    fired = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    by = [t for verb in fired for t in _prep_objects(verb, ("by",))]
    # "the 85 drones Russia launched", "missiles that Iran fired": the relative clause's subject
    launched = [c for c in noun.children if c.dep_ == "relcl" and c.pos_ in _VERB_POS]
    subjects = [t for verb in launched for t in _children(verb, ("nsubj",)) if t.tag_ != "WDT"]
    subjects += _misparsed_launcher(noun)
    return _actor_modifier(noun) or _first_actor(by) or _first_actor(subjects)


#: Verbs of sending projectiles off.
_LAUNCHING_VERBS = frozenset({"launch", "fire", "send"})


def _misparsed_launcher(noun: Token) -> list[Token]:
    """ "the 62 drones Russia launched overnight": the parser may take the launcher for an
    apposition of the projectiles and the verb for a clause of the sentence's own; the name right
    after the noun, followed by a verb of launching with no subject, is who launched them."""
    doc = noun.doc
    for name in noun.children:
        after = name.i + 1
        if name.dep_ != "appos" or name.i != noun.i + 1 or after >= len(doc):
            continue
        verb = doc[after]
        if verb.lemma_.lower() in _LAUNCHING_VERBS and not _children(verb, ("nsubj",)):
            return [name]
    return []


#: Restrictions whose easing PLOVER files under RETREAT, not CONCEDE (CAMEO2PLOVER 2021: 0872 ease
#: military blockade, 0813 ease curfew, 0814 ease state of emergency or martial law, 085 ease economic
#: sanctions, boycott, embargo); easing other administrative restrictions (a ban) stays CONCEDE (081).
_RETREAT_WHEN_EASED = frozenset({"blockade", "curfew", "martial-law", "state-of-emergency"})


def _removed_involvement(entry: _Entry, head: Token) -> _Entry:
    """Withdrawing or expelling a party's diplomats, observers, peacekeepers or aid workers reduces
    relations (CAMEO 166, SANCTION), unlike withdrawing troops (RETREAT); expelling other people
    coerces them (CAMEO 174, COERCE). The words are event_objects.tsv's involvement."""
    if entry.type not in ("RETREAT", "SANCTION") or (entry.type == "SANCTION") != (
        entry.mode == "expel"
    ):
        return entry
    if head.pos_ in _VERB_POS:
        objects = _children(head, ("dobj", "nsubjpass"))
    else:  # "the withdrawal of peacekeepers"
        objects = _prep_objects(head, ("of",))
    if not objects:
        return entry
    words = _objects_of("involvement")
    involved = any(
        _lemma(t) in words
        for obj in objects
        for t in (obj, *obj.conjuncts, *obj.children)
        if t.i == obj.i or t.dep_ in ("compound", "amod", "conj")
    )
    if entry.type == "RETREAT":
        return dataclasses.replace(entry, type="SANCTION", mode="withdraw") if involved else entry
    if involved or head.pos_ not in _VERB_POS or not _children(head, ("dobj",)):
        # a passive "had been expelled from the rjd": whose act, and from what, is unsaid
        return entry
    if _expelled_members(head, objects):
        return entry
    return dataclasses.replace(entry, type="COERCE", mode="deport")


#: Bodies one is expelled from as a member, not deported from: "expelled from the party".
_MEMBERSHIPS = frozenset(
    {"party", "organisation", "organization", "group", "union", "association", "movement",
     "committee", "council", "league", "club", "school", "university", "college", "member"}
)  # fmt: skip


def _expelled_members(head: Token, objects: Sequence[Token]) -> bool:
    """Whether an expulsion ends a membership ("expelled from the party", "from the RJD",
    "expelled members", "the party expelled him"), not a stay in a country."""
    bodies = _prep_objects(head, ("from",)) + _children(head, ("nsubj",))
    if any(t.ent_type_ == "ORG" for t in bodies):
        return True
    return any(_lemma(t) in _MEMBERSHIPS for t in (*bodies, *objects))


#: Verbs that make a protest noun an official complaint: "lodged a protest with Albania" (CAMEO 114
#: complain officially, PLOVER ACCUSE), not a demonstration.
_COMPLAINT_VERBS = frozenset({"lodge", "file", "register", "deliver", "send", "submit"})


def _complaint(entry: _Entry, head: Token) -> _Entry:
    """A protest lodged or voiced to a summoned envoy ("summoned the ambassador to protest") is an
    official complaint (CAMEO 114, ACCUSE)."""
    if entry.type != "PROTEST":
        return entry
    lodged = (
        head.pos_ in _NOUN_POS and head.dep_ == "dobj" and _lemma(head.head) in _COMPLAINT_VERBS
    )
    if lodged or (head.pos_ in _VERB_POS and _summoned_for(head)):
        return dataclasses.replace(entry, type="ACCUSE", mode=None)
    return entry


def _lifts_restriction(verb: Token) -> bool:
    """Whether a reversal verb ("lift", "ease") has a restriction as its object ("lifted the
    curfew"), whose own event _reversed turns into the concession or de-escalation."""
    lex = lexicon()
    if verb.pos_ not in _VERB_POS or _lemma(verb) not in lex.reversal:
        return False
    for obj in _children(verb, ("dobj", "nsubjpass")):
        entries = list(lex.single.get(_lemma(obj), ()))
        doc = obj.doc
        for entry in lex.multi_by_first.get(_lemma(obj), ()):  # "a state of emergency"
            words = doc[obj.i : obj.i + len(entry.words)]
            if len(words) == len(entry.words) and all(
                w in (_lemma(t), t.lower_) for w, t in zip(entry.words, words, strict=True)
            ):
                entries.append(entry)
        if any(e.type in ("COERCE", "SANCTION") for e in entries):
            return True
    return False


def _reversed(entry: _Entry, head: Token) -> _Entry:
    """A restriction that is lifted, eased or ended is a concession or a de-escalation, not
    coercion."""
    if entry.type not in ("COERCE", "SANCTION") or head.dep_ not in ("dobj", "nsubjpass"):
        return entry
    if _lemma(head.head) in lexicon().reversal:
        eased = entry.type == "SANCTION" or entry.mode in _RETREAT_WHEN_EASED
        return dataclasses.replace(entry, type="RETREAT" if eased else "CONCEDE", mode=None)
    return entry


#: Entity labels of a place a force can hold: a named place or a site ("the airport").
_HELD_PLACE_LABELS = _PLACE_LABELS | {"FAC"}


#: Words for a share of what follows "of": "parts of the city", "much of the north".
_PARTS = frozenset(
    {"part", "much", "most", "half", "section", "portion", "swathe", "swath", "chunk", "area"}
)


def _ground_taken(entry: _Entry, head: Token, places: Sequence[tuple[int, int]] = ()) -> _Entry:
    """Seizing a town or a base is taking ground, as capturing it is (FIGHT): "M23 rebels seized
    the town of Sake", "seized Goma", "Goma and Bukavu, which they seized". Seizing goods, weapons
    or ships stays COERCE. `places` are the character spans (in the sentence's Doc) of names the
    geocoder reads as places, which the tagger may take for people ("Goma")."""
    if not _seizing(entry, head):
        return entry
    taken = _children(head, ("dobj", "nsubjpass"))
    if head.dep_ == "relcl" and any(t.tag_ == "WDT" for t in taken):
        taken = [head.head]  # "Goma and Bukavu, which they seized": what "which" stands for
    taken += [c for t in taken for c in t.conjuncts]
    # "seized parts of Bahir Dar", "much of the town": the ground is what the part is of
    taken += [
        o
        for t in taken
        if _lemma(t) in _PARTS
        for p in t.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    if any(
        _lemma(t) in _objects_of("territory")
        or t.ent_type_ in _HELD_PLACE_LABELS
        or any(start <= t.idx < end for start, end in places)
        for t in taken
    ):
        return dataclasses.replace(entry, type="FIGHT", mode=None)
    return entry


def _seizing(entry: _Entry, head: Token) -> bool:
    """Whether a verb seizes something (COERCE seize), whose object then decides the event."""
    return entry.type == "COERCE" and entry.mode == "seize" and head.pos_ in _VERB_POS


def _people_seized(entry: _Entry, head: Token) -> _Entry:
    """Seizing people is taking them: an abduction ("gunmen seized 25 worshippers", ACLED
    abduction/forced disappearance), or an arrest when state forces seize them ("troops seized 12
    suspects"). Seizing goods or ground is coded before this."""
    if not _seizing(entry, head):
        return entry
    objects = _children(head, ("dobj", "nsubjpass"))
    if any(o.pos_ == "PROPN" for o in objects) or not harms_people(head):
        return entry  # "seized Goma": a name the tagger calls a person may be a town
    subject = clause_subject(head)
    if subject is not None and side_of(subject) == "state":
        return dataclasses.replace(entry, mode="arrest")
    return dataclasses.replace(entry, type="ASSAULT", mode="abduct")


#: What a reporter asks for: "a request for comment", "calls seeking comment".
_PRESS_ASKS = frozenset({"comment", "interview"})
#: What those who flee look for: seeking it is flight, not a demand on anyone.
_REFUGE_SOUGHT = frozenset(
    {"refuge", "shelter", "safety", "sanctuary", "cover", "treatment", "care", "attention"}
)
#: Things one releases by making them public: the verb then frees no one.
_PUBLISHED = frozenset(
    {"report", "video", "footage", "image", "photo", "photograph", "recording", "tape", "list",
     "figure", "detail", "name", "result", "document", "data", "book", "album", "film", "version",
     "update", "budget", "plan", "text", "transcript", "audio", "toll", "tally", "count",
     "statistic"}
)  # fmt: skip


def _flight(verb: Token) -> bool:
    """Whether "seek" looks for refuge or shelter as people fleeing do ("sought refuge in Tawila"),
    not as a nationality asking a host state ("800,000 Iraqi Kurds sought refuge in Germany",
    which CAMEO codes as a request)."""
    sought = _children(verb, ("dobj", "nsubjpass"))
    medical = any(c.lower_ == "medical" for t in sought for c in t.children)
    if not medical and not any(_lemma(t) in _REFUGE_SOUGHT for t in sought):
        return False  # "sought medical help" is care, as "sought refuge" is flight
    seekers = _children(verb, ("nsubj",))
    return not any(t.ent_type_ == "NORP" for s in seekers for t in s.subtree)


def _releases_text(verb: Token) -> bool:
    """Whether "release" has a text, recording or figure as its object ("released a communique",
    "released the video"), not prisoners."""
    return any(
        _lemma(obj) in _TEXT_NOUNS or _lemma(obj) in _PUBLISHED
        for obj in _children(verb, ("dobj", "nsubjpass"))
    )


def _coordinated(token: Token) -> list[Token]:
    """Later conjuncts of an actor, and the list the parser hangs as an apposition: 'The US, Russia,
    and Switzerland met' (Russia an appositive of US, Switzerland its conjunct)."""
    found = [c for c in token.conjuncts if c.i > token.i]
    if token.ent_type_ in _ACTOR_LABELS:
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == token.ent_type_:
                found.extend([child, *(c for c in child.conjuncts if c.i > child.i)])
    return sorted(dict.fromkeys(found), key=lambda t: t.i)


def _conjunct_args(token: Token | None, offset: int) -> tuple[ArgSpan, ...]:
    if token is None:
        return ()
    return tuple(_arg(c, offset) for c in _coordinated(token))


#: Holds on a place that last for weeks: "the besieged city", "the encircled town".
_STANDING_HOLDS = frozenset({"besiege", "encircle", "blockade", "surround"})


def _build(
    entry: _Entry,
    start: int,
    end: int,
    head: Token,
    weapons: Sequence[tuple[Token, str, str]],
    offset: int,
    places: Sequence[tuple[int, int]] = (),  # in the Doc's own character offsets
) -> EventTrigger | None:
    doc = head.doc
    entry = _complaint(_removed_involvement(_reversed(entry, head), head), head)
    entry = _people_seized(_ground_taken(entry, head, places), head)
    standing = entry.type == "SANCTION" or entry.mode == "ban" or _lemma(head) in _STANDING_HOLDS
    if standing and head.dep_ == "amod" and head.tag_ == "VBN":
        # "the banned Baloch Liberation Army", "the besieged city of El Fasher": a standing
        # status, no act of the day ("the arrested persons" were arrested, and stay an arrest)
        return None
    if (
        entry.pos == "VW"
        and not _weapon_object(head, {w[0].i for w in weapons})
        and not _site_struck(head)
    ):
        return None
    if entry.type in _VIOLENT and _sport_sense(head):
        return None  # "killed off the game", "shot the ball into the net"
    if entry.type in _VIOLENT and _figurative_doer(head):
        return None  # "tensions exploded", "the flood killed 40 people"
    if entry.type == "CONSULT" and _under_attack(head):
        return None  # "struck a meeting of commanders": the meeting is the target, no talks
    if entry.type == "AGREE" and head.pos_ in _NOUN_POS and _truce_broken(head):
        return None  # "violated the ceasefire": the breach is the event
    if entry.mode == "meet" and _is_passive(head) and _prep_objects(head, ("with",)):
        return None  # "would be met with a strong response": answered, no meeting
    if _lemma(head) == "sign" and _signs_no_accord(head):
        return None  # "graffiti signed with the group's initials": no accord signed
    if _lemma(head) == "welcome" and not _children(head, ("dobj", "nsubjpass")):
        return None  # "Welcome to our live coverage": a greeting, no backing of anyone
    if entry.type == "REQUEST" and _asks_anonymity(head):
        return None  # "a resident, who asked not to be named": the reporter's, no event
    if entry.type == "SUPPORT" and head.pos_ in _NOUN_POS and _fire_support(head):
        return None  # "air support was called in": fire support, not political backing
    if entry.type == "MOBILIZE" and head.pos_ in _NOUN_POS and _attacked(head):
        return None  # "militants ambushed a patrol": the patrol is the target
    if (
        entry.type not in _VIOLENT
        and head.pos_ in _NOUN_POS
        and head.tag_ in ("NN", "NNP")
        and head.dep_ == "compound"
        and _attacked(head.head)
    ):
        return None  # "gunmen attacked an aid convoy": the convoy is the target, no aid given
    if _describes_event_noun(head):
        return None  # "its long-threatened invasion": the noun is the event, not a threat
    if (
        head.dep_ == "compound"
        and head.head.i == head.i + 1
        and _lemma(head.head) in _context("bearer")
    ):
        return None  # "aid workers", "attack helicopters": a kind of people or things
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and _lemma(head.head.head) in _CLASSED_BY_OF
        and not any(t.dep_ in ("det", "poss") for t in head.children)
    ):
        return None  # "prisoners of war", "veterans of conflict": a kind of people
    downed = _intercepted(head, weapons) if entry.type in _VIOLENT else []
    if downed:
        # "shot down 20 drones": the launcher's strike, aimed at the side that intercepted it
        entry = dataclasses.replace(entry, type="ASSAULT", mode=downed[0][2])
        weapons = downed
    weapons = [w for w in weapons if w in downed or not is_struck(w[0], head)]
    if head.pos_ in _VERB_POS and marks_plan(head):
        return None  # "seeking to mend ties": the infinitive is the event, planned
    if entry.mode == "release" and head.pos_ in _VERB_POS and _releases_text(head):
        return None  # "released a communique": a text made public, not people set free
    if entry.type == "CONCEDE" and _lifts_restriction(head):
        return None  # "lifted the blockade": the restriction's noun carries the event (_reversed)
    if entry.type == "REQUEST" and any(
        _lemma(t) in _PRESS_ASKS for t in _prep_objects(head, ("for",)) + _children(head, ("dobj",))
    ):
        return None  # "did not answer calls seeking comment": the reporter's, no event
    if entry.type == "REQUEST" and (_flight(head) or _asks_whether(head)):
        return None  # "people have sought refuge in Tawila": they fled, they asked no one
    if entry.type == "SUPPORT" and _backed_by_force(head):
        return None  # "an offensive supported by air strikes": fire support, not political backing
    anchor = head  # the token whose place in the sentence ranks the event
    if entry.pos == "M":
        # a demand made by reporting another's duty: the speaker asks it of the clause's subject
        anchor = _obliging_speech(head) or head
        agent = _verb_agent(anchor)
        target = _actor(_children(head.head, ("nsubj", "nsubjpass"))[0])
    elif entry.pos == "VR":
        # aid received: the giver acts, the receiver (the verb's subject) is its target
        agent, target = _actor(_received_from(head)), _verb_agent(head)
    elif downed:
        agent, target = _launcher(downed[0][0]), _verb_agent(head)
    else:
        agent, target = _arguments(head, entry.type)
    if target is not None and start <= target.i < end:
        # "took control of the village": the trigger's own noun holds the target in its "of"
        # phrase; "give permission to Russia": the verb's other object
        datives = _children(head, ("dative",))
        target = _first_actor(
            _prep_objects(target, ("of", "over"))
            + [obj for dative in datives for obj in _children(dative, ("pobj",))]
            + _prep_objects(head, _TARGET_PREPS)
        )
    entry = _crowd_violence(entry, agent, target, _mode_with_weapons(entry, weapons))
    if _is_reciprocal(target):
        target = None
    elif target is not None and target.lower_ in _REFLEXIVE:
        target = agent  # "Iraq had attacked itself"
    if entry.weight < WEAK_WEIGHT and not _named(target):
        return None
    co_agents = _conjunct_args(agent, offset)
    co_targets = _conjunct_args(target, offset)
    if entry.type == "FIGHT" and target is None and co_agents:
        target_arg: ArgSpan | None = co_agents[0]  # "A and B clashed": a fight has two sides
        co_agents = co_agents[1:]
    else:
        target_arg = _arg(target, offset, range(start, end)) if target is not None else None
    background, background_cue = background_of(head)
    context_cue = context_of(head)
    if context_cue is None and head.dep_ == "compound" and head.head.pos_ in _NOUN_POS:
        # "the 1994 ceasefire agreement": a modifier shares its noun's time
        noun_background, noun_cue = background_of(head.head)
        context_cue = noun_cue if noun_background else context_of(head.head)
    if context_cue is None and entry.type == "SUPPORT" and _describes_a_party(head):
        context_cue = head.text  # "M23 rebels backed by Rwanda": who backs whom, no act of the day
    if context_cue is not None and not background:
        background, background_cue = True, context_cue
    if entry.type == "AGREE" and not background and _recalled_agreement(head):
        background, background_cue = True, head.text
    # "struck hours before the truce began": the truce dates the strike, it is no new agreement
    agreement_noun = entry.type == "AGREE" and head.pos_ in _NOUN_POS and not background
    if agreement_noun and only_dates(head, is_agreement_verb=_agrees):
        return None
    is_context = context_cue is not None
    scope = None
    if named_conflict(head) is not None:
        phrase = doc[head.left_edge.i : head.right_edge.i + 1]
        scope = (offset + phrase.start_char, offset + phrase.end_char)
    mode = _mode_with_weapons(entry, weapons)
    acled_event, acled_sub = acled_types(entry.type, mode)
    modality, modality_cue = modality_of(head)
    span = doc[start:end]
    trigger_start = offset + span.start_char
    return EventTrigger(
        type=entry.type,
        mode=mode,
        acled_event_type=acled_event,
        acled_sub_event_type=acled_sub,
        trigger_start=trigger_start,
        trigger_end=trigger_start + len(span.text),
        trigger=span.text,
        agent=_arg(agent, offset) if agent is not None else None,
        target=target_arg,
        co_agents=co_agents,
        co_targets=co_targets,
        weapons=tuple(dict.fromkeys(w[1] for w in weapons)) if entry.type in _VIOLENT else (),
        modality=modality,
        modality_cue=modality_cue,
        background=background,
        background_cue=background_cue,
        scope=scope,
        context=is_context,
        confidence=_confidence(entry.weight, anchor, agent, target, background),
        clause_depth=clause_depth(anchor),
        aside=is_aside(anchor),
        time_offset=time_offset(anchor, offset),
    )


def _describes_a_party(verb: Token) -> bool:
    """Whether a verb only describes a party named by its noun: "M23 rebels backed by Rwanda",
    "Houthi rebels, who are supported by Iran" (a participle or a passive relative clause)."""
    if verb.pos_ not in _VERB_POS or verb.head.i == verb.i or verb.head.pos_ not in _NOUN_POS:
        return False
    if verb.dep_ == "acl":
        return verb.tag_ == "VBN"
    return verb.dep_ == "relcl" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


#: What a thing is signed with when it is marked, not agreed: "signed with the initials".
_SIGNING_MARKS = frozenset(
    {"initial", "name", "signature", "pen", "blood", "mark", "logo", "symbol"}
)


def _signs_no_accord(verb: Token) -> bool:
    """Whether "sign" marks a thing rather than makes an accord: a participle on a noun that names
    no agreement ("a letter signed by 50 MPs"), or a thing signed with a mark."""
    if verb.dep_ == "acl" and not _is_agreement_noun(verb.head):
        return True
    marks = _prep_objects(verb, ("with",))
    return any(_lemma(m) in _SIGNING_MARKS for m in marks) and not _children(verb, ("dobj",))


def _is_agreement_noun(token: Token) -> bool:
    return token.pos_ in _NOUN_POS and any(
        e.type == "AGREE" for e in lexicon().single.get(_lemma(token), ())
    )


def _recalled_agreement(head: Token) -> bool:
    """An agreement made before, named only as the party of another predicate: "the ceasefire
    agreed during talks in Doha collapsed", "violated the truce brokered by Qatar". The predicate
    is the news; the agreement is recalled, unless the predicate puts it into force ("a ceasefire
    agreed on Sunday took effect on Monday")."""
    participle: Token | None = None
    noun: Token | None = None
    predicate: Token | None = None
    if head.pos_ in _VERB_POS and head.tag_ in _PAST_TAGS:  # the parser may tag it VBD
        subjects = _children(head, ("nsubj",))
        if head.dep_ == "acl" and _is_agreement_noun(head.head):
            participle, noun = head, head.head
        elif subjects and _is_agreement_noun(subjects[0]) and not _children(head, ("aux",)):
            # "the ceasefire agreed in Doha last year collapsed": the parser made the participle
            # the main verb and the real predicate its subordinate
            participle, noun = head, subjects[0]
            later = [c for c in head.children if c.dep_ in ("advcl", "conj") and c.i > head.i]
            predicate = next((c for c in later if c.pos_ in _VERB_POS and not _agrees(c)), None)
            if predicate is None:
                return False
    elif _is_agreement_noun(head):
        described = [c for c in head.children if c.dep_ == "acl" and c.tag_ in _PAST_TAGS]
        participle = next((c for c in described if _agrees(c)), None)
        noun = head
    if participle is None or noun is None:
        return False
    if predicate is None:
        predicate = noun.head
        if noun.dep_ == "pobj" and predicate.lower_ in _RECALLING_PREPS:
            return True  # "killed nine, despite a truce brokered by the United States"
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or predicate.pos_ not in _VERB_POS:
            return False
        if _agrees(predicate) or predicate.i == participle.i:
            return False
    return _lemma(predicate) not in _TAKING_EFFECT


_PAST_TAGS = frozenset({"VBN", "VBD"})
#: Prepositions that set an event against an agreement already made.
_RECALLING_PREPS = frozenset({"despite", "notwithstanding", "under"})
#: Predicates of an agreement's entry into force: "a ceasefire agreed on Sunday took effect".
_TAKING_EFFECT = frozenset({"take", "come", "enter", "begin", "start"})


def _describes_event_noun(head: Token) -> bool:
    """A participle used as an adjective on an event noun ("the long-threatened invasion", "the
    agreed ceasefire", "a planned attack"): it describes that event, which the noun reports."""
    noun = head.head
    return (
        head.dep_ == "amod"
        and head.tag_ == "VBN"
        and noun.i != head.i
        and noun.pos_ in _NOUN_POS
        and _lemma(noun) in lexicon().single
    )


def _is_crowd(token: Token | None) -> bool:
    return token is not None and token.pos_ in _NOUN_POS and _lemma(token) in _PARTICIPANTS


def _crowd_demonstrates(verb: Token) -> bool:
    """Whether the subject of a demonstrating verb (march, gather, chant) is a crowd of protesters,
    or any crowd counted ("thousands of people", "a crowd") doing what only protesters do."""
    subject = clause_subject(verb)
    members = _crowd_of(subject)
    if _is_crowd(members):
        return True
    counted = subject is not None and _lemma(subject) in CROWD_COUNTS
    return counted and _lemma(verb) in CROWD_PROTEST_VERBS


def _crowd_of(subject: Token | None) -> Token | None:
    """The people a subject names: "protesters" in "thousands of protesters", else the subject."""
    if subject is None or _lemma(subject) not in CROWD_COUNTS:
        return subject
    members = [
        pobj
        for prep in subject.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return members[0] if members else subject


#: Modes of military weapons: whoever fires missiles or shells uses military force (CAMEO 19).
_MILITARY_MODES = frozenset({"artillery", "missile", "air", "drone", "explosives", "suicide-bomb"})


def _crowd_violence(
    entry: _Entry, agent: Token | None, target: Token | None, mode: str | None
) -> _Entry:
    """Violence by protesters is a riot (CAMEO 145 "protest violently, riot": "demonstrators
    clashed with police", "the embassy was stormed by protesters"), unless they use military
    weapons ("demonstrators launched missiles"); security forces clashing with protesters repress
    them (CAMEO 175 "use tactics of violent repression", PLOVER COERCE), which is no battle
    between armed forces."""
    if entry.type not in _VIOLENT:
        return entry
    if mode in _MILITARY_MODES:
        return entry
    if _is_crowd(agent):
        return dataclasses.replace(entry, type="PROTEST", mode="riot")
    if entry.type == "FIGHT" and _is_crowd(target):
        return dataclasses.replace(entry, type="COERCE", mode="crowd-control")
    return entry


#: Verbs of support whose "by"/"with" phrase names a force that backs an actor ("troops backed by
#: air strikes"): that force lends support, it is not the agent of what the backed actor does.
_BACKING_VERBS = frozenset({"back", "support", "assist", "aid", "help", "accompany", "cover"})


def _in_backing_phrase(head: Token) -> bool:
    """Whether an event noun is the backing in "Somali forces backed by US air strikes"."""
    prep = head.head
    if (
        head.dep_ != "pobj"
        or prep.dep_ not in ("agent", "prep")
        or prep.lower_ not in ("by", "with")
    ):
        return False
    verb = prep.head
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and _lemma(verb) in _BACKING_VERBS


def _beside_another_actor(verb: Token) -> bool:
    """A passive act with no agent joined to a clause whose subject acts: "five civilians were
    killed and the army shot down two drones" tells the killing apart from the army's act (kept
    apart from the sentence's other events as a backing is)."""
    if verb.pos_ not in _VERB_POS or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _VERB_POS]
    if verb.dep_ == "conj" and verb.head.pos_ in _VERB_POS:
        partners.append(verb.head)
    return any(any(c.dep_ == "nsubj" for c in p.children) for p in partners)


def _merge(
    events: Sequence[EventTrigger],
    clause_actors: Mapping[int, str] | None = None,
    backing: frozenset[int] = frozenset(),
    new_parties: frozenset[int] = frozenset(),
) -> list[EventTrigger]:
    """One trigger per type and agent: the most confident, completed with the arguments the others
    found. Context and the sentence's news of the same type stay apart ("the flare-up is the latest
    in a series of shootouts"), and so do events of one type by different agents, or in clauses
    whose subjects name different kinds of actor (`clause_actors`, by trigger start), and the
    backing of an actor and what that actor does (`backing`, by trigger start: "forces backed by
    air strikes killed 30"), and events days apart ("killed 12 on Sunday, two days after militants
    ambushed a convoy")."""
    by_type: dict[tuple[str, bool, bool, tuple[int, int] | None], list[EventTrigger]] = {}
    for event in events:
        # "two days after militants ambushed": a distance in time makes another act
        distance = event.time_offset.scope if event.time_offset is not None else None
        key = (event.type, event.context, event.trigger_start in backing, distance)
        by_type.setdefault(key, []).append(event)
    merged: list[EventTrigger] = []
    for same_type in by_type.values():
        same_type.sort(key=lambda e: -e.confidence)
        groups = _by_agent(same_type, clause_actors or {}, new_parties)
        merged.extend(_merge_group(group) for group in groups)
    return sorted(merged, key=lambda e: e.trigger_start)


def _by_agent(
    events: Sequence[EventTrigger],
    clause_actors: Mapping[int, str],
    new_parties: frozenset[int] = frozenset(),
) -> list[list[EventTrigger]]:
    """Events of one type split by who acts: "the Houthis targeted a ship a day after the US
    launched strikes" reports two attacks, and so does "rebels attacked with mortars, and the army
    responded with air strikes" (two clauses, two subjects). An event with no agent joins the first
    group its clause allows."""

    def fits(group: list[EventTrigger], event: EventTrigger) -> bool:
        mine = clause_actors.get(event.trigger_start)
        theirs = {clause_actors.get(e.trigger_start) for e in group} - {None}
        if event.type != "FIGHT" and any(_opposed(e, event) for e in group):
            return False
        if event.trigger_start in new_parties and any(
            e.trigger_start in new_parties and _distinct_acts(e, event) for e in group
        ):
            return False
        return _same_agent(group[0].agent, event.agent) and (mine is None or theirs <= {mine})

    groups: list[list[EventTrigger]] = []
    for event in events:
        home = next((g for g in groups if fits(g, event)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    return groups


def _distinct_acts(first: EventTrigger, second: EventTrigger) -> bool:
    """Whether two events of one type are different acts by different parties: "bandits abducted
    287 pupils ..., and gunmen killed 12 villagers" is an abduction and an attack, as ACLED codes
    them, though neither party is named. A killing whose kind is not told (no sub-event type) is
    still another act than an abduction. Only agents that bring in a party are compared (see
    `_new_party`): in "Azerbaijani forces shelled the town and the troops attacked a checkpoint"
    the troops are those forces."""
    if first.agent is None or second.agent is None or _same_party(first.agent, second.agent):
        return False
    kinds = {e.acled_sub_event_type or acled_types(e.type, e.mode)[1] for e in (first, second)}
    return len(kinds) == 2


def _opposed(first: EventTrigger, second: EventTrigger) -> bool:
    """Whether one event's agent is the other's target: "assailants opened fire ... until police
    killed four of them", "an M23 assault ... dozens of M23 fighters were killed" report a
    side's attack and what was done to that side, two events (a fight has no such direction)."""
    return _same_party(first.agent, second.target) or _same_party(second.agent, first.target)


#: Words of a noun phrase that say how many or which, not who ("all five attackers", "Several").
_QUANTIFIERS = frozenset(
    {"the", "a", "an", "all", "several", "some", "many", "most", "dozens", "hundreds", "scores",
     "of", "other", "their", "its", "his", "her", "at", "least", "more", "than", "about"}
)  # fmt: skip


def _same_party(first: ArgSpan | None, second: ArgSpan | None) -> bool:
    """Whether two argument phrases name the same party: the same head noun ("attackers", "the
    attackers") or a shared name ("M23", "M23 fighters")."""
    if first is None or second is None:
        return False
    words = [
        [w for w in re.findall(r"[\w'’-]+", arg.text) if w.casefold() not in _QUANTIFIERS]
        for arg in (first, second)
    ]
    if not words[0] or not words[1]:
        return False
    heads = [found[-1].casefold().removesuffix("s") for found in words]
    if heads[0] == heads[1] and not words[0][-1].isdigit():
        return True
    named = [{w for w in found if w[:1].isupper() and len(w) > 1} for found in words]
    return bool(named[0] & named[1])


def _same_agent(first: ArgSpan | None, second: ArgSpan | None) -> bool:
    """Whether two agents may be one actor: only two named agents with no word in common differ
    ("the sides" or "the group" may stand for any named one)."""
    if first is None or second is None:
        return True
    words = [set(re.findall(r"\w+", a.text)) for a in (first, second)]
    named = [{w.casefold() for w in found if w[:1].isupper() and len(w) > 1} for found in words]
    return not named[0] or not named[1] or bool(named[0] & named[1])


def _merge_group(group: Sequence[EventTrigger]) -> EventTrigger:
    """The most confident event of a group, completed with the arguments the others found."""
    best = group[0]
    for other in group[1:]:
        best = dataclasses.replace(
            best,
            agent=best.agent or other.agent,
            target=best.target or other.target,
            co_agents=best.co_agents or other.co_agents,
            co_targets=best.co_targets or other.co_targets,
            mode=best.mode or other.mode,
            clause_depth=min(best.clause_depth, other.clause_depth),
            aside=best.aside and other.aside,
            background_cue=best.background_cue or other.background_cue,
            weapons=tuple(dict.fromkeys((*best.weapons, *other.weapons))),
        )
    if best.acled_event_type is None:
        acled_event, acled_sub = acled_types(best.type, best.mode)
        best = dataclasses.replace(
            best, acled_event_type=acled_event, acled_sub_event_type=acled_sub
        )
    return best


def find_events(
    sent: Doc | Span, *, offset: int, places: Sequence[tuple[int, int]] = ()
) -> list[EventTrigger]:
    """Every event the parsed sentence reports, one per type, in text order.

    `sent` is a Doc holding this sentence alone, or a sentence Span of a parsed document (no copy is
    needed); `offset` is where its Doc starts in the clean text, so the returned offsets index the
    document. `places` are the spans (in the clean text) of the place names the geocoder found. Reporting
    verbs (said, told) are not events.
    """
    if len(sent) == 0:
        return []
    words = _Words.of(sent)
    weapons = _weapons(words)
    built: list[tuple[EventTrigger, Token]] = []
    matches = list(_matches(words))
    doc_places = [(start - offset, end - offset) for start, end in places]
    with_events = event_clauses(m[3] for m in matches)
    for entry, start, end, head in matches:
        # "attacked with mortars, and ... with jets": each event its own clause's weapons
        own = clause_weapons(head, weapons, with_events)
        event = _build(entry, start, end, head, own, offset, doc_places)
        if event is not None and event.confidence >= MIN_CONFIDENCE:
            built.append((event, head))
    actors = {event.trigger_start: _clause_actor(head) for event, head in built}
    backing = frozenset(
        event.trigger_start
        for event, head in built
        if _in_backing_phrase(head) or _beside_another_actor(head)
    )
    known = {k: v for k, v in actors.items() if v is not None}
    new_parties = frozenset(event.trigger_start for event, head in built if _new_party(head))
    return _merge(_answered(built), known, backing, new_parties)


#: Determiners of a subject that points back to a party already named ("the troops").
_POINTING_BACK = frozenset({"the", "this", "that", "these", "those"})


def _new_party(head: Token) -> bool:
    """Whether the subject of a trigger's clause brings in a party of its own: a bare plural or an
    indefinite phrase ("gunmen", "a group of men"), not a pronoun, a possessive or a definite
    phrase that may point back."""
    subject = clause_subject(head)
    if subject is None or subject.dep_ != "nsubj" or subject.pos_ in ("PRON", "PROPN"):
        return False
    return not any(
        child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in _POINTING_BACK)
        for child in subject.children
    )


def _agrees(verb: Token) -> bool:
    """Whether a verb is an agreement trigger ("signed", "agreed", "brokered")."""
    return any(e.type == "AGREE" for e in lexicon().single.get(_lemma(verb), ()))


def _clause_actor(head: Token) -> str | None:
    """The kind of actor ("state", "nonstate") the subject of the trigger's clause names, if it
    is a generic word of one: triggers in clauses whose subjects are of different kinds ("rebels
    attacked ..., and the army responded ...") report different events."""
    subject = clause_subject(head)
    if subject is None or subject.dep_ != "nsubj" or subject.pos_ == "PRON":
        return None  # a passive subject is the victim ("soldiers were killed when rebels attacked")
    actor = _actor(subject)
    return side_of(actor) if actor is not None else None


#: An event noun that is the object of another event's verb is what that act answers or carries
#: ("accepted demands", "dismissed an appeal", "rejected an invitation"): the verb is the news. The
#: discount ranks the noun below the verb; it never drops the noun's event.
CONTENT_DISCOUNT = 0.7
#: (verb's type, object noun's type) -> the verb's event: accepting a demand is yielding to it.
_ANSWER_TYPES = {("AGREE", "REQUEST"): "CONCEDE"}


def _answered(built: Sequence[tuple[EventTrigger, Token]]) -> list[EventTrigger]:
    verbs = {head.i: event for event, head in built if head.pos_ in _VERB_POS}
    objects: dict[int, str] = {}
    events: list[EventTrigger] = []
    cut: set[int] = set()
    for k, (event, head) in enumerate(built):
        verb = verbs.get(head.head.i) if head.dep_ in ("dobj", "nsubjpass") else None
        is_noun = head.pos_ in _NOUN_POS
        if is_noun and verb is not None and verb.type == "SANCTION" and event.type in _TIES:
            cut.add(k)  # "suspended diplomatic relations": the ties are what is cut, no event
        if head.pos_ in _NOUN_POS and verb is not None and verb.type != event.type:
            objects[head.head.i] = event.type
            event = dataclasses.replace(
                event, confidence=round(event.confidence * CONTENT_DISCOUNT, 3)
            )
        events.append(event)
    for k, (event, head) in enumerate(built):
        answered = _ANSWER_TYPES.get((event.type, objects.get(head.i, "")))
        if answered is not None:
            acled_event, acled_sub = acled_types(answered, None)
            events[k] = dataclasses.replace(
                events[k],
                type=answered,
                mode=None,
                acled_event_type=acled_event,
                acled_sub_event_type=acled_sub,
            )
    for k, (event, head) in enumerate(built):
        ties = [o for o in _children(head, ("dobj",)) if _lemma(o) in _objects_of("ties")]
        if event.type == "SANCTION" and head.pos_ in _VERB_POS and ties:
            partners = _prep_objects(ties[0], ("with",)) or _prep_objects(head, ("with",))
            partner = _actor(partners[0]) if partners else None
            if partner is not None:  # "cut ties with Ukraine": the partner is the target
                offset = event.trigger_start - head.idx
                events[k] = dataclasses.replace(events[k], target=_arg(partner, offset))
    position = {head.i: k for k, (_, head) in enumerate(built)}
    for k in cut:
        noun_event, noun = built[k]
        j = position.get(noun.head.i)
        if j is not None and noun_event.target is not None:
            # the party the ties were with is the sanction's target ("relations with Kigali")
            events[j] = dataclasses.replace(events[j], target=noun_event.target)
    return [event for k, event in enumerate(events) if k not in cut]


#: Cooperative events whose noun names standing ties, which a sanction can cut ("suspended
#: diplomatic relations", "froze cooperation", "halted aid").
_TIES = frozenset({"AID", "COOPERATE", "CONSULT", "SUPPORT"})

#: Hostile acts: announced or conditional, PLOVER codes them as a THREATEN event.
_HOSTILE = frozenset({"ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST"})
#: Cooperative acts: announced, PLOVER codes them as AGREE (an expressed intent); refused, as REJECT.
_COOPERATIVE = frozenset({"AID", "COOPERATE", "CONCEDE", "RETREAT", "SUPPORT"})
_NOT_YET = frozenset({Modality.PLANNED, Modality.HYPOTHETICAL, Modality.THREATENED})


def plover_type(event: EventTrigger) -> str:
    """The PLOVER event an event coder records for this trigger, given its modality.

    A coder records what happened in the sentence: "Israel will free 150 prisoners" is an expressed
    intent (AGREE), "NATO would tighten the blockade" a threat (THREATEN), "Syria will not accept
    refugees" a refusal (REJECT). Asserted, claimed and hedged events keep their own type, and so
    does a hostile act that was attempted ("attempted to assassinate", "tried to storm"): the attempt
    is the assault, as CAMEO codes attempted assassinations and raids.
    """
    if event.modality is Modality.PLANNED and event.type in _HOSTILE and _attempted(event):
        return event.type
    if event.modality in _NOT_YET:
        if event.type in _HOSTILE:
            return "THREATEN"
        if event.type in _COOPERATIVE:
            return "AGREE"
    if event.modality is Modality.NEGATED and event.type in _COOPERATIVE | {"AGREE"}:
        return "REJECT"
    return event.type


#: Verbs of attempting: their infinitive names an act that was set in motion, not only announced.
_ATTEMPT_VERBS = ("attempt", "try")


@functools.cache
def _attempt_forms() -> frozenset[str]:
    return frozenset(form for verb in _ATTEMPT_VERBS for form in verb_forms(verb))


def _attempted(event: EventTrigger) -> bool:
    return (event.modality_cue or "").lower() in _attempt_forms()


#: How much each embedded clause discounts an event when choosing a sentence's main event.
CLAUSE_DISCOUNT = 0.8


def top_event(events: Sequence[EventTrigger]) -> EventTrigger | None:
    """The sentence's main event: the most confident non-background one, else the most confident,
    events in embedded clauses ("saying he must resign") discounted against the main clause's."""
    current = [e for e in events if not e.background]
    pool = current or list(events)
    if not pool:
        return None
    return max(pool, key=event_rank)


#: How much an event in a relative clause or an occasion phrase (EventTrigger.aside) is discounted
#: when choosing a sentence's main event.
ASIDE_DISCOUNT = 0.8


def event_rank(event: EventTrigger) -> float:
    """How strongly an event stands for its sentence's news: confidence, discounted per embedded
    clause, and once more when it is an aside."""
    rank = event.confidence * CLAUSE_DISCOUNT**event.clause_depth
    return rank * ASIDE_DISCOUNT if event.aside else rank

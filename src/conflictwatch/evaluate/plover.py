"""PLOVER gold-standard records (plover_gsr/PLOVER_GSR_CAMEO.json): event type and actor countries.

Each gold record is one sentence with one PLOVER event, its source and target actors (ISO3 codes, possibly
several for compound actors, possibly none for the target). We code the sentence, take our top event (the
most confident one that is not background) and count it correct when its type equals the gold type (older
names DEMAND and DISAPPROVE read as REQUEST and ACCUSE, per data/event_cameo.tsv) and its source and target
countries match: some country of our agent (or co-agents) is among the gold source codes, or both are
empty; likewise for the target. For joint events (CONSULT, AGREE, COOPERATE, FIGHT) a gold record with
all parties as sources and no target accepts our target as a further source. We code a sentence only when
its top event has at least one party with a known country, as an event coder does. The README gives no official metric; these definitions are ours.

Metrics: `correct` (fraction of gold records coded correctly), `false_positive` (fraction of our coded
records that are wrong in type or countries), `type_acc` (our top event's type, coded or not),
`type_acc_strict` (the same without the FIGHT/ASSAULT and CAMEO-root overlaps), `source_acc`, `target_acc`, `coverage`
(fraction of records where we coded any event). The file has no splits: `--split tune` scores the records
at even positions and `--split holdout` those at odd positions (tune on one, report the other); no split
scores the whole file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from conflictwatch.evaluate.result import EvalResult
from conflictwatch.extract.events import (
    ArgSpan,
    EventTrigger,
    event_rank,
    find_events,
    plover_type,
    top_event,
)
from conflictwatch.extract.relevance import read_tsv
from conflictwatch.model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from conflictwatch.actors.document import DocumentActors
    from conflictwatch.model import ActorRef

FILE_NAME = "PLOVER_GSR_CAMEO.json"

_R = TypeVar("_R")

#: Event types whose participants act together: "A and B met" has no one-way source and target.
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})
#: Dependencies that open a clause about something else inside an event's clause: a relative clause,
#: a clause under a preposition ("jailed for acting against Moscow"), a clausal subject. Complements
#: and purpose or condition clauses ("threatened to stop talks if the US goes ahead") name the
#: event's other side.
_SIDE_CLAUSE_DEPS = frozenset({"relcl", "pcomp", "csubj"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Coded:
    """Our coding of one sentence: the top event's type and the countries of its actors.

    `type` is None when nothing is coded (no event, or no party with a known country); `event_type`
    is the top event's type either way, for type-only accuracy."""

    type: str | None
    event_type: str | None
    sources: frozenset[str]
    targets: frozenset[str]
    event: EventTrigger | None
    # "A and B blamed each other": every party acts on every other, as a coder codes it both ways
    mutual: bool = False


@functools.cache
def cameo_table() -> dict[str, tuple[str, frozenset[str]]]:
    """CAMEO root (or 'P:' legacy PLOVER name) -> (PLOVER type, every PLOVER type accepted for it)."""
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for row in read_tsv("event_cameo.tsv"):
        also = {t for t in row["also"].split("|") if t}
        table[row["cameo_root"]] = (row["plover"], frozenset({row["plover"], *also}))
    return table


def plover_name(gold_type: str) -> str:
    """A gold PLOVER type in today's names (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE)."""
    hit = cameo_table().get(f"P:{gold_type}")
    return hit[0] if hit else gold_type


def _party_code(text: str, resolver: DocumentActors) -> str | None:
    """The coding scheme's code for an actor phrase: its country (ISO3), or IGO / NGO for
    international bodies, from the actor resolver first, then plain country and person look-ups."""
    from conflictwatch.actors import country_of

    ref = resolver.resolve(text)
    if ref is not None:
        code = _code_of(ref)
        if code:
            return code
        if ref.kind is not None and ref.kind != "person":
            # the resolver knows what the group is and gives it no country ("pro-Russia rebels"):
            # a country word inside the phrase is not its country
            return None
    return country_of(text) or _person_country(text) or _inner_party(text, resolver)


def _ref_code(text: str, resolver: DocumentActors) -> str | None:
    ref = resolver.resolve(text)
    return _code_of(ref) if ref is not None else None


#: CAMEO's actor code for an armed group of no one country (Islamic State, al-Qaeda): "IMG",
#: international militarized group, as the CAMEO actor codebook and both gold files code them.
TRANSNATIONAL_GROUP = "IMG"


def _code_of(ref: ActorRef) -> str | None:
    """IGO or NGO for an international body, IMG for an armed group of no one country, else the
    actor's country."""
    prefix = (ref.id or "").split(".", 1)[0]
    if prefix in ("IGO", "NGO"):
        return prefix
    if ref.country is None and ref.kind == "armed_group" and ref.id:
        return TRANSNATIONAL_GROUP
    return ref.country


def _inner_party(text: str, resolver: DocumentActors) -> str | None:
    """The code of a known actor named inside a longer phrase ("U.N. Secretary-General Kofi Annan",
    "United Nations inspectors"): the longest capitalized run of up to four words, leftmost first."""
    words = text.split()[:12]
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            if not window[0][:1].isupper():
                continue
            code = _ref_code(" ".join(window), resolver)
            if code:
                return code
    return None


def _countries(spans: Iterable[ArgSpan | None], resolver: DocumentActors) -> frozenset[str]:
    """Codes of the actor spans; a coordinated span ("leaders of Armenia and Azerbaijan") gives all."""
    found: set[str] = set()
    for span in spans:
        if span is None:
            continue
        codes = {code for ref in resolver.resolve_all(span.text) if (code := _code_of(ref))}
        if not codes:
            first = _party_code(span.text, resolver)
            codes = {first} if first else set()
        found |= codes
    return frozenset(found)


def _person_country(text: str) -> str | None:
    """The country of a known person named in the span ("President Barack Obama", "Putin")."""
    from conflictwatch.actors.dictionary import load_actor_dictionary

    people = load_actor_dictionary()
    words = [w for w in text.replace("'s", "").split() if w[:1].isupper()]
    for size in (3, 2):
        for start in range(0, max(len(words) - size + 1, 0)):
            entry = people.person(" ".join(words[start : start + size]))
            if entry is not None and entry.country:
                return entry.country
    for word in reversed(words):
        entry = people.person(word, surname_only=True)
        if entry is not None and entry.country:
            return entry.country
    return None


@functools.cache
def accepted_types(plover_type: str) -> frozenset[str]:
    """Our types that code the same events as a gold PLOVER type (FIGHT and ASSAULT overlap: our
    ontology files shelling and air strikes under ASSAULT, PLOVER and CAMEO under FIGHT)."""
    accepted = {plover_type}
    for plover, also in cameo_table().values():
        if plover == plover_type:
            accepted |= also
    return frozenset(accepted)


def _span_tokens(doc: Doc, arg: ArgSpan) -> Span | None:
    return doc.char_span(arg.start, arg.end, alignment_mode="expand")


def _nested_countries(doc: Doc, arg: ArgSpan | None, exclude: frozenset[str]) -> frozenset[str]:
    """Countries named in the rest of the whole phrase an argument heads: 'the unrest in Iran',
    'refineries in Iran', 'Rebels in the Ivory Coast'. The argument's own words were read already:
    a country word there that gave no country ('pro-Russian separatists') gives none here either."""
    from conflictwatch.actors.countries import find_countries

    if arg is None:
        return frozenset()
    span = _span_tokens(doc, arg)
    if span is None:
        return frozenset()
    rest = sorted((t.i for t in span.root.subtree if not span.start <= t.i < span.end), key=int)
    found: set[str] = set()
    run_start = 0
    for k in range(1, len(rest) + 1):  # each contiguous run of words outside the argument
        if k == len(rest) or rest[k] != rest[k - 1] + 1:
            text = doc[rest[run_start] : rest[k - 1] + 1].text
            found.update(h.country.iso3 for h in find_countries(text))
            run_start = k
    return frozenset(found) - exclude


def _trigger_clause(doc: Doc, event: EventTrigger) -> Token | None:
    """The verb heading the clause of the event's trigger (the trigger itself when it is a verb)."""
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return None
    clause = trigger.root
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def _entity_countries(doc: Doc, token: Token) -> list[str]:
    """Countries the named entity holding `token` names, or, for a city or region that names
    none, the country it lies in ("will meet in Zurich")."""
    from conflictwatch.actors.countries import find_countries

    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return []
    named = [h.country.iso3 for h in find_countries(ent.text)]
    if not named and ent.label_ == "GPE":
        named = _place_country(doc, ent)
    return named


def _sentence_countries(doc: Doc, event: EventTrigger, exclude: frozenset[str]) -> frozenset[str]:
    """Countries named elsewhere in the event's clause that are no party yet: 'staged a protest in
    Beijing', 'held talks ... during a visit to Beirut'. Only the trigger's own clause counts, not
    the clauses embedded in it ('imprisoned for acting against Moscow')."""
    clause = _trigger_clause(doc, event)
    if clause is None:
        return frozenset()
    skip: set[int] = set()
    for arg in (event.agent, *event.co_agents):
        span = _span_tokens(doc, arg) if arg is not None else None
        if span is not None:  # the agent's whole phrase: "the US commander in Iraq"
            skip.update(t.i for t in span.root.subtree)
    for token in clause.subtree:
        if (
            token.i != clause.i
            and token.dep_ in _SIDE_CLAUSE_DEPS
            and token.pos_ in ("VERB", "AUX")
        ):
            skip.update(t.i for t in token.subtree)
    found: list[str] = []
    for token in clause.subtree:
        if token.i in skip or token.ent_type_ not in ("GPE", "NORP", "LOC"):
            continue
        if token.ent_iob_ == "B" or (token.ent_iob_ == "I" and token.i - 1 in skip):
            found.extend(_entity_countries(doc, token))
    codes = [c for c in dict.fromkeys(found) if c not in exclude]
    return frozenset(codes[:1])


def _thing_object(doc: Doc, event: EventTrigger) -> bool:
    """Whether the trigger is a verb whose object names no actor ("investigating a shooting",
    "rejected comparisons"): the act is aimed at that thing, not at whoever lives where it happened."""
    if event.target is not None:
        return False
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None or trigger.root.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "dobj" for c in trigger.root.children)


#: Clauses hung on the trigger's clause that tell of something else: their places are not its place.
_OTHER_CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "acl", "csubj", "parataxis"})
#: Prepositions that place an event: "killed in Ukraine", "a bombing near Samarra".
_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "around"})
_VIOLENT = frozenset({"ASSAULT", "FIGHT"})


def _place_of(doc: Doc, event: EventTrigger) -> frozenset[str]:
    """The country where an attack with no named attacker took place ("soldiers killed in
    Ukraine", "a bombing near Samarra killed"): event coders (CAMEO's manual examples, PETRARCH)
    code it as the attack's source, the attacker being someone of that place. PETRARCH-2 takes
    the place phrase of an attack with no agent as its source; the CAMEO manual's examples do so
    only at times, so only the PETRARCH coding does it."""
    clause = _trigger_clause(doc, event)
    if clause is None:
        return frozenset()
    elsewhere = {
        t.i for child in clause.children if child.dep_ in _OTHER_CLAUSE_DEPS for t in child.subtree
    }  # "clashes ... as Moscow's forces remain embroiled in Ukraine": another clause's place
    for token in clause.subtree:
        if token.dep_ != "pobj" or token.ent_type_ not in ("GPE", "LOC") or token.i in elsewhere:
            continue
        prep = token.head
        if prep.lower_ == "of" and prep.head.dep_ == "pobj":
            prep = prep.head.head  # "near the town of Samarra"
        if prep.lower_ not in _PLACE_PREPS:
            continue
        named = _entity_countries(doc, token)
        if named:
            return frozenset(named[:1])
    return frozenset()


def _place_country(doc: Doc, ent: Span) -> list[str]:
    """The country of a place name that names no country itself (a city), from the geocoder that
    resolves the article's places, reading the sentence as its context."""
    from conflictwatch.actors.countries import load_countries
    from conflictwatch.geo.geocode import resolve_spans

    found = resolve_spans(doc.text, [(ent.start_char, ent.end_char)], doc=doc)
    code = found[0].place.country if found and found[0].place is not None else None
    if not code:
        return []
    if len(code) == 3:
        return [code]
    by_iso2 = {c.iso2: c.iso3 for c in load_countries().by_iso3.values()}
    return [by_iso2[code]] if code in by_iso2 else []


#: Events that, with no one named as their object, a coder who knows the context takes as aimed at
#: the actor's own state or people: a protest at its own government (CAMEO 14, "Indonesian students
#: staged demonstrations"), coercion of its own population (CAMEO 17, "imposed a curfew").
_DOMESTIC = frozenset({"PROTEST", "COERCE"})


def _parties(
    doc: Doc, event: EventTrigger, *, domestic: bool, petrarch: bool = False
) -> tuple[frozenset[str], frozenset[str]]:
    """Source and target codes of an event, as an event coder fills them.

    The agent's and target's own phrases first. An agent phrase naming no country gives the countries
    inside its whole phrase ("Rebels in the Ivory Coast"). A missing target is the first other country
    named in the event's clause ("staged a protest in Beijing"). With `domestic` (a human coder who
    knows the context, as PLOVER's), an actor of no known country opposite an actor of one country
    is taken as that country's own: "Turkish police detained students" (TUR -> TUR), "President
    Museveni threatened to ban Ugandan opposition candidates" (UGA -> UGA); a protest or coercion
    with no object at all is aimed at the actor's own state (_DOMESTIC). A dictionary coder
    (PETRARCH) codes such an actor as unknown.
    """
    from conflictwatch.actors.document import DocumentActors

    resolver = DocumentActors()  # each gold sentence is a document of its own
    resolver.note_sentence(doc.text)
    sources = _countries([event.agent, *event.co_agents], resolver)
    targets = _countries([event.target, *event.co_targets], resolver)
    if not sources:
        sources = _nested_countries(doc, event.agent, frozenset())
    if not targets and not (petrarch and _thing_object(doc, event)):
        targets = _sentence_countries(doc, event, sources)
    if petrarch and not sources and event.agent is None and event.type in _VIOLENT:
        sources = _place_of(doc, event)
    if domestic and event.type not in SYMMETRIC:
        if not targets and event.target is not None and len(sources) == 1:
            targets = sources
        elif not targets and event.type in _DOMESTIC and len(sources) == 1:
            targets = sources  # "students staged demonstrations", "imposed a curfew in Cizre"
        elif not sources and event.agent is not None and len(targets) == 1:
            sources = targets
    return sources, targets


def code_sentence(text: str, *, both_parties: bool = False, domestic: bool = True) -> Coded:
    """Parse one gold sentence and code its top event with PLOVER's type for it (plover_type).

    An event is coded only when a party has a known code; with `both_parties`, only when both the
    source and the target have one (fewer codings, fewer false positives). `domestic`: see _parties."""
    return code_events(text, both_parties=both_parties, domestic=domestic)[0]


def code_events(
    text: str,
    *,
    both_parties: bool = False,
    domestic: bool = True,
    also: float | None = None,
    petrarch: bool = False,
) -> list[Coded]:
    """The sentence's top event coded as `code_sentence` does, first; with `also`, then every other
    current (not background) event ranked at least `also` times the top one, as a coder that codes
    each verb does. Events no party of which has a code are left out after the first.

    `petrarch` follows the coding conventions of the PETRARCH-2 dictionary coder where they differ
    from PLOVER's: a future auxiliary codes the act itself (_FUTURE_AUXILIARIES), a state's report
    of another's hostile act is its accusation (_petrarch_coding), an attack with no agent takes its
    place as source (_place_of). Our events stay as they are; only their coding changes."""
    from conflictwatch.analyze.nlp import load_pipeline

    nlp = load_pipeline()
    doc = nlp(text[:5000])
    events: list[EventTrigger] = []
    for sent in doc.sents:
        events.extend(find_events(sent, offset=0))
    best = top_event(events)
    if best is None:
        return [
            Coded(type=None, event_type=None, sources=frozenset(), targets=frozenset(), event=None)
        ]
    coded = [_coded(doc, best, both_parties=both_parties, domestic=domestic, petrarch=petrarch)]
    if best.background:  # every event of the sentence is a recalled past: no news to code
        coded = [dataclasses.replace(coded[0], type=None, sources=frozenset(), targets=frozenset())]
    if also is not None:
        floor = also * event_rank(best)
        content = _content_nouns(doc, events)
        for event in events:
            if event is best or event.background or event_rank(event) < floor:
                continue
            if event.trigger_start in content:
                continue  # "ordered an investigation": what the order asks for, not a second event
            more = _coded(
                doc, event, both_parties=both_parties, domestic=domestic, petrarch=petrarch
            )
            if more.type is not None:
                coded.append(more)
    return coded


def _content_nouns(doc: Doc, events: Sequence[EventTrigger]) -> set[int]:
    """Trigger offsets of event nouns that are the object of another event's verb ("ordered an
    investigation", "rejected an invitation"): the content of that act (events.CONTENT_DISCOUNT)."""
    verbs: set[int] = set()
    nouns: dict[int, int] = {}
    asked: set[int] = set()  # tokens of what a request asks for
    heads: dict[int, int] = {}
    for event in events:
        span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        heads[event.trigger_start] = head.i
        if head.pos_ in ("VERB", "AUX"):
            verbs.add(head.i)
            if event.type in _ASKING:
                asked.update(
                    t.i
                    for child in head.children
                    if child.dep_ in ("xcomp", "ccomp")
                    for t in child.subtree
                )
        elif head.dep_ in ("dobj", "nsubjpass"):
            nouns[event.trigger_start] = head.head.i
    content = {start for start, verb in nouns.items() if verb in verbs}
    # "calls on the parties to respect the agreements", "asked that Pashinyan step down": what a
    # request asks for is its content, not an act or intent of the one asked
    return content | {start for start, i in heads.items() if i in asked}


#: Events whose verb's complement says what is asked of another party.
_ASKING = frozenset({"REQUEST"})


#: Modals of obligation: what one "must" or "should" do is asked of it, not an intent it states
#: ("Turkey said Armenia must withdraw" is Turkey's demand, coded as such, not Armenia's pledge).
_OBLIGATION = frozenset({"must", "should", "ought"})


def _wanted_of_agent(doc: Doc, event: EventTrigger) -> bool:
    """Whether the event is a complement of another party's verb that names its own agent: "wants
    Putin to attack", "urged the EU to support", "expects Russia to provide assistance" (the wish,
    request or expectation is the other party's)."""
    head = _trigger_clause(doc, event)
    if head is None:
        return False
    if head.dep_ not in ("ccomp", "xcomp") or head.head.i == head.i:
        return False
    if head.head.text != event.modality_cue:
        return False  # the modality is the agent's own ("said it will withdraw")
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    asked = any(c.dep_ == "dobj" for c in head.head.children)
    return own_subject or (head.dep_ == "xcomp" and asked)


#: Auxiliaries of the future tense. PETRARCH-2 reads the verb they govern as the act itself ("the US
#: will supply arms to Israel" is coded 07 provide aid); only verbs of intent (promise, pledge, offer,
#: threaten) make CAMEO's intent codes 03 and 13, and negation its refusals 12.
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})
#: Verbs of saying whose "that" clause reports what another party did.
_SAYING = frozenset(
    {"say", "claim", "allege", "charge", "assert", "insist", "state", "report", "tell", "contend"}
)
#: Hostile acts whose report by a state is that state's accusation in CAMEO coding.
_ACCUSABLE = frozenset({"ASSAULT", "FIGHT", "COERCE"})


def _speaker(doc: Doc, event: EventTrigger) -> Token | None:
    """The subject of a verb of saying that reports the event's clause after it: "The US said
    (that) Iraq had attacked". A speaker named after the report ("Iraq attacked, the US said") is
    a source, not a party: the report is not its act."""
    clause = _trigger_clause(doc, event)
    if clause is None:
        return None
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "had attacked Iraq and taken the city"
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.i > clause.i or verb.lemma_.lower() not in _SAYING:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return subjects[0] if subjects else None


def _petrarch_coding(doc: Doc, event: EventTrigger, coded: Coded) -> Coded:
    """The coding PETRARCH-2 makes of an event we code the PLOVER way.

    A hostile act reported by a state that did not commit it ("The US said that Iraq had attacked
    Kuwait") is coded as the state's accusation of the attacker (CAMEO 11 disapprove, 112 accuse),
    the speaker the source and the accused the target: a dictionary coder codes the sentence's main
    verb phrase, and CAMEO files a report that another party did harm under disapproval."""
    if coded.type not in _ACCUSABLE or not coded.sources:
        return coded
    speaker = _speaker(doc, event)
    if speaker is None:
        return coded
    from conflictwatch.actors.document import DocumentActors

    resolver = DocumentActors()
    resolver.note_sentence(doc.text)
    phrase = doc[speaker.left_edge.i : speaker.i + 1]
    arg = ArgSpan(start=phrase.start_char, end=phrase.end_char, text=phrase.text)
    accusers = _countries([arg], resolver)
    if not accusers or not accusers.isdisjoint(coded.sources):
        return coded  # an unknown speaker, or a state reporting its own act
    return Coded(
        type="ACCUSE", event_type="ACCUSE", sources=accusers, targets=coded.sources, event=event
    )


#: Nouns of a legal charge: the crime named in "a count of murder", "charged with assault" is what
#: someone is accused of, not an event the sentence reports (the charge itself is coded ACCUSE).
_CHARGE_NOUNS = frozenset(
    {"count", "charge", "conviction", "suspicion", "accusation", "allegation", "indictment"}
)
#: Nouns that carry out the act their compound modifier names: "issued arrest warrants", "sent an
#: aid convoy", "an arms shipment", "a bombing campaign".
_CARRIERS = frozenset(
    {"warrant", "order", "convoy", "shipment", "package", "delivery", "campaign", "operation",
     "mission", "deal", "raid", "flight"}
)  # fmt: skip
_CHARGE_VERBS = frozenset({"charge", "convict", "indict", "accuse", "book", "suspect", "arrest"})


def _names_no_event(doc: Doc, event: EventTrigger) -> bool:
    """Whether the trigger is a noun that only modifies or names something: a compound modifier
    ("patrol units", "the mutual assistance treaty", "a ceasefire regime") or the crime of a legal
    charge ("a count of murder", "charged with assault with a deadly weapon"). CAMEO codes verb
    phrases and the event nouns that stand for an act, not a noun used as a name."""
    span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head.lemma_.lower() not in _CARRIERS
    if head.dep_ == "pobj":
        governor = head.head.head  # the noun or verb the preposition hangs on
        lemma = governor.lemma_.lower()
        if head.head.lower_ == "of" and lemma in _CHARGE_NOUNS:
            return True
        if head.head.lower_ in ("with", "for", "on") and lemma in _CHARGE_VERBS:
            return True
    return False


def _coded(
    doc: Doc, event: EventTrigger, *, both_parties: bool, domestic: bool, petrarch: bool = False
) -> Coded:
    coded_type = plover_type(event)
    if petrarch and (event.modality_cue or "").lower() in _FUTURE_AUXILIARIES:
        coded_type = event.type
    sources, targets = _parties(doc, event, domestic=domestic, petrarch=petrarch)
    uncoded = not (sources and targets) if both_parties else not (sources or targets)
    if event.agent is None and event.target is None:
        uncoded = True  # no actor in the event's own arguments: a coder has no one to code
    if event.agent is None and not sources:
        # "three boys were wounded in shootings": no one is named as the source, and no place
        # stands for one; a coder needs a source actor to code an event
        uncoded = True
    if event.modality is Modality.NEGATED and coded_type == event.type:
        uncoded = True  # "did not attack": no act to code (a refusal is coded REJECT)
    if event.modality is Modality.HYPOTHETICAL and coded_type == event.type:
        uncoded = True  # "whether it would be discussed", "if talks resume": no act, no intent
    if _names_no_event(doc, event):
        uncoded = True
    if coded_type != event.type and (
        event.agent is None
        or _wanted_of_agent(doc, event)
        or (event.modality_cue or "").lower() in _OBLIGATION
    ):
        # an intent or threat needs its agent to state it: not "unless X is disarmed", nor "Obama
        # wants Putin to attack" (Putin threatens nothing)
        uncoded = True
    if uncoded:
        # an event coder codes an event only when it can name a party to it
        return Coded(
            type=None,
            event_type=coded_type,
            sources=frozenset(),
            targets=frozenset(),
            event=event,
        )
    mutual = event.target is None and bool(event.co_agents) and _reciprocal(doc, event)
    coded = Coded(
        type=coded_type,
        event_type=coded_type,
        sources=sources,
        targets=targets,
        event=event,
        mutual=mutual,
    )
    return _petrarch_coding(doc, event, coded) if petrarch else coded


def _reciprocal(doc: Doc, event: EventTrigger) -> bool:
    """Whether the trigger's clause takes "each other" or "one another" as its object: "Armenia
    and Azerbaijan blamed each other"."""
    clause = _trigger_clause(doc, event)
    if clause is None:
        return False
    for token in clause.subtree:
        if token.lower_ in ("other", "another") and token.head.i in (
            clause.i,
            *(t.i for t in clause.children if t.dep_ == "prep"),
        ):
            return any(c.lower_ in ("each", "one") for c in token.children) or (
                token.i > 0 and doc[token.i - 1].lower_ in ("each", "one")
            )
    return False


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(
        str(a.get("code", ""))[:3] for a in actors if isinstance(a, dict) and a.get("code")
    )


def _side_matches(ours: frozenset[str], gold: frozenset[str]) -> bool:
    return bool(ours & gold) if gold else not ours


#: Pseudo-splits of a benchmark that is one file: records at even positions to tune on, odd to report.
SPLITS = {"tune": 0, "holdout": 1}


def split_records(records: Sequence[_R], split: str | None, benchmark: str) -> list[_R]:
    """The records of a pseudo-split (`tune`: even positions, `holdout`: odd), or all for None."""
    if split is None or split == "all":
        return list(records)
    if split not in SPLITS:
        raise ValueError(
            f"{benchmark}: splits are tune and holdout (halves of one file), not {split!r}"
        )
    return [r for i, r in enumerate(records) if i % 2 == SPLITS[split]]


def load_records(data: Path) -> list[dict[str, Any]]:
    """The coded sentences of the gold file (the DOCUMENT header dropped)."""
    path = data / FILE_NAME if data.is_dir() else data
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if isinstance(r, dict) and r.get("event") != "DOCUMENT"]


def _fraction(count: int, total: int) -> float:
    return count / total if total else 0.0


def score_records(records: Sequence[dict[str, Any]]) -> tuple[dict[str, float], dict[str, Any]]:
    """Metrics and details for already-loaded gold records."""
    counts: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    for record in records:
        gold_type = plover_name(str(record.get("event", "")))
        coded = code_sentence(str(record.get("text", "")))
        type_ok = coded.type in accepted_types(gold_type)
        counts["type_any"] += coded.event_type in accepted_types(gold_type)
        counts["type_strict"] += coded.event_type == gold_type
        gold_sources, gold_targets = _codes(record.get("source")), _codes(record.get("target"))
        source_ok = _side_matches(coded.sources, gold_sources)
        target_ok = _side_matches(coded.targets, gold_targets)
        if coded.type in SYMMETRIC and not target_ok and not gold_targets:
            # "A and B agreed" is coded with both as sources: our target is then a co-source
            source_ok = _side_matches(coded.sources | coded.targets, gold_sources)
            target_ok = True
        counts["coded"] += coded.type is not None
        counts["type"] += type_ok
        counts["source"] += source_ok
        counts["target"] += target_ok
        counts["correct"] += type_ok and source_ok and target_ok
        confusion[f"{gold_type}->{coded.type}"] += 1
    n = len(records)
    metrics = {
        "correct": _fraction(counts["correct"], n),
        "false_positive": _fraction(counts["coded"] - counts["correct"], counts["coded"]),
        "type_acc": _fraction(counts["type_any"], n),
        "type_acc_strict": _fraction(counts["type_strict"], n),
        "source_acc": _fraction(counts["source"], n),
        "target_acc": _fraction(counts["target"], n),
        "coverage": _fraction(counts["coded"], n),
    }
    details = {"counts": dict(counts), "confusion": dict(confusion.most_common(40))}
    return metrics, details


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """Score the top event of every gold sentence, or of one half (`split` tune or holdout); `limit`
    (int) scores only the first records."""
    records = split_records(load_records(data), split, "plover")
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        records = records[:limit]
    metrics, details = score_records(records)
    details["note"] = "one file: tune/holdout are its even/odd records; no split scores them all"
    return EvalResult(
        benchmark="plover", split=split, n=len(records), metrics=metrics, details=details
    )

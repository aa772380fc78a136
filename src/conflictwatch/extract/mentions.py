"""Assemble event mentions for one document from the per-sentence extractors.

For each parsed sentence: event triggers (typed by the lexicon), casualty figures, actors, the claimant,
the sentence's time expressions and places. Casualties attach to the nearest violent event of their
sentence; a casualty report with no violent trigger becomes an ASSAULT mention of its own, so that "54
soldiers were killed" is never lost for want of a verb of attack.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Token

from conflictwatch.actors import ActorDictionary, DocumentActors, load_actor_dictionary
from conflictwatch.actors import country_of as actor_country
from conflictwatch.actors.dictionary import military_roles
from conflictwatch.actors.normalize import name_key
from conflictwatch.analyze import AnalyzedSentence, AnalyzedText, analyze_text, load_pipeline
from conflictwatch.extract.attribution import (
    BODY_PRONOUNS,
    PERSON_PRONOUNS,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
    Attribution,
    DocumentSpeakers,
    NamedPerson,
    attribute,
)
from conflictwatch.extract.casualties import extract_casualties
from conflictwatch.extract.clauses import contrary_clauses, side_of
from conflictwatch.extract.events import EventTrigger, find_events
from conflictwatch.extract.relevance import is_relevant
from conflictwatch.geo import Toponym, geocode_text, place_by_id
from conflictwatch.geo.dateline import dateline_end, dateline_names, filing_date
from conflictwatch.model import (
    ActorRef,
    Casualty,
    DatePrecision,
    Evidence,
    Mention,
    Modality,
    PlaceRef,
    Population,
    TimeSpan,
)
from conflictwatch.timex import Timex, event_time, find_timexes, since_bound
from conflictwatch.timex.relative import (
    DISTANCE_WORDS,
    TimeOffset,
    before_undated,
    from_host,
    time_offset,
    to_host,
)

_T = TypeVar("_T")

#: Event types whose casualties a sentence's figures belong to.
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT"})
#: An event dated this long before the article is recalled background, not the article's news.
BACKGROUND_AGE = dt.timedelta(days=60)
#: An undated event in a dated article happened within this window before publication.
UNDATED_WINDOW = dt.timedelta(days=6)
#: Confidence of a mention built from a casualty figure alone.
CASUALTY_ONLY_CONFIDENCE = 0.6


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What extraction made of one document."""

    doc_id: str
    language: str
    skipped: str | None  # why no extraction was attempted (non-English text), else None
    sentences: int
    parsed: int
    mentions: tuple[Mention, ...]


@dataclasses.dataclass(slots=True)
class _Context:
    """Per-document state carried from sentence to sentence."""

    doc_id: str
    published: dt.date | None
    actors: DocumentActors
    timexes: list[Timex]
    timex_starts: list[int]
    places: list[Toponym]
    place_starts: list[int]
    speakers: DocumentSpeakers  # the people named in every sentence, parsed or not
    last_body: ActorRef | None = None  # the last claimant that is no person, for "it said"
    # per event type, the date the text last gave a news event of it, for "the attack came ..."
    last_dates: dict[str, TimeSpan] = dataclasses.field(default_factory=dict)
    # per event type, the places of that event, for "the attack on Arcahaie"
    last_scenes: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    lead_date: TimeSpan | None = None  # the day of the first news event the text dates to its day
    stamps: list[Timex] = dataclasses.field(default_factory=list)  # a live report's entry times


def extract_mentions(
    text: str,
    *,
    doc_id: str,
    published: dt.date | None,
    analyzed: AnalyzedText | None = None,
) -> Extraction:
    """Every event mention of one document's clean text, in text order."""
    nlp = load_pipeline()
    analysis = analyzed or analyze_text(text, relevant=is_relevant, nlp=nlp)
    if not analysis.language.is_english:
        reason = (
            f"not English (detected {analysis.language.language}, "
            f"p={analysis.language.confidence:.2f}): no events extracted"
        )
        return Extraction(
            doc_id=doc_id,
            language=analysis.language.language,
            skipped=reason,
            sentences=0,
            parsed=0,
            mentions=(),
        )
    parses = [(s.start, s.doc) for s in analysis.parsed if s.doc]
    # the dateline's day, when it gives one, is the day the story speaks from
    published = filing_date(text, published) or published
    found_timexes = find_timexes(text, anchor=published, parses=parses)
    stamps = [t for t in found_timexes if _stamp(text, t)]
    timexes = [t for t in found_timexes if t not in stamps]
    dictionary = load_actor_dictionary()
    speakers = DocumentSpeakers(dictionary)
    speakers.read(text)
    # a surname recalling an earlier full name is no proof ("West Gojjam ... Gojjam")
    people = {(p.start, p.end, p.name) for p in speakers.people() if p.named}
    places = [
        t
        for t in geocode_text(text, doc=analysis.entity_doc(nlp), parses=parses)
        if t.is_location
        and not _names_a_group(t, dictionary)
        # "a local administrator, Albino Chiponde, said": a name the gazetteer lacks that the
        # speaker reader found to be a person's is no place
        and not (t.approximate and (t.start, t.end, t.text) in people)
    ]
    context = _Context(
        doc_id=doc_id,
        published=published,
        actors=DocumentActors(dictionary),
        timexes=timexes,
        timex_starts=[t.start for t in timexes],
        places=places,
        place_starts=[p.start for p in places],
        speakers=speakers,
        stamps=stamps,
    )
    mentions: list[Mention] = []
    for sentence in analysis.parsed:
        found = [_dated_by_stamp(m, text, context) for m in _sentence_mentions(sentence, context)]
        for mention in found:
            if mention.date is not None and _dates_a_day(mention.date) and not mention.background:
                scenes = frozenset(p.id for p in mention.places if p.id is not None)
                if context.last_dates.get(mention.type) == mention.date:
                    # the same day's events of a type have all their towns as scenes
                    scenes |= context.last_scenes.get(mention.type, frozenset())
                context.last_dates[mention.type] = mention.date
                context.lead_date = context.lead_date or mention.date
                context.last_scenes[mention.type] = scenes
        mentions.extend(found)
    scene = dateline_scene(text, places)
    if scene is not None:
        mentions = [_placed_at(m, scene) for m in mentions]
    return Extraction(
        doc_id=doc_id,
        language=analysis.language.language,
        skipped=None,
        sentences=len(analysis.sentences),
        parsed=len(analysis.parsed),
        mentions=tuple(mentions),
    )


#: Events done on the ground, whose scene a story's dateline town may be: not statements, talks
#: or sanctions, which are made wherever the parties sit.
GROUND_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})


def dateline_scene(text: str, places: Sequence[Toponym]) -> PlaceRef | None:
    """The dateline's town when the story is about it: the text names it again, names no other
    town, and names its country at least as often as any other. "GOMA (Reuters) - ... entered the
    centre of Goma ... Gunfire rang out near the airport": the gunfire is in Goma. A report filed
    from Geneva about Sudan, or from Kyiv about Odesa, keeps its events unplaced or at their own
    places. A place name the gazetteer does not know counts as another town ("an ambush near
    Boulkessi" in a story filed from Bamako). The place is given at precision 2: around the town,
    not at it."""
    spans = [(start, end) for start, end, _ in dateline_names(text)]

    def in_dateline(toponym: Toponym) -> bool:
        return any(start <= toponym.start < end for start, end in spans)

    towns = {t.place.id for t in places if in_dateline(t) and t.place and t.place.precision == 1}
    if len(towns) != 1:
        return None
    # a name placed only by the town that holds it ("the Bolan area" -> Quetta) does not name it
    body = [
        t.place for t in places if t.place is not None and not in_dateline(t) and not t.approximate
    ]
    town = next((p for p in body if p.id in towns), None)
    if any(t.place is None and not in_dateline(t) for t in places):
        return None
    if town is None or any(p.precision in (1, 2) and p.id != town.id for p in body):
        return None
    countries = Counter(p.country for p in body if p.country)
    if town.country is None or countries[town.country] < max(countries.values()):
        return None
    return dataclasses.replace(town, precision=2)


def _placed_at(mention: Mention, scene: PlaceRef) -> Mention:
    """A news event on the ground with no place of its own happened at the story's scene."""
    if mention.places or mention.background or mention.type not in GROUND_TYPES:
        return mention
    return dataclasses.replace(mention, places=(scene,))


def _sentence_mentions(sentence: AnalyzedSentence, context: _Context) -> list[Mention]:
    assert sentence.doc is not None
    doc, offset = sentence.doc, sentence.start
    # Read for what the resolver learns (people, roles, institutions); speakers come from
    # `context.speakers`, which does not depend on which sentences were parsed.
    context.actors.find_in(doc, offset=offset)
    sentence_places = _within(context.places, context.place_starts, sentence)
    triggers = find_events(doc, offset=offset, places=[(p.start, p.end) for p in sentence_places])
    casualties = extract_casualties(
        doc,
        offset=offset,
        side_of=actor_country,
        places=[(p.start, p.end) for p in sentence_places if p.place and not p.approximate],
    )
    attached = _attach_casualties(triggers, casualties)
    timexes = _within(context.timexes, context.timex_starts, sentence)
    toponyms = [p for p in sentence_places if p.place]
    evidence = Evidence(
        doc_id=context.doc_id, start=sentence.start, end=sentence.end, text=sentence.text
    )
    toponyms = _without_dateline(toponyms, sentence)
    toponyms = [
        t
        for t in toponyms
        if not _is_origin(doc, offset, t, triggers)
        and not _describes_an_actor(doc, offset, t, triggers)
        and not _speakers_seat(doc, offset, t)
        and not _destination(doc, offset, t, triggers)
    ]
    # "Yemen's Houthis fired a missile at Tel Aviv", "the U.S. Central Command said": a place that
    # names an actor or a body is no scene when the sentence names another place
    namers = [
        t
        for t in toponyms
        if _names_the_subject(doc, offset, t, triggers)
        or _in_a_body_name(doc, offset, t)
        or _seat_of_a_speaking_body(doc, offset, t)
    ]
    if len(namers) < len(toponyms):
        toponyms = [t for t in toponyms if t not in namers]
    owners = _place_owners(doc, offset, toponyms, triggers)
    offsets = [t.time_offset for t in triggers if t.time_offset is not None]
    recalled = _recalled(doc, offset, triggers, context)
    owners.update(_distance_owners(toponyms, triggers, offsets, owners))
    distances = _distance_clauses(doc, offset)
    owning = {id(owner) for owner in owners.values()}  # the events with places of their own
    mentions = [
        _mention(
            trigger,
            attached.get(i, ()),
            sentence,
            context,
            timexes,
            _places_of(
                trigger,
                [
                    t
                    for t in toponyms
                    if _shared_with(owners.get(t.start), trigger, owning)
                    and not _across_distance(t.start, trigger, distances)
                    and not _across_contrary_clauses(doc, offset, t.start, trigger.trigger_start)
                ],
                triggers,
            ),
            evidence,
            offsets,
            recalled,
        )
        for i, trigger in enumerate(triggers)
    ]
    mentions = [
        _dated_by_story(
            doc,
            offset,
            trigger,
            _agent_by_reference(
                doc,
                offset,
                trigger,
                _placed_by_reference(doc, offset, trigger, mention, context),
                context,
            ),
            context,
        )
        for trigger, mention in zip(triggers, mentions, strict=True)
    ]
    _note_subject_body(doc, context)
    orphans = tuple(c for c in casualties if not any(c in group for group in attached.values()))
    if orphans:
        places = _places_of(None, toponyms, triggers)
        trigger = _casualty_trigger(orphans)
        orphan = _mention(trigger, orphans, sentence, context, timexes, places, evidence, offsets)
        orphan = _placed_by_reference(doc, offset, trigger, orphan, context)
        mentions.append(_dated_by_story(doc, offset, trigger, orphan, context))
    return mentions


#: Nouns that, with "the", point back to a town the text has named: "near the port city".
_LOCALITY_NOUNS = frozenset({"city", "town", "village", "port", "area"})
#: Prepositions that place an event at such a town; "near" places it around the town.
_AT_PREPS = frozenset({"in", "at", "inside", "into", "on"})
_AROUND_PREPS = frozenset({"near", "around", "outside"})


def _placed_by_reference(
    doc: Doc, offset: int, trigger: EventTrigger, mention: Mention, context: _Context
) -> Mention:
    """A news event on the ground placed only by "the city" or "the town" ("air strikes on radar
    sites near the port city") happened at the last town the text named before the sentence, the
    way a reader takes it, even when it is an old one. "Near" or "around" it is precision 2;
    "there" ("Three people died there") and "the city's main hospital" place it as "in" does."""
    if mention.places or mention.type not in GROUND_TYPES:
        return mention
    head = _root_at(doc, trigger.trigger_start - offset, trigger.trigger_end - offset)
    if head is None:
        return mention
    if head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "fighting erupted in the town": the verb holds the phrase
    for noun in doc:
        if not head.is_ancestor(noun) or not (
            _names_the_town(noun) or (noun.lower_ == "there" and noun.dep_ == "advmod")
        ):
            continue
        area = noun.lemma_.lower() == "area"
        if _in_a_description(noun, head):
            continue  # "Burundi, which has troops in the area, condemned the offensive"
        place = _last_area_before(offset, context) if area else _last_town_before(offset, context)
        if place is None:
            return mention
        if not area and noun.dep_ == "pobj" and noun.head.lower_ in _AROUND_PREPS:
            place = dataclasses.replace(place, precision=2)
        return dataclasses.replace(mention, places=(dataclasses.replace(place, text=noun.text),))
    return mention


#: Nouns for the doers of one incident: "the attackers" are those of the attack just told.
_PERPETRATOR_NOUNS = frozenset(
    {"attacker", "assailant", "gunman", "raider", "kidnapper", "abductor", "bomber", "shooter"}
)


def _dated_by_story(
    doc: Doc, offset: int, trigger: EventTrigger, mention: Mention, context: _Context
) -> Mention:
    """A news event the text does not date, told after one it dates to a day, happened that day
    when it is part of the same incident: it is placed only at that event's towns ("In Lviv, a
    strike damaged a logistics facility", "Three people died there"), or its doers are "the
    attackers" or "the gunmen" of it. Otherwise it keeps the days up to publication."""
    if mention.background or mention.type not in GROUND_TYPES:
        return mention
    if mention.date is None or mention.date != _undated(context.published):
        return mention
    date = context.last_dates.get(mention.type)
    scenes = context.last_scenes.get(mention.type, frozenset())
    at_scene = (
        date is not None
        and bool(mention.places)
        and all(p.id in scenes and p.precision == 1 for p in mention.places)
    )
    if not at_scene:
        date = date or context.lead_date
        if date is None or not _by_the_perpetrators(doc, offset, trigger):
            return mention
    return dataclasses.replace(mention, date=date)


def _by_the_perpetrators(doc: Doc, offset: int, trigger: EventTrigger) -> bool:
    """Whether the event's agent is "the attackers", "the gunmen": an incident's doers."""
    if trigger.agent is None:
        return False
    noun = _root_at(doc, trigger.agent.start - offset, trigger.agent.end - offset)
    if noun is None or noun.lemma_.lower() not in _PERPETRATOR_NOUNS:
        return False
    return [c.lower_ for c in noun.children if c.dep_ != "punct"] == ["the"]


def _names_the_town(noun: Token) -> bool:
    """ "in the town", "near the port city", "the city's main hospital": a bare locality noun that
    places what it is part of."""
    if noun.lemma_.lower() not in _LOCALITY_NOUNS:
        return False
    if noun.dep_ == "pobj":
        if noun.head.lower_ not in _AT_PREPS | _AROUND_PREPS:
            return False
    elif noun.dep_ != "poss":
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
        c.dep_ in ("prep", "appos") or c.pos_ == "PROPN" for c in noun.children
    )


def _agent_by_reference(
    doc: Doc, offset: int, trigger: EventTrigger, mention: Mention, context: _Context
) -> Mention:
    """ "It has denied losing territory": a verb whose subject is "it" is done by the body the text
    spoke of last (a claimant or the subject of a main clause before it). Not for violence: "A car
    bomb went off ... It killed 12" is the bomb."""
    if mention.agent is not None or context.last_body is None or mention.type in VIOLENT_TYPES:
        return mention
    verb = _root_at(doc, trigger.trigger_start - offset, trigger.trigger_end - offset)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return mention
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "it":
        return mention
    return dataclasses.replace(mention, agent=context.last_body)


def _note_subject_body(doc: Doc, context: _Context) -> None:
    """A body that is the subject of a sentence's main clause is what a following "it" most often
    stands for, whether or not that sentence told an event: "The junta did not respond to requests
    for comment. It has denied losing territory." """
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = None if root is None else next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return
    phrase = doc[subject.left_edge.i : subject.i + 1].text
    actor = context.actors.resolve(phrase)
    if actor is not None and actor.id is not None and actor.kind != "person":
        context.last_body = actor
    elif actor is None and side_of(subject) is not None:  # "the junta", "the army"
        context.last_body = ActorRef(id=None, name=phrase)


def _last_town_before(position: int, context: _Context) -> PlaceRef | None:
    """The last town named before `position` by its own name (not a street placed in it), as the
    gazetteer holds it: "60 miles west of Hodeidah" still names Hodeidah."""
    for place in _named_before(position, context):
        if place.precision == 1:
            return place
    return None


def _last_area_before(position: int, context: _Context) -> PlaceRef | None:
    """What "the area" stands for: the last place named before `position` below a country, around
    a town (precision 2) or as the district or region it is."""
    for place in _named_before(position, context):
        if place.admin1 is not None and place.precision is not None:
            return dataclasses.replace(place, precision=max(2, place.precision))
    return None


def _named_before(position: int, context: _Context) -> Iterator[PlaceRef]:
    """The places named before `position` by their own names, last first."""
    for toponym in reversed(context.places):
        if toponym.start >= position or toponym.approximate:
            continue
        if toponym.place is None or toponym.place.id is None:
            continue
        place = place_by_id(toponym.place.id)
        if place is not None:
            yield place


def _in_a_description(word: Token, head: Token) -> bool:
    """Whether `word` sits in a relative clause or a participle between it and the event's `head`:
    what describes a party ("Burundi, which has troops in the area") does not place the event, nor
    does a clause joined to it ("No group claimed the attack, but JNIM is active in the area")."""
    token = word
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return True
        token = token.head
    return False


def _without_dateline(toponyms: list[Toponym], sentence: AnalyzedSentence) -> list[Toponym]:
    """The dateline is where the reporter files from: its places are the scene only when the
    sentence names no other place."""
    end = sentence.start + dateline_end(sentence.text)
    if end == sentence.start:
        return toponyms
    scene = [t for t in toponyms if t.start >= end]
    return scene or toponyms


#: Verbs of coming from somewhere: in a phrase that describes a noun, their "from" place is
#: where the noun came from ("trucks coming from Senegal", "drones launched from Yemen"), not where
#: the event happened.
_COMING_VERBS = frozenset(
    {"come", "arrive", "travel", "return", "flee", "cross", "originate", "drive", "fly", "sail",
     "launch", "fire"}
)  # fmt: skip
_ROUTE_ENDS = frozenset({"to", "towards", "toward", "into"})
#: Things that travel: "a convoy from Gao" came from there. People do not count: "a man from
#: Gary was shot" is most often shot at home, and local news writes it so.
_CONVEYANCES = frozenset(
    {"convoy", "truck", "lorry", "vehicle", "bus", "train", "flight", "plane", "aircraft", "ship",
     "boat", "vessel", "tanker", "shipment", "cargo", "column"}
)  # fmt: skip


def _is_origin(doc: Doc, offset: int, toponym: Toponym, triggers: Sequence[EventTrigger]) -> bool:
    """Whether a place names where someone or something came from, described on a noun or in a
    clause of its own: "torched trucks coming from Senegal", "a convoy from Gao was ambushed",
    "retook the base after reinforcements arrived from Afgoye". The event is not there. A "from"
    on the event's own verb ("fled from Kayes", "fired from Lebanon"), after a distance ("40 km
    from Bamako") or on people ("a man from Gary was shot") still places it."""
    place = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if place is None:
        return False
    while place.dep_ == "conj" and place.head.i != place.i:
        place = place.head  # "from Senegal and Ivory Coast"
    preposition = place.head
    if place.dep_ != "pobj" or preposition.lower_ != "from" or preposition.dep_ != "prep":
        return False
    head = preposition.head
    if _trigger_at(head, triggers, offset) is not None:
        return False
    if head.pos_ == "VERB":
        # "civilians travelling from Baidoa to Mogadishu": a route; the event lies along it
        route = any(c.dep_ == "prep" and c.lower_ in _ROUTE_ENDS for c in head.children)
        # "retook the base after reinforcements arrived from Afgoye": a clause of its own too
        described = head.dep_ in ("acl", "relcl", "advcl")
        return described and head.lemma_ in _COMING_VERBS and not route
    return head.pos_ == "NOUN" and head.lemma_.lower() in _CONVEYANCES


#: Verbs of speaking whose "from" or "in" place is where the speaker is, not the scene.
_SPEAKING_VERBS = REPORTING_VERBS | {"speak", "talk"}


def _speakers_seat(doc: Doc, offset: int, toponym: Toponym) -> bool:
    """Whether a place is where a speaker spoke from: "told Reuters by phone from Beledweyne",
    "speaking in Geneva". The events the speaker tells of are not there. link/places.py drops
    seats again for incidents by cue words; this reads the parse, which reaches past the words
    between the verb and the place ("told Reuters by phone from")."""
    place = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if place is None or place.dep_ != "pobj":
        return False
    preposition = place.head
    verb = preposition.head
    return (
        preposition.lower_ in ("from", "in")
        and preposition.dep_ == "prep"
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() in _SPEAKING_VERBS
    )


#: Verbs of taking or sending people and things elsewhere: where they were taken is no scene.
_CARRYING_VERBS = frozenset(
    {"divert", "airlift", "evacuate", "take", "rush", "transfer", "transport", "fly", "move",
     "relocate", "carry", "bring", "ferry", "redirect", "reroute"}
)  # fmt: skip


#: Verbs of leaving a scene: where they lead is no place of the event ("withdrew towards Mali").
_LEAVING_VERBS = frozenset({"withdraw", "retreat", "flee", "escape"})
#: Nouns of a country's edge: "towards the border with Mali" heads for the border.
_EDGE_NOUNS = frozenset({"border", "frontier", "boundary"})


def _edge_before(place: Token) -> Token | None:
    """The border noun a place is named after ("towards the border with Mali"), wherever the
    parser hangs the "with"."""
    preposition = place.head
    if place.dep_ != "pobj" or preposition.lower_ not in ("with", "of") or preposition.i == 0:
        return None
    noun = place.doc[preposition.i - 1]
    return noun if noun.lemma_.lower() in _EDGE_NOUNS else None


def _destination(doc: Doc, offset: int, toponym: Toponym, triggers: Sequence[EventTrigger]) -> bool:
    """Whether a place is where someone or something was taken ("were airlifted to the state capital
    Raipur", "flights were diverted to Misrata"): the wounded or the flights got there after the
    event. A verb that is itself the event, or moves the event's own word ("reinforcements were
    rushed to Kupiansk"), keeps it."""
    place = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if place is None:
        return False
    while place.dep_ in ("conj", "appos", "compound") and place.head.i != place.i:
        place = place.head  # "to the state capital Raipur", "fled to Macomia town"
    edge = _edge_before(place)
    place = edge if edge is not None else place
    preposition = place.head
    if place.dep_ != "pobj" or preposition.lower_ not in ("to", "towards", "toward"):
        return False
    verb = preposition.head
    if verb.pos_ == "VERB" and verb.lemma_.lower() in _LEAVING_VERBS:
        return True  # "the attackers withdrew towards Mali": they left the scene for it
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CARRYING_VERBS:
        return False
    # "reinforcements were rushed to Kupiansk": what was moved is the event, and it is there
    moved = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return not any(_trigger_at(t, triggers, offset) for t in [verb, *moved])


#: Links by which a phrase describes the noun it hangs on ("JNIM, the affiliate active in the
#: Sahel", "the RSF, which controls most of Darfur").
_DESCRIBING_LINKS = frozenset({"appos", "relcl", "acl", "amod"})
#: Entity labels of groups; a place described on one is where it acts or holds ground, not where
#: the sentence's event happened. Not people: "Jones, 25, of Gary, was shot" was most often shot
#: where he lives, and local news writes it so (the gun-violence benchmark lost B-cubed with them).
_GROUP_LABELS = frozenset({"ORG", "NORP"})


def _describes_an_actor(
    doc: Doc, offset: int, toponym: Toponym, triggers: Sequence[EventTrigger]
) -> bool:
    """Whether a place sits in a phrase describing a party rather than the event: "JNIM, the
    al-Qaeda affiliate active in the Sahel, claimed the attack". A description of a place ("attacked
    Kutum, a town in North Darfur") keeps its places, and so does a phrase that names an event
    ("the army, which retook Sake on Monday")."""
    token = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if token is None:
        return False
    for _ in range(len(doc)):
        head = token.head
        if head.i == token.i or _trigger_at(head, triggers, offset) is not None:
            return False
        describing = token.dep_ in _DESCRIBING_LINKS and head.pos_ in ("NOUN", "PROPN")
        if describing and head.ent_type_ in _GROUP_LABELS and not _counted(head):
            return True
        if _seat_of_government(token, head):
            return True
        if token.dep_ in ("relcl", "appos") and _names_armed_group(head):
            return True  # "the gang coalition, which controls most of Port-au-Prince, claimed"
        if token.dep_ == "relcl" and _states_a_role(token):
            return True  # "an operative who was responsible for rocket fire toward Israel"
        token = head
    return False


def _counted(noun: Token) -> bool:
    """ "three Palestinians who approached": people counted are people, not a group that acts."""
    return any(c.dep_ == "nummod" for c in noun.children)


#: Verbs of a "who" clause that give someone's standing role, not where they were.
_ROLE_VERBS = frozenset({"lead", "command", "head", "oversee", "coordinate", "direct", "run"})
#: Adjectives of a "who" clause under "be" that give someone's role: "who was responsible for".
_ROLE_STATES = frozenset({"responsible", "behind", "involved", "known", "accountable"})


def _states_a_role(clause: Token) -> bool:
    """Whether a "who" clause says what someone does or answers for, not where they were."""
    if not any(c.tag_ == "WP" and c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    if clause.lemma_ in _ROLE_VERBS:
        return True
    return clause.lemma_ == "be" and any(
        c.dep_ in ("acomp", "prep", "advmod") and c.lower_ in _ROLE_STATES for c in clause.children
    )


#: Bodies that govern from a seat: "the government in Port Sudan", "the regime in Damascus".
_GOVERNING_NOUNS = frozenset(
    {"government", "regime", "administration", "junta", "cabinet", "leadership", "presidency"}
)
#: Governments of a locality or a province sit where their events are: "the local government in
#: Kherson said shelling killed two".
_LOCAL_GOVERNMENT = frozenset(
    {"local", "provincial", "regional", "state", "municipal", "city", "county", "district"}
)


def _seat_of_government(link: Token, noun: Token) -> bool:
    """Whether a phrase says where a national government sits ("the army-aligned government in Port
    Sudan blamed the RSF", "the Taliban government in Afghanistan denies"): the seat is no scene of
    what the government says or does elsewhere."""
    if noun.lemma_.lower() not in _GOVERNING_NOUNS:
        return False
    if not ((link.dep_ == "prep" and link.lower_ == "in") or link.dep_ in ("acl", "relcl")):
        return False  # "based in", "which sits in"; not "the government of Sudan"
    modifiers = (c.lower_ for c in noun.children if c.dep_ in ("amod", "compound"))
    return not any(m in _LOCAL_GOVERNMENT for m in modifiers)


def _names_the_subject(
    doc: Doc, offset: int, toponym: Toponym, triggers: Sequence[EventTrigger]
) -> bool:
    """Whether a place is the possessor of a clause's subject ("Yemen's Houthis fired", "Russia's
    defence ministry said") or the subject of an event's verb ("Russia pounded"): it says who the
    actor is. The caller drops it only when the sentence
    names another place, as the actor's country is often the scene of a war at home."""
    place = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if place is None:
        return False
    if place.dep_ == "nsubj" and place.head.pos_ == "VERB":
        # "Russia pounded Ukraine's energy facilities": the striking country is no scene
        return _trigger_at(place.head, triggers, offset) is not None
    if place.dep_ != "poss":
        return False
    owned = place.head
    while owned.dep_ == "conj" and owned.head.i != owned.i:
        owned = owned.head  # "Israel's army and navy struck"
    if owned.dep_ != "nsubj" or owned.lower_ in _PLACE_PARTS:
        return False
    # "Russia's invasion began": the place is the conflict's own, which _places_of keeps
    return _trigger_at(owned, triggers, offset) is None


def _in_a_body_name(doc: Doc, offset: int, toponym: Toponym) -> bool:
    """Whether a country or a region is a word of an organisation's longer name: "the U.S.
    Central Command", "the Kharkiv regional administration". It says whose the body is, not where
    an event was. A town's body is kept: "the Milwaukee Police Department said a man was shot on
    North 35th Street" is local news of that town."""
    if toponym.place is None or toponym.place.precision == 1:
        return False
    start, end = toponym.start - offset, toponym.end - offset
    for ent in doc.ents:
        words = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        if ent.label_ == "ORG" and words.start_char <= start and end <= words.end_char:
            return (words.start_char, words.end_char) != (start, end)  # not the name alone
    return False


#: Bodies that speak from a capital: "the ministry in Baku said", "the embassy in Kyiv said".
_SEATED_BODIES = frozenset(
    {"ministry", "government", "embassy", "presidency", "cabinet", "parliament", "office"}
)


def _seat_of_a_speaking_body(doc: Doc, offset: int, toponym: Toponym) -> bool:
    """Whether a place is the seat of the body that speaks: "The ministry in Baku said the shots
    were fired from near Sotk". The events it tells of are where the rest of the sentence says."""
    place = _root_at(doc, toponym.start - offset, toponym.end - offset)
    if place is None or place.dep_ != "pobj" or place.head.lower_ != "in":
        return False
    body = place.head.head
    return (
        body.lemma_.lower() in _SEATED_BODIES
        and body.dep_ == "nsubj"
        and body.head.lemma_.lower() in _SPEAKING_VERBS
    )


def _names_armed_group(noun: Token) -> bool:
    """An armed group's generic noun ("the rebels", "the gang coalition"), which the tagger leaves
    untagged. State forces are not counted: "troops, who are stationed in Goma" often are where
    their event is."""
    compounds = [child for child in noun.children if child.dep_ == "compound"]
    return any(side_of(word) == "nonstate" for word in (noun, *compounds))


def _names_a_group(toponym: Toponym, dictionary: ActorDictionary) -> bool:
    """Whether a name the gazetteer does not hold (placed only where the story is) is one the actor
    dictionary knows as a group or a body: the recognizer tags "M23" as a place, but it is the
    rebels, not where they fought."""
    if not toponym.approximate:
        return False
    actor_id = dictionary.aliases.get(toponym.text.split())
    entry = dictionary.get(actor_id) if actor_id is not None else None
    return entry is not None and not entry.is_territorial


#: Links a place does not climb past: a place inside the subject or a possessor names someone
#: ("Milwaukee police are investigating", "Cairo's envoy met"), not where their act happens. (The
#: subject of a passive is what is acted on: "Kyiv was attacked".)
_NAMING_LINKS = frozenset({"nsubj", "poss", "csubj"})
#: Nouns a place's possessive names a part of, so the part's event is the place's too.
_PLACE_PARTS = frozenset(
    {"region", "province", "district", "state", "oblast", "governorate", "county", "city",
     "town", "village", "capital", "countryside", "outskirts", "suburbs", "border", "coast", "area",
     "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)  # fmt: skip


def _place_owners(
    doc: Doc, offset: int, toponyms: Sequence[Toponym], triggers: Sequence[EventTrigger]
) -> dict[int, EventTrigger]:
    """Per toponym start, the event whose words the place says where of, if any: "talks in Cairo"
    makes Cairo the talks' place, "attacked a base in Malam Fatori" the attack's. Found by climbing
    the parse from the place to the first event's words, not through a subject or a possessor."""
    owners: dict[int, EventTrigger] = {}
    if len(triggers) < 2:
        return owners
    for toponym in toponyms:
        token = _root_at(doc, toponym.start - offset, toponym.end - offset)
        if token is None:
            continue
        for _ in range(len(doc)):  # a parse is a tree; the bound only guards against a bad one
            if token.head.i == token.i:
                break
            if token.dep_ in _NAMING_LINKS and not (
                token.dep_ == "poss" and token.head.lower_ in _PLACE_PARTS
            ):
                break  # "Russia's Bryansk region" climbs on: the region is where, Russia's too
            owner = _trigger_at(token.head, triggers, offset)
            if owner is None:
                # an event noun as the subject of a plain verb: "Pakistani shelling hit Poonch"
                subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c != token]
                owner = next(
                    (t for t in (_trigger_at(c, triggers, offset) for c in subjects) if t), None
                )
            if owner is not None:
                owners[toponym.start] = owner
                break
            token = token.head
    return owners


def _distance_owners(
    toponyms: Sequence[Toponym],
    triggers: Sequence[EventTrigger],
    offsets: Sequence[TimeOffset],
    owners: dict[int, EventTrigger],
) -> dict[int, EventTrigger]:
    """A place inside a clause placed by its distance in time belongs to that clause's event:
    "struck Rafah on Tuesday, two months after the army launched its offensive in Khan Younis"
    puts Khan Younis on the offensive, though the parse climbs from it to "struck"."""
    moved: dict[int, EventTrigger] = {}
    for toponym in toponyms:
        scope = next((d.scope for d in offsets if d.scope[0] <= toponym.start < d.scope[1]), None)
        if scope is None:
            continue
        owner = owners.get(toponym.start)
        if owner is not None and scope[0] <= owner.trigger_start < scope[1]:
            continue
        inside = next((t for t in triggers if scope[0] <= t.trigger_start < scope[1]), None)
        if inside is not None:
            moved[toponym.start] = inside
    return moved


def _distance_clauses(doc: Doc, offset: int) -> list[TimeOffset]:
    """Every clause or phrase of the sentence placed by a distance in time, whether or not it
    names an event the lexicon knows ("five days after police launched an operation")."""
    found: dict[tuple[int, int], TimeOffset] = {}
    if not any(token.lower_ in DISTANCE_WORDS for token in doc):
        return []  # most sentences: no distance to climb to
    for token in doc:
        if token.dep_ in ("advcl", "pobj", "pcomp"):
            distance = time_offset(token, offset)
            if distance is not None:
                found.setdefault(distance.scope, distance)
    return list(found.values())


def _across_distance(position: int, trigger: EventTrigger, offsets: Sequence[TimeOffset]) -> bool:
    """Whether a place and an event lie on two sides of a distance in time: "the attack came five
    days after police launched an operation in Croix-des-Bouquets" does not place the attack."""
    return any(
        (d.scope[0] <= position < d.scope[1]) != (d.scope[0] <= trigger.trigger_start < d.scope[1])
        for d in offsets
    )


def _trigger_at(token: Token, triggers: Sequence[EventTrigger], offset: int) -> EventTrigger | None:
    char = token.idx + offset
    return next((t for t in triggers if t.trigger_start <= char < t.trigger_end), None)


#: Events held at a venue (talks, a signing), whose place is seldom where the fighting is.
_VENUE_TYPES = frozenset({"CONSULT", "AGREE"})


def _shared_with(owner: EventTrigger | None, trigger: EventTrigger, owning: set[int]) -> bool:
    """Whether a place another event owns is also this event's. Not when this event has places of
    its own ("drones struck Donetsk, while the army retook the palace in Khartoum"), nor between
    talks and fighting: a place of the talks is no place of the air strikes ("strikes killed 25 as
    talks in Cairo stalled"), nor between the news and an earlier act told as context. An attack
    and the killings or arrests it led to share theirs."""
    if owner is None or owner is trigger:
        return True
    if id(trigger) in owning or owner.context != trigger.context:
        return False  # "the deadliest since May, when militants killed 30 at Dioura"
    talks_and_fighting = {owner.type, trigger.type}
    return not (talks_and_fighting & VIOLENT_TYPES and talks_and_fighting & _VENUE_TYPES)


def _across_contrary_clauses(doc: Doc, offset: int, position: int, trigger_start: int) -> bool:
    """Whether a place or a time and an event lie in two clauses "but" sets apart: "agreed to
    extend a truce last month, but talks in Istanbul ended without a deal" neither places the
    agreement in Istanbul nor dates the talks last month."""
    word = _root_at(doc, position - offset, None)
    event = _root_at(doc, trigger_start - offset, None)
    return word is not None and event is not None and contrary_clauses(word, event)


def _places_of(
    trigger: EventTrigger | None, toponyms: Sequence[Toponym], triggers: Sequence[EventTrigger]
) -> tuple[PlaceRef, ...]:
    """The sentence's places that belong to one event (None: a casualty figure's own mention).

    A conflict named as a whole keeps the places of its own phrase ("Russia's invasion of Ukraine"),
    and the sentence's other events do not share them.
    """
    scopes = [t.scope for t in triggers if t.background and t.scope is not None]

    def inside(toponym: Toponym, scope: tuple[int, int]) -> bool:
        return scope[0] <= toponym.start < scope[1]

    chosen: Sequence[Toponym] = [t for t in toponyms if not any(inside(t, s) for s in scopes)]
    if trigger is not None and trigger.background and trigger.scope is not None:
        scope = trigger.scope
        own = [t for t in toponyms if inside(t, scope)]
        chosen = own or toponyms
    # "in Sagaing's Sagaing township": one place, however often the sentence names it
    unique = {(t.place.id or t.place.name): t.place for t in chosen if t.place is not None}
    return tuple(unique.values())


def _attach_casualties(
    triggers: Sequence[EventTrigger], casualties: Sequence[Casualty]
) -> dict[int, tuple[Casualty, ...]]:
    """Each casualty figure goes to the nearest violent trigger of its sentence."""
    violent = [i for i, t in enumerate(triggers) if t.type in VIOLENT_TYPES]
    groups: dict[int, list[Casualty]] = {}
    if not violent:
        return {}
    for casualty in casualties:
        nearest = min(violent, key=lambda i: abs(triggers[i].trigger_start - casualty.start))
        groups.setdefault(nearest, []).append(casualty)
    return {i: tuple(group) for i, group in groups.items()}


def _mention(
    trigger: EventTrigger,
    casualties: tuple[Casualty, ...],
    sentence: AnalyzedSentence,
    context: _Context,
    timexes: list[Timex],
    places: tuple[PlaceRef, ...],
    evidence: Evidence,
    offsets: Sequence[TimeOffset],
    recalled: Recalled | None = None,
) -> Mention:
    assert sentence.doc is not None
    attribution = attribute(sentence.doc, trigger.trigger_start - sentence.start)
    claimant = _claimant(attribution, sentence.start, context)
    own = _timexes_of(trigger.trigger_start, timexes, sentence, context.published)
    date = _date_of(trigger, own, offsets, context.published, recalled)
    background = trigger.background or _is_old(date, context.published)
    if _speaks_for_a_force(claimant):
        casualties = tuple(_own_losses(sentence.doc, sentence.start, c) for c in casualties)
    return Mention(
        id=_mention_id(context.doc_id, trigger.type, trigger.trigger_start),
        doc_id=context.doc_id,
        type=trigger.type,
        mode=trigger.mode,
        acled_event_type=trigger.acled_event_type,
        acled_sub_event_type=trigger.acled_sub_event_type,
        agent=_actor(trigger.agent.text if trigger.agent else None, context),
        target=_target(trigger, places, context),
        claimant=claimant,
        trigger=trigger.trigger,
        weapons=tuple(trigger.weapons),
        modality=_scheduled(_modality(trigger.modality, attribution), trigger, date, context),
        background=background,
        date=date if date is not None or background else _undated(context.published),
        places=places,
        casualties=casualties,
        confidence=trigger.confidence,
        evidence=evidence,
    )


#: Kinds of actor that are armed forces; their spokespeople's "we" are fighters.
_FORCE_KINDS = frozenset({"military", "armed_group"})


def _speaks_for_a_force(claimant: ActorRef | None) -> bool:
    if claimant is None:
        return False
    return claimant.kind in _FORCE_KINDS or (
        claimant.kind == "person" and claimant.role in military_roles()
    )


def _own_losses(doc: Doc, offset: int, casualty: Casualty) -> Casualty:
    """ "We lost four brave men," an army commander said: a force's own losses are fighters,
    whatever noun names them."""
    if casualty.population is Population.MILITARY:
        return casualty
    span = doc.char_span(casualty.start - offset, casualty.end - offset, alignment_mode="expand")
    verbs = [] if span is None else [t for t in span if t.lemma_ == "lose" and t.pos_ == "VERB"]
    if not any(c.dep_ == "nsubj" and c.lower_ == "we" for v in verbs for c in v.children):
        return casualty
    return dataclasses.replace(casualty, population=Population.MILITARY)


#: What follows the clock time that opens an entry of a live report: "07:40 —", "0830 GMT:".
_AFTER_STAMP = re.compile(r"\s*(?:\(?[A-Z]{2,5}\)?\s*)?[—–:-]\s")


def _stamp(text: str, timex: Timex) -> bool:
    """Whether a clock time stamps an entry of a live report ("07:40 — The governor said three
    people were killed"): it tells when the entry was written, not when what it reports happened,
    which is often the night before."""
    if timex.type != "TIME" or text[text.rfind("\n", 0, timex.start) + 1 : timex.start].strip():
        return False
    return _AFTER_STAMP.match(text[timex.end : timex.end + 12]) is not None


def _dated_by_stamp(mention: Mention, text: str, context: _Context) -> Mention:
    """An event a live report's entry tells and does not date happened by the day of the entry's
    stamp: "10:15 GMT - A missile strike on Dnipro killed three people" is of that day."""
    if mention.background or mention.date != _undated(context.published):
        return mention
    start = mention.evidence.start
    stamp = next(
        (
            t
            for t in reversed(context.stamps)
            if t.start <= start and "\n" not in text[t.start : start]
        ),
        None,
    )
    if stamp is None or stamp.span is None or stamp.span.start is None:
        return mention
    day = stamp.span.start
    return dataclasses.replace(
        mention,
        date=TimeSpan(
            value=day.isoformat(), start=day, end=day, precision=DatePrecision.DAY, text=stamp.text
        ),
    )


def _dates_a_day(date: TimeSpan) -> bool:
    """Whether the text itself dates an event to its day: the day "the attack" recalls, not a
    running campaign's month nor the days up to publication."""
    return bool(date.text) and date.precision is DatePrecision.DAY


#: A recalled event of the sentence and the date the text gave it before ("The attack came ...").
Recalled = tuple[EventTrigger, TimeSpan]


def _recalled(
    doc: Doc, offset: int, triggers: Sequence[EventTrigger], context: _Context
) -> Recalled | None:
    """The sentence's event named again by a bare definite noun ("The attack came a week after
    gunmen killed 12 civilians", "The assault lasted hours") with the date the text last gave an
    event of its type. A noun with words of its own ("the attack on Kyiv", "an attack") may be
    another event, unless those words name the place that event was at ("Gangs torched homes in
    Arcahaie on Thursday ... The attack on Arcahaie forced 3,000 people to flee")."""
    measured = any(t.time_offset is not None for t in triggers)
    for trigger in triggers:
        date = context.last_dates.get(trigger.type)
        if date is None and measured:
            # "Troops detained three men on Tuesday. The incursion came a day after a drone
            # strike": a noun measured against another event is the story's own, told first
            date = context.lead_date
        if date is None or trigger.time_offset is not None:
            continue
        token = _root_at(doc, trigger.trigger_start - offset, None)
        if token is None:
            continue
        noun = _noun_head(token)
        if noun.pos_ != "NOUN" or noun.tag_ not in ("NN", "NNS"):
            continue
        words = {
            c.dep_: c.lower_
            for c in noun.children
            if c.dep_ not in ("compound", "amod", "punct")
            and not _in_a_statement(c)
            and not _at_places(c, offset, context, context.last_scenes.get(trigger.type))
        }
        if words == {"det": "the"} or words == {"det": "this"}:
            return trigger, date
    return None


def _at_places(child: Token, offset: int, context: _Context, scenes: frozenset[str] | None) -> bool:
    """Whether a noun's "on", "in" or "at" phrase names only places among `scenes`."""
    if not scenes or child.dep_ != "prep" or child.lower_ not in ("on", "in", "at"):
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]
    if not objects:
        return False
    start = offset + objects[0].left_edge.idx
    end = offset + objects[0].right_edge.idx + len(objects[0].right_edge)
    named = [
        t.place.id
        for t in _starting_in(context.places, context.place_starts, start, end)
        if t.place is not None and t.place.id is not None
    ]
    return bool(named) and all(place in scenes for place in named)


#: Texts a claim is made in: "claimed the attack in a statement on Telegram".
_CLAIM_MEDIA = STATEMENT_NOUNS | {"video", "message", "post", "posting", "audio", "recording"}


def _in_a_statement(child: Token) -> bool:
    """ "claimed responsibility for the attack in a statement": the parser may hang the text the
    claim was made in on the event's noun; it tells nothing of which attack is meant."""
    if child.dep_ != "prep" or child.lower_ not in ("in", "via", "through"):
        return False
    return any(c.dep_ == "pobj" and c.lemma_.lower() in _CLAIM_MEDIA for c in child.children)


def _date_of(
    trigger: EventTrigger,
    own: list[Timex],
    offsets: Sequence[TimeOffset],
    published: dt.date | None,
    recalled: Recalled | None = None,
) -> TimeSpan | None:
    """The event's date from its own expressions, or from its distance to the sentence's other
    event: "killed 12 on Sunday, two days after militants ambushed a convoy" dates the ambush to
    Friday, and "arrested 40, a week after protesters torched a station on May 3" the arrests to
    about May 10. An expression inside a distance clause dates that clause's event only. An event
    `recalled` by "the attack" keeps the date the text gave it, and dates its distance clause."""
    distance = trigger.time_offset
    if distance is not None:
        inside = [t for t in own if _within_scope(t, distance.scope)]
        date = event_time(inside, anchor=published)
        if date is None:
            host = event_time([t for t in own if t not in inside], anchor=published)
            if host is None and recalled is not None:
                host = recalled[1]  # "The attack came a week after ...": Sunday's attack
            date = from_host(host, distance) if host is not None else None
            window = _undated(published) if host is None else None
            if window is not None:  # "the attack came two days after rebels ambushed a convoy"
                date = before_undated(window, distance)
        return date
    others = [d for d in offsets if not _within_scope(trigger, d.scope)]
    kept = [t for t in own if not any(_within_scope(t, d.scope) for d in others)]
    date = event_time(kept, anchor=published)
    for other in others if date is None else ():
        theirs = event_time([t for t in own if _within_scope(t, other.scope)], anchor=published)
        date = to_host(theirs, other) if theirs is not None else None
        if date is not None:
            break
    if date is None and recalled is not None and recalled[0] is trigger:
        return recalled[1]
    return date


def _within_scope(item: Timex | EventTrigger, scope: tuple[int, int]) -> bool:
    start = item.start if isinstance(item, Timex) else item.trigger_start
    return scope[0] <= start < scope[1]


def _casualty_trigger(casualties: tuple[Casualty, ...]) -> EventTrigger:
    """The event of casualty figures whose sentence names no violent event ("54 soldiers died")."""
    first = casualties[0]
    hedged = all(c.hedged for c in casualties)
    return EventTrigger(
        type="ASSAULT",
        mode=None,
        acled_event_type=None,
        acled_sub_event_type=None,
        trigger_start=first.start,
        trigger_end=first.end,
        trigger=first.text,
        agent=None,
        target=None,
        modality=Modality.HEDGED if hedged else Modality.ASSERTED,
        confidence=CASUALTY_ONLY_CONFIDENCE,
    )


#: Clauses that describe a noun ("which seized power in 2021"): their dates are their own. A
#: participle is not one of them: "a statement issued late on Monday urged" dates the urging.
_DESCRIBING_CLAUSES = frozenset({"relcl"})


def _timexes_of(
    trigger_start: int,
    timexes: list[Timex],
    sentence: AnalyzedSentence,
    published: dt.date | None,
) -> list[Timex]:
    """The sentence's time expressions that date this trigger's event.

    An expression belongs to the clause it hangs from: "clashes erupted on Tuesday" dates the clashes,
    but "under the 1997 treaty" in "Armenia appealed to Moscow under the 1997 treaty" dates the treaty,
    not the appeal, and a relative clause's ("the government, which seized power in 2021, has
    not commented on the attack") dates its own events only. Expressions with no clause of their
    own (a sentence-initial "On Monday,") serve every event of the sentence; the dateline's date
    ("NEW DELHI, May 8 (Reuters) -") only when nothing else dates them.
    """
    if not timexes or sentence.doc is None:
        return timexes
    doc, offset = sentence.doc, sentence.start
    dateline = sentence.start + dateline_end(sentence.text)
    in_text = [t for t in timexes if t.start >= dateline]
    if len(in_text) < len(timexes) and _dates(in_text, published):
        timexes = in_text
    trigger_clause = _clause_of(doc, trigger_start - offset)
    when = _time_of_when_clause(doc, offset, timexes, trigger_clause)
    if when is not None:
        return [when]
    trigger_token = _root_at(doc, trigger_start - offset, None)
    timexes = [_bound_by_since_clause(doc, offset, t, trigger_token, published) for t in timexes]
    if trigger_token is not None and _reported_by(trigger_token) is not None:
        # "JNIM claimed the attack on Saturday": Saturday dates the claim; only the event's own
        # phrase ("claimed Saturday's attack") dates the event
        own_words = {t.i for t in trigger_token.subtree}
        timexes = [
            t
            for t in timexes
            if (root := _root_at(doc, t.start - offset, t.end - offset)) is not None
            and root.i in own_words
        ]
    own = []
    in_clause = []  # the expressions of the trigger's own clause, and those of no clause
    below = []  # those of its own clause or of a clause under it ("killed when ... on Friday")
    below_clause = (
        {t.i for t in doc[trigger_clause].subtree} if trigger_clause is not None else set()
    )
    for timex in timexes:
        start, end = timex.start - offset, timex.end - offset
        clause = _clause_of(doc, start, end)
        shared = clause is None or trigger_clause is None or clause == trigger_clause
        if not shared and clause is not None and _describes_another(doc[clause], trigger_token):
            continue
        if not shared and clause is not None and _in_reduced_relative(doc[clause], trigger_token):
            continue
        if not shared and _across_contrary_clauses(doc, offset, timex.start, trigger_start):
            continue  # "agreed to a truce last month, but talks ended": last month is the truce's
        if not shared and clause is not None and _purpose_of_another(doc[clause], trigger_token):
            continue
        if not shared and _relative_apart(doc, trigger_clause, clause, below_clause):
            continue
        if not shared and clause is not None and _dates_another_noun(doc[clause], trigger_token):
            continue
        if shared or not _modifies_a_noun(doc, start, end):
            if _told_before(doc, start, trigger_token):
                continue
            own.append(timex)
            if shared or clause in below_clause:
                below.append(timex)
        if shared:
            in_clause.append(timex)
    if len(own) > 1:
        # "executed 223 villagers in February, HRW said in a report on Thursday": Thursday dates
        # the report; the event keeps its own month
        told = [t for t in own if _dates_a_statement(doc, t.start - offset, t.end - offset)]
        if told and len(told) < len(own) and _dates([t for t in own if t not in told], published):
            own = [t for t in own if t not in told]
            in_clause = [t for t in in_clause if t not in told]
            below = [t for t in below if t not in told]
    # "despite a ceasefire in place since November 2024", "Sunday's attack": an expression in the
    # event noun's own phrase dates that event before the clause the noun sits in
    phrase = [
        t for t in own if _in_the_nouns_phrase(doc, t.start - offset, t.end - offset, trigger_token)
    ]
    if phrase and _dates(phrase, published):
        return phrase
    # "despite a peace agreement signed in Washington in June": a participle or relative clause
    # on the event's noun dates that event before the clause the noun sits in
    described = [t for t in own if _describes_the_noun(doc, t.start - offset, trigger_token)]
    if described and _dates(described, published):
        return described
    # "agreed to a ceasefire in February 2021, but violations have been reported since an attack
    # killed 26 tourists last month": the attack's own clause dates it, not its neighbour's
    if trigger_clause is not None and len(in_clause) < len(own) and _dates(in_clause, published):
        return in_clause
    # "the army said on Monday that a general was killed when a helicopter came under fire on
    # Friday": a clause under the event's dates it before the clause that reports it
    if len(below) < len(own) and _dates(below, published):
        return below
    return own


def _bound_by_since_clause(
    doc: Doc, offset: int, timex: Timex, trigger: Token | None, published: dt.date | None
) -> Timex:
    """ "1,700 people have been killed since the infighting began in September 2024": a date in a
    "since" clause that does not hold the event starts the stretch the event runs over."""
    if trigger is None or timex.mod is not None:
        return timex
    clause = _clause_of(doc, timex.start - offset, timex.end - offset)
    if clause is None or doc[clause].dep_ != "advcl" or doc[clause].is_ancestor(trigger):
        return timex
    verb = doc[clause]
    if verb == trigger or not any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return timex
    return since_bound(timex, published)


def _time_of_when_clause(
    doc: Doc, offset: int, timexes: list[Timex], clause: int | None
) -> Timex | None:
    """ "The deadliest since May, when militants killed 30 soldiers": a "when" clause on a time
    expression happened at that time, whatever bound the expression sets for the clause it is in."""
    if clause is None:
        return None
    verb = doc[clause]
    whens = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"]
    if verb.dep_ != "relcl" or not whens:
        return None
    for timex in timexes:
        root = _root_at(doc, timex.start - offset, timex.end - offset)
        # the parser may hang the clause elsewhere: "since May 2025, when ..." is May's all the same
        right_after = doc.text[timex.end - offset : whens[0].idx].strip() in ("", ",")
        if root is not None and (root.i == verb.head.i or right_after):
            return dataclasses.replace(timex, mod=None)
    return None


def _noun_head(token: Token) -> Token:
    """The head of the compound a word opens: a trigger ("peace agreement") starts at its first."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


def _dates_another_noun(clause: Token, trigger: Token | None) -> bool:
    """Whether a time expression's clause is a past participle on a noun other than the event's:
    "agreed to open the border, a step toward a peace deal initialled in August" dates the deal."""
    if trigger is None or clause.dep_ != "acl" or clause.tag_ != "VBN" or clause == trigger:
        return False
    noun = _noun_head(trigger)
    described = clause.head
    if described.lemma_.lower() in _ISSUED_TEXTS or (
        described.dep_ == "pobj" and described.head.head == trigger
    ):
        return False  # "in a statement issued late on Monday, the co-chairs urged": its date
    return described != noun and trigger not in clause.subtree


#: How a time expression hangs from an event noun it dates: "Sunday's attack", "the May 3 attack".
_NOUN_DATING_DEPS = frozenset({"poss", "compound", "nmod", "npadvmod"})


def _in_the_nouns_phrase(doc: Doc, start: int, end: int, noun: Token | None) -> bool:
    """Whether a time expression belongs to an event noun's own phrase: a preposition on the noun
    ("a ceasefire since November 2024", "the attack on Sunday") or a modifier of it ("Sunday's
    attack"). One on a noun inside the phrase ("an attack on a base built in 2019") does not."""
    if noun is None or noun.pos_ != "NOUN":
        return False
    noun = _noun_head(noun)
    root = _root_at(doc, start, end)
    if root is None or root == noun:
        return False
    if root.head == noun:
        return root.dep_ in _NOUN_DATING_DEPS
    if root.head.lower_ == "of" and _superlative_before(noun):
        return False  # "one of its largest attacks of the winter": the period compared over
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head == noun


def _superlative_before(noun: Token) -> bool:
    """Whether a superlative stands in the few words before a noun ("the deadliest attack",
    "its largest combined missile and drone attacks")."""
    return any(t.tag_ == "JJS" for t in noun.doc[max(0, noun.i - 6) : noun.i])


def _describes_the_noun(doc: Doc, timex_start: int, noun: Token | None) -> bool:
    """Whether a time expression lies in a participle or relative clause on an event's noun."""
    if noun is None:
        return False
    noun = _noun_head(noun)
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    clause = _clause_of(doc, timex_start)
    return clause is not None and doc[clause].dep_ in ("acl", "relcl") and doc[clause].head == noun


def _relative_apart(
    doc: Doc, trigger_clause: int | None, clause: int | None, below_clause: set[int]
) -> bool:
    """Whether the event is told in a relative clause and the expression lies outside it: in
    "Egypt, which has been mediating, is expected to host talks next week", next week dates the
    talks, not the mediating."""
    if trigger_clause is None or clause is None or clause in below_clause:
        return False
    return doc[trigger_clause].dep_ == "relcl"


def _told_before(doc: Doc, timex_start: int, trigger_token: Token | None) -> bool:
    """Whether a time expression dates the telling of an act its speaker tells in the past perfect:
    in "the ministry said on Monday it had struck a meeting", Monday is when it was said (right
    after the reporting verb, wherever the parser hangs it), and the strike came before it."""
    if trigger_token is None or trigger_token.dep_ != "ccomp":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger_token.children):
        return False
    speaker_verb = trigger_token.head
    if speaker_verb.lemma_ not in REPORTING_VERBS:
        return False
    verb_end = speaker_verb.idx + len(speaker_verb.text)
    if timex_start < verb_end:
        return False  # "On Monday, the ministry said it had struck": the act's own time
    words = doc.char_span(verb_end, timex_start, alignment_mode="expand")
    return words is not None and all(w.lower_ == "on" for w in words)


#: Verbs whose object is an event told before, on another day: the claim, the condemnation or the
#: inquiry is what their sentence dates.
_OF_EARLIER_EVENTS = frozenset(
    {"claim", "condemn", "denounce", "deny", "investigate", "probe", "blame", "mourn", "decry",
     "deplore"}
)  # fmt: skip


#: Verbs whose object is an earlier event remembered: "gathered to mark the anniversary of the
#: massacre in 1995".
_MARKING_VERBS = frozenset({"mark", "commemorate", "remember", "honour", "honor", "protest"})


def _reported_by(event: Token) -> Token | None:
    """The verb that takes an event noun as its object ("claimed the attack", "condemned the
    killing", "claimed responsibility for the bombing"), when it is one of those verbs."""
    token = event
    for _ in range(3):
        if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_ in _OF_EARLIER_EVENTS:
            return token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head  # "responsibility for the bombing"
            continue
        break
    return None


def _describes_another(clause: Token, trigger: Token | None) -> bool:
    """Whether a clause describes a noun other than the event's own: "the government, which
    seized power in 2021" (but "clashes that broke out on July 12" dates the clashes, and "a truce
    that collapsed on March 18, when Israel resumed its bombardment" the bombardment inside it)."""
    if clause.dep_ not in _DESCRIBING_CLAUSES or trigger is None:
        return clause.dep_ in _DESCRIBING_CLAUSES
    inside = clause.left_edge.i <= trigger.i <= clause.right_edge.i
    return clause.head.i != trigger.i and not inside and not _victims_doing(clause, trigger)


#: Verbs that take a clause as complement beside their object ("told reporters it would strike",
#: "assured residents it would stay"): a clause after their object is no relative clause.
_CLAUSE_TAKING_VERBS = REPORTING_VERBS | frozenset(
    {"assure", "convince", "persuade", "remind", "promise", "notify", "signal", "threaten",
     "vow", "pledge", "fear", "hope", "expect", "think", "know", "feel", "worry", "agree", "ask"}
)  # fmt: skip
#: Dependencies of what a clause's verb governs as its object or complement; a clause lacking all
#: of them has a gap its noun fills.
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "attr", "acomp", "oprd", "dative"})


def _in_reduced_relative(clause: Token, trigger: Token | None) -> bool:
    """Whether a clause describes a noun without "that" or "which" and the parser made it the
    complement of the main verb: in "intensified air attacks ahead of elections it plans to hold in
    December", December dates the elections, not the attacks. Told apart from a true complement
    ("told reporters it would retaliate in December") by the main verb, which takes no clause, by the
    pronoun subject right after a noun, and by the object the clause lacks ("hold" what? the
    elections)."""
    top = clause
    while top.dep_ == "xcomp" and top.head.i != top.i:
        top = top.head  # "plans to hold": the clause is the verb that has the subject
    if top.dep_ != "ccomp" or top.head.lemma_.lower() in _CLAUSE_TAKING_VERBS:
        return False
    if trigger is not None and top.left_edge.i <= trigger.i <= top.right_edge.i:
        return False
    first = top.left_edge
    subject = next((c for c in top.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i != first.i or subject.pos_ != "PRON" or first.i == 0:
        return False
    if top.doc[first.i - 1].pos_ != "NOUN":
        return False
    chain = [top]
    while (nxt := next((c for c in chain[-1].children if c.dep_ == "xcomp"), None)) is not None:
        chain.append(nxt)
    return not any(c.dep_ in _COMPLEMENT_DEPS for verb in chain for c in verb.children)


def _victims_doing(clause: Token, trigger: Token) -> bool:
    """ "shot dead three Palestinians who approached their positions on Monday": what the victims
    were doing when the event struck them happened then and there. Not an earlier act ("who had
    attacked a checkpoint") nor a role ("who led the raid")."""
    victim = clause.head
    if victim.head.i != trigger.i or victim.dep_ not in ("dobj", "nsubjpass"):
        return False
    if not any(c.tag_ == "WP" and c.dep_ == "nsubj" for c in clause.children):
        return False
    earlier = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in clause.children)
    return not earlier and not _states_a_role(clause)


def _purpose_of_another(clause: Token, trigger: Token | None) -> bool:
    """Whether a clause is an infinitive of purpose whose verb answers an earlier event, under
    another event: "marched to denounce the death of a blogger last month" (last month dates the
    death, which the parser hangs on "denounce"; the march comes later). Other purposes keep the
    date the parser hangs on them: "fired tear gas to disperse protesters on Friday"."""
    if clause.dep_ not in ("advcl", "xcomp") or clause.tag_ != "VB":
        return False
    if clause.lemma_ not in _OF_EARLIER_EVENTS and clause.lemma_ not in _MARKING_VERBS:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    return trigger is None or not clause.left_edge.i <= trigger.i <= clause.right_edge.i


def _dates(timexes: list[Timex], published: dt.date | None) -> bool:
    """Whether the expressions date an event ("since Thursday" does, closed at the report's day)."""
    return event_time(timexes, anchor=published) is not None


def _clause_of(doc: Doc, start: int, end: int | None = None) -> int | None:
    """Index of the verb heading the clause around characters `start`..`end`, or None."""
    token = _root_at(doc, start, end)
    steps = 0
    while token is not None and steps < len(doc):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            return int(token.i)
        token = token.head if token.head != token else None
        steps += 1
    return None


#: Nouns of a text someone issued: a date on one is when the text came out ("in a report on
#: Thursday", "in a statement on Monday").
_ISSUED_TEXTS = STATEMENT_NOUNS | frozenset(
    {"report", "briefing", "interview", "post", "video", "speech", "letter", "bulletin", "update"}
)


def _dates_a_statement(doc: Doc, start: int, end: int) -> bool:
    """Whether a time expression hangs on the noun of an issued text ("in a report on Thursday")."""
    token = _root_at(doc, start, end)
    if token is None or token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    noun = token.head.head
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in _ISSUED_TEXTS


def _modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
    """Whether the expression sits inside a noun phrase ("the 1997 treaty", "the treaty of 1997")."""
    token = _root_at(doc, start, end)
    while token is not None and token.head != token:
        head = token.head
        if head.pos_ in ("NOUN", "PROPN") and token.dep_ in _NOUN_MODIFIERS:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
        token = head
    return False


_NOUN_MODIFIERS = frozenset({"compound", "amod", "nummod", "pobj", "nmod", "poss"})


def _root_at(doc: Doc, start: int, end: int | None) -> Token | None:
    """The syntactic head of the words at `start`..`end` (one token when `end` is None)."""
    span = doc.char_span(start, end if end is not None else start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _claimant(attribution: Attribution | None, offset: int, context: _Context) -> ActorRef | None:
    """The claimant an attribution names; `offset` is its sentence's place in the document.

    "He said" is the person named nearest before, in any sentence; "it said" the last body that
    claimed something; "Orr said" the person named before whose surname is Orr.
    """
    if attribution is None:
        return None
    position = offset + attribution.start
    if attribution.anaphoric:
        return context.last_body  # "according to the statement": its author, named before
    if attribution.pronoun:
        pronoun = attribution.text.casefold()
        if pronoun in PERSON_PRONOUNS:
            named = context.speakers.last_before(position)
            return _person_ref(named, context) if named is not None else None
        return context.last_body if pronoun in BODY_PRONOUNS else None
    actor = context.actors.resolve(attribution.text)
    if actor is None or actor.id is None or actor.kind == "person":
        named = context.speakers.named_speaker(attribution.text, position)
        if named is not None:
            return _person_ref(named, context)
    claimant = actor or ActorRef(id=None, name=attribution.text)
    described = actor is None and context.speakers.describes_one_person(attribution.text)
    if described:  # "A local official in Ouallam ... said": a later "he said" may be this official
        claimant = ActorRef(id=None, name=attribution.text, kind="person")
    if claimant.kind == "person":
        person = NamedPerson(
            start=position,
            end=offset + attribution.end,
            name=claimant.name,
            phrase=attribution.text,
            named=not described,
        )
        context.speakers.add(person)
    else:
        context.last_body = claimant
    return claimant


def _person_ref(named: NamedPerson, context: _Context) -> ActorRef:
    """The actor of a person the document named: resolved with the title that introduced them (for
    the role); a person the actor dictionary does not know keeps the name the document gives them,
    whatever the resolver learned from the sentences that were parsed."""
    actor = context.actors.resolve(named.phrase)
    if actor is not None and actor.kind == "person" and _is_named(actor, named, context):
        return actor
    found = context.actors.named_person(named.name)
    if found is not None and _is_named(found.actor, named, context):
        return found.actor
    return ActorRef(id=None, name=named.name, kind="person")


def _is_named(actor: ActorRef, named: NamedPerson, context: _Context) -> bool:
    known = actor.id is not None and context.actors.dictionary.get(actor.id) is not None
    return known or name_key(actor.name) == name_key(named.name)


def _actor(text: str | None, context: _Context) -> ActorRef | None:
    if not text:
        return None
    return context.actors.resolve(text) or ActorRef(id=None, name=text)


def _target(
    trigger: EventTrigger, places: Sequence[PlaceRef], context: _Context
) -> ActorRef | None:
    """The event's target; a capital struck as a place ("missiles pounded Kyiv") is the city, not
    the government its name stands for in "Kyiv said"."""
    text = trigger.target.text if trigger.target else None
    actor = _actor(text, context)
    if (
        actor is not None
        and actor.kind == "government"
        and trigger.type == "ASSAULT"
        and any(p.text == text for p in places)
    ):
        return ActorRef(id=None, name=text or actor.name, country=actor.country)
    return actor


def _modality(modality: Modality, attribution: Attribution | None) -> Modality:
    if attribution is None:
        return modality
    if attribution.denied:
        return Modality.DENIED
    return Modality.CLAIMED if modality == Modality.ASSERTED else modality


#: Modalities that present an event as having happened.
_AS_HAPPENED = frozenset({Modality.ASSERTED, Modality.CLAIMED})


def _scheduled(
    modality: Modality, trigger: EventTrigger, date: TimeSpan | None, context: _Context
) -> Modality:
    """An act dated after the report has not happened yet: "talks resume in Doha on Friday" is
    planned. An agreement that takes effect later ("a truce that starts on Sunday") was made all
    the same, so it keeps its modality."""
    if (
        modality not in _AS_HAPPENED
        or trigger.type == "AGREE"
        or date is None
        or date.start is None
        or context.published is None
        or date.start <= context.published
    ):
        return modality
    return Modality.PLANNED


def _within(items: list[_T], starts: list[int], sentence: AnalyzedSentence) -> list[_T]:
    return _starting_in(items, starts, sentence.start, sentence.end)


def _starting_in(items: list[_T], starts: list[int], start: int, end: int) -> list[_T]:
    """The items (sorted by `starts`) that start in the text from `start` up to `end`."""
    return items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _is_old(date: TimeSpan | None, published: dt.date | None) -> bool:
    """Whether the event is the story's background: over before the recent past, or a stretch up
    to publication begun long before it ("1,700 killed since the infighting began in 2024")."""
    if date is None or date.end is None or published is None:
        return False
    if date.end == published and date.start is not None:
        return date.start < published - BACKGROUND_AGE
    return date.end < published - BACKGROUND_AGE


def _undated(published: dt.date | None) -> TimeSpan | None:
    """An event the text does not date: within the days up to publication, at week precision."""
    if published is None:
        return None
    return TimeSpan(
        value=published.isoformat(),
        start=published - UNDATED_WINDOW,
        end=published,
        precision=DatePrecision.WEEK,
        text="",
    )


def _mention_id(doc_id: str, event_type: str, start: int) -> str:
    digest = hashlib.sha256(f"{doc_id}:{event_type}:{start}".encode()).hexdigest()
    return digest[:16]

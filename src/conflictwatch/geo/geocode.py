"""Recognize and resolve every place name of an article: the geo stage's entry points."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span, Token

from conflictwatch.actors import load_actor_dictionary
from conflictwatch.actors.countries import country as country_by_iso3
from conflictwatch.datafiles import read_tsv
from conflictwatch.geo import build
from conflictwatch.geo.gazetteer import Gazetteer, load_gazetteer
from conflictwatch.geo.normalize import fold, match_key
from conflictwatch.geo.recognize import Span as FoundSpan
from conflictwatch.geo.recognize import (
    blocked_ranges,
    entity_spans,
    gazetteer_spans,
    name_word_roles,
    organisation_names,
    person_names,
    repeated_mentions,
    road_end_spans,
    road_ends,
    settlement_spans,
    with_datelines,
    with_longer_names,
)
from conflictwatch.geo.resolve import Mentioned, resolve, spelled_key
from conflictwatch.model import PlaceRef

log = logging.getLogger(__name__)

#: Texts longer than this are geocoded by gazetteer matching alone (no NER run).
MAX_NER_CHARS = 200_000

#: Verbs whose subject, when a place name, stands for a government or people (metonymy).
_ATTITUDE_VERBS = frozenset(
    [
        "say",
        "tell",
        "state",
        "claim",
        "accuse",
        "deny",
        "reject",
        "blame",
        "warn",
        "insist",
        "announce",
        "urge",
        "call",
        "demand",
        "threaten",
        "respond",
        "reply",
        "condemn",
        "praise",
        "welcome",
        "agree",
        "refuse",
        "vow",
        "pledge",
        "propose",
        "offer",
        "sign",
        "ask",
        "argue",
        "recognize",
        "recognise",
        "believe",
        "want",
        "hope",
        "fear",
        "seek",
        "support",
        "oppose",
        "back",
        "criticize",
        "criticise",
        "protest",
        "complain",
        "declare",
        "acknowledge",
        "confirm",
        "admit",
        "allege",
        "report",
        "expel",
        "sanction",
        "recall",
        "summon",
        "negotiate",
        "mediate",
        "veto",
        "approve",
        "decide",
        "plan",
        "intend",
        "prepare",
        "appeal",
        "thank",
        "congratulate",
    ]
)
#: Verbs whose doer sponsors or arms a party: a place named as their agent stands for its
#: government ("a truce brokered by Washington", "rebels armed by Tehran").
_SPONSOR_VERBS = frozenset(["broker", "sponsor", "arm", "fund", "finance", "train", "equip"])
#: Nouns that, possessed by a place name, show it stands for an institution ("Moscow's position").
_INSTITUTION_NOUNS = frozenset(
    [
        "position",
        "government",
        "ministry",
        "minister",
        "president",
        "leader",
        "leadership",
        "officials",
        "official",
        "authorities",
        "authority",
        "army",
        "forces",
        "military",
        "troops",
        "ambassador",
        "embassy",
        "envoy",
        "response",
        "stance",
        "claim",
        "claims",
        "policy",
        "statement",
        "foreign",
        "defense",
        "defence",
        "prime",
        "parliament",
        "delegation",
        "side",
        "administration",
        "regime",
        "allies",
        "ally",
        "diplomat",
        "diplomats",
        "representative",
        "spokesman",
        "spokeswoman",
        "ombudsman",
        "security",
        "intelligence",
        "state",
        "staff",
        "council",
        "junta",
    ]
)
#: Acts a state or a government does, not a place: a place's name as their subject stands for who
#: acts ("Israel was violating the truce"). The passive keeps the place ("Kyiv was attacked").
_AGENT_VERBS = frozenset(
    [
        "violate",
        "breach",
        "launch",
        "invade",
        "annex",
        "retaliate",
        "deploy",
        "mobilize",
        "mobilise",
        "sanction",
        "expel",
        "recall",
        "impose",
        "strike",
        "attack",
        "bomb",
        "shell",
        "target",
        "fire",
        "resume",
        "try",
        "mediate",
        "broker",
        "exchange",
        "swap",
        "release",
        "free",
        "kill",  # parsed subjects only: "an attack on Kharkiv killed four" is no subject
        "carry",  # "the United States carried out air strikes"
        "conduct",
        "mount",
        "stage",
        "press",  # "as Moscow pressed its offensive toward Pokrovsk"
        "push",
    ]
)
#: A name joined to a participle that qualifies someone: "Pakistan-based Lashkar-e-Taiba",
#: "Iran-backed militias". It says where they come from, not where anything happens.
_QUALIFIES_AFTER = re.compile(
    r"^-(?:based|backed|led|allied|aligned|funded|sponsored|supported|trained|armed|made)\b",
    re.IGNORECASE,
)
#: The same acts written right after the name, for texts without a parse. After a form of "be"
#: only the -ing form is the place acting: "Kyiv was attacked" is the place attacked.
_AGENT_STEM = (
    r"(?:violat|breach|launch|invad|annex|retaliat|deploy|mobili[sz]|sanction|expel|impos|"
    r"attack|bomb|shell|target|resum|tr[yi]|fir(?=e|ing)|mediat|broker|exchang|swap|releas|"
    r"carr[yi](?=\w*\s+out)|conduct|mount|stag(?=e|ing)|press|push)"
)
#: Another name joined to the first before their verb: "Egypt and Qatar have been trying", "who
#: Kinshasa and the United Nations say". The names must be capitalised, whatever the verb's case.
_CONJOINED_NAME = (
    r"(?:\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})?"
    r"(?:\s*,\s+(?:which|who))?"  # "Egypt and Qatar, which have been mediating"
)
#: Auxiliaries and adverbs that may stand between the acting name and its verb.
_BEFORE_THE_VERB = r"(?:(?:has|have|had|also|then|again|later|now|reportedly)\s+)*"
_AGENT_VERB_AFTER = re.compile(
    rf"^{_CONJOINED_NAME}\s+{_BEFORE_THE_VERB}"
    rf"(?:{_AGENT_STEM}(?:e|es|ed|ing|s)?|struck|strikes)\b"
    rf"|^{_CONJOINED_NAME}\s+(?:is|was|are|were|has\s+been|have\s+been|had\s+been)\s+"
    rf"(?:(?:also|then|again|still)\s+)?{_AGENT_STEM}(?:ing)\b",
    re.IGNORECASE,
)
#: "Israel killed a commander": killing is a state's act only when the name opens its clause; in "an
#: attack on Kharkiv killed four" the name ends the subject phrase.
_KILLED_AFTER = re.compile(
    rf"^{_CONJOINED_NAME}\s+{_BEFORE_THE_VERB}kill(?:s|ed|ing)?\b",
    re.IGNORECASE,
)
_CLAUSE_OPENS_BEFORE = re.compile(r"(?:[.!?:;\"“”\n]\s*|\b(?:that|say|said|says)\s+)$")
_VERB_AFTER = re.compile(
    rf"^{_CONJOINED_NAME}"
    r"\s+(?:(?:has|have|had|also|then|later|quickly|repeatedly|again|strongly|flatly)\s+){0,2}"
    r"(said|says|accused|accuses|denied|denies|rejected|rejects|blamed|blames|warned|warns|"
    r"insisted|insists|announced|announces|urged|urges|called|calls|demanded|demands|threatened|"
    r"threatens|responded|condemned|condemns|claimed|claims|stated|states|agreed|agrees|refused|"
    r"refuses|wants|hopes|supports|backs|opposes|declared|declares|confirmed|confirms|reported|"
    r"reports|proposed|proposes|signed|signs|saying|accusing|claiming|denying|insisting|warning|"
    r"blaming|demanding"
    # "a claim Kyiv did not confirm": a government's silence is its stance too
    r"|(?:did|does|do|has|have|had|would|could)\s*(?:not|n['’]t)\s+(?:immediately\s+|yet\s+)?"
    r"(?:confirm|comment|respond|say|deny|accept|acknowledge|recogni[sz]e|react))\b",
    re.IGNORECASE,
)
#: A preposition of place before a name: it is no subject of the verb after it ("families in tents
#: near Khan Younis reported shelling").
_PLACE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around)\s+(?:the\s+)?$", re.IGNORECASE)
#: A name set after the noun of a town it is ("the Libyan capital Tripoli", "the port city Aden").
_LOCALITY_NOUN_BEFORE = re.compile(r"\b(?:capital|city|town|village)\s+$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\s+([a-z-]+)(?:\s+([a-z]+))?", re.IGNORECASE)
#: "near the border with Burkina Faso": the neighbour marks where the border is; what happens near it
#: happens on this side. ("Armenia's border with Azerbaijan" and "clashes on the border with" are
#: the border itself, and both sides.) Every member of a list of neighbours is one: "near the border
#: with India and Bangladesh". So is the neighbour that a place is said to border: "attacks in the
#: province, which borders Afghanistan".
_BORDER_WITH = re.compile(
    r"\b(?:(?:near|close\s+to|not\s+far\s+from)\s+the\s+borders?\s+with"
    r"|(?:which|that)\s+(?:borders|bordered)|bordering)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?:the\s+)?)*$",
    re.IGNORECASE,
)
#: "talks between Israel and Hamas", "mediating between Kinshasa and the M23": the names are the
#: parties to the talks, not where they are held. Fighting between two states keeps its places.
_PARTIES_BETWEEN = re.compile(
    r"\b(?:talks|negotiations|mediation|mediating|mediated|mediates|truce|ceasefire|cease-fire|"
    r"deal|agreement|accord|relations|dialogue|summit|meeting|tensions|normali[sz]ation|"
    r"rapprochement|rift|dispute|row)\s+between\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)
#: "the Houthi-run al-Masirah satellite channel", "Kabul TV": a name before a word for a broadcaster
#: or a paper names the medium, not a place ("Kabul police station", "the Kharkiv TV tower" are
#: still in Kabul and Kharkiv).
_MEDIUM_AFTER = re.compile(
    r"\s+(?:(?:satellite|state|news|television|radio|private|local)\s+)*"
    r"(?:channel|tv|television|radio|broadcaster|newspaper|news\s+agency)\b"
    r"(?!\s+(?:tower|mast|building|studios?|offices?|headquarters|station|centre|center))",
    re.IGNORECASE,
)
#: "the West", "Western powers": the political West, not the region of some country named after a
#: compass point ("West" of Cameroon, "Western" of Uganda). "The West Bank", "Western Cape" and
#: "Kanye West" are other names.
_THE_WEST_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NOT_THE_WEST_AFTER = re.compile(
    r"[-\w]|(?-i:\s+[A-Z0-9])|\s+(?:region|province|district|state|county|department|division|zone|"
    r"end|side|coast|bank)\b",
    re.IGNORECASE,
)
_WESTERN_BLOC_AFTER = re.compile(
    r"(?:\s+|-)(?:countries|nations|governments?|powers|allies|partners|leaders|officials|"
    r"diplomats|embassies|capitals|democracies|states|world|media|journalists|sanctions|"
    r"intelligence|military|troops|forces|backers|donors|values|bloc|alliance|backed|"
    r"educated)\b"
)
#: The region the political West is placed at (GeoNames' Western Europe).
THE_WEST_ID = "cw:western-europe"


def _names_the_west(text: str, span: FoundSpan) -> bool:
    if span.text == "West":
        return bool(
            _THE_WEST_BEFORE.search(text[max(0, span.start - 8) : span.start])
        ) and not _NOT_THE_WEST_AFTER.match(text, span.end)
    return span.text == "Western" and bool(_WESTERN_BLOC_AFTER.match(text, span.end))


def _as_the_west(gazetteer: Gazetteer, text: str, span: FoundSpan) -> FoundSpan:
    """The span with the political West as its only candidate when it names it."""
    if not _names_the_west(text, span):
        return span
    index = gazetteer.index_of(THE_WEST_ID)
    return span if index is None else dataclasses.replace(span, candidates=(index,), partial=False)


#: "near Djibo", "outside Kyiv", "south of Marib": what happens lies by the town, not in it, which
#: ACLED codes as precision 2.
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|close\s+to|on\s+the\s+outskirts\s+of|(?:just\s+)?"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|settlement)\s+of\s+)?$",  # "near the town of Bint Jbeil"
    re.IGNORECASE,
)
#: "30 km south of Mosul", "about 200 kilometres (124 miles) south-east of Moscow": the place
#: measured from is a landmark. What happens is near it (ACLED precision 2), or, right after a place
#: of its own ("a refinery in Ryazan, 200 km south-east of Moscow"), at that other place.
_DISTANCE_FROM = re.compile(
    r"(?:\b(?:about|some|around|roughly|nearly|almost|approximately|over|more\s+than|less\s+than|"
    r"just|only)\s+)?"
    r"\b(?:\d[\d,.]*|a\s+few|several|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"a\s+dozen|dozens\s+of|fifteen|twenty|thirty|forty|fifty|a\s+hundred|hundreds\s+of)"
    r"(?:\s*-?\s*)(?:km|kms|kilomet(?:re|er)s?|miles?|mi)\b(?:\s*\([^()]{1,30}\))?\s+"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ward)?\s+)?(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Between a place and the distance that locates it: "Ryazan, about 200 km ...", "the Abu Zabad
#: camp, about 150 km west of El Obeid" (a kind word may follow the name).
_APPOSITION = re.compile(r"^(?:\s+(?-i:[a-z]+)){0,2}\s*,\s*$")
#: A country name right before an office, a force or its weapons names whose they are, not where
#: anything happens: "U.S. President Joe Biden", "Russia Defense Ministry", "U.S. airstrikes";
#: also with another people or country before the noun ("U.S. and British warplanes").
_TITLE_AFTER = re.compile(
    r"^(?P<joined>\s+and\s+(?-i:[A-Z])[\w.'’-]+)?"
    r"\s+(?:president|prime\s+minister|foreign|defen[cs]e|interior|minister|ministry|government|"
    r"envoy|ambassador|embassy|secretary|officials?|spokes(?:man|woman|person)|army|military|"
    r"forces|troops|navy|diplomats?|leaders?|air\s*strikes?|warplanes?|(?:fighter\s+)?jets|"
    r"drones?|missiles?|bombers?|warships?|artillery|shelling)\b",
    re.IGNORECASE,
)
#: What may open a noun phrase right before a name: a dash, a comma, "by", "of", "the" ...
_PHRASE_OPENS_BEFORE = re.compile(r"(?:^|[,(—–-]|\b(?:by|of|from|with|the|and))\s*$", re.IGNORECASE)
#: A place named as the doer of a passive verb of sponsorship, read from the text when there is no
#: parse: "a deal brokered by Washington and [Paris]", "rebels backed by [Rwanda]".
_SPONSOR_BEFORE = re.compile(
    r"\b(?:brokered|backed|sponsored|armed|funded|financed|mediated|supported|trained|equipped)"
    r"\s+by\s+(?:the\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s*(?:,|and)\s+(?:the\s+)?)?$"
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """One place name in a text: where, what it resolves to, and whether it is an event location."""

    start: int  # character offsets into the text
    end: int
    text: str
    place: PlaceRef | None  # None when no gazetteer place fits
    is_location: bool  # False for demonyms and metonyms standing for a government or a people
    confidence: float  # 0..1
    #: The name itself is not in the gazetteer (a street, a school, a building): `place` is the
    #: locality that holds it, at precision 2 (a town) or 3 (a region), with low confidence.
    approximate: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place": None if self.place is None else self.place.as_dict(),
            "is_location": self.is_location,
            "confidence": self.confidence,
            "approximate": self.approximate,
        }


def geocode_text(
    text: str, *, doc: Doc | None = None, parses: SentenceParses = ()
) -> list[Toponym]:
    """Every place name of `text`, resolved with the whole text as context, in text order.

    `doc` is a spaCy Doc of the same text when the caller has one. Without it the configured spaCy
    pipeline is run here (NER is needed to find places well); texts over MAX_NER_CHARS, or when the
    pipeline cannot be loaded, fall back to gazetteer matching alone. When `doc` carries no parse,
    `parses` (sentences parsed apart, each with its first character's offset) tells a name's role
    in its clause ("Burundi, which has troops in the area, condemned").
    """
    if not text or not text.strip():
        return []
    gazetteer = load_gazetteer()
    if doc is None or not _covers(doc, text):
        doc = _parse(text)
    bearers = person_names(doc, text) | organisation_names(doc)
    spans: list[FoundSpan] = entity_spans(doc, gazetteer, text, bearers) if doc is not None else []
    spans = [s if s.candidates else _looked_up(gazetteer, s) for s in spans]
    spans = with_datelines(text, gazetteer, spans)
    blocked = blocked_ranges(doc)
    spans += gazetteer_spans(
        text, gazetteer, spans, blocked, demonyms=_demonym_keys(), bearers=bearers
    )
    roads = road_ends(text)
    spans += road_end_spans(text, gazetteer, spans, roads)
    spans += settlement_spans(text, gazetteer, spans)
    spans += repeated_mentions(text, spans, blocked)
    spans = with_longer_names(text, gazetteer, spans)
    peoples = list(_demonym_pattern().finditer(text))
    languages = _language_ranges(text, doc, peoples, gazetteer)
    demonyms = _demonym_spans(peoples, gazetteer, spans, languages)
    # The recognizer sometimes tags a people as a place ("Ukrainian drones" as GPE): a demonym is
    # never a location, and it stays below as the non-location toponym it is. A language ("said in
    # English") is neither.
    demonym_ranges = {(s.start, s.end) for s in demonyms} | languages
    spans = [s for s in spans if (s.start, s.end) not in demonym_ranges]
    spans.sort(key=lambda s: s.start)
    countries = [  # a people's country is context; a continent's or a region's is not
        gazetteer.country_code(s.candidates[0])
        for s in demonyms
        if s.candidates and int(gazetteer.kind[s.candidates[0]]) == build.COUNTRY
    ]
    countries += actor_home_countries(text)
    toponyms = _resolve_spans(text, gazetteer, spans, _Parses(doc, parses), countries, roads)
    toponyms += [
        Toponym(
            start=s.start,
            end=s.end,
            text=s.text,
            place=gazetteer.place_ref(s.candidates[0], s.text) if s.candidates else None,
            is_location=False,
            confidence=0.9,
        )
        for s in demonyms
    ]
    toponyms += _capitals_named_by_demonym(text, gazetteer, demonyms, spans)
    toponyms += _capitals_named_by_country(text, gazetteer, toponyms)
    toponyms.sort(key=lambda t: (t.start, t.end))
    return toponyms


#: "the Libyan capital": wire copy names a capital by its country's people. Not when the capital's
#: own name follows ("the Ivorian capital, Abidjan"): that name is found as a place itself.
_NOT_A_CITY_AFTER = (
    r"(?!\s*,?\s*[A-Z])(?!\s+(?:markets?|punishment|gains?|flight|expenditure|spending|investment|"
    r"controls?|requirements?|ratios?|goods|stock|injection|reserves?)\b)"
)
_CAPITAL_AFTER = re.compile(r"^\s+capital\b" + _NOT_A_CITY_AFTER)
#: "Haiti's capital": the same, named by the country's possessive.
_POSSESSED_CAPITAL_AFTER = re.compile(r"^['’]s\s+(?P<word>capital)\b" + _NOT_A_CITY_AFTER)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _capitals_named_by_demonym(
    text: str, gazetteer: Gazetteer, demonyms: Sequence[FoundSpan], places: Sequence[FoundSpan]
) -> list[Toponym]:
    """The capital city for "the <people> capital", as a location spanning both words; the people's
    name stays a toponym of its own, as a demonym."""
    found = []
    for span in demonyms:
        after = _CAPITAL_AFTER.match(text[span.end : span.end + 30])
        if after is None or not _THE_BEFORE.search(text[max(0, span.start - 8) : span.start]):
            continue
        if not span.candidates or int(gazetteer.kind[span.candidates[0]]) != build.COUNTRY:
            continue
        capital = gazetteer.capital_of(gazetteer.country_code(span.candidates[0]))
        end = span.end + after.end()
        if capital is None or any(p.start < end and span.start < p.end for p in places):
            continue
        found.append(_capital_toponym(text, gazetteer, capital, span.start, end))
    return found


def _capitals_named_by_country(
    text: str, gazetteer: Gazetteer, toponyms: Sequence[Toponym]
) -> list[Toponym]:
    """The capital city for "<Country>'s capital", as a location on the word "capital"; the
    country keeps its own toponym. The name must have resolved to the country: "Georgia's capital"
    in a story about the state is Atlanta, which the text will name."""
    found = []
    for toponym in toponyms:
        after = _POSSESSED_CAPITAL_AFTER.match(text[toponym.end : toponym.end + 30])
        place = toponym.place
        if after is None or place is None or place.id is None or not toponym.is_location:
            continue
        index = gazetteer.index_of(place.id)
        if index is None or int(gazetteer.kind[index]) != build.COUNTRY:
            continue
        capital = gazetteer.capital_of(gazetteer.country_code(index))
        if capital is None:
            continue
        start, end = toponym.end + after.start("word"), toponym.end + after.end("word")
        found.append(_capital_toponym(text, gazetteer, capital, start, end))
    return found


def _capital_toponym(
    text: str, gazetteer: Gazetteer, capital: int, start: int, end: int
) -> Toponym:
    """A phrase that names a capital without its name, as a location at that capital."""
    name = text[start:end]
    return Toponym(
        start=start,
        end=end,
        text=name,
        place=gazetteer.place_ref(capital, name),
        is_location=True,
        confidence=0.9,
    )


def resolve_spans(
    text: str, spans: Sequence[tuple[int, int]], *, doc: Doc | None = None
) -> list[Toponym]:
    """Resolve place names whose offsets are already known (gold spans), one Toponym per span.

    The result follows the order of `spans`; they are resolved in text order, as the resolver reads
    neighbours ("City, Region", "X in Y") from the names next to each other in the text.
    """
    gazetteer = load_gazetteer()
    clipped = [(max(0, start), min(len(text), end)) for start, end in spans]
    order = sorted(range(len(clipped)), key=lambda k: clipped[k])
    found = [
        _looked_up(
            gazetteer,
            FoundSpan(start=start, end=end, text=text[start:end], label="GOLD", candidates=()),
        )
        for start, end in (clipped[k] for k in order)
    ]
    resolved = _resolve_spans(text, gazetteer, found, _Parses(doc), [], road_ends(text))
    result: list[Toponym | None] = [None] * len(clipped)
    for k, toponym in zip(order, resolved, strict=True):
        result[k] = toponym
    return [t for t in result if t is not None]


def _looked_up(gazetteer: Gazetteer, span: FoundSpan) -> FoundSpan:
    """The span with its candidates, marked partial when only a part of the name named them."""
    candidates, partial = _lookup_with_source(gazetteer, span.text)
    return dataclasses.replace(span, candidates=tuple(candidates), partial=partial)


def _lookup_with_source(gazetteer: Gazetteer, name: str) -> tuple[list[int], bool]:
    """Candidates for a given span (a demonym's country, the name, the name without "the"/"'s",
    else places named by a part of it) and whether they come from a part of the name only."""
    stripped = name.strip()
    demonym = _demonym_key(stripped)
    if demonym is not None:
        index = _demonym_target(gazetteer, _demonym_keys()[demonym])
        if index is not None:
            return [index], False
    hits = gazetteer.lookup(name)
    if hits:
        return hits, False
    trimmed = re.sub(r"^(?:the|The)\s+|['’]s?$", "", stripped)
    hits = gazetteer.lookup(trimmed) if trimmed != stripped else []
    if hits:
        return hits, False
    # "St. Kitts and Nevis": the gazetteer may know only "Saint"
    spelled = spelled_key(trimmed)
    hits = gazetteer.lookup_key(spelled) if spelled != match_key(trimmed) else []
    if hits:
        return hits, False
    for kind_word, kinds, partial in _KIND_WORD_LOOKUPS:
        found = kind_word.match(trimmed)
        if found is None:
            continue
        hits = [i for i in gazetteer.lookup(found["name"]) if int(gazetteer.kind[i]) in kinds]
        if hits:
            return hits, partial
    inner = _inner_name(gazetteer, trimmed)
    if inner:  # a country named inside a name says whose it is ("Bank of Japan"), wherever it is
        return inner, not all(int(gazetteer.kind[i]) == build.COUNTRY for i in inner)
    # a people named inside the name ("Mexican Senate") says whose it is: not a homonym to weigh
    return _inner_demonym(gazetteer, trimmed), False


#: A word after a name that makes it an administrative region's full name ("Sokoto State").
_REGION_WORD = re.compile(
    r"^(?P<name>.+?)\s+(?:state|province|region|district|governorate|county|oblast|prefecture|"
    r"municipality|department)$",
    re.IGNORECASE,
)
#: A word after a name that says it is a town ("Gondar city", "Kutum town").
_TOWN_WORD = re.compile(r"^(?P<name>.+?)\s+(?:city|town|village)$", re.IGNORECASE)
#: A word after a town's name that makes it a site at or beside the town: "Jabalia camp",
#: "Hodeidah port", "Rafah crossing", "Kandahar air base".
_SITE_WORD = re.compile(
    r"^(?P<name>.+?)\s+(?:(?:refugee\s+)?camp|port|(?:border\s+)?crossing|airport|air\s*base|"
    r"airfield|checkpoint)$",
    re.IGNORECASE,
)
#: A name written with a kind word, when the whole is not in the gazetteer (unlike "Gaza City"):
#: (the word, the kinds of place the name without it may be, whether that is a part of the name
#: only). "Gondar city" is the town Gondar. "Sokoto State" is the region, not a town, but still a
#: part of the name ("Ohio State" is as often a college as a state). A camp, a port or a crossing
#: takes the name of the town it lies in or beside.
_KIND_WORD_LOOKUPS: tuple[tuple[re.Pattern[str], frozenset[int], bool], ...] = (
    (_TOWN_WORD, frozenset({build.CITY}), False),
    (_REGION_WORD, frozenset({build.ADMIN1, build.ADMIN2, build.REGION}), True),
    (_SITE_WORD, frozenset({build.CITY, build.ADMIN2}), True),
)


def _demonym_key(text: str) -> str | None:
    """`text` as a key of the demonym table: as written, or in title case when written in capitals
    ("KAZAKH")."""
    table = _demonym_keys()
    if text in table:
        return text
    if text.isupper() and len(text) > 3:
        titled = " ".join(w.capitalize() for w in text.split())
        if titled in table:
            return titled
    return None


def _inner_demonym(gazetteer: Gazetteer, name: str) -> list[int]:
    """The place of a people or continent named inside an unknown longer name: "Mexican Senate" ->
    Mexico, "European Commission" -> Europe. The longest demonym wins, leftmost on ties. A name
    ending in a word like "Street" or "Quarter" was given after the people and lies in the story's
    own town ("French Quarter")."""
    words = name.split()
    if len(words) < 2 or len(words) > 8 or _is_named_after(words[-1]):
        return []
    table = _demonym_keys()
    for size in (3, 2, 1):
        for first in range(len(words) - size + 1):
            run = " ".join(words[first : first + size])
            if run in table:
                index = _demonym_target(gazetteer, table[run])
                if index is not None:
                    return [index]
    return []


def _is_generic(word: str) -> bool:
    return word.lower().strip(".,'’") in name_word_roles()


def _is_named_after(word: str) -> bool:
    return name_word_roles().get(word.lower().strip(".,'’")) == "named_after"


def _inner_name(gazetteer: Gazetteer, name: str) -> list[int]:
    """Places named by a part of an unknown longer name ("Colorado State University" -> Colorado).

    The longest run of words with known places wins; between runs of one length, the best-known
    place ("Robinson College Cambridge" is in Cambridge, not in Robinson, Texas), then the leftmost.
    Runs made only of generic words ("State", "Center") do not count.
    """
    words = name.split()
    if len(words) < 2 or len(words) > 8 or _is_named_after(words[-1]):
        return []
    for size in range(len(words) - 1, 0, -1):
        found: list[list[int]] = []
        for first in range(len(words) - size + 1):
            run = words[first : first + size]
            if all(_is_generic(w) for w in run) or not run[0][:1].isupper():
                continue
            hits = gazetteer.lookup(" ".join(run))
            if size == 1 and len(run[0]) <= 2:  # "Al", "Le", "St" are particles; "US" is a country
                hits = [h for h in hits if int(gazetteer.kind[h]) == build.COUNTRY]
            main = [h for h in hits if _notable(gazetteer, h, " ".join(run))]
            if main:
                found.append(main)
        if found:
            return max(found, key=lambda hits: max(_standing(gazetteer, h) for h in hits))
    return []


def _standing(gazetteer: Gazetteer, index: int) -> tuple[int, int]:
    """How well known a place is: a country before a region before a city, then by population."""
    rank = {build.COUNTRY: 3, build.ADMIN1: 2, build.CONTINENT: 2, build.REGION: 2}
    return rank.get(int(gazetteer.kind[index]), 1), int(gazetteer.population[index])


#: Smallest population of a city named by a part of a longer name.
INNER_MIN_POPULATION = 10_000


def _notable(gazetteer: Gazetteer, index: int, name: str) -> bool:
    """A part of a name is weak evidence: only well-known places with that very main name count."""
    kind = int(gazetteer.kind[index])
    if kind == build.COUNTRY:  # any of a country's names will do: "US Federal Reserve"
        return True
    if fold(gazetteer.names[index]) != fold(name):
        return False
    return kind != build.CITY or int(gazetteer.population[index]) >= INNER_MIN_POPULATION


def _a_peoples_body(gazetteer: Gazetteer, span: FoundSpan) -> bool:
    """Whether the name is a body named after a people ("African Union", "Mexican Senate"): placed
    at the people's land, but no location of anything."""
    words = span.text.split()
    return (
        len(words) > 1
        and not span.partial
        and not gazetteer.lookup(span.text)
        and _demonym_key(span.text) is None
        and bool(_inner_demonym(gazetteer, span.text))
    )


#: Actors that fight or govern in one country: naming one says where the story is ("Houthi
#: fighters shelled Hays" is Hays in Yemen), as the issue's "the event's actors" context asks.
_LOCAL_ACTOR_KINDS = frozenset({"armed_group", "separatist_authority"})


def actor_home_countries(text: str) -> list[str]:
    """The ISO 3166 alpha-2 country of each distinct one-country armed group or separatist
    authority of the actor dictionary named in `text` (case as written: "RSF", "Houthi")."""
    pattern, homes = _local_actor_names()
    if pattern is None:
        return []
    named = {homes[m.group(0)] for m in pattern.finditer(text)}
    return [iso2 for _, iso2 in sorted(named)]


@functools.cache
def _local_actor_names() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """A pattern of the names and aliases of one-country actors, and per name (actor id, ISO2)."""
    gazetteer = load_gazetteer()
    abroad = {row["id"] for row in read_tsv("actors_abroad.tsv")}
    homes: dict[str, tuple[str, str]] = {}
    for entry in load_actor_dictionary().entries.values():
        state = country_by_iso3(entry.country) if entry.country else None
        if entry.kind not in _LOCAL_ACTOR_KINDS or state is None or not state.iso2:
            continue
        if entry.id in abroad:  # Wagner is Russian and fights in Mali: Russia says nothing here
            continue
        for form in (entry.name, *entry.aliases):
            if not _a_place_called(gazetteer, form):  # "Fano", "Tiraspol": the place speaks
                homes.setdefault(form, (entry.id, state.iso2))
    if not homes:
        return None, homes
    names = "|".join(re.escape(form) for form in sorted(homes, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"), homes


def _a_place_called(gazetteer: Gazetteer, name: str) -> bool:
    key = fold(name)
    return any(fold(gazetteer.names[c]) == key for c in gazetteer.lookup(name))


def _demonym_target(gazetteer: Gazetteer, code: str) -> int | None:
    """The place a demonym stands for: an ISO country code or a gazetteer id ("gn:6255148")."""
    if ":" in code:
        return gazetteer.index_of(code)
    return gazetteer.index_of_country(code)


def _resolve_spans(
    text: str,
    gazetteer: Gazetteer,
    spans: Sequence[FoundSpan],
    parses: _Parses,
    countries: Sequence[str],
    roads: Sequence[tuple[int, int]],
) -> list[Toponym]:
    """Toponyms of the spans; `roads` are the town names roads are named by (see road_ends)."""
    spans = [_as_the_west(gazetteer, text, s) for s in _with_acronyms(spans)]
    road_starts = {start for start, _ in roads}
    road_stops = {end for _, end in roads}
    names = [
        Mentioned(start=s.start, end=s.end, text=s.text, candidates=s.candidates, partial=s.partial)
        for s in spans
    ]
    choices = resolve(gazetteer, names, text, context_countries=countries)
    result = []
    for k, (span, choice) in enumerate(zip(spans, choices, strict=True)):
        place = None if choice.index is None else gazetteer.place_ref(choice.index, span.text)
        landmark = _landmark(text, span, spans[k - 1] if k else None)
        near = (
            _NEAR_BEFORE.search(text, max(0, span.start - 40), span.start) is not None
            or span.start in road_starts
            or span.end in road_stops
        )
        if place is not None and (choice.fallback or landmark is not None or near):
            # somewhere in the place that holds it, or near the place measured from or named
            place = dataclasses.replace(place, precision=max(2, place.precision or 1))
        result.append(
            Toponym(
                start=span.start,
                end=span.end,
                text=span.text,
                place=place,
                is_location=not landmark
                and not _names_the_west(text, span)
                and not _MEDIUM_AFTER.match(text, span.end)
                and not _is_metonym(text, span, parses.root(span))
                and not _a_peoples_body(gazetteer, span)
                and not _PARTIES_BETWEEN.search(text[max(0, span.start - 90) : span.start])
                and not (
                    _is_country(gazetteer, choice.index)
                    and (
                        _names_whose(text, span)
                        or _BORDER_WITH.search(text[max(0, span.start - 90) : span.start])
                    )
                ),
                confidence=choice.confidence,
                approximate=place is not None and choice.fallback,
            )
        )
    return result


def _names_whose(text: str, span: FoundSpan) -> bool:
    """Whether a country name says whose an office, a force or a weapon is (`_TITLE_AFTER`). Joined
    to another name, only where a noun phrase opens: in "shelled Ukraine and Russian troops
    advanced" Ukraine is the place shelled (the parser joins the two names either way)."""
    match = _TITLE_AFTER.match(text[span.end :])
    if match is None:
        return False
    if match.group("joined") is None:
        return True
    before = text[max(0, span.start - 12) : span.start]
    return span.start == 0 or bool(
        _CLAUSE_OPENS_BEFORE.search(before) or _PHRASE_OPENS_BEFORE.search(before)
    )


def _landmark(text: str, span: FoundSpan, previous: FoundSpan | None) -> bool | None:
    """None when no distance is measured from the place; else whether it only locates the place
    named right before it ("in Ryazan, 200 km south-east of Moscow")."""
    window = max(0, span.start - 90)
    distance = _DISTANCE_FROM.search(text, window, span.start)
    if distance is None:
        return None
    return (
        previous is not None
        and previous.end <= distance.start()
        and bool(_APPOSITION.match(text[previous.end : distance.start()]))
    )


#: A name in capitals that may be the initials of a longer name ("SA", "KZN" is not: one word).
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")
#: Small words left out of initials ("Democratic Republic of the Congo" -> DRC).
_NOT_INITIALS = frozenset(["of", "the", "and", "&", "de", "du", "la", "el", "al"])


def _initials(name: str) -> str:
    words = re.split(r"[\s-]+", name.strip())
    return "".join(w[0] for w in words if w and w.lower() not in _NOT_INITIALS).upper()


def _with_acronyms(spans: Sequence[FoundSpan]) -> list[FoundSpan]:
    """Initials stand for the longer name they abbreviate in the same text: "SA" after "South
    Africa" takes South Africa's candidates, not those of a village called Saa."""
    longer: dict[str, tuple[int, ...]] = {}
    for span in spans:
        words = span.text.split()
        if len(words) >= 2 and span.candidates and words[0][:1].isupper():
            longer.setdefault(_initials(span.text), span.candidates)
    if not longer:
        return list(spans)
    return [
        dataclasses.replace(s, candidates=longer[s.text], partial=False)
        if _ACRONYM.match(s.text) and s.text in longer
        else s
        for s in spans
    ]


def _is_country(gazetteer: Gazetteer, index: int | None) -> bool:
    return index is not None and int(gazetteer.kind[index]) == build.COUNTRY


def _covers(doc: Doc, text: str) -> bool:
    """A cheap check that `doc` was made from `text` (Doc.text rebuilds the string from tokens)."""
    if len(doc) == 0:
        return False
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(
        doc[0].text, doc[0].idx
    )


def _parse(text: str) -> Doc | None:
    if len(text) > MAX_NER_CHARS:
        return None
    try:
        from conflictwatch.analyze.nlp import load_pipeline

        nlp = load_pipeline()
        with nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names]):
            return nlp(text)
    except (OSError, ValueError) as exc:  # pipeline missing or text rejected: gazetteer only
        log.warning("geocoding without NER: %s", exc)
        return None


#: Words that introduce whom a report cites: the name after them is a source, not a place.
#: A noun whose object a state is, never a scene: "pressure on Moscow", "new sanctions against
#: Tehran", "talks with Washington" are done to or with a government, wherever that happens.
_LEVERAGE_BEFORE = re.compile(
    r"\b(?:(?:pressure|sanctions?|embargo(?:es)?|tariffs?|restrictions|curbs|demands)\s+"
    r"(?:on|against)|(?:talks|negotiations|relations|ties|dialogue|deal|agreement|accord|contacts|"
    r"cooperation|partnership|alliance|rapprochement|normali[sz]ation|war)\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: The one accused, urged or pressed is a government, read from the text when there is no parse:
#: "Kyiv accuses Moscow of torture", "called on the United States and France to pressure Israel".
_ADDRESSED_BEFORE = re.compile(
    r"\b(?:accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|"
    r"pressur(?:e|es|ed|ing)|press(?:es|ed|ing)?|persuad(?:e|es|ed|ing)|sanction(?:s|ed|ing)?)"
    r"\s+(?:the\s+)?"
    r"(?-i:(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s*(?:,|and)\s+(?:the\s+)?)?)$",
    re.IGNORECASE,
)
#: A source ends with the name, or with the hospital it names: "according to Nasser Hospital".
_SOURCE_ENDS = re.compile(
    r"(?:\s+(?:Hospital|Medical\s+(?:Center|Centre|Complex)|Clinic|Infirmary))?\s*(?:[,.;:)\]]|$)"
)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|citing|cited\s+by)\s+(?:the\s+)?$", re.IGNORECASE)


def _is_metonym(text: str, span: FoundSpan, root: Token | None) -> bool:
    """A place name standing for its government or people: "Baku accused", "Moscow's position",
    "according to Kyiv" (or a body named like its seat: "according to the United Nations").
    `root` is the name's head word in a parse, when there is one."""
    if _SOURCE_BEFORE.search(text, max(0, span.start - 30), span.start) and _SOURCE_ENDS.match(
        text, span.end
    ):
        return True  # the name is the whole source: not "according to Texas officials"
    if _LEVERAGE_BEFORE.search(text, max(0, span.start - 40), span.start):
        return True
    if _ADDRESSED_BEFORE.search(text, max(0, span.start - 60), span.start):
        return True
    after = text[span.end : span.end + 60]
    if _QUALIFIES_AFTER.match(after):
        return True
    possessive = _POSSESSIVE_AFTER.match(after)
    if possessive and any(
        (word or "").lower() in _INSTITUTION_NOUNS for word in possessive.groups()
    ):
        return True
    before = text[max(0, span.start - 16) : span.start]
    if _LOCALITY_NOUN_BEFORE.search(before):
        return False  # "clashes in the Libyan capital Tripoli killed nine": the parse may miss it
    if root is not None and _acts_in_parse(root):
        return True
    opens = span.start == 0 or _CLAUSE_OPENS_BEFORE.search(
        text[max(0, span.start - 12) : span.start]
    )
    if opens and _KILLED_AFTER.match(after):
        return True
    if (_VERB_AFTER.match(after) or _AGENT_VERB_AFTER.match(after)) and not _PLACE_BEFORE.search(
        before
    ):
        return True
    return bool(_SPONSOR_BEFORE.search(text[: span.start][-80:]))


def _acts_in_parse(root: Token) -> bool:
    """Whether the parse makes a name an actor: the subject of a verb of stance or action, the doer
    of a passive verb of stance or sponsorship, the one accused or urged. Where it does not, the
    word patterns still may: a parse misses what a relative clause holds apart ("Egypt and Qatar,
    which have been mediating")."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "brokered by Washington and Paris": Paris is as Washington is
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in _ATTITUDE_VERBS:
        return True
    if root.dep_ == "nsubj" and root.head.lemma_ in _AGENT_VERBS:
        return True  # "Israel was violating the truce", "Moscow launched an offensive"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        # the doer of a passive verb of stance or sponsorship: "a deal brokered by Paris"
        verb = root.head.head.lemma_
        return verb in _ATTITUDE_VERBS or verb in _SPONSOR_VERBS
    return root.dep_ == "dobj" and root.head.lemma_ in _ADDRESSED_VERBS


#: Verbs whose object is a government addressed or held to account, not a place.
_ADDRESSED_VERBS = frozenset({"accuse", "blame", "urge", "call", "pressure", "sanction"})

#: Sentences parsed apart from their text, each with the offset of its first character.
SentenceParses = Sequence[tuple[int, Doc]]


@dataclasses.dataclass(frozen=True)
class _Parses:
    """Where a name's parse is found: the whole text's Doc when it was parsed, else the sentence
    parsed apart that holds the name (the extraction parses only sentences about conflict)."""

    doc: Doc | None
    sentences: SentenceParses = ()

    def root(self, span: FoundSpan) -> Token | None:
        if self.doc is not None and self.doc.has_annotation("DEP"):
            return _span_root(self.doc, span.start, span.end)
        # the sentences come in text order: the last one starting at or before the name holds it
        k = bisect.bisect_right(self.sentences, span.start, key=lambda pair: pair[0]) - 1
        if k < 0:
            return None
        start, sentence = self.sentences[k]
        if span.end > start + len(sentence.text):
            return None
        return _span_root(sentence, span.start - start, span.end - start)


def _span_root(doc: Doc, start: int, end: int) -> Token | None:
    chars: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return None if chars is None else chars.root


def is_demonym(text: str) -> bool:
    """Whether `text` is a people's name the gazetteer's demonym table holds ("Armenian")."""
    return text in _demonym_keys()


@functools.cache
def _demonym_keys() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_tsv("gazetteer_demonyms.tsv"):
        for word in row["demonyms"].split("|"):
            if word.strip():
                table[word.strip()] = row["country"]
    return table


@functools.cache
def _demonym_pattern() -> re.Pattern[str]:
    words = sorted(_demonym_keys(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


#: What comes before a language's name: "spoke only French", "translated into Arabic".
_SPOKEN = re.compile(
    r"\b(?:speaks?|spoke|spoken|speaking|fluent in|(?:translated|dubbed) into|written in)"
    r"\s+(?:only\s+|fluent\s+|little\s+|some\s+|no\s+|good\s+|broken\s+)?$",
    re.IGNORECASE,
)


def _language_ranges(
    text: str, doc: Doc | None, peoples: Sequence[re.Match[str]], gazetteer: Gazetteer
) -> set[tuple[int, int]]:
    """Offsets of languages: what the recognizer labels LANGUAGE when it is a people's name or no
    place ("the port of Odesa" is no language), and a people's name right after a verb of speaking
    (the small model calls "spoke only French" a people)."""
    found = (
        {
            (e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ == "LANGUAGE"
            and (_demonym_key(e.text) is not None or not gazetteer.lookup(e.text))
        }
        if doc is not None
        else set()
    )
    for match in peoples:
        if _SPOKEN.search(text[max(0, match.start() - 40) : match.start()]):
            found.add((match.start(), match.end()))
    return found


def _demonym_spans(
    peoples: Sequence[re.Match[str]],
    gazetteer: Gazetteer,
    places: Sequence[FoundSpan] = (),
    languages: Collection[tuple[int, int]] = (),
) -> list[FoundSpan]:
    """Demonyms ("Armenian", "Azeri") as spans whose single candidate is their country.

    Not a demonym: a word inside a longer place name ("Saudi" of "Saudi Arabia") and a language the
    recognizer names as such ("said in English").
    """
    table = _demonym_keys()
    longer = [(p.start, p.end) for p in places]
    spans = []
    for match in peoples:
        if (match.start(), match.end()) in languages or any(
            start <= match.start() and match.end() <= end and end - start > len(match.group(0))
            for start, end in longer
        ):
            continue
        country = table.get(match.group(0))
        index = _demonym_target(gazetteer, country) if country else None
        spans.append(
            FoundSpan(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                label="NORP",
                candidates=() if index is None else (index,),
            )
        )
    return spans

"""Finding place names in text: spaCy's GPE/LOC/FAC entities plus gazetteer matches NER missed.

A capitalized word sequence the gazetteer knows counts as a place name only with evidence that it is one:
a cue before it ("village of", "near", "in", "towards") or a place in the same enumeration
("Vardenis, Sotk and Kapan"). Capitalized words found elsewhere in lowercase ("Mobile", "Reading") and
words at a sentence start without a cue are not taken, so common words do not flood the output.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Container

from spacy.lookups import Lookups
from spacy.tokens import Doc

from conflictwatch.datafiles import read_tsv
from conflictwatch.describe.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from conflictwatch.geo import build
from conflictwatch.geo.dateline import dateline_names
from conflictwatch.geo.gazetteer import Gazetteer
from conflictwatch.geo.normalize import arabic_key, fold, match_key
from conflictwatch.timex.holidays import holiday_rules

#: Entity labels that name places; NORP (nationalities) is handled as demonyms.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entities that block gazetteer matches unless a cue precedes them.
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})

#: A capitalized compound adjective is no part of the name after it: "Russian-occupied Crimea",
#: "Houthi-controlled Hodeidah", "Kurdish-led forces".
_COMPOUND_ADJECTIVE = (
    r"[A-Z][\w'’]*-(?:occupied|held|controlled|backed|led|run|allied|aligned|based|ruled|besieged|"
    r"administered|annexed|dominated|majority|speaking)\b"
)
_CAPITALIZED = re.compile(
    rf"(?<![\w'’-])(?!{_COMPOUND_ADJECTIVE})(?:(?:al|el|as|ash|at|ad|ar|az|an)-)?[A-Z][\w'’.-]*(?:[ ](?:(?:of|de|del|la|el|al|upon|on|du)[ ])?"
    r"(?:(?:al|el|ad|ar|as|ash|at|az|ed|er|es|ez|an|en)-|[dl]['’])?[A-Z][\w'’-]*){0,4}"
)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|from|to|towards?|outside|around|into|across|through|throughout|inside|"
    # a kind word in capitals begins the name itself: "City Hall", "County Road 12"
    r"(?-i:village|villages|town|towns|city|capital|settlement|province|region|district|county|"
    r"mountain|river|border)|mount|between|via|"
    r"taking|take|took|capture|captured|seize|seized|shelled|shelling|liberated|retook|recaptured|"
    r"entered|occupied|evacuated|bombed|raided|stormed|overran|besieged|encircled|"
    # rivers, seas and borders are crossed and lined: "crossing the Rio Grande", "along the Nile"
    r"cross|crosses|crossed|crossing|along|alongside|(?:banks?|shores?)\s+of|"
    r"(?:village|town|city|port|settlement|region|province|district|territory|territories|outskirts|"
    r"suburbs?|coast|area|centre|center|heart|neighbou?rhood|municipality|municipalitie|commune|"
    r"township|governorate|oblast|prefecture|department|state|canton|parish|emirate|county)s?"
    r"\s+of|off|"
    r"(?:siege|fall|capture|recapture|liberation|encirclement|evacuation|bombing|shelling)\s+of|"
    r"(?:governor|mayor)\s+of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"(?:most|much|parts?|control|out)\s+of|(?:advanc|march)(?:ed|ing|es)?\s+on|closing\s+in\s+on|"
    r"borders?\s+with|(?<=\w-)(?:held|controlled|run))"
    r"(?:\s+the)?(?:\s+(?:nearby|neighbou?ring))?,?\s*$)",  # "in nearby Kyaukphyu"
    re.IGNORECASE,
)
#: Verbs and nouns of attack, and verbs of holding ground, take people as often as places: after
#: them, a name NER calls a person is a place only when it is a large one ("rebels attacked Goma",
#: not "gunmen attacked Johnson").
_ATTACKED_BEFORE = re.compile(  # and "the siege of Mariupol", "the battle for Bakhmut"
    r"\b(?:attacked|attacking|struck|targeted|hit|hitting|pounded|bombarded|holds?|held|holding|"
    r"controls?|controlling|defend(?:s|ed|ing)?|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?|besieg(?:e|es|ed|ing)|"
    r"captur(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|storm(?:s|ed|ing)?|"
    r"raid(?:s|ed|ing)?|overr[au]n|retook|retak(?:e|es|ing)|liberat(?:e|es|ed|ing)|"
    r"(?:attacks?|assaults?|offensive|raids?|strikes?)\s+on|"
    r"(?:defen[cs]e|siege|battle|fall|capture|recapture|liberation|encirclement|blockade)\s+"
    r"(?:of|for))(?:\s+the)?\s+$",
    re.IGNORECASE,
)
#: The same after a name, in the passive or with "came under": "Kyiv was attacked overnight",
#: "Kharkiv came under fire", "Lashio fell to the rebels".
_PASSIVE = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|is\s+being|was\s+being)\s+"
_CAME_UNDER = r"(?:came|comes|come|has\s+come|had\s+come)\s+under\s+(?:heavy\s+|renewed\s+)?"
_ATTACKED_AFTER = re.compile(
    rf"^\s+(?:{_PASSIVE}"
    r"(?:again\s+)?(?:attacked|shelled|bombed|bombarded|struck|hit|targeted|pounded|captured|seized|"
    r"besieged|encircled|surrounded|overrun|recaptured|retaken|liberated|evacuated|occupied)|"
    rf"{_CAME_UNDER}(?:fire|attack|shelling|bombardment|siege|assault)|fell\s+to)\b",
    re.IGNORECASE,
)
#: What only a place undergoes, after its name: "Avdiivka came under heavy shelling", "Lyman was
#: shelled overnight". NER often calls an unknown name opening a sentence a person or a
#: body; a person can be attacked, hit or captured, but not shelled or besieged.
_PLACE_ONLY_AFTER = re.compile(
    rf"^\s+(?:{_PASSIVE}"
    r"(?:again\s+|heavily\s+)?(?:shelled|bombed|bombarded|besieged|encircled|overrun|recaptured|"
    r"retaken|liberated|occupied)|"
    rf"{_CAME_UNDER}(?:shelling|bombardment|siege|artillery\s+fire|rocket\s+fire))\b",
    re.IGNORECASE,
)
_LARGE_PLACE = 100_000
#: The first word of many Arabic place names says what the place is, as a kind word does: spring
#: (Ain), hill (Tal), monastery (Deir), village (Kafr), house (Beit), caravanserai (Khan), bridge
#: (Jisr), cape (Ras), valley (Wadi), mountain (Jabal), well (Bir). The small NER model calls
#: "Ain Issa" and "Tal Tamr" people.
_PLACE_ELEMENT = re.compile(
    r"^(?:(?:al|el)-)?(?:ain|ayn|tal|tall|tel|tell|deir|dayr|kafr|kfar|beit|bayt|khan|jisr|ras|"
    r"wadi|jabal|jebel|bir|qasr|marj|nahr)\s+[A-Z]",
    re.IGNORECASE,
)
#: A compass adjective in lowercase right before a capitalized name: "eastern Ghouta", "in central
#: Mali", "north-west Syria", "neighbouring Burkina Faso". It says the name is an area, even where the small NER model calls
#: it an organisation or a person.
_COMPASS_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|"
    r"neighbou?ring)\s+$"
)
_CUE_AFTER = re.compile(
    r"^\s+(?:provinces?|regions?|districts?|villages?|towns?|city|cities|county|counties|rayons?|"
    r"oblasts?|governorates?|river|mountains?|valley|area|border|municipality|township|camps?|"
    r"garrison|base|crossing|territory|countryside)\b|^['’]s\s+(?:(?:regional|provincial|state)\s+)?"
    r"capital\b",
    re.IGNORECASE,
)
#: A lowercase kind-of-place word right after a name, or "<kind> of (the)" right before it: the
#: name is a place even where the small NER model calls it an organisation ("the breakaway
#: Nagorno-Karabakh region", "the territory of Nagorno-Karabakh"). Capitalized, the word is part of
#: an organisation's name ("Moscow City Council") and proves nothing.
_KIND_RIGHT_AFTER = re.compile(
    r"^\s+(?:provinces?|regions?|districts?|villages?|towns?|city|cities|county|counties|rayons?|"
    r"oblasts?|governorates?|municipality|municipalities|enclave|exclave|state)\b"
)
#: "Hitchcock and Hayes counties": names listed before a plural kind are places of that kind.
_KINDS_AFTER_LIST = re.compile(
    r"(?:,?\s+(?:and|or)\s+|,\s*)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+"
    r"(?:provinces|regions|districts|villages|towns|cities|counties|states|municipalities)\b"
)
_KIND_OF_BEFORE = re.compile(
    r"\b(?:village|town|city|region|province|district|territory|enclave|republic|municipality|"
    r"commune|township|governorate|oblast|prefecture|department|state|canton|parish|emirate|"
    r"county)\s+of(?:\s+the)?\s+$"
)
#: A settlement's kind right before a name: what follows is a place, whatever the tagger says.
_SETTLEMENT_OF_BEFORE = re.compile(r"\b(?:village|town|city|settlement)\s+of\s+$")
#: Lowercase words after a name that say what kind of place it is; not part of the name.
_KIND_WORDS = frozenset(
    [
        "province",
        "region",
        "district",
        "governorate",
        "oblast",
        "prefecture",
        "state",
        "marz",
        "rayon",
    ]
)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$")
#: A list whose next item names its kind: "Kherson, Nikopol and the village of Marhanets".
_LIST_JOIN_KIND = re.compile(
    r"^,?\s+(?:and|or)\s+(?:the\s+)?(?:village|town|city|settlement)s?\s+of\s+$"
)
#: A place named as the owner of the next: "Kharkiv's Izium", tagged as one organisation.
_POSSESSIVE_JOIN = re.compile(r"^['’]s\s+$")
#: Items of a list each dated: "captured Goma in January and Bukavu in February".
_LIST_JOIN_DATED = re.compile(
    r"^\s+(?:in|on)\s+(?:early\s+|late\s+|mid-)?(?:"
    + "|".join(n.capitalize() for n in (*MONTH_NAMES, *WEEKDAY_NAMES))
    + r")(?:\s+\d{4})?,?\s+and\s+(?:the\s+)?$"
)
#: Month and weekday names and their press abbreviations ("Nov", "Sept", "Thurs"): a dateline's
#: "KABUL, Nov 3" has no place called Nov.
_CALENDAR = frozenset(
    match_key(w)
    for w in [
        *MONTH_NAMES,
        *(m[:3] for m in MONTH_NAMES),
        "Sept",
        *WEEKDAY_NAMES,
        *(d[:3] for d in WEEKDAY_NAMES),
        "Tues",
        "Thur",
        "Thurs",
        *holiday_rules(),  # "Palm Sunday", "Eid al-Fitr": days, not places
    ]
)
#: Capitalized words that are names of many places but rarely used as one.
_NEVER = _CALENDAR | frozenset(
    match_key(w)
    for w in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "President",
        "Minister",
        "Ministry",
        "Prime",
        "General",
        "Colonel",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "The",
        "A",
        "An",
        "I",
        "We",
        "He",
        "She",
        "It",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Our",
        "Their",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "At",
        "In",
        "On",
        "Of",
        "For",
        "By",
        "From",
        "To",
        "With",
        "Defense",
        "Defence",
        "Foreign",
        "Army",
        "Police",
        "Government",
        "Parliament",
        "Council",
        "Court",
        "Security",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Upper",
        "Lower",
        "New",
        "Old",
        "Saint",
        "St",
        "Mount",
        "Lake",
        "River",
        "University",
        "College",
        "School",
        "Church",
        "Street",
        "Road",
        "Avenue",
        "Center",
    ]
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A place-name span found in the text and how it was found."""

    start: int
    end: int
    text: str
    label: str  # GPE, LOC, FAC, NORP, or GAZ for a gazetteer match
    candidates: tuple[int, ...]  # gazetteer indices of every place with this name
    partial: bool = False  # the candidates are named by a part of the name only


def entity_spans(
    doc: Doc, gazetteer: Gazetteer, text: str, bearers: Container[str] = frozenset()
) -> list[Span]:
    """Place entities from NER, with leading "the" dropped and their gazetteer candidates.

    `text` is `doc.text` (passed in: building it from the tokens costs a pass over the Doc).
    `bearers` are the names the text uses for persons and organisations (see `person_names` and
    `organisation_names`).
    """
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not (
            # "near the town of Piagapo": the small model often tags an unknown village a person
            ent.label_ == "PERSON"
            and _SETTLEMENT_OF_BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char)
        ):
            continue
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].text in _POSSESSIVES or tokens[-1].text in _KIND_WORDS):
            tokens = tokens[:-1]  # "Nyanza province": the name is Nyanza (the kind hints later)
        if not tokens or (len(tokens) > 1 and tokens[0].text.rstrip(".") in _HONORIFICS):
            continue  # "U Pyinnya Wuntha", "Ms Izevbekhai": a person's name
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        name = text[start:end]
        if match_key(name.rstrip(".")) in _CALENDAR or match_key(name) in not_places():
            continue
        found = gazetteer.lookup(name)
        if not found and _NAME_JOINS.search(name):
            # names the model runs into one entity: "Qamishli and Kobani"
            spans += _joined_names(text, start, end, ent.label_, gazetteer)
            continue
        candidates = tuple(acronym_candidates(gazetteer, name, found))
        if found and not candidates:
            continue  # initials that only look like a place's other name ("ELN", Elne)
        if not candidates and (ent.label_ == "FAC" or _common_noun(name)):
            continue  # "Gunmen" the small model tags as a place at a sentence start
        if not candidates and " " not in name and not _place_cue(text, start, end):
            continue  # an unknown single word is a person or a brand more often than a village
        if _the_institution(text, start, end):
            continue
        span = Span(start=start, end=end, text=name, label=ent.label_, candidates=candidates)
        if name in bearers and not _large_by_its_name(span, gazetteer):
            continue  # "President Gustavo Petro ... Petro wrote": the person named before
        spans.append(span)
    return _same_place_pairs(text, spans, gazetteer)


#: The possessive's tokens, which end a name's entity but not the name ("Hammad's").
_POSSESSIVES = frozenset(["'s", "’s", "'", "’"])
#: Words of address before a personal name: the tagger sometimes takes the whole for a place.
#: "U" and "Daw" are Burmese, "Ko" and "Saw" too.
_HONORIFICS = frozenset(
    ["U", "Daw", "Ko", "Saw", "Mr", "Mrs", "Ms", "Dr", "Sheikh", "Imam", "Mullah", "Pastor", "Haji"]
)
#: Small words inside personal names: "Ursula von der Leyen", "Omar al Bashir".
_NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "du",
        "des",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "le",
        "la",
    ]
)
_INITIAL = re.compile(r"^[A-Z]\.$")
_SPEAKER_NAME = r"(?P<name>[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?)"
#: A speaker named after a speech verb ("... ,” said Noma.") or right after a closed quotation
#: ("... ,” Petrova said"): a person.
_SPEAKERS = (
    re.compile(
        r"\b(?:said|says|added|adds|explained|recalled|told\s+(?:me|us|him|her|them))\s+"
        + _SPEAKER_NAME
        + r"(?=\s*[.,;:]|\s+(?:who|whose)\b)"
    ),
    re.compile(
        r"[”\"]\s*"
        + _SPEAKER_NAME
        + r"\s+(?:said|says|added|adds|explained|recalled|told|asked|wrote)\b"
    ),
)


def person_names(doc: Doc | None, text: str) -> set[str]:
    """Names the text uses for people: the last word of a full personal name NER found ("Charlie
    Chen" makes "Chen" a person wherever NER calls it a place), and a speaker named after a speech
    verb or quotation ("said Noma."), whose full name counts as well as its last word. One sense
    per discourse holds for people as it does for places."""
    names = set()
    for ent in doc.ents if doc is not None else ():
        if ent.label_ != "PERSON":
            continue
        tokens = [t.text for t in ent if t.text not in _POSSESSIVES]
        # a name of names only: not "The George in Twickenham" (a pub), nor "Henry Lazenby US"
        if (
            len(tokens) > 1
            and tokens[0] != "The"
            and all(t.istitle() or t in _NAME_PARTICLES or _INITIAL.match(t) for t in tokens)
        ):
            # the full name would drop the many towns the tagger calls people ("Rock Hill")
            names.add(tokens[-1])
    for pattern in _SPEAKERS:
        for match in pattern.finditer(text):
            words = match.group("name").split()
            names.update((" ".join(words), words[-1]))
    return names


#: Last words that make an organisation's name of the words before them: "Titan Operating", "the
#: Belk Foundation", "the Wagner Group", "the Azov Brigade".
_ORGANISATION_TAILS = frozenset(
    [
        "Foundation",
        "Operating",
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Corporation",
        "Company",
        "Co.",
        "LLC",
        "Ltd",
        "Ltd.",
        "Limited",
        "Group",
        "Holdings",
        "Partners",
        "Enterprises",
        "Industries",
        "Motors",
        "Brigade",
        "Battalion",
        "Regiment",
    ]
)


def organisation_names(doc: Doc | None) -> set[str]:
    """The short names of organisations NER found by their full name: "Titan" for "Titan
    Operating", wherever else NER calls it a place."""
    names = set()
    for ent in doc.ents if doc is not None else ():
        tokens = [t.text for t in ent if t.text not in _POSSESSIVES]
        if tokens and tokens[0].lower() == "the":
            tokens = tokens[1:]
        if (
            ent.label_ == "ORG"
            and len(tokens) > 1
            and tokens[-1] in _ORGANISATION_TAILS
            and all(t.istitle() for t in tokens[:-1])
        ):
            names.add(" ".join(tokens[:-1]))
    return names


def _large_by_its_name(span: Span, gazetteer: Gazetteer) -> bool:
    """A large place (see `_large`) bears the span as its own main name: "Jordan" the country, not
    "Chen" that reaches Chenzhou by another name."""
    each = (dataclasses.replace(span, candidates=(i,)) for i in span.candidates)
    return any(_by_main_name(one, gazetteer) and _large(one, gazetteer) for one in each)


def _joined_names(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> list[Span]:
    """The known names of an entity made of names joined by "and", "or", "to" or commas."""
    spans = []
    for offset, part_end in _joined_parts(text, start, end):
        name = text[offset:part_end]
        found = gazetteer.lookup(name) if name[:1].isupper() else []
        candidates = tuple(acronym_candidates(gazetteer, name, found))
        if candidates:
            spans.append(
                Span(
                    start=offset,
                    end=part_end,
                    text=name,
                    label=label,
                    candidates=candidates,
                )
            )
    return spans


#: Up to three words right after an entity, as a site's name may continue it in lowercase.
#: Up to three words, an apostrophe inside one ("Fada N'gourma") but not a possessive's.
_NEXT_WORDS = re.compile(r"(?:[ ]+[A-Za-z][\w-]*(?:['’](?!s\b)[A-Za-z][\w-]*)?){1,3}")
_HYPHEN_TAIL = re.compile(r"(?:-[A-Za-z]\w*){1,3}")


#: A compound adjective of who holds a place, right before its name: "Pakistan-administered ".
_HOLDER_BEFORE = re.compile(r"(?<![\w'’-])" + _COMPOUND_ADJECTIVE + r"[ ]$")


def with_longer_names(text: str, gazetteer: Gazetteer, spans: list[Span]) -> list[Span]:
    """`spans`, each extended over the words after it that make a longer known name with it, and
    back over a holder that makes one ("Pakistan-administered Kashmir" is Azad Kashmir, where
    "Kashmir" alone is India's)."""
    starts = sorted(s.start for s in spans)
    longer = []
    for span in spans:
        end = _longer_known_name(text, span.start, span.end, gazetteer)
        start = _held_name_start(text, span.start, end, gazetteer)
        if (start, end) != (span.start, span.end) and not any(
            span.end <= other < end for other in starts
        ):
            name = text[start:end]
            span = dataclasses.replace(
                span,
                start=start,
                end=end,
                text=name,
                candidates=tuple(gazetteer.lookup(name)),
                partial=False,
            )
        longer.append(span)
    # the holder's own name ("Pakistan" of "Pakistan-administered") is part of the longer name now
    held = [s for s, old in zip(longer, spans, strict=True) if s.start < old.start]
    return [
        s
        for s in longer
        if not any(h is not s and h.start <= s.start and s.end <= h.end for h in held)
    ]


def _held_name_start(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Where a name starts once a holder before it that makes a known name is added."""
    holder = _HOLDER_BEFORE.search(text, max(0, start - 40), start)
    if holder is None or not gazetteer.lookup(text[holder.start() : end]):
        return start
    return holder.start()


def _longer_known_name(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Where a place name ends once the words after it that make a longer known name are added:
    "Zaporizhzhia" is read out of "Zaporizhzhia nuclear power plant", a site of its own 50 km
    away. A kind word is not added: "Nyanza province" is Nyanza, and the word hints at the kind.
    The tagger stops at a hyphen: "Mazar-e-Sharif" is tagged "Mazar"."""
    tail = _HYPHEN_TAIL.match(text, end)
    if tail is not None:
        parts = tail.group(0).split("-")[1:]
        for size in range(len(parts), 0, -1):
            longer = text[start:end] + "".join(f"-{part}" for part in parts[:size])
            # a hyphenated whole is one name in any spelling the gazetteer knows ("Mazar-i-Sharif"
            # for Mazar-e Sharif): a hyphen does not join a place to a word by chance
            if gazetteer.lookup(longer):
                return start + len(longer)
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return end
    words = following.group(0).split()
    for size in range(len(words), 0, -1):
        if words[size - 1].lower() in _KIND_WORDS:
            continue
        longer = f"{text[start:end]} {' '.join(words[:size])}"
        if any(fold(gazetteer.names[i]) == fold(longer) for i in gazetteer.lookup(longer)):
            return end + text[end:].index(words[size - 1]) + len(words[size - 1])
    return end


#: Initials written in capitals ("ELN", "RSF", "UK").
_INITIALS = re.compile(r"^[A-Z]{2,5}$")
_CODE_KINDS = frozenset({build.COUNTRY, build.ADMIN1, build.CONTINENT})


def acronym_candidates(gazetteer: Gazetteer, name: str, candidates: list[int]) -> list[int]:
    """The candidates initials may stand for: a country or first-level region whose code they are
    ("UK", "NY"), a place listed under these very initials ("DC"), or one whose own name is
    written so. A place that merely has a similar other name ("ELN" for Elne, via "Eln"; "NATO"
    for Nato) is no reading of an organisation's initials. Other names keep every candidate."""
    if not _INITIALS.match(name):
        return candidates
    key = match_key(name)
    return [
        i
        for i in candidates
        if int(gazetteer.kind[i]) in _CODE_KINDS
        or gazetteer.names[i] == name
        or (gazetteer.ids[i], key) in _listed_codes()
    ]


@functools.cache
def _listed_codes() -> frozenset[tuple[str, str]]:
    """(place id, key) of every name in capitals the gazetteer supplement lists for a place."""
    codes: set[tuple[str, str]] = set()
    for row in read_tsv("gazetteer_supplement.tsv"):
        for alias in (row.get("alternate_names") or "").split("|"):
            alias = alias.strip()
            if alias and alias.replace(".", "").isupper():
                codes.add((row["id"], match_key(alias)))
    return frozenset(codes)


def _same_place_pairs(text: str, spans: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """ "Town, Region" where the whole is one name of the town ("Washington, D.C."): the town keeps
    only the places the whole names, so a village called Washington elsewhere does not compete."""
    result = list(spans)
    for k in range(len(result) - 1):
        first, second = result[k], result[k + 1]
        if not first.candidates or not re.fullmatch(r",\s*", text[first.end : second.start]):
            continue
        whole = set(gazetteer.lookup(f"{first.text} {second.text}"))
        shared = [i for i in first.candidates if i in whole and i in second.candidates]
        if shared:
            result[k] = dataclasses.replace(first, candidates=tuple(shared))
    return result


#: Endings of plural nouns and their singular ("gunmen" -> "gunman", "militias" -> "militia").
_PLURALS = (("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("s", ""))


#: Words that, after "the" and with no kind of place after them, name an institution: India's
#: press calls the central government "the Centre", a court filing its state "the State".
_INSTITUTION_WORDS = frozenset(
    ["centre", "center", "state", "union", "city", "hall", "house", "court", "council", "capitol"]
)
#: "the Centre", also opening a sentence ("The Centre has rushed more troops").
_THE_BEFORE = re.compile(r"(?:\bthe|(?:^|[.!?][\"”’]?\s+)The)\s+$")


def _the_institution(text: str, start: int, end: int) -> bool:
    return (
        text[start:end].lower() in _INSTITUTION_WORDS
        and bool(_THE_BEFORE.search(text[max(0, start - 8) : start]))
        and not _KIND_RIGHT_AFTER.match(text[end : end + 30])
    )


#: "of" and a capitalised word, or a number: the rest of a longer name ("Alliance of Sahel States",
#: "Mile 4", "Route 38").
_OF_A_NAME_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?[A-Z]|\d)")


def _heads_a_longer_name(text: str, span: Span) -> bool:
    """An English word opening a longer name the gazetteer lacks: "the Alliance of Sahel States"
    is no Alliance, Ohio, nor "the Mile 4 camp" Mile, Ethiopia. (Known longer names, "Gulf of
    Aden", are matched whole before.)"""
    return (
        " " not in span.text
        and _common_noun(span.text)
        and bool(_OF_A_NAME_AFTER.match(text, span.end))
    )


def _common_word_for_a_town(span: Span, gazetteer: Gazetteer) -> bool:
    """An English word that reaches towns only as one of their other names: "..., Killing at Least
    19" in a headline is no Qiling (a county named "Swift" or "Barrow" keeps its word)."""
    return (
        span.text[1:].islower()
        and _common_noun(span.text)
        and all(int(gazetteer.kind[i]) == build.CITY for i in span.candidates)
        and not _by_main_name(span, gazetteer)
    )


def _common_noun(name: str) -> bool:
    """A single word English uses as a common noun ("Gunmen", "Militants"), by the noun list of the
    spaCy pipeline's lemmatizer; False when that list is not available."""
    if not name.isalpha():
        return False
    nouns = _english_nouns()
    word = name.lower()
    return word in nouns or any(
        word.endswith(ending) and word[: len(word) - len(ending)] + base in nouns
        for ending, base in _PLURALS
    )


def _english_nouns() -> frozenset[str]:
    return _lemma_index().get("noun", frozenset())


def _english_word(word: str) -> bool:
    """A word the lemmatizer knows in any part of speech ("near", "let", "yet")."""
    word = word.lower()
    return any(word in words for words in _lemma_index().values()) or _common_noun(word)


@functools.cache
def _lemma_index() -> dict[str, frozenset[str]]:
    """Part of speech -> the words the pipeline's rule lemmatizer knows, lowercased (empty without
    a pipeline)."""
    try:
        from conflictwatch.analyze.nlp import load_pipeline

        nlp = load_pipeline()
    except (OSError, ValueError):
        return {}
    for _, component in nlp.pipeline:
        holder = getattr(component, "lemmatizer", component)
        lookups = getattr(holder, "lookups", None)
        if isinstance(lookups, Lookups) and lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            return {
                pos: frozenset(str(w).lower() for w in table.get(pos, ()))
                for pos in ("noun", "verb", "adj", "adv")
            }
    return {}


def with_datelines(text: str, gazetteer: Gazetteer, spans: list[Span]) -> list[Span]:
    """`spans` with the known places of the datelines of `text` ("SANAA, Yemen (AP) —") in place of
    whatever overlapped the datelines. NER misses a city in capitals before an agency
    ("BEIRUT (AP)") and runs a place into the next sentence's subject ("Congo - M23"); the
    dateline's own form says better."""
    heads: list[Span] = []
    ranges: list[tuple[int, int]] = []
    for start, end, dateline_end in dateline_names(text):
        name = text[start:end]
        if match_key(name.rstrip(".")) in _CALENDAR:
            continue
        candidates = tuple(gazetteer.lookup(name))
        if candidates:
            heads.append(
                Span(start=start, end=end, text=name, label="DATELINE", candidates=candidates)
            )
            ranges.append((start, dateline_end))
    if not heads:
        return spans
    return [s for s in spans if not _overlaps(s.start, s.end, ranges)] + heads


def blocked_ranges(doc: Doc | None) -> list[tuple[int, int, str]]:
    """Character ranges of non-place entities (people, organizations), with their label. A leading
    "the" is no part of the name ("the Nineveh Plains" tagged as a law)."""
    if doc is None:
        return []
    return [
        (
            ent[1:].start_char if ent[0].lower_ == "the" and len(ent) > 1 else ent.start_char,
            ent.end_char,
            ent.label_,
        )
        for ent in doc.ents
        if ent.label_ in _OTHER_LABELS
    ]


def gazetteer_spans(
    text: str,
    gazetteer: Gazetteer,
    taken: list[Span],
    blocked: list[tuple[int, int, str]],
    demonyms: Container[str] = frozenset(),
    bearers: Container[str] = frozenset(),
) -> list[Span]:
    """Capitalized names the gazetteer knows, kept when a cue or a neighbouring place supports them.

    `demonyms` are peoples' names ("Kurdish"): NER rightly calls them nationalities, never places.
    `bearers` are names the text uses for persons and organisations: a cue does not make them places
    ("in Noma's case") unless a large place bears the name."""
    lowercase_words = _lowercase_vocabulary(text)
    occupied = [(s.start, s.end) for s in taken]
    # A name NER calls a place once is one wherever it is written again (one sense per discourse):
    # accepted here, it anchors a list ("including Debre Markos and Bahir Dar").
    named_places = {s.text for s in taken if s.label in ("GPE", "LOC") and s.candidates}
    named_countries = {
        gazetteer.country_code(s.candidates[0])
        for s in taken
        if s.candidates and int(gazetteer.kind[s.candidates[0]]) == build.COUNTRY
    }
    found: list[Span] = []
    pending: list[Span] = []
    for match in _CAPITALIZED.finditer(text):
        for span in _known_subspans(text, match.start(), match.group(0), gazetteer):
            if _overlaps(span.start, span.end, occupied):
                continue
            key = match_key(span.text)
            if key in _NEVER or key in not_places() or (" " not in key and key in lowercase_words):
                continue
            if _common_word_for_a_town(span, gazetteer) or _heads_a_longer_name(text, span):
                continue
            if (
                span.text in bearers
                and not _large_by_its_name(span, gazetteer)
                and not _KINDS_AFTER_LIST.match(text, span.end)
            ) or _the_institution(text, span.start, span.end):
                continue
            before = text[max(0, span.start - 40) : span.start]
            compass = bool(_COMPASS_BEFORE.search(before))
            has_cue = _place_cue(text, span.start, span.end) or bool(
                _PLACE_ELEMENT.match(span.text)
            )
            blocker = _overlapping(span.start, span.end, blocked)
            undergoes = bool(_PLACE_ONLY_AFTER.match(text[span.end : span.end + 60]))
            # "Nigeria's Niger state": a lowercase kind right after a name is a cue of its own
            has_cue = (
                has_cue
                or undergoes
                or bool(_KIND_RIGHT_AFTER.match(text[span.end : span.end + 30]))
            )
            if not has_cue and (
                _ATTACKED_BEFORE.search(before)
                or _ATTACKED_AFTER.match(text[span.end : span.end + 60])
            ):
                # an organisation is held responsible as often as a town is held: only a name the
                # gazetteer knows as a place's own ("holds Misrata", not "holds Hamas" for Hamm)
                has_cue = (
                    blocker is None
                    or (
                        blocker[2] == "PERSON"
                        and (
                            _large(span, gazetteer)
                            or _in_named_country(span, gazetteer, named_countries)
                        )
                    )
                    or (blocker[2] != "PERSON" and _by_main_name(span, gazetteer))
                )
            if blocker is not None and not (
                blocker[2] == "PERSON"
                or undergoes
                or _named_as_place(text, span)
                or (compass and _an_area(span, gazetteer) and _within_entity(span, blocker, text))
                or (has_cue and _mislabelled_alone(span, blocker, demonyms))
                or (has_cue and _joined_in_entity(span, blocker, text))
            ):
                if (
                    _mislabelled_alone(span, blocker, demonyms)
                    or _joined_in_entity(span, blocker, text)
                ) and _by_main_name(span, gazetteer):
                    # taken only in a list with a place: "Belgorod and Kursk", "Cucuta and Ocaña"
                    pending.append(span)
                continue
            repeated = span.text in named_places and (
                blocker is None or (blocker[0], blocker[1]) == (span.start, span.end)
            )
            if has_cue or repeated:
                found.append(span)
                occupied.append((span.start, span.end))
            else:
                pending.append(span)
    return found + _enumerated(text, pending, [*taken, *found], gazetteer)


#: "the Gao-Ansongo road", "the Damascus-Sweida highway": a road named by the towns it joins.
_ROAD_ENDS = re.compile(
    r"(?<![\w'’-])(?P<first>[A-Z][\w'’]+)[-–](?P<last>[A-Z][\w'’]+)\s+"
    r"(?:road|highway|motorway|route|axis|corridor|railway|railroad|supply\s+route)\b"
)


def road_ends(text: str) -> list[tuple[int, int]]:
    """The spans of the town names roads are named by, in text order: "Gao" and "Ansongo" in "the
    Gao-Ansongo road". What happens on such a road is near those towns."""
    return [match.span(group) for match in _ROAD_ENDS.finditer(text) for group in ("first", "last")]


def road_end_spans(
    text: str, gazetteer: Gazetteer, taken: list[Span], ends: list[tuple[int, int]]
) -> list[Span]:
    """The towns of `ends` (see road_ends) the gazetteer knows: the tagger reads "Gao-Ansongo" as
    one word or none, and the word matcher splits names at spaces only."""
    occupied = [(s.start, s.end) for s in taken]
    spans = []
    for start, end in ends:
        name = text[start:end]
        candidates = tuple(gazetteer.lookup(name))
        if candidates and not _overlaps(start, end, occupied):
            spans.append(Span(start=start, end=end, text=name, label="GAZ", candidates=candidates))
    return spans


#: "the village of Shag Alnom": the name after a settlement's kind and "of", which the small NER
#: model may leave untagged.
_SETTLEMENT_NAME = re.compile(
    r"\b(?:village|town|hamlet|settlement)\s+of\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2})"
)
#: "Shag Alnom, west of El Obeid", "Kamenge, 10 km north of Bujumbura": a name told to lie in a
#: direction from another place is a place.
_BEARING_NAME = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}),\s+"
    r"(?:(?:about|some|around)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s"
)

#: "bombs fell on Kan Thar Yar village in Depayin township": a name a preposition opens and a
#: lower-case settlement word closes is a place. "Town hall" and the like are buildings.
_NAME_THEN_SETTLEMENT = re.compile(
    r"\b(?:in|on|at|near|from|to|into|outside|around)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2})\s+(?:village|township|hamlet)\b"
    r"(?!\s+(?:hall|council|square|centre|center|meeting|chief|head))"
)


def settlement_spans(text: str, gazetteer: Gazetteer, taken: list[Span]) -> list[Span]:
    """Names the text calls a village or a town, or tells the bearing of from another place, that
    no other span holds, known or not: an unknown one is placed later by the places around it."""
    occupied = [(s.start, s.end) for s in taken]
    spans = []
    matches = [
        *_SETTLEMENT_NAME.finditer(text),
        *_BEARING_NAME.finditer(text),
        *_NAME_THEN_SETTLEMENT.finditer(text),
    ]
    for match in matches:
        start, end = match.span("name")
        name = match["name"]
        key = match_key(name)
        if _overlaps(start, end, occupied) or key in not_places() or key in _CALENDAR:
            continue
        candidates = tuple(gazetteer.lookup(name))
        spans.append(Span(start=start, end=end, text=name, label="GPE", candidates=candidates))
    return spans


def _place_cue(text: str, start: int, end: int) -> bool:
    """Whether the words around a name say it is a place: "in X", "near X", "X district",
    "eastern X"."""
    before = text[max(0, start - 40) : start]
    return bool(
        _CUE_BEFORE.search(before)
        or _COMPASS_BEFORE.search(before)
        or _CUE_AFTER.match(text[end : end + 30])
    )


#: Kinds of place a compass adjective marks as an area ("eastern Ghouta", "central Mali").
_AREA_KINDS = frozenset({build.COUNTRY, build.ADMIN1, build.ADMIN2, build.REGION})


def _an_area(span: Span, gazetteer: Gazetteer) -> bool:
    return any(int(gazetteer.kind[i]) in _AREA_KINDS for i in span.candidates)


def _within_entity(span: Span, blocker: tuple[int, int, str], text: str) -> bool:
    """The entity is the name alone or the name with its compass adjective ("eastern Ghouta"
    tagged as one organisation), not a longer name holding it ("Ghouta Media Centre")."""
    if blocker[1] != span.end or blocker[0] > span.start:
        return False
    return bool(
        _COMPASS_BEFORE.fullmatch(text[blocker[0] : span.start]) or blocker[0] == span.start
    )


def _named_as_place(text: str, span: Span) -> bool:
    return bool(
        _KIND_RIGHT_AFTER.match(text[span.end : span.end + 30])
        or _KIND_OF_BEFORE.search(text[max(0, span.start - 30) : span.start])
    )


def _enumerated(
    text: str, pending: list[Span], accepted: list[Span], gazetteer: Gazetteer
) -> list[Span]:
    """Pending names that sit in one list ("A, B and C") with an accepted place, or own one
    ("Kharkiv's Izium") when they are a country, a province or a large city: "Steele's Texas
    company" is a man's."""
    kept: list[Span] = []
    anchors = sorted(accepted, key=lambda s: s.start)
    changed = True
    while changed and pending:
        changed = False
        for span in list(pending):
            for other in anchors:
                gap = (
                    text[other.end : span.start]
                    if other.end <= span.start
                    else text[span.end : other.start]
                )
                after = other.start > span.start
                if (
                    (len(gap) <= 11 and _LIST_JOIN.match(gap))
                    or (after and _LIST_JOIN_KIND.match(gap))
                    or (other.end <= span.start and _LIST_JOIN_DATED.match(gap))
                    or (after and _POSSESSIVE_JOIN.match(gap) and _large(span, gazetteer))
                ):
                    kept.append(span)
                    anchors.append(span)
                    pending.remove(span)
                    changed = True
                    break
    return kept


_SAINT = re.compile(r"(?:St\.?|Saint|San|Santa|Sankt)\s", re.IGNORECASE)


def _known_subspans(text: str, offset: int, phrase: str, gazetteer: Gazetteer) -> list[Span]:
    """Known names inside a capitalized phrase, longest first from each word, not overlapping."""
    spans: list[Span] = []
    position = 0
    words = phrase.split(" ")
    while position < len(words):
        rest = " ".join(words[position:])
        start = offset + len(" ".join(words[:position])) + (1 if position else 0)
        span = _longest_known(text, start, rest, gazetteer)
        if span is None:
            position += 1
            continue
        size = max(1, len(span.text.split(" ")))
        # "Kharkiv's Izium", not "Steele's Texas company" nor a saint's church ("St Paul's Church")
        owner = _large(span, gazetteer) and not _SAINT.match(span.text)
        if not _inside_longer_name(text, offset, words, position, position + size, owner=owner):
            spans.append(span)
        position += size
    return spans


#: Words next to a known name that say what it is, not part of another name ("Kharkiv Oblast").
_KIND_NEIGHBOURS = _KIND_WORDS | {
    "raion",
    "camp",
    "township",
    "territory",
    "county",
    "city",
    "town",
    "village",
}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n|\s[-–—]\s)\s*$")


def _inside_longer_name(
    text: str, offset: int, words: list[str], first: int, end: int, *, owner: bool = False
) -> bool:
    """Whether words[first:end] of a capitalized phrase are only a part of a longer name the
    gazetteer lacks: a capitalized word right before or after them that is no title, no kind of
    place and no other known name ("Bulo Marer", not Bulo; "Let Yet Kone village", not Kone).
    A common English word opening a sentence ("Near Kabul") and a possessive ("Mali's Mopti")
    do not count, nor does the name after a possessive `owner` (a large place owns its parts)."""
    neighbours = []
    if first > 0 and not _ends_sentence(words[first - 1]):
        neighbours.append((first - 1, words[first - 1]))
    possessive = owner and words[end - 1].endswith(("'s", "’s"))
    if end < len(words) and not _ends_sentence(words[end - 1]) and not possessive:
        neighbours.append((end, words[end]))
    for index, word in neighbours:
        bare = word.strip(".'’-")
        if not bare[:1].isupper() or word.endswith(("'s", "’s")):
            continue
        key = match_key(bare)
        if key in _NEVER or bare.lower() in _KIND_NEIGHBOURS or bare.lower() in name_word_roles():
            continue
        opens = index == 0 and _SENTENCE_START.search(text, max(0, offset - 4), offset)
        if opens and _english_word(bare):
            continue
        return True
    return False


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that ends a sentence rather than an abbreviation ("Enerhodar." in
    "shelled Enerhodar. Strikes ..."; not "St.", "U.S." or "Gen.")."""
    bare = word.rstrip(".")
    return (
        word.endswith(".")
        and len(bare) >= 4
        and bare.isalpha()
        and not bare.isupper()
        and bare[:1].isupper()
    )


@functools.cache
def not_places() -> frozenset[str]:
    """Match keys of faiths, peoples and armed groups that some place is also called
    (data/gazetteer_not_places.tsv): "between Sunni and Shia tribes" names no place."""
    return frozenset(
        match_key(word)
        for row in read_tsv("gazetteer_not_places.tsv")
        for word in row["word"].split("|")
        if word
    )


@functools.cache
def name_word_roles() -> dict[str, str]:
    """Words inside longer place names -> their role, "generic" or "named_after"
    (data/gazetteer_name_words.tsv)."""
    return {row["word"]: row["role"] for row in read_tsv("gazetteer_name_words.tsv")}


def _longest_known(text: str, offset: int, phrase: str, gazetteer: Gazetteer) -> Span | None:
    """The longest leading run of words of `phrase` that names a place, with its candidates."""
    phrase = phrase.rstrip(".'’-")
    words = phrase.split(" ")
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".'’-")
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        if len(name) < 3:
            continue
        candidates = acronym_candidates(gazetteer, name, gazetteer.lookup(name))
        if candidates:
            return Span(
                start=offset,
                end=offset + len(name),
                text=name,
                label="GAZ",
                candidates=tuple(candidates),
            )
    return None


def _lowercase_vocabulary(text: str) -> set[str]:
    """Words the text itself writes in lowercase (so they are common words here)."""
    return {match_key(w) for w in re.findall(r"(?<![\w.])[a-z][a-z'-]+", text)}


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)


def _overlapping(
    start: int, end: int, blocked: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    for blocker in blocked:
        if start < blocker[1] and blocker[0] < end:
            return blocker
    return None


def _large(span: Span, gazetteer: Gazetteer) -> bool:
    """A city of many people, a country or a province (a county's people are no city's: there
    are thirty Johnson counties)."""
    return any(
        int(gazetteer.kind[i]) in (build.COUNTRY, build.ADMIN1)
        or (int(gazetteer.kind[i]) == build.CITY and int(gazetteer.population[i]) >= _LARGE_PLACE)
        for i in span.candidates
    )


def _in_named_country(span: Span, gazetteer: Gazetteer, countries: Container[str]) -> bool:
    """Whether the name is the main name of a place in one of `countries`, those the text names as
    places: "hitting Safed" in a story that names Israel is the town, whatever the tagger says."""
    return _by_main_name(span, gazetteer) and any(
        gazetteer.country_code(c) in countries for c in span.candidates
    )


def _mislabelled_alone(span: Span, blocker: tuple[int, int, str], demonyms: Container[str]) -> bool:
    """A known place name that NER labels on its own as an organisation or a nationality: the small
    model often does so with towns it has not seen ("shelled Bakhmut", "attacked Kidal"). A longer
    entity ("Gainesville Public Utilities") or a people's name ("Kurdish") stays blocked."""
    same_span = (blocker[0], blocker[1]) == (span.start, span.end)
    labels = ("ORG", "NORP", "PRODUCT", "LAW", "WORK_OF_ART")
    return same_span and blocker[2] in labels and span.text not in demonyms


#: What joins two names the small NER model sometimes takes as one organisation ("Douentza to
#: Hombori", "Kidal and Gao").
_NAME_JOINS = re.compile(r"\s+(?:to|and|or)\s+|\s*,\s*")
#: The same and a possessive, between the names of an organisation the tagger makes of places
#: ("Kharkiv's Izium"); not for place entities: "SOS Children's Village" holds no place Village.
_ENTITY_JOINS = re.compile(_NAME_JOINS.pattern + r"|['’]s\s+")


def _joined_in_entity(span: Span, blocker: tuple[int, int, str], text: str) -> bool:
    """The entity is names joined by "to", "and", commas or a possessive, and the span is one of
    them whole ("Cucuta and Ocaña" as an organisation, "Sake and Goma" as a work of art)."""
    if blocker[2] not in ("ORG", "WORK_OF_ART"):
        return False
    parts = _joined_parts(text, blocker[0], blocker[1], _ENTITY_JOINS)
    return len(parts) > 1 and (span.start, span.end) in parts


def _joined_parts(
    text: str, start: int, end: int, joins: re.Pattern[str] = _NAME_JOINS
) -> list[tuple[int, int]]:
    """Offsets of the parts of text[start:end] between the `joins`."""
    parts = []
    for join in [*joins.finditer(text, start, end), None]:
        parts.append((start, end if join is None else join.start()))
        if join is not None:
            start = join.end()
    return parts


def _by_main_name(span: Span, gazetteer: Gazetteer) -> bool:
    """Some candidate has the span as its own main name, not as another name ("Hamas" only reaches
    Hamm by a spelling variant); initials never count. Romanizations count as one: y and i, as
    Ukrainian and Russian names are written either way ("Kostiantynivka", "Kostyantynivka"), and
    the Arabic article and final -ah ("Misrata", "Mişrātah")."""
    if _INITIALS.match(span.text):
        return False
    key = _romanized(match_key(span.text))
    return any(_romanized(match_key(gazetteer.names[i])) == key for i in span.candidates)


def _romanized(key: str) -> str:
    return (arabic_key(key) or key).replace("y", "i")


#: A capitalised word right before a name, unless it opens a sentence ("... said. Bamako was").
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:;\"“]\s)(?<![.!?:;\"“])\b[A-Z][\w'’-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"^\s+[A-Z]")


def _in_capitalised_run(text: str, start: int, end: int) -> bool:
    """Whether a word stands inside a longer capitalised name ("South Charleston", "Goma Airport"),
    not opening a sentence."""
    before = text[max(0, start - 30) : start]
    return bool(_CAPITALISED_BEFORE.search(before) or _CAPITALISED_AFTER.match(text[end:]))


def repeated_mentions(
    text: str, found: list[Span], blocked: list[tuple[int, int, str]]
) -> list[Span]:
    """Other occurrences of names NER took as places somewhere (one sense per discourse).

    NER often labels a town once as a place and elsewhere as a person or inside an organization
    ("Gainesville Public Utilities"). A name inside a longer person name stays out. A dateline's
    town counts too, in capitals or not ("BAMAKO (AFP) - ... a blockade on Bamako", where NER
    calls the city an organization), though not inside a longer name ("the Sudan Doctors Network").
    """
    people = [(start, end) for start, end, label in blocked if label == "PERSON"]
    names = [(start, end) for start, end, _ in blocked]
    occupied = [(s.start, s.end) for s in found]
    extra: list[Span] = []
    sources = [
        s
        for s in found
        if s.candidates
        and s.text[:1].isupper()
        and (s.label in ("GPE", "LOC", "DATELINE") or (s.label == "GAZ" and " " in s.text))
    ]
    # where NER found the name as a place, its own form rules; a dateline adds names NER never did
    unique = {s.text: s for s in sources if s.label != "DATELINE"}
    known = {text.casefold() for text in unique}
    unique.update((s.text, s) for s in sources if s.text.casefold() not in known)
    for name in unique.values():
        if len(name.text) < 3:
            continue
        flags = re.IGNORECASE if name.label == "DATELINE" else 0
        pattern = re.compile(r"(?<![\w'’-])" + re.escape(name.text) + r"(?![\w-])", flags)
        for match in pattern.finditer(text):
            start, end = match.span()
            dateline = name.label == "DATELINE"
            inside = names if dateline else people
            if (
                not match.group(0)[:1].isupper()
                or (dateline and _in_capitalised_run(text, start, end))
                or _overlaps(start, end, occupied)
                or any(s <= start and end <= e and (s, e) != (start, end) for s, e in inside)
                or _the_institution(text, start, end)
            ):
                continue
            extra.append(
                dataclasses.replace(name, start=start, end=end, text=match.group(0), label="GAZ")
            )
            occupied.append((start, end))
    return extra

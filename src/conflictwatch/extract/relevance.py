"""A cheap test, run before any parsing, for sentences that may hold an event or a casualty figure.

Parsing is most of extraction's cost, so the test mirrors what the extractors can actually match, read
from their own data files:

- event triggers (event_lexicon.tsv) in the word forms their part of speech allows: a noun trigger
  ("accord") in its plurals only, so that "according to" does not pass; a verb trigger in its
  inflections, regular (event_irregular.tsv lists the rest);
- multiword triggers ("open fire", "call on") only when every one of their words is there, since the
  extractor matches the whole phrase: "police" alone is not "police firing";
- a trigger that counts only with a weapon as its object ("used drones") only beside a weapon word
  (event_weapons.tsv) or a site or dwelling it may strike (event_objects.tsv: "burned 40 homes");
- casualty triggers (casualty_terms.tsv: "killed", "dead", "injuries", "the toll"), and the casualty
  phrases event_cues.tsv adds ("took his own life", "bodies were found");
- a row of a table ("Province | Killed | Wounded", cells split by bars or tabs) never passes: its words
  are column names and figures, not a sentence, and parsing one invents agents and counts;
- a person introduced by full name with a reporting verb ("said Robert Klementich, a police
  detective"), though no event is in the sentence: the actor resolver learns the document's people from
  parsed sentences only, and a later "Klementich said" or "he said" is resolved with what it learned.

A word passes in any letter case; the lower-cased sentence is cut into words by a regex and looked up in
sets, so the test costs microseconds. Over-generating word forms ("shelles") is harmless.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable

from conflictwatch.datafiles import read_tsv as read_data_tsv

_WORD = re.compile(r"[a-z]+")
#: A full name (two capitalized words, an initial between them allowed) after the sentence's start.
_FULL_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+\.?\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+")
_UPPER = re.compile(r"[A-Z]")
_PARTS = re.compile(r"[^a-z]+")
#: Ends whose final consonant doubles before -ed and -ing ("ban" → "banned", "patrol" → "patrolled").
_DOUBLING = re.compile(r"[^aeiou][aeiou][bdglmnprt]$")
#: Table cells: bars or tabs split them. A row has three or more, each a few words at most; a
#: headline joined to its site's name by bars ("Man shot in X | News, Weather | WCIV") is no row.
_CELL_SEPARATOR = re.compile(r"[|\t]")
_MAX_CELL_WORDS = 4

#: event_lexicon.tsv parts of speech: noun triggers, verb triggers, and verbs that need a weapon.
_NOUN_POS = frozenset({"N"})
_VERB_POS = frozenset({"V", "VI", "VK", "VX"})
_WEAPON_VERB_POS = frozenset({"VW"})
_NOT_TRIGGERS = frozenset({"R"})  # reversal verbs only modify another trigger ("lifted the ban")
_REPORTED_MODAL_POS = frozenset({"M"})  # "said that X must": only beside a verb of saying
#: Verbs that trigger only with protesters as subject ("marched"): those nouns are cues already.
_CROWD_VERB_POS = frozenset({"VD"})
#: Nouns that count the members of a crowd ("thousands of protesters", "a crowd of demonstrators").
CROWD_COUNTS = frozenset({"thousand", "hundred", "dozen", "score", "crowd", "group", "million"})
#: What a crowd of anyone does only as a demonstration: "thousands of people marched" or "took to
#: the streets" protests, but "hundreds of people gathered" may be mourners or worshippers. These
#: verbs pass the filter beside a crowd count.
CROWD_PROTEST_VERBS = frozenset({"march", "chant", "take"})
#: Verbs that trigger only with an object of a kind (event_objects.tsv): "gave a loan", "blocked roads".
_OBJECT_VERB_POS = {"VG": ("materiel",), "VR": ("materiel",), "VP": ("passage",), "VC": ("truce",)}
#: casualty_terms.tsv categories whose words are casualty triggers, by the word forms they take.
_CASUALTY_VERBS = frozenset({"verb", "weak_verb", "intransitive"})
_CASUALTY_NOUNS = frozenset({"noun", "casualty_noun", "toll", "captive_noun"})
_CASUALTY_WORDS = frozenset({"adjective"})  # matched as written ("dead", "missing")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file under conflictwatch/data: '#' lines are comments, the first other line a header."""
    return [{k: v.strip() for k, v in row.items()} for row in read_data_tsv(name)]


@functools.cache
def _irregular() -> dict[str, tuple[str, ...]]:
    return {
        row["lemma"]: tuple(f for f in row["forms"].split("|") if f)
        for row in read_tsv("event_irregular.tsv")
    }


def word_forms(lemma: str) -> set[str]:
    """The lemma with regular plural, past and -ing endings (over-generating is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    if _DOUBLING.search(lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def verb_forms(lemma: str) -> set[str]:
    """A verb's regular and irregular forms ("strike" → "strikes", "struck", "striking", ...)."""
    return word_forms(lemma) | set(_irregular().get(lemma, ()))


def noun_forms(lemma: str) -> set[str]:
    """A noun in the singular and plural ("casualty" → "casualties"); irregular plurals from the table."""
    forms = {lemma, lemma + "s", lemma + "es"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    return forms | set(_irregular().get(lemma, ()))


def any_forms(lemma: str) -> set[str]:
    return verb_forms(lemma) | noun_forms(lemma)


def _words(phrase: str) -> list[str]:
    """A phrase's words as the filter sees them (letters only: "cease-fire" is "cease", "fire")."""
    return [w for w in _PARTS.split(phrase.lower()) if w]


#: A cue phrase: each of its words as a set of accepted forms.
_Phrase = tuple[frozenset[str], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Cues:
    """What the filter looks for: single word forms, and phrases whose words must all be present."""

    words: frozenset[str]
    phrases: dict[str, tuple[_Phrase, ...]]  # by one of the phrase's word forms (its key)
    weapon_verbs: frozenset[str]  # these need a weapon word too
    weapon_verb_phrases: tuple[_Phrase, ...]
    weapons: frozenset[str]  # and the sites and dwellings such a verb may strike
    weapon_phrases: tuple[_Phrase, ...]

    def match(self, words: set[str]) -> bool:
        if not self.words.isdisjoint(words):
            return True
        for word in words:
            for phrase in self.phrases.get(word, ()):
                if _has_phrase(words, phrase):
                    return True
        if self.weapon_verbs.isdisjoint(words) and not any(
            _has_phrase(words, phrase) for phrase in self.weapon_verb_phrases
        ):
            return False
        return not self.weapons.isdisjoint(words) or any(
            _has_phrase(words, phrase) for phrase in self.weapon_phrases
        )


def _has_phrase(words: set[str], phrase: _Phrase) -> bool:
    return all(not forms.isdisjoint(words) for forms in phrase)


class _Builder:
    def __init__(self) -> None:
        self.words: set[str] = set()
        self.phrases: list[_Phrase] = []

    def add(self, text: str, forms: Callable[[str], set[str]]) -> None:
        """A cue written as lemmas: one word goes in as its forms, a phrase as all of its words."""
        words = _words(text)
        if len(words) == 1:
            self.words |= forms(words[0])
        elif words:
            self.phrases.append(tuple(frozenset(any_forms(w)) for w in words))


def _forms_for(pos: str) -> Callable[[str], set[str]]:
    if pos in _NOUN_POS:
        return noun_forms
    if pos in _VERB_POS | _WEAPON_VERB_POS:
        return verb_forms
    return any_forms


def _index(phrases: Iterable[_Phrase]) -> dict[str, tuple[_Phrase, ...]]:
    """Phrases under every form of their longest word, so that a sentence tries only the phrases it
    may hold."""
    index: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        key = max(phrase, key=lambda forms: min(len(f) for f in forms))
        for form in key:
            index.setdefault(form, []).append(phrase)
    return {form: tuple(found) for form, found in index.items()}


@functools.cache
def cues() -> Cues:
    """The filter's vocabulary, built once from the extractors' data files."""
    triggers = _Builder()
    weapon_verbs = _Builder()
    weapon_forms = frozenset().union(
        *(noun_forms(w) for row in read_tsv("event_weapons.tsv") for w in _words(row["term"])[-1:])
    )
    crowd_counts = frozenset().union(*(noun_forms(w) for w in CROWD_COUNTS))
    for row in read_tsv("event_lexicon.tsv"):
        pos = row["pos"]
        if pos in _CROWD_VERB_POS and _words(row["pattern"])[0] in CROWD_PROTEST_VERBS:
            phrase = tuple(frozenset(any_forms(w)) for w in _words(row["pattern"]))
            triggers.phrases.append((*phrase, crowd_counts))
            continue
        if pos in _NOT_TRIGGERS or pos in _CROWD_VERB_POS:
            continue
        if pos in _REPORTED_MODAL_POS:
            triggers.phrases.append((frozenset({row["pattern"]}), _speech_forms()))
            continue
        if pos == "VF":  # "sent troops": only beside a word for armed forces
            triggers.phrases.append((frozenset(verb_forms(row["pattern"])), _force_forms()))
            continue
        if pos in _OBJECT_VERB_POS:
            objects = _object_forms(_OBJECT_VERB_POS[pos])
            if pos in ("VG", "VR"):  # weapons are materiel too
                objects = objects | weapon_forms
            triggers.phrases.append((frozenset(verb_forms(row["pattern"])), objects))
            continue
        builder = weapon_verbs if pos in _WEAPON_VERB_POS else triggers
        builder.add(row["pattern"], _forms_for(pos))
    for row in read_tsv("casualty_terms.tsv"):
        category = row["category"]
        if category in _CASUALTY_VERBS:
            triggers.add(row["term"], verb_forms)
        elif category in _CASUALTY_NOUNS:
            triggers.add(row["term"], noun_forms)
        elif category in _CASUALTY_WORDS:
            triggers.add(row["term"], lambda word: {word})
    for row in read_tsv("event_cues.tsv"):
        triggers.add(row["cue"], any_forms)
    weapons = _Builder()
    for row in read_tsv("event_weapons.tsv"):
        weapons.add(row["term"], noun_forms)
    # a verb of weapons also tells an attack by the site or dwelling it strikes ("burned 40 homes")
    weapons.words |= _object_forms(("target", "dwelling"))
    return Cues(
        words=frozenset(triggers.words),
        phrases=_index(triggers.phrases),
        weapon_verbs=frozenset(weapon_verbs.words),
        weapon_verb_phrases=tuple(weapon_verbs.phrases),
        weapons=frozenset(weapons.words),
        weapon_phrases=tuple(weapons.phrases),
    )


def _object_forms(kinds: tuple[str, ...]) -> frozenset[str]:
    """Noun forms of event_objects.tsv's words of these kinds."""
    return frozenset().union(
        *(noun_forms(row["term"]) for row in read_tsv("event_objects.tsv") if row["kind"] in kinds)
    )


@functools.cache
def _force_forms() -> frozenset[str]:
    """Noun forms of the words for armed forces that a verb of sending takes (events.py)."""
    from conflictwatch.extract.clauses import side_words
    from conflictwatch.extract.events import SENT_FORCES

    return frozenset().union(*(noun_forms(w) for w in side_words() | SENT_FORCES))


def _speech_forms() -> frozenset[str]:
    """Word forms of the verbs of saying that report another party's duty (events.py)."""
    from conflictwatch.extract.events import DEMANDING_SPEECH

    return frozenset().union(*(verb_forms(verb) for verb in DEMANDING_SPEECH))


def relevant_words() -> frozenset[str]:
    """Every lower-case word form that alone makes a sentence worth parsing."""
    return cues().words


@functools.cache
def speaker_words() -> frozenset[str]:
    """Word forms of the reporting verbs the attribution rules read ("said", "told", "according")."""
    from conflictwatch.extract.attribution import REPORTING_VERBS

    return frozenset({"according"}.union(*(verb_forms(verb) for verb in REPORTING_VERBS)))


def _is_table_row(sentence: str) -> bool:
    cells = _CELL_SEPARATOR.split(sentence)
    return len(cells) >= 3 and all(len(cell.split()) <= _MAX_CELL_WORDS for cell in cells)


def is_relevant(sentence: str) -> bool:
    """True when the raw sentence may hold an event trigger or a casualty figure, or introduces a
    speaker by name (see the module doc)."""
    if not sentence or _is_table_row(sentence):
        return False
    words = set(_WORD.findall(sentence.lower()))
    if cues().match(words):
        return True
    if speaker_words().isdisjoint(words):
        return False
    # Text without capitals (some sources write all in lower case) cannot show its names.
    return bool(_FULL_NAME.search(sentence)) or not _UPPER.search(sentence)

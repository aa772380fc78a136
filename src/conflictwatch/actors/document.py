"""Per-document actor resolution over parsed sentences: `DocumentActors.find_in`.

The phrase rules live in phrases.py; here they are applied to the candidate phrases of a parsed
sentence (spans.py), dropping place names used as locations and capitalized words the parser does not
tag as names, and true-casing text written without capitals.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span, Token

from conflictwatch.actors import spans
from conflictwatch.actors.countries import load_countries
from conflictwatch.actors.dictionary import ActorDictionary
from conflictwatch.actors.phrases import PERSON, PLACE, UNKNOWN, PhraseResolver, Resolution
from conflictwatch.model import ActorRef

_FUNCTION_WORDS_LOWER = frozenset(
    {"the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "by", "with", "from", "de", "la"}
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorSpan:
    """An actor mention in a document: `text` is the document's text[start:end]."""

    start: int
    end: int
    text: str
    actor: ActorRef


def _caseless(text: str) -> bool:
    """Text written all in lower case (or, when long enough to tell, all in capitals)."""
    has_upper = any(ch.isupper() for ch in text)
    has_lower = any(ch.islower() for ch in text)
    if not has_upper:
        return has_lower
    return not has_lower and sum(ch.isalpha() for ch in text) >= 20


#: Lower-case words that name a country only when capitalized ("chad", "turkey", "polish") or that
#: are common words in some actor's name ("amnesty", "pace"): text without case never reads them as
#: names.
_COMMON_IN_LOWER_CASE = frozenset(
    {
        "chad",
        "china",
        "guinea",
        "jordan",
        "turkey",
        "georgia",
        "polish",
        "pole",
        "poles",
        "lima",
        "sucre",
        "chancellery",
        "amnesty",
        "pace",
        "wagner",
    }
)
_NAMES_WITHOUT_CASE: dict[int, tuple[ActorDictionary, dict[str, str], int]] = {}


def _title(form: str) -> str:
    return " ".join(
        w if w in _FUNCTION_WORDS_LOWER else w[:1].upper() + w[1:] for w in form.split(" ")
    )


def _names_without_case(dictionary: ActorDictionary) -> tuple[dict[str, str], int]:
    """Lower-case forms of country names, demonyms, seats and named bodies -> as written, and the
    most words a form has. Single words count only when they are no common word: at least four
    letters (three for a country's abbreviation: "usa", never "us"), not an institution or title
    word, not in _COMMON_IN_LOWER_CASE. People and parties are left out (a party is often named
    with common words)."""
    cached = _NAMES_WITHOUT_CASE.get(id(dictionary))
    if cached is not None and cached[0] is dictionary:
        return cached[1], cached[2]
    forms: dict[str, str] = {}
    table = load_countries()
    for key in table.by_key:
        forms[key] = _title(key)
    for abbreviation in table.by_abbreviation:
        if len(abbreviation) >= 3:
            forms[abbreviation.casefold()] = abbreviation
    for entry in dictionary.entries.values():
        if entry.is_person or entry.kind == "party":
            continue
        for form in (entry.name, *entry.aliases):
            forms.setdefault(" ".join(form.casefold().split()), form)
    usable = {
        key: written
        for key, written in forms.items()
        if " " in key
        or (
            len(key) >= (3 if written.isupper() else 4)
            and key not in _COMMON_IN_LOWER_CASE
            and key not in dictionary.cue_words
        )
    }
    longest = max(k.count(" ") + 1 for k in usable)
    _NAMES_WITHOUT_CASE[id(dictionary)] = (dictionary, usable, longest)
    return usable, longest


class DocumentActors(PhraseResolver):
    """Resolves the actors of one document, phrase by phrase (`resolve`) or sentence by sentence
    (`find_in`); remembers the people, roles and institutions it has met."""

    def find_in(self, sent: Doc | Span, *, offset: int) -> list[ActorSpan]:
        """Actor mentions in one parsed sentence; `offset` is the sentence's place in the document.

        Place names used as locations ("in Tavush", "toward Vardenis") are left out; capitals and
        countries as subjects or objects of a verb ("Yerevan accused Baku") are actors.
        """
        doc = sent if isinstance(sent, Doc) else sent.as_doc()
        found: list[ActorSpan] = []
        text = doc.text  # rebuilt from the tokens on every access
        self.note_sentence(text)
        spell = self._true_case if _caseless(text) else spans.as_written
        for candidate in spans.candidates(doc, self.dictionary.is_head_word, self._worth, spell):
            for piece, phrase in spans.split_coordination(doc, candidate, spell):
                actor = self._actor_for(doc, piece, phrase)
                if actor is None:
                    piece, actor = self._possessor_actor(doc, piece, spell)
                if actor is not None:
                    found.append(
                        ActorSpan(
                            start=offset + piece.char_start,
                            end=offset + piece.char_end,
                            text=piece.text,
                            actor=actor,
                        )
                    )
        return found

    def analyze(self, text: str) -> Resolution | None:
        """As PhraseResolver.analyze; in a sentence written without case, a phrase is read with
        the names it holds capitalized ("the salvadoran army" as "the Salvadoran army")."""
        if not any(ch.isupper() for ch in text) and _caseless(self._sentence_text):
            cased = self._names_cased(text)
            if cased != text:
                found = super().analyze(cased)
                if found is not None and found.how != UNKNOWN:
                    return found
        return super().analyze(text)

    def _names_cased(self, text: str) -> str:
        """The phrase with each known name capitalized as written (longest first)."""
        forms, longest = _names_without_case(self.dictionary)
        words = re.findall(r"\S+", text)
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                window = words[i : i + n]
                tail = re.match(r"^(.*?)((?:'s|[,.;:])?)$", window[-1])
                last, suffix = (tail.group(1), tail.group(2)) if tail else (window[-1], "")
                written = forms.get(" ".join([*window[:-1], last]))
                if written is not None:
                    out.append(written + suffix)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    def _possessor_actor(
        self, doc: Doc, piece: spans.Candidate, spell: spans.Spell
    ) -> tuple[spans.Candidate, ActorRef | None]:
        """ "Azerbaijan's attack": the possessor is the actor, unless the head is a place
        ("Armenia's Tavush province") or the phrase is a location."""
        owner = spans.possessor(doc, piece, spell)
        if owner is None or piece.as_location:
            return piece, None
        if spans.head_lemma(doc, piece) in self.dictionary.not_heads:
            return piece, None
        owner = dataclasses.replace(owner, as_location=False)
        return owner, self._actor_for(doc, owner, owner.phrase)

    def _actor_for(self, doc: Doc, piece: spans.Candidate, phrase: str) -> ActorRef | None:
        found = self.analyze(phrase)
        if found is None or found.how not in {PERSON, PLACE}:
            entity = spans.whole_person(doc[piece.start : piece.end])
            if entity is not None and entity.start > piece.start:
                found = self.named_person(entity.text) or found
        if found is None:
            return None
        if found.how == PLACE and piece.as_location:
            return None
        if found.how != UNKNOWN:
            return found.actor
        if piece.as_location and found.actor.kind is None:
            return None
        if found.actor.country is not None and piece.entity_label != "ORG":
            return None  # "Armenia Ready": a headline, not an organization
        if piece.entity_label == "PERSON" and found.actor.kind is None:
            if " " not in found.actor.name.strip():
                return None  # a lone unknown word tagged PERSON is as often a place ("Shushi")
            person = dataclasses.replace(found.actor, kind="person")
            self._learn(person, person.name)
            return person
        if piece.entity_label is None and found.actor.kind is None:
            return None  # a capitalized word that is no named actor ("Sotk", "Tavush")
        return found.actor

    def _true_case(self, token: Token) -> str:
        """A token of text written without case, spelled as a proper name when it looks like one."""
        lower = token.text.lower()
        if lower in self.dictionary.abbreviations:
            return lower.upper()
        if lower in _FUNCTION_WORDS_LOWER or not lower[:1].isalpha():
            return lower
        proper = (
            lower in self.dictionary.proper_words
            or token.pos_ == "PROPN"
            or token.ent_type_ in spans.NAME_ENTITY_LABELS
        )
        return lower[:1].upper() + lower[1:] if proper else lower

    def _worth(self, text: str) -> bool:
        """A cheap test: the phrase has a capitalized word or an institution or title word."""
        return any(
            word[:1].isupper() or word.casefold() in self.dictionary.cue_words
            for word in text.split()
        )


__all__ = ["ActorSpan", "DocumentActors"]

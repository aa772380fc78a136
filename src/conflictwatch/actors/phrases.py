"""Phrase rules: one phrase to an ActorRef, learning roles and surnames as a document is read.

Order of the rules for one phrase (after leading determiners are dropped):
1. the whole phrase is a dictionary name, a person already met in the document, or a country word;
2. a title of office with a name after it ("Armenian Defense Minister Suren Papikyan") is a person,
   whose role and country are learned; a title without a name ("the Armenian defense minister") is the
   person already met with that role and country, else the office's institution;
3. a known person's full name anywhere in the phrase ("his Russian counterpart Sergei Shoigu");
4. a named body or group anywhere in the phrase ("the OSCE Minsk Group co-chairs");
5. a country or territorial authority with an institution word after it ("Azerbaijani forces") or
   before it with "of" ("the government of Azerbaijan") composes an institution id (AZE.MIL, AZE.GOV);
6. otherwise a proper name is kept as text (id None), with a kind guessed from its head word.
"""

from __future__ import annotations

import dataclasses

from conflictwatch.actors.countries import (
    NAME,
    SEAT,
    Country,
    country,
    country_at,
    country_hit,
    find_countries,
)
from conflictwatch.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    Institution,
    Title,
    load_actor_dictionary,
)
from conflictwatch.actors.normalize import fold, name_key, slug
from conflictwatch.model import ActorRef

_DETERMINERS = frozenset(
    {"the", "a", "an", "both", "some", "its", "his", "her", "their", "our", "these", "those", "this",
     "that", "all", "two", "three", "several", "many", "other", "another", "any", "each"}
)  # fmt: skip
# A territory word after these is an ethnic or political label, not the state ("ethnic Armenian
# officials", "pro-Russian separatists"); before these it is a patron ("Armenian-backed forces").
_NOT_STATE_BEFORE = frozenset({"ethnic", "pro", "anti", "non"})
_NOT_STATE_AFTER = frozenset(
    {"backed", "led", "supported", "sponsored", "aligned", "allied", "controlled", "installed",
     "brokered", "mediated", "trained", "funded", "appointed", "friendly", "leaning"}
)  # fmt: skip
# Words a named body may be followed by and still be the actor ("the Minsk Group co-chairs").
_BODY_MEMBER_WORDS = frozenset(
    {"co", "chairs", "chair", "chairmanship", "members", "member", "states", "countries", "monitors",
     "observers", "mission", "envoy", "envoys", "secretariat", "fighters", "militants", "forces",
     "group", "faction", "movement", "coalition"}
)  # fmt: skip
# Words that join coordinated actors in one phrase ("leaders of Armenia and Azerbaijan").
_COORDINATORS = frozenset({"and", "&", ","})
# Words standing for "the country already named" before an institution ("the country's Defense Ministry").
_DEICTIC_COUNTRY = frozenset({"country", "nation", "republic", "state"})
# Before a title these make it a past office: "former President Robert Kocharyan".
_PAST_QUALIFIERS = frozenset({"former", "ex", "ousted", "deposed", "late", "outgoing"})
_NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "da",
        "di",
        "van",
        "von",
        "der",
        "du",
        "le",
        "la",
    }
)
# Roles that stand for one office without a country or a name ("the president said").
_TOP_OFFICES = frozenset(
    {"president", "prime minister", "chancellor", "king", "queen", "emir", "supreme leader",
     "crown prince", "secretary of state", "secretary of defense"}
)  # fmt: skip
_MAX_WORDS = 30
_MAX_NAME_WORDS = 4
# How a resolution was reached: the span finder treats bare places differently from institutions.
PLACE = "place"  # a country name, capital or territory on its own ("Armenia", "Baku")
PERSON = "person"
BODY = "body"  # a named organization or group from the dictionary
INSTITUTION = "institution"  # composed from a territory and an institution word, or a role
UNKNOWN = "unknown"  # kept as text


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    actor: ActorRef
    how: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Territory:
    """A country (ISO3) or a territorial authority from the dictionary found in a phrase."""

    base_id: str
    name: str
    country: str | None
    kind: str  # state or the entry's kind
    how: str  # NAME, DEMONYM or SEAT
    start: int
    end: int


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _written(text: str) -> str:
    """The phrase as written, without leading determiners and surrounding punctuation."""
    words = text.split()
    while len(words) > 1 and fold(words[0]).casefold() in _DETERMINERS:
        words = words[1:]
    return " ".join(words).strip(" \t\n.,;:!?\"'()[]“”‘’")


def _strip_determiners(tokens: list[str]) -> list[str]:
    start = 0
    while start < len(tokens) - 1 and tokens[start].casefold() in _DETERMINERS:
        start += 1
    return tokens[start:]


class PhraseResolver:
    """Resolves actor phrases of one document; remembers people (names, surnames, roles) it has met."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary if dictionary is not None else load_actor_dictionary()
        self._people: dict[str, ActorRef] = {}  # name_key of full name or surname -> person
        self._by_role: dict[tuple[str | None, str], ActorRef] = {}  # (country, role) -> person
        self._by_code: dict[str, dict[str, ActorRef]] = {}  # institution code -> id -> institution
        self._last_state: ActorRef | None = None  # the country named last ("the country's ...")
        self._countries_seen: set[str] = set()  # ISO3 of every country the document has named
        self._bodies_seen = False  # whether it has named an international body
        self._ids_seen: set[str] = set()  # ids of the actors resolved so far
        self._sentence_text = ""  # the sentence `find_in` is reading

    # --- public ------------------------------------------------------------------------------

    def resolve(self, text: str) -> ActorRef | None:
        """The actor a phrase names (id None when kept as text), or None when it names no actor."""
        found = self.analyze(text)
        return found.actor if found is not None else None

    def resolve_all(self, text: str) -> list[ActorRef]:
        """Every actor a coordinated phrase names: "leaders of Armenia and Azerbaijan" gives both
        governments, "Armenian and Azerbaijani forces" both armed forces; otherwise `resolve`'s one."""
        first = self.resolve(text)
        words = fold(text).replace(",", " , ").split() if isinstance(text, str) else []
        if not any(w.casefold() in _COORDINATORS for w in words):
            return [first] if first is not None else []
        found = [first] if first is not None and first.id is not None else []
        seen = {ref.country for ref in found}
        model = found[0] if found else None
        for hit in find_countries(text):
            iso3 = hit.country.iso3
            if iso3 in seen:
                continue
            seen.add(iso3)
            if model is None:
                found.append(ActorRef(id=iso3, name=hit.country.name, country=iso3, kind="state"))
            else:
                found.append(self._same_institution(model, iso3, hit.country.name))
        return found or ([first] if first is not None else [])

    def _same_institution(self, model: ActorRef, iso3: str, name: str) -> ActorRef:
        """The actor of another country in the role `model` plays for its own: the government, the
        armed forces, the state."""
        code = (
            (model.id or "").split(".", 1)[1] if model.country and "." in (model.id or "") else ""
        )
        if model.country is None or not code or model.id != f"{model.country}.{code}":
            return ActorRef(id=iso3, name=name, country=iso3, kind="state")
        return self._institution_ref(iso3, name, iso3, code, model.kind or "government")

    def analyze(self, text: str) -> Resolution | None:
        """Like `resolve`, and says how the actor was recognized."""
        if not isinstance(text, str) or not text.strip() or len(text) > 400:
            return None
        tokens = _strip_determiners(fold(text).split(" "))
        if not tokens or not tokens[0] or len(tokens) > _MAX_WORDS:
            return None
        if not any(_capitalized(t) or t.casefold() in self.dictionary.cue_words for t in tokens):
            return None  # no name and no institution or title word: "the toll", "heavy fighting"
        written = _written(text)
        found = (
            self._whole_phrase(tokens)
            or self._contextual(tokens)
            or self._body_named_with_title(tokens)
            or self._titled_person(tokens, written)
            or self._person_inside(tokens)
            or self._body_inside(tokens)
            or self._composed(tokens)
            or self._unknown(tokens, written)
        )
        if found is not None and found.how != UNKNOWN:
            self._note_context(found.actor)
        return found

    def note_sentence(self, text: str) -> None:
        """Remember the countries a sentence names: context for lone surnames ("Lavrov")."""
        self._sentence_text = text
        self._countries_seen.update(hit.country.iso3 for hit in find_countries(text))

    def _note_context(self, actor: ActorRef) -> None:
        """Remember the countries and bodies met, and the last state named."""
        if actor.country is not None:
            self._countries_seen.add(actor.country)
        if actor.id is not None:
            self._ids_seen.add(actor.id)
        if actor.kind in {"igo", "ngo"}:
            self._bodies_seen = True
        if actor.kind == "person" or actor.country is None or country(actor.country) is None:
            return
        state = ActorRef(
            id=actor.country, name=country_name(actor.country), country=actor.country, kind="state"
        )
        self._last_state = state

    @staticmethod
    def _first_state(text: str) -> ActorRef | None:
        """The first country named in a sentence, for "the country's Defense Ministry"."""
        for hit in find_countries(text):
            return ActorRef(
                id=hit.country.iso3, name=hit.country.name, country=hit.country.iso3, kind="state"
            )
        return None

    def named_person(self, name: str) -> Resolution | None:
        """A person's name from the parser's PERSON entity: known, learned, or new (kept as text)."""
        found = self.analyze(name)
        if found is not None and found.how == PERSON:
            return found
        if found is None or found.how != UNKNOWN:
            return None
        person = ActorRef(id=None, name=found.actor.name, kind="person")
        self._learn(person, person.name)
        return Resolution(actor=person, how=PERSON)

    def people(self) -> list[ActorRef]:
        """People met so far in this document (each once)."""
        unique = {ref.id or ref.name: ref for ref in self._people.values()}
        return list(unique.values())

    # --- rule 1: whole phrase ----------------------------------------------------------------

    def _whole_phrase(self, tokens: list[str]) -> Resolution | None:
        entry_id = self.dictionary.aliases.get(tokens)
        if entry_id is not None:
            entry = self.dictionary.entries[entry_id]
            return Resolution(actor=_entry_ref(entry), how=PLACE if entry.is_territorial else BODY)
        person = self._known_person(tokens)
        if person is not None:
            return Resolution(actor=person, how=PERSON)
        hit = country_hit(" ".join(tokens))
        if hit is not None:
            return Resolution(actor=self._country_ref(hit[0], hit[1]), how=PLACE)
        return None

    # --- rule 1b: phrases whose body depends on the document ------------------------------------

    def _contextual(self, tokens: list[str]) -> Resolution | None:
        """ "The Security Council" is the UN's when the document or the sentence names the UN."""
        hit = self.dictionary.contextual.get(" ".join(tokens).casefold())
        if hit is None:
            return None
        context_id, actor_id = hit
        entry = self.dictionary.get(actor_id)
        if entry is None or not self._context_named(context_id):
            return None
        return Resolution(actor=_entry_ref(entry), how=BODY)

    def _context_named(self, context_id: str) -> bool:
        """Whether the document has resolved the actor (or a sub-body of it), or the sentence being
        read names it."""
        if any(seen == context_id or seen.startswith(context_id + ".") for seen in self._ids_seen):
            return True
        entry = self.dictionary.get(context_id)
        if entry is None or not self._sentence_text:
            return False
        words = fold(self._sentence_text).replace(",", " ").replace("'s", " ").split()
        for form in (entry.name, *entry.aliases):
            form_words = fold(form).split()
            exact = form.isupper()
            for i in range(len(words) - len(form_words) + 1):
                window = words[i : i + len(form_words)]
                if exact and window == form_words:
                    return True
                if not exact and [w.casefold() for w in window] == [
                    w.casefold() for w in form_words
                ]:
                    return True
        return False

    def _known_person(self, tokens: list[str]) -> ActorRef | None:
        """A person by full name or, for a lone capitalized word, by surname."""
        if not all(_capitalized(t) for t in tokens) or len(tokens) > _MAX_NAME_WORDS:
            return None
        name = " ".join(tokens)
        learned = self._people.get(name_key(name))
        if learned is not None:
            return learned
        entry = self.dictionary.person(name)
        if entry is None and len(tokens) == 1:
            entry = self.dictionary.person(name, surname_only=True)
            if entry is not None and not self._in_context(entry):
                return None  # "Wallace" in a story that names no British actor
        if entry is None:
            return None
        ref = _entry_ref(entry)
        self._learn(ref, name)
        return ref

    def _in_context(self, entry: ActorEntry) -> bool:
        """Whether the document so far makes a lone surname likely to mean this dictionary person:
        it has named the person's country (or, for officials of international bodies, a body)."""
        if entry.country is None:
            return self._bodies_seen
        return entry.country in self._countries_seen

    def _country_ref(self, country: Country, how: str) -> ActorRef:
        if how == SEAT:
            return self._institution_ref(
                country.iso3, country.name, country.iso3, "GOV", "government"
            )
        return ActorRef(id=country.iso3, name=country.name, country=country.iso3, kind="state")

    # --- rule 2: titles ----------------------------------------------------------------------

    def _titled_person(self, tokens: list[str], written: str) -> Resolution | None:
        found = self._find_title(tokens)
        if found is None:
            return None
        title, start, end = found
        name_start, name_end = self._name_after(tokens, end)
        territory = self._territory_in(tokens[:start]) or self._territory_in(tokens[end:name_start])
        title = self._title_in_institution(tokens[:start], title)
        if start > 0 and tokens[start - 1].casefold() in _PAST_QUALIFIERS:
            title = dataclasses.replace(title, role=f"former {title.role}")
        if name_end > name_start:
            name_words = tokens[name_start:name_end]
            territory = territory or self._territory_in(tokens[name_end:])
            return Resolution(actor=self._person(name_words, title, territory), how=PERSON)
        if end < len(tokens) and not self._tail_is_institutional(tokens[end:]):
            return None  # "President's office building": not a title of a person
        return self._office(tokens, written, title, territory)

    def _title_in_institution(self, before: list[str], title: Title) -> Title:
        """A generic title after an institution is that institution's: "Defense Ministry spokeswoman"."""
        if title.code != "GOV":
            return title
        found = self._institution_from(before)
        if found is None or found[0].code in {"", "GOV"}:
            return title
        institution = found[0]
        label = self.dictionary.institution_labels.get(institution.code, institution.phrase)
        return Title(phrase=title.phrase, role=f"{label} {title.role}", code=institution.code)

    def _find_title(self, tokens: list[str]) -> tuple[Title, int, int] | None:
        """The last title in the phrase (longest match at each position)."""
        best: tuple[Title, int, int] | None = None
        i = 0
        while i < len(tokens):
            for n in range(min(self.dictionary.longest_title, len(tokens) - i), 0, -1):
                title = self.dictionary.title(tokens[i : i + n])
                if title is not None and self._title_is_used_as_title(tokens, i, n):
                    best = (title, i, i + n)
                    i += n - 1
                    break
            i += 1
        return best

    @staticmethod
    def _title_is_used_as_title(tokens: list[str], start: int, n: int) -> bool:
        # Short abbreviations count only in capitals ("PM", "FM", "MP"), never "pm" in "6 pm".
        words = tokens[start : start + n]
        return not (n == 1 and len(words[0]) <= 3 and not words[0].isupper() and words[0] != "Gen")

    def _name_after(self, tokens: list[str], start: int) -> tuple[int, int]:
        """Capitalized words after a title (skipping "of <territory>"): the person's name."""
        i = start
        if i < len(tokens) and tokens[i].casefold() == "of":
            territory = self._territory_in(tokens[i + 1 :], anchored=True)
            if territory is not None:
                i = i + 1 + territory.end
        j = i
        while j < len(tokens) and j - i < _MAX_NAME_WORDS + 1:
            if self._name_word(tokens[j]):
                j += 1
            elif j > i and (skip := self._particles_at(tokens, j)):
                j += skip  # "Bashar al-Assad", "Ursula von der Leyen"
            else:
                break
        if j > i and self._is_institutional(tokens[i:j]):
            return i, i
        return i, j

    def _particles_at(self, tokens: list[str], j: int) -> int:
        """How many words name particles and the name word after them take ("von der Leyen"),
        or 0 when tokens[j] starts no such run."""
        k = j
        while k < len(tokens) and tokens[k].casefold() in _NAME_PARTICLES:
            k += 1
        if k == j or k >= len(tokens) or not self._name_word(tokens[k]):
            return 0
        return k - j + 1

    def _name_word(self, word: str) -> bool:
        """A word that can be part of a personal name: capitalized, no digits, not a title or acronym."""
        if not _capitalized(word) or any(ch.isdigit() for ch in word):
            return False
        if word.isupper() and len(word) > 1:
            return word in {"II", "III", "IV", "VI"}  # regnal numbers ("Abdullah II")
        return self.dictionary.title([word]) is None

    def _is_institutional(self, words: list[str]) -> bool:
        return (
            country_hit(" ".join(words)) is not None
            or self.dictionary.aliases.get(words) is not None
            or self._institution_at_end(words) is not None
        )

    def _tail_is_institutional(self, words: list[str]) -> bool:
        return self._institution_at_end(words) is not None

    def _person(
        self, name_words: list[str], title: Title, territory: _Territory | None
    ) -> ActorRef:
        name = " ".join(name_words)
        known = self._people.get(name_key(name))
        entry = self.dictionary.person(name, after_title=True)
        if entry is None and len(name_words) == 1:
            entry = self.dictionary.person(name, surname_only=True)
        country = territory.country if territory is not None else None
        if territory is not None and title.code not in {"", "GOV"}:
            self._institution_ref(  # "Armenian Defense Minister X": Armenia has a defense ministry
                territory.base_id, territory.name, territory.country, title.code, "ministry"
            )
        if entry is not None:
            ref = ActorRef(
                id=entry.id,
                name=entry.name,
                country=country or entry.country,
                kind="person",
                role=title.role,
            )
        elif known is not None:
            ref = dataclasses.replace(known, role=title.role, country=country or known.country)
        else:
            ref = ActorRef(
                id="person:" + slug(name),
                name=name,
                country=country,
                kind="person",
                role=title.role,
            )
        self._learn(ref, name)
        return ref

    def _office(
        self, tokens: list[str], written: str, title: Title, territory: _Territory | None
    ) -> Resolution | None:
        """A title without a name: the person met with that role, else the office's institution."""
        country = territory.country if territory is not None else None
        holder = self._by_role.get((country, title.role))
        if holder is None and territory is None:
            holders = {r.id for (c, role), r in self._by_role.items() if role == title.role}
            if len(holders) == 1:
                holder = next(r for (c, role), r in self._by_role.items() if role == title.role)
        if holder is not None:
            return Resolution(actor=holder, how=PERSON)
        if territory is None:
            body = self._body_inside(tokens)
            if body is None and not self._specific_office(tokens, title):
                return None  # "his head", "the chief": too vague to be an actor
            if body is None:  # "a ruling-party MP", "the president": someone, kept as text
                return Resolution(
                    actor=ActorRef(id=None, name=written, kind="person", role=title.role),
                    how=UNKNOWN,
                )
            return Resolution(actor=dataclasses.replace(body.actor, role=title.role), how=BODY)
        ref = self._institution_ref(
            territory.base_id, territory.name, territory.country, title.code, "government"
        )
        kind = self._kind_of_code(title.code) or ref.kind
        return Resolution(
            actor=dataclasses.replace(ref, kind=kind, role=title.role), how=INSTITUTION
        )

    @staticmethod
    def _specific_office(tokens: list[str], title: Title) -> bool:
        """A title that names an office on its own: a capitalized one, or a ministry's or the top."""
        return (
            any(_capitalized(t) for t in tokens)
            or title.code in {"MFA", "MOD", "MOI"}
            or title.role in _TOP_OFFICES
        )

    # --- rules 3 and 4: known names inside a longer phrase ------------------------------------

    def _person_inside(self, tokens: list[str]) -> Resolution | None:
        for i in range(len(tokens)):
            for n in range(min(_MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                if n == 1 and (i + 1 == len(tokens) or not _capitalized(tokens[i])):
                    continue  # a lone surname only before an institution word
                if n == 1 and self.dictionary.aliases.get(tokens[i : i + 1]) is not None:
                    continue  # "Houthi forces" are the Houthis', not al-Houthi's government's
                person = self._known_person(tokens[i : i + n])
                if person is None:
                    continue
                after = self._institution_from(tokens[i + n :])
                if after is not None and after[1] == len(tokens) - i - n and person.country:
                    # "the Pashinyan government": the institution of the person's country
                    country = country_name(person.country)
                    ref = self._institution_ref(
                        person.country, country, person.country, after[0].code, after[0].kind
                    )
                    return Resolution(actor=ref, how=INSTITUTION)
                if n > 1:
                    return Resolution(actor=person, how=PERSON)
        return None

    def _body_named_with_title(self, tokens: list[str]) -> Resolution | None:
        """A known body whose name holds a title word ("the Estado Mayor Central faction"): the
        body, not a person called Central whose role is mayor."""
        titles = {t.casefold() for t in tokens if self.dictionary.title([t]) is not None}
        found = self._body_inside(tokens) if titles else None
        if found is None or not titles & {w.casefold() for w in fold(found.actor.name).split()}:
            return None
        return found

    def _body_inside(self, tokens: list[str]) -> Resolution | None:
        for i in range(len(tokens)):
            if not _capitalized(tokens[i]):
                continue
            for n in range(min(self.dictionary.aliases.longest, len(tokens) - i), 0, -1):
                entry_id = self.dictionary.aliases.get(tokens[i : i + n])
                if entry_id is None:
                    continue
                entry = self.dictionary.entries[entry_id]
                if entry.is_territorial:
                    break  # composed by rule 5
                if not self._body_is_head(tokens[i + n :]):
                    break
                return Resolution(actor=_entry_ref(entry), how=BODY)
        return None

    def _body_is_head(self, tail: list[str]) -> bool:
        """Whether a body named before `tail` is the actor ("OSCE co-chairs") or a modifier
        ("EU-mediated talks", "the UN Charter")."""
        if not tail:
            return True
        if tail[0].endswith("ed") and not _capitalized(tail[0]) and tail[0] != "armed":
            return False  # "EU-mediated talks"; but "the M23 armed group" is the M23
        last = tail[-1].casefold()
        if last in self.dictionary.not_heads:
            return False
        return (
            last in _BODY_MEMBER_WORDS
            or self._institution_at_end(tail) is not None
            or self.dictionary.title([tail[-1]]) is not None
            or _capitalized(tail[-1])
        )

    # --- rule 5: territory + institution word -------------------------------------------------

    def _territory_in(self, tokens: list[str], *, anchored: bool = False) -> _Territory | None:
        """The first country or territorial authority in the words (at position 0 if anchored)."""
        for i in range(len(tokens)):
            if anchored and i > 0:
                break
            if not _capitalized(tokens[i]):
                continue
            if i > 0 and tokens[i - 1].casefold() in _NOT_STATE_BEFORE:
                continue
            for n in range(min(self.dictionary.aliases.longest, len(tokens) - i), 0, -1):
                entry_id = self.dictionary.aliases.get(tokens[i : i + n])
                entry = self.dictionary.entries.get(entry_id) if entry_id else None
                if entry is not None and entry.is_territorial:
                    if _patron(tokens, i + n):
                        break
                    return _Territory(
                        base_id=entry.id,
                        name=entry.name,
                        country=entry.country,
                        kind=entry.kind,
                        how=NAME,
                        start=i,
                        end=i + n,
                    )
            hit = country_at(tokens, i)
            if hit is not None and not _patron(tokens, hit.end):
                return _Territory(
                    base_id=hit.country.iso3,
                    name=hit.country.name,
                    country=hit.country.iso3,
                    kind="state",
                    how=hit.how,
                    start=hit.start,
                    end=hit.end,
                )
        return None

    def _institution_at_end(self, tokens: list[str]) -> Institution | None:
        """An institution phrase ending the words ("... Defense Ministry", "... forces")."""
        for n in range(min(self.dictionary.longest_institution, len(tokens)), 0, -1):
            found = self.dictionary.institution(tokens[len(tokens) - n :])
            if found is not None:
                return found
        return None

    def _institution_from(self, tokens: list[str]) -> tuple[Institution, int] | None:
        """The first institution phrase in the words and where it ends (longest at each place)."""
        for i in range(len(tokens)):
            for n in range(min(self.dictionary.longest_institution, len(tokens) - i), 0, -1):
                found = self.dictionary.institution(tokens[i : i + n])
                if found is not None:
                    return found, i + n
        return None

    def _composed(self, tokens: list[str]) -> Resolution | None:
        territory = self._territory_in(tokens)
        if territory is None:
            return None
        after = self._institution_from(tokens[territory.end :])
        if after is not None:
            return self._composed_ref(territory, after[0])
        if territory.start >= 2 and tokens[territory.start - 1].casefold() == "of":
            before = self._institution_at_end(tokens[: territory.start - 1])
            if before is not None:
                return self._composed_ref(territory, before)
        rest = tokens[territory.end :]
        if territory.start == 0 and not rest:
            return Resolution(actor=self._territory_ref(territory), how=PLACE)
        if any(w.casefold() in self.dictionary.not_heads for w in rest):
            return None
        if territory.start == 0 and rest and all(_capitalized(w) for w in rest):
            name = " ".join(tokens)
            return Resolution(
                actor=ActorRef(id=None, name=name, country=territory.country), how=UNKNOWN
            )
        return None

    def _composed_ref(self, territory: _Territory, institution: Institution) -> Resolution:
        ref = self._institution_ref(
            territory.base_id,
            territory.name,
            territory.country,
            institution.code,
            institution.kind,
        )
        return Resolution(actor=ref, how=INSTITUTION)

    def _territory_ref(self, territory: _Territory) -> ActorRef:
        if territory.how == SEAT:
            return self._institution_ref(
                territory.base_id, territory.name, territory.country, "GOV", "government"
            )
        return ActorRef(
            id=territory.base_id,
            name=territory.name,
            country=territory.country,
            kind=territory.kind,
        )

    def _institution_ref(
        self, base_id: str, base_name: str, country: str | None, code: str, kind: str
    ) -> ActorRef:
        if not code:
            entry = self.dictionary.get(base_id)
            return ActorRef(
                id=base_id, name=base_name, country=country, kind=entry.kind if entry else "state"
            )
        actor_id = f"{base_id}.{code}"
        entry = self.dictionary.get(actor_id)
        if entry is not None:
            ref = _entry_ref(entry)
        else:
            label = self.dictionary.institution_labels.get(code, code.lower())
            ref = ActorRef(id=actor_id, name=f"{base_name} {label}", country=country, kind=kind)
        self._by_code.setdefault(code, {})[actor_id] = ref
        return ref

    def _kind_of_code(self, code: str) -> str | None:
        for institution in self.dictionary.institutions.values():
            if institution.code == code:
                return institution.kind
        return None

    # --- rule 6: unknown names ---------------------------------------------------------------

    def _unknown(self, tokens: list[str], written: str) -> Resolution | None:
        if any(t.casefold() in self.dictionary.not_heads for t in tokens):
            return None
        institution = self._institution_at_end(tokens)
        named = any(_capitalized(t) for t in tokens)
        if institution is not None and (named or _one_body(tokens, institution)):
            # "the army" after "South Sudan's army": the one army the document has met
            seen = self._institution_met(tokens, institution)
            if seen is not None:
                return Resolution(actor=seen, how=INSTITUTION)
        if not named:
            return None
        if institution is not None:
            kind = "armed_group" if institution.kind == "military" else institution.kind
            return Resolution(actor=ActorRef(id=None, name=written, kind=kind), how=UNKNOWN)
        if all(_capitalized(t) or t.casefold() in {"of", "and", "for", "al", "el"} for t in tokens):
            learned = self._people.get(name_key(written))
            if learned is not None:
                return Resolution(actor=learned, how=PERSON)
            return Resolution(actor=ActorRef(id=None, name=written), how=UNKNOWN)
        return None

    # --- memory ------------------------------------------------------------------------------

    def _institution_met(self, tokens: list[str], institution: Institution) -> ActorRef | None:
        """ "The Defense Ministry" with no country: the one defense ministry met in the document."""
        prefix = _before_institution(tokens, institution)
        if any(word.casefold() not in _DETERMINERS | _DEICTIC_COUNTRY for word in prefix):
            return None
        met = self._by_code.get(institution.code, {})
        if len(met) == 1:
            return next(iter(met.values()))
        deictic = any(word.casefold() in _DEICTIC_COUNTRY for word in prefix)
        if deictic and self._last_state is not None:
            state = self._first_state(self._sentence_text) or self._last_state
            return self._institution_ref(
                state.id or "", state.name, state.country, institution.code, institution.kind
            )
        return None

    def _learn(self, ref: ActorRef, written_name: str) -> None:
        """Remember a person by full name, by each name variant's surname, and by role."""
        forms = {written_name, ref.name}
        for form in forms:
            self._people[name_key(form)] = ref
            words = fold(form).split(" ")
            if len(words) > 1:
                self._people[name_key(words[-1])] = ref
        if ref.role:
            self._by_role[(ref.country, ref.role)] = ref


#: Plural words for a force's members: "troops" may be another state's ("sent thousands of
#: troops"), so only a body named in the singular is taken for the one met before.
_MEMBERS = frozenset({"troops", "forces", "soldiers", "fighters", "personnel", "units", "officers"})


def _one_body(tokens: list[str], institution: Institution) -> bool:
    """A lower-case phrase that is a determiner and an institution named in the singular ("the
    army", "the health ministry"), not "the state government" (a province's) nor "troops"."""
    plain = all(
        word.casefold() in _DETERMINERS for word in _before_institution(tokens, institution)
    )
    return plain and tokens[-1].casefold() not in _MEMBERS


def _before_institution(tokens: list[str], institution: Institution) -> list[str]:
    """The words of a phrase ending in an institution's name that come before that name."""
    return tokens[: len(tokens) - len(fold(institution.phrase).split(" "))]


def _patron(tokens: list[str], after: int) -> bool:
    """The territory ending before `after` backs or leads someone else ("Armenian-backed forces")."""
    return after < len(tokens) and tokens[after].casefold() in _NOT_STATE_AFTER


def country_name(iso3: str) -> str:
    found = country(iso3)
    return found.name if found is not None else iso3


def _entry_ref(entry: ActorEntry) -> ActorRef:
    return ActorRef(
        id=entry.id, name=entry.name, country=entry.country, kind=entry.kind, role=entry.role
    )

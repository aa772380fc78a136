"""The versioned actor dictionary: data/actors.tsv, then an optional user TSV with the same columns.

Besides the named actors it carries the two lexicons the general rules use: institution words
(data/actors_institutions.tsv) and titles of office (data/actors_roles.tsv).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from conflictwatch import settings
from conflictwatch.actors.countries import country_forms
from conflictwatch.actors.normalize import fold, key, name_key
from conflictwatch.datafiles import data_text

log = logging.getLogger(__name__)

_VERSION_LINE = re.compile(r"^#\s*version\s*:\s*(\S+)", re.IGNORECASE)
COLUMNS = ("id", "name", "kind", "country", "role", "aliases", "source")
#: Kinds whose entries compose with institution words like a state ("Karabakh officials").
TERRITORIAL_KINDS = frozenset({"state", "separatist_authority", "territory"})
# Surnames that are also common English words never match a dictionary person on their own.
_COMMON_WORD_SURNAMES = frozenset(
    {"may", "brown", "rice", "gates", "bush", "costa", "rama", "borg", "rau", "ban", "hunt", "fox",
     "wang", "li", "hu", "wen", "qin", "dong", "wei", "chang", "cao", "yang", "carter", "miller",
     "michel", "gantz", "barak", "jung", "stubb", "oktay", "kurz", "rubio"}
)  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One row of the dictionary."""

    id: str
    name: str
    kind: str
    country: str | None
    role: str | None
    aliases: tuple[str, ...]
    source: str

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    @property
    def is_territorial(self) -> bool:
        return self.kind in TERRITORIAL_KINDS


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Institution:
    """An institution word: "Defense Ministry" -> code MOD, kind ministry."""

    phrase: str
    code: str
    kind: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Title:
    """A title of office: "Defense Minister" -> role "defense minister", institution MOD."""

    phrase: str
    role: str
    code: str


def _is_abbreviation(form: str) -> bool:
    return 2 <= len(form) <= 6 and form.replace(" ", "").isalnum() and form.isupper()


class PhraseIndex:
    """Word-sequence lookup with the longest match first; upper-case abbreviations match exactly."""

    def __init__(self) -> None:
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self.longest = 1

    def add(self, phrase: str, value: str, *, replace: bool = False) -> None:
        folded = fold(phrase)
        if not folded:
            return
        table, index_key = (
            (self._exact, folded) if _is_abbreviation(folded) else (self._folded, folded.casefold())
        )
        if replace or index_key not in table:
            table[index_key] = value
        self.longest = max(self.longest, folded.count(" ") + 1)

    def get(self, tokens: Iterable[str]) -> str | None:
        joined = " ".join(tokens)
        found = self._exact.get(joined)
        if found is None and not _is_abbreviation(joined):
            found = self._folded.get(joined.casefold())
        return found


@dataclasses.dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Named actors, with alias and surname indexes, and the lexicons of the general rules."""

    version: str
    entries: Mapping[str, ActorEntry]
    aliases: PhraseIndex  # names of bodies, groups and territories -> id
    person_names: Mapping[str, str]  # name_key of a full name or variant -> person id
    person_surnames: Mapping[str, str]  # name_key of a distinctive surname -> person id
    person_after_title: Mapping[str, str]  # short or common one-word names: "President Xi"
    institutions: Mapping[str, Institution]  # key of phrase -> institution
    titles: Mapping[str, Title]  # key of phrase -> title
    institution_labels: Mapping[str, str]  # code -> display phrase ("MIL" -> "armed forces")
    not_heads: frozenset[str]  # head words of things that are no actors ("war", "charter")
    contextual: Mapping[str, tuple[str, str]]  # key of phrase -> (context id, actor id)
    cue_words: frozenset[str]  # lower-case words of institution phrases and titles
    proper_words: frozenset[str]  # lower-case words of country and actor names, for true-casing
    abbreviations: frozenset[str]  # lower-case forms of upper-case aliases ("osce", "un")
    longest_institution: int
    longest_title: int

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def person(
        self, name: str, *, surname_only: bool = False, after_title: bool = False
    ) -> ActorEntry | None:
        """The dictionary person a full name (or, if asked, a lone surname) denotes.

        With `after_title`, one-word names that are short or common words count too ("President
        Xi", "Secretary-General Ban"); they never do on their own ("a ban", "Xi" in a list).
        """
        name_index = self.person_surnames if surname_only else self.person_names
        found = name_index.get(name_key(name))
        if found is None and after_title:
            found = self.person_after_title.get(name_key(name))
        return self.entries.get(found) if found else None

    def institution(self, tokens: list[str]) -> Institution | None:
        return self.institutions.get(" ".join(tokens).casefold())

    def title(self, tokens: list[str]) -> Title | None:
        return self.titles.get(" ".join(tokens).casefold())

    def is_head_word(self, word: str) -> bool:
        """A noun that heads an institution or an office ("government", "leaders", "President")."""
        folded = key(word)
        return folded in self.institutions or folded in self.titles


def _data_lines(text: str) -> tuple[str | None, list[str]]:
    """The version comment, and the non-comment lines of a TSV."""
    version = None
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            match = _VERSION_LINE.match(line)
            if match and version is None:
                version = match.group(1)
        elif line.strip():
            lines.append(line)
    return version, lines


def _entry(row: Mapping[str, str | None]) -> ActorEntry | None:
    actor_id = (row.get("id") or "").strip()
    name = (row.get("name") or "").strip()
    if not actor_id or not name:
        return None
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return ActorEntry(
        id=actor_id,
        name=name,
        kind=(row.get("kind") or "").strip() or "unknown",
        country=(row.get("country") or "").strip() or None,
        role=(row.get("role") or "").strip() or None,
        aliases=aliases,
        source=(row.get("source") or "").strip(),
    )


def read_entries(text: str) -> tuple[str | None, list[ActorEntry]]:
    """Rows of a dictionary TSV (header line needed; malformed rows are skipped)."""
    version, lines = _data_lines(text)
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    entries = [entry for row in rows if (entry := _entry(row)) is not None]
    return version, entries


def _lexicon_rows(name: str) -> list[dict[str, str]]:
    _, lines = _data_lines(data_text(name))
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else ""


def _distinctive(word_key: str) -> bool:
    """A one-word name that can stand alone: not short, not a common English word."""
    return len(word_key) >= 4 and word_key not in _COMMON_WORD_SURNAMES


def _index_people(
    people: list[ActorEntry],
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Indexes of full names, distinctive surnames, and one-word names usable after a title."""
    names: dict[str, str] = {}
    after_title: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for entry in people:
        for form in (entry.name, *entry.aliases):
            folded = fold(form).strip()
            if " " in folded:
                names[name_key(form)] = entry.id
                surnames.setdefault(name_key(_surname(folded)), set()).add(entry.id)
            elif _distinctive(name_key(form)):
                names[name_key(form)] = entry.id
            else:
                after_title[name_key(form)] = entry.id
    unique: dict[str, str] = {}
    for surname, ids in surnames.items():
        if len(ids) == 1:
            target = unique if _distinctive(surname) else after_title
            target.setdefault(surname, next(iter(ids)))
    return names, unique, after_title


# Short English words never true-cased into an abbreviation ("us" is not the US in lower-case text).
_FUNCTION_WORDS = frozenset(
    {"us", "is", "it", "who", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "me",
     "my", "no", "of", "oh", "on", "or", "so", "to", "up", "we", "the", "and", "for", "a", "de",
     "del", "la", "al", "el", "le", "des", "du", "van", "von", "der", "bin", "ibn"}
)  # fmt: skip


def _name_words(
    forms: Iterable[str], cue_words: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case proper-name words and abbreviations found in the given names."""
    words: set[str] = set()
    abbreviations: set[str] = set()
    for form in forms:
        for word in fold(form).split(" "):
            lower = word.casefold()
            if not word or lower in _FUNCTION_WORDS or lower in cue_words:
                continue
            if _is_abbreviation(word):
                abbreviations.add(lower)
            elif len(word) > 2:
                words.add(lower)
    return frozenset(words), frozenset(abbreviations)


@dataclasses.dataclass(frozen=True, slots=True)
class _Lexicons:
    institutions: dict[str, Institution]
    labels: dict[str, str]
    titles: dict[str, Title]
    not_heads: frozenset[str]
    contextual: dict[str, tuple[str, str]]
    cue_words: frozenset[str]


@functools.cache
def _lexicons() -> _Lexicons:
    """The institution, title and non-actor word lists (read once)."""
    institution_rows = _lexicon_rows("actors_institutions.tsv")
    institutions = {
        key(row["phrase"]): Institution(phrase=row["phrase"], code=row["code"], kind=row["kind"])
        for row in institution_rows
    }
    labels: dict[str, str] = {}
    for row in institution_rows:
        labels.setdefault(row["code"], row["phrase"])
    titles = {
        key(row["title"]): Title(phrase=row["title"], role=row["role"], code=row["code"] or "")
        for row in _lexicon_rows("actors_roles.tsv")
    }
    cue_words = frozenset(
        word
        for phrase in [*institutions, *titles]
        for word in phrase.split()
        if word not in {"of", "the", "for", "and"}
    )
    not_heads = frozenset(key(row["word"]) for row in _lexicon_rows("actors_not_heads.tsv"))
    contextual = {
        key(row["phrase"]): (row["context"], row["actor"])
        for row in _lexicon_rows("actors_contextual.tsv")
        if row.get("phrase") and row.get("context") and row.get("actor")
    }
    return _Lexicons(institutions, labels, titles, not_heads, contextual, cue_words)


@functools.cache
def military_roles() -> frozenset[str]:
    """The roles of military offices (title rows whose institution is the armed forces)."""
    return frozenset(t.role for t in _lexicons().titles.values() if t.code == "MIL")


def build_dictionary(entries: list[ActorEntry], version: str) -> ActorDictionary:
    """Indexes over the entries; a later entry with the same id replaces an earlier one."""
    by_id: dict[str, ActorEntry] = {}
    for entry in entries:
        by_id[entry.id] = entry
    aliases = PhraseIndex()
    for entry in by_id.values():
        if not entry.is_person:
            for form in (entry.name, *entry.aliases):
                aliases.add(form, entry.id, replace=True)
    names, surnames, after_title = _index_people([e for e in by_id.values() if e.is_person])
    lexicons = _lexicons()
    proper_words, abbreviations = _name_words(
        [form for entry in by_id.values() for form in (entry.name, *entry.aliases)]
        + country_forms(),
        lexicons.cue_words,
    )
    return ActorDictionary(
        version=version,
        entries=by_id,
        aliases=aliases,
        person_names=names,
        person_surnames=surnames,
        person_after_title=after_title,
        institutions=lexicons.institutions,
        titles=lexicons.titles,
        institution_labels=lexicons.labels,
        not_heads=lexicons.not_heads,
        contextual=lexicons.contextual,
        cue_words=lexicons.cue_words,
        proper_words=proper_words,
        abbreviations=abbreviations,
        longest_institution=max(k.count(" ") + 1 for k in lexicons.institutions),
        longest_title=max(k.count(" ") + 1 for k in lexicons.titles),
    )


def _builtin() -> tuple[str, list[ActorEntry]]:
    version, entries = read_entries(data_text("actors.tsv"))
    return version or "unversioned", entries


def _read_extra(path: Path) -> tuple[str | None, list[ActorEntry]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("actor dictionary %s not read: %s", path, error)
        return None, []
    return read_entries(text)


@functools.cache
def _cached_default(setting: str) -> ActorDictionary:
    return _load(Path(setting) if setting else None)


def _load(extra: Path | None) -> ActorDictionary:
    version, entries = _builtin()
    if extra is not None:
        extra_version, extra_entries = _read_extra(extra)
        entries = [*entries, *extra_entries]
        version = f"{version}+{extra_version or extra.name}"
    return build_dictionary(entries, version)


def load_actor_dictionary(extra: Path | None = None) -> ActorDictionary:
    """The built-in dictionary, then `extra` (or the `actors` setting's file when `extra` is None).

    Rows of the extra file win over built-in rows with the same id. Cached when `extra` is None.
    """
    if extra is None:
        return _cached_default(settings.load().actors.strip())
    return _load(Path(extra))

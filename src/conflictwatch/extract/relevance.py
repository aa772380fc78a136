"""A cheap test, run before any parsing, for sentences that may hold an event or a casualty figure.

The word list is built from the data files: every event trigger lemma (event_lexicon.tsv), weapon word
(event_weapons.tsv) and casualty cue (event_cues.tsv), expanded to its common English word forms. A sentence
passes when one of its lower-cased words is in that set, so the test is a tokenizing regex and a set lookup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from conflictwatch.datafiles import read_tsv as read_data_tsv

_WORD = re.compile(r"[a-z]+")
_SHORT_CVC = re.compile(r"^[^aeiou]?[^aeiou][aeiou][bdgmnprt]$")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file under conflictwatch/data: '#' lines are comments, the first other line a header."""
    return [{k: v.strip() for k, v in row.items()} for row in read_data_tsv(name)]


def word_forms(lemma: str) -> set[str]:
    """The lemma with regular plural, past and -ing endings (over-generating is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    if _SHORT_CVC.match(lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _key_word(pattern: str) -> str:
    """The word of a multiword pattern that the filter looks for: its longest part."""
    parts = [p for p in re.split(r"[\s\-]+", pattern.lower()) if p]
    return max(parts, key=len) if parts else ""


def _lexicon_words() -> Iterator[str]:
    for row in read_tsv("event_lexicon.tsv"):
        if row["pos"] not in ("VW", "R"):  # "use" counts only with a weapon; weapons are listed
            yield _key_word(row["pattern"])
    for row in read_tsv("event_weapons.tsv"):
        yield _key_word(row["term"])
    for row in read_tsv("event_cues.tsv"):
        yield _key_word(row["cue"])


def _expand(words: Iterable[str]) -> frozenset[str]:
    irregular = {row["lemma"]: row["forms"].split("|") for row in read_tsv("event_irregular.tsv")}
    forms: set[str] = set()
    for word in words:
        if not word:
            continue
        forms |= word_forms(word)
        forms.update(irregular.get(word, ()))
    return frozenset(forms)


@functools.cache
def relevant_words() -> frozenset[str]:
    """Every lower-case word form that makes a sentence worth parsing."""
    return _expand(_lexicon_words())


def is_relevant(sentence: str) -> bool:
    """True when the raw sentence holds a word form of an event trigger, weapon or casualty cue."""
    if not sentence:
        return False
    words = relevant_words()
    return not words.isdisjoint(_WORD.findall(sentence.lower()))

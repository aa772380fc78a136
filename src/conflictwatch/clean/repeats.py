"""Find paragraphs that repeat an earlier one, word for word or with small edits.

Reprint templates often paste a paragraph twice, sometimes with an abbreviation spelled out
the second time. Exact repeats are found by a normalized key; near repeats of long paragraphs
by Jaccard similarity of word bigrams (and, for pairs that are close but not close enough,
a word-sequence ratio), with a small sketch index so that only likely pairs are compared
(linear in practice, not quadratic).
"""

from __future__ import annotations

import difflib
import itertools

_MIN_WORDS = 12  # shorter paragraphs must match exactly
_SIMILAR = 0.75  # bigram Jaccard at or above which two paragraphs are one
_PLAUSIBLE = 0.5  # below this Jaccard two paragraphs are different, without a closer look
_SAME_WORDING = 0.8  # word-sequence ratio (difflib) for an edited copy, e.g. a spelled-out name
_SKETCH = 8  # bigrams per paragraph used to find candidates

Shingles = frozenset[int]


def shingles(words: list[str]) -> Shingles:
    """Hashes of the consecutive word pairs in `words` (hashes compare faster than tuples)."""
    return frozenset(map(hash, itertools.pairwise(words)))


def jaccard(a: Shingles, b: Shingles) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def is_edited_copy(earlier: list[str], later: list[str]) -> bool:
    """True when `later` is `earlier` with a few words inserted, removed or replaced.

    The same words in another order are not a copy: "A accused B" and "B accused A" are
    two opposite claims, which an analyst must keep apart.
    """
    if sorted(earlier) == sorted(later):
        return False
    matcher = difflib.SequenceMatcher(None, earlier, later, autojunk=False)
    return matcher.ratio() >= _SAME_WORDING


def is_repeat(earlier: tuple[Shingles, list[str]], later: tuple[Shingles, list[str]]) -> bool:
    """True when two long paragraphs (bigram sets and words) are one paragraph."""
    similarity = jaccard(earlier[0], later[0])
    if similarity >= _SIMILAR:
        return True
    return similarity >= _PLAUSIBLE and is_edited_copy(earlier[1], later[1])


class _Index:
    """Bigram sets of the paragraphs kept so far, found again through a bottom-k sketch.

    Each set is indexed under its `_SKETCH` smallest bigram hashes. Two sets with Jaccard
    similarity >= 0.75 share one of those with near certainty, so only paragraphs sharing a
    sketch hash are compared in full.
    """

    def __init__(self) -> None:
        self.kept: list[tuple[Shingles, list[str]]] = []
        self.postings: dict[int, list[int]] = {}

    def is_near_repeat(self, paragraph: tuple[Shingles, list[str]], sketch: list[int]) -> bool:
        candidates = {i for gram in sketch for i in self.postings.get(gram, ())}
        return any(is_repeat(self.kept[i], paragraph) for i in candidates)

    def add(self, paragraph: tuple[Shingles, list[str]], sketch: list[int]) -> None:
        number = len(self.kept)
        self.kept.append(paragraph)
        for gram in sketch:
            self.postings.setdefault(gram, []).append(number)


def mark_repeats(
    keys: list[str], tokens: list[list[str]], reasons: list[str | None]
) -> list[str | None]:
    """Name `duplicate-paragraph` every unnamed block repeating an earlier unnamed block.

    `keys` are the blocks' comparison keys, `tokens` the word lists they are made of.
    """
    marked = list(reasons)
    seen: set[str] = set()
    index = _Index()
    for i, (exact, words) in enumerate(zip(keys, tokens, strict=True)):
        if marked[i] is not None:
            continue
        grams = shingles(words) if len(words) >= _MIN_WORDS else frozenset()
        sketch = sorted(grams)[:_SKETCH]
        if exact in seen or (grams and index.is_near_repeat((grams, words), sketch)):
            marked[i] = "duplicate-paragraph"
            continue
        seen.add(exact)
        if grams:
            index.add((grams, words), sketch)
    return marked

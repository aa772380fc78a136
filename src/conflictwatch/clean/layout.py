"""Rules that depend on where a block sits: headline, captions, section headings, trailers.

A block that reads as a sentence (ends with sentence punctuation, or is long) is story-like;
any other block is heading-like. Heading-like blocks before the first story-like block hold
the headline and image captions; between story blocks they are section headings; after the
last story block they are page trailers (author names, widget titles).
"""

from __future__ import annotations

import re

from conflictwatch.clean.blocks import ends_sentence
from conflictwatch.clean.furniture import vocabulary, words

#: Words a headline leaves in lowercase, so they do not count against title case.
_MINOR_WORDS = vocabulary(
    "a an the and or but nor of in on at to for with by from as via vs into onto over after "
    "amid upon off out up per than is are was be"
)
_KEY_WORD = re.compile(r"\w+")
_LONG_BLOCK = 15  # words: longer blocks are story even without final punctuation
_SHORT_SENTENCE = 4  # words: shorter blocks are heading-like even with a final period
_HEADLINE_WORDS = 8  # beyond this many words, length says nothing more about being a headline
_CLOSING = "\"'”’»)] \t"
_TITLE_CASE = 0.75  # share of capitalized major words that makes a line a headline


def key_words(text: str) -> list[str]:
    """The lowercase words (and numbers) of `text`: what two copies of a line must share."""
    return _KEY_WORD.findall(text.casefold())


def key(text: str) -> str:
    """A comparison key: lowercase words only, so punctuation and spacing do not matter."""
    return " ".join(key_words(text))


def is_story_like(text: str) -> bool:
    count = len(text.split())
    if count >= _LONG_BLOCK:
        return True
    if count < _SHORT_SENTENCE or not ends_sentence(text):
        return False
    # "Will The Truce Hold?" is a headline: a title-cased line not closed by a period.
    closed_by_period = text.rstrip(_CLOSING).endswith(".")
    return closed_by_period or title_case_score(text) < _TITLE_CASE


def title_case_score(text: str) -> float:
    """Share of major words that start with a capital (1.0 for "Armenia Seeks Russia's Aid")."""
    major = [w for w in words(text) if w.lower() not in _MINOR_WORDS]
    if not major:
        return 0.0
    return sum(1 for w in major if w[0].isupper()) / len(major)


def _story_range(texts: list[str], reasons: list[str | None]) -> tuple[int, int]:
    story = [i for i, t in enumerate(texts) if reasons[i] is None and is_story_like(t)]
    return (story[0], story[-1]) if story else (len(texts), len(texts))


def _mark_copies(
    keys: list[str], reasons: list[str | None], wanted: str, found: int | None = None
) -> int | None:
    # Every unnamed line reading as the headline: the first (unless `found`) is the title,
    # the others repeat it.
    for i, line_key in enumerate(keys):
        if reasons[i] is None and wanted and line_key == wanted:
            reasons[i] = "title" if found is None else "repeated-title"
            found = i if found is None else found
    return found


def _headline_rank(text: str, position: int) -> tuple[bool, int, int]:
    # Title case first, then length (a one-word section label loses to a full headline, up to
    # a headline's usual length), then the earliest line.
    return title_case_score(text) >= _TITLE_CASE, min(len(text.split()), _HEADLINE_WORDS), -position


def _mark_top(
    texts: list[str], reasons: list[str | None], first_story: int, headline: int | None
) -> int | None:
    candidates = [i for i in range(first_story) if reasons[i] is None]
    if headline is None and candidates:
        headline = max(candidates, key=lambda i: _headline_rank(texts[i], i))
        reasons[headline] = "title"
    for i in candidates:
        if headline is not None and i < headline:
            reasons[i] = "caption"
    return headline


def _is_section_heading(text: str) -> bool:
    count = len(words(text))
    closed_by_period = text.rstrip(_CLOSING).endswith(".")
    return 1 <= count <= 10 and not closed_by_period and title_case_score(text) >= _TITLE_CASE


def _mark_inner_and_tail(
    texts: list[str], reasons: list[str | None], first: int, last: int
) -> None:
    for i in range(first + 1, len(texts)):
        if reasons[i] is not None or is_story_like(texts[i]):
            continue
        if not _is_section_heading(texts[i]):
            continue
        reasons[i] = "heading" if i < last else "trailing-line"


def mark_layout(
    texts: list[str], keys: list[str], reasons: list[str | None], title: str | None = None
) -> tuple[list[str | None], str | None]:
    """Give position-based reasons to blocks left unnamed; return them and the headline found.

    `keys` are the blocks' comparison keys (see `key`); `title` is the known headline, if any.
    """
    marked = list(reasons)
    # The title the input states is the headline wherever its line sits.
    headline = _mark_copies(keys, marked, key(title)) if title else None
    first, last = _story_range(texts, marked)
    headline = _mark_top(texts, marked, first, headline)
    if headline is not None:
        _mark_copies(keys, marked, keys[headline], found=headline)
    if first < len(texts):
        _mark_inner_and_tail(texts, marked, first, last)
    return marked, None if headline is None else texts[headline]

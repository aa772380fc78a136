"""Small text helpers: sentence spans and a length-preserving accent fold."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

# A sentence ends at . ! ? (possibly followed by a closing quote) before a capital or a quote,
# or at a line break. Abbreviations like "U.S." make a few false splits; harmless for our cues.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“”‘(\[]?[A-Z0-9])|\n+")

# Letters that NFKD does not decompose but readers treat as their base letter.
_EXTRA_FOLDS = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "s"}


class Sentences:
    """The sentence spans of a text, with lookup of the sentence around an offset."""

    __slots__ = ("_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0]
        self._ends: list[int] = []
        for match in _SENTENCE_END.finditer(text):
            self._ends.append(match.start())
            self._starts.append(match.end())
        self._ends.append(len(text))

    @staticmethod
    @functools.lru_cache(maxsize=8)
    def of(text: str) -> Sentences:
        """The sentences of `text`, shared by the describers that read the same text."""
        return Sentences(text)

    def span_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `offset`."""
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self._starts[index], self._ends[index]

    def at(self, offset: int) -> str:
        """The sentence holding `offset`, stripped."""
        start, end = self.span_at(offset)
        return self.text[start:end].strip()


def fold_char(char: str) -> str:
    """One character without its accents ("ş" -> "s"); always exactly one character."""
    if char in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[char]
    if char.isascii():
        return char
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base else char


def fold_accents(text: str) -> str:
    """The text with accents removed, same length, so offsets still match the original."""
    if text.isascii():
        return text
    # One translate over the text instead of a Python call per character: this runs on every article.
    table = {ord(char): fold_char(char) for char in set(text) if not char.isascii()}
    return text.translate(table)


def normalize_quotes(text: str) -> str:
    """Typographic apostrophes as ASCII, same length."""
    return text.replace("’", "'").replace("‘", "'")

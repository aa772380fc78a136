"""Word lists for the temporal tagger, read once from data/timex_words.tsv."""

from __future__ import annotations

import functools
import re
from importlib import resources

from conflictwatch.describe.calendar_words import MONTH_NAMES, WEEKDAY_NAMES

#: Month spellings, full and press abbreviations (with or without a final dot) -> month number.
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {}
    text = resources.files("conflictwatch.data").joinpath("timex_words.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0] and parts[1]:
            words.setdefault(parts[0], {})[parts[1]] = parts[2]
    return words


def words(kind: str) -> dict[str, str]:
    """word -> value for one kind of the lexicon (number, ordinal, unit, season, zone ...)."""
    return _table().get(kind, {})


def alternation(items: list[str] | dict[str, str]) -> str:
    """A regex alternation of literal words, longest first, spaces matching any whitespace."""
    ordered = sorted(items, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def number_value(word: str) -> str | None:
    """The number a count is written with: "three" -> "3", "twenty four" / "twenty-four" -> "24", "12" -> "12", "several" -> "X"."""
    token = " ".join(word.lower().replace("-", " ").split())
    if token.replace(".", "", 1).isdigit():
        return token.rstrip("0").rstrip(".") if "." in token else str(int(token))
    numbers = words("number")
    if token in numbers:
        return numbers[token]
    total = 0
    for part in token.split():
        value = numbers.get(part)
        if value is None or not value.isdigit():
            return None
        total += int(value)
    return str(total)

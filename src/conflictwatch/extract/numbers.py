"""Reading counts of people out of number phrases, with their bounds.

`parse_count` reads the first count phrase at the start of a text ("at least 49 soldiers",
"more than a dozen", "up to 5,000") and returns `(min, max)`; an open bound is None.

Conventions for vague quantities (lower bounds only, never a guess at the top):
"a few" / "a couple" / "a handful" of -> 2.., "several" -> 3.., "dozens" -> 24.., "scores" -> 40..,
"hundreds" -> 200.., "thousands" -> 2000.., "tens of thousands" -> 10000..; a vague word before a
multiplier scales it ("several hundred" -> 300.., "hundreds of thousands" -> 200000..); "half a
dozen" is 6; figures above ten billion are taken as noise (None).
Approximations ("about 50", "around 50", "some 50") keep the stated figure as both bounds: it is the
best estimate the text gives. Upper-bound words ("nearly", "almost", "up to", "as many as") give
(None, n); "fewer than n" gives (None, n - 1); "more than n" gives (n + 1, None).

Years, dates, clock times, ages ("a 23-year-old"), calibres ("122mm"), percentages, ordinals and
money are not counts: they yield None (or, after "a"/"an", the article's 1).
"""

from __future__ import annotations

import re

Bounds = tuple[int | None, int | None]

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
GROUPS: dict[str, int] = {"dozen": 12, "score": 20}

#: Plural vague quantities -> their conventional lower bound.
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
}
#: "tens of thousands" and the like: the plural multiplier's bound times ten.
VAGUE_WORDS: dict[str, Bounds] = {
    "several": (3, None),
    "few": (2, None),
    "couple": (2, 2),
    "both": (2, 2),
    "many": (2, None),
    "numerous": (3, None),
    "no": (0, 0),
    "none": (0, 0),
    "nobody": (0, 0),
    "nothing": (0, 0),
}

LOWER_OPEN = (
    "at least",
    "no fewer than",
    "no less than",
    "a minimum of",
    "upwards of",
    "at minimum",
)
ABOVE = ("more than", "over", "in excess of", "above", "exceeding", "beyond")
UPPER = ("up to", "as many as", "at most", "nearly", "almost", "no more than", "close to")
BELOW = ("fewer than", "less than", "under", "below")
APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "perhaps",
    "another",
    "an additional",
    "additional",
    "the",
    "all",
    "all the",
    "at",
    "only",
    "just",
    "a total of",
    "total of",
    "a further",
    "further",
)

_TOKEN = re.compile(
    r"\$|€|£|%|\d[\d,]*(?:\.\d+)?(?:[-–][a-z]+(?:-[a-z]+)*)?|[a-z]+(?:['’][a-z]+)?|\S"
)
_PLAIN_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$|^\d+\.\d+$")
_MAX_WORDS = 40
_MAX_COUNT = 10_000_000_000


def _tokens(text: str) -> list[str]:
    lowered = text.lower().replace("–", "-").replace("—", " ")
    # "twenty-five" -> "twenty five"; keep "23-year-old" and "122-mm" as one token
    lowered = re.sub(r"\b([a-z]+)-(?=[a-z])", r"\1 ", lowered)
    return _TOKEN.findall(lowered)[:_MAX_WORDS]


def _strip_prefix(words: list[str], prefixes: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """The longest of `prefixes` that `words` starts with, and the rest."""
    for prefix in sorted(prefixes, key=len, reverse=True):
        parts = prefix.split()
        if words[: len(parts)] == parts:
            return prefix, words[len(parts) :]
    return None


def _looks_like_year(token: str, rest: list[str]) -> bool:
    if not re.fullmatch(r"(1[89]|20)\d\d", token):
        return False
    follower = rest[0] if rest else ""
    # "1999 people" is a count; a bare 1999 or "1999 ," is taken as a year
    return follower not in {"people", "persons", "civilians", "soldiers", "troops", "dead"}


def _read_number(words: list[str]) -> tuple[int, list[str]] | None:
    """A number written with digits or words at the start of `words`, and the words after it."""
    if not words:
        return None
    head, rest = words[0], words[1:]
    if not _PLAIN_DIGITS.match(head):
        return _read_number_words(words)
    value = float(head.replace(",", ""))
    if rest and rest[0] in MULTIPLIERS:
        return int(value * MULTIPLIERS[rest[0]]), rest[1:]
    if value != int(value) or _looks_like_year(head, rest):
        return None
    if rest and rest[0] in {"%", "percent", "per", "mm"}:
        return None
    return int(value), rest


def _read_number_words(words: list[str]) -> tuple[int, list[str]] | None:
    total, current, used, i = 0, 0, False, 0
    while i < len(words):
        word = words[i]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in MULTIPLIERS and (used or word == "hundred"):
            current = max(current, 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0
        elif word in GROUPS and (used or i == 0):
            current = max(current, 1) * GROUPS[word]
        elif word == "and" and used and words[i - 1] in MULTIPLIERS and _next_is_unit(words, i):
            i += 1
            continue
        elif word in {"a", "an"} and not used and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in GROUPS or nxt in MULTIPLIERS:
                current = 1
                used = True
                i += 1
                continue
            break
        else:
            break
        used = True
        i += 1
    if not used:
        return None
    return total + current, words[i:]


def _next_is_unit(words: list[str], i: int) -> bool:
    return i + 1 < len(words) and (words[i + 1] in UNITS or words[i + 1] in TENS)


def _is_not_a_count(rest: list[str]) -> bool:
    """Units that turn a number into something else: "5 percent", "3 a.m.", "10 years old"."""
    return bool(rest) and rest[0] in {
        "percent",
        "%",
        "am",
        "pm",
        "a",
        "o'clock",
        "mm",
        "millimeter",
        "millimetre",
        "km",
        "miles",
        "kilometers",
        "kilometres",
        "meters",
        "metres",
        "dollars",
        "euros",
        "years",
        "year",
        "months",
        "days",
        "hours",
        "minutes",
        "th",
        "st",
        "nd",
        "rd",
        ":",
        "/",
    }


def _vague(words: list[str]) -> tuple[Bounds, list[str]] | None:
    """ "dozens", "hundreds", "tens of thousands", "several", "a few" at the start of `words`;
    "several hundred", "a few thousand" scale the vague word's bound by the multiplier."""
    found = _vague_word(words)
    if found is None:
        return None
    (low, _), rest = found
    scale = (MULTIPLIERS.get(rest[0]) or GROUPS.get(rest[0])) if rest else None
    if scale is not None and low is not None and low > 0:
        return (low * scale, None), rest[1:]  # "several hundred", "several dozen"
    if rest[:1] == ["of"] and rest[1:2] in (["thousands"], ["millions"]) and low and low >= 100:
        return (low * MULTIPLIERS[rest[1][:-1]], None), rest[2:]  # "hundreds of thousands"
    return found


def _vague_word(words: list[str]) -> tuple[Bounds, list[str]] | None:
    if not words:
        return None
    word, rest = words[0], words[1:]
    if word == "half" and rest[:2] in (["a", "dozen"], ["a", "hundred"]):
        half = GROUPS.get(rest[1]) or MULTIPLIERS[rest[1]]
        return (half // 2, half // 2), rest[2:]
    if word in {"a", "an"} and rest[:1] == ["handful"]:
        return (2, None), rest[1:]  # a small number, like "a few"
    if word == "tens" and rest[:2] in (["of", "thousands"], ["of", "millions"]):
        return (VAGUE_PLURALS[rest[1]] * 10 // 2, None), rest[2:]
    if word in VAGUE_PLURALS:
        return (VAGUE_PLURALS[word], None), rest
    if word in {"a", "an"} and rest and rest[0] in {"few", "couple"}:
        return VAGUE_WORDS[rest[0]], rest[1:]
    if word == "many" and rest[:1] and rest[0] in VAGUE_PLURALS:
        return (VAGUE_PLURALS[rest[0]], None), rest[1:]  # "many thousands"
    if word in {"no", "none", "nobody", "several", "numerous", "both"}:
        return VAGUE_WORDS[word], rest
    if word == "no" and rest[:1] == ["one"]:
        return (0, 0), rest[1:]
    return None


def _base(words: list[str]) -> tuple[Bounds, list[str]] | None:
    """A count without a bound modifier: a number, a vague quantity, or the article "a"."""
    if words[:2] == ["no", "one"]:
        return (0, 0), words[2:]
    vague = _vague(words)
    if vague is not None:
        return vague
    number = _read_number(words)
    if number is not None:
        value, rest = number
        if _is_not_a_count(rest) or (rest and rest[0] in {"$", "€", "£"}):
            return None
        return (value, value), rest
    if words[0] in {"a", "an", "one", "single", "lone"} and len(words) > 1:
        return (1, 1), words[1:]
    return None


def _range(words: list[str]) -> Bounds | None:
    """ "between 10 and 15", "10 to 15", "10-15" at the start of `words`."""
    if words and words[0] == "between":
        words = words[1:]
    first = _base(words) if words else None
    if first is None or first[0][0] is None or first[0][0] != first[0][1]:
        return None
    (low, _), rest = first
    if rest and rest[0] in {"and", "to", "or", "-"} and len(rest) > 1:
        second = _base(rest[1:])
        if second is not None and second[0][0] is not None and low is not None:
            high = second[0][0]
            if high > low:
                return (low, high)
    return None


def _split_hyphen_range(words: list[str]) -> list[str]:
    if words and re.fullmatch(r"\d+-\d+", words[0]):
        low, high = words[0].split("-")
        return [low, "-", high, *words[1:]]
    return words


def parse_count(text: str) -> Bounds | None:
    """Bounds of the count that `text` starts with, or None when it does not start with a count.

    >>> parse_count("at least 49 soldiers")
    (49, None)
    >>> parse_count("more than a dozen")
    (13, None)
    """
    try:
        words = _split_hyphen_range(_tokens(text))
        return _parse_words(words)
    except (ValueError, IndexError, OverflowError):
        return None


def _parse_words(words: list[str]) -> Bounds | None:
    bounds = _parse_bounds(words)
    if bounds is not None and any(b is not None and b > _MAX_COUNT for b in bounds):
        return None
    return bounds


def _parse_bounds(words: list[str]) -> Bounds | None:
    if not words or words[0] in {"$", "€", "£"}:
        return None
    if words[0] == "one" and words[1:3] == ["of", "the"]:
        return (1, 1)
    ranged = _range(words)
    if ranged is not None:
        return ranged
    for prefixes, shape in (
        (LOWER_OPEN, "min"),
        (ABOVE, "above"),
        (UPPER, "max"),
        (BELOW, "below"),
    ):
        stripped = _strip_prefix(words, prefixes)
        if stripped is None:
            continue
        base = _base(stripped[1]) if stripped[1] else None
        if base is None:
            continue
        low, high = base[0]
        return _bound(shape, low, high)
    stripped_approx = _strip_prefix(words, APPROX)
    if stripped_approx is not None and stripped_approx[1]:
        base = _base(stripped_approx[1])
        if base is not None and base[0] != (0, 0):
            return base[0]
        return None
    base = _base(words)
    return None if base is None else base[0]


def _bound(shape: str, low: int | None, high: int | None) -> Bounds:
    exact = low if low is not None else high
    if exact is None:
        return (None, None)
    if shape == "min":
        return (low, None)
    if shape == "above":
        return (exact + 1 if low == high else low, None)
    if shape == "max":
        return (None, high if high is not None else exact)
    return (None, max(exact - 1, 0))

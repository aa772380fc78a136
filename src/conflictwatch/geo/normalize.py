"""Place-name normalization for matching: case, diacritics, punctuation and transliteration variants.

`fold` gives a plain lowercase ASCII-ish form ("Xankəndi" -> "xankandi"); `match_key` goes further and
merges common romanization variants (kh/x/h, dzh/j, gh/g, -yan/-ian, -ya/-ia) so that "Khankendi"
and "Xankandi" or "Aghdam" and "Agdam" share one key. Both the gazetteer and the text side use `match_key`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Letters that Unicode decomposition does not reduce to ASCII.
_LETTERS = str.maketrans(
    {
        "ə": "a",
        "Ə": "a",
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ħ": "h",
        "ŀ": "l",
    }
)
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´.]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
#: Variants applied in order to each folded name; word boundaries keep them inside one word.
_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"kh|x"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"yan\b"), "ian"),
    (re.compile(r"iy\b"), "i"),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwz])ya\b"), "ia"),  # Zaporizhzhya / Zaporizhzhia
    (re.compile(r"([a-z])\1"), r"\1"),
)


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lowercase, strip diacritics and punctuation, collapse spaces: "Sant Julià" -> "sant julia"."""
    text = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


@functools.lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """The key names are indexed and looked up under (folded, transliteration variants merged)."""
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return _merge_variants(key)


def _merge_variants(key: str) -> str:
    for pattern, replacement in _VARIANTS:
        key = pattern.sub(replacement, key)
    return key


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin (names in other scripts are not indexed)."""
    return all(not ch.isalpha() or ord(ch) < 0x250 or ch in "əƏ" for ch in name)


#: The Arabic article as romanized before a place name ("Al Qāmishlī", "At Tanf", "ash-Shaddadi");
#: news drops it or spells it another way ("Qamishli", "al-Tanf"), so it is matched either way.
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ath|ad|adh|an|az|ay)\s+(?=[a-z]{4})")


def without_arabic_article(key: str) -> str | None:
    """A match key without its leading Arabic article, or None when it has none."""
    stripped = _ARABIC_ARTICLE.sub("", key, count=1)
    return stripped if stripped != key else None


#: The article inside a name, in any of its assimilated forms ("Jisr ash Shughur", "Deir ez-Zor").
_INNER_ARTICLE = re.compile(
    r"\b(?:al|el|ar|as|ash|at|ath|ad|adh|an|az|ay|ed|es|ez|er|en)\s+(?=[a-z])"
)
#: A final -ah (ta marbuta), romanized with or without its h ("Shabwah" / "Shabwa", "Tawila").
_FINAL_AH = re.compile(r"(?<=[a-z]{2})ah\b")
#: The same ending written -eh ("Hasakeh" / "Al Hasakah").
_FINAL_EH = re.compile(r"(?<=[a-z]{2})eh\b")
#: The diphthong ay, which news writes ei, ey or ai: "Deir" / "Dayr", "Beit" / "Bayt",
#: "Sheikh" / "Shaykh", "Beiji" / "Baiji", "Hussein" / "Husayn".
_DIPHTHONG = re.compile(r"(?:ei|ey|ai)(?![aeiou])")
#: The diphthong aw before a consonant, which news writes ou or o: "Zawr" / "Zour" / "Zor".
_DIPHTHONG_AW = re.compile(r"aw(?![aeiouy])")
#: Word-initial elements of place names with several common spellings: tell (Tel, Tal, Tall, Tell),
#: village (Kafr, Kfar, Kefr) and mountain (Jebel, Jabal).
_ELEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\btel\b"), "tal"),
    (re.compile(r"\bk(?:ef|fa)r\b"), "kafr"),
    (re.compile(r"\bjebel\b"), "jabal"),
)


@functools.lru_cache(maxsize=65536)
def arabic_key(key: str) -> str | None:
    """A looser key for names romanized from Arabic, or None when it adds nothing: the leading
    article dropped, every inner article written "al", a final "-ah" as "-a" and "ou" as "u" (the
    French romanization): "Jisr al-Shughour" and "Jisr ash Shughur" share one, and so do
    "Tawila" and "At Tawilah"."""
    loose = without_arabic_article(key) or key
    loose = _INNER_ARTICLE.sub("al ", loose)
    # the ending left without its h is merged like any other ("Qalqilyah" -> "Qalqilya" / "-ia")
    loose = _merge_variants(_FINAL_AH.sub("a", loose).replace("ou", "u"))
    return loose if loose != key else None


@functools.lru_cache(maxsize=65536)
def arabic_spelling_key(key: str) -> str | None:
    """Looser still than `arabic_key`, or None when it adds nothing: the diphthongs as "ay" and
    "u", a final "-eh" as "-a" and the usual spellings of tell, village and mountain merged, so
    "Deir al-Balah" and "Dayr al Balah", "Tel Abyad" and "Tall Abyad", "Deir el-Zour" and "Dayr az
    Zawr" share one. Loose enough to meet names of
    other languages ("Re'im" and "Raym" for Reims), so it is only for places in Arabic-speaking
    countries."""
    loose = arabic_key(key) or key
    loose = _FINAL_EH.sub("a", _DIPHTHONG.sub("ay", loose))
    loose = _DIPHTHONG_AW.sub("u", loose)
    for pattern, replacement in _ELEMENTS:
        loose = pattern.sub(replacement, loose)
    loose = _merge_variants(loose)
    return loose if loose != key else None

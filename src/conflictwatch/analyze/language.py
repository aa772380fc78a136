"""Language identification, so that non-English articles are skipped with a reason instead of mined.

py3langid (a maintained langid.py fork with its model inside the wheel) is fast (about 1 ms for a
600-word article) and needs nothing at run time. Short or letter-poor texts are too weak to judge; they are
treated as English, since the extractors find nothing in a headline or a table anyway.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: Below this many words the identifier's verdict is noise.
MIN_WORDS = 12
#: A non-English verdict must be at least this sure before an article is skipped.
MIN_CONFIDENCE = 0.9
#: The identifier reads the head of long texts only; a language does not change half-way.
SAMPLE_CHARS = 3000

_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LanguageGuess:
    language: str  # ISO 639-1 code, or "und" when the text is too short to tell
    confidence: float

    @property
    def is_english(self) -> bool:
        return self.language in ("en", "und") or self.confidence < MIN_CONFIDENCE


@functools.lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The language of `text` with the identifier's normalized probability."""
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return LanguageGuess(language="und", confidence=0.0)
    language, probability = _identifier().classify(sample)
    return LanguageGuess(language=str(language), confidence=float(probability))

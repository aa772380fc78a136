"""Analyze stage: language, sentences, and spaCy parses of only the sentences that need them."""

from conflictwatch.analyze.document import (
    AnalyzedSentence,
    AnalyzedText,
    analyze_text,
    analyze_texts,
)
from conflictwatch.analyze.language import LanguageGuess, detect_language
from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.analyze.sentences import split_sentences

__all__ = [
    "AnalyzedSentence",
    "AnalyzedText",
    "LanguageGuess",
    "analyze_text",
    "analyze_texts",
    "detect_language",
    "load_pipeline",
    "split_sentences",
]

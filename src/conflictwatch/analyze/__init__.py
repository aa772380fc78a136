"""Analyze stage: sentences, a cheap relevance filter, and spaCy parses of the sentences that need them."""

from conflictwatch.analyze.nlp import load_pipeline

__all__ = ["load_pipeline"]

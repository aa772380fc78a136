"""Faster stand-ins for the English pipeline's two rule components, giving exactly their output.

Profiling the parse of relevant sentences (CPU time) put spaCy's `attribute_ruler` at 11% and its rule
`lemmatizer` at 8%, although neither has a model: the time goes on Python work per token.

- The attribute ruler runs a `Matcher` of some 180 patterns over every token, almost all of them one
  token long ("TAG is NN" → POS NOUN; "LOWER is 's' and TAG is POS" → ...). `IndexedAttributeRuler`
  looks those up in dictionaries keyed by tag and lower-case form, runs a `Matcher` of only the few
  remaining patterns (several tokens, dependency labels, NOT_IN), and applies all matches in the
  original ruler's order, later patterns winning as they do there.
- The rule lemmatizer already caches each (form, POS, morphology) lemma, but reaches the cache through
  a Token object per word. `BulkLemmatizer` reads the keys for a whole Doc with `Doc.to_array`, asks
  the original lemmatizer only about keys it has not seen, and writes the lemmas back in one call.

Both keep the original components in the pipeline, disabled, so `nlp.get_pipe("lemmatizer")` still
gives the lemmatizer and its lookup tables. Tests check the output against the stock components'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.types import Ints2d

ATTRIBUTE_RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
INDEXED_ATTRIBUTE_RULER = "conflictwatch_indexed_attribute_ruler"
BULK_LEMMATIZER = "conflictwatch_bulk_lemmatizer"
#: Token-pattern keys a dictionary lookup can answer.
_LOOKUP_KEYS = frozenset({"TAG", "LOWER"})


# --- attribute ruler ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the ruler's own key for the pattern: later rules win
    attrs: dict[Any, Any]  # normalized by the ruler: attribute ids to values
    index: int  # which token of the match the attributes go to


class IndexedAttributeRuler:
    """The attribute ruler with its one-token TAG/LOWER patterns answered by dictionary lookups."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        # Keyed by string hashes, as Doc.to_array gives them.
        self.by_tag: dict[int, list[_Rule]] = {}
        self.by_lower: dict[int, list[_Rule]] = {}
        self.by_lower_tag: dict[tuple[int, int], list[_Rule]] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)
        self.matched: dict[int, _Rule] = {}
        entries = cast(list[dict[str, Any]], ruler.patterns)
        for order, (entry, attrs, index) in enumerate(
            zip(entries, ruler.attrs, ruler.indices, strict=True)
        ):
            rule = _Rule(order=order, attrs=attrs, index=index)
            for pattern in entry["patterns"]:
                if not self._index(pattern, rule):
                    self.matched[self.vocab.strings.add(str(order))] = rule
                    self.matcher.add(str(order), [pattern])

    def _index(self, pattern: list[dict[str, Any]], rule: _Rule) -> bool:
        """File a one-token pattern of TAG and LOWER values under its lookup keys; False if it is
        not one."""
        if len(pattern) != 1 or rule.index not in (0, -1) or not pattern[0]:
            return False
        (token,) = pattern
        if not set(token) <= _LOOKUP_KEYS:
            return False
        values = {key: _values(value) for key, value in token.items()}
        if any(found is None for found in values.values()):
            return False
        add = self.vocab.strings.add
        tags = [add(tag) for tag in values.get("TAG") or ()]
        lowers = [add(lower) for lower in values.get("LOWER") or ()]
        if tags and lowers:
            for lower in lowers:
                for tag in tags:
                    self.by_lower_tag.setdefault((lower, tag), []).append(rule)
        for tag in tags if not lowers else ():
            self.by_tag.setdefault(tag, []).append(rule)
        for lower in lowers if not tags else ():
            self.by_lower.setdefault(lower, []).append(rule)
        return True

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, _Rule]] = []
        rows: list[list[int]] = doc.to_array(["LOWER", "TAG"]).tolist() if len(doc) else []
        no_rules: list[_Rule] = []
        for i, (lower, tag) in enumerate(rows):
            for rule in self.by_tag.get(tag, no_rules):
                found.append((rule.order, i, rule))
            for rule in self.by_lower.get(lower, no_rules):
                found.append((rule.order, i, rule))
            for rule in self.by_lower_tag.get((lower, tag), no_rules):
                found.append((rule.order, i, rule))
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = self.matched[match_id]
            position = range(start, end)[rule.index]  # raises like the ruler on a bad index
            found.append((rule.order, position, rule))
        # The ruler applies its matches sorted by rule, then position: later rules overwrite.
        found.sort(key=lambda item: (item[0], item[1]))
        for _, position, rule in found:
            set_token_attrs(doc[position], rule.attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _values(value: object) -> tuple[str, ...] | None:
    """The strings a pattern value accepts: "NN" or {"IN": ["NN", "NNS"]}; None for anything else."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict) and set(value) == {"IN"}:
        listed = value["IN"]
        if isinstance(listed, list) and all(isinstance(v, str) for v in listed):
            return tuple(listed)
    return None


# --- lemmatizer --------------------------------------------------------------------------------------


class BulkLemmatizer:
    """A rule lemmatizer's lemmas, looked up per (form, POS, morphology) over a whole Doc at once."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows: list[list[int]] = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"]).tolist()
        lemmas = [row[3] for row in rows]
        overwrite = bool(self.lemmatizer.overwrite)
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue  # set earlier (the attribute ruler's exceptions): kept, as spaCy does
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self.cache[key] = found
            lemmas[i] = found
        column = cast(Ints2d, numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        doc.from_array(["LEMMA"], column)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(INDEXED_ATTRIBUTE_RULER)
def _make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    ruler = nlp.get_pipe(ATTRIBUTE_RULER)
    assert isinstance(ruler, AttributeRuler)
    return IndexedAttributeRuler(ruler)


@Language.factory(BULK_LEMMATIZER)
def _make_bulk_lemmatizer(nlp: Language, name: str) -> BulkLemmatizer:
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    assert isinstance(lemmatizer, Lemmatizer)
    return BulkLemmatizer(lemmatizer)


def use_fast_rule_components(nlp: Language) -> Language:
    """Swap the pipeline's attribute ruler and rule lemmatizer for their faster stand-ins, in place.

    Pipelines without them, or with a lemmatizer in another mode, are left as they are.
    """
    names = nlp.pipe_names
    if ATTRIBUTE_RULER in names and isinstance(nlp.get_pipe(ATTRIBUTE_RULER), AttributeRuler):
        nlp.add_pipe(INDEXED_ATTRIBUTE_RULER, after=ATTRIBUTE_RULER)
        nlp.disable_pipe(ATTRIBUTE_RULER)
    lemmatizer = nlp.get_pipe(LEMMATIZER) if LEMMATIZER in names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        nlp.add_pipe(BULK_LEMMATIZER, after=LEMMATIZER)
        nlp.disable_pipe(LEMMATIZER)
    return nlp

"""Faster stand-ins for the English pipeline's two rule components, giving exactly their output.

Profiling the parse of relevant sentences (CPU time) put spaCy's `attribute_ruler` at 11% and its rule
`lemmatizer` at 8%, although neither has a model: the time goes on Python work per token.

- The attribute ruler runs a `Matcher` of some 180 patterns over every token, almost all of them one
  token long ("TAG is NN" → POS NOUN; "LOWER is 's' and TAG is POS" → ...). `IndexedAttributeRuler`
  looks those up in dictionaries keyed by tag and lower-case form, checks the few remaining patterns
  (several tokens, dependency labels, white space, NOT_IN, regular expressions) itself over the same
  columns, starting only where one of their exact values occurs, and applies all matches in the
  original ruler's order, later patterns winning as they do there. Only patterns with other keys or
  operators would go to a `Matcher` (the English ruler has none; the `Matcher`, run for its last 23
  patterns, took 0.45 of the ruler's 0.54 CPU s on the bench's sentences).
- The rule lemmatizer already caches each (form, POS, morphology) lemma, but reaches the cache through
  a Token object per word. `BulkLemmatizer` reads the keys for a whole Doc with `Doc.to_array`, asks
  the original lemmatizer's rules only about keys it has not seen (with its word lists as sets), and
  writes the lemmas back in one call.

Both keep the original components in the pipeline, disabled, so `nlp.get_pipe("lemmatizer")` still
gives the lemmatizer and its lookup tables. Tests check the output against the stock components'.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.language import Language
from spacy.lookups import Lookups
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
#: The token columns the ruler reads (Doc.to_array), and the keys compiled patterns may use.
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_LOWER, _TAG, _DEP, _IS_SPACE = range(len(_COLUMNS))


# --- attribute ruler ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the ruler's own key for the pattern: later rules win
    attrs: dict[Any, Any]  # normalized by the ruler: attribute ids to values
    index: int  # which token of the match the attributes go to


@dataclasses.dataclass(frozen=True, slots=True)
class _Check:
    """One key of a token pattern, over one column: its value among `accepted` (exact value, IN),
    not among `refused` (NOT_IN), or its string matched by `regex` (REGEX, searched as spaCy does)."""

    column: int
    accepted: frozenset[int] | None = None
    refused: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class _Sequence:
    """A token pattern of fixed length, each token a conjunction of checks."""

    rule: _Rule
    tokens: tuple[tuple[_Check, ...], ...]


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
        # Compiled patterns, filed under one exact value of one of their tokens: column → value →
        # (pattern, which token); and those with no exact value anywhere, tried at every token.
        self.anchored: dict[int, dict[int, list[tuple[_Sequence, int]]]] = {}
        self.unanchored: list[_Sequence] = []
        self._regex_results: dict[tuple[str, int], bool] = {}
        entries = cast(list[dict[str, Any]], ruler.patterns)
        for order, (entry, attrs, index) in enumerate(
            zip(entries, ruler.attrs, ruler.indices, strict=True)
        ):
            rule = _Rule(order=order, attrs=attrs, index=index)
            for pattern in entry["patterns"]:
                if not self._index(pattern, rule) and not self._compile(pattern, rule):
                    self.matched[self.vocab.strings.add(str(order))] = rule
                    self.matcher.add(str(order), [pattern])

    def _compile(self, pattern: list[dict[str, Any]], rule: _Rule) -> bool:
        """File a fixed-length pattern of exact, IN, NOT_IN and REGEX values over the ruler's
        columns; False if it has other keys or operators."""
        if not pattern or not -len(pattern) <= rule.index < len(pattern):
            return False
        tokens: list[tuple[_Check, ...]] = []
        for token in pattern:
            checks = [self._check(key, value) for key, value in token.items()]
            if not token or any(check is None for check in checks):
                return False
            tokens.append(tuple(c for c in checks if c is not None))
        sequence = _Sequence(rule=rule, tokens=tuple(tokens))
        for position, token_checks in enumerate(sequence.tokens):
            for check in token_checks:
                if check.accepted is not None:
                    by_value = self.anchored.setdefault(check.column, {})
                    for value in check.accepted:
                        by_value.setdefault(value, []).append((sequence, position))
                    return True
        self.unanchored.append(sequence)
        return True

    def _check(self, key: str, value: object) -> _Check | None:
        if key not in _COLUMNS:
            return None
        column = _COLUMNS.index(key)
        if column == _IS_SPACE:
            return _Check(column, accepted=frozenset({int(value)})) if type(value) is bool else None
        if isinstance(value, str):
            return _Check(column, accepted=frozenset({self.vocab.strings.add(value)}))
        if not isinstance(value, dict) or len(value) != 1:
            return None
        ((operator, operand),) = value.items()
        if operator == "REGEX" and isinstance(operand, str):
            return _Check(column, regex=re.compile(operand))
        if operator not in ("IN", "NOT_IN") or not isinstance(operand, list):
            return None
        if not all(isinstance(v, str) for v in operand):
            return None
        hashes = frozenset(self.vocab.strings.add(v) for v in operand)
        return (
            _Check(column, accepted=hashes) if operator == "IN" else _Check(column, refused=hashes)
        )

    def _passes(self, check: _Check, row: list[int]) -> bool:
        found = row[check.column]
        if check.accepted is not None:
            return found in check.accepted
        if check.refused is not None:
            return found not in check.refused
        assert check.regex is not None
        key = (check.regex.pattern, found)
        result = self._regex_results.get(key)
        if result is None:
            result = bool(check.regex.search(self.vocab.strings[found]))
            self._regex_results[key] = result
        return result

    def _matches_at(self, sequence: _Sequence, rows: list[list[int]], start: int) -> bool:
        if start < 0 or start + len(sequence.tokens) > len(rows):
            return False
        return all(
            self._passes(check, rows[start + offset])
            for offset, checks in enumerate(sequence.tokens)
            for check in checks
        )

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
        rows: list[list[int]] = doc.to_array(list(_COLUMNS)).tolist() if len(doc) else []
        no_rules: list[_Rule] = []
        # (rule order, start) of the compiled patterns' matches: a pattern filed under several of
        # its values must count once at one start, as the Matcher's matches do.
        starts: dict[tuple[int, int, int], _Sequence] = {}
        anchored = list(self.anchored.items())
        for i, row in enumerate(rows):
            lower, tag = row[_LOWER], row[_TAG]
            for rule in self.by_tag.get(tag, no_rules):
                found.append((rule.order, i, rule))
            for rule in self.by_lower.get(lower, no_rules):
                found.append((rule.order, i, rule))
            for rule in self.by_lower_tag.get((lower, tag), no_rules):
                found.append((rule.order, i, rule))
            for column, by_value in anchored:
                for sequence, position in by_value.get(row[column], ()):
                    if self._matches_at(sequence, rows, i - position):
                        starts[sequence.rule.order, i - position, id(sequence)] = sequence
            for sequence in self.unanchored:
                if self._matches_at(sequence, rows, i):
                    starts[sequence.rule.order, i, id(sequence)] = sequence
        for (_, start, _), sequence in starts.items():
            rule = sequence.rule
            found.append((rule.order, range(start, start + len(sequence.tokens))[rule.index], rule))
        if self.matched:
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
        self.rules = _with_word_sets(lemmatizer)
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
                found = self.strings.add(self.rules.rule_lemmatize(doc[i])[0])
                self.cache[key] = found
            lemmas[i] = found
        column = cast(Ints2d, numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        doc.from_array(["LEMMA"], column)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _with_word_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of a rule lemmatizer whose known words per part of speech are sets, not lists.

    spaCy's rule lemmatizer checks each candidate form with `form in index`, and the English index is
    a list (57,000 nouns): some 45 µs per form not seen before, so that a worker process's first
    articles paid 0.0035 CPU s each for lemmas. The copy gives the same lemmas; the pipeline's own
    lemmatizer and its tables are left as they are.
    """
    if not lemmatizer.lookups.has_table("lemma_index"):
        return lemmatizer
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        if name != "lemma_index":
            lookups.set_table(name, lemmatizer.lookups.get_table(name))
    index = lookups.add_table("lemma_index")
    for key, words in lemmatizer.lookups.get_table("lemma_index").items():
        index[key] = frozenset(words)
    clone = copy.copy(lemmatizer)
    clone.lookups = lookups
    clone.cache = {}
    return clone


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

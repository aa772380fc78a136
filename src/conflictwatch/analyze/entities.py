"""The named-entity recognizer's greedy decoding, stepped in NumPy over a batch: spaCy's entities, faster.

spaCy's `EntityRecognizer` decodes in compiled code, one state at a time, but the state's methods in
the wheels on PyPI take and release the GIL on every call (they are compiled for profiling): on the
bench's relevant sentences the recognizer cost 0.023 CPU s/article, more than the tagger and parser
together, and a quarter of its time went on taking and dropping the lock.

The recognizer's transition system (BILUO) is simple enough to step every sentence of a batch at once:
each action consumes exactly one token, so all states of a batch are at the same token at each step,
and an action's validity depends only on whether an entity is open, its label, the next token's
sentence start and whether the token is white space. `GreedyEntityRecognizer` computes what
`Parser.greedy_parse` computes, in the same order of floating-point operations: the recognizer's own
embedding and its precomputed features through the model's own layers, over the same sub-batches
(`Parser.pipe`'s: sorted by length, a quarter of the batch size each); per step, the three state
features summed in spaCy's order, the bias, maxout, the output layer through BLIS's `sgemm` like
spaCy's, and the best valid action, first on ties. Tests compare its entities with the stock
component's.

Docs that already carry entity annotation (preset entities constrain the actions in ways this does not
model), or a recognizer configured otherwise (beam search, other features), go to the stock component.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from thinc.api import Model, NumpyOps

NER = "ner"
#: The stock recognizer's name once the stand-in has taken "ner".
STOCK_NER = "conflictwatch_stock_ner"
GREEDY_NER = "conflictwatch_greedy_ner"

#: Move kinds, as the recognizer's class names spell them ("B-ORG", "U-", "O").
_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}
#: The recognizer's state features: the next token, the open entity's first token, the token before.
_FEATURES = 3
_Array = numpy.ndarray[Any, Any]
_T = TypeVar("_T")


class UnsupportedRecognizer(ValueError):
    """A recognizer whose configuration this decoder does not reproduce."""


class GreedyEntityRecognizer:
    """Decodes a greedy BILUO `EntityRecognizer` in batch; same entities, less overhead."""

    def __init__(self, ner: EntityRecognizer) -> None:
        self.ner = ner
        self.vocab = ner.vocab
        model: Model[Any, Any] = ner.model
        if ner.cfg.get("beam_width", 1) != 1:
            raise UnsupportedRecognizer("beam search")
        if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
            raise UnsupportedRecognizer("no output layer, or classes marked unseen")
        lower = model.get_ref("lower")
        if lower.get_dim("nF") != _FEATURES or lower.get_dim("nP") < 2:
            raise UnsupportedRecognizer("not the BILUO recognizer's features and maxout")
        try:  # spaCy's decoder multiplies by the output layer with BLIS: so does this one
            self.blis = NumpyOps(use_blis=True)
        except ValueError as exc:
            raise UnsupportedRecognizer("no BLIS") from exc
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = lower
        self.upper = model.get_ref("upper")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        kinds: list[int] = []
        label_names: list[str] = []
        for name in names:
            move, _, label = name.partition("-")
            if move not in _KINDS or (move == "O") != (name == "O"):
                raise UnsupportedRecognizer(f"move {name!r}")
            kinds.append(_KINDS[move])
            label_names.append(label)
        labels = sorted({label for label in label_names if label})
        self.label_ids = [self.vocab.strings.add(label) for label in labels]
        kind = numpy.array(kinds)
        #: Per class: its label's index in `label_ids`, -1 for none ("O", "U-").
        self.class_label = numpy.array([labels.index(n) if n else -1 for n in label_names])
        labelled = self.class_label >= 0
        self.is_begin = (kind == _BEGIN) & labelled
        self.is_in = (kind == _IN) & labelled
        self.is_last = (kind == _LAST) & labelled
        self.is_unit = (kind == _UNIT) & labelled
        self.is_out = kind == _OUT
        self.opens = self.is_begin
        self.closes = self.is_last | self.is_unit

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.ner.labels)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """`Parser.pipe`'s batching: sub-batches of similar length, documents back in order."""
        for batch in _batches(docs, batch_size):
            by_length = sorted(batch, key=len)
            for sub_batch in _batches(by_length, max(batch_size // 4, 2)):
                self._annotate(sub_batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        if not any(len(doc) for doc in docs):
            return
        if any(len(doc) and doc.has_annotation("ENT_IOB") for doc in docs):
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        for doc, entities in zip(docs, self._decode(docs), strict=True):
            doc.set_ents(
                [
                    Span(doc, start, end, label=self.label_ids[label])
                    for start, end, label in entities
                ],
                default="outside",
            )

    def _decode(self, docs: Sequence[Doc]) -> list[list[tuple[int, int, int]]]:
        """Each doc's entities as (start, end, label index), decoded as `Parser.greedy_parse` does."""
        tokvecs = self.tok2vec.predict(list(docs))
        # (tokens + 1, features, hidden × pieces): row 0 is the padding for absent features.
        cached = self.lower.predict(tokvecs)
        n_hidden, n_pieces = cached.shape[2], cached.shape[3]
        cached = cached.reshape((cached.shape[0], _FEATURES, n_hidden * n_pieces))
        bias = self.lower.get_param("b").reshape((-1,))
        weights = self.upper.get_param("W")
        out_bias = self.upper.get_param("b")
        lengths = numpy.array([len(doc) for doc in docs])
        offsets = numpy.concatenate(([0], numpy.cumsum(lengths)[:-1]))
        order = numpy.argsort(lengths, kind="stable")  # states finish shortest first
        lengths, offsets = lengths[order], offsets[order]
        at_end, space = self._token_flags(docs)
        n_states = len(docs)
        is_open = numpy.zeros(n_states, dtype=bool)
        open_label = numpy.full(n_states, -1)
        open_start = numpy.zeros(n_states, dtype=numpy.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        first = 0
        for step in range(int(lengths.max())):
            while lengths[first] <= step:
                first += 1
            live = slice(first, n_states)
            token = offsets[live] + step
            opened = is_open[live]
            # The three features of `StateC.set_context_tokens`, as rows of `cached` (0: absent).
            entity_start = numpy.where(opened, offsets[live] + open_start[live] + 1, 0)
            previous = numpy.where(opened, token, 0)
            unmaxed = cached[token + 1, 0] + cached[entity_start, 1]
            unmaxed += cached[previous, 2]
            unmaxed += bias
            hidden = unmaxed.reshape((-1, n_hidden, n_pieces)).max(axis=2)
            scores = self.blis.gemm(hidden, weights, trans2=True)
            scores += out_bias
            valid = self._valid(opened, open_label[live], at_end[token], space[token])
            best = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
            label = self.class_label[best]
            closes = numpy.flatnonzero(self.closes[best])
            for i in closes.tolist():
                state = first + i
                start = int(open_start[state]) if is_open[state] else step
                found[int(order[state])].append((start, step + 1, int(label[i])))
            states = numpy.arange(first, n_states)
            is_open[states[closes]] = False
            begins = states[self.opens[best]]
            is_open[begins] = True
            open_start[begins] = step
            open_label[begins] = label[self.opens[best]]
        return found

    @staticmethod
    def _token_flags(docs: Sequence[Doc]) -> tuple[_Array, _Array]:
        """Per token of the batch (in `docs` order): whether an entity may neither begin nor go on
        here (the last token, or the next one starts a sentence), and whether it is white space."""
        ends: list[_Array] = []
        spaces: list[_Array] = []
        for doc in docs:
            if not len(doc):
                continue
            rows = doc.to_array(["SENT_START", "IS_SPACE"])
            ends.append(numpy.append(rows[1:, 0] == 1, True))
            spaces.append(rows[:, 1] == 1)
        return numpy.concatenate(ends), numpy.concatenate(spaces)

    def _valid(self, opened: _Array, open_label: _Array, at_end: _Array, space: _Array) -> _Array:
        """Which classes each state may take: spaCy's ner.pyx rules for docs without preset
        entities. Begin: no entity open, not at an end, not on white space. In: the open entity's
        label, not at an end. Last: the open entity's label. Unit: no entity open, not on white
        space. Out: no entity open."""
        closed = ~opened
        same_label = self.class_label[None, :] == open_label[:, None]
        valid: _Array = (
            (self.is_begin[None, :] & (closed & ~at_end & ~space)[:, None])
            | (self.is_in[None, :] & same_label & (opened & ~at_end)[:, None])
            | (self.is_last[None, :] & same_label & opened[:, None])
            | (self.is_unit[None, :] & (closed & ~space)[:, None])
            | (self.is_out[None, :] & closed[:, None])
        )
        return valid


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """`items` in lists of `size` (the last one shorter), as spaCy's `minibatch` cuts them."""
    found = iter(items)
    while batch := list(itertools.islice(found, size)):
        yield batch


@Language.factory(GREEDY_NER)
def _make_greedy_ner(nlp: Language, name: str) -> GreedyEntityRecognizer:
    ner = nlp.get_pipe(STOCK_NER)
    assert isinstance(ner, EntityRecognizer)
    return GreedyEntityRecognizer(ner)


def use_greedy_entity_recognizer(nlp: Language) -> Language:
    """Put the batch decoder in the recognizer's place, in place, under the name "ner".

    The stock component stays in the pipeline, disabled, as `STOCK_NER`. Pipelines without a
    recognizer, or with one this decoder does not reproduce, are left as they are.
    """
    if NER not in nlp.pipe_names:
        return nlp
    ner = nlp.get_pipe(NER)
    if not isinstance(ner, EntityRecognizer):
        return nlp
    try:
        GreedyEntityRecognizer(ner)
    except UnsupportedRecognizer:
        return nlp
    nlp.rename_pipe(NER, STOCK_NER)
    nlp.add_pipe(GREEDY_NER, name=NER, after=STOCK_NER)
    nlp.disable_pipe(STOCK_NER)
    return nlp

"""Analyze a clean text: language, sentences, and a full spaCy parse of only the sentences that need one.

A cheap relevance test (the caller's predicate, normally the extractor's trigger lexicon) picks the
sentences worth parsing; the others cost one tokenizer pass. Each relevant sentence is parsed as a Doc of its
own, so a sentence's character offsets are its Doc's offsets plus `AnalyzedSentence.start`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwatch.analyze.language import LanguageGuess, detect_language
from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.analyze.sentences import split_sentences

RelevanceTest = Callable[[str], bool]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzedSentence:
    start: int  # offsets in the clean text
    end: int
    text: str
    doc: Doc | None  # the full parse, for relevant sentences only


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzedText:
    text: str
    language: LanguageGuess
    sentences: tuple[AnalyzedSentence, ...]

    @property
    def parsed(self) -> tuple[AnalyzedSentence, ...]:
        return tuple(s for s in self.sentences if s.doc is not None)

    def entity_doc(self, nlp: Language) -> Doc:
        """The whole text tokenized, carrying the named entities found in the parsed sentences."""
        doc = nlp.make_doc(self.text)
        entities: list[Span] = []
        for sentence in self.parsed:
            assert sentence.doc is not None
            for ent in sentence.doc.ents:
                span = doc.char_span(
                    sentence.start + ent.start_char,
                    sentence.start + ent.end_char,
                    label=ent.label_,
                    alignment_mode="expand",
                )
                if span is not None and (not entities or span.start >= entities[-1].end):
                    entities.append(span)
        doc.ents = entities
        return doc


def analyze_texts(
    texts: Iterable[str],
    *,
    relevant: RelevanceTest,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[AnalyzedText]:
    """Analyze each text in turn (the results come back in input order)."""
    pipeline = nlp or load_pipeline()
    for text in texts:
        yield analyze_text(
            text, relevant=relevant, nlp=pipeline, batch_size=batch_size, n_process=n_process
        )


def analyze_text(
    text: str,
    *,
    relevant: RelevanceTest,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> AnalyzedText:
    """Language, sentences, and parses of the relevant sentences of one clean text.

    Non-English text gets no sentences at all: the extractors would only produce garbage from it.
    """
    pipeline = nlp or load_pipeline()
    language = detect_language(text)
    if not language.is_english:
        return AnalyzedText(text=text, language=language, sentences=())
    spans = split_sentences(pipeline, text)
    wanted = [i for i, (start, end) in enumerate(spans) if relevant(text[start:end])]
    docs = dict(
        zip(
            wanted,
            pipeline.pipe(
                (text[spans[i][0] : spans[i][1]] for i in wanted),
                batch_size=batch_size,
                n_process=n_process,
            ),
            strict=True,
        )
    )
    sentences = tuple(
        AnalyzedSentence(start=start, end=end, text=text[start:end], doc=docs.get(i))
        for i, (start, end) in enumerate(spans)
    )
    return AnalyzedText(text=text, language=language, sentences=sentences)

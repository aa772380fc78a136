"""Analyze a clean text: language, sentences, and a full spaCy parse of only the sentences that need one.

A cheap relevance test (the caller's predicate, normally the extractor's trigger lexicon) picks the
sentences worth parsing; the others cost one tokenizer pass. Each relevant sentence is parsed as a Doc of its
own, so a sentence's character offsets are its Doc's offsets plus `AnalyzedSentence.start`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwatch.analyze.language import LanguageGuess, detect_language
from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.analyze.sentences import sentence_spans

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
    #: The whole text as the tokenizer alone read it when splitting sentences (None if it did not).
    tokenized: Doc | None = None

    @property
    def parsed(self) -> tuple[AnalyzedSentence, ...]:
        return tuple(s for s in self.sentences if s.doc is not None)

    def entity_doc(self, nlp: Language) -> Doc:
        """The whole text tokenized, carrying the named entities found in the parsed sentences."""
        doc = self.tokenized if self.tokenized is not None else nlp.make_doc(self.text)
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
    texts: Sequence[str],
    *,
    relevant: RelevanceTest,
    nlp: Language | None = None,
    batch_size: int = 256,
) -> list[AnalyzedText]:
    """Analyze several texts, parsing all their relevant sentences in one stream.

    One `nlp.pipe` over the sentences of many articles keeps the parser's batches full: about a fifth
    faster than a call per article, whose few relevant sentences make small batches.
    """
    pipeline = nlp or load_pipeline()
    languages = [detect_language(text) for text in texts]
    tokenized = [
        pipeline.tokenizer(text) if language.is_english else None
        for text, language in zip(texts, languages, strict=True)
    ]
    spans = [[] if doc is None else sentence_spans(doc) for doc in tokenized]
    wanted = [
        (t, i)
        for t, (text, text_spans) in enumerate(zip(texts, spans, strict=True))
        for i, (start, end) in enumerate(text_spans)
        if relevant(text[start:end])
    ]
    parsed = pipeline.pipe(
        (texts[t][spans[t][i][0] : spans[t][i][1]] for t, i in wanted), batch_size=batch_size
    )
    docs = dict(zip(wanted, parsed, strict=True))
    return [
        AnalyzedText(
            text=text,
            language=language,
            sentences=tuple(
                AnalyzedSentence(start=start, end=end, text=text[start:end], doc=docs.get((t, i)))
                for i, (start, end) in enumerate(spans[t])
            ),
            tokenized=tokenized[t],
        )
        for t, (text, language) in enumerate(zip(texts, languages, strict=True))
    ]


def analyze_text(
    text: str, *, relevant: RelevanceTest, nlp: Language | None = None
) -> AnalyzedText:
    """Language, sentences, and parses of the relevant sentences of one clean text.

    Non-English text gets no sentences at all: the extractors would only produce garbage from it.
    """
    (analysis,) = analyze_texts([text], relevant=relevant, nlp=nlp)
    return analysis

"""IndiaPoliceEvents (india_police_events/): did the police kill, arrest, use force, fail to act?

Gold labels answer questions about police actions, per sentence (sents.jsonl) and per document
(docs.jsonl): KILL, ARREST, FORCE (kill or other force), FAIL (failed to intervene) and ANY_ACTION.
We label each sentence from our events:

- police agent: the event's agent, or its trigger phrase ("police firing"), names the police or other
  state security forces (data/event_security_forces.tsv);
- KILL: an asserted ASSAULT by the police that kills (mode kill, or a killing word in the sentence);
- FORCE: KILL, any other asserted ASSAULT by the police, or COERCE crowd control (lathi charge, tear gas);
- ARREST: an asserted (not negated or hypothetical) COERCE arrest;
- FAIL: the sentence names the police and says someone failed to act (data/event_inaction.tsv), or a
  police event is negated;
- ANY_ACTION: any of the above except FAIL, any asserted event with a police agent, or an asserted
  COERCE or MOBILIZE event with no stated agent (curfews, bans, deployments are police work).

A document has a label when one of its sentences has it. The README names no held-out split, so the
whole corpus is scored (all 1,257 documents, 21,391 sentences); `limit` scores only the first N documents.
Metrics: sent_<p|r|f1>_<LABEL> and doc_<p|r|f1>_<LABEL>, and the issue's keys doc_f1_<LABEL>,
sent_f1_<LABEL> (with doc_p_/doc_r_/sent_p_/sent_r_ likewise).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from conflictwatch.evaluate.result import EvalResult
from conflictwatch.extract.events import EventTrigger, find_events
from conflictwatch.extract.relevance import is_relevant, read_tsv
from conflictwatch.model import Modality

LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
_KILL_WORDS = re.compile(r"\b(kill(ed|ing|s)?|dead|died|death|deaths|shot dead|lives)\b")
_STATE_ACTIONS = {"COERCE", "MOBILIZE"}
_OFF = {Modality.NEGATED, Modality.HYPOTHETICAL, Modality.PLANNED, Modality.THREATENED}


@functools.cache
def _police_pattern() -> re.Pattern[str]:
    terms = sorted((row["term"] for row in read_tsv("event_security_forces.tsv")), key=len)
    words = "|".join(re.escape(t) for t in reversed(terms))
    return re.compile(rf"\b(?:{words})s?\b", re.I)


@functools.cache
def _inaction_pattern() -> re.Pattern[str]:
    cues = sorted((row["cue"] for row in read_tsv("event_inaction.tsv")), key=len)
    words = "|".join(re.escape(c) for c in reversed(cues))
    return re.compile(rf"\b(?:{words})s?\b", re.I)


@functools.cache
def _authority_pattern() -> re.Pattern[str]:
    """The police and security forces, or the civil authorities answerable for them."""
    rows = read_tsv("event_security_forces.tsv") + read_tsv("event_authorities.tsv")
    terms = sorted((row["term"] for row in rows), key=len)
    words = "|".join(re.escape(t) for t in reversed(terms))
    return re.compile(rf"\b(?:{words})s?\b", re.I)


def _by_police(event: EventTrigger) -> bool:
    police = _police_pattern()
    if event.agent is not None and police.search(event.agent.text):
        return True
    return bool(police.search(event.trigger))


def sentence_labels(text: str, events: Sequence[EventTrigger]) -> set[str]:
    """Our answers to the five questions for one sentence, from its events."""
    labels: set[str] = set()
    lowered = text.lower()
    for event in events:
        asserted = event.modality not in _OFF
        police = _by_police(event)
        if event.type == "ASSAULT" and police and asserted:
            labels.add("FORCE")
            if event.mode == "kill" or _KILL_WORDS.search(lowered):
                labels.add("KILL")
        if event.type == "COERCE" and asserted:
            if event.mode == "arrest":
                labels.add("ARREST")
            if event.mode == "crowd-control":
                labels.add("FORCE")
        if asserted and (police or (event.agent is None and event.type in _STATE_ACTIONS)):
            labels.add("ANY_ACTION")  # curfews, bans, deployments: carried out by the police
        if police and event.modality is Modality.NEGATED:
            labels.add("FAIL")
    if _authority_pattern().search(text) and _inaction_pattern().search(text):
        labels.add("FAIL")
    if labels & {"KILL", "ARREST", "FORCE"}:
        labels.add("ANY_ACTION")
    return labels


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def label_sentences(texts: Sequence[str]) -> list[set[str]]:
    """Labels for many sentences: the relevance filter first, then one spaCy pass over the rest."""
    from conflictwatch.analyze.nlp import load_pipeline

    nlp = load_pipeline()
    # inaction needs no event ("the police looked the other way"): every sentence gets the text rules
    results: list[set[str]] = [sentence_labels(text, ()) for text in texts]
    wanted = [i for i, text in enumerate(texts) if text.strip() and is_relevant(text)]
    docs = nlp.pipe((texts[i][:5000] for i in wanted), batch_size=256)
    for i, doc in zip(wanted, docs, strict=True):
        events: list[EventTrigger] = []
        for sent in doc.sents:
            events.extend(find_events(sent, offset=0))
        results[i] = sentence_labels(texts[i], events)
    return results


def _prf(pairs: Iterable[tuple[set[str], set[str]]], label: str) -> tuple[float, float, float]:
    counts: Counter[str] = Counter()
    for gold, ours in pairs:
        hit_gold, hit_ours = label in gold, label in ours
        counts["tp"] += hit_gold and hit_ours
        counts["fp"] += hit_ours and not hit_gold
        counts["fn"] += hit_gold and not hit_ours
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """Sentence- and document-level P/R/F1 for each label over the corpus in `data`."""
    docs = _read_jsonl(data / "docs.jsonl")
    sents = _read_jsonl(data / "sents.jsonl")
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        keep = {d["doc_id"] for d in docs[:limit]}
        docs = [d for d in docs if d["doc_id"] in keep]
        sents = [s for s in sents if s["doc_id"] in keep]
    ours = label_sentences([str(s.get("sent_text", "")) for s in sents])
    sent_pairs = [(set(s.get("sent_labels") or ()), o) for s, o in zip(sents, ours, strict=True)]
    by_doc: dict[Any, set[str]] = defaultdict(set)
    for s, o in zip(sents, ours, strict=True):
        by_doc[s["doc_id"]] |= o
    doc_pairs = [(set(d.get("doc_labels") or ()), by_doc.get(d["doc_id"], set())) for d in docs]
    metrics: dict[str, float] = {}
    for label in LABELS:
        for level, pairs in (("sent", sent_pairs), ("doc", doc_pairs)):
            p, r, f1 = _prf(pairs, label)
            metrics[f"{level}_p_{label}"] = p
            metrics[f"{level}_r_{label}"] = r
            metrics[f"{level}_f1_{label}"] = f1
    details = {
        "sentences": len(sents),
        "note": "no held-out split in the README: the whole corpus is scored",
    }
    return EvalResult(
        benchmark="india-police", split=split, n=len(docs), metrics=metrics, details=details
    )

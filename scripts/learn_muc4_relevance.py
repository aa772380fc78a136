"""Learn the MUC-4 template relevance model from the TRAIN split only (logistic regression).

Every candidate template that extract/templates.py finds in a training document is labelled by GTT's
alignment: 1 when the best alignment maps it to a gold template, 0 when it is spurious. A logistic
regression with an L2 penalty over `relevance_features` (binary) is fitted with L-BFGS. With `--cv` the
script first reports 5-fold cross-validated template F1 (folds by document, fixed seeds; `--seeds N` repeats it with N shuffles) for each
threshold, which is how RELEVANCE_THRESHOLD in templates.py was chosen.

Usage:
  .venv/bin/python scripts/learn_muc4_relevance.py ../shared/benchmarks/muc4/processed/train.json [--cv]
Writes src/conflictwatch/data/muc4_relevance.tsv (feature, weight, source). Parsing the 1,300 training
documents takes a few minutes; `--parsed FILE` reuses a spaCy DocBin of the re-cased texts.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import logistic
from logistic import Weights, probability
from spacy.tokens import Doc, DocBin

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.evaluate import muc4
from conflictwatch.evaluate import muc4_metric as metric
from conflictwatch.extract import templates as tpl

OUT = Path(__file__).resolve().parents[1] / "src/conflictwatch/data/muc4_relevance.tsv"
SOURCE = "learned from MUC-4 train.json (xinyadu/gtt processed, commit d829ed8)"
MIN_COUNT = 3  # features seen in fewer training templates are left out
L2 = 10.0
FOLDS = 5
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)

Row = tuple[int, metric.ScoringTemplate, set[str], int]  # document index, template, features, label


def scoring(template: tpl.Template) -> metric.ScoringTemplate:
    roles: dict[str, tuple[metric.Entity, ...]] = {
        r: tuple((f.text,) for f in template.role(r)) for r in metric.ROLES
    }
    return metric.ScoringTemplate(incident_type=template.incident_type, roles=roles)


def aligned(preds: list[metric.ScoringTemplate], golds: list[metric.ScoringTemplate]) -> list[bool]:
    """Which predicted templates GTT's best alignment maps to a gold template."""
    preds = [metric.normalized(p) for p in preds]
    golds = [metric.normalized(g) for g in golds]
    pairs = {}
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            tallies = metric._pair_tallies(pred, gold)
            if tallies is not None:
                pairs[i, j] = tallies
    options = [[j for j in range(len(golds)) if (i, j) in pairs] + [-1] for i in range(len(preds))]
    if metric._mapping_count(options) > metric.MAX_MAPPINGS:
        best = metric._greedy_mapping(pairs, len(preds))
    else:
        best, best_f1 = tuple(-1 for _ in preds), -1.0
        for mapping in metric._mappings(options):
            f1 = metric.micro(metric._tallies_for(mapping, pairs, preds, golds)).f1
            if f1 > best_f1:
                best, best_f1 = mapping, f1
    return [j != -1 for j in best]


def parsed_docs(documents: list[muc4.MucDocument], cache: Path | None) -> list[Doc]:
    nlp = load_pipeline()
    if cache is not None:
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    texts = [tpl.recase(d.text[: tpl.MAX_CHARS]) for d in documents]
    return list(nlp.pipe(texts, batch_size=32))


def candidate_rows(documents: list[muc4.MucDocument], docs: list[Doc]) -> list[Row]:
    rows: list[Row] = []
    for index, (document, doc) in enumerate(zip(documents, docs, strict=True)):
        candidates = tpl.candidate_templates(doc)
        if not candidates:
            continue
        as_scored = [scoring(t) for t in candidates]
        labels = aligned(as_scored, list(document.templates))
        count = len(candidates)
        for rank, (template, scored, label) in enumerate(
            zip(candidates, as_scored, labels, strict=True)
        ):
            features = tpl.relevance_features(template, doc, rank=rank, count=count)
            rows.append((index, scored, features, int(label)))
    return rows


def fit(rows: list[Row]) -> Weights:
    return logistic.fit([(row[2], row[3]) for row in rows], l2=L2, min_count=MIN_COUNT)


def template_f1(documents: list[muc4.MucDocument], rows: list[Row], keep: list[bool]) -> float:
    by_doc: dict[int, list[metric.ScoringTemplate]] = {}
    for row, kept in zip(rows, keep, strict=True):
        if kept:
            by_doc.setdefault(row[0], []).append(row[1])
    scores = muc4.Scores()
    for index, document in enumerate(documents):
        scores.add(by_doc.get(index, []), document.templates)
    return scores.metrics()["template_f1"]


def cross_validate(documents: list[muc4.MucDocument], rows: list[Row], seed: int = 0) -> None:
    folds = [i % FOLDS for i in range(len(documents))]
    random.Random(seed).shuffle(folds)
    held_out = [0.0] * len(rows)
    for fold in range(FOLDS):
        weights = fit([row for row in rows if folds[row[0]] != fold])
        for i, row in enumerate(rows):
            if folds[row[0]] == fold:
                held_out[i] = probability(weights, row[2])
    for threshold in THRESHOLDS:
        f1 = template_f1(documents, rows, [p >= threshold for p in held_out])
        print(f"threshold {threshold:.2f}: cross-validated template F1 {f1:.4f}")


def write(weights: dict[str, float]) -> None:
    lines = ["feature\tweight\tsource"]
    for feature in sorted(weights, key=lambda f: (-abs(weights[f]), f)):
        if abs(weights[feature]) >= 1e-4 or feature == "__bias__":
            lines.append(f"{feature}\t{weights[feature]:.4f}\t{SOURCE}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--parsed", type=Path, default=None)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--seeds", type=int, default=1, help="cross-validation repeats")
    args = parser.parse_args()
    if "train" not in args.train.name:
        raise SystemExit("the relevance model is learned from the train split only")
    documents = muc4.read_documents(args.train)
    rows = candidate_rows(documents, parsed_docs(documents, args.parsed))
    print(f"{len(rows)} candidate templates, {sum(r[3] for r in rows)} aligned with gold")
    if args.cv:
        for seed in range(args.seeds):
            cross_validate(documents, rows, seed)
    write(fit(rows))


if __name__ == "__main__":
    main()

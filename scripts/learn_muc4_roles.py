"""Learn the MUC-4 role-filler models from the TRAIN split only (one logistic regression per role).

Every noun of a training article that has gold templates is a candidate for each of
templates.LEARNED_ROLES (`templates.role_candidates`, each role with its own phrase: a name for Victim, the full
thing for Target). A candidate is positive when its phrase, normalized as the scorer does, is one of the
gold mentions of that role anywhere in the article. Each role gets an L2-penalized logistic regression
over the candidates' binary features, fitted with L-BFGS.

With `--cv` the acceptance threshold and the assignment of fillers to an article's templates ("inside",
"nearest", "all"; see templates.ROLE_ASSIGNMENT) are chosen per role by 5-fold cross-validation on
train (folds by document): held-out probabilities replace that one role in the templates the trigger
rules and relevance model keep, and the setting with the best template F1 wins. Without `--cv` the
thresholds and assignments already in the data file are kept.

Usage:
  .venv/bin/python scripts/learn_muc4_roles.py ../shared/benchmarks/muc4/processed/train.json [--cv]
Writes src/conflictwatch/data/muc4_roles.tsv (role, feature, weight, source). `--parsed FILE` reuses a
spaCy DocBin of the re-cased training texts (as scripts/learn_muc4_relevance.py makes them).
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

OUT = Path(__file__).resolve().parents[1] / "src/conflictwatch/data/muc4_roles.tsv"
SOURCE = "scripts/learn_muc4_roles.py on MUC-4 train.json (xinyadu/gtt d829ed8)"
MIN_WEIGHT = 0.01  # smaller weights are left out of the data file
MIN_COUNT = 3  # features seen in fewer candidates are left out
L2 = 3.0
FOLDS = 5
SEED = 0
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
ASSIGNMENTS = ("inside", "nearest", "all")


def parsed_docs(documents: list[muc4.MucDocument], cache: Path | None) -> list[Doc]:
    nlp = load_pipeline()
    if cache is not None:
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    texts = [tpl.recase(d.text[: tpl.MAX_CHARS]) for d in documents]
    return list(nlp.pipe(texts, batch_size=32))


def gold_mentions(document: muc4.MucDocument) -> dict[str, set[str]]:
    """Per role, every normalized gold mention of the article's templates."""
    found: dict[str, set[str]] = {role: set() for role in metric.ROLES}
    for template in document.templates:
        for role in metric.ROLES:
            for entity in metric.normalized(template).entities(role):
                found[role].update(entity)
    return found


def fit(rows: list[tuple[frozenset[str], int]]) -> Weights:
    return logistic.fit(rows, l2=L2, min_count=MIN_COUNT)


def training_rows(
    documents: list[muc4.MucDocument],
    candidates: list[list[tpl.RoleCandidate]],
    role: str,
    keep: set[int] | None = None,
) -> list[tuple[frozenset[str], int]]:
    """(features, label) of one role's candidates in articles with gold templates."""
    rows = []
    for index, (document, found) in enumerate(zip(documents, candidates, strict=True)):
        if not document.templates or (keep is not None and index not in keep):
            continue
        gold = gold_mentions(document)[role]
        for candidate in found:
            if candidate.role == role:
                label = metric.normalize_mention(candidate.filler.text) in gold
                rows.append((candidate.features, int(label)))
    return rows


def scoring(template: tpl.Template) -> metric.ScoringTemplate:
    roles: dict[str, tuple[metric.Entity, ...]] = {
        r: tuple((f.text,) for f in template.role(r)) for r in metric.ROLES
    }
    return metric.ScoringTemplate(incident_type=template.incident_type, roles=roles)


def cross_validate(
    documents: list[muc4.MucDocument],
    docs: list[Doc],
    candidates: list[list[tpl.RoleCandidate]],
) -> dict[str, tuple[float, str]]:
    """Per role, the (threshold, assignment) with the best cross-validated template F1."""
    folds = [i % FOLDS for i in range(len(documents))]
    random.Random(SEED).shuffle(folds)
    base = [tpl.relevant_templates(doc) for doc in docs]
    held_out: list[list[float]] = [[0.0] * len(found) for found in candidates]
    for role in tpl.LEARNED_ROLES:
        for fold in range(FOLDS):
            train_ids = {i for i, f in enumerate(folds) if f != fold}
            weights = fit(training_rows(documents, candidates, role, train_ids))
            for i, found in enumerate(candidates):
                if folds[i] == fold:
                    for k, candidate in enumerate(found):
                        if candidate.role == role:
                            held_out[i][k] = probability(weights, candidate.features)
    chosen: dict[str, tuple[float, str]] = {}
    for role in tpl.LEARNED_ROLES:
        best = (-1.0, 0.0, "inside")
        for threshold in THRESHOLDS:
            for assignment in ASSIGNMENTS:
                scores = muc4.Scores()
                for document, templates, found, probs in zip(
                    documents, base, candidates, held_out, strict=True
                ):
                    scored = [(c, p) for c, p in zip(found, probs, strict=True) if c.role == role]
                    filled = tpl.assign_fillers(
                        templates,
                        tpl.choose_fillers(scored, {role: threshold}),
                        {role: assignment},
                    )
                    scores.add([scoring(t) for t in filled], document.templates)
                f1 = scores.metrics()["template_f1"]
                slot = scores.templates[role]
                print(
                    f"{role} threshold {threshold:.2f} {assignment:7s}: template F1 {f1:.4f}, "
                    f"{role} P {slot.precision:.3f} R {slot.recall:.3f}"
                )
                if f1 > best[0]:
                    best = (f1, threshold, assignment)
        chosen[role] = (best[1], best[2])
        print(f"{role}: chosen threshold {best[1]:.2f}, assignment {best[2]} (F1 {best[0]:.4f})")
    rules, learned = muc4.Scores(), muc4.Scores()
    for document, templates, found, probs in zip(
        documents, base, candidates, held_out, strict=True
    ):
        thresholds = {role: threshold for role, (threshold, _) in chosen.items()}
        assignments = {role: assignment for role, (_, assignment) in chosen.items()}
        filled = tpl.assign_fillers(
            templates, tpl.choose_fillers(zip(found, probs, strict=True), thresholds), assignments
        )
        rules.add([scoring(t) for t in templates], document.templates)
        learned.add([scoring(t) for t in filled], document.templates)
    for name, scores in (("trigger rules", rules), ("learned roles", learned)):
        m = scores.metrics()
        print(
            f"cross-validated, {name}: template F1 {m['template_f1']:.4f}, REE F1 {m['ree_f1']:.4f}"
        )
    return chosen


def current_settings() -> dict[str, tuple[float, str]]:
    return {role: (m.threshold, m.assignment) for role, m in tpl.role_models().items()}


def write(models: dict[str, Weights], settings: dict[str, tuple[float, str]]) -> None:
    lines = ["role\tfeature\tweight\tsource"]
    for role, weights in models.items():
        threshold, assignment = settings.get(role, (0.5, tpl.ROLE_ASSIGNMENT.get(role, "inside")))
        lines.append(f"{role}\t__threshold__\t{threshold:.4f}\t{SOURCE}")
        lines.append(f"{role}\t__assign__={assignment}\t1\t{SOURCE}")
        for feature in sorted(weights, key=lambda f: (-abs(weights[f]), f)):
            if abs(weights[feature]) >= MIN_WEIGHT or feature == "__bias__":
                lines.append(f"{role}\t{feature}\t{weights[feature]:.4f}\t{SOURCE}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--parsed", type=Path, default=None)
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    if "train" not in args.train.name:
        raise SystemExit("the role models are learned from the train split only")
    documents = muc4.read_documents(args.train)
    docs = parsed_docs(documents, args.parsed)
    candidates = [tpl.role_candidates(doc) for doc in docs]
    settings = cross_validate(documents, docs, candidates) if args.cv else current_settings()
    models = {role: fit(training_rows(documents, candidates, role)) for role in tpl.LEARNED_ROLES}
    write(models, settings)


if __name__ == "__main__":
    main()

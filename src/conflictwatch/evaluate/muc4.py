"""MUC-4 template filling: GTT's template F1 and GRIT's role-filler (REE) F1 on processed/<split>.json.

`data` is the benchmark folder (with processed/), the processed/ folder itself, or one JSON Lines file.
Each document's lower-cased text goes through `fill_templates`, and the predicted templates are scored
against the gold ones with the definitions in muc4_metric.py. Only train and dev are scored.

Options: `limit` (int) scores only the first N documents, for quick runs while developing;
`predictor` (a callable text -> ScoringTemplates) scores another system's output instead of ours.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from conflictwatch.evaluate.muc4_metric import (
    ROLES,
    SLOTS,
    Entity,
    ScoringTemplate,
    SlotTallies,
    Tally,
    add_tallies,
    dedupe_gold_templates,
    empty_tallies,
    merge_role_entities,
    micro,
    normalize_mention,
    normalized,
    score_document_entities,
    score_document_templates,
)
from conflictwatch.evaluate.result import EvalResult

SPLITS = ("train", "dev")

Predictor = Callable[[str], Sequence[ScoringTemplate]]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class MucDocument:
    """One benchmark document: id, lower-cased text and gold templates (mention strings only)."""

    docid: str
    text: str
    templates: tuple[ScoringTemplate, ...]


def _gold_template(raw: dict[str, Any]) -> ScoringTemplate:
    roles: dict[str, tuple[Entity, ...]] = {}
    for role in ROLES:
        entities = (tuple(str(m[0]) for m in entity) for entity in raw.get(role, []))
        roles[role] = tuple(e for e in entities if e)
    return ScoringTemplate(incident_type=str(raw.get("incident_type", "")), roles=roles)


def parse_document(line: str) -> MucDocument:
    raw = json.loads(line)
    templates = dedupe_gold_templates(_gold_template(t) for t in raw.get("templates", []))
    return MucDocument(
        docid=str(raw["docid"]), text=str(raw["doctext"]), templates=tuple(templates)
    )


def split_file(data: Path, split: str) -> Path:
    """Where a split lives under `data` (benchmark folder, processed/ folder or the file itself)."""
    if data.is_file():
        return data
    for candidate in (data / "processed" / f"{split}.json", data / f"{split}.json"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {split}.json under {data} (expected processed/{split}.json)")


def read_documents(path: Path) -> list[MucDocument]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_document(line) for line in lines if line.strip()]


def predict_templates(text: str) -> list[ScoringTemplate]:
    """The system's templates for one text, as the scorer sees them (one mention per entity)."""
    from conflictwatch.extract.templates import fill_templates  # loads spaCy only when scoring

    return [
        ScoringTemplate(
            incident_type=t.incident_type,
            roles={role: tuple((f.text,) for f in t.role(role)) for role in ROLES},
        )
        for t in fill_templates(text)
    ]


def _ree_tallies(preds: Sequence[ScoringTemplate], golds: Sequence[ScoringTemplate]) -> SlotTallies:
    """GRIT's counts: gold entities are merged across templates on lower-cased mentions, then
    normalized, as GRIT's preprocessing does; predictions arrive normalized."""
    tallies: SlotTallies = {}
    for role in ROLES:
        gold = [
            tuple(normalize_mention(m) for m in e) for e in merge_role_entities(_lower(golds), role)
        ]
        pred = merge_role_entities(preds, role)
        tallies[role] = score_document_entities(pred, gold)
    return tallies


def _lower(templates: Iterable[ScoringTemplate]) -> list[ScoringTemplate]:
    return [
        ScoringTemplate(
            incident_type=t.incident_type,
            roles={r: tuple(tuple(m.lower() for m in e) for e in t.entities(r)) for r in ROLES},
        )
        for t in templates
    ]


@dataclasses.dataclass(slots=True)
class Scores:
    """Running totals of both metrics over documents."""

    templates: SlotTallies = dataclasses.field(default_factory=lambda: empty_tallies(SLOTS))
    entities: SlotTallies = dataclasses.field(default_factory=lambda: empty_tallies(ROLES))

    def add(self, preds: Sequence[ScoringTemplate], golds: Sequence[ScoringTemplate]) -> None:
        norm_preds = [normalized(t) for t in preds]
        add_tallies(
            self.templates, score_document_templates(norm_preds, [normalized(g) for g in golds])
        )
        add_tallies(self.entities, _ree_tallies(norm_preds, golds))

    def metrics(self) -> dict[str, float]:
        template, ree = micro(self.templates), micro(self.entities)
        return {
            "template_f1": template.f1,
            "template_p": template.precision,
            "template_r": template.recall,
            "ree_f1": ree.f1,
            "ree_p": ree.precision,
            "ree_r": ree.recall,
        }

    def details(self) -> dict[str, Any]:
        def table(tallies: SlotTallies) -> dict[str, dict[str, float]]:
            return {slot: _figures(t) for slot, t in tallies.items()}

        return {"template_slots": table(self.templates), "ree_roles": table(self.entities)}


def _figures(tally: Tally) -> dict[str, float]:
    return {
        "p": tally.precision,
        "r": tally.recall,
        "f1": tally.f1,
        "p_num": tally.p_num,
        "p_den": tally.p_den,
        "r_num": tally.r_num,
        "r_den": tally.r_den,
    }


def score_documents(documents: Iterable[MucDocument], predictor: Predictor) -> tuple[int, Scores]:
    scores = Scores()
    n = 0
    for document in documents:
        scores.add(predictor(document.text), document.templates)
        n += 1
    return n, scores


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """GTT template P/R/F1 and GRIT REE F1 of `fill_templates` on one split (dev by default)."""
    split = split or "dev"
    if split not in SPLITS:
        raise ValueError(f"muc4 scores only {', '.join(SPLITS)}; the test split is held back")
    documents = read_documents(split_file(Path(data), split))
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        documents = documents[:limit]
    predictor = options.get("predictor")
    n, scores = score_documents(documents, predictor if callable(predictor) else predict_templates)
    return EvalResult(
        benchmark="muc4", split=split, n=n, metrics=scores.metrics(), details=scores.details()
    )

"""MUC-4 scorer: GTT template P/R/F1 and GRIT REE F1 on hand-made gold/prediction pairs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conflictwatch.evaluate import muc4
from conflictwatch.evaluate.muc4_metric import (
    ScoringTemplate,
    Tally,
    micro,
    normalize_mention,
    score_document_entities,
    score_document_templates,
)


def gold_line(docid: str, text: str, templates: list[dict[str, Any]]) -> str:
    full = [
        {"incident_type": t["incident_type"]}
        | {
            role: [[[m, text.find(m)] for m in entity] for entity in t.get(role, [])]
            for role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
        }
        for t in templates
    ]
    return json.dumps({"docid": docid, "doctext": text, "templates": full})


TEXT_1 = (
    "guerrillas of the farabundo marti national liberation front (fmln) attacked the farm where "
    "president cerezo stays; the guerrilla column fled."
)
GOLD_1 = {
    "incident_type": "attack",
    "PerpInd": [["guerrillas", "guerrilla column"]],
    "PerpOrg": [["farabundo marti national liberation front", "fmln"]],
    "Victim": [["cerezo"]],
}
TEXT_2 = "rebels kidnapped the mayor, juan perez, in the town."
GOLD_2 = {"incident_type": "kidnapping", "PerpInd": [["rebels"]], "Victim": [["juan perez"]]}
TEXT_3 = "the president spoke about the economy."


def template(incident_type: str, **roles: Sequence[Sequence[str]]) -> ScoringTemplate:
    return ScoringTemplate(
        incident_type=incident_type,
        roles={
            role: tuple(tuple(entity) for entity in entities) for role, entities in roles.items()
        },
    )


@pytest.fixture
def benchmark(tmp_path: Path) -> Path:
    processed = tmp_path / "processed"
    processed.mkdir()
    lines = [
        gold_line("DEV-1", TEXT_1, [GOLD_1]),
        gold_line("DEV-2", TEXT_2, [GOLD_2]),
        gold_line("DEV-3", TEXT_3, []),
    ]
    (processed / "dev.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def predictor_from(table: dict[str, list[ScoringTemplate]]) -> muc4.Predictor:
    return lambda text: table.get(text, [])


def test_muc4_normalize_mention_drops_case_punctuation_and_articles() -> None:
    assert normalize_mention('The "Santo Tomas"  Farm') == "santo tomas farm"
    assert normalize_mention("a bomb") == "bomb"


def test_muc4_perfect_prediction_scores_one(benchmark: Path) -> None:
    documents = muc4.read_documents(muc4.split_file(benchmark, "dev"))
    gold = {d.text: list(d.templates) for d in documents}
    result = muc4.score(benchmark, "dev", predictor=predictor_from(gold))
    assert result.n == 3
    assert result.metrics["template_f1"] == 1.0
    assert result.metrics["template_p"] == 1.0
    assert result.metrics["template_r"] == 1.0
    assert result.metrics["ree_f1"] == 1.0


def test_muc4_empty_prediction_scores_zero(benchmark: Path) -> None:
    result = muc4.score(benchmark, "dev", predictor=predictor_from({}))
    assert result.metrics == {
        "template_f1": 0.0,
        "template_p": 0.0,
        "template_r": 0.0,
        "ree_f1": 0.0,
        "ree_p": 0.0,
        "ree_r": 0.0,
    }


def test_muc4_partial_prediction_counts_each_slot(benchmark: Path) -> None:
    # Doc 1 aligns: type right, PerpInd right (a coreferent mention), PerpOrg wrong, Target spurious,
    # Victim right. Doc 2's type is wrong, so its template is all spurious and the gold all missing.
    preds = {
        TEXT_1: [
            template(
                "attack",
                PerpInd=[["the guerrilla column"]],
                PerpOrg=[["army"]],
                Target=[["farm"]],
                Victim=[["Cerezo"]],
            )
        ],
        TEXT_2: [template("attack", Victim=[["juan perez"]])],
    }
    result = muc4.score(benchmark, "dev", predictor=predictor_from(preds))
    # correct 3 of 5 + 2 predicted slots; found 3 of 4 + 3 gold slots.
    assert result.metrics["template_p"] == pytest.approx(3 / 7)
    assert result.metrics["template_r"] == pytest.approx(3 / 7)
    assert result.metrics["template_f1"] == pytest.approx(3 / 7)
    slots = result.details["template_slots"]
    assert slots["PerpOrg"]["p_den"] == 1 and slots["PerpOrg"]["p_num"] == 0
    assert slots["incident_type"]["r_den"] == 2
    # REE ignores incident types, so doc 2's victim is found: 3 correct of 5 predicted, 3 of 5 gold.
    assert result.metrics["ree_p"] == pytest.approx(3 / 5)
    assert result.metrics["ree_r"] == pytest.approx(3 / 5)


def test_muc4_incident_type_contained_in_gold_type_matches() -> None:
    gold = [template("bombing / attack", Weapon=[["bomb"]])]
    tallies = score_document_templates([template("attack", Weapon=[["bomb"]])], gold)
    assert micro(tallies) == Tally(2, 2, 2, 2)
    tallies = score_document_templates([template("arson", Weapon=[["bomb"]])], gold)
    assert micro(tallies) == Tally(0, 2, 0, 2)


def test_muc4_alignment_is_the_best_one_to_one_mapping() -> None:
    golds = [template("attack", Victim=[["a b"]]), template("attack", Victim=[["c d"]])]
    preds = [template("attack", Victim=[["c d"]]), template("attack", Victim=[["a b"]])]
    assert micro(score_document_templates(preds, golds)) == Tally(4, 4, 4, 4)
    # Two predictions cannot both align with one gold template.
    one_gold = [template("attack", Victim=[["a b"]])]
    assert micro(score_document_templates(preds, one_gold)) == Tally(2, 4, 2, 2)


def test_muc4_predicted_entity_must_be_subset_of_gold_mentions() -> None:
    gold = [template("attack", PerpOrg=[["fmln", "farabundo marti front"]])]
    both = [template("attack", PerpOrg=[["fmln", "farabundo marti front"]])]
    extra = [template("attack", PerpOrg=[["fmln", "army"]])]
    assert micro(score_document_templates(both, gold)) == Tally(2, 2, 2, 2)
    assert micro(score_document_templates(extra, gold)) == Tally(1, 2, 1, 2)


def test_muc4_ree_pairs_entities_one_to_one() -> None:
    golds = [("fmln", "farabundo marti front")]
    assert score_document_entities([("fmln",), ("farabundo marti front",)], golds) == Tally(
        1, 2, 1, 1
    )
    assert score_document_entities([], golds) == Tally(0, 0, 0, 1)


def test_muc4_test_split_is_refused(benchmark: Path) -> None:
    with pytest.raises(ValueError, match="held back"):
        muc4.score(benchmark, "test")


def test_muc4_missing_split_file_says_where(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"dev\.json"):
        muc4.score(tmp_path, "dev")


def test_muc4_real_dev_slice_runs_the_system(benchmarks_dir: Path) -> None:
    result = muc4.score(benchmarks_dir / "muc4", "dev", limit=6)
    assert result.n == 6
    assert set(result.metrics) >= {"template_f1", "template_p", "template_r", "ree_f1"}
    assert all(0.0 <= value <= 1.0 for value in result.metrics.values())
    assert result.details["template_slots"]["incident_type"]["p_den"] > 0

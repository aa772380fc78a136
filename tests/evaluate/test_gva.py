"""GVA incidents scorer: clustering metrics on hand-made partitions, and one quick real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwatch.evaluate.gva import (
    GoldDocument,
    bcubed,
    ceaf_e,
    load_split,
    muc,
    resolve_gold,
    score,
)

GOLD = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}


def test_perfect_clustering_scores_one() -> None:
    assert bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)
    assert muc(GOLD, GOLD)[2] == 1.0
    assert ceaf_e(GOLD, GOLD)[2] == pytest.approx(1.0)


def test_all_singletons_have_full_precision_and_partial_recall() -> None:
    singletons = {item: item for item in GOLD}
    precision, recall, f1 = bcubed(GOLD, singletons)
    assert precision == 1.0
    assert recall == pytest.approx((1 / 3 * 3 + 1 + 1) / 5)
    assert f1 == pytest.approx(2 * recall / (1 + recall))
    assert muc(GOLD, singletons) == (0.0, 0.0, 0.0)


def test_one_big_cluster_has_full_recall() -> None:
    together = {item: "x" for item in GOLD}
    precision, recall, _ = bcubed(GOLD, together)
    assert recall == 1.0 and precision == pytest.approx((3 * 3 / 5 + 2 * 1 / 5) / 5)
    p, r, _ = ceaf_e(GOLD, together)
    # the big response entity aligns with {a, b, c}: phi4 = 2*3/(3+5)
    assert p == pytest.approx(0.75) and r == pytest.approx(0.25)


def test_multi_incident_articles_take_the_gold_most_shared_in_their_cluster() -> None:
    docs = [
        GoldDocument(doc_id="a", incident_ids=("7",), title="", published=None, text=""),
        GoldDocument(doc_id="b", incident_ids=("5", "7"), title="", published=None, text=""),
    ]
    assert resolve_gold(docs, {"a": "x", "b": "x"}) == {"a": "7", "b": "7"}
    assert resolve_gold(docs, {"a": "x", "b": "y"})["b"] == "5"


def test_load_split_reads_only_the_articles_fields(tmp_path: Path) -> None:
    (tmp_path / "documents_dev.jsonl").write_text(
        json.dumps(
            {
                "doc_id": "d1",
                "incident_id": "9",
                "incident_ids": ["9"],
                "title": "T",
                "published": "2016-01-02",
                "text": "Body",
                "url": "http://leak",
            }
        )
        + "\n"
        + "not json\n"
    )
    (tmp_path / "incidents_dev.jsonl").write_text(
        json.dumps({"incident_id": "9", "killed": 2, "injured": 1}) + "\n"
    )
    documents, incidents = load_split(tmp_path, "dev")
    assert [(d.doc_id, d.incident_ids, d.published) for d in documents] == [
        ("d1", ("9",), "2016-01-02")
    ]
    assert (incidents["9"].killed, incidents["9"].injured) == (2, 1)
    assert load_split(tmp_path, "train") == ([], {})


def test_the_test_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        score(tmp_path, "test")


def test_a_quick_run_on_a_slice_of_dev(benchmarks_dir: Path) -> None:
    data = benchmarks_dir / "gva_incidents"
    if not (data / "documents_dev.jsonl").is_file():
        pytest.skip("gva_incidents dev split not present")
    result = score(data, "dev", limit=4, jobs=1)
    assert result.benchmark == "gva" and result.n >= 4
    assert set(result.metrics) == {"bcubed_f1", "conll_f1", "killed_exact", "injured_exact"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["bcubed_f1"] > 0.5

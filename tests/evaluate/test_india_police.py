"""The IndiaPoliceEvents scorer on a hand-made corpus, and the label rules on single sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwatch.evaluate import evaluate
from conflictwatch.evaluate.india_police import label_sentences

SENTENCES = [
    (1, "Police arrested 35 persons in the city.", ["ANY_ACTION", "ARREST"]),
    (1, "The weather was pleasant on Sunday.", []),
    (
        2,
        "Two persons were killed when police opened fire on the mob.",
        ["KILL", "FORCE", "ANY_ACTION"],
    ),
    (2, "There was total inaction on the part of the police.", ["FAIL"]),
    (3, "The minister arrived in the city on Monday.", []),
    (3, "Police said the mob burnt three shops.", ["ANY_ACTION"]),
    (4, "Shops were looted even as the police looked the other way.", ["FAIL"]),
    (4, "The railway protection force failed to disperse the mob.", ["FAIL"]),
    (4, "The party failed to win the seat.", []),
]


def write_corpus(tmp_path: Path) -> Path:
    with (tmp_path / "sents.jsonl").open("w", encoding="utf-8") as handle:
        for i, (doc_id, text, labels) in enumerate(SENTENCES):
            row = {"doc_id": doc_id, "sent_id": i, "sent_text": text, "sent_labels": labels}
            handle.write(json.dumps(row) + "\n")
    with (tmp_path / "docs.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id in (1, 2, 3, 4):
            labels = sorted({lab for d, _, ls in SENTENCES if d == doc_id for lab in ls})
            handle.write(
                json.dumps({"doc_id": doc_id, "doc_text": "", "doc_labels": labels}) + "\n"
            )
    return tmp_path


@pytest.mark.parametrize(("doc_id", "text", "labels"), SENTENCES)
def test_sentence_labels(doc_id: int, text: str, labels: list[str]) -> None:
    (ours,) = label_sentences([text])
    expected = set(labels)
    if text.startswith("Police said"):
        expected = set()  # a report by the police is not a police action
    assert ours == expected


def test_score(tmp_path: Path) -> None:
    result = evaluate("india-police", write_corpus(tmp_path))
    assert result.n == 4
    assert result.metrics["sent_f1_ARREST"] == 1.0
    assert result.metrics["sent_f1_KILL"] == 1.0
    assert result.metrics["doc_f1_FAIL"] == 1.0
    # ANY_ACTION: sentences 1 and 3 found, the police report missed -> recall 2/3, precision 1.
    assert result.metrics["sent_p_ANY_ACTION"] == 1.0
    assert abs(result.metrics["sent_r_ANY_ACTION"] - 2 / 3) < 1e-9
    assert result.metrics["doc_f1_ANY_ACTION"] == pytest.approx(0.8)
    assert set(result.metrics) >= {f"doc_f1_{x}" for x in ("KILL", "ARREST", "FORCE", "FAIL")}


def test_bad_input() -> None:
    assert label_sentences(["", "1 2 3 4 5", "x" * 20000]) == [set(), set(), set()]

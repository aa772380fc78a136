"""The GVDB scorer on a hand-made split, plus one quick run on a slice of the real dev split."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflictwatch.evaluate.gvdb import (
    city_matches,
    load_split,
    predict_article,
    published_from_url,
    score,
)
from conflictwatch.evaluate.registry import evaluate

HEADER = "Article id\tArticle url\tArticle title\tFull text\tJson\tWorker\n"


def _gold(victims: list[list[str]], city: str, date: str) -> str:
    empty = {"startIndex": -1, "endIndex": -1, "value": ""}
    return json.dumps(
        {
            "date-and-time": {
                "city": {"startIndex": 0, "endIndex": len(city), "value": city},
                "date": date,
                "state": "",
                "details": empty,
            },
            "victim-section": [{"victim-was": outcome} for outcome in victims],
            "shooter-section": [],
        }
    )


def _write_split(folder: Path) -> Path:
    rows = [
        (
            "1",
            "http://example.com/news/2016/01/12/story.html",
            "Two shot, one killed in Springfield",
            "Two shot, one killed in Springfieldspringfield - Two men were shot Monday, Jan. 11, "
            "on Oak Street. One of the victims died at the hospital, police said.",
            _gold([["killed"], ["injured", "hospitalized"]], "Springfield", "2016-01-11"),
        ),
        (
            "2",
            "http://example.com/news/story.html",
            "Council approves budget",
            "Council approves budgetThe city council approved the budget on Tuesday.",
            _gold([], "", "2016-01-05"),
        ),
    ]
    path = folder / "dev.tsv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for row in rows:
            handle.write("\t".join([*row, "W1"]) + "\n")
    return folder


def test_gold_is_read_from_the_victim_section(tmp_path: Path) -> None:
    first, second = load_split(_write_split(tmp_path), "dev")
    assert (first.killed, first.injured, first.city, first.date) == (
        1,
        1,
        "Springfield",
        dt.date(2016, 1, 11),
    )
    assert (second.killed, second.injured, second.city) == (0, 0, None)


def test_score_on_hand_made_split(tmp_path: Path) -> None:
    result = score(_write_split(tmp_path), "dev")
    assert result.n == 2
    assert result.metrics["killed_exact"] == 1.0
    assert result.metrics["injured_exact"] == 1.0
    assert result.metrics["killed_mae"] == 0.0
    assert result.details["city_n"] == 1
    assert result.metrics["date_acc"] == 0.5  # the story's day is found; the budget's is not
    assert set(result.metrics) == {
        "killed_exact",
        "injured_exact",
        "killed_mae",
        "injured_mae",
        "city_acc",
        "date_acc",
    }


def test_test_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="train/dev"):
        score(_write_split(tmp_path), "test")


def test_city_matching_and_url_dates() -> None:
    assert city_matches("Philadelphia", "West Philadelphia")
    assert city_matches("MILWAUKEE", "Milwaukee")
    assert not city_matches("York", "New Yorker Mills")
    assert not city_matches(None, "Chicago")
    assert published_from_url("http://x.com/2015/12/02/a") == dt.date(2015, 12, 2)
    assert published_from_url("http://x.com/story-20151302") is None


def test_prediction_reads_dateline_and_counts() -> None:
    guess = predict_article(
        "ROCKFORD (AP) - A 19-year-old man was shot and killed Saturday, Jan. 2, 2016, "
        "and two women were wounded.",
        published=None,
    )
    assert (guess.killed, guess.injured, guess.city) == (1, 2, "Rockford")
    assert guess.date == dt.date(2016, 1, 2)


def test_quick_run_on_real_dev_slice(benchmarks_dir: Path) -> None:
    result = evaluate("gvdb", benchmarks_dir / "gvdb", "dev", limit=40)
    assert result.n == 40
    assert result.metrics["killed_exact"] >= 0.7

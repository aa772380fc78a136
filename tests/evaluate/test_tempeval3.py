"""The TempEval-3 scorer on hand-made .tml files, and one quick run on a slice of the real data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conflictwatch.evaluate import evaluate
from conflictwatch.evaluate.tempeval3 import read_tml, score

_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>
{body}
</TEXT>
</TimeML>
"""


def _write(folder: Path, name: str, dct: str, body: str) -> None:
    (folder / f"{name}.tml").write_text(_TML.format(name=name, dct=dct, body=body), "utf-8")


def test_read_tml_gives_plain_text_offsets(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a",
        "1998-08-07",
        'Shares &amp; bonds <EVENT eid="e1">fell</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="1998-08-06">yesterday</TIMEX3>.',
    )
    doc = read_tml(tmp_path / "a.tml")
    assert doc.dct == dt.date(1998, 8, 7)
    (timex,) = doc.timexes
    assert doc.text[timex.start : timex.end] == "yesterday"
    assert (timex.type, timex.value) == ("DATE", "1998-08-06")
    assert "Shares & bonds fell" in doc.text


def test_scores_follow_the_te3_definitions(tmp_path: Path) -> None:
    # gold: "yesterday" (the tagger finds it with the right value: strict, relaxed and value hit),
    # "last Friday" annotated as "Friday" only (relaxed but not strict), and a gold value the
    # tagger cannot produce for "the quarter" (relaxed hit, value miss).
    _write(
        tmp_path,
        "b",
        "1998-08-07",
        'Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-08-06">yesterday</TIMEX3> and '
        'last <TIMEX3 tid="t2" type="DATE" value="1998-07-31">Friday</TIMEX3>, and in '
        '<TIMEX3 tid="t3" type="DATE" value="1997-Q9">the quarter</TIMEX3> too.',
    )
    result = score(tmp_path, None)
    assert result.n == 3
    assert result.details["counts"]["system"] == 3
    assert result.metrics["relaxed_f1"] == pytest.approx(1.0)
    assert result.metrics["strict_f1"] == pytest.approx(2 / 3)
    assert result.metrics["value_f1"] == pytest.approx(2 / 3)
    assert 0.0 <= result.metrics["type_f1"] <= 1.0


def test_false_positives_lower_precision(tmp_path: Path) -> None:
    _write(tmp_path, "c", "2000-01-03", "It happened on Monday and again on Tuesday.")
    result = score(tmp_path, None)
    assert result.n == 0
    assert result.metrics["relaxed_p"] == 0.0
    assert result.metrics["value_f1"] == 0.0


def test_split_filters_by_folder(tmp_path: Path) -> None:
    (tmp_path / "AQUAINT").mkdir()
    (tmp_path / "TimeBank").mkdir()
    _write(tmp_path / "AQUAINT", "x", "2000-01-03", "Nothing here.")
    _write(tmp_path / "TimeBank", "y", "2000-01-03", "Nothing here either.")
    assert score(tmp_path, "aquaint").details["files"] == 1
    assert score(tmp_path, None).details["files"] == 2


def test_quick_run_on_real_slice(benchmarks_dir: Path) -> None:
    data = benchmarks_dir / "tempeval3" / "tbaq-cleaned" / "AQUAINT"
    if not data.is_dir():
        pytest.skip("tempeval3 data not present")
    result = evaluate("tempeval3", data, None, limit=10)
    assert result.details["files"] == 10
    assert result.n > 0
    assert result.metrics["relaxed_f1"] > 0.7
    assert result.metrics["value_f1"] > 0.5


def test_tune_and_check_halves_split_the_files(tmp_path: Path) -> None:
    from conflictwatch.evaluate.tempeval3 import file_half

    for i in range(12):
        _write(tmp_path, f"doc{i}", "1998-08-07", "Nothing happened.")
    tune = score(tmp_path, "tune").details["files"]
    check = score(tmp_path, "check").details["files"]
    assert tune + check == 12 and tune > 0 and check > 0
    halves = {file_half(tmp_path / f"doc{i}.tml") for i in range(12)}
    assert halves == {"tune", "check"}

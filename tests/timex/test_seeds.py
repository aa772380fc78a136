"""The dates SEEDS-EXPECTED.md lists come out right from the seeds' clean text (general rules only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import seed_file

from conflictwatch.clean import clean_text
from conflictwatch.timex import Timex, find_timexes


def _timexes(seeds_dir: Path, number: str, anchor: dt.date | None) -> list[Timex]:
    text = clean_text(seed_file(seeds_dir, number).read_text(encoding="utf-8")).text
    return find_timexes(text, anchor=anchor)


def _values_of(timexes: list[Timex], written: str) -> set[str]:
    return {t.value for t in timexes if t.text == written}


def test_seed_000_dates(seeds_dir: Path) -> None:
    found = _timexes(seeds_dir, "000", dt.date(2020, 7, 20))
    assert _values_of(found, "July 12") == {"2020-07-12"}
    assert _values_of(found, "July 16") == {"2020-07-16"}
    assert _values_of(found, "Thursday") == {"2020-07-16"}
    assert _values_of(found, "Monday") == {"2020-07-20"}
    assert _values_of(found, "last week") == {"2020-W29"}
    assert _values_of(found, "2018") == {"2018"}
    since = [t for t in found if t.text == "2016"]
    assert since and since[0].mod == "ON_OR_AFTER"


def test_seed_001_stays_unresolved_without_a_date(seeds_dir: Path) -> None:
    found = _timexes(seeds_dir, "001", None)
    relative = [t for t in found if t.text in {"Tuesday", "early Tuesday", "Last week", "August"}]
    assert len(relative) >= 4
    assert all(t.span is None and "X" in t.value for t in relative)
    midnight = [t for t in found if "midnight" in t.text]
    assert midnight and midnight[0].span is None
    assert _values_of(found, "the 1990s") == {"199"}  # absolute: resolved anyway


def test_seed_001_with_its_true_date(seeds_dir: Path) -> None:
    found = _timexes(seeds_dir, "001", dt.date(2022, 9, 13))
    assert _values_of(found, "Tuesday") == {"2022-09-13"}
    midnight = [t for t in found if "midnight" in t.text]
    assert midnight[0].span is not None and midnight[0].span.start == dt.date(2022, 9, 13)
    assert _values_of(found, "August") == {"2022-08"}
    assert _values_of(found, "Last week") == {"2022-W36"}


def test_seed_002_dates(seeds_dir: Path) -> None:
    found = _timexes(seeds_dir, "002", dt.date(2020, 10, 3))
    assert _values_of(found, "3/10/2020") == {"2020-10-03"}
    assert _values_of(found, "Sunday") == {"2020-09-27"}
    assert _values_of(found, "Friday") == {"2020-10-02"}
    assert _values_of(found, "Thursday") == {"2020-10-01"}


def test_seed_003_dates(seeds_dir: Path) -> None:
    found = _timexes(seeds_dir, "003", dt.date(2020, 11, 4))
    assert _values_of(found, "November 4") == {"2020-11-04"}
    assert _values_of(found, "November 3") == {"2020-11-03"}
    assert _values_of(found, "October 10") == {"2020-10-10"}
    assert _values_of(found, "September 27") == {"2020-09-27"}


@pytest.mark.parametrize("anchor", [dt.date(2021, 11, 16)])
def test_seed_004_dates(seeds_dir: Path, anchor: dt.date) -> None:
    found = _timexes(seeds_dir, "004", anchor)
    ceasefire = [t for t in found if t.text.startswith("18:30")]
    assert ceasefire and ceasefire[0].value == "2021-11-16T18:30"
    assert ceasefire[0].type == "TIME"
    assert _values_of(found, "Tuesday, November 16") == {"2021-11-16"}
    assert _values_of(found, "Monday") == {"2021-11-15"}

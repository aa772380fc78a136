"""Publication dates: evidence order, bylines, weekday-checked dates, chains, bounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conflictwatch.describe import infer_publication_date
from conflictwatch.model import DatePrecision, DateProvenance

TODAY = dt.date(2026, 11, 21)
D = dt.date


def _seed_text(seeds: Path, number: str) -> str:
    (path,) = sorted(seeds.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "expected", "provenance"),
    [
        ("000", D(2020, 7, 20), DateProvenance.INFERRED),
        ("002", D(2020, 10, 3), DateProvenance.TEXT),
        ("003", D(2020, 11, 4), DateProvenance.TEXT),
        ("004", D(2021, 11, 16), DateProvenance.INFERRED),
    ],
)
def test_seed_dates(seeds_dir: Path, number: str, expected: dt.date, provenance: str) -> None:
    found = infer_publication_date(_seed_text(seeds_dir, number), today=TODAY)
    assert (found.value, found.provenance, found.precision) == (
        expected,
        provenance,
        DatePrecision.DAY,
    )


def test_seed_001_stays_unknown_with_bounds_from_people(seeds_dir: Path) -> None:
    found = infer_publication_date(_seed_text(seeds_dir, "001"), today=TODAY)
    assert found.value is None
    assert found.provenance == DateProvenance.UNKNOWN
    assert "'Tuesday' without a month-day" in found.evidence
    assert found.earliest is not None and found.earliest >= D(2021, 1, 26)  # Blinken in office
    assert found.latest == D(2025, 1, 20)
    assert found.earliest <= D(2022, 9, 13) <= found.latest  # the true date stays inside


def test_seed_001_accepts_a_given_date(seeds_dir: Path) -> None:
    found = infer_publication_date(_seed_text(seeds_dir, "001"), given=D(2022, 9, 13), today=TODAY)
    assert (found.value, found.provenance) == (D(2022, 9, 13), DateProvenance.GIVEN)


def test_given_wins_over_metadata_and_text() -> None:
    found = infer_publication_date(
        "By Reuters November 04, 2020\nText.", given=D(2021, 1, 2), metadata="2020-01-01"
    )
    assert (found.value, found.provenance) == (D(2021, 1, 2), DateProvenance.GIVEN)


@pytest.mark.parametrize(
    ("metadata", "expected", "precision"),
    [
        ("2020-11-04T10:00:00Z", D(2020, 11, 4), DatePrecision.DAY),
        ("2020-11-04", D(2020, 11, 4), DatePrecision.DAY),
        ("Wed, 04 Nov 2020 10:00:00 +0000", D(2020, 11, 4), DatePrecision.DAY),
        ("November 4, 2020", D(2020, 11, 4), DatePrecision.DAY),
        ("4 November 2020", D(2020, 11, 4), DatePrecision.DAY),
        ("2020-11", D(2020, 11, 1), DatePrecision.MONTH),
        ("2020", D(2020, 1, 1), DatePrecision.YEAR),
    ],
)
def test_metadata_formats(metadata: str, expected: dt.date, precision: DatePrecision) -> None:
    found = infer_publication_date("No dates here.", metadata=metadata, today=TODAY)
    assert (found.value, found.precision, found.provenance) == (
        expected,
        precision,
        DateProvenance.METADATA,
    )


def test_unparseable_metadata_falls_through_to_the_text() -> None:
    found = infer_publication_date(
        "Title\nPublished: 4 Nov 2020\nStory.", metadata="last Tuesday", today=TODAY
    )
    assert (found.value, found.provenance) == (D(2020, 11, 4), DateProvenance.TEXT)


@pytest.mark.parametrize(
    "top",
    [
        "By RFE/RL November 04, 2020",
        "Published: 4 Nov 2020",
        "Updated 04.11.2020 10:33",
        "WASHINGTON, Nov. 4, 2020 (Reuters) - The U.S. said talks went well.",
        "November 4, 2020 | 10:45 AM",
        "Wednesday, 4 November 2020",
    ],
)
def test_byline_formats(top: str) -> None:
    text = f"A headline about talks\n\n{top}\n\nOfficials met again on Tuesday."
    found = infer_publication_date(text, today=TODAY)
    assert (found.value, found.provenance) == (D(2020, 11, 4), DateProvenance.TEXT)
    assert top.split()[0] in found.evidence


def test_a_deadline_in_the_first_sentence_is_not_a_byline() -> None:
    found = infer_publication_date("By November 4, 2020, the army had withdrawn.", today=TODAY)
    assert found.provenance == DateProvenance.UNKNOWN
    assert found.earliest == D(2020, 11, 4)


def test_weekday_settles_day_first_numeric_date() -> None:
    found = infer_publication_date("The ministry said on Saturday (3/10/2020).", today=TODAY)
    assert (found.value, found.provenance) == (D(2020, 10, 3), DateProvenance.TEXT)
    assert "latest full date" in found.evidence


def test_weekday_settles_month_first_numeric_date() -> None:
    found = infer_publication_date("The ministry said on Tuesday (3/10/2020).", today=TODAY)
    assert (found.value, found.provenance) == (D(2020, 3, 10), DateProvenance.TEXT)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said on Monday (3/10/2020).",  # neither reading is a Monday
        "The ministry said on Wednesday (1/7/2015).",  # 7 Jan and 1 Jul 2015: both Wednesdays
    ],
)
def test_numeric_date_the_weekday_does_not_settle(sentence: str) -> None:
    found = infer_publication_date(sentence, today=TODAY)
    assert found.value is None


def test_weekday_checked_date_must_be_the_latest_full_date() -> None:
    text = "On Saturday (3/10/2020) they met. The deal of 5 December 2020 holds."
    found = infer_publication_date(text, today=TODAY)
    assert found.provenance != DateProvenance.TEXT


def test_written_full_date_with_consistent_weekday() -> None:
    found = infer_publication_date("Talks resumed on Tuesday, November 16, 2021.", today=TODAY)
    assert (found.value, found.provenance) == (D(2021, 11, 16), DateProvenance.TEXT)


def test_only_a_weekday_stays_unknown() -> None:
    found = infer_publication_date("The ministry said on Monday that shelling resumed.")
    assert found.value is None
    assert "'Monday'" in found.evidence


def test_weekday_month_day_pair_fixes_the_year_above_the_bound() -> None:
    text = "Fighting erupted on Tuesday, November 16. It was the worst since the 2020 war."
    found = infer_publication_date(text, today=TODAY)
    assert (found.value, found.provenance) == (D(2021, 11, 16), DateProvenance.INFERRED)


def test_weekday_chain_picks_the_monday_after_the_last_month_day() -> None:
    text = (
        "Clashes broke out on July 12, officials said on Monday. They halted on July 16.\n"
        "The president on Thursday threatened to quit talks, the worst since 2016.\n"
        "The leaders agreed in 2018 to a hotline."
    )
    found = infer_publication_date(text, today=TODAY)
    assert (found.value, found.provenance) == (D(2020, 7, 20), DateProvenance.INFERRED)
    assert "Thursday = July 16" in found.evidence


def test_future_weekday_does_not_anchor_the_day() -> None:
    text = (
        "Clashes broke out on July 12 and halted on July 16, officials said on Thursday. "
        "The envoys will meet on Saturday. It was the worst fighting since 2016."
    )
    found = infer_publication_date(text, today=TODAY)
    assert found.value == D(2020, 7, 16)  # Saturday would have moved it to 18 July


def test_month_days_without_a_fitting_weekday_stay_unknown() -> None:
    text = "Clashes broke out on July 12, the ministry said on Monday, the worst since 2019."
    found = infer_publication_date(text, today=D(2020, 12, 31))
    assert found.value is None
    assert "do not fit together" in found.evidence
    assert found.earliest == D(2019, 1, 1)


def test_dates_after_today_are_rejected() -> None:
    text = "A headline\nBy Reuters November 04, 2030\nStory."
    found = infer_publication_date(text, metadata="2031-01-01", today=TODAY)
    assert found.value is None
    later = infer_publication_date("Seen.", given=D(2027, 1, 1), today=TODAY)
    assert later.value is None


def test_chain_never_goes_past_today() -> None:
    text = "Fighting erupted on Tuesday, November 16, the worst since the 2020 war."
    found = infer_publication_date(text, today=D(2021, 11, 1))
    assert found.value is None

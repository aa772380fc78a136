"""Text that is no news report of violence gives no events and no casualty figures."""

import datetime as dt

from conflictwatch.extract.mentions import extract_mentions


def test_a_table_with_casualty_columns_gives_no_figures() -> None:
    rows = ["Province | Killed | Wounded"] + [f"Region{i} | {i * 3} | {i * 5}" for i in range(12)]
    rows += ["District\tDead\tInjured", "Upper\t4\t9"]
    extraction = extract_mentions("\n".join(rows), doc_id="d", published=dt.date(2024, 5, 1))
    assert extraction.mentions == ()

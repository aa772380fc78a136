import datetime as dt

from conflictwatch.geo.dateline import dateline_end, dateline_names, dateline_place_end, filing_date


def test_dateline_end_covers_place_agency_and_dash() -> None:
    text = "SANAA, Yemen (AP) — Houthi rebels said on Monday"
    assert text[: dateline_end(text)] == "SANAA, Yemen (AP) — "
    assert dateline_end("ROCKFORD — Police said") == len("ROCKFORD — ")
    # a name set off by dashes inside a sentence is no dateline
    assert dateline_end("Russia — the country's closest ally — attacked") == 0


def test_a_live_pages_timestamp_is_its_entrys_dateline() -> None:
    text = "09:40 GMT - Russian forces launched 120 drones overnight"
    assert text[: dateline_end(text)] == "09:40 GMT - "
    assert dateline_end("9.40am: Police said two died") == len("9.40am: ")
    assert dateline_end("10:15 - A missile hit Dnipro") == len("10:15 - ")
    # a score or a clock time inside the sentence is no timestamp
    assert dateline_end("Arsenal won 2 - 1 on Sunday") == 0
    assert dateline_end("At 10:15 - before dawn - a missile hit") == 0


def test_dateline_place_is_found_at_the_head_of_any_paragraph() -> None:
    text = "Strikes hit the city\nGAZA, Oct 3 (Reuters) - Israeli tanks pushed into Gaza."
    start = text.index("GAZA")
    assert dateline_place_end(text, start) == start + len("GAZA")
    assert dateline_place_end(text, text.index("Gaza.")) == 0  # the same name later on
    assert dateline_place_end("Gaza was hit.", 0) == 0  # no dash: no dateline


def test_a_name_deep_in_a_long_paragraph_is_no_dateline() -> None:
    text = "x" * 500 + " GAZA (Reuters) - strikes"
    assert dateline_place_end(text, text.index("GAZA")) == 0


def test_dateline_names_are_every_name_of_every_dateline() -> None:
    text = (
        "Pakistan closes border\nKABUL/ISLAMABAD, March 3 (Reuters) - Pakistan's army said.\n"
        "GOMA, Democratic Republic of the Congo - M23 rebels seized Sake."
    )
    names = dateline_names(text)
    assert [text[start:end] for start, end, _ in names] == [
        "KABUL",
        "ISLAMABAD",
        "March 3",
        "GOMA",
        "Democratic Republic of the Congo",
    ]
    # each name carries where its dateline ends, after the dash
    assert text[names[0][2] :].startswith("Pakistan's army")
    assert text[names[-1][2] :].startswith("M23 rebels")
    assert dateline_names("Russia — the country's closest ally — attacked") == []


def test_a_datelines_day_close_before_publication_is_the_filing_day() -> None:
    text = "Farmer killed in Bishnupur\n\nIMPHAL, Jul 14: A farmer was killed this morning."
    assert text[text.index("IMPHAL") :].startswith("IMPHAL")
    assert dateline_end(text[text.index("IMPHAL") :]) == len("IMPHAL, Jul 14: ")
    assert filing_date(text, dt.date(2026, 7, 15)) == dt.date(2026, 7, 14)
    wire = "Headline\n\nBANGKOK, March 9 (Reuters) - A strike killed 17."
    assert filing_date(wire, dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)
    # a dateline with no day, or a day far from publication (a reprint), says nothing
    assert filing_date("SANAA, Yemen (AP) — Rebels said", dt.date(2026, 3, 9)) is None
    assert filing_date(wire, dt.date(2026, 3, 30)) is None
    # a colon after a word that is no dateline's place
    assert dateline_end("Summary: Our monitors recorded 14 incidents") == 0

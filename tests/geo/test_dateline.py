from conflictwatch.geo.dateline import dateline_end, dateline_names, dateline_place_end


def test_dateline_end_covers_place_agency_and_dash() -> None:
    text = "SANAA, Yemen (AP) — Houthi rebels said on Monday"
    assert text[: dateline_end(text)] == "SANAA, Yemen (AP) — "
    assert dateline_end("ROCKFORD — Police said") == len("ROCKFORD — ")
    # a name set off by dashes inside a sentence is no dateline
    assert dateline_end("Russia — the country's closest ally — attacked") == 0


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

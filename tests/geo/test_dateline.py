from conflictwatch.geo.dateline import dateline_end, dateline_place_end


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

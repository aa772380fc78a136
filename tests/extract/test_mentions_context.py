"""A conflict named as a whole keeps its own places; the sentence's news does not take them."""

import datetime as dt

from conflictwatch.extract.mentions import extract_mentions


def test_a_named_conflicts_places_stay_with_it() -> None:
    text = "Iraqi officials have linked the clashes near Mosul to Turkey's invasion of Syria."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2020, 5, 4))
    fights = {m.trigger: m for m in extraction.mentions if m.type == "FIGHT"}
    assert set(fights) == {"clashes", "invasion"}
    clashes, invasion = fights["clashes"], fights["invasion"]
    assert not clashes.background and invasion.background
    assert [p.name for p in clashes.places] == ["Mosul"]
    assert {p.name for p in invasion.places} == {"Turkey", "Syria"}

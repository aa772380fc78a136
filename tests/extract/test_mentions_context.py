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


def test_a_group_the_recognizer_takes_for_a_place_is_no_event_place() -> None:
    text = (
        "M23 rebels backed by Rwanda captured the town of Nyabibwe in South Kivu province on "
        "Tuesday after heavy fighting with Congolese troops."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 2, 4))
    places = {p.name for m in extraction.mentions for p in m.places}
    assert "South Kivu" in places or "Sud-Kivu" in places
    assert places <= {"Sud-Kivu", "South Kivu", "Rwanda", "Nyabibwe"}


def test_a_dateline_city_is_not_the_event_place() -> None:
    text = (
        "Drone strike kills four\n\n"
        "KYIV, Ukraine (AP) — A Russian drone attack on the city of Kharkiv killed four people, "
        "the regional governor said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 11, 10))
    (attack,) = [m for m in extraction.mentions if "Kharkiv" in m.evidence.text]
    assert [p.name for p in attack.places] == ["Kharkiv"]
    assert attack.evidence.text.startswith("A Russian drone attack")
    assert attack.agent is not None and attack.agent.name == "Russia"


def test_sponsors_and_a_countrys_officials_are_not_event_places() -> None:
    text = (
        "A ceasefire between Israel and Hezbollah took effect in southern Lebanon on Wednesday, "
        "after U.S. President Joe Biden said both sides had accepted a deal brokered by "
        "Washington and Paris."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2024, 11, 27))
    places = {p.name for m in extraction.mentions for p in m.places}
    assert "Lebanon" in places
    assert not places & {"United States", "Washington", "Washington, D.C.", "Paris"}


def test_an_event_is_dated_by_its_own_clause() -> None:
    text = (
        "The neighbours agreed to a ceasefire in February 2021, but violations have been "
        "reported since a militant attack killed 26 tourists last month."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 7))
    attack = next(m for m in extraction.mentions if m.type == "ASSAULT")
    truce = next(m for m in extraction.mentions if m.type == "AGREE")
    assert attack.date is not None and attack.date.start == dt.date(2025, 4, 1)
    assert truce.date is not None and truce.date.start == dt.date(2021, 2, 1)


def test_the_period_a_superlative_compares_over_does_not_date_the_event() -> None:
    text = (
        "Russia launched one of its largest combined missile and drone attacks of the winter "
        "overnight on 10-11 February, killing at least 14 people, officials said."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 2, 11))
    attack = next(m for m in extraction.mentions if m.type == "ASSAULT")
    assert attack.date is not None and attack.date.start == dt.date(2026, 2, 10)


def test_a_military_line_is_a_place_of_its_own() -> None:
    text = "Two civilians were killed when troops opened fire across the Line of Control on Monday."
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2025, 5, 7))
    places = [p.name for m in extraction.mentions for p in m.places]
    assert "Line of Control" in places


def test_a_when_clause_on_a_since_bound_happened_at_that_time() -> None:
    text = (
        "Jihadists attacked a camp in Mopti on Tuesday, killing 21 soldiers. The attack is the "
        "deadliest on the army since May, when militants killed more than 30 soldiers at a base."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 9, 2))
    recalled = next(m for m in extraction.mentions if m.agent and m.agent.name == "militants")
    assert recalled.date is not None
    assert (recalled.date.value, recalled.date.start) == ("2026-05", dt.date(2026, 5, 1))


def test_a_when_clause_right_after_a_time_is_its_own_even_if_hung_elsewhere() -> None:
    text = (
        "The clashes were the latest in a series of confrontations since May 2025, when the "
        "killing of Abdulghani al-Kikli, head of the Stabilisation Support Apparatus, in a "
        "Tripoli military base sparked days of fighting."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 8, 24))
    killing = next(m for m in extraction.mentions if m.trigger == "killing")
    assert killing.date is not None and killing.date.value == "2025-05"


def test_a_since_clause_starts_the_stretch_its_event_runs_over() -> None:
    text = (
        "Fighting has intensified in the region since a truce expired in April. More than "
        "1,700 people have been killed in Sinaloa since the infighting began in September 2024."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 5, 8))
    fighting = next(m for m in extraction.mentions if m.type == "FIGHT")
    killed = next(m for m in extraction.mentions if m.trigger == "killed")
    assert fighting.date is not None and not fighting.background
    assert (fighting.date.start, fighting.date.end) == (dt.date(2026, 4, 1), dt.date(2026, 5, 8))
    # a toll over a stretch begun long before the report is its background
    assert killed.date is not None and killed.background
    assert (killed.date.start, killed.date.end) == (dt.date(2024, 9, 1), dt.date(2026, 5, 8))


def test_the_seat_of_the_body_that_speaks_is_no_event_place() -> None:
    text = (
        "The ministry in Baku said shots were fired from near the village of Sotk in Armenia's "
        "Gegharkunik province overnight. The mayor in Goma said fighting raged overnight."
    )
    extraction = extract_mentions(text, doc_id="d", published=dt.date(2026, 6, 4))
    shots, fighting = extraction.mentions
    assert "Baku" not in [p.name for p in shots.places]
    assert "Gegharkunik" in [p.name for p in shots.places]
    # a town that is all the sentence names stays: a mayor speaks of the town's own events
    assert [p.name for p in fighting.places] == ["Goma"]

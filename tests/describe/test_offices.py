"""Office holders: the table loads, names are found, and terms bound the date."""

from __future__ import annotations

import datetime as dt

from conflictwatch.describe.intervals import Window
from conflictwatch.describe.offices import find_people, load_people, people_window

D = dt.date


def _names(text: str) -> dict[str, bool]:
    return {mention.name: mention.past for mention in find_people(text)}


def test_table_loads_with_well_formed_terms() -> None:
    people = load_people()
    assert len(people) > 200
    for person in people:
        assert not person.terms.empty, person.name
        assert person.terms.start is None or person.terms.start.year >= 1950


def test_full_name_variant_and_accents_match() -> None:
    found = _names("Nikol Pashinian met Mevlut Cavusoglu in Ankara.")
    assert set(found) == {"Nikol Pashinyan", "Mevlüt Çavuşoğlu"}


def test_surname_needs_a_title() -> None:
    assert "Xi Jinping" in _names("Chinese President Xi spoke by phone.")
    assert "Angela Merkel" in _names("German Chancellor Merkel said so.")
    assert _names("Merkel said so.") == {}


def test_names_are_case_sensitive_and_word_bounded() -> None:
    assert _names("NIKOL PASHINYAN spoke; Nikol Pashinyanov did not.") == {}


def test_former_and_dated_mentions_only_bound_from_below() -> None:
    found = _names("The bloc led by former President Robert Kocharyan protested.")
    assert found == {"Robert Kocharyan": True}
    window = people_window(find_people("In 2015 Secretary of State John Kerry visited."))
    assert window == Window.between(D(2013, 2, 1), None)


def test_window_is_the_intersection_of_terms() -> None:
    text = "Antony Blinken called Suren Papikyan."
    window = people_window(find_people(text))
    assert (window.start, window.end) == (D(2021, 11, 15), D(2025, 1, 20))


def test_union_of_a_persons_terms() -> None:
    (mention,) = find_people("Vladimir Putin said.")
    assert mention.window().contains(D(2010, 1, 1))  # prime minister then
    assert mention.window().start == D(1999, 8, 16)
    assert mention.window().end is None


def test_a_surname_shared_by_two_people_allows_either() -> None:
    (mention,) = find_people("Armenian Prime Minister Sargsyan resigned.")
    assert mention.name == "Serzh Sargsyan or Tigran Sargsyan"
    assert mention.window().contains(D(2010, 1, 1))  # Tigran's term
    assert mention.window().contains(D(2018, 4, 20))  # Serzh's second term

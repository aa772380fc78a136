from conflictwatch.geo.recognize import Span, repeated_mentions

TEXT = "Gainesville officials met. The Gainesville sewer failed near Brown Street. Mr. Gainesville Jones spoke."


def _span(name: str, label: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return Span(start=start, end=start + len(name), text=name, label=label, candidates=(1, 2))


def test_other_mentions_of_a_place_ner_found_are_added_but_not_inside_person_names() -> None:
    first = _span("Gainesville", "GPE")
    person_start = TEXT.index("Gainesville Jones")
    person = (person_start, person_start + len("Gainesville Jones"), "PERSON")
    extra = repeated_mentions(TEXT, [first], [person])
    assert [(s.start, s.label) for s in extra] == [(TEXT.index("Gainesville", 1), "GAZ")]


def test_only_ner_places_spread_to_other_mentions() -> None:
    brown = Span(start=0, end=5, text="Brown", label="GAZ", candidates=(1,))
    assert repeated_mentions("Brown said Brown won.", [brown], []) == []

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


def test_a_name_the_tagger_calls_an_organisation_is_a_place_when_its_kind_is_named() -> None:
    from conflictwatch.geo.gazetteer import load_gazetteer
    from conflictwatch.geo.recognize import gazetteer_spans

    text = (
        "Fighting raged over the breakaway Nagorno-Karabakh region on Friday. The Moscow City "
        "Council met. Talks on the territory of Nagorno-Karabakh stalled. Nagorno-Karabakh Airlines flew."
    )

    def org(name: str, nth: int = 0) -> tuple[int, int, str]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return (start, start + len(name), "ORG")

    blocked = [
        org("Nagorno-Karabakh"),
        org("Moscow City Council"),
        org("Nagorno-Karabakh", 1),
        org("Nagorno-Karabakh Airlines"),
    ]
    found = gazetteer_spans(text, load_gazetteer(), [], blocked)
    assert [(s.text, s.start) for s in found] == [
        ("Nagorno-Karabakh", text.index("Nagorno-Karabakh")),
        ("Nagorno-Karabakh", text.index("Nagorno-Karabakh", text.index("territory"))),
    ]

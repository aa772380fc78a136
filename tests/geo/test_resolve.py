from collections import Counter

from conflictwatch.geo import Gazetteer, build, load_gazetteer, resolve_spans
from conflictwatch.geo.resolve import Choice, _Context, _expanded, _focus, _prefer_main_names


def _resolve(text: str, names: list[str]) -> dict[str, tuple[str, str | None]]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return {
        t.text: (t.place.name, t.place.admin1)
        for t in resolve_spans(text, spans)
        if t.place is not None
    }


def test_main_name_beats_a_former_name_of_a_bigger_city() -> None:
    gazetteer = load_gazetteer()
    hits = gazetteer.lookup("Elizabethtown")
    kept = _prefer_main_names(gazetteer, "Elizabethtown", hits)
    assert {gazetteer.names[i] for i in kept} == {"Elizabethtown"}
    assert len(kept) < len(hits)  # Elizabeth, New Jersey, once so called, is dropped


def test_abbreviated_saint_counts_as_the_main_name() -> None:
    assert _expanded("st paul") == _expanded("saint paul") == "saint paul"
    assert _resolve("Snow fell on St. Paul overnight.", ["St. Paul"])["St. Paul"] == (
        "Saint Paul",
        "Minnesota",
    )


def test_second_pass_makes_georgia_the_us_state_for_its_cities() -> None:
    text = "The storm hit Georgia on Monday. Atlanta and Macon lost power, and Texas sent crews."
    found = _resolve(text, ["Georgia", "Atlanta", "Macon", "Texas"])
    assert found["Georgia"][1] == "Georgia" and found["Atlanta"] == ("Atlanta", "Georgia")


def test_nearby_names_choose_among_homonyms() -> None:
    alone = _resolve("Crews worked through the night in Troy.", ["Troy"])["Troy"]
    text = "Crews worked through the night in Troy and Schenectady."
    paired = _resolve(text, ["Troy", "Schenectady"])["Troy"]
    assert alone != paired and paired == ("Troy", "New York")


def _city(gazetteer: Gazetteer, name: str, country: str) -> int:
    return max(
        (
            i
            for i in gazetteer.lookup(name)
            if gazetteer.country_code(i) == country and int(gazetteer.kind[i]) == build.CITY
        ),
        key=lambda i: int(gazetteer.population[i]),
    )


def test_focus_is_the_most_mentioned_city_of_the_main_country() -> None:
    gazetteer = load_gazetteer()
    damascus = _city(gazetteer, "Damascus", "SY")
    moscow = _city(gazetteer, "Moscow", "RU")
    syria = gazetteer.index_of_country("SY")
    assert syria is not None
    choices = [Choice(index=i, confidence=0.9) for i in (syria, syria, damascus, moscow, moscow)]
    context = _Context.empty()
    context.countries.update(Counter({"RU": 2, "SY": 2}))
    assert _focus(gazetteer, choices, context) == damascus

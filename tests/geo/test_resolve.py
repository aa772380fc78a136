from collections import Counter

from conflictwatch.geo import Gazetteer, build, load_gazetteer, resolve_spans
from conflictwatch.geo.resolve import (
    Choice,
    Mentioned,
    _Context,
    _expanded,
    _focus,
    _nationwide,
    _prefer_main_names,
)


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
    placed = (syria, syria, damascus, moscow, moscow)
    choices = [Choice(index=i, confidence=0.9) for i in placed]
    names = [Mentioned(start=k, end=k + 1, text="x", candidates=(i,)) for k, i in enumerate(placed)]
    context = _Context.empty()
    context.countries.update(Counter({"RU": 2, "SY": 2}))
    assert _focus(gazetteer, names, choices, context) == damascus


def test_names_known_by_a_part_do_not_make_the_focus() -> None:
    gazetteer = load_gazetteer()
    damascus = _city(gazetteer, "Damascus", "SY")
    moscow = _city(gazetteer, "Moscow", "RU")
    placed = (damascus, moscow, moscow)
    choices = [Choice(index=i, confidence=0.9) for i in placed]
    names = [
        Mentioned(start=k, end=k + 1, text="x", candidates=(i,), partial=k > 0)
        for k, i in enumerate(placed)
    ]
    assert _focus(gazetteer, names, choices, _Context.empty()) == damascus


def test_capital_and_metropolis_beat_the_homonymous_state() -> None:
    text = "Officials in Washington and bankers in New York reacted calmly."
    found = _resolve(text, ["Washington", "New York"])
    assert found["Washington"] == ("Washington", "District of Columbia")
    assert found["New York"] == ("New York City", "New York")


def test_a_city_beats_the_district_named_after_it_whose_point_lies_away() -> None:
    # GeoNames puts the Kosti district's point 85 km from the city of Kosti
    text = (
        "Shelling hit a camp near El Obeid in North Kordofan, months after the army retook "
        "Khartoum. Separately, drones hit the power station in Kosti on Sunday."
    )
    names = ("El Obeid", "North Kordofan", "Khartoum", "Kosti")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    kosti = resolve_spans(text, spans)[-1].place
    assert kosti is not None and kosti.precision == 1 and kosti.lat is not None
    assert abs(kosti.lat - 13.16) < 0.05


def test_state_wording_and_lists_of_states_keep_the_state() -> None:
    text = "A cow from a Washington state farm fell ill; the state of New York reported cases."
    found = _resolve(text, ["Washington", "New York"])
    assert found["Washington"] == ("Washington", "Washington")
    assert found["New York"] == ("New York", "New York")
    listed = "Cases were found in Ohio, New York and Texas."
    assert _resolve(listed, ["Ohio", "New York", "Texas"])["New York"] == ("New York", "New York")


def test_state_wording_is_lower_case_after_the_name() -> None:
    text = "Students of Columbia State met in Nashville."
    found = _resolve(text, ["Columbia", "Nashville"])
    assert found["Columbia"] == ("Columbia", "Tennessee")


def test_a_capital_loses_only_to_local_evidence_not_to_a_country_vote() -> None:
    # Canada named: not enough for London, Ontario over London, England
    text = "The Canadian team flew from Canada to London for the final."
    assert _resolve(text, ["Canada", "London"])["London"] == ("London", "England")
    # a place near the namesake is named: the document points to it
    text = "The team flew from Canada to London, where fans in Kitchener and Ontario cheered."
    assert _resolve(text, ["Canada", "London", "Kitchener", "Ontario"])["London"] == (
        "London",
        "Ontario",
    )
    # its region named: Paris, Texas
    found = _resolve("Farmers in Texas say Paris is their home.", ["Texas", "Paris"])
    assert found["Paris"] == ("Paris", "Texas")


def test_a_region_holding_most_of_its_country_is_not_local_evidence() -> None:
    gazetteer = load_gazetteer()
    england = next(i for i in gazetteer.lookup("England") if int(gazetteer.kind[i]) == build.ADMIN1)
    texas = next(i for i in gazetteer.lookup("Texas") if int(gazetteer.kind[i]) == build.ADMIN1)
    assert _nationwide(gazetteer, england) and not _nationwide(gazetteer, texas)


def test_a_region_holding_most_of_its_country_is_no_home_region() -> None:
    # Winchester and Southport both lie in England, but England is most of the UK: their sharing
    # it says no more than sharing the country, and Brownstown ties all three to Indiana.
    text = (
        "Basketball: Winchester was knocked out of the state tournament on Saturday. Brownstown "
        "eliminated the Falcons 54-43 in the semistate at Southport. Winchester finished 21-4."
    )
    found = _resolve(text, ["Winchester", "Southport", "Brownstown"])
    assert found["Winchester"] == ("Winchester", "Indiana")
    assert found["Southport"] == ("Southport", "Indiana")
    assert found["Brownstown"] == ("Brownstown", "Indiana")


def test_a_short_other_name_of_a_foreign_city_is_not_believed_in_another_countrys_story() -> None:
    from collections import Counter

    from conflictwatch.geo.gazetteer import load_gazetteer
    from conflictwatch.geo.resolve import Mentioned, _foreign_short_alias

    gazetteer = load_gazetteer()
    bonn = next(i for i in gazetteer.lookup("Bonn") if gazetteer.names[i] == "Bonn")
    boni = Mentioned(start=0, end=4, text="Boni", candidates=(bonn,))
    assert _foreign_short_alias(gazetteer, boni, bonn, Counter({"ML": 2}))
    # the story is about the city's own country, or about nowhere: the other name may stand
    assert not _foreign_short_alias(gazetteer, boni, bonn, Counter({"DE": 1, "ML": 1}))
    assert not _foreign_short_alias(gazetteer, boni, bonn, Counter())
    # the city's own name is always believed
    own = Mentioned(start=0, end=4, text="Bonn", candidates=(bonn,))
    assert not _foreign_short_alias(gazetteer, own, bonn, Counter({"ML": 2}))


def test_an_unknown_name_borrows_the_focus_town_only_in_a_story_about_one_town() -> None:
    from conflictwatch.geo.geocode import resolve_spans

    spread = "Paramilitaries attacked Nyala, El Geneina and Kassala before they reached Qwxyabad."
    names = ["Nyala", "El Geneina", "Kassala", "Qwxyabad"]
    found = resolve_spans(spread, [(spread.index(n), spread.index(n) + len(n)) for n in names])
    assert found[3].place is None  # a war zone: the village may lie anywhere along the front
    local = "Police in Nyala said the market of Nyala burned. Residents fled to Qwxyabad."
    names = ["Nyala", "Nyala", "Qwxyabad"]
    starts = [local.index("Nyala"), local.rindex("Nyala"), local.index("Qwxyabad")]
    found = resolve_spans(local, [(s, s + len(n)) for s, n in zip(starts, names, strict=True)])
    assert found[2].place is not None and found[2].approximate
    assert found[2].place.name == "Nyala"


def test_a_capitals_dateline_lends_itself_to_sites_but_not_to_villages() -> None:
    from conflictwatch.geo.geocode import resolve_spans

    def spans(text: str, names: list[str]) -> list[tuple[int, int]]:
        return [(text.index(n), text.index(n) + len(n)) for n in names]

    # filed from the capital about the country: the unknown village is not in Bamako
    village = "BAMAKO, June 2 (Reuters) - Jihadists attacked a military camp in Qwxyabad on Sunday."
    found = resolve_spans(village, spans(village, ["BAMAKO", "Qwxyabad"]))
    assert found[0].place is not None and found[0].place.name == "Bamako"
    assert found[1].place is None
    # a site of the capital itself is there
    site = "WASHINGTON (AP) - Many in the Qwxy Office believed the aide would stay."
    found = resolve_spans(site, spans(site, ["WASHINGTON", "Qwxy Office"]))
    assert found[1].place is not None and found[1].place.name == "Washington"
    # so is one whose kind word the span leaves out ("near Qwxy airport")
    site = "TRIPOLI (Reuters) - Clashes broke out near Qwxy airport, where flights were halted."
    found = resolve_spans(site, spans(site, ["TRIPOLI", "Qwxy"]))
    assert found[1].place is not None and found[1].place.name == "Tripoli"
    # a town's own dateline still places its villages (local news)
    local = "NYALA (Reuters) - Gunmen attacked Qwxyabad on Sunday, police in Nyala said."
    found = resolve_spans(local, spans(local, ["NYALA", "Qwxyabad", "Nyala"]))
    assert found[1].place is not None and found[1].place.name == "Nyala"


def test_a_river_is_no_town_or_region_of_its_name() -> None:
    text = (
        "Al-Shabaab attacked a base near Jowhar in Somalia. Troops moved along the Shabelle river. "
        "Kherson is shelled from the eastern bank of the Dnipro. Clashes flared near the Aras river."
    )
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Jowhar", "Shabelle", "Dnipro")]
    spans.append((text.index("Aras"), text.index("Aras") + len("Aras")))
    found = {t.text: t.place for t in resolve_spans(text, spans)}
    # no river of these names is known: neither Ethiopia's Shabelle zone nor the city of Dnipro
    assert found["Shabelle"] is None and found["Dnipro"] is None
    aras = found["Aras"]
    assert aras is not None and aras.name == "Aras River"
    # capitalized, "Bank of" is an institution: the country keeps its place
    bank = "The Bank of Canada raised rates."
    (canada,) = resolve_spans(bank, [(bank.index("Canada"), bank.index("Canada") + 6)])
    assert canada.place is not None and canada.place.name == "Canada"
    # an unknown river the text puts in a town stands at that town
    cleanup = "Volunteers will clean the banks of the Kanawha River in Charleston, West Virginia."
    spans = [(cleanup.index(n), cleanup.index(n) + len(n)) for n in ("Kanawha River", "Charleston")]
    river, town = resolve_spans(cleanup, spans)
    assert town.place is not None and river.place is not None and river.place.id == town.place.id


def test_a_capital_whose_country_the_story_names_beats_a_village_near_its_other_places() -> None:
    text = (
        "LONDON: Britain expelled 23 diplomats from London, and Russia answered in kind. "
        "In Washington, 60 Russian diplomats left the United States on Saturday. Britain and "
        "Russia traded more threats; Britain said Russia lied, and the British press agreed."
    )
    names = ["LONDON", "Britain", "London", "Russia", "Washington", "United States"]
    # a West Sussex village of the name lies some 60 km from London
    assert _resolve(text, names)["Washington"] == ("Washington", "District of Columbia")

import re
from pathlib import Path

import pytest
from spacy.language import Language

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.clean.text import clean_text
from conflictwatch.geo import Toponym, build, geocode_text, load_gazetteer, resolve_spans
from conflictwatch.geo.geocode import actor_home_countries, is_demonym
from conflictwatch.geo.resolve import haversine_km

SEEDS = Path(__file__).resolve().parents[3] / "shared/seeds"

#: Seed places (SEEDS-EXPECTED.md) with a true position (GeoNames; province: its cities' centroid).
TRUE_POSITIONS = {
    "Tavush": (40.95, 45.20),  # province: middle of its area
    "Tovuz": (40.99, 45.63),
    "Vardenis": (40.18, 45.73),
    "Sotk": (40.20, 45.87),
    "Artanish": (40.50, 45.36),
    "Ishkhanasar": (39.55, 46.15),  # summit of Mets Ishkhanasar
    "Goris": (39.51, 46.34),
    "Kapan": (39.21, 46.41),
    "Shushi": (39.76, 46.75),
    "Stepanakert": (39.82, 46.75),
    "Tartar": (40.34, 46.93),
    "Aghdam": (39.99, 46.93),
    "Martuni": (39.79, 47.11),
    "Yerevan": (40.18, 44.51),
    "Baku": (40.38, 49.89),
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def seed_toponyms(nlp: Language) -> list[Toponym]:
    if not SEEDS.exists():
        pytest.skip("seed articles not available")
    found: list[Toponym] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        found += geocode_text(text, doc=nlp(text))
    return found


@pytest.mark.parametrize("name", sorted(TRUE_POSITIONS))
def test_seed_place_resolves_within_25_km(name: str, seed_toponyms: list[Toponym]) -> None:
    lat, lon = TRUE_POSITIONS[name]
    placed = [t.place for t in seed_toponyms if t.text == name and t.place is not None]
    assert placed, f"{name} not found in the seed articles"
    for place in placed:
        assert place.lat is not None and place.lon is not None
        assert haversine_km(place.lat, place.lon, lat, lon) <= 25, (name, place)


def test_the_towns_a_road_joins_are_found_and_placed_near(nlp: Language) -> None:
    text = (
        "Militants ambushed a convoy on the Gao-Ansongo road in Mali. A merchant was abducted "
        "on the Damascus-Sweida highway."
    )
    by_text = {t.text: t.place for t in geocode_text(text, doc=nlp(text))}
    assert {name: (p.country, p.precision) for name, p in by_text.items() if p} == {
        "Gao": ("ML", 2),
        "Ansongo": ("ML", 2),
        "Mali": ("ML", 3),
        "Damascus": ("SY", 2),
        "Sweida": ("SY", 2),
    }


def test_metonyms_and_demonyms_are_not_locations(nlp: Language) -> None:
    text = "Baku accused Yerevan of shelling villages. Moscow's position is unclear. Armenian troops left."
    by_text = {t.text: t for t in geocode_text(text, doc=nlp(text))}
    assert by_text["Baku"].is_location is False
    assert by_text["Moscow"].is_location is False
    assert by_text["Armenian"].is_location is False
    # the same in a participle clause, read without a parse
    text = "The two sides traded fire, with Baku saying Armenian forces fired first."
    assert {t.text: t.is_location for t in geocode_text(text)}["Baku"] is False


def test_a_name_of_a_broadcaster_is_no_location() -> None:
    text = (
        "Strikes hit Hodeida, according to the Houthi-run al-Masirah satellite channel. "
        "Shells hit the Kharkiv television tower."
    )
    found = {t.text: t.is_location for t in geocode_text(text)}
    assert found["al-Masirah"] is False  # the channel, not Oman's Masirah island
    assert found["Hodeida"] is True and found["Kharkiv"] is True


def test_a_demonym_the_recognizer_tags_as_a_place_stays_a_demonym(nlp: Language) -> None:
    text = (
        "A Russian drone attack on the northeastern Ukrainian city of Kharkiv killed four people. "
        "Ukrainian drones hit an oil refinery in Russia's Saratov region."
    )
    doc = nlp(text)
    assert "GPE" in {e.label_ for e in doc.ents if e.text == "Ukrainian"}  # what the model does
    found = [t for t in geocode_text(text, doc=doc) if t.text == "Ukrainian"]
    assert len(found) == 2 and all(t.is_location is False for t in found)


def test_a_language_and_a_word_of_a_longer_name_are_no_demonyms(nlp: Language) -> None:
    text = (
        "Saudi Arabia bombed Sanaa, the militia said in English and Spanish; Saudi jets left. "
        "The prisoner spoke only French."
    )
    doc = nlp(text)
    assert {e.text for e in doc.ents if e.label_ == "LANGUAGE"} >= {"English", "Spanish"}
    found = [(t.start, t.text) for t in geocode_text(text, doc=doc)]
    assert [name for _, name in found if name in ("English", "Spanish", "French")] == []
    assert [name for _, name in found if name.startswith("Saudi")] == ["Saudi Arabia", "Saudi"]


def test_literal_location_is_location(nlp: Language) -> None:
    text = "Shells landed near the village of Sotk in Armenia on Tuesday."
    by_text = {t.text: t for t in geocode_text(text, doc=nlp(text))}
    assert by_text["Sotk"].is_location is True
    assert by_text["Sotk"].place is not None and by_text["Sotk"].place.country == "AM"


def test_context_chooses_among_homonyms() -> None:
    text = "Fighting was reported around Tartar, Aghdam and Martuni in Azerbaijan."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Tartar", "Aghdam", "Martuni")]
    martuni = resolve_spans(text, spans)[2]
    assert martuni.place is not None and martuni.place.id == "gn:146969"


def test_one_country_armed_groups_are_context() -> None:
    text = "Houthi fighters and the RSF clashed; Houthis and DPR units, and the port of Fano."
    # each group votes once; a name that is itself a place ("Fano") speaks as the place
    assert actor_home_countries(text) == ["YE", "SD", "UA"]
    assert actor_home_countries("a pdf of the houthi statement") == []  # written as names only
    # a group that fights abroad says nothing of where the story is
    text = "Wagner Group fighters and Malian troops clashed with JNIM near the town; the RSF was not there."
    assert actor_home_countries(text) == ["SD"]
    assert actor_home_countries("Lashkar-e-Taiba militants attacked a camp in Kashmir.") == []


def test_an_armed_group_places_an_ambiguous_town_in_its_country(nlp: Language) -> None:
    def country(text: str) -> str | None:
        (found,) = [t for t in geocode_text(text, doc=nlp(text)) if t.text == "Hays"]
        return found.place.country if found.place else None

    assert country("Fighting raged in Hays.") != "YE"
    assert country("Houthi fighters shelled Hays overnight.") == "YE"


def test_common_words_do_not_flood(nlp: Language) -> None:
    text = "The Mobile phone was found. Reading is fun, and we went to the park. Hope remains."
    names = {t.text for t in geocode_text(text, doc=nlp(text))}
    assert not names & {"Mobile", "Reading", "Hope"}


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1 2 3\n4 5 6\n" * 50, "Это текст на русском языке о Москве.", "x" * 10],
)
def test_bad_input_never_crashes(text: str) -> None:
    result = geocode_text(text)
    assert isinstance(result, list)


def test_huge_text_uses_gazetteer_only_and_finishes() -> None:
    text = "Clashes erupted near the town of Goris. " * 6000
    found = geocode_text(text)
    assert found and all(t.text == "Goris" for t in found if t.is_location)


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Offsets of the names, each found after the previous one (a name may come twice)."""
    spans, position = [], 0
    for name in names:
        start = text.index(name, position)
        spans.append((start, start + len(name)))
        position = start + len(name)
    return spans


def test_unknown_street_is_placed_at_the_story_town_with_low_confidence() -> None:
    text = "Protesters marched on Royal Street in New Orleans, Louisiana."
    street, town, _ = resolve_spans(
        text, _spans(text, ["Royal Street", "New Orleans", "Louisiana"])
    )
    assert street.place is not None and town.place is not None
    assert street.place.id == town.place.id and street.place.precision == 2
    assert street.confidence <= 0.2 < town.confidence


def test_a_lone_foreign_town_in_a_one_country_story_is_a_local_name() -> None:
    text = (
        "Drone strikes hit El Fasher in Sudan's North Darfur state on Sunday. "
        "One struck the Naivasha market in the city's south. Families fled to Tawila and "
        "Zamzam, and the wounded were taken to Port Sudan."
    )
    names = ["El Fasher", "Sudan", "North Darfur", "Naivasha", "Tawila", "Zamzam", "Port Sudan"]
    found = resolve_spans(text, _spans(text, names))
    market = found[3]
    assert market.place is not None and market.place.country == "SD"
    assert market.approximate and market.place.precision == 2
    # a town the story keeps naming is one of its places, whatever its country
    text = text.replace("Port Sudan", "Naivasha")
    names[-1] = "Naivasha"
    found = resolve_spans(text, _spans(text, names))
    assert found[3].place is not None and found[3].place.country == "KE"


def test_a_town_a_continent_away_is_a_namesake_however_often_it_is_named() -> None:
    text = (
        "Police in Cape Town said a man was shot dead in Delft on Friday. Residents of Delft "
        "marched to the police station, and officers were sent from Stellenbosch and the rest "
        "of the Western Cape."
    )
    names = ["Cape Town", "Delft", "Delft", "Stellenbosch", "Western Cape"]
    # the Dutch Delft lies some 9,600 km from everything else the story names
    city, township, again, _, _ = resolve_spans(text, _spans(text, names))
    assert city.place is not None and township.place is not None and again.place is not None
    assert township.place.country == again.place.country == "ZA"
    assert township.approximate and township.place.id == city.place.id


def test_a_name_the_story_is_filed_from_keeps_the_datelines_region() -> None:
    text = (
        "BIJAPUR/RAIPUR: Two jawans were killed when Maoists set off a bomb in the Gangaloor area "
        "of Bijapur district, police in Bijapur district said. The injured were flown to Raipur, "
        "and one died at a hospital in Raipur. Police later exchanged fire with Maoists near "
        "Korcholi. Bijapur has seen some of the deadliest attacks."
    )
    found = {(t.text, t.start): t for t in geocode_text(text)}
    district = found[("Bijapur", text.index("Bijapur district"))].place
    # Karnataka has a larger district of the name; the dateline's town lies in Chhattisgarh
    assert district is not None and district.admin1 == "Chhattisgarh"
    again = found[("Bijapur", text.rindex("Bijapur"))]
    assert again.place is not None and again.place.admin1 == "Chhattisgarh"
    # the district counts for its town as the story's focus: an unknown village is near it,
    # not at Raipur, named more often as a town
    village = found[("Korcholi", text.index("Korcholi"))]
    assert village.place is not None and village.approximate
    assert village.place.name == "Bijapur" and village.place.admin1 == "Chhattisgarh"


def test_a_lone_village_far_from_the_one_region_a_story_names_is_a_namesake() -> None:
    text = (
        "A junta airstrike on a village in Sagaing Region killed 19 civilians. A military aircraft "
        "dropped two bombs on Nyaung Pin Thar village. It was the latest of many raids on Sagaing "
        "Region and the town of Monywa. Residents have fled Nyaung Pin Thar."
    )
    names = ["Sagaing Region", "Nyaung Pin Thar", "Sagaing", "Monywa", "Nyaung Pin Thar"]
    # named twice, the namesake would be the story's town the other names are placed by
    region, village, _, town, _ = resolve_spans(text, _spans(text, names))
    # the gazetteer's only Nyaung Pin Thar lies near Yangon, some 850 km south of Sagaing
    assert region.place is not None and region.place.name == "Sagaing"
    assert village.place is not None and town.place is not None
    assert village.approximate and village.place.id == town.place.id
    # with its own region named, the village is believed
    text = text.replace("Monywa", "Twante in Yangon Region")
    names = ["Sagaing Region", "Nyaung Pin Thar", "Sagaing", "Twante", "Yangon Region"]
    names.append("Nyaung Pin Thar")
    village = resolve_spans(text, _spans(text, names))[1]
    assert village.place is not None and village.place.name == "Nyaung Pin Thar"
    assert not village.approximate


def test_the_west_and_western_powers_are_the_political_west_and_no_location() -> None:
    text = (
        "Moscow expelled diplomats of Western countries, and relations between Russia and the "
        "West worsened. Two Western embassies closed. Kanye West flew to the West Bank, and the "
        "Western Cape opened an office in the West region of Cameroon."
    )
    names = ["Western", "West", "Western", "West", "West Bank", "Western Cape", "West"]
    starts = [m.start() for m in re.finditer(r"\bWest(?:ern)?\b", text)]
    spans = [(starts[0], starts[0] + 7), (starts[1], starts[1] + 4), (starts[2], starts[2] + 7)]
    spans += [(starts[3], starts[3] + 4)]  # Kanye West: a person
    spans += _spans(text, ["West Bank", "Western Cape"])
    spans += [(starts[-1], starts[-1] + 4)]
    assert [text[a:b] for a, b in spans] == names
    found = resolve_spans(text, spans)
    bloc = found[:3]
    assert all(t.place is not None and t.place.name == "Western Europe" for t in bloc)
    assert not any(t.is_location for t in bloc)
    others = found[3:]
    assert all(t.place is None or t.place.name != "Western Europe" for t in others)
    assert others[-1].place is not None and others[-1].place.country == "CM"
    assert others[-1].is_location


def test_rivers_mountains_and_seas_are_places_of_their_own() -> None:
    text = (
        "Ukrainian troops held a bridgehead on the left bank of the Dnieper, south of Dnipro. "
        "Yazidis fled to Mount Sinjar. Migrants died crossing the Rio Grande into Texas, and "
        "boats moved along the Euphrates near Deir ez-Zor."
    )
    found = {t.text: t for t in geocode_text(text)}
    river = found["Dnieper"].place
    assert river is not None and river.name == "Dnieper" and river.country is None
    city = found["Dnipro"].place
    assert city is not None and city.country == "UA" and city.name == "Dnipro"
    mountain = found["Mount Sinjar"].place
    assert mountain is not None and mountain.country == "IQ"
    # the river, not the Brazilian city of the name; found by the verb of crossing
    border = found["Rio Grande"].place
    assert border is not None and border.name == "Rio Grande" and border.country is None
    euphrates = found["Euphrates"].place
    assert euphrates is not None and euphrates.name == "Euphrates"


def test_part_of_an_unknown_name_and_continent_adjectives() -> None:
    text = "European students at Colorado State University met in Denver."
    names = ["European", "Colorado State University"]
    european, university = resolve_spans(text, _spans(text, names))
    assert european.place is not None and european.place.name == "Europe"
    assert university.place is not None and university.place.name == "Colorado"


def test_unknown_name_without_any_context_stays_unresolved() -> None:
    text = "They met at Qwxzy Plaza."
    (only,) = resolve_spans(text, _spans(text, ["Qwxzy Plaza"]))
    assert only.place is None


def test_part_of_a_name_far_from_the_story_falls_back_to_its_focus() -> None:
    text = (
        "Pupils of Ronald Wilson Reagan Middle rallied in Gainesville, Virginia, then walked to "
        "Haymarket and back to Gainesville."
    )
    names = ["Ronald Wilson Reagan Middle", "Gainesville", "Virginia", "Haymarket", "Gainesville"]
    school, town, *_ = resolve_spans(text, _spans(text, names))
    assert school.place is not None and town.place is not None
    assert school.place.id == town.place.id and school.confidence <= 0.2


def test_part_of_a_name_near_the_story_is_kept() -> None:
    text = "Boats crossed Lake Manassas near Gainesville and Haymarket in Virginia."
    names = ["Lake Manassas", "Gainesville", "Haymarket", "Virginia"]
    lake, *_ = resolve_spans(text, _spans(text, names))
    assert lake.place is not None and lake.place.name == "Manassas"
    assert lake.place.admin1 == "Virginia" and lake.confidence > 0.2


def test_country_abbreviations_and_adjectives() -> None:
    text = "The DPRK and Korean diplomats met; T&T and Maltese envoys watched."
    names = ["DPRK", "Korean", "T&T", "Maltese"]
    found = {t.text: t.place.country for t in resolve_spans(text, _spans(text, names)) if t.place}
    assert found == {"DPRK": "KP", "Korean": "KR", "T&T": "TT", "Maltese": "MT"}


def test_unknown_building_goes_to_the_town_its_phrase_names() -> None:
    text = "A fire broke out at Qwxzy High School in Paterson, New Jersey, and spread to Newark."
    names = ["Qwxzy High School", "Paterson", "New Jersey", "Newark"]
    school, town, *_ = resolve_spans(text, _spans(text, names))
    assert town.place is not None and town.place.name == "Paterson" and not town.approximate
    assert school.place is not None and school.place.id == town.place.id
    assert school.approximate and school.place.precision == 2 and school.confidence <= 0.2
    assert school.as_dict()["approximate"] is True


def test_possessive_place_holds_the_unknown_name_after_it() -> None:
    text = "Crowds filled Bratislava's Qwxzy Square; in Kosice and Kosice's suburbs too."
    kosice = [(m.start(), m.end()) for m in re.finditer("Kosice", text)]
    spans = [*_spans(text, ["Bratislava", "Qwxzy Square"]), *kosice]
    city, square, *others = resolve_spans(text, spans)
    assert all(t.place is not None and t.place.name == "Košice" for t in others)  # the focus
    assert square.place is not None and city.place is not None
    assert square.place.name == "Bratislava" and square.approximate


def test_unknown_village_after_a_named_region_goes_to_the_region_not_the_filing_town() -> None:
    text = (
        "MOGADISHU, Somalia - Fighters overran a base in the Middle Shabelle region on Tuesday. "
        "The army had withdrawn from Qwxzy Yabaal days before. Mogadishu was calm."
    )
    names = ["MOGADISHU", "Somalia", "Middle Shabelle", "Qwxzy Yabaal", "Mogadishu"]
    _, _, region, village, _ = resolve_spans(text, _spans(text, names))
    assert region.place is not None and region.place.country == "SO"
    assert village.place is not None and village.place.id == region.place.id
    assert village.approximate and village.confidence <= 0.2
    # with a town named between them, the town's story is nearer: the focus stands in
    baidoa = text.replace("The army", "Troops from Baidoa")
    names = ["MOGADISHU", "Somalia", "Middle Shabelle", "Baidoa", "Qwxzy Yabaal", "Mogadishu"]
    village = resolve_spans(baidoa, _spans(baidoa, names))[4]
    assert village.place is not None and village.place.name == "Baidoa"
    # but not the capital the story is filed from, however often it is named again
    capital = text.replace("The army", "Troops from Mogadishu")
    names = ["MOGADISHU", "Somalia", "Middle Shabelle", "Mogadishu", "Qwxzy Yabaal", "Mogadishu"]
    village = resolve_spans(capital, _spans(capital, names))[4]
    assert village.place is not None and village.place.id == region.place.id


def test_an_unknown_valley_is_not_placed_at_the_capital_filed_from() -> None:
    text = (
        "LIMA, Peru (Reuters) - Soldiers killed three rebels in the Qwxzy valley region on "
        "Saturday. The clash occurred near a village in the Junin region, officials in Lima said."
    )
    names = ["LIMA", "Peru", "Qwxzy valley", "Junin", "Lima"]
    _, _, valley, region, _ = resolve_spans(text, _spans(text, names))
    assert region.place is not None and region.place.name == "Junín"
    # the story's home region stands in, not Lima
    assert valley.place is not None and valley.place.id == region.place.id
    # leaving the capital out must not carry an area to another country's town
    cairo = "CAIRO (Reuters) - Farmers in the Qwxzy Delta protested, Egypt said. Exports to Casablanca fell."
    names = ["CAIRO", "Qwxzy Delta", "Egypt", "Casablanca"]
    delta = resolve_spans(cairo, _spans(cairo, names))[1]
    assert delta.place is not None and delta.place.country == "EG"
    # a district may be the capital's own: it is not moved away from the capital
    tripoli = (
        "TRIPOLI, July 20 (Reuters) - Heavy clashes broke out in the Libyan capital on Saturday. "
        "The fighting was concentrated in the Abu Salim district and near Mitiga airport, where "
        "all flights were suspended and diverted to Misrata."
    )
    district = next(t for t in geocode_text(tripoli) if t.text == "Abu Salim")
    assert district.place is None or district.place.name != "Misratah"


def test_unknown_village_in_a_country_alone_stays_unresolved() -> None:
    text = "Shelling hit Qwxzyabad in Syria and Syria's army said it had answered."
    village, *_ = resolve_spans(text, _spans(text, ["Qwxzyabad", "Syria", "Syria"]))
    assert village.place is None and not village.approximate


def test_people_and_continents_inside_unknown_names() -> None:
    text = "The Mexican Senate wrote to the Council of Europe; KAZAKH and Scottish envoys met in Paris."
    names = ["Mexican Senate", "Council of Europe", "KAZAKH", "Scottish", "Paris"]
    senate, council, kazakh, scottish, _ = resolve_spans(text, _spans(text, names))
    assert senate.place is not None and senate.place.country == "MX"
    assert not senate.is_location  # a body named after a people is no location
    assert senate.place.precision == 3
    assert council.place is not None and council.place.name == "Europe"
    assert kazakh.place is not None and kazakh.place.name == "Kazakhstan"
    assert scottish.place is not None and scottish.place.name == "Scotland"


def test_region_named_with_its_kind_resolves_to_the_region() -> None:
    text = "The governor of Sokoto State visited students in Owerri, Imo State."
    sokoto, owerri, imo = resolve_spans(text, _spans(text, ["Sokoto State", "Owerri", "Imo State"]))
    assert sokoto.place is not None and not sokoto.approximate
    assert sokoto.place.name == "Sokoto" and sokoto.place.precision == 3
    assert sokoto.place.lat is not None and sokoto.place.lon is not None
    assert haversine_km(sokoto.place.lat, sokoto.place.lon, 13.06, 5.24) < 161
    assert imo.place is not None and imo.place.name == "Imo" and not imo.approximate
    assert owerri.place is not None and owerri.place.admin1 == "Imo"


def test_seats_of_government_resolve_to_their_buildings() -> None:
    text = "The White House said the Kremlin had not answered; the Pentagon declined to comment."
    white_house, kremlin, pentagon = resolve_spans(
        text, _spans(text, ["White House", "Kremlin", "Pentagon"])
    )
    for toponym, (lat, lon) in (
        (white_house, (38.8977, -77.0365)),  # not Casablanca ("Dar el Beida", White House)
        (kremlin, (55.752, 37.6175)),
        (pentagon, (38.8719, -77.0563)),
    ):
        place = toponym.place
        assert place is not None and place.lat is not None and place.lon is not None
        assert haversine_km(place.lat, place.lon, lat, lon) < 2, (toponym.text, place)


def test_congo_alone_is_the_congo_the_story_is_about(nlp: Language) -> None:
    text = (
        "Fighting spread in eastern Congo near Goma. The Democratic Republic of Congo accused "
        "Rwanda of backing the rebels."
    )
    first = next(t for t in geocode_text(text, doc=nlp(text)) if t.text == "Congo")
    assert first.place is not None and first.place.country == "CD"


def test_the_doer_of_a_passive_sponsorship_is_a_metonym(nlp: Language) -> None:
    text = (
        "A truce brokered by Washington and Paris took effect in Beirut. Rebels backed by Rwanda "
        "seized Nyabibwe."
    )
    by_text = {t.text: t for t in geocode_text(text, doc=nlp(text))}
    assert [by_text[n].is_location for n in ("Washington", "Paris", "Rwanda")] == [False] * 3
    assert by_text["Beirut"].is_location is True


def test_a_town_named_after_its_noun_is_a_place_whatever_the_parse(nlp: Language) -> None:
    text = (
        "Clashes between rival armed groups in the Libyan capital Tripoli killed at least nine "
        "people overnight, the emergency medicine centre said."
    )
    by_text = {t.text: t for t in geocode_text(text, doc=nlp(text))}
    assert by_text["Tripoli"].is_location is True


def test_a_hospital_that_is_the_source_is_no_place_of_the_event() -> None:
    text = (
        "In Khan Younis, a strike on a tent killed a woman and her three children, according to "
        "Nasser Hospital."
    )
    by_text = {t.text: t for t in geocode_text(text)}
    assert by_text["Khan Younis"].is_location
    assert "Nasser" not in by_text or not by_text["Nasser"].is_location


def test_is_demonym_reads_the_demonym_table() -> None:
    assert is_demonym("Armenian") and is_demonym("Ukrainian")
    assert not is_demonym("Taiwan") and not is_demonym("Oman")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Rebels attacked Goma on Monday, killing 12 people.", "Goma", "CD"),  # NER: a person
        ("Troops shelled Bakhmut on Monday.", "Bakhmut", "UA"),  # NER: an organisation
        ("Rebels attacked Kidal on Monday.", "Kidal", "ML"),  # NER: a nationality
    ],
)
def test_a_town_ner_mislabels_is_a_place_after_a_verb_of_attack(
    text: str, name: str, country: str
) -> None:
    found = {t.text: t for t in geocode_text(text)}
    place = found[name].place
    assert place is not None and place.country == country


def test_a_person_attacked_is_no_place_unless_a_large_city_has_the_name() -> None:
    assert [t.text for t in geocode_text("Gunmen attacked Johnson on Monday.")] == []


def test_gold_spans_in_any_order_resolve_as_in_text_order() -> None:
    text = "A fire broke out at Qwxzy High School in Paterson, New Jersey, and spread to Newark."
    names = ["Qwxzy High School", "Paterson", "New Jersey", "Newark"]
    spans = _spans(text, names)
    text += " Newark firemen came."  # Newark, named twice, is the story's focus
    spans[3:] = [spans[3], (len(text) - 13, len(text) - 7)]
    shuffled = [spans[3], spans[0], spans[2], spans[1], spans[4]]
    newark, school, state, town, _ = resolve_spans(text, shuffled)
    assert (school.start, school.end) == spans[0] and (newark.start, newark.end) == spans[3]
    assert town.place is not None and school.place is not None
    assert school.place.id == town.place.id and school.approximate  # "X in Paterson" still holds
    assert state.place is not None and state.place.name == "New Jersey"


def test_english_ceremonial_counties_and_a_town_after_them() -> None:
    text = (
        "Races: Croft, Yorkshire; Qwxzyham, Northamptonshire; Snetterton, Norfolk; Thames Valley."
    )
    names = ["Croft", "Yorkshire", "Qwxzyham", "Northamptonshire", "Snetterton", "Norfolk"]
    found = resolve_spans(text, _spans(text, [*names, "Thames Valley"]))
    croft, _, unknown, county, *_, valley = found
    assert county.place is not None and county.place.name == "Northamptonshire"
    assert county.place.country == "GB" and county.place.admin1 == "England"
    assert unknown.place is not None and unknown.place.id == county.place.id
    assert unknown.approximate
    assert croft.place is not None and croft.place.lat is not None and croft.place.lon is not None
    assert (
        haversine_km(croft.place.lat, croft.place.lon, 54.0, -1.5) <= 100
    )  # in reach of Yorkshire
    assert valley.place is not None and valley.place.lat is not None
    assert valley.place.lon is not None
    assert haversine_km(valley.place.lat, valley.place.lon, 51.46, -0.93) < 50  # Reading area


def test_a_town_missing_from_the_county_named_after_it_goes_to_the_county() -> None:
    # Rockingham exists in Australia and the US, not in the gazetteer's England
    text = "The series ends at Rockingham, Northamptonshire, in August."
    town, county = resolve_spans(text, _spans(text, ["Rockingham", "Northamptonshire"]))
    assert county.place is not None and town.place is not None
    assert town.place.id == county.place.id and town.approximate and town.confidence <= 0.2


def test_a_village_missing_from_the_region_after_it_goes_to_that_region() -> None:
    # the gazetteer's Novopavlivkas lie in other oblasts; the story says which region holds it
    text = (
        "A missile struck Dnipro. Moscow said its forces had captured the village of "
        "Novopavlivka in the Donetsk region."
    )
    _city, village, region = resolve_spans(
        text, _spans(text, ["Dnipro", "Novopavlivka", "Donetsk"])
    )
    assert region.place is not None and region.place.name == "Donetsk Oblast"
    assert village.place is not None and village.place.id == region.place.id
    assert village.approximate and village.place.precision == 3


def test_an_unknown_village_goes_to_the_area_its_phrase_names_not_the_dateline() -> None:
    text = (
        "GUSAU, Nigeria - Bandits stormed Kairu village in Maru local government area on "
        "Monday, a resident said by phone from Gusau."
    )
    _, village, area, _ = resolve_spans(text, _spans(text, ["GUSAU", "Kairu", "Maru", "Gusau"]))
    assert area.place is not None and area.place.name == "Maru"
    assert village.place is not None and village.place.id == area.place.id
    assert village.approximate


def test_an_unknown_valley_of_a_region_goes_to_that_region() -> None:
    text = (
        "SRINAGAR, India - Indian forces opened fire, killing a woman in the Neelum Valley of "
        "Pakistan-administered Kashmir."
    )
    _, valley, region = resolve_spans(
        text, _spans(text, ["SRINAGAR", "Neelum Valley", "Pakistan-administered Kashmir"])
    )
    assert region.place is not None and region.place.country == "PK"
    assert valley.place is not None and valley.place.id == region.place.id


def test_a_town_the_lists_give_no_region_is_judged_by_distance_from_the_region() -> None:
    # GeoNames holds Barsalogho without its first-level region; it lies inside Centre-Nord
    text = "JNIM fighters killed dozens in an attack on Barsalogho, in the Centre-Nord region."
    town, _region = resolve_spans(text, _spans(text, ["Barsalogho", "Centre-Nord"]))
    assert town.place is not None and town.place.name == "Barsalogho"
    assert not town.approximate and town.place.precision == 1


def test_a_list_of_states_is_not_read_as_a_town_and_its_state() -> None:
    text = "Storms hit Ohio, Kentucky and Texas."
    ohio, kentucky, texas = resolve_spans(text, _spans(text, ["Ohio", "Kentucky", "Texas"]))
    assert [t.place.name if t.place else None for t in (ohio, kentucky, texas)] == [
        "Ohio",
        "Kentucky",
        "Texas",
    ]
    assert not ohio.approximate


def test_initials_stand_for_the_longer_name_of_the_same_text() -> None:
    text = "Miners in South Africa struck; SA holds most of the platinum. SA is rich."
    found = resolve_spans(text, [*_spans(text, ["South Africa"]), (text.index("SA"), 33)])
    assert [t.place.name if t.place else None for t in found] == ["South Africa", "South Africa"]
    text = "SA holds most of the platinum."  # without the longer name: no guess from the initials
    (alone,) = resolve_spans(text, [(0, 2)])
    assert alone.place is None or alone.place.name != "South Africa"


def test_an_unknown_name_goes_to_the_largest_of_cities_named_as_often() -> None:
    text = "He lived in Park Ridge and worked in Chicago. He died at Qwxzy Memorial Hospital."
    names = ["Park Ridge", "Chicago", "Qwxzy Memorial Hospital"]
    _, city, hospital = resolve_spans(text, _spans(text, names))
    assert city.place is not None and city.place.name == "Chicago"
    assert hospital.place is not None and hospital.place.id == city.place.id
    assert hospital.approximate


def test_a_foreign_village_known_by_the_name_only_as_an_alias_is_not_believed() -> None:
    # "Helmet" is an old name of Tõrva, Estonia; the story is in Kentucky
    text = "The colt from Helmet won in Louisville, Kentucky, then in Lexington, Kentucky."
    names = ["Helmet", "Louisville", "Kentucky", "Lexington"]
    helmet, louisville, *_ = resolve_spans(text, _spans(text, names))
    assert helmet.place is not None and helmet.place.country == "US"
    assert helmet.approximate and helmet.confidence <= 0.2
    assert louisville.place is not None and helmet.place.id == louisville.place.id


def test_landmarks_resolve_to_their_buildings() -> None:
    text = "Diplomats left for the United Nations; the pope prayed in St. Peter’s Basilica."
    un, basilica = resolve_spans(text, _spans(text, ["United Nations", "St. Peter’s Basilica"]))
    for toponym, (lat, lon) in ((un, (40.7489, -73.968)), (basilica, (41.9022, 12.4533))):
        place = toponym.place
        assert place is not None and place.lat is not None and place.lon is not None
        assert haversine_km(place.lat, place.lon, lat, lon) < 2, (toponym.text, place)
        assert not toponym.approximate


def test_a_country_inside_an_institution_name_is_its_place_even_away_from_the_story() -> None:
    text = "Fund managers in Aberdeen and Edinburgh watched the Bank of Japan and the US Federal Reserve."
    names = ["Aberdeen", "Edinburgh", "Bank of Japan", "US Federal Reserve"]
    *_, bank, fed = resolve_spans(text, _spans(text, names))
    assert bank.place is not None and bank.place.name == "Japan" and not bank.approximate
    assert fed.place is not None and fed.place.country == "US" and not fed.approximate


def test_the_best_known_place_inside_a_longer_name_wins_over_the_leftmost() -> None:
    # Murray is a town in Kentucky; the college is in Cambridge
    text = "She studied at Murray Edwards College Cambridge before moving to London."
    hall, _ = resolve_spans(text, _spans(text, ["Murray Edwards College Cambridge", "London"]))
    assert hall.place is not None and hall.place.name == "Cambridge"
    assert hall.place.country == "GB"


def test_abbreviated_saints_and_mounts_are_spelled_out() -> None:
    text = "A ship flagged in St. Vincent and the Grenadines sank."
    (flag,) = resolve_spans(text, _spans(text, ["St. Vincent and the Grenadines"]))
    assert flag.place is not None and flag.place.country == "VC" and not flag.approximate


def test_peninsulas_informal_country_names_and_regional_peoples() -> None:
    text = (
        "Talks on the Korean Peninsula stalled; Central American migrants walked north; "
        "Arab envoys met; the tulips came from Holland; dust blew in from the Sahara; the "
        "Islamic Republic sent an envoy."
    )
    names = [
        "Korean Peninsula",
        "Central American",
        "Arab",
        "Holland",
        "Sahara",
        "Islamic Republic",
    ]
    peninsula, central, arab, holland, sahara, iran = resolve_spans(text, _spans(text, names))
    assert iran.place is not None and iran.place.country == "IR"
    assert sahara.place is not None and sahara.place.name == "Sahara"
    assert peninsula.place is not None and peninsula.place.name == "Korean Peninsula"
    assert central.place is not None and central.place.name == "Central America"
    assert arab.place is not None and arab.place.name == "Arabian Peninsula"
    assert holland.place is not None and holland.place.country == "NL"


def test_a_generic_word_of_an_unknown_name_is_no_place() -> None:
    # "Town" is also a hamlet's name; in an unknown name it is only a word of the name
    text = "Residents of Qwxzy and Plimsy Town met."
    (town,) = resolve_spans(text, _spans(text, ["Qwxzy and Plimsy Town"]))
    assert town.place is None


def test_a_small_town_in_a_country_the_story_is_not_about_is_not_believed() -> None:
    # the only Glenrock in the gazetteer is a Wyoming town; the story is set in Australia
    text = "Walkers crossed Glenrock near Newcastle, New South Wales, on Sunday."
    names = ["Glenrock", "Newcastle", "New South Wales"]
    glenrock, newcastle, _ = resolve_spans(text, _spans(text, names))
    assert newcastle.place is not None and newcastle.place.country == "AU"
    assert glenrock.place is not None and glenrock.place.country == "AU"
    assert glenrock.approximate


def _kind(toponym: Toponym) -> str:
    gazetteer = load_gazetteer()
    assert toponym.place is not None
    index = gazetteer.index_of(toponym.place.id)
    assert index is not None
    return build.KIND_NAMES[int(gazetteer.kind[index])]


def test_a_bare_name_shared_by_a_region_and_its_seat_is_the_town() -> None:
    text = "Shelling hit Kherson and Donetsk; in the Kherson region, two villages burned."
    first, donetsk, region = resolve_spans(text, _spans(text, ["Kherson", "Donetsk", "Kherson"]))
    assert (_kind(first), first.place and first.place.country) == ("city", "UA")
    assert (_kind(donetsk), donetsk.place and donetsk.place.country) == ("city", "UA")
    assert _kind(region) == "admin1"


def test_a_small_seat_written_in_another_romanization_is_the_town() -> None:
    # GeoNames writes the towns "Janīn" and "Qalqīlyah" and files them under "West Bank", not
    # under the governorates named after them
    text = "Israeli forces raided Jenin, Salfit and Qalqilya overnight, WAFA said."
    towns = resolve_spans(text, _spans(text, ["Jenin", "Salfit", "Qalqilya"]))
    assert [_kind(t) for t in towns] == ["city", "city", "city"]
    # a Latin-script town carrying a state's name only as another name is no seat ("Maryland City")
    text = "Health officials in Maryland said the lab near Fort Detrick was closed."
    (maryland,) = resolve_spans(text, _spans(text, ["Maryland"]))
    assert _kind(maryland) == "admin1"


def test_a_plural_kind_word_after_a_list_names_every_member() -> None:
    text = "Drones struck the Belgorod and Kursk regions; Belgorod itself was calm."
    names = ["Belgorod", "Kursk", "Belgorod"]
    first, kursk, town = resolve_spans(text, _spans(text, names))
    assert [_kind(first), _kind(kursk), _kind(town)] == ["admin1", "admin1", "city"]
    assert first.place is not None and first.place.country == "RU"


def test_a_plural_kind_word_before_a_list_names_every_member() -> None:
    text = "Strikes hit the regions of Kharkiv, Poltava and Lviv. Kharkiv city was calm."
    names = ["Kharkiv", "Poltava", "Lviv", "Kharkiv"]
    resolved = resolve_spans(text, _spans(text, names))
    assert [_kind(t) for t in resolved] == ["admin1", "admin1", "admin1", "city"]


def test_a_town_with_a_longer_name_is_not_its_regions_seat() -> None:
    text = (
        "Floods hit the northern Indian states of Bihar and Uttar Pradesh. "
        "Clashes with police in Bihar have left 20 villagers injured."
    )
    found = [t for t in geocode_text(text) if t.text == "Bihar"]
    assert [_kind(t) for t in found] == ["admin1", "admin1"]  # not the town of Bihar Sharif


def test_sentences_parsed_apart_tell_a_names_role() -> None:
    nlp = load_pipeline()
    sentences = ["Rebels seized Uvira. ", "Burundi, which has troops in the area, condemned it."]
    text = "".join(sentences)
    parses = [(0, nlp(sentences[0])), (len(sentences[0]), nlp(sentences[1]))]
    tagged = nlp(text)  # the entities, but no parse: as the extraction hands the text over
    unparsed = nlp.make_doc(text)
    unparsed.ents = [unparsed.char_span(e.start_char, e.end_char, e.label_) for e in tagged.ents]
    found = {t.text: t for t in geocode_text(text, doc=unparsed, parses=parses)}
    assert found["Uvira"].is_location
    assert not found["Burundi"].is_location


def test_a_place_after_a_preposition_is_no_subject_of_the_verb_after_it() -> None:
    text = "Families sheltering near Khan Younis reported heavy shelling. Moscow said it would respond."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Khan Younis"].is_location
    assert not found["Moscow"].is_location


def test_a_village_of_the_storys_country_beats_a_foreign_citys_other_name() -> None:
    text = "Jihadists ambushed soldiers near Boni in central Mali, the army said."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Boni"].place is not None and found["Boni"].place.country == "ML"


def test_a_place_in_a_region_the_text_names_is_believed_far_from_the_other_places() -> None:
    text = (
        "Government warplanes struck Sarmada near the Turkish border and shelled Jisr al-Shughur. "
        "Thousands of people remain in the al-Hol camp in Hasakah province."
    )
    found = {t.text: t for t in geocode_text(text)}
    hol = found["al-Hol"].place
    assert hol is not None and hol.country == "SY" and not found["al-Hol"].approximate
    assert hol.lat is not None and hol.lon is not None
    assert haversine_km(hol.lat, hol.lon, 36.38, 41.15) < 25
    assert found["Jisr al-Shughur"].place is not None
    assert found["Jisr al-Shughur"].place.admin1 == "Idlib"


def test_a_city_is_found_by_its_ukrainian_spelling() -> None:
    text = "Russian forces struck Zaporizhzhia with guided bombs overnight, officials said."
    found = {t.text: t for t in geocode_text(text)}
    city = found["Zaporizhzhia"].place
    assert city is not None and city.precision == 1 and city.country == "UA"
    assert city.lat is not None and city.lon is not None
    assert haversine_km(city.lat, city.lon, 47.85, 35.12) < 10


def test_dateline_names_a_city_and_the_text_may_name_the_region() -> None:
    text = "GAZA (Reuters) - Israeli air strikes killed 12 people in Gaza on Tuesday."
    dateline, later = resolve_spans(text, _spans(text, ["GAZA", "Gaza"]))
    assert dateline.place is not None and dateline.place.precision == 1  # Gaza City
    assert later.place is not None and later.place.precision == 3  # the Strip


def test_a_town_written_in_another_romanization_is_the_town_not_its_governorate() -> None:
    text = "An Israeli strike on a house in Deir al-Balah in the central Gaza Strip killed five."
    town, strip = resolve_spans(text, _spans(text, ["Deir al-Balah", "Gaza Strip"]))
    assert town.place is not None and town.place.precision == 1
    assert town.place.lat is not None and town.place.lon is not None
    assert haversine_km(town.place.lat, town.place.lon, 31.42, 34.35) < 5
    assert strip.place is not None and strip.place.precision == 3


def test_a_camp_port_or_crossing_missing_from_the_gazetteer_is_placed_at_its_town() -> None:
    text = "Strikes hit Jabalia camp overnight; ships were turned away from Hodeidah port."
    camp, port = resolve_spans(text, _spans(text, ["Jabalia camp", "Hodeidah port"]))
    for toponym, (lat, lon) in ((camp, (31.53, 34.48)), (port, (14.80, 42.95))):
        assert toponym.place is not None and toponym.place.precision == 1
        assert toponym.place.lat is not None and toponym.place.lon is not None
        assert haversine_km(toponym.place.lat, toponym.place.lon, lat, lon) < 10
    # the word after a name says a site only when the whole name is unknown: Heathrow is known
    (airport,) = resolve_spans("Heathrow Airport", [(0, 16)])
    assert airport.place is not None and airport.place.name == "Heathrow Airport"


def test_a_datelines_places_are_found_and_kept_apart_from_the_next_sentence() -> None:
    text = "GOMA, Democratic Republic of the Congo - M23 rebels seized Sake after heavy fighting."
    found = {t.text: t.place for t in geocode_text(text)}
    assert set(found) >= {"GOMA", "Democratic Republic of the Congo", "Sake"}
    assert found["GOMA"] is not None and found["GOMA"].precision == 1
    text = "BEIRUT (AP) - Israeli strikes hit the southern village of Khiam on Wednesday."
    beirut = next(t for t in geocode_text(text) if t.text == "BEIRUT")
    assert beirut.place is not None and beirut.place.country == "LB"


def test_the_city_a_story_is_filed_from_votes_like_its_country() -> None:
    # Gao is a Malian city and a Burkinabe town; the story is filed from Bamako
    text = (
        "BAMAKO (AFP) - Troops were deployed to Gao on Sunday after jihadists attacked an army "
        "camp near the border with Burkina Faso, security sources said."
    )
    gao = next(t for t in geocode_text(text) if t.text == "Gao")
    assert gao.place is not None and gao.place.country == "ML"


def test_the_country_across_a_border_is_no_location_of_what_happens() -> None:
    text = "Militants attacked an army camp in Mali near the border with Burkina Faso."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Mali"].is_location
    assert not found["Burkina Faso"].is_location
    assert found["Burkina Faso"].place is not None  # still placed, as the neighbour it names
    # a country's own border with another is the border itself: both sides are the scene
    text = "Clashes broke out on Armenia's border with Azerbaijan on July 12."
    assert all(t.is_location for t in geocode_text(text) if t.text in ("Armenia", "Azerbaijan"))


def test_a_name_after_an_attack_on_is_a_place_when_the_gazetteer_knows_it() -> None:
    text = "In Burkina Faso, an attack on Barsalogho in the Centre-Nord region left hundreds dead."
    names = {t.text for t in geocode_text(text) if t.is_location}
    assert "Barsalogho" in names


def test_arabic_place_names_ner_calls_people_are_places() -> None:
    text = "In the northeast, Turkey-backed fighters attacked Ain Issa and Tal Tamr."
    places = {t.text: t.place for t in geocode_text(text) if t.is_location}
    for name in ("Ain Issa", "Tal Tamr"):
        place = places[name]
        assert place is not None and place.country == "SY" and place.precision == 1


def test_a_site_named_after_a_town_is_the_site_not_the_town() -> None:
    text = "Russian forces shelled the Zaporizhzhia nuclear power plant's surroundings on Sunday."
    (site,) = [t for t in geocode_text(text) if t.is_location]
    assert site.text == "Zaporizhzhia nuclear power plant"
    assert site.place is not None and site.place.lat is not None and site.place.lon is not None
    assert (
        haversine_km(site.place.lat, site.place.lon, 47.51, 34.59) < 10
    )  # not the city, 50 km off


def test_a_name_the_tagger_cuts_at_a_hyphen_is_read_whole() -> None:
    text = "The group has carried out bombings in Kunduz and Mazar-e-Sharif."
    places = {t.text: t.place for t in geocode_text(text) if t.is_location}
    assert set(places) == {"Kunduz", "Mazar-e-Sharif"}
    city = places["Mazar-e-Sharif"]
    assert city is not None and city.admin1 == "Balkh" and city.precision == 1
    # words joined by hyphens that make no longer name are left out
    text = "Fighting in Kunduz-e-Kohna killed three."
    assert [t.text for t in geocode_text(text)] == ["Kunduz"]


def test_a_village_said_to_lie_near_a_town_is_not_a_far_namesake() -> None:
    text = (
        "In the Donetsk region, Russian forces claimed to have captured the village of "
        "Andriivka near Kurakhove. Drones were shot down over the Kharkiv and Poltava regions."
    )
    by_text = {t.text: t for t in geocode_text(text)}
    village, town = by_text["Andriivka"], by_text["Kurakhove"]
    assert village.place is not None and town.place is not None
    assert village.place.id == town.place.id and village.place.precision == 2
    assert village.approximate
    # a town of some size keeps its own place however loosely "near" is meant
    text = "Shelling hit Bakhmut near Donetsk on Sunday."
    bakhmut = {t.text: t for t in geocode_text(text)}["Bakhmut"]
    assert bakhmut.place is not None and bakhmut.place.precision == 1


def test_places_the_tagger_takes_for_people_after_a_list_or_a_settlement_word() -> None:
    text = (
        "GOMA, Congo - The rebels, who captured Goma in January and Bukavu in February, now hold "
        "the east. Troops fought near the town of Qwxzyapo in North Kivu province."
    )
    by_text = {t.text: t.place for t in geocode_text(text)}
    bukavu = by_text["Bukavu"]
    assert bukavu is not None and bukavu.admin1 == "South Kivu" and bukavu.precision == 1
    village = by_text["Qwxzyapo"]
    assert village is not None and village.name == "North Kivu" and village.precision == 3


def test_a_place_owning_the_next_in_one_entity_is_found_too() -> None:
    text = "Shelling hit Kharkiv's Izium district on Monday."  # tagged one organisation
    owner, town = [t for t in geocode_text(text) if t.is_location]
    assert (owner.text, town.text) == ("Kharkiv", "Izium")
    # a town 120 km from the city of Kharkiv lies in its oblast, which the name also is
    assert owner.place is not None and owner.place.name == "Kharkiv Oblast"
    text = "Police in Houston's Galleria area said so."
    houston = geocode_text(text)[0]
    assert houston.place is not None and houston.place.name == "Houston"


def test_a_capital_named_by_its_country_and_weapons_named_by_a_country() -> None:
    text = "Gang members attacked a neighbourhood of Haiti's capital overnight."
    found = {t.text: t for t in geocode_text(text)}
    capital = found["capital"].place
    assert capital is not None and capital.name == "Port-au-Prince" and found["capital"].is_location
    assert "capital" not in {t.text for t in geocode_text("Pakistan's capital markets fell.")}
    text = "U.S. airstrikes hit the port city of Hodeidah overnight."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"U.S.": False, "Hodeidah": True}


def test_a_siege_of_a_town_tagged_as_an_organisation_is_a_place_cue() -> None:
    text = "In Kordofan, the army said it had broken the siege of El Obeid."
    places = {t.text: t.place for t in geocode_text(text) if t.is_location}
    town = places["El Obeid"]
    assert town is not None and town.country == "SD" and town.precision == 1


def test_a_town_named_as_near_is_precision_two() -> None:
    precisions = {
        text: [t.place.precision for t in geocode_text(text) if t.place is not None]
        for text in (
            "Militants attacked an army post near Djibo.",
            "Rebels fired a missile at positions south of Marib.",
            "Militants attacked an army post in Djibo.",
        )
    }
    assert list(precisions.values()) == [[2], [2], [1]]


def test_the_port_of_a_name_is_a_place_cue() -> None:
    text = "Drones hit the Black Sea port of Odesa overnight."
    names = {t.text for t in geocode_text(text) if t.is_location}
    assert "Odesa" in names


def test_a_place_that_acts_is_a_metonym_and_the_place_acted_on_is_not() -> None:
    text = "Russia invaded Ukraine in 2022, and Moscow launched a new offensive this year."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Russia": False, "Ukraine": True, "Moscow": False}
    text = "Israel struck Iran overnight, and India blamed Pakistan-based Lashkar-e-Taiba."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Israel": False, "Iran": True, "India": False, "Pakistan": False}


def test_a_state_under_pressure_or_in_talks_is_a_metonym() -> None:
    text = (
        "The EU raised pressure on Moscow with sanctions on Russia's oil exports, officials held talks "
        "with Washington and sought sanctions against Tehran, and shells hit Kherson."
    )
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {
        "Moscow": False,
        "Russia": False,
        "Washington": False,
        "Tehran": False,
        "Kherson": True,
    }


def test_names_joined_before_their_verb_act_together() -> None:
    text = "Egypt and Qatar have been trying to restore the truce since Israel resumed strikes."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Egypt": False, "Qatar": False, "Israel": False}
    text = "Kyiv and Kharkiv have been attacked again, and Gaza and nearby towns reported shelling."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Kyiv": True, "Kharkiv": True, "Gaza": True}


def test_the_parties_to_talks_and_the_mediators_are_no_places() -> None:
    text = "The U.S. and Qatar have been mediating between Israel and Hamas."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"U.S.": False, "Qatar": False, "Israel": False}
    text = (
        "Talks between Kinshasa and Kigali resumed in Doha, while fighting between Sudan and Chad"
    )
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {
        "Kinshasa": False,
        "Kigali": False,
        "Doha": True,
        "Sudan": True,
        "Chad": True,
    }


def test_states_that_mediate_in_a_relative_clause_or_that_are_pressed_are_no_places() -> None:
    text = "Egypt and Qatar, which have been mediating between the sides, will host talks in Cairo."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Egypt": False, "Qatar": False, "Cairo": True}
    text = "Aoun urged the world to press Israel to halt its attacks on Lebanon."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Israel": False, "Lebanon": True}


def test_a_city_named_in_its_siege_or_battle_is_a_place() -> None:
    text = "Soldiers captured during the defence of Mariupol were freed, as the battle for Bakhmut"
    names = {t.text for t in geocode_text(text) if t.is_location and t.place is not None}
    assert names == {"Mariupol", "Bakhmut"}


def test_states_that_swap_or_release_prisoners_are_no_places() -> None:
    text = "Ukraine and Russia exchanged 150 prisoners of war each on Tuesday."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Ukraine": False, "Russia": False}


def test_names_after_a_compound_adjective_of_control_are_places() -> None:
    text = (
        "Ukrainian drones struck an airbase in Russian-occupied Crimea, Houthi-controlled "
        "Hodeidah was hit by Israeli jets, and M23 fighters entered Rutshuru territory."
    )
    names = {t.text for t in geocode_text(text) if t.is_location}
    # the territory is a place of its own, read whole
    assert names == {"Crimea", "Hodeidah", "Rutshuru territory"}


def test_every_neighbour_in_a_list_after_near_the_border_with_is_no_location() -> None:
    text = "Rebels captured Paletwa near the border with India and Bangladesh on Monday."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Paletwa": True, "India": False, "Bangladesh": False}


def test_the_city_of_a_name_shared_with_its_province_is_the_city() -> None:
    text = "Jets struck positions in Yemen's Saada province and in the city of Saada, rebels said."
    _, first, second = resolve_spans(text, _spans(text, ["Yemen", "Saada", "Saada"]))
    assert first.place is not None and first.place.precision == 3
    assert second.place is not None and second.place.precision == 1
    assert second.place.country == "YE"


def test_a_kind_after_a_list_of_territories_makes_each_the_territory() -> None:
    text = "The group now controls much of the Masisi and Rutshuru territories."
    places = resolve_spans(text, _spans(text, ["Masisi", "Rutshuru"]))
    assert [(p.place.country, p.place.precision) for p in places if p.place] == [
        ("CD", 2),
        ("CD", 2),
    ]


def test_a_town_in_a_named_region_its_namesakes_lie_outside_is_placed_in_the_region() -> None:
    # "Kuriga" reaches only a Moroccan city, by one of its other names
    text = "Bandits abducted 287 pupils from a school in Kuriga in Kaduna State, Nigeria."
    kuriga = resolve_spans(text, _spans(text, ["Kuriga", "Kaduna State", "Nigeria"]))[0]
    assert kuriga.place is not None and kuriga.place.country == "NG"
    assert kuriga.place.precision == 3 and kuriga.approximate


def test_a_place_a_distance_is_measured_from_is_a_landmark() -> None:
    text = "Ukraine struck an oil refinery in Ryazan, about 200 km south-east of Moscow."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Ryazan"].is_location and not found["Moscow"].is_location
    text = "The shells struck the Abu Zabad camp, about 150 km west of El Obeid, on Monday."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Abu Zabad"].is_location and not found["El Obeid"].is_location
    # alone, it is where the event is near: ACLED's precision 2
    (town,) = geocode_text("The strike hit a car on a road near the town of Bint Jbeil.")
    assert town.place is not None and town.place.precision == 2
    (mosul,) = geocode_text("Gunmen attacked a village 30 kilometres south of Mosul on Sunday.")
    assert mosul.is_location and mosul.place is not None and mosul.place.precision == 2


def test_the_capital_named_by_its_peoples_name_is_the_capital_city() -> None:
    found = {t.text: t for t in geocode_text("Clashes erupted in the Libyan capital late Monday.")}
    capital = found["Libyan capital"]
    assert capital.is_location and capital.place is not None
    assert (capital.place.name, capital.place.precision) == ("Tripoli", 1)
    assert not found["Libyan"].is_location  # the people's name stays a demonym
    # the capital's own name after it is found as itself; capital markets are no city
    assert "Ivorian capital" not in {
        t.text for t in geocode_text("in the Ivorian capital, Abidjan")
    }
    assert {t.text for t in geocode_text("the Sudanese capital markets")} == {"Sudanese"}


@pytest.mark.parametrize(
    ("text", "phrase", "city"),
    [
        ("Protesters blocked roads into the Bolivian capital.", "Bolivian capital", "La Paz"),
        ("Gunmen attacked a police station in the Ivorian capital.", "Ivorian capital", "Abidjan"),
        ("Thousands marched in Bolivia's capital on Tuesday.", "capital", "La Paz"),
    ],
)
def test_the_capital_is_the_seat_of_government(text: str, phrase: str, city: str) -> None:
    found = {t.text: t for t in geocode_text(text)}
    place = found[phrase].place
    assert place is not None and (place.name, place.precision) == (city, 1)


def test_a_constitutional_capital_stays_famous_by_its_own_name() -> None:
    (sucre,) = geocode_text("Clashes broke out in Sucre, Bolivia's constitutional capital.")[:1]
    assert sucre.place is not None and sucre.place.country == "BO"


def test_a_citys_countryside_is_its_province() -> None:
    text = "Government aircraft bombed the Idlib countryside and the town of Saraqeb in Syria."
    idlib = resolve_spans(text, _spans(text, ["Idlib", "Saraqeb", "Syria"]))[0]
    assert idlib.place is not None and idlib.place.precision == 3


def test_karenni_is_kayah_state() -> None:
    (karenni,) = resolve_spans("Fighting raged in Karenni State.", [(18, 31)])
    assert karenni.place is not None and (karenni.place.name, karenni.place.country) == (
        "Kayah",
        "MM",
    )


def test_the_province_spelled_with_ou_is_found_beside_the_city() -> None:
    text = "US strikes hit targets in Syria's Deir el-Zour province."
    _, province = resolve_spans(text, _spans(text, ["Syria", "Deir el-Zour"]))
    assert province.place is not None and province.place.precision == 3
    assert province.place.country == "SY"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("India struck sites in Pakistan-administered Kashmir on Wednesday.", "Azad", "PK"),
        ("Protests spread across Indian-administered Kashmir on Friday.", "Jammu", "IN"),
        ("Shelling killed 12 people in Indian Kashmir.", "Jammu", "IN"),
    ],
)
def test_the_holder_of_kashmir_decides_which_part(text: str, name: str, country: str) -> None:
    (kashmir,) = [t for t in geocode_text(text) if "Kashmir" in t.text]
    assert kashmir.place is not None
    assert kashmir.place.name.startswith(name) and kashmir.place.country == country
    assert kashmir.text.endswith("Kashmir") and " " in kashmir.text


def test_a_holder_that_makes_no_known_name_stays_apart() -> None:
    found = [t.text for t in geocode_text("Drones hit Russian-occupied Crimea on Monday.")]
    assert "Crimea" in found and "Russian-occupied Crimea" not in found


def test_a_name_a_report_cites_is_a_source_not_a_place() -> None:
    text = "More than 4,000 people have been killed in Haiti, according to the United Nations."
    found = {t.text: t for t in geocode_text(text)}
    assert found["Haiti"].is_location
    assert not found["United Nations"].is_location
    (kyiv,) = geocode_text("Five drones were shot down, according to Kyiv.")
    assert not kyiv.is_location


def test_a_place_naming_a_sources_office_stays_a_place() -> None:
    (texas,) = geocode_text("Two people died, according to Texas officials.")
    assert texas.is_location


def test_a_state_opening_a_clause_of_killing_is_no_place() -> None:
    found = {t.text: t.is_location for t in geocode_text("Officials say Israel killed two men.")}
    assert found["Israel"] is False
    found = {
        t.text: t.is_location
        for t in geocode_text("A Russian drone attack on the city of Kharkiv killed four people.")
    }
    assert found["Kharkiv"] is True


def test_state_abbreviations_shared_by_two_countries_follow_the_story() -> None:
    perth = "Sewage flows off Rockingham near Perth; in WA the water is tested weekly."
    seattle = "Ferries left Seattle and Tacoma; in WA the ports reopened."
    *_, west_australia = resolve_spans(perth, _spans(perth, ["Rockingham", "Perth", "WA"]))
    *_, washington = resolve_spans(seattle, _spans(seattle, ["Seattle", "Tacoma", "WA"]))
    assert west_australia.place is not None and west_australia.place.country == "AU"
    assert washington.place is not None and washington.place.country == "US"


def test_trinidad_alone_is_the_country_unless_the_story_is_elsewhere() -> None:
    text = "Dominica asked the OAS for help, and Trinidad did not attend the meeting."
    (island,) = resolve_spans(text, _spans(text, ["Trinidad"]))
    assert island.place is not None and island.place.country == "TT"
    cuban = "Tourists in Cuba visited Havana, Cienfuegos and Trinidad."
    *_, town = resolve_spans(cuban, _spans(cuban, ["Cuba", "Havana", "Cienfuegos", "Trinidad"]))
    assert town.place is not None and town.place.country == "CU"


def test_a_capital_pressing_an_offensive_is_the_state(nlp: Language) -> None:
    text = "Russian forces took a village near Pokrovsk as Moscow pressed its offensive."
    by_text = {t.text: t for t in geocode_text(text, doc=nlp(text))}
    assert by_text["Moscow"].is_location is False
    assert by_text["Pokrovsk"].is_location is True
    unparsed = "Troops took a village as Moscow pushed its offensive toward Pokrovsk."
    assert {t.text: t.is_location for t in geocode_text(unparsed)}["Moscow"] is False


def test_the_surname_of_a_person_named_before_is_no_place(nlp: Language) -> None:
    text = (
        "President Gustavo Petro suspended talks after rebels attacked a base in Arauca "
        "province. Petro wrote on X that there can be no peace."
    )
    names = [t.text for t in geocode_text(text, doc=nlp(text)) if t.is_location]
    assert "Arauca" in names and "Petro" not in names


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the province has the written name, its seat another romanization ("Janin", "Sa'dah"),
        # and a village abroad is spelled as written: the seat is meant
        ("Israeli forces raided Jenin on Monday.", "Jenin", "PS"),
        ("Saudi jets bombed Saada.", "Saada", "YE"),
        # a story elsewhere does not make the town a stray
        ("Russian drones struck Kharkiv. An Israeli sniper shot a boy in Jenin.", "Jenin", "PS"),
    ],
)
def test_a_town_named_like_its_province_in_another_script_is_the_town(
    text: str, name: str, country: str
) -> None:
    (town,) = [t for t in geocode_text(text) if t.text == name]
    assert town.place is not None and town.place.country == country
    assert town.place.precision == 1


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a place with the name letter for letter beats a big city a doubled letter away
        ("Clashes broke out in Samarra on Monday.", "Samarra", "IQ"),
        # the supplement's English names are as good as the gazetteer's own
        ("Clashes broke out in Palmyra on Monday.", "Palmyra", "SY"),
        ("Clashes broke out in Mokha on Monday.", "Mokha", "YE"),
        ("Clashes broke out in Deraa on Monday.", "Deraa", "SY"),
        ("Clashes broke out in Saada on Monday.", "Saada", "YE"),
        # names the tagger cuts short at a hyphen or an apostrophe
        ("Clashes broke out in Mazar-i-Sharif on Monday.", "Mazar-i-Sharif", "AF"),
        ("Clashes broke out in Fada N'gourma on Monday.", "Fada N'gourma", "BF"),
        # what only a place undergoes, after a name the tagger calls a person
        ("Avdiivka came under heavy shelling overnight.", "Avdiivka", "UA"),
        ("Djibo was besieged for months.", "Djibo", "BF"),
    ],
)
def test_conflict_towns_in_plain_sentences(text: str, name: str, country: str) -> None:
    (town,) = [t for t in geocode_text(text, doc=load_pipeline()(text)) if t.text == name]
    assert town.is_location
    assert town.place is not None and town.place.country == country


def test_a_hamlet_spelled_as_written_does_not_take_a_citys_name() -> None:
    # GeoNames writes the city "Zaporizhzhya" and a hamlet of 656 people "Zaporizhzhia"
    text = (
        "Ukrainians were evacuated from Mariupol. A Russian glide bomb struck an apartment block "
        "in Zaporizhzhia, wounding 11 people."
    )
    (city,) = [t for t in geocode_text(text) if t.text == "Zaporizhzhia"]
    assert city.place is not None and city.place.id == "gn:687700"


def test_two_peoples_before_a_force_name_whose_it_is_not_where() -> None:
    text = "SANAA (Reuters) - U.S. and British warplanes struck targets in Hodeidah on Friday."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located["U.S."] is False and located["Hodeidah"] is True
    # after a verb the first name is its object: the place shelled
    text = "Russia shelled Ukraine and Russian troops advanced."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located["Ukraine"] is True


def test_the_neighbour_a_place_borders_is_no_location() -> None:
    text = "Militants stepped up attacks in Kunar province, which borders Pakistan, on Monday."
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Kunar": True, "Pakistan": False}


def test_the_dateline_town_named_again_is_found_where_ner_calls_it_an_organization() -> None:
    text = (
        "BAMAKO (AFP) - The group has imposed a fuel blockade on Bamako since September, "
        "attacking convoys."
    )
    body = [t for t in geocode_text(text) if t.start > 20]
    assert [(t.text, t.place.name if t.place else None) for t in body] == [("Bamako", "Bamako")]


def test_a_government_that_did_not_confirm_is_no_location() -> None:
    text = "KYIV (Reuters) - Russian troops took Petropavlivka, a claim that Kyiv did not confirm."
    located = [(t.text, t.is_location) for t in geocode_text(text) if t.start > 4]
    assert located == [("Russian", False), ("Petropavlivka", True), ("Kyiv", False)]


def test_a_department_of_a_country_is_a_place_ner_missed() -> None:
    text = "Soldiers killed seven rebels in the southern department of Guaviare on Friday."
    places = [(t.text, t.place.country if t.place else None) for t in geocode_text(text)]
    assert places == [("Guaviare", "CO")]


def test_a_village_is_not_the_city_that_shares_one_of_its_names() -> None:
    text = (
        "Clashes in the southern Syrian province of Sweida killed nine people. Troops used drones "
        "near the village of Al-Majdal, and Israel struck a convoy."
    )
    village = next(t for t in geocode_text(text) if t.text == "Al-Majdal")
    assert village.place is None or village.place.country == "SY"


def test_a_part_of_a_city_lies_in_that_city_not_at_a_far_namesake() -> None:
    text = (
        "A glide bomb struck a residential area of Zaporizhzhia on Tuesday. The attack damaged a "
        "kindergarten in the city's Oleksandrivskyi district. In Kharkiv's Kyivskyi district a "
        "drone hit a car, and shelling hit Donetsk's Kyivskyi district."
    )
    found = [t for t in geocode_text(text) if t.text in ("Oleksandrivskyi", "Kyivskyi")]
    assert [t.place.name if t.place else None for t in found] == [
        "Zaporizhzhya",
        "Kharkiv",
        "Kyivskyi",
    ]
    # Donetsk's own Kyivskyi district keeps its point, a few km from the city's
    donetsk_part = found[2].place
    assert donetsk_part is not None and abs(donetsk_part.lat - 48.0) < 0.2
    assert all(t.place is not None and t.place.precision == 1 for t in found)


def test_the_city_is_one_the_tagger_left_out_or_the_first_of_a_list() -> None:
    text = (
        "Kharkiv was hit by a missile and drone attack. Explosions were reported in the city's "
        "Kyivskyi and Saltivskyi districts. In the south, Kherson's regional administration said "
        "shelling of the city's Dniprovskyi district killed a man."
    )
    found = {t.text: t.place for t in geocode_text(text)}
    assert [found[n].name if found[n] else None for n in ("Kyivskyi", "Saltivskyi")] == [
        "Kharkiv",
        "Kharkiv",
    ]
    # "Kherson's", which no span holds, is the city meant, not the Kharkiv named before it
    kherson = found["Dniprovskyi"]
    assert kherson is not None and kherson.name == "Kherson"


def test_a_namesake_the_text_rules_out_once_is_ruled_out_everywhere() -> None:
    text = (
        "OUAGADOUGOU (AFP) - Hundreds of gunmen stormed the base at Sollé, in the Loroum province "
        "near the border with Mali, early on Saturday. Civilians were killed when the assailants "
        "raided the market in Sollé. Traoré has turned away from former colonial power France."
    )
    found = [t.place for t in geocode_text(text) if t.text == "Sollé"]
    assert len(found) == 2
    # not Cholet in France, whose other name it is, but the province the text puts it in
    assert all(p is not None and (p.country, p.name) == ("BF", "Loroum") for p in found)


def test_a_name_the_text_calls_a_village_is_no_country_wherever_it_is_named() -> None:
    text = (
        "RSF fighters attacked Al-Kuwait, a farming village about 40 km from El Obeid in North "
        "Kordofan, on Saturday. Thirty people were buried in Al-Kuwait on Sunday."
    )
    names = ["Al-Kuwait", "El Obeid", "North Kordofan", "Al-Kuwait"]
    village, _town, _, again = resolve_spans(text, _spans(text, names))
    for found in (village, again):
        assert found.place is not None and found.place.country == "SD"
        assert found.approximate
    # a list after "the villages of" names villages; one name alone is where they lie
    text = "Fighting spread to the villages of Al-Kuwait, Kazgil and Um Sumeima near El Obeid."
    names = ["Al-Kuwait", "Kazgil", "Um Sumeima", "El Obeid"]
    listed = resolve_spans(text, _spans(text, names))[0]
    assert listed.place is not None and listed.place.country == "SD"
    text = "No children were left in the villages of Zamfara in northern Nigeria."
    state, _ = resolve_spans(text, _spans(text, ["Zamfara", "Nigeria"]))
    assert state.place is not None and state.place.precision == 3

from conflictwatch.geo import geocode_text
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


def test_a_name_of_several_words_the_gazetteer_matched_spreads_to_its_other_mentions() -> None:
    text = "Water is shared among Tamil Nadu and Kerala. Tamil Nadu accused the Centre."
    first = text.index("Tamil Nadu")
    state = Span(start=first, end=first + 10, text="Tamil Nadu", label="GAZ", candidates=(1,))
    second = text.index("Tamil Nadu", first + 1)
    extra = repeated_mentions(text, [state], [(second, second + 10, "PERSON")])
    assert [(s.start, s.text) for s in extra] == [(second, "Tamil Nadu")]


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


def _toponyms(text: str) -> dict[str, tuple[str | None, str | None]]:
    from conflictwatch.geo import geocode_text

    return {
        t.text: (t.place.name if t.place else None, t.place.country if t.place else None)
        for t in geocode_text(text)
    }


def test_a_people_noun_at_a_sentence_start_is_no_place() -> None:
    found = _toponyms("Gunmen raided Kankara, Katsina state, on Friday.")
    assert "Gunmen" not in found
    assert found["Kankara"] == ("Kankara", "NG")
    assert "Gunmen" not in _toponyms("In Maiduguri, Gunmen killed five people.")


def test_a_month_abbreviation_in_a_dateline_is_no_place() -> None:
    found = _toponyms("MAIDUGURI, Nigeria, Nov 3 (Reuters) - Gunmen killed 12 people in Konduga.")
    assert "Nov" not in found and "Gunmen" not in found
    assert found["Konduga"] == ("Konduga", "NG")


def test_initials_do_not_match_a_place_by_a_similar_other_name() -> None:
    from conflictwatch.geo.gazetteer import load_gazetteer
    from conflictwatch.geo.recognize import acronym_candidates

    gazetteer = load_gazetteer()
    assert acronym_candidates(gazetteer, "ELN", gazetteer.lookup("ELN")) == []
    for code, country in [("UK", "GB"), ("US", "US"), ("NY", "US"), ("DC", "US")]:
        kept = acronym_candidates(gazetteer, code, gazetteer.lookup(code))
        assert kept and gazetteer.country_code(kept[0]) == country
    found = _toponyms("Fighters from the ELN attacked a police station in Arauca, the army said.")
    assert "ELN" not in found
    assert found["Arauca"][1] == "CO"


def test_town_comma_region_that_names_the_town_wins_over_a_namesake() -> None:
    found = _toponyms(
        "Britain's ambassador travelled from London to Washington, D.C., where he met officials. "
        "Sunderland and Newcastle sent delegates."
    )
    assert found["Washington"] == ("Washington", "US")


def test_arabic_names_with_an_article_and_directions_are_found() -> None:
    found = _toponyms(
        "Fighters took Maarat al-Numan and Khan Sheikhoun in Idlib province. Kurdish-led forces "
        "withdrew from Tel Rifaat, north of Aleppo."
    )
    assert found["Maarat al-Numan"][1] == "SY"
    assert found["Aleppo"] == ("Aleppo", "SY")


def test_towns_the_tagger_mislabels_are_places_in_a_list_with_a_place() -> None:
    found = _toponyms("Drones were downed over the Belgorod and Kursk regions.")
    assert found["Belgorod"][1] == "RU" and found["Kursk"][1] == "RU"
    found = _toponyms("Shelling hit Kherson, Nikopol and the village of Marhanets overnight.")
    assert {found["Kherson"][1], found["Nikopol"][1], found["Marhanets"][1]} == {"UA"}


def test_organisations_in_a_list_with_a_place_stay_out() -> None:
    found = _toponyms("Israel, Hamas and Hezbollah traded fire. US, NATO and EU officials met.")
    assert "Hamas" not in found and "NATO" not in found
    assert found["Israel"][1] == "IL"


def test_advancing_on_a_town_and_holding_most_of_it_are_cues() -> None:
    found = _toponyms("Rebels seized most of Aleppo on Saturday and advanced on Hama.")
    assert found["Aleppo"][1] == "SY" and found["Hama"][1] == "SY"


def test_a_known_word_inside_a_longer_unknown_name_is_no_place() -> None:
    found = _toponyms("The group attacked a base in Bulo Marer, in Lower Shabelle region.")
    assert "Bulo" not in found
    assert found["Lower Shabelle"][1] == "SO"
    assert "Kone" not in _toponyms("Jets bombed Let Yet Kone village near Tabayin township.")


def test_titles_kinds_possessives_and_sentence_openers_do_not_hide_a_name() -> None:
    found = _toponyms(
        "Near Kabul, gunmen killed two. Mali's Mopti region was hit. Troops entered Kharkiv Oblast."
    )
    assert found["Kabul"][1] == "AF"
    assert found["Mopti"][1] == "ML"
    assert found["Kharkiv Oblast"][1] == "UA"


def test_an_unknown_single_word_the_tagger_calls_a_place_needs_a_place_cue() -> None:
    found = _toponyms(
        "Brown was scared Farrin would one day hurt him. "
        "Fighting reached Marjaba village and people fled to Tawila."
    )
    assert "Farrin" not in found  # the small model tags this surname GPE; nothing says place
    assert found["Marjaba"][0] is not None  # unknown too, but "village" says what it is
    assert "Tawila" in found


def _gazetteer_found(text: str, blocked: list[tuple[str, str]]) -> list[str]:
    from conflictwatch.geo.gazetteer import load_gazetteer
    from conflictwatch.geo.recognize import gazetteer_spans

    ranges = [(text.index(name), text.index(name) + len(name), label) for name, label in blocked]
    return [s.text for s in gazetteer_spans(text, load_gazetteer(), [], ranges)]


def test_a_region_after_a_compass_adjective_is_a_place_even_when_tagged_an_organisation() -> None:
    text = "The siege of eastern Ghouta ended. Government troops massed near central Ghouta Media."
    assert _gazetteer_found(text, [("eastern Ghouta", "ORG"), ("Ghouta Media", "ORG")]) == [
        "Ghouta"
    ]
    # a compass adjective is a place cue on its own, and so is "neighbouring"
    assert "Mali" in _gazetteer_found("Jihadists are active in central Mali.", [])
    text = "Gunmen struck in neighbouring Burkina Faso."
    assert "Burkina Faso" in _gazetteer_found(text, [("Burkina Faso", "PERSON")])


def test_a_full_stop_ends_a_name() -> None:
    # "Enerhodar. Strikes" is no two-word name the gazetteer lacks
    text = "Ukrainian forces shelled Enerhodar. Strikes also hit the area."
    assert _gazetteer_found(text, [("Enerhodar", "PERSON")]) == ["Enerhodar"]


def test_names_the_tagger_joins_into_one_organisation_are_places_with_a_cue() -> None:
    text = "The convoy was travelling from Douentza to Hombori when it was hit."
    assert _gazetteer_found(text, [("Douentza to Hombori", "ORG")]) == ["Douentza", "Hombori"]
    # without a cue an organisation stays one
    text = "Douentza and Hombori Traders Union met."
    assert _gazetteer_found(text, [("Douentza and Hombori Traders Union", "ORG")]) == []


def test_an_arabic_article_in_lowercase_opens_a_name() -> None:
    text = "A drone attacked the garrison at al-Tanf on Sunday."
    assert _gazetteer_found(text, []) == ["al-Tanf"]


def test_a_name_shelled_or_captured_is_a_place_where_the_tagger_missed_it() -> None:
    text = (
        "Gangs keep attacking buses on the highway. Russian forces continued to shell Kharkiv on "
        "Monday. Rebels captured Kupiansk."
    )
    assert _gazetteer_found(text, []) == ["Kharkiv", "Kupiansk"]


def test_a_place_attacked_in_the_passive_or_coming_under_fire_is_a_place() -> None:
    text = (
        "Kyiv was attacked overnight by drones. Kharkiv came under fire as well, and Lashio fell "
        "to the rebels in August."
    )
    located = {t.text: t.is_location for t in geocode_text(text)}
    assert located == {"Kyiv": True, "Kharkiv": True, "Lashio": True}
    # the same verbs in the active voice keep the place a doer
    located = {t.text: t.is_location for t in geocode_text("Moscow was attacking Kyiv.")}
    assert located["Moscow"] is False


def test_a_place_ner_names_elsewhere_anchors_a_list_it_is_in() -> None:
    text = (
        "Fano militiamen attacked several towns, including Debre Markos and Bahir Dar. A hospital "
        "in Bahir Dar admitted 26 wounded."
    )
    found = _toponyms(text)
    assert found["Debre Markos"][1] == "ET" and found["Bahir Dar"][1] == "ET"


def test_members_of_a_list_the_tagger_joins_are_places_beside_a_cued_one() -> None:
    text = "Most of the displaced fled to Cucuta and Ocaña on Tuesday."
    found = _gazetteer_found(text, [("Cucuta and Ocaña", "ORG")])
    assert found == ["Cucuta", "Ocaña"]
    text = "Residents fled toward Sake and Goma overnight."
    assert _gazetteer_found(text, [("Sake and Goma", "WORK_OF_ART")]) == ["Sake", "Goma"]


def test_a_kind_word_in_capitals_begins_a_name_and_cues_no_place() -> None:
    text = "The stimulus package has City Hall creating a wish list."
    assert _gazetteer_found(text, []) == []  # the tagger calls it a site, which blocks nothing
    text = "Fighting raged in the border town Kupiansk, and the city Kharkiv was shelled."
    blocked = [("Kupiansk", "PERSON"), ("Kharkiv", "PERSON")]
    assert _gazetteer_found(text, blocked) == ["Kupiansk", "Kharkiv"]


def test_an_english_word_that_is_only_another_name_of_a_town_is_no_place() -> None:
    text = (
        "Junta Airstrike Hits Monastery in Sagaing Village, Killing at Least 19\n\nA junta "
        "airstrike on a village in Sagaing Region killed at least 19 civilians."
    )
    assert [t.text for t in geocode_text(text)] == ["Sagaing Village", "Sagaing Region"]


def test_an_english_word_opening_a_longer_name_with_of_or_a_number_is_no_place() -> None:
    text = "Niger is in the Alliance of Sahel States, officials in Niamey said."
    assert _gazetteer_found(text, []) == ["Niamey"]
    assert _gazetteer_found("Shelling hit the Mile 4 camp near Malakal.", []) == ["Malakal"]
    text = "Ships crossed the Gulf of Aden."
    assert [t.text for t in geocode_text(text)] == ["Gulf of Aden"]


def test_out_of_is_a_place_cue() -> None:
    text = "The army pushed the fighters out of Omdurman last week."
    assert _gazetteer_found(text, [("Omdurman", "NORP")]) == ["Omdurman"]


def test_y_and_i_romanizations_count_as_the_main_name_in_a_list() -> None:
    text = "Russian forces pressed toward Pokrovsk and Kostiantynivka."
    assert _gazetteer_found(text, [("Kostiantynivka", "ORG")]) == [
        "Pokrovsk",
        "Kostiantynivka",
    ]


def test_faiths_and_armed_groups_some_place_is_called_are_no_places() -> None:
    text = "Clashes between Sunni and Shia tribes in Kurram have killed 130 people."
    assert set(_toponyms(text)) == {"Kurram"}
    assert _gazetteer_found("Clashes between federal forces and Fano spread.", []) == []


def test_holding_a_town_is_a_cue_but_holding_a_group_responsible_is_not() -> None:
    text = "The Tripoli-based government holds Misrata and Zawiya."
    blocked = [("Misrata", "PERSON"), ("Zawiya", "PERSON")]
    assert _gazetteer_found(text, blocked) == ["Misrata", "Zawiya"]
    text = "Israel holds Hamas responsible for the attack."
    assert "Hamas" not in _gazetteer_found(text, [("Hamas", "ORG")])


def test_a_town_defended_is_a_place_where_the_tagger_calls_it_an_organisation() -> None:
    text = "The Azov Brigade defended Mariupol for weeks."
    assert _gazetteer_found(text, [("The Azov Brigade", "ORG"), ("Mariupol", "ORG")]) == [
        "Mariupol"
    ]
    assert _gazetteer_found("Lawyers defended Hamas in court.", [("Hamas", "ORG")]) == []


def test_names_the_tagger_runs_into_one_place_entity_are_split() -> None:
    text = "The Kurdish-held north-east saw Turkish drone strikes near Qamishli and Kobani."
    found = _toponyms(text)
    assert found["Qamishli"][1] == "SY" and found["Kobani"][1] == "SY"
    assert "Qamishli and Kobani" not in found


def test_a_capital_of_a_name_and_a_law_named_plain_are_places() -> None:
    text = (
        "Tigray's capital Mekelle was calm. Militants attacked a checkpoint in the Nineveh Plains."
    )
    found = _toponyms(text)
    assert found["Tigray"] == ("Tigray", "ET")
    assert found["Nineveh Plains"][1] == "IQ"


def test_a_town_tagged_a_person_after_an_attack_is_a_place_in_a_country_the_text_names() -> None:
    text = "Hezbollah fired rockets at northern Israel, hitting Safed and the Galilee."
    found = _toponyms(text)
    assert found["Safed"] == ("Safed", "IL") and found["Galilee"][1] == "IL"
    # with no such country, a small namesake stays a person
    assert "Johnson" not in _toponyms("Gunmen attacked Johnson at his home in Texas.")


def test_off_a_coastal_town_is_a_place_cue() -> None:
    found = _toponyms("Houthi rebels in Yemen attacked a ship off Mokha.")
    assert found["Mokha"] == ("Mocha", "YE")


def test_a_town_called_nearby_is_a_place() -> None:
    found = _toponyms("Military aircraft bombed a market in nearby Kyaukphyu on Friday.")
    assert found["Kyaukphyu"] == ("Kyaukpyu", "MM")


def test_a_name_called_a_village_or_given_a_bearing_is_a_place_the_tagger_missed() -> None:
    text = (
        "RSF fighters stormed Shag Alnom, west of the state capital El Obeid, on Monday. "
        "Gunmen raided the village of Kairu Dawa at dawn. On Monday, west of the city, it rained."
    )
    by_text = {t.text: t for t in geocode_text(text)}
    assert by_text["Shag Alnom"].is_location and by_text["Kairu Dawa"].is_location
    # an unknown name lies where the text places it: near the town it is told to be west of
    shag = by_text["Shag Alnom"].place
    assert shag is not None and (shag.name, shag.precision) == ("El Obeid", 2)
    assert "Monday" not in by_text


def test_a_name_between_a_preposition_and_a_settlement_word_is_a_place() -> None:
    text = (
        "An airstrike in the central Sagaing region killed 17 people. A jet dropped two bombs on "
        "Kan Thar Yar village in Depayin township on Saturday. Elders met in Kan Thar Yar village "
        "hall."
    )
    by_text = {t.text: t for t in geocode_text(text)}
    for name in ("Kan Thar Yar", "Depayin"):
        place = by_text[name].place
        assert by_text[name].is_location and place is not None
        # unknown to the gazetteer: held by the region the story has just named
        assert (place.name, place.country) == ("Sagaing", "MM")
    hall = [t for t in geocode_text(text) if t.text == "Kan Thar Yar"]
    assert len(hall) == 1  # the village hall is a building, not a second mention


def test_a_name_before_a_lowercase_kind_is_a_place_whatever_the_tagger_calls_it() -> None:
    text = (
        "Gunmen killed a police officer and abducted a Chinese national in an attack on a mining "
        "site in Nigeria's Niger state on Saturday night, police said on Monday."
    )
    by_text = {t.text: t for t in geocode_text(text)}
    niger = by_text["Niger"].place
    assert by_text["Niger"].is_location and niger is not None
    assert (niger.country, niger.precision) == ("NG", 3)


def test_the_last_word_of_a_full_name_and_a_speaker_after_said_are_person_names() -> None:
    from conflictwatch.analyze.nlp import load_pipeline
    from conflictwatch.geo.recognize import person_names

    text = (
        "Charlie Chen, 48, was charged in Boston. “We will appeal,” said Noma. "
        "The George Twickenham hosted a charity week with the Bell in Twickenham. By Henry Lazenby "
        "US exports fell. "
        "“They left to gain freedom,” Yevgenia Petrova said. Floods hit Rock Hill on Monday."
    )
    doc = load_pipeline()(text)
    # the tagger's person entities as the benchmarks showed them: pubs, a byline run into the
    # next word, and a town taken for a person
    people = (
        "Charlie Chen",
        "The George Twickenham",
        "Bell in Twickenham",
        "Henry Lazenby US",
        "Rock Hill",
    )
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="PERSON") for n in people]
    doc.ents = [span for span in spans if span is not None]
    assert len(doc.ents) == len(people)
    names = person_names(doc, text)
    assert {"Chen", "Noma", "Petrova", "Yevgenia Petrova"} <= names
    assert not {"Twickenham", "US", "Boston", "Rock Hill"} & names


def test_a_cue_does_not_make_a_person_name_a_place_unless_a_list_of_its_kind_follows() -> None:
    from conflictwatch.geo.gazetteer import load_gazetteer
    from conflictwatch.geo.recognize import gazetteer_spans

    gazetteer = load_gazetteer()
    text = "The officer in Noma’s case left. Floods hit Hitchcock and Hayes counties."
    assert [s.text for s in gazetteer_spans(text, gazetteer, [], [])] == [
        "Noma",
        "Hitchcock",
        "Hayes",
    ]
    people = {"Noma", "Hitchcock"}
    found = gazetteer_spans(text, gazetteer, [], [], bearers=people)
    assert [s.text for s in found] == ["Hitchcock", "Hayes"]


def test_a_surname_ner_calls_a_place_is_none_unless_a_large_place_bears_that_name() -> None:
    # the tagger calls the second "Chen" and both "Hammad"s places; "Chen" reaches Chenzhou and
    # "Hammad" Madinat Hamad by other names
    text = (
        "Charlie Chen, 48, was accused of insider trading. The case is U.S. v. Chen, U.S. "
        "District Court, District of Massachusetts, No. 18-cr-10001. Yehia Hammad dreams of "
        "football. Like most of his teammates, Hammad speaks Arabic. His goals inspire Hammad and "
        "his teammates in Cairo. Michael Jordan visited Amman, the capital of Jordan."
    )
    names = {t.text for t in geocode_text(text)}
    assert not {"Chen", "Hammad"} & names
    assert {"Massachusetts", "Cairo", "Amman", "Jordan"} <= names


def test_the_short_name_of_an_organisation_ner_found_in_full_is_no_place() -> None:
    from conflictwatch.analyze.nlp import load_pipeline
    from conflictwatch.geo.recognize import organisation_names

    text = (
        "The Belk Foundation gave $5,000 to a shelter in Charlotte. Belk said it would help. "
        "The Wagner Group sent fighters. Kabul Bank reopened."
    )
    doc = load_pipeline()(text)
    assert organisation_names(doc) == {"Belk", "Wagner"}
    assert "Belk" not in {t.text for t in geocode_text(text, doc=doc)}


def test_the_centre_or_the_state_of_an_indian_court_report_is_no_place() -> None:
    text = (
        "Tamil Nadu said the Centre had failed to frame a scheme. The deadline set for the Centre "
        "ended. The Centre has rushed more troops. Fighting spread across the Centre region of "
        "Burkina Faso."
    )
    found = [(t.text, t.start) for t in geocode_text(text)]
    assert ("Centre", text.index("Centre region")) in found
    assert [name for name, _ in found].count("Centre") == 1


def test_a_name_after_a_word_of_address_is_a_persons() -> None:
    text = (
        "The abbot, U Pyinnya Wuntha, was wounded in Sagaing Region. "
        "Ms Izevbekhai returned to Sligo."
    )
    names = [t.text for t in geocode_text(text)]
    assert "Sagaing Region" in names and "Sligo" in names
    assert not any(name.startswith(("U ", "Ms ")) for name in names)

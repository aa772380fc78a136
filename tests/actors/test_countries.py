from __future__ import annotations

import pytest

from conflictwatch.actors import country_of
from conflictwatch.actors.countries import find_countries, load_countries


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Armenia", "ARM"),
        ("Armenian", "ARM"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Turkish", "TUR"),
        ("Türkiye", "TUR"),
        ("Iranian", "IRN"),
        ("American", "USA"),
        ("the Armenians", "ARM"),
        ("Azerbaijanis", "AZE"),
        ("Britons", "GBR"),
        ("Yerevan", "ARM"),
        ("Baku", "AZE"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Washington", "USA"),
        ("the White House", "USA"),
        ("Ankara", "TUR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Armenian Defense Ministry", "ARM"),
        ("Azerbaijani forces", "AZE"),
        ("Russia's Foreign Ministry", "RUS"),
        ("Russia’s Foreign Ministry", "RUS"),
        ("the government of Azerbaijan", "AZE"),
        ("U.S. Secretary of State", "USA"),
        ("North Korean troops", "PRK"),
        ("South Sudanese army", "SSD"),
        ("Sudanese Armed Forces", "SDN"),
        ("Kosovo", "XKX"),
        ("Palestine", "PSE"),
        ("Palestinian", "PSE"),
        ("Taiwan", "TWN"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea", "GIN"),
        ("ARM", "ARM"),
    ],
)
def test_country_of_resolves_names_demonyms_seats_and_institutions(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


@pytest.mark.parametrize(
    "text",
    ["", "   ", "us", "Korean", "Tavush", "Nagorno-Karabakh", "Rapid Support Forces", "OSCE", "Male",
     "12 345 678", "a male soldier", "x" * 5000],
)  # fmt: skip
def test_country_of_returns_none_for_non_countries(text: str) -> None:
    assert country_of(text) is None


def test_table_covers_every_un_member_and_listed_non_members() -> None:
    table = load_countries()
    assert len(table.by_iso3) == 198
    assert {"XKX", "TWN", "PSE", "VAT", "ESH"} <= set(table.by_iso3)


def test_first_country_in_a_phrase_wins_and_lowercase_words_do_not_count() -> None:
    assert country_of("Russian ambassador to Armenia") == "RUS"
    hits = list(find_countries("talks between turkey farmers and Armenian officials in Baku"))
    assert [h.country.iso3 for h in hits] == ["ARM", "AZE"]
    assert [h.how for h in hits] == ["demonym", "seat"]

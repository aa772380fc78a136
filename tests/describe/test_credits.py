"""Outlet and original source."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.describe import find_credits
from conflictwatch.describe.credits import site_of_url


def _seed_text(seeds: Path, number: str) -> str:
    (path,) = sorted(seeds.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "original", "outlet", "evidence_part"),
    [
        ("000", "RFE/RL", None, "told RFE/RL"),
        ("001", "AFP", None, "AFP contributed reporting."),
        ("002", "Al Jazeera", "Windowofworld.com", "as quoted by Al Jazeera"),
        ("003", "RFE/RL", None, "By RFE/RL November 04, 2020"),
        ("004", "RFE/RL", "Mirror-Spectator", "YEREVAN (RFE/RL) —"),
    ],
)
def test_seed_credits(
    seeds_dir: Path, number: str, original: str, outlet: str | None, evidence_part: str
) -> None:
    text = _seed_text(seeds_dir, number)
    credits = find_credits(text, source_text=text)
    assert (credits.original_source, credits.outlet) == (original, outlet)
    assert credits.evidence is not None and evidence_part in credits.evidence


def test_credit_line_found_in_source_text_only() -> None:
    credits = find_credits("Story text.", source_text="Story text.\n\nAFP contributed reporting.")
    assert credits.original_source == "AFP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nBy Reuters\nThe army said.", "Reuters"),
        ("MOSCOW (AP) — Troops moved in.", "AP"),
        ("WASHINGTON, Nov. 4, 2020 (Reuters) - Talks began.", "Reuters"),
        ("Talks began.\nWith reporting by Agence France-Presse and Jane Doe", "AFP"),
        ("Talks began, as quoted by Al-Jazeera.", "Al Jazeera"),
        ("Reprinted with the permission of Radio Free Europe/Radio Liberty, Washington.", "RFE/RL"),
        ("Talks began.\nSource: Xinhua", "Xinhua"),
        ("Talks began, according to Anadolu Agency.", "Anadolu"),
        ("In an interview with RFE / RL's Armenian Service he said no.", "RFE/RL"),
        ("KYIV (Kyiv Independent) — Strikes hit the city.", "Kyiv Independent"),
    ],
)
def test_credit_patterns(text: str, expected: str) -> None:
    assert find_credits(text).original_source == expected


def test_byline_beats_an_interview_and_a_citation() -> None:
    text = (
        "He told Reuters the talks failed. TASS news agency reported the same.\n"
        "DPA contributed reporting."
    )
    credits = find_credits(text)
    assert credits.original_source == "DPA"
    assert credits.evidence == "DPA contributed reporting."


def test_citation_beats_an_interview() -> None:
    text = "He told Reuters the talks failed. TASS news agency reported the same."
    assert find_credits(text).original_source == "TASS"


def test_interview_with_an_unknown_outlet_is_not_a_source() -> None:
    credits = find_credits("The minister told the Daily Planet that talks failed.")
    assert (credits.original_source, credits.evidence) == (None, None)


def test_person_credits_are_not_sources() -> None:
    assert find_credits("Jane Doe contributed reporting.").original_source is None


def test_outlet_order_source_site_name_url() -> None:
    url = "https://www.mirrorspectator.com/2021/11/16/story/"
    assert find_credits("x", url=url, site_name="Site", source="Given").outlet == "Given"
    assert find_credits("x", url=url, site_name="Site").outlet == "Site"
    assert find_credits("x", url=url).outlet == "mirrorspectator.com"


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://news.bbc.co.uk/2/hi/world.stm", "bbc.co.uk"),
        ("http://m.example.org/a", "example.org"),
        ("example.com/path", "example.com"),
        ("not a url", None),
    ],
)
def test_site_of_url(url: str, site: str | None) -> None:
    assert site_of_url(url) == site


def test_outlet_from_page_brands() -> None:
    assert find_credits("Newsdesk.netTroops moved.").outlet == "Newsdesk.net"
    assert find_credits("Story.\nGet the Valley Herald in your inbox:").outlet == "Valley Herald"
    assert find_credits("Story.\nCopyright (c) 2021 Valley Herald").outlet == "Valley Herald"


def test_reprint_copyright_is_not_the_outlet() -> None:
    text = "Story.\nCopyright (c) 2020. Wire Co. Reprinted with the permission of Wire Co."
    credits = find_credits(text)
    assert credits.outlet is None
    assert credits.original_source == "Wire Co"


def test_agency_url_gives_the_source_when_the_text_credits_nobody() -> None:
    credits = find_credits("Story.", url="https://www.rferl.org/a/story/1.html")
    assert (credits.outlet, credits.original_source) == ("rferl.org", "RFE/RL")

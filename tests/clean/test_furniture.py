"""One-block furniture rules: each kind is recognized, story sentences are not."""

from __future__ import annotations

import pytest

from conflictwatch.clean.furniture import furniture_reason

FURNITURE = [
    ("1,204", "counter"),
    ("0", "counter"),
    ("38 Comments", "counter"),
    ("Subscribe to our newsletter", "call-to-action"),
    ("Sign up for our daily briefing", "call-to-action"),
    ("Get the Daily Dispatch in your inbox:", "call-to-action"),
    ("Join the mailing list", "call-to-action"),
    ("We use cookies to improve your experience on our site.", "call-to-action"),
    ("Leave a reply", "comment-form"),
    ("Please enter your name here", "comment-form"),
    ("Your email address will not be published. Required fields are marked *", "comment-form"),
    ("Previous Post Next Post", "navigation"),
    ("Read more", "navigation"),
    ("Read more: Ceasefire talks stall in the capital", "navigation"),
    ("World | Europe", "navigation"),
    ("Home › News › Caucasus", "navigation"),
    ("Share this", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Follow us on Telegram", "share"),
    ("Best Jobs for Veterans in Logistics - APPLY NOW", "banner"),
    ("[ site banner ]", "banner"),
    ("Advertisement", "banner"),
    ("{{headline}}", "template"),
    ("Posted by %AUTHOR_NAME%", "template"),
    ("© 2021 Example Media Group", "copyright"),
    ("Copyright 2019 Wire Service. All rights reserved.", "copyright"),
    ("Source: https://example.org/world/2020/11/story.html", "source-link"),
    ("https://example.org/a/b", "source-link"),
    ("Source: Reuters", "credit"),
    ("AFP contributed reporting.", "credit"),
    ("With reporting by Jane Roe in Baku", "credit"),
    ("(Reporting by A. Writer; Editing by B. Editor)", "credit"),
    ("By Staff Reporter March 3, 2021", "byline"),
    ("Updated: 14:05 GMT", "byline"),
    ("12 June 2022", "byline"),
    ("Photo: Defense Ministry press service", "caption"),
]

STORY = [
    "By Tuesday, the army had pulled back from two positions along the border.",
    "Michel said on Twitter that the situation in the region remained challenging.",
    "Azerbaijan said it would not join the talks until the shelling stopped.",
    "The ministry said 12 soldiers were captured and 4 were wounded near the village.",
    "Reporting by state media suggested the ceasefire was holding on Wednesday.",
    "“There can be no military solution,” the minister said.",
    "The [sovereign] status of the republic is not subject to negotiation, he said.",
    "Armenia/Azerbaijan",
    "Baku said the 2020 / 2021 figures were wrong.",
    "The group urged the sides to respect the 2020 agreement and sign a peace treaty.",
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE)
def test_furniture_line_named(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", STORY)
def test_story_sentence_left_alone(line: str) -> None:
    assert furniture_reason(line) is None

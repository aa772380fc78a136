"""clean_html on synthetic pages: page chrome removed, metadata kept, bad markup survives."""

from __future__ import annotations

import pytest
from tests.clean.clean_support import assert_offsets_hold

from conflictwatch.clean import clean_html
from conflictwatch.clean.html import render_body
from conflictwatch.errors import CleanError, Code

PARAGRAPHS = [
    "Heavy fighting broke out on the border between the two countries on Tuesday, the defense "
    "ministry said in a statement.",
    "At least four soldiers were wounded, officials said, and two military posts were lost in "
    "the fighting near the village.",
    "A ceasefire took effect in the evening after mediation by a neighboring state, according "
    "to the ministry.",
]

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Clashes erupt on border | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-11-16T10:00:00Z">
<link rel="canonical" href="https://example.org/world/clashes"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a>Sport</a></nav></header>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>Clashes erupt on border</h1><p class="byline">By Jane Roe</p>
<p>{}</p>
<div class="share"><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>
<p>{}</p><p>Get the Example Daily in your inbox:</p><p>{}</p>
<ul class="social"><li>Share this</li><li>Print</li></ul></article>
<section id="comments"><h3>Leave a Reply</h3><p>Great article, thanks for writing it!</p>
<form><label>Name</label><input><button>Post Comment</button></form></section>
<footer><p>© 2021 Example News. All rights reserved.</p><a>Privacy policy</a></footer>
<script>document.write("injected text that must never appear");</script>
</body></html>""".format(*PARAGRAPHS)


def test_page_chrome_removed_and_story_kept() -> None:
    cleaned = clean_html(PAGE, url="https://example.org/x")
    assert cleaned.text == "\n\n".join(PARAGRAPHS)
    for gone in ("cookies", "Facebook", "Leave a Reply", "Great article", "All rights", "inbox"):
        assert gone not in cleaned.text
    assert "injected" not in cleaned.source_text
    assert_offsets_hold(cleaned)


def test_page_metadata_carried() -> None:
    cleaned = clean_html(PAGE)
    assert cleaned.title == "Clashes erupt on border"
    assert cleaned.author == "Jane Roe"
    assert cleaned.site_name == "Example News"
    assert cleaned.published == "2021-11-16"
    assert cleaned.url == "https://example.org/world/clashes"
    assert cleaned.language == "en"
    reasons = {f.reason for f in cleaned.furniture}
    assert {"title", "call-to-action"} <= reasons  # what trafilatura left, this pass removed
    assert "By Jane Roe" not in cleaned.text


def test_malformed_markup_with_binary_junk_still_gives_text() -> None:
    page = (
        "<html><body><div><p>Shelling hit the town overnight, killing three civilians, "
        "local officials said on <b>Monday.\x00\x01\x02 <div>Rescue teams were still searching "
        "the rubble of two\x07 destroyed houses on Tuesday morning, they said."
    )
    cleaned = clean_html(page)
    assert "killing three civilians" in cleaned.text
    assert "destroyed houses" in cleaned.text
    assert "\x00" not in cleaned.text and "\x07" not in cleaned.text
    assert_offsets_hold(cleaned)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<html><body></body></html>",
        "\x00\x01\x02" * 200,
        "<html><body><nav><a>Home</a><a>World</a></nav><footer>© 2020 Site</footer></body></html>",
        "<html><head><script>var story = 'A long sentence inside a script tag only.';</script>"
        "</head><body></body></html>",
    ],
)
def test_page_without_article_raises_no_text(page: str) -> None:
    with pytest.raises(CleanError) as caught:
        clean_html(page)
    assert caught.value.code is Code.NO_TEXT


def test_fallback_rendering_keeps_blocks_apart_and_drops_scripts() -> None:
    page = (
        "<html><body><div>First block of text here</div><p>Second block</p>"
        "<script>alert('x')</script><style>p {}</style>tail words</body></html>"
    )
    rendered = render_body(page)
    lines = [line for line in rendered.splitlines() if line.strip()]
    assert lines == ["First block of text here", "Second block", "tail words"]

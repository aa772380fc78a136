"""The five seed articles: listed furniture gone, story kept, repeats counted once."""

from __future__ import annotations

import pytest
from tests.clean.clean_support import assert_offsets_hold, seed_text

from conflictwatch.clean import clean_text
from conflictwatch.model import CleanText

PREFIXES = ["000", "001", "002", "003", "004"]


def _story_lines(cleaned: CleanText) -> list[str]:
    """Source lines that no furniture entry touches: the story an analyst keeps."""
    spans = [(f.start, f.end) for f in cleaned.furniture]
    lines: list[str] = []
    offset = 0
    for line in cleaned.source_text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip() and not any(a < end and start < b for a, b in spans):
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("prefix", PREFIXES)
def test_offsets_and_story_lines_kept(prefix: str) -> None:
    cleaned = clean_text(seed_text(prefix))
    assert_offsets_hold(cleaned)
    for line in _story_lines(cleaned):
        assert line in cleaned.text


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_long_sentence_line_is_kept_or_a_repeat(prefix: str) -> None:
    # Lines of 12+ words ending in a period are story; only repeats of them may be dropped.
    cleaned = clean_text(seed_text(prefix))
    dropped = {f.text: f.reason for f in cleaned.furniture}
    prefixes = [f.text for f in cleaned.furniture if f.reason == "site-prefix"]
    for line in cleaned.source_text.split("\n"):
        line = line.strip()
        for prefix in prefixes:
            line = line.removeprefix(prefix)
        if len(line.split()) >= 12 and line.rstrip('”" ').endswith("."):
            assert line in cleaned.text or dropped.get(line) in {"duplicate-paragraph", "copyright"}


def test_000_share_strip_dropped() -> None:
    cleaned = clean_text(seed_text("000"))
    assert "Facebook Forum" not in cleaned.text
    assert [f.reason for f in cleaned.furniture] == ["share"]
    assert cleaned.text.startswith("The Armenian and Russia militaries")
    assert cleaned.title is None


def test_001_template_comment_navigation_and_credit_dropped() -> None:
    cleaned = clean_text(seed_text("001"))
    for gone in ("[author_name]", "Post a Comment", "Previous Post", "AFP contributed reporting"):
        assert gone not in cleaned.text
    reasons = {f.text.strip(): f.reason for f in cleaned.furniture}
    assert reasons["AFP contributed reporting."] == "credit"
    assert reasons[". by [author_name]"] == "template"
    assert cleaned.title == "Armenia Seeks Russia’s Aid in Deadly Azerbaijan Border Clashes"
    assert cleaned.text.endswith("The ensuing conflict claimed around 30,000 lives.")


def test_002_title_once_prefix_stripped() -> None:
    cleaned = clean_text(seed_text("002"))
    assert cleaned.title == "Nagorno-Karabakh War, Armenia Ready for Armistice"
    assert "Ready for Armistice" not in cleaned.text
    reasons = [f.reason for f in cleaned.furniture]
    assert reasons.count("repeated-title") == 3 and reasons.count("title") == 1
    assert cleaned.text.startswith("Armenia says it is ready to work with international mediators")
    prefix = next(f for f in cleaned.furniture if f.reason == "site-prefix")
    assert prefix.text == "Windowofworld.com"
    assert "Please enter" not in cleaned.text
    assert cleaned.text.endswith("imposed a military rule and curfew on major cities.")


def test_003_banners_notices_byline_dropped() -> None:
    cleaned = clean_text(seed_text("003"))
    for gone in ("JOIN NOW", "rfe/rl banner", "By RFE/RL", "Source:", "Copyright", "mailing list"):
        assert gone not in cleaned.text
    assert "With reporting by" not in cleaned.text
    reasons = {f.reason for f in cleaned.furniture}
    assert {"banner", "byline", "source-link", "copyright", "call-to-action", "credit"} <= reasons
    assert cleaned.title is not None and cleaned.title.startswith("Fresh Fighting In Nagorno")
    assert cleaned.text.startswith("The warring Azerbaijani and ethnic Armenian sides")
    assert cleaned.text.endswith("Russia has estimated as many as 5,000 deaths on both sides.")


def test_004_caption_counters_prompts_and_repeats() -> None:
    cleaned = clean_text(seed_text("004"))
    assert "Russian peacekeepers earlier this year" not in cleaned.text
    assert "in your inbox" not in cleaned.text
    assert all(p.strip() not in {"607", "0"} for p in cleaned.text.split("\n\n"))
    assert cleaned.text.count("The latest flare-up of tensions between Armenia") == 1
    assert cleaned.text.count("In a statement issued late on Monday, the American") == 1
    assert cleaned.text.startswith("YEREVAN (RFE/RL) — Russian mediation led to a ceasefire")
    assert cleaned.title is not None and cleaned.title.startswith("Armenia Confirms Casualties")
    reasons = [f.reason for f in cleaned.furniture]
    assert reasons.count("duplicate-paragraph") == 2
    assert reasons.count("counter") == 2 and "caption" in reasons

"""Clean plain text: drop site furniture and repeated paragraphs, keep offsets to the source."""

from __future__ import annotations

import re

from conflictwatch.clean.assemble import assemble, furniture_of
from conflictwatch.clean.blocks import Block, split_blocks, trim_block
from conflictwatch.clean.furniture import furniture_reason
from conflictwatch.clean.layout import key_words, mark_layout
from conflictwatch.clean.repeats import mark_repeats
from conflictwatch.errors import CleanError, Code
from conflictwatch.model import CleanText, Furniture

#: A domain name glued to the first word of the story ("Example.comArmenia says ...").
_SITE_PREFIX = re.compile(
    r"^(?:https?://)?(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]{2,62}(?:\.[A-Za-z0-9-]{1,62})*"
    r"\.[a-z]{2,6}(?=[A-Z][a-z])"
)


def _strip_site_prefix(block: Block) -> tuple[Block, Furniture | None]:
    match = _SITE_PREFIX.match(block.text)
    first_start, first_end = block.pieces[0]
    if match is None or match.end() >= first_end - first_start:
        return block, None
    prefix = Furniture(
        start=block.start, end=block.start + match.end(), reason="site-prefix", text=match.group()
    )
    return trim_block(block, match.end()), prefix


def _blocks(source_text: str) -> tuple[list[Block], list[Furniture]]:
    """The source's blocks with glued site prefixes cut off, and the prefixes as furniture."""
    blocks: list[Block] = []
    prefixes: list[Furniture] = []
    for block in split_blocks(source_text):
        trimmed, prefix = _strip_site_prefix(block)
        blocks.append(trimmed)
        prefixes.extend([prefix] if prefix else [])
    return blocks, prefixes


def _reasons(texts: list[str], title: str | None) -> tuple[list[str | None], str | None]:
    """Why each block is furniture (None for story), and the headline line found, if any."""
    tokens = [key_words(text) for text in texts]
    keys = [" ".join(words) for words in tokens]
    reasons, headline = mark_layout(texts, keys, [furniture_reason(t) for t in texts], title)
    return mark_repeats(keys, tokens, reasons), headline


def clean_text(source_text: str, *, title: str | None = None) -> CleanText:
    """Drop furniture from `source_text`; raise CleanError(NO_TEXT) when no story is left.

    `title` is the headline when the caller knows it; otherwise the headline line found at
    the top of the text (if any) becomes the title.
    """
    blocks, furniture = _blocks(source_text)
    reasons, headline = _reasons([block.text for block in blocks], title)
    kept = [block for block, reason in zip(blocks, reasons, strict=True) if reason is None]
    if not kept:
        raise CleanError(Code.NO_TEXT, "no story text is left once site furniture is removed")
    furniture.extend(
        furniture_of(source_text, block, reason)
        for block, reason in zip(blocks, reasons, strict=True)
        if reason is not None
    )
    return assemble(source_text, kept, furniture, title=title or headline)

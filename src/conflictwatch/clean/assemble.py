"""Build a CleanText from the blocks kept as story and the furniture dropped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from conflictwatch.clean.blocks import Block
from conflictwatch.model import CleanText, Furniture, Segment

PARAGRAPH_BREAK = "\n\n"


def furniture_of(source: str, block: Block, reason: str) -> Furniture:
    """The furniture record for a dropped block (its whole source span)."""
    return Furniture(
        start=block.start, end=block.end, reason=reason, text=source[block.start : block.end]
    )


def _runs(block: Block) -> Iterable[tuple[int, int]]:
    # Each stripped line, then the single newline that separates it from the next line.
    for number, (start, end) in enumerate(block.pieces):
        yield start, end - start
        if number < len(block.breaks):
            yield block.breaks[number], 1


def _add_run(segments: list[Segment], clean_start: int, source_start: int, length: int) -> None:
    last = segments[-1] if segments else None
    if (
        last
        and last.clean_start + last.length == clean_start
        and last.source_start + last.length == source_start
    ):
        segments[-1] = Segment(
            clean_start=last.clean_start,
            source_start=last.source_start,
            length=last.length + length,
        )
    else:
        segments.append(Segment(clean_start=clean_start, source_start=source_start, length=length))


def _copy_paragraphs(
    source: str, kept: Sequence[Block]
) -> tuple[str, list[Segment], list[tuple[int, int]]]:
    """Clean text, its segments and its paragraph spans, from blocks joined by blank lines."""
    parts: list[str] = []
    segments: list[Segment] = []
    paragraphs: list[tuple[int, int]] = []
    cursor = 0
    for block in kept:
        if parts:
            parts.append(PARAGRAPH_BREAK)
            cursor += len(PARAGRAPH_BREAK)
        paragraph_start = cursor
        for source_start, length in _runs(block):
            parts.append(source[source_start : source_start + length])
            _add_run(segments, cursor, source_start, length)
            cursor += length
        paragraphs.append((paragraph_start, cursor))
    return "".join(parts), segments, paragraphs


def assemble(
    source: str,
    kept: Sequence[Block],
    furniture: Iterable[Furniture],
    title: str | None = None,
) -> CleanText:
    """Join kept blocks with blank lines, recording where every character came from."""
    text, segments, paragraphs = _copy_paragraphs(source, kept)
    return CleanText(
        text=text,
        source_text=source,
        segments=tuple(segments),
        paragraphs=tuple(paragraphs),
        furniture=tuple(sorted(furniture, key=lambda f: (f.start, f.end))),
        title=title,
    )

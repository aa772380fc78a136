"""Cut source text into blocks: candidate paragraphs with their exact source spans.

A block is one non-empty line, or several lines when a stray line break split a sentence
(the earlier line ends without sentence punctuation and the later one starts in lowercase).
Blocks never own surrounding whitespace, so every character they hold is story or furniture.
"""

from __future__ import annotations

import dataclasses
import re

#: Every character `str.splitlines` treats as a line boundary ends a line here too.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Whitespace and invisible marks (BOM, zero-width spaces) trimmed from both ends of a line.
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060")  # a set: "" is never a member
_EDGE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "".join(_INVISIBLE)
_CLOSERS = "\"'”’»)]"  # closing quotes and brackets that may follow a sentence's final mark
_ENDERS = frozenset(".!?…:;")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A candidate paragraph: one or more stripped lines of the source text."""

    pieces: tuple[tuple[int, int], ...]  # (start, end) source span of each stripped line
    breaks: tuple[int, ...]  # source offset of the newline kept between consecutive pieces
    text: str  # the pieces joined by their line breaks, as they will appear in clean text

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def stripped_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line that holds something other than whitespace, trimmed."""
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(source):
        line = match.group()
        body = line.strip()
        if body[:1] in _INVISIBLE or body[-1:] in _INVISIBLE:  # rare: the slower full trim
            body = line.strip(_EDGE)
            lead = len(line) - len(line.lstrip(_EDGE))
        else:
            lead = len(line) - len(line.lstrip())
        if body:
            start = match.start() + lead
            spans.append((start, start + len(body)))
    return spans


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (closing quotes allowed after it)."""
    # Plain string operations: this runs on every line, and a `$`-anchored regex scans it all.
    return text.rstrip(_EDGE).rstrip(_CLOSERS)[-1:] in _ENDERS


def _continues(previous: str, line: str) -> bool:
    # A lowercase start right after an unfinished line is a stray break, not a new paragraph.
    return not ends_sentence(previous) and line[:1].islower()


def split_blocks(source: str) -> list[Block]:
    """Group the non-empty lines of `source` into blocks, joining mid-sentence line breaks."""
    groups: list[list[tuple[int, int]]] = []
    for start, end in stripped_spans(source):
        if groups and _continues(source[slice(*groups[-1][-1])], source[start:end]):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    return [_make_block(source, group) for group in groups]


def _first_break(source: str, position: int) -> int:
    found = _BREAK.search(source, position)
    if found is None:  # cannot happen: lines were split at a break
        return position
    at = found.start()
    # Of a CR LF pair keep the LF, so clean text holds no bare carriage return.
    return at + 1 if source.startswith("\r\n", at) else at


def _make_block(source: str, pieces: list[tuple[int, int]]) -> Block:
    if len(pieces) == 1:  # the common case, kept cheap
        start, end = pieces[0]
        return Block(pieces=(pieces[0],), breaks=(), text=source[start:end])
    # The newline that closes each piece (except the last) is the separator copied into text.
    breaks = tuple(_first_break(source, end) for _, end in pieces[:-1])
    parts = [source[start:end] for start, end in pieces]
    text = "".join(part + source[at] for part, at in zip(parts, breaks, strict=False)) + parts[-1]
    return Block(pieces=tuple(pieces), breaks=breaks, text=text)


def trim_block(block: Block, cut: int) -> Block:
    """The block without its first `cut` characters (within its first piece), re-stripped."""
    first_start, first_end = block.pieces[0]
    new_start = first_start + cut
    head = block.text[cut : first_end - first_start]
    new_start += len(head) - len(head.lstrip(_EDGE))
    pieces = ((new_start, first_end), *block.pieces[1:])
    return Block(pieces=pieces, breaks=block.breaks, text=block.text[new_start - first_start :])

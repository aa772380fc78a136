"""Turn an item's raw bytes into text, whatever encoding the press used.

Order of trust: a byte-order mark, strict UTF-8, the charset the transport or the page declares,
a Cyrillic tie-breaker, charset-normalizer, and last UTF-8 with the damage replaced when the
damage is small.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from conflictwatch.errors import Code, IngestError
from conflictwatch.model import MediaType

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of formats that are never article text.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # zip, docx, epub
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"RIFF",
    b"\x7fELF",
)
_SNIFF_BYTES = 8192
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.05
_MAX_DAMAGE_SHARE = 0.01

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")

# Average Russian letter frequencies (per cent of letters in running text).
_RUSSIAN_FREQ: dict[str, float] = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
         2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
         0.36, 0.32, 0.26, 0.04, 0.04),
        strict=True,
    )
)  # fmt: skip
_CYRILLIC_PRESS_CODECS = ("cp1251", "koi8_r")
# Mean letter frequency (%) a decoding must reach to count as Russian-like text: measured
# 5.2-6.0 on real Russian and Ukrainian prose, under 3.6 for Greek, Hebrew, Arabic or the
# wrong Cyrillic codec (which turns lowercase into uppercase and scores near 0).
_RUSSIAN_LIKE_SCORE = 4.5
_TAG = re.compile(r"<[^>]*>")


def decode_bytes(
    data: bytes, *, declared: str | None = None, media_type: MediaType = MediaType.TEXT
) -> str:
    """Decode an item's bytes to text; raise IngestError BINARY, UNDECODABLE or EMPTY."""
    if not data.strip():
        raise IngestError(Code.EMPTY, "the item holds no bytes but whitespace; nothing to read")
    text = _decode_with_bom(data)
    if text is None:
        if looks_binary(data):
            raise IngestError(Code.BINARY, "binary data, not text; pass text, HTML or a feed")
        text = _decode_without_bom(data, declared, media_type)
    if not text.strip():
        raise IngestError(Code.EMPTY, "the item decodes to whitespace only; nothing to read")
    return text


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text: known binary signatures, NULs, many controls."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return False  # UTF-16 and UTF-32 text is full of NULs
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(head)


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    return None


def _decode_without_bom(data: bytes, declared: str | None, media_type: MediaType) -> str:
    text = _strict_utf8(data)
    if text is not None:
        return text
    text = _declared_decoding(data, declared, media_type)
    if text is not None:
        return text
    damaged = data.decode("utf-8", errors="replace")
    if _looks_like_damaged_utf8(data, damaged):
        return damaged
    text = _russian_like_decoding(data)
    if text is None:
        text = _detected_decoding(data)
    if text is not None:
        return text
    if _damage_share(damaged) < _MAX_DAMAGE_SHARE:
        return damaged
    raise IngestError(
        Code.UNDECODABLE,
        "the text encoding cannot be recognised; convert the file to UTF-8 and retry",
    )


def _strict_utf8(data: bytes) -> str | None:
    """UTF-8 decoding, allowing only a multi-byte character cut off at the very end."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        cut_at_end = error.reason == "unexpected end of data" and len(data) - error.start < 4
        if cut_at_end:
            return data[: error.start].decode("utf-8") + "\ufffd"
        return None


def _declared_decoding(data: bytes, declared: str | None, media_type: MediaType) -> str | None:
    for name in (declared, _declared_in_markup(data, media_type)):
        codec = _codec_name(name)
        if codec is None or codec == "utf-8":
            continue  # strict UTF-8 has already failed: the declaration is wrong
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _declared_in_markup(data: bytes, media_type: MediaType) -> str | None:
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head)
    if match is None and media_type is MediaType.HTML:
        match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_name(name: str | None) -> str | None:
    """Python's codec for a declared charset.

    Latin-1 and ASCII declarations are read as windows-1252, as browsers do: pages that
    declare them are nearly always windows-1252 in fact.
    """
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return codec


def _looks_like_damaged_utf8(data: bytes, damaged: str) -> bool:
    """Mostly valid UTF-8 with a few broken bytes: real multi-byte characters and little damage."""
    has_multibyte = any(ord(char) > 0x7F and char != "\ufffd" for char in damaged)
    return has_multibyte and _damage_share(damaged) < _MAX_DAMAGE_SHARE


def _damage_share(text: str) -> float:
    return text.count("\ufffd") / max(1, len(text))


def _russian_like_decoding(data: bytes) -> str | None:
    """Pick between windows-1251 and KOI8-R by how Russian the letters look.

    charset-normalizer confuses these two (and Japanese codecs) on text of a few dozen words;
    the wrong one of the pair turns lowercase letters into uppercase ones, so the mean
    Russian letter frequency of the decoded text separates them sharply.
    """
    best_text, best_score = None, _RUSSIAN_LIKE_SCORE
    for codec in _CYRILLIC_PRESS_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _russian_score(text)
        if score > best_score:
            best_text, best_score = text, score
    return best_text


def _russian_score(text: str) -> float:
    """Mean Russian letter frequency of non-ASCII characters (0 unless mostly Cyrillic)."""
    text = _TAG.sub(" ", text)
    letters = [char for char in text if char.isalpha()]
    cyrillic = sum(1 for char in letters if "\u0400" <= char <= "\u04ff")
    if not letters or cyrillic < 0.5 * len(letters):
        return 0.0
    non_ascii = [char for char in text if ord(char) > 0x7F]
    return sum(_RUSSIAN_FREQ.get(char, 0.0) for char in non_ascii) / max(1, len(non_ascii))


def _detected_decoding(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return str(best) if best is not None else None

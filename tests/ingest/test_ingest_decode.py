"""decode_bytes: BOMs, UTF-8, declared charsets, Cyrillic press encodings, damage and binary."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest import decode_bytes
from conflictwatch.model import MediaType

# Realistic Russian news prose, a few hundred bytes in a single-byte encoding.
RUSSIAN = (
    "Министерство обороны сообщило, что в результате ночного обстрела пострадали "
    "несколько жителей приграничного села. По словам представителя ведомства, огонь "
    "вёлся из минометов и крупнокалиберного оружия. Местные власти организовали "
    "эвакуацию детей и пожилых людей в безопасные районы."
)
# Short enough that charset-normalizer alone misreads its KOI8-R bytes (measured).
RUSSIAN_SHORT = "Жители сообщают о взрывах на окраине города"


def decode_error(data: bytes, **kwargs: object) -> Code:
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, **kwargs)  # type: ignore[arg-type]
    return caught.value.code


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("text", [RUSSIAN, RUSSIAN_SHORT])
def test_cyrillic_press_encodings_are_told_apart(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


def test_cyrillic_in_html_without_declaration() -> None:
    page = f"<html><body><p>{RUSSIAN}</p></body></html>"
    assert decode_bytes(page.encode("koi8_r"), media_type=MediaType.HTML) == page


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    text = "Shelling near the border — «три» killed"
    assert decode_bytes(bom + text.encode(codec)) == text


def test_strict_utf8_wins_over_a_wrong_declaration() -> None:
    text = "Ереван — Баку: talks in Genève"
    assert decode_bytes(text.encode("utf-8"), declared="windows-1251") == text


def test_declared_charset_from_transport() -> None:
    text = "Déclaration du ministère: cessez-le-feu à minuit"
    assert decode_bytes(text.encode("cp1252"), declared="ISO-8859-1") == text


def test_meta_charset_in_html() -> None:
    page = '<html><head><meta charset="windows-1253"></head><body>Η Αθήνα καλεί</body></html>'
    assert decode_bytes(page.encode("cp1253"), media_type=MediaType.HTML) == page


def test_meta_http_equiv_charset() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body>Мирные переговоры</body></html>"
    )
    assert decode_bytes(page.encode("koi8_r"), media_type=MediaType.HTML) == page


def test_truncated_multibyte_character_is_replaced() -> None:
    data = "Число погибших выросло".encode()[:-1]
    assert decode_bytes(data) == "Число погибших выросл\ufffd"


def test_small_damage_inside_utf8_is_replaced() -> None:
    text = "Переговоры о прекращении огня продолжились в понедельник. " * 10
    data = text.encode()
    damaged = data[:200] + b"\xff" + data[200:]
    decoded = decode_bytes(damaged)
    assert decoded.count("\ufffd") == 1
    assert decoded.replace("\ufffd", "") == text


def test_heavy_damage_is_undecodable() -> None:
    # Bytes that are neither UTF-8 nor any sensible single-byte text.
    data = bytes(range(0x80, 0x100)) * 4
    assert decode_error(data) is Code.UNDECODABLE


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00def" * 10],
)
def test_binary_data(data: bytes) -> None:
    assert decode_error(data) is Code.BINARY


def test_control_bytes_make_binary() -> None:
    assert decode_error(bytes(range(1, 9)) * 50 + b"text") is Code.BINARY


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty(data: bytes) -> None:
    assert decode_error(data) is Code.EMPTY


def test_other_legacy_encodings_still_detected() -> None:
    text = (
        "Das Verteidigungsministerium erklärte, dass mehrere Bewohner des Grenzdorfes "
        "durch den Beschuss verletzt wurden. Die Gespräche über eine Waffenruhe "
        "würden am Montag fortgesetzt, hieß es in Berlin."
    )
    assert decode_bytes(text.encode("cp1252")) == text


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))  # controls count as binary


@given(st.text(alphabet=PRINTABLE, min_size=1).filter(str.strip))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


@settings(max_examples=300)
@given(st.binary(min_size=1, max_size=400))
def test_arbitrary_bytes_decode_or_raise_ingest_error(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data), str)
    except IngestError as error:
        assert error.code in {Code.BINARY, Code.UNDECODABLE, Code.EMPTY}

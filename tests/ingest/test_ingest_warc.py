"""WARC archives written with warcio: HTML 200 responses only, damage reported after the rest."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictwatch.errors import Code
from conflictwatch.ingest import FakeFetcher, IngestLimits, iter_items
from conflictwatch.model import ItemError, MediaType, RawItem

Response = tuple[str, str, str, bytes]  # url, status line, content type, body


def page(n: int, size: int = 300) -> bytes:
    return f"<html><body><p>Report {n}: ".encode() + b"z" * size + b"</p></body></html>"


def write_warc(path: Path, responses: list[Response], *, gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    for url, status, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


CYRILLIC_PAGE = "<p>Обстрел</p>".encode("cp1251")
MIXED: list[Response] = [
    ("https://a.example/1", "200 OK", "text/html; charset=windows-1251", CYRILLIC_PAGE),
    ("https://a.example/missing", "404 Not Found", "text/html", b"<p>gone</p>"),
    ("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("https://a.example/2", "200 OK", "application/xhtml+xml", page(2)),
    ("https://a.example/3", "200 OK", "text/html", page(3)),
]  # fmt: skip


def ingest(path: Path, **limits: object) -> list[RawItem | ItemError]:
    limit_set = IngestLimits(**limits)  # type: ignore[arg-type]
    return list(iter_items([str(path)], fetcher=FakeFetcher({}), limits=limit_set))


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_ok_responses_become_items(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    write_warc(path, MIXED, gzip=gzip)
    items = ingest(path)
    assert all(isinstance(i, RawItem) for i in items)
    assert [getattr(i, "url", None) for i in items] == [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
    ]
    # record 0 is warcinfo: positions count every record in the archive
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#4", f"{path}#5"]
    first = items[0]
    assert isinstance(first, RawItem)
    assert first.data.decode("cp1251") == "<p>Обстрел</p>"
    assert (first.encoding, first.media_type, first.published) == (
        "windows-1251",
        MediaType.HTML,
        None,
    )


@pytest.mark.parametrize(("name", "gzip"), [("cut.warc", False), ("cut.warc.gz", True)])
def test_truncated_warc_yields_read_records_then_error(
    tmp_path: Path, name: str, gzip: bool
) -> None:
    path = tmp_path / name
    responses = [(f"https://b.example/{n}", "200 OK", "text/html", page(n, 2000)) for n in range(3)]
    data = write_warc(path, responses, gzip=gzip)
    path.write_bytes(data[: len(data) - 100])  # cut inside the last record
    items = ingest(path)
    assert [getattr(i, "url", None) for i in items[:2]] == [
        "https://b.example/0",
        "https://b.example/1",
    ]
    error = items[2]
    assert isinstance(error, ItemError) and error.code == Code.BAD_WARC.value
    assert error.origin == f"{path}#3"
    assert "record 3" in error.message
    assert len(items) == 3


def test_cut_inside_headers_and_garbage(tmp_path: Path) -> None:
    cut = tmp_path / "a_headers.warc"
    data = write_warc(cut, MIXED[:1], gzip=False)
    cut.write_bytes(data + b"WARC/1.0\r\nWARC-Type: resp")
    stray = tmp_path / "b_stray.warc"
    stray.write_bytes(data.replace(b"\r\n\r\nWARC/1.0", b"\r\n\r\nnoise\r\nWARC/1.0", 1))
    garbage = tmp_path / "c_garbage.warc"
    garbage.write_bytes(b"this is not an archive\n" * 20)
    (tmp_path / "d_next.txt").write_text("next")
    items = list(iter_items([str(tmp_path)], fetcher=FakeFetcher({})))
    codes = [i.code if isinstance(i, ItemError) else i.media_type.value for i in items]
    bad = Code.BAD_WARC.value
    assert codes == ["text/html", bad, bad, bad, "text/plain"]
    assert [i.origin for i in items[1:4]] == [f"{cut}#2", f"{stray}#1", f"{garbage}#0"]


def test_oversized_payload_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(
        path,
        [("https://c.example/big", "200 OK", "text/html", page(1, 5000)),
         ("https://c.example/small", "200 OK", "text/html", page(2, 10))],
        gzip=True,
    )  # fmt: skip
    big, small = ingest(path, max_bytes=1000)
    assert isinstance(big, ItemError) and big.code == Code.TOO_LARGE.value
    assert isinstance(small, RawItem) and small.url == "https://c.example/small"


def test_gzipped_warc_without_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_warc(path, MIXED[3:], gzip=True)
    assert [getattr(i, "url", None) for i in ingest(path)] == [
        "https://a.example/2",
        "https://a.example/3",
    ]


def test_warc_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "large.warc.gz"
    responses = [
        (f"https://d.example/{n}", "200 OK", "text/html", page(n, 20_000)) for n in range(300)
    ]
    write_warc(path, responses, gzip=True)
    tracemalloc.start()
    count = sum(1 for _ in iter_items([str(path)], fetcher=FakeFetcher({})))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 300
    assert peak < 1_500_000  # the archive holds 6 MB of pages

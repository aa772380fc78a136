"""Files and directories: kinds by suffix and content, limits, hidden names, symlinks."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from conflictwatch.errors import Code
from conflictwatch.ingest import FakeFetcher, IngestLimits, iter_items
from conflictwatch.model import ItemError, MediaType, RawItem

SEEDS = Path("/work/shared/seeds")
HTML_PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Story</p></body></html>"


def ingest(*inputs: Path | str, **limits: object) -> list[RawItem | ItemError]:
    return list(
        iter_items(
            [str(i) for i in inputs],
            fetcher=FakeFetcher({}),
            limits=IngestLimits(**limits),  # type: ignore[arg-type]
        )
    )


def summary(items: list[RawItem | ItemError]) -> list[tuple[str, str]]:
    """(file name, media type or error code) per item, for compact assertions."""
    return [
        (Path(i.origin).name, i.code if isinstance(i, ItemError) else i.media_type.value)
        for i in items
    ]


def test_seed_articles_are_read_as_text() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed folder missing")
    items = ingest(SEEDS)
    assert len(items) == 5
    for item, path in zip(items, sorted(SEEDS.iterdir()), strict=True):
        assert isinstance(item, RawItem)
        assert item.origin == str(path)
        assert item.media_type is MediaType.TEXT
        assert item.data == path.read_bytes()
        assert item.published is None


def test_kinds_by_suffix_and_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling was reported overnight.")
    (tmp_path / "b.html").write_bytes(HTML_PAGE)
    (tmp_path / "c.dat").write_bytes(HTML_PAGE)  # unknown suffix, HTML content
    (tmp_path / "d").write_text("A plain report with no suffix.")
    (tmp_path / "e.xhtml").write_bytes(b'<?xml version="1.0"?><html><body>x</body></html>')
    assert summary(ingest(tmp_path)) == [
        ("a.txt", "text/plain"),
        ("b.html", "text/html"),
        ("c.dat", "text/html"),
        ("d", "text/plain"),
        ("e.xhtml", "text/html"),
    ]


def test_bad_files_give_codes_and_later_files_still_come(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "a_spaces.html").write_bytes(b" \n\t\n")
    (tmp_path / "b_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "c_doc.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nstream")
    (tmp_path / "d_archive.gz").write_bytes(gzip.compress(b"not a warc at all"))
    (tmp_path / "e_big.txt").write_bytes(b"x" * 2000)
    (tmp_path / "f_data.xml").write_bytes(b"<?xml version='1.0'?><catalog><book/></catalog>")
    (tmp_path / "g_nul.txt").write_bytes(b"text\x00with\x00nuls")
    (tmp_path / "h_good.txt").write_text("Ceasefire agreed.")
    assert summary(ingest(tmp_path, max_bytes=1000)) == [
        ("a_empty.txt", Code.EMPTY.value),
        ("a_spaces.html", Code.EMPTY.value),
        ("b_image.png", Code.BINARY.value),
        ("c_doc.pdf", Code.BINARY.value),
        ("d_archive.gz", Code.BINARY.value),
        ("e_big.txt", Code.TOO_LARGE.value),
        ("f_data.xml", Code.UNSUPPORTED.value),
        ("g_nul.txt", Code.BINARY.value),
        ("h_good.txt", "text/plain"),
    ]


def test_missing_path_is_an_item_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed.")
    items = ingest(tmp_path / "missing.txt", good)
    assert isinstance(items[0], ItemError)
    assert items[0].code == Code.NOT_FOUND.value
    assert "missing.txt" in items[0].origin
    assert isinstance(items[1], RawItem) and items[1].data == b"Talks resumed."


def test_directories_are_recursive_sorted_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.txt").write_text("a")
    (tmp_path / "a.txt").write_text("top")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden dir")
    (tmp_path / ".hidden.txt").write_text("hidden file")
    origins = [i.origin for i in ingest(tmp_path)]
    assert origins == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b/a.txt"),
        str(tmp_path / "b/z.txt"),
    ]


def test_symlink_outside_root_is_refused_unread(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("outside text")
    os.symlink(outside / "secret.txt", root / "a_link.txt")
    os.symlink(outside, root / "b_dirlink")
    (root / "c.txt").write_text("inside")
    items = ingest(root)
    assert summary(items) == [
        ("a_link.txt", Code.ESCAPES_ROOT.value),
        ("b_dirlink", Code.ESCAPES_ROOT.value),
        ("c.txt", "text/plain"),
    ]
    assert all(b"outside text" not in getattr(i, "data", b"") for i in items)


def test_symlink_loops_end(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("one story")
    os.symlink(tmp_path, tmp_path / "sub" / "back_to_root")
    os.symlink(tmp_path / "self_a", tmp_path / "self_b")
    os.symlink(tmp_path / "self_b", tmp_path / "self_a")
    items = ingest(tmp_path)
    stories = [i for i in items if isinstance(i, RawItem)]
    assert [i.data for i in stories] == [b"one story"]
    assert [i.code for i in items if isinstance(i, ItemError)] == [Code.NOT_FOUND.value] * 2


def test_symlink_inside_root_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("story")
    os.symlink(tmp_path / "b.txt", tmp_path / "a_alias.txt")
    os.symlink(tmp_path, tmp_path / "c_root_alias")
    assert summary(ingest(tmp_path)) == [("b.txt", "text/plain")]


def test_symlinks_into_hidden_store_are_followed(tmp_path: Path) -> None:
    store = tmp_path / ".store" / "objects"
    store.mkdir(parents=True)
    (store / "blob1").write_text("annexed story")
    os.symlink(store / "blob1", tmp_path / "article.txt")
    os.symlink(store, tmp_path / "objects_view")
    os.symlink(tmp_path / ".store", store / "loop_up")  # a loop inside the hidden store
    items = ingest(tmp_path)
    assert [(Path(i.origin).name, getattr(i, "data", None)) for i in items] == [
        ("article.txt", b"annexed story"),
        ("blob1", b"annexed story"),
    ]


def test_text_file_holding_html_is_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"\n  <html><body>x</body></html>")
    assert summary(ingest(path)) == [("page.txt", "text/html")]


def test_utf16_text_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("Перемирие нарушено".encode("utf-16"))
    assert summary(ingest(path)) == [("report.txt", "text/plain")]

"""JSON and JSONL records: fields, origins, bad lines, size limits, streaming."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from conflictwatch.errors import Code
from conflictwatch.ingest import FakeFetcher, IngestLimits, iter_items
from conflictwatch.model import DateProvenance, ItemError, MediaType, RawItem


def ingest(path: Path, **limits: object) -> list[RawItem | ItemError]:
    limit_set = IngestLimits(**limits)  # type: ignore[arg-type]
    return list(iter_items([str(path)], fetcher=FakeFetcher({}), limits=limit_set))


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Clashes on the border.", "url": "https://ex.org/1", "title": "T1",
                    "published": "2020-07-20", "source": "Wire"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"html": "<p>Ceasefire</p>", "published": 20200720}),
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = ingest(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6)]
    first, bad_json, no_body, not_object, html = items
    assert isinstance(first, RawItem)
    assert first.data == b"Clashes on the border."
    assert first.media_type is MediaType.TEXT
    assert (first.url, first.title, first.source) == ("https://ex.org/1", "T1", "Wire")
    assert (first.published, first.published_from) == ("2020-07-20", DateProvenance.GIVEN)
    assert isinstance(bad_json, ItemError) and bad_json.code == Code.BAD_JSON.value
    assert isinstance(no_body, ItemError) and no_body.code == Code.BAD_RECORD.value
    assert isinstance(not_object, ItemError) and not_object.code == Code.BAD_RECORD.value
    assert isinstance(html, RawItem) and html.media_type is MediaType.HTML
    assert (html.published, html.published_from) == ("20200720", DateProvenance.GIVEN)


def test_record_without_date_has_no_provenance(tmp_path: Path) -> None:
    path = tmp_path / "one.ndjson"
    path.write_text(json.dumps({"text": "Кабул, 3 мая"}) + "\n", encoding="utf-8")
    (item,) = ingest(path)
    assert isinstance(item, RawItem)
    assert item.data.decode() == "Кабул, 3 мая"
    assert (item.published, item.published_from, item.encoding) == (None, None, "utf-8")


def test_json_array_and_object(tmp_path: Path) -> None:
    array = tmp_path / "many.json"
    array.write_text(json.dumps([{"text": "one"}, {"body": "wrong field"}, {"html": "<b>3</b>"}]))
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"text": "alone", "title": "Solo"}))
    items = ingest(array) + ingest(single)
    assert [i.origin for i in items] == [f"{array}#0", f"{array}#1", f"{array}#2", str(single)]
    assert isinstance(items[1], ItemError) and items[1].code == Code.BAD_RECORD.value
    assert isinstance(items[3], RawItem) and items[3].title == "Solo"


def test_malformed_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "cut off"')
    (item,) = ingest(path)
    assert isinstance(item, ItemError) and item.code == Code.BAD_JSON.value


def test_oversized_jsonl_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text(huge + "\n" + json.dumps({"text": "small"}) + "\n")
    items = ingest(path, max_bytes=1000)
    assert isinstance(items[0], ItemError) and items[0].code == Code.TOO_LARGE.value
    assert items[0].origin == f"{path}:1"
    assert isinstance(items[1], RawItem) and items[1].data == b"small"
    assert items[1].origin == f"{path}:2"


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    line = json.dumps({"text": "word " * 200}) + "\n"
    with path.open("w") as stream:
        for _ in range(6000):
            stream.write(line)  # ~6 MB in all
    tracemalloc.start()
    count = sum(1 for item in iter_items([str(path)], fetcher=FakeFetcher({})))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 6000
    assert peak < 1_000_000

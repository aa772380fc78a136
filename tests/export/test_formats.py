"""Exports of the seeds: a real CSV with ACLED's columns, GeoJSON that maps, JSON lines that parse."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictwatch.export import FORMATS, export
from conflictwatch.export.formats import ACLED_COLUMNS
from conflictwatch.link import list_incidents
from conflictwatch.pipeline import ingest
from conflictwatch.store import SqlStore, open_store


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    from conflictwatch.link import link_documents
    from conflictwatch.pipeline import extract_stored

    path = tmp_path_factory.mktemp("export") / "seeds.db"
    with open_store(str(path)) as opened:
        ingest([str(seeds_dir)], store=opened)
        report = extract_stored(opened)
        link_documents(opened, [item.doc_id for item in report.extracted])
        yield opened


def written(store: SqlStore, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    count = export(store, fmt, out)
    return count, out.getvalue()


def test_acled_csv_is_comma_separated_with_acled_columns(store: SqlStore) -> None:
    count, text = written(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert count == len(rows) == len(list_incidents(store))
    by_id = {i.id: i for i in list_incidents(store)}
    for row in rows:
        incident = by_id[row["event_id_cnty"]]
        assert row["event_date"] == (incident.start.isoformat() if incident.start else "")
        assert row["notes"] == incident.summary  # commas inside stay inside their field
        assert int(row["fatalities"]) >= 0
        if row["latitude"]:
            assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
            assert row["geo_precision"] in {"1", "2", "3"}
    july = next(r for r in rows if r["event_date"] == "2020-07-12")
    assert (july["event_type"], july["fatalities"]) == ("Battles", "16")  # 12 + 4 killed


def test_geojson_features_are_points_with_lon_lat(store: SqlStore) -> None:
    count, text = written(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == count > 0
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["id"] == feature["id"]


def test_plover_jsonl_has_one_mention_per_line(store: SqlStore) -> None:
    count, text = written(store, "plover-jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert count == len(lines) == len(store.list_mentions())
    assert {"id", "date", "event_type", "mode", "actor1", "actor2", "text"} <= set(lines[0])


def test_jsonl_is_the_incidents_listing(store: SqlStore) -> None:
    count, text = written(store, "jsonl")
    assert [json.loads(line) for line in text.splitlines()] == [
        i.as_dict() for i in list_incidents(store)
    ]
    assert count == len(list_incidents(store))


def test_every_format_works_on_an_empty_store(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as empty:
        for fmt in FORMATS:
            count, text = written(empty, fmt)
            assert count == 0
            assert text in ("", "\n") or text.startswith(("event_id_cnty", '{"type"'))


def test_parquet_has_typed_columns_and_filters_apply(store: SqlStore, tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]
    from click.testing import CliRunner

    from conflictwatch.cli import cli
    from conflictwatch.export import export_binary
    from conflictwatch.store.listings import Filters

    out = tmp_path / "incidents.parquet"
    with out.open("wb") as binary:
        count = export_binary(store, "parquet", binary)
    table = pq.read_table(out)
    incidents = list_incidents(store)
    assert count == table.num_rows == len(incidents)
    types = {field.name: field.type for field in table.schema}
    assert types["start"] == pa.date32() and types["end"] == pa.date32()
    assert types["fatalities"] == types["killed"] == pa.int64()
    assert types["latitude"] == pa.float64() and types["geo_precision"] == pa.int8()
    assert types["countries"] == types["documents"] == pa.list_(pa.string())
    rows = {row["id"]: row for row in table.to_pylist()}
    for incident in incidents:
        assert rows[incident.id]["start"] == incident.start
        assert rows[incident.id]["documents"] == list(incident.documents)
    july = Filters(date_from=dt.date(2020, 7, 12), date_to=dt.date(2020, 7, 12))
    count, text = 0, io.StringIO()
    count = export(store, "jsonl", text, july)
    kept = [json.loads(line) for line in text.getvalue().splitlines()]
    assert count == len(kept) >= 1
    assert all(i["start"] <= "2020-07-12" <= i["end"] for i in kept)
    # the command line: parquet needs a file; filters narrow any format
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", store.url])
    assert result.exit_code != 0 and "--out" in result.output
    target = tmp_path / "fights.parquet"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--format",
            "parquet",
            "--out",
            str(target),
            "--type",
            "fight",
            "--db",
            store.url,
        ],
    )
    assert result.exit_code == 0, result.output
    fights = pq.read_table(target).to_pylist()
    assert fights and {row["type"] for row in fights} == {"FIGHT"}


def test_streamed_pieces_make_the_same_file(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflictwatch.export import formats
    from conflictwatch.store.listings import Filters

    # Two exports compared byte for byte: ACLED's timestamp column must not tick between them.
    monkeypatch.setattr(formats, "export_time", lambda: 1_700_000_000)

    for fmt in FORMATS:
        pieces = list(formats.chunks(store, fmt))
        assert b"".join(pieces).decode("utf-8") == written(store, fmt)[1], fmt
    # Batches smaller than the store: the same records, in the same order, across pieces.
    whole = written(store, "jsonl")[1]
    formats.BATCH, saved = 2, formats.BATCH
    try:
        pieces = list(formats.chunks(store, "jsonl"))
        assert len(pieces) > 1
        assert b"".join(pieces).decode("utf-8") == whole
        assert b"".join(formats.chunks(store, "geojson", Filters(type="NOSUCHTYPE"))) == (
            b'{"type": "FeatureCollection", "features": []}\n'
        )
    finally:
        formats.BATCH = saved


def test_acled_rows_of_one_export_share_its_timestamp(store: SqlStore) -> None:
    import time

    before = int(time.time())
    rows = list(csv.DictReader(io.StringIO(written(store, "acled-csv")[1])))
    after = int(time.time())
    stamps = {row["timestamp"] for row in rows}
    assert len(rows) > 1 and len(stamps) == 1
    assert before <= int(stamps.pop()) <= after

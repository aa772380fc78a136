"""The export formats, each built from the typed records (incidents, mentions, documents).

- `acled-csv`: one row per incident with ACLED's column names, written by the csv module (a real comma-
  separated file with quoting, unlike the tab-separated ".csv" some event datasets ship).
- `geojson`: a FeatureCollection of incidents at their most precise located place (QGIS opens it).
- `plover-jsonl`: one event mention per line, PLOVER-style fields.
- `jsonl`: one incident per line, the same objects `conflictwatch incidents --json` prints.
- `parquet` (binary): one row per incident with typed columns (dates as date32, figures as integers,
  coordinates as floats, lists as list<string>), for pandas, R, DuckDB or QGIS.

`Filters` (as the API's) narrow any format to the incidents or mentions that match them.

Every format is written as it is read: stored incidents (or mentions) are walked in date order a
batch at a time through the listings' keyset pages, with the filters applied in SQL, so memory
holds one batch however large the store. `chunks()` gives a format as pieces for streaming.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TextIO

from conflictwatch.actors.countries import load_countries
from conflictwatch.extract.events import acled_types
from conflictwatch.link import Incident
from conflictwatch.model import Mention, PlaceRef
from conflictwatch.output import mention_json
from conflictwatch.store import SqlStore, listings
from conflictwatch.store.incident_codec import incident_from_dict
from conflictwatch.store.listings import Filters
from conflictwatch.store.mention_codec import mention_from_dict
from conflictwatch.store.refs import casualty_sums

#: ACLED's column names, in ACLED's order, for the columns we can fill.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)


#: Formats written as bytes (the others are text).
BINARY_FORMATS = ("parquet",)


#: Records read per query (and, for Parquet, per row group).
BATCH = 500


def export(store: SqlStore, fmt: str, out: TextIO, filters: Filters | None = None) -> int:
    """Write text format `fmt` to `out`; the number of records written."""
    return FORMATS[fmt](store, out, filters)


def export_binary(store: SqlStore, fmt: str, out: BinaryIO, filters: Filters | None = None) -> int:
    """Write binary format `fmt` (parquet) to `out`; the number of records written."""
    if fmt != "parquet":
        raise KeyError(fmt)
    return write_parquet(store, out, filters)


@dataclasses.dataclass(slots=True)
class _Count:
    records: int = 0


def chunks(store: SqlStore, fmt: str, filters: Filters | None = None) -> Iterator[bytes]:
    """Format `fmt` as successive pieces of the file (UTF-8 for the text formats), each made
    from one batch of records: for streaming an export while it is read."""
    if fmt == "parquet":
        yield from _parquet_chunks(store, filters, _Count())
        return
    for text in TEXT_CHUNKS[fmt](store, filters, _Count()):
        yield text.encode("utf-8")


def _written(pieces: Iterable[str], out: TextIO) -> None:
    for piece in pieces:
        out.write(piece)


def _incident_batches(store: SqlStore, filters: Filters | None) -> Iterator[list[Incident]]:
    """The stored incidents matching `filters`, by start date (undated last) then id, a batch at
    a time."""
    wanted = filters or Filters()
    after = None
    while True:
        page = listings.incident_page(store, wanted, after=after, limit=BATCH)
        batch = [incident_from_dict(json.loads(item)) for item in page.items]
        if batch:
            yield batch
        if page.last is None:
            return
        after = (page.last[0], page.last[1])


def _mention_batches(store: SqlStore, filters: Filters | None) -> Iterator[list[Mention]]:
    """The stored mentions matching `filters`, by date (undated last) then id, a batch at a time."""
    wanted = filters or Filters()
    after = None
    while True:
        page = listings.mention_page(store, wanted, after=after, limit=BATCH)
        batch = [mention_from_dict(json.loads(item)) for item in page.items]
        if batch:
            yield batch
        if page.last is None:
            return
        after = (page.last[0], page.last[1])


def _acled_chunks(store: SqlStore, filters: Filters | None, count: _Count) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    exported_at = export_time()  # one export, one timestamp, however long it streams
    for batch in _incident_batches(store, filters):
        types = _mention_types(store, batch)
        sources = _document_sources(store, batch)
        for incident in batch:
            writer.writerow(_acled_row(incident, types, sources, exported_at))
        count.records += len(batch)
        yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write_acled_csv(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    count = _Count()
    _written(_acled_chunks(store, filters, count), out)
    return count.records


def _feature(incident: Incident) -> dict[str, Any] | None:
    place = _main_place(incident.places)
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": incident.id,
            "type": incident.type,
            "start": _iso(incident.start),
            "end": _iso(incident.end),
            "summary": incident.summary,
            "place": place.name,
            "geo_precision": place.precision,
            "fatalities": _fatalities(incident),
            "episode": incident.episode,
            "documents": len(incident.documents),
        },
    }


def _geojson_chunks(store: SqlStore, filters: Filters | None, count: _Count) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for batch in _incident_batches(store, filters):
        features = [feature for incident in batch if (feature := _feature(incident)) is not None]
        if features:
            lead = ", " if count.records else ""
            yield lead + ", ".join(json.dumps(f, ensure_ascii=False) for f in features)
            count.records += len(features)
    yield "]}\n"


def write_geojson(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    count = _Count()
    _written(_geojson_chunks(store, filters, count), out)
    return count.records


def _plover_record(mention: Mention) -> dict[str, Any]:
    view = mention_json(mention)
    place = _main_place(mention.places)
    return {
        "id": mention.id,
        "date": _iso(mention.date.start) if mention.date else None,
        "date_precision": mention.date.precision.value if mention.date else None,
        "event_type": mention.type,
        "mode": mention.mode,
        "context": "background" if mention.background else None,
        "actor1": view["agent"],
        "actor2": view["target"],
        "claimant": view["claimant"],
        "modality": mention.modality.value,
        "location": place.as_dict() if place else None,
        "casualties": view["casualties"],
        "text": mention.evidence.text,
        "doc_id": mention.doc_id,
    }


def _plover_chunks(store: SqlStore, filters: Filters | None, count: _Count) -> Iterator[str]:
    for batch in _mention_batches(store, filters):
        count.records += len(batch)
        yield "".join(json.dumps(_plover_record(m), ensure_ascii=False) + "\n" for m in batch)


def write_plover_jsonl(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    count = _Count()
    _written(_plover_chunks(store, filters, count), out)
    return count.records


def _jsonl_chunks(store: SqlStore, filters: Filters | None, count: _Count) -> Iterator[str]:
    for batch in _incident_batches(store, filters):
        count.records += len(batch)
        yield "".join(json.dumps(i.as_dict(), ensure_ascii=False) + "\n" for i in batch)


def write_jsonl(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    count = _Count()
    _written(_jsonl_chunks(store, filters, count), out)
    return count.records


def _parquet_columns(store: SqlStore, batch: Sequence[Incident]) -> dict[str, list[Any]]:
    types = _mention_types(store, batch)
    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA_FIELDS}
    for incident in batch:
        event_type, sub_event_type = _incident_acled_types(incident, types)
        place = _main_place(incident.places)
        killed, wounded = casualty_sums(incident.as_dict())
        row = {
            "id": incident.id,
            "type": incident.type,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "start": incident.start,
            "end": incident.end,
            "summary": incident.summary,
            "countries": list(incident.countries),
            "place": place.name if place else None,
            "admin1": place.admin1 if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": place.precision if place else None,
            "fatalities": _fatalities(incident),
            "killed": killed,
            "wounded": wounded,
            "actors": [a.name for a in incident.actors],
            "episode": incident.episode,
            "documents": list(incident.documents),
            "mentions": list(incident.mentions),
        }
        for name, value in row.items():
            columns[name].append(value)
    return columns


def _parquet_chunks(store: SqlStore, filters: Filters | None, count: _Count) -> Iterator[bytes]:
    """The Parquet file a row group (one batch) at a time, each piece as soon as it is written."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    sink = io.BytesIO()
    schema = parquet_schema()
    with pq.ParquetWriter(sink, schema) as writer:
        for batch in _incident_batches(store, filters):
            writer.write_table(pa.Table.from_pydict(_parquet_columns(store, batch), schema=schema))
            count.records += len(batch)
            yield _take(sink)
        if not count.records:  # an empty file still has its schema and one (empty) row group
            writer.write_table(schema.empty_table())
    yield _take(sink)


def _take(sink: io.BytesIO) -> bytes:
    data = sink.getvalue()
    sink.seek(0)
    sink.truncate()
    return data


def write_parquet(store: SqlStore, out: BinaryIO, filters: Filters | None = None) -> int:
    count = _Count()
    for piece in _parquet_chunks(store, filters, count):
        out.write(piece)
    return count.records


#: Column names and pyarrow type names of the Parquet export, in order.
PARQUET_SCHEMA_FIELDS: dict[str, str] = {
    "id": "string",
    "type": "string",
    "event_type": "string",
    "sub_event_type": "string",
    "start": "date32",
    "end": "date32",
    "summary": "string",
    "countries": "list<string>",
    "place": "string",
    "admin1": "string",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int8",
    "fatalities": "int64",
    "killed": "int64",
    "wounded": "int64",
    "actors": "list<string>",
    "episode": "string",
    "documents": "list<string>",
    "mentions": "list<string>",
}


def parquet_schema() -> Any:
    """The pyarrow schema of PARQUET_SCHEMA_FIELDS."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "date32": pa.date32(),
        "float64": pa.float64(),
        "int8": pa.int8(),
        "int64": pa.int64(),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in PARQUET_SCHEMA_FIELDS.items()])


FORMATS: dict[str, Callable[[SqlStore, TextIO, Filters | None], int]] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "plover-jsonl": write_plover_jsonl,
    "jsonl": write_jsonl,
}
TEXT_CHUNKS: dict[str, Callable[[SqlStore, Filters | None, _Count], Iterator[str]]] = {
    "acled-csv": _acled_chunks,
    "geojson": _geojson_chunks,
    "plover-jsonl": _plover_chunks,
    "jsonl": _jsonl_chunks,
}


def export_time() -> int:
    """ACLED's `timestamp` column: Unix seconds at which the rows were written."""
    return int(dt.datetime.now(dt.UTC).timestamp())


def _acled_row(
    incident: Incident,
    types: dict[str, tuple[str, str]],
    sources: dict[str, list[str]],
    exported_at: int,
) -> dict[str, Any]:
    event_type, sub_event_type = _incident_acled_types(incident, types)
    place = _main_place(incident.places)
    country = _country_name(incident.countries[0]) if incident.countries else None
    # Named actors when the incident has them, else its principal sides by country.
    sides = [a.name for a in incident.actors] or [_country_name(c) for c in incident.countries]
    return {
        "event_id_cnty": incident.id,
        "event_date": _iso(incident.start),
        "year": incident.start.year if incident.start else None,
        "time_precision": _time_precision(incident.start, incident.end),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": sides[0] if sides else None,
        "actor2": sides[1] if len(sides) > 1 else None,
        "iso": incident.countries[0] if incident.countries else None,
        "country": country,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "source": "; ".join(_sources(sources, incident.documents)),
        "notes": incident.summary,
        "fatalities": _fatalities(incident),
        "timestamp": exported_at,
    }


def _mention_types(store: SqlStore, batch: Sequence[Incident]) -> dict[str, tuple[str, str]]:
    """ACLED (event_type, sub_event_type) of the batch's mentions that have them."""
    wanted = [mention for incident in batch for mention in incident.mentions]
    return listings.mention_acled_types(store, wanted)


def _document_sources(store: SqlStore, batch: Sequence[Incident]) -> dict[str, list[str]]:
    """Per document of the batch: its original source and outlet names (each once)."""
    found = listings.document_outlets(store, [d for incident in batch for d in incident.documents])
    return {
        doc_id: list(dict.fromkeys(name for name in names if name))
        for doc_id, names in found.items()
    }


def _incident_acled_types(
    incident: Incident, types: dict[str, tuple[str, str]]
) -> tuple[str | None, str | None]:
    """The ACLED types most of the incident's mentions carry (shelling beats a bare "attack"),
    else the incident's PLOVER type's own mapping."""
    found = Counter(types[m] for m in incident.mentions if m in types)
    if found:
        return found.most_common(1)[0][0]
    return acled_types(incident.type, None)


def _main_place(places: Iterable[PlaceRef]) -> PlaceRef | None:
    """The most precise place with coordinates (a town before its province before its country)."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    return min(located, key=lambda p: p.precision or 3, default=None)


def _fatalities(incident: Incident) -> int:
    """Killed, best estimate (else the low bound) summed over sides; 0 when none is reported."""
    total = 0
    for tally in incident.casualties:
        if tally.kind == "killed":
            total += tally.best if tally.best is not None else tally.low or 0
    return total


def _time_precision(start: dt.date | None, end: dt.date | None) -> int | None:
    """ACLED's codes: 1 the day is known, 2 within a week, 3 within a month or longer."""
    if start is None:
        return None
    days = ((end or start) - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


@functools.cache
def _countries() -> dict[str, str]:
    return {c.iso3: c.name for c in load_countries().by_iso3.values()}


def _country_name(iso3: str) -> str:
    return _countries().get(iso3, iso3)


def _sources(sources: dict[str, list[str]], doc_ids: Iterable[str]) -> list[str]:
    names: dict[str, None] = {}
    for doc_id in doc_ids:
        names.update((name, None) for name in sources.get(doc_id, ()))
    return list(names)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None

"""The export formats, each built from the typed records (incidents, mentions, documents).

- `acled-csv`: one row per incident with ACLED's column names, written by the csv module (a real comma-
  separated file with quoting, unlike the tab-separated ".csv" some event datasets ship).
- `geojson`: a FeatureCollection of incidents at their most precise located place (QGIS opens it).
- `plover-jsonl`: one event mention per line, PLOVER-style fields.
- `jsonl`: one incident per line, the same objects `conflictwatch incidents --json` prints.
- `parquet` (binary): one row per incident with typed columns (dates as date32, figures as integers,
  coordinates as floats, lists as list<string>), for pandas, R, DuckDB or QGIS.

`Filters` (as the API's) narrow any format to the incidents or mentions that match them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO, TextIO

from conflictwatch.actors.countries import load_countries
from conflictwatch.extract.events import acled_types
from conflictwatch.link import Incident, list_incidents
from conflictwatch.model import PlaceRef
from conflictwatch.output import mention_json
from conflictwatch.store import SqlStore, listings
from conflictwatch.store.listings import Filters
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


def export(store: SqlStore, fmt: str, out: TextIO, filters: Filters | None = None) -> int:
    """Write text format `fmt` to `out`; the number of records written."""
    return FORMATS[fmt](store, out, filters)


def export_binary(store: SqlStore, fmt: str, out: BinaryIO, filters: Filters | None = None) -> int:
    """Write binary format `fmt` (parquet) to `out`; the number of records written."""
    if fmt != "parquet":
        raise KeyError(fmt)
    return write_parquet(store, out, filters)


def _incidents(store: SqlStore, filters: Filters | None) -> list[Incident]:
    incidents = list_incidents(store)
    if filters is None:
        return incidents
    wanted = listings.matching_ids(store, "incidents", filters)
    return [incident for incident in incidents if incident.id in wanted]


def write_acled_csv(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    incidents = _incidents(store, filters)
    types = _mention_types(store)
    for incident in incidents:
        writer.writerow(_acled_row(store, incident, types))
    return len(incidents)


def write_geojson(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    features = []
    for incident in _incidents(store, filters):
        place = _main_place(incident.places)
        if place is None or place.lat is None or place.lon is None:
            continue
        features.append(
            {
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
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_plover_jsonl(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    count = 0
    wanted = None if filters is None else listings.matching_ids(store, "mentions", filters)
    for mention in store.list_mentions():
        if wanted is not None and mention.id not in wanted:
            continue
        view = mention_json(mention)
        place = _main_place(mention.places)
        record = {
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
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_jsonl(store: SqlStore, out: TextIO, filters: Filters | None = None) -> int:
    incidents = _incidents(store, filters)
    for incident in incidents:
        out.write(json.dumps(incident.as_dict(), ensure_ascii=False) + "\n")
    return len(incidents)


def write_parquet(store: SqlStore, out: BinaryIO, filters: Filters | None = None) -> int:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    incidents = _incidents(store, filters)
    types = _mention_types(store)
    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA_FIELDS}
    for incident in incidents:
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
    table = pa.Table.from_pydict(columns, schema=parquet_schema())
    pq.write_table(table, out)
    return len(incidents)


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


def _acled_row(
    store: SqlStore, incident: Incident, types: dict[str, tuple[str, str]]
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
        "source": "; ".join(_sources(store, incident.documents)),
        "notes": incident.summary,
        "fatalities": _fatalities(incident),
        "timestamp": int(dt.datetime.now(dt.UTC).timestamp()),
    }


def _mention_types(store: SqlStore) -> dict[str, tuple[str, str]]:
    """ACLED (event_type, sub_event_type) of every stored mention that has them."""
    return {
        m.id: (m.acled_event_type, m.acled_sub_event_type)
        for m in store.list_mentions()
        if m.acled_event_type and m.acled_sub_event_type
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


def _sources(store: SqlStore, doc_ids: Iterable[str]) -> list[str]:
    names: dict[str, None] = {}
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        if doc is not None:
            for name in (doc.original_source, doc.outlet):
                if name:
                    names[name] = None
    return list(names)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None

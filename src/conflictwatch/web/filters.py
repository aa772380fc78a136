"""Query parameters shared by the collections: dates, type, actor, place, region, box, update time."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from fastapi import Query

from conflictwatch.store.listings import BBox, Filters
from conflictwatch.web.errors import ApiError
from conflictwatch.web.pagination import fingerprint

#: Ids of actors and places: dictionary and gazetteer ids ("AZE.MIL", "gn:587116").
REF_PATTERN = r"^[\w.:/-]{1,200}$"
TYPE_PATTERN = r"^[A-Za-z_]{1,32}$"
_NUMBER = r"\s*-?\d+(\.\d+)?\s*"

#: A calendar day, YYYY-MM-DD (pydantic would also take a number of seconds for one).
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DateFrom = Annotated[
    str | None,
    Query(
        pattern=DAY_PATTERN,
        json_schema_extra={"format": "date"},
        description="Records whose date span ends on or after this day (YYYY-MM-DD).",
    ),
]
DateTo = Annotated[
    str | None,
    Query(
        pattern=DAY_PATTERN,
        json_schema_extra={"format": "date"},
        description="Records whose date span starts on or before this day (YYYY-MM-DD).",
    ),
]
#: An RFC 3339 date-time (the offset may be left out: then it is UTC).
DATE_TIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})?$"
)
UpdatedSince = Annotated[
    str | None,
    Query(
        pattern=DATE_TIME_PATTERN,
        max_length=40,
        json_schema_extra={"format": "date-time"},
        description="Records written or changed at or after this time (RFC 3339, e.g. "
        "2024-05-01T00:00:00Z; UTC when no offset is given). Deletions and merges are in "
        "/api/changes.",
    ),
]
Region = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="An admin-1 region name or a country code (ISO2 or ISO3), any case.",
    ),
]
BoxParam = Annotated[
    str | None,
    Query(
        pattern=rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$",
        max_length=120,
        description="min_lon,min_lat,max_lon,max_lat (WGS84 degrees) of the main place; "
        "min_lon > max_lon crosses the antimeridian.",
    ),
]


def utc(moment: str | None) -> dt.datetime | None:
    """The date-time `moment` (matching DATE_TIME_PATTERN) as an aware UTC time; ApiError 422
    for an impossible one (2024-02-30)."""
    if moment is None:
        return None
    text = moment.replace("z", "Z").replace("t", "T")
    try:
        parsed = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError as exc:
        raise ApiError(422, f"not a valid date-time: {moment!r}", code="invalid") from exc
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def parse_bbox(value: str | None) -> BBox | None:
    if value is None:
        return None
    min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ApiError(422, "bbox: coordinates must be finite numbers", code="invalid")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ApiError(422, "bbox: longitudes must lie in [-180, 180]", code="invalid")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise ApiError(422, "bbox: latitudes must lie in [-90, 90], min before max", code="invalid")
    return BBox(min_lon=min_lon, min_lat=min_lat, max_lon=max_lon, max_lat=max_lat)


def day(value: str | None, name: str) -> dt.date | None:
    """The day `value` (matching DAY_PATTERN) names; ApiError 422 for one that does not exist."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ApiError(422, f"query.{name}: {value!r} is not a date", code="invalid") from exc


def date_range(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The checked (date_from, date_to): real days, the first not after the second."""
    first, last = day(date_from, "date_from"), day(date_to, "date_to")
    if first is not None and last is not None and first > last:
        raise ApiError(400, "date_from is after date_to")
    return first, last


async def record_filters(
    date_from: DateFrom = None,
    date_to: DateTo = None,
    type: Annotated[
        str | None, Query(pattern=TYPE_PATTERN, description="PLOVER event type, any case.")
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=REF_PATTERN, description="Actor id (see /api/actors).")
    ] = None,
    place: Annotated[
        str | None, Query(pattern=REF_PATTERN, description="Place id (see /api/places).")
    ] = None,
    region: Region = None,
    bbox: BoxParam = None,
    updated_since: UpdatedSince = None,
) -> Filters:
    """The filters of mentions, incidents and statistics, checked (async: no blocking work, so no
    thread is taken for it)."""
    first, last = date_range(date_from, date_to)
    return Filters(
        date_from=first,
        date_to=last,
        type=type.upper() if type else None,
        actor=actor,
        place=place,
        region=region,
        bbox=parse_bbox(bbox),
        updated_since=utc(updated_since),
    )


def filters_fingerprint(listing: str, filters: Filters, **more: Any) -> str:
    """The listing's fingerprint under these filters (for cursors)."""
    values = {
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "type": filters.type,
        "actor": filters.actor,
        "place": filters.place,
        "region": filters.region,
        "bbox": filters.bbox,
        "updated_since": filters.updated_since,
        "doc_id": filters.doc_id,
    }
    return fingerprint(listing, **values, **more)

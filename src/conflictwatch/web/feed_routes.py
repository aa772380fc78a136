"""Routes over the API's indexes: actors, places, the change feed, statistics and search."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from conflictwatch.export.formats import chunks
from conflictwatch.store import listings, search
from conflictwatch.web.auth import require_reader
from conflictwatch.web.errors import READ_ERROR_RESPONSES
from conflictwatch.web.filters import BoxParam, Region, UpdatedSince, parse_bbox, utc
from conflictwatch.web.pagination import (
    DEFAULT_LIMIT,
    MAX_OFFSET,
    decode_cursor,
    encode_cursor,
    fingerprint,
)
from conflictwatch.web.read_routes import (
    Cursor,
    ItemPage,
    Limit,
    RecordFilters,
    State,
    json_response,
    key_of,
    page_body,
)

router = APIRouter(
    prefix="/api", responses=READ_ERROR_RESPONSES, dependencies=[Depends(require_reader)]
)


@router.get("/actors", response_model=ItemPage, tags=["actors"])
def actors_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{2,3}$", description="ISO2 or ISO3 code of the actor's state."),
    ] = None,
    updated_since: UpdatedSince = None,
) -> Response:
    """Actors (with a dictionary id) cited by mentions or incidents, by id, with how many of
    each cite them. `updated_since`: last cited by a record written since."""
    since = utc(updated_since)
    listing = fingerprint("actors", country=country, updated_since=since)
    page = listings.actor_page(
        state.store,
        country=country,
        updated_since=since,
        after=key_of(cursor, listing, "id"),
        limit=limit,
    )
    return page_body(page, listing)


@router.get("/places", response_model=ItemPage, tags=["places"])
def places_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    region: Region = None,
    bbox: BoxParam = None,
    updated_since: UpdatedSince = None,
) -> Response:
    """Places (with a gazetteer id) cited by mentions or incidents, by id, with coordinates and
    how many of each cite them."""
    since = utc(updated_since)
    box = parse_bbox(bbox)
    listing = fingerprint("places", region=region, bbox=box, updated_since=since)
    page = listings.place_page(
        state.store,
        region=region,
        bbox=box,
        updated_since=since,
        after=key_of(cursor, listing, "id"),
        limit=limit,
    )
    return page_body(page, listing)


@router.get("/changes", response_model=ItemPage, tags=["changes"])
def changes_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    since: UpdatedSince = None,
    collection: Annotated[
        Literal["incidents", "mentions", "episodes"] | None,
        Query(description="Only changes of this collection."),
    ] = None,
) -> Response:
    """Deletions and merges, oldest first: {seq, kind: deleted|merged, collection, id, into, at}.

    A mirror fetches each collection with `updated_since` and then applies this feed from the
    same time: a merged record's `into` is the record that now holds what it held."""
    moment = utc(since)
    listing = fingerprint("changes", since=moment, collection=collection)
    page = listings.change_page(
        state.store,
        since=moment,
        collection=collection,
        after=key_of(cursor, listing, "seq"),
        limit=limit,
    )
    return page_body(page, listing)


class StatGroup(BaseModel):
    key: str
    incidents: int
    mentions: int
    killed: int
    wounded: int


class Stats(BaseModel):
    """Counts per group; killed and wounded come from incidents only."""

    by: str
    groups: list[StatGroup]


@router.get("/stats", response_model=Stats, tags=["stats"])
def stats_route(
    state: State,
    filters: RecordFilters,
    by: Annotated[
        Literal["day", "type", "region", "actor"],
        Query(description="Group by start day, event type, country (ISO3) or actor id."),
    ] = "day",
) -> Response:
    """Incidents and mentions counted per group, with the incidents' casualty figures summed.

    Each incident adds its best estimates (summed over sides; running totals left out, since a
    toll "so far" contains other incidents' dead). An incident in two countries, or with two
    actors, counts in both groups."""
    groups = listings.statistics(state.store, filters, by)
    return json_response({"by": by, "groups": groups})


class SearchHit(BaseModel):
    kind: str  # document or mention
    id: str
    doc_id: str
    title: str | None
    snippet: str  # plain text: escape it before showing it as HTML


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None


@router.get("/search", response_model=SearchPage, tags=["search"])
def search_route(
    state: State,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=search.MAX_QUERY,
            description="Words to find (all of them, in any inflection; on SQLite the last "
            "one also as the start of a longer word); punctuation and operators are ignored.",
        ),
    ],
    kind: Annotated[
        Literal["document", "mention"] | None, Query(description="Only documents or mentions.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Full-text search over document titles and texts and mention evidence sentences, best
    matches first."""
    listing = fingerprint("search", q=" ".join(search.query_terms(q)), kind=kind)
    offset = decode_cursor(cursor, listing)
    hits = state.store.search_text(q, kind=kind, limit=limit + 1, offset=offset)
    # Ranked results are served to a fixed depth (MAX_OFFSET); refine the query to go further.
    more = len(hits) > limit and offset + limit <= MAX_OFFSET
    items = [
        {"kind": h.kind, "id": h.id, "doc_id": h.doc_id, "title": h.title, "snippet": h.snippet}
        for h in hits[:limit]
    ]
    cursor_out = encode_cursor(offset + limit, listing) if more else None
    return json_response({"items": items, "next_cursor": cursor_out})


#: Media type and file suffix of each export format.
EXPORT_TYPES: dict[str, tuple[str, str]] = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "plover-jsonl": ("application/x-ndjson", "jsonl"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get(
    "/export",
    tags=["export"],
    response_class=Response,
    responses={
        200: {
            "description": "The file (CSV, GeoJSON, JSON lines or Parquet).",
            "content": {media: {} for media, _ in EXPORT_TYPES.values()},
        }
    },
)
def export_route(
    state: State,
    filters: RecordFilters,
    format: Annotated[
        Literal["acled-csv", "geojson", "plover-jsonl", "jsonl", "parquet"],
        Query(
            description="acled-csv, geojson, jsonl and parquet hold incidents; "
            "plover-jsonl holds event mentions."
        ),
    ],
) -> Response:
    """The stored incidents (or mentions) that match the filters, as a file to download.

    Streamed as it is written: the records are read a batch at a time in date order, so the
    download starts at once and the server holds one batch however large the export."""
    media, suffix = EXPORT_TYPES[format]
    disposition = f'attachment; filename="conflictwatch-{format}.{suffix}"'
    return StreamingResponse(
        chunks(state.store, format, filters),
        media_type=media,
        headers={"Content-Disposition": disposition},
    )

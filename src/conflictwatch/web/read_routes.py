"""Read-only routes: documents, mentions (and their old name, events), incidents, episodes,
ceasefires and the timeline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from conflictwatch.link import list_ceasefires
from conflictwatch.link.api import stored_episodes, timeline_entries
from conflictwatch.store import SqlStore, listings
from conflictwatch.store.listings import Filters
from conflictwatch.web.auth import require_reader
from conflictwatch.web.errors import READ_ERROR_RESPONSES, ApiError
from conflictwatch.web.filters import (
    DateFrom,
    DateTo,
    UpdatedSince,
    date_range,
    filters_fingerprint,
    record_filters,
    utc,
)
from conflictwatch.web.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    KeyShape,
    decode_key,
    encode_key,
    fingerprint,
)
from conflictwatch.web.state import WebState, web_state

router = APIRouter(
    prefix="/api", responses=READ_ERROR_RESPONSES, dependencies=[Depends(require_reader)]
)

#: Ids are hex digests; anything else is refused before it reaches the database.
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,128}$"

State = Annotated[WebState, Depends(web_state)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Query(max_length=400, description="The `next_cursor` of the previous page."),
]
RecordFilters = Annotated[Filters, Depends(record_filters)]


class ItemPage(BaseModel):
    """One page of a collection; `next_cursor` is null on the last page."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def json_response(value: Any) -> Response:
    """`value` encoded once, here: no response model re-validates or re-encodes it."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Response(content=body.encode("utf-8"), media_type="application/json")


def page_body(page: listings.Page, listing: str) -> Response:
    """The ItemPage of `page`, written straight from the stored JSON texts of its items."""
    cursor = None if page.last is None else encode_key(page.last, listing)
    body = '{"items": [' + ", ".join(page.items) + '], "next_cursor": ' + json.dumps(cursor) + "}"
    return Response(content=body.encode("utf-8"), media_type="application/json")


def dated_key(cursor: str | None, listing: str) -> listings.DatedKey | None:
    key = decode_key(cursor, listing, "dated")
    return None if key is None else (key[0], key[1])


def key_of(cursor: str | None, listing: str, shape: KeyShape) -> Any:
    """The single value of an id or sequence-number cursor (None without one)."""
    key = decode_key(cursor, listing, shape)
    return None if key is None else key[0]


def _resolve_document(store: SqlStore, id_or_prefix: str) -> str:
    full = listings.resolve_document_id(store, id_or_prefix)
    if full is None:
        raise ApiError(404, f"no document with id or unique prefix {id_or_prefix!r}")
    return full


# -- documents ---------------------------------------------------------------------------------


@router.get("/documents", response_model=ItemPage, tags=["documents"])
def documents_route(
    state: State,
    filters: RecordFilters,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    canonical_only: bool = False,
) -> Response:
    """Stored documents by publication date (unknown dates last), then id; no text.

    Dates filter on the publication date; actor, place and region keep documents with a mention
    citing them; `type` and `bbox` do not apply to documents."""
    listing = filters_fingerprint("documents", filters, canonical_only=canonical_only)
    page = listings.document_page(
        state.store,
        filters,
        after=dated_key(cursor, listing),
        limit=limit,
        canonical_only=canonical_only,
    )
    return page_body(page, listing)


@router.get("/documents/{doc_id}", response_model=dict[str, Any], tags=["documents"])
def document_route(
    state: State,
    doc_id: Annotated[str, Path(pattern=ID_PATTERN, description="Full id or a unique prefix.")],
) -> Response:
    """One document: every stored field, including the furniture removed in cleaning."""
    doc = state.store.get_document(_resolve_document(state.store, doc_id))
    if doc is None:  # deleted between the two reads
        raise ApiError(404, f"no document with id {doc_id!r}")
    return json_response(doc.as_dict())


# -- mentions ----------------------------------------------------------------------------------


def _mentions(
    state: WebState, filters: Filters, doc: str | None, limit: int, cursor: str | None
) -> Response:
    if doc:
        filters = dataclasses.replace(filters, doc_id=_resolve_document(state.store, doc))
    listing = filters_fingerprint("mentions", filters)
    page = listings.mention_page(
        state.store, filters, after=dated_key(cursor, listing), limit=limit
    )
    return page_body(page, listing)


DocParam = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Document id or unique prefix.")
]


@router.get("/mentions", response_model=ItemPage, tags=["mentions"])
def mentions_route(
    state: State,
    filters: RecordFilters,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    doc: DocParam = None,
) -> Response:
    """Event mentions by date (undated last), then id, each with its document's outlet.

    Dated filters keep mentions whose date span overlaps the range (and drop undated ones);
    `bbox` applies to the mention's most precise located place."""
    return _mentions(state, filters, doc, limit, cursor)


# The listing's earlier name; cursors are shared.
router.add_api_route(
    "/events",
    mentions_route,
    methods=["GET"],
    response_model=ItemPage,
    tags=["mentions"],
    name="events_route",
    summary="Events Route",
    description="The same listing as /api/mentions (its earlier name; cursors are shared).",
)


# -- incidents, episodes, ceasefires, timeline ------------------------------------------------------


@router.get("/incidents", response_model=ItemPage, tags=["incidents"])
def incidents_route(
    state: State,
    filters: RecordFilters,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    episode: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="Only incidents of this episode.")
    ] = None,
) -> Response:
    """Incidents by start date (undated last), then id, each with its claims, tallies and episode.

    Dated filters keep incidents whose span overlaps the range; `bbox` applies to the incident's
    most precise located place."""
    listing = filters_fingerprint("incidents", filters, episode=episode)
    page = listings.incident_page(
        state.store,
        filters,
        after=dated_key(cursor, listing),
        limit=limit,
        episode=episode,
        bands=state.bands,
    )
    return page_body(page, listing)


@router.get("/incidents/{incident_id}", response_model=dict[str, Any], tags=["incidents"])
def incident_route(state: State, incident_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Response:
    """One incident by id (a merged incident's id answers 404: see /api/changes)."""
    found = listings.incident_json(state.store, incident_id)
    if found is None:
        raise ApiError(404, f"no incident with id {incident_id!r}")
    return Response(content=found.encode("utf-8"), media_type="application/json")


@router.get("/episodes", response_model=ItemPage, tags=["episodes"])
def episodes_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    updated_since: UpdatedSince = None,
) -> Response:
    """Episodes (incidents close in time between the same sides) by start date, then id."""
    first, last = date_range(date_from, date_to)
    filters = Filters(date_from=first, date_to=last, updated_since=utc(updated_since))
    listing = filters_fingerprint("episodes", filters)
    page = listings.episode_page(
        state.store, filters, after=dated_key(cursor, listing), limit=limit
    )
    return page_body(page, listing)


@router.get("/ceasefires", response_model=ItemPage, tags=["ceasefires"])
def ceasefires_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    updated_since: UpdatedSince = None,
) -> Response:
    """Ceasefires by start date (undated last), with the violation claims made during each.

    Dated filters apply to the start date (undated ceasefires drop out); `updated_since` keeps
    ceasefires with a document written or changed since."""
    first, last = date_range(date_from, date_to)
    since = utc(updated_since)
    listing = fingerprint("ceasefires", date_from=first, date_to=last, updated_since=since)
    after = dated_key(cursor, listing)
    store = state.store
    changed = store.documents_updated_since(since) if since is not None else None
    chosen = []
    for ceasefire in list_ceasefires(store):
        key = (ceasefire.start, ceasefire.id)
        if after is not None and not _after(key, after):
            continue
        if (first or last) and ceasefire.start is None:
            continue
        if first and ceasefire.start and ceasefire.start < first:
            continue
        if last and ceasefire.start and ceasefire.start > last:
            continue
        if changed is not None and not changed.intersection(ceasefire.documents):
            continue
        chosen.append(ceasefire)
        if len(chosen) > limit:
            break
    end = (chosen[limit - 1].start, chosen[limit - 1].id) if len(chosen) > limit else None
    items = [json.dumps(c.as_dict(), ensure_ascii=False) for c in chosen[:limit]]
    return page_body(listings.Page(items=items, last=end), listing)


def _after(key: tuple[dt.date | None, str], after: listings.DatedKey) -> bool:
    """Whether `key` sorts after `after` (dated by date then id, undated last by id)."""
    (day, ident), (after_day, after_id) = key, after
    if (day is None) != (after_day is None):
        return day is None
    if day is None or after_day is None or day == after_day:
        return ident > after_id
    return day > after_day


#: Timeline entries encoded per chunk of the streamed answer.
TIMELINE_CHUNK = 200


@router.get(
    "/timeline",
    response_model=dict[str, Any],
    tags=["timeline"],
    response_class=StreamingResponse,
    responses={200: {"content": {"application/json": {}}}},
)
def timeline_route(state: State) -> StreamingResponse:
    """Episodes and dated entries (incidents, ceasefires) in date order.

    Streamed as it is read: the stored incidents are walked in date order a batch at a time, so
    the answer starts at once and the server holds one batch however many incidents there are."""
    episodes = stored_episodes(state.store)
    head = {
        "episodes": [
            {"id": e.id, "name": e.name, "start": _iso(e.start), "end": _iso(e.end)}
            for e in episodes
        ]
    }

    def parts() -> Iterator[bytes]:
        yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": [').encode("utf-8")
        chunk: list[str] = []
        first = True
        for entry in timeline_entries(state.store, episodes):
            chunk.append(json.dumps(entry.as_dict(), ensure_ascii=False))
            if len(chunk) == TIMELINE_CHUNK:
                yield (("" if first else ", ") + ", ".join(chunk)).encode("utf-8")
                first, chunk = False, []
        if chunk:
            yield (("" if first else ", ") + ", ".join(chunk)).encode("utf-8")
        yield b"]}"

    return StreamingResponse(parts(), media_type="application/json")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# -- the dashboard's overview -------------------------------------------------------------------

#: Most incidents the overview lists (the map draws each; more would slow the browser, not us).
MAX_OVERVIEW = 2000
DEFAULT_OVERVIEW = 500


class OverviewIncident(BaseModel):
    id: str
    type: str
    start: str | None
    end: str | None
    summary: str
    episode: str | None
    lat: float | None
    lon: float | None
    killed: int
    wounded: int
    place: dict[str, Any] | None  # name, admin1, country of the main place
    countries: list[str]


class OverviewDay(BaseModel):
    day: str
    incidents: int
    killed: int
    wounded: int


class OverviewType(BaseModel):
    type: str
    incidents: int


class Overview(BaseModel):
    """The map and timeline of the dashboard for a set of filters."""

    incidents: list[OverviewIncident]  # the `limit` largest, most killed and wounded first
    total: int  # incidents matching the filters (`total - len(incidents)` are not listed)
    days: list[OverviewDay]  # incidents and casualties per start day
    undated: int  # matching incidents without a date
    types: list[OverviewType] | None  # with `types=true`: every type stored (unfiltered)


@router.get("/overview", response_model=Overview, tags=["incidents"])
def overview_route(
    state: State,
    filters: RecordFilters,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_OVERVIEW, description=f"Incidents to list, 1 to {MAX_OVERVIEW}."),
    ] = DEFAULT_OVERVIEW,
    types: Annotated[
        bool, Query(description="Also list every incident type stored, with its count.")
    ] = False,
) -> Response:
    """What the dashboard's map and timeline show: the incidents with the most killed and
    wounded (then by id) among those matching the filters, how many match, and their casualties
    per day. Killed and wounded are the incident's figures as in /api/stats."""
    found = listings.overview(
        state.store, filters, limit=limit, types=types, markers=state.markers, bands=state.bands
    )
    # The markers are stored as JSON: spliced in as they are, the rest encoded here.
    rest = json.dumps(
        {"total": found.total, "days": found.days, "undated": found.undated, "types": found.types},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    body = '{"incidents":[' + ",".join(found.largest) + "]," + rest[1:]
    return Response(content=body.encode("utf-8"), media_type="application/json")

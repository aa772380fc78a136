"""Read-only routes: documents, events (mentions), incidents, timeline, ceasefires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from conflictwatch.link import Ceasefire, Incident, build_timeline, list_ceasefires, list_incidents
from conflictwatch.model import Document, Mention
from conflictwatch.output import mention_json
from conflictwatch.store import SqlStore
from conflictwatch.web.errors import ERROR_RESPONSES, ApiError
from conflictwatch.web.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Page,
    decode_cursor,
    encode_cursor,
    fingerprint,
    page_of,
    slice_page,
)
from conflictwatch.web.state import WebState, web_state

T = TypeVar("T")

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

#: Ids are hex digests; anything else is refused before it reaches the database.
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,128}$"

State = Annotated[WebState, Depends(web_state)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Query(max_length=200, description="The `next_cursor` of the previous page."),
]


class ItemPage(BaseModel):
    """One page of a collection; `next_cursor` is null on the last page."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def _page_body(page: Page[T], listing: str, view: Callable[[T], dict[str, Any]]) -> ItemPage:
    cursor = None if page.next_offset is None else encode_cursor(page.next_offset, listing)
    return ItemPage(items=[view(item) for item in page.items], next_cursor=cursor)


def _resolve_document(store: SqlStore, id_or_prefix: str) -> str:
    full = store.resolve_document_id(id_or_prefix)
    if full is None:
        raise ApiError(404, f"no document with id or unique prefix {id_or_prefix!r}")
    return full


def _list_view(doc: Document) -> dict[str, Any]:
    """A document in a listing: its summary without the (long) text."""
    view = doc.summary()
    view.pop("text", None)
    return view


# -- documents ---------------------------------------------------------------------------------


@router.get("/documents", response_model=ItemPage, tags=["documents"])
def documents_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    canonical_only: bool = False,
) -> ItemPage:
    """Stored documents by publication date (unknown dates last), then id; no text."""
    listing = fingerprint("documents", canonical_only=canonical_only)
    offset = decode_cursor(cursor, listing)

    def fetch(count: int, start: int) -> list[Document]:
        return state.store.list_documents(limit=count, offset=start, canonical_only=canonical_only)

    return _page_body(page_of(fetch, offset=offset, limit=limit), listing, _list_view)


@router.get("/documents/{doc_id}", tags=["documents"])
def document_route(
    state: State,
    doc_id: Annotated[str, Path(pattern=ID_PATTERN, description="Full id or a unique prefix.")],
) -> dict[str, Any]:
    """One document: every stored field, including the furniture removed in cleaning."""
    doc = state.store.get_document(_resolve_document(state.store, doc_id))
    if doc is None:  # deleted between the two reads
        raise ApiError(404, f"no document with id {doc_id!r}")
    return doc.as_dict()


# -- events ------------------------------------------------------------------------------------


def _within(date_from: dt.date | None, date_to: dt.date | None) -> Callable[[Mention], bool]:
    """Whether a mention's date span overlaps [date_from, date_to]; undated mentions never do."""

    def keep(mention: Mention) -> bool:
        span = mention.date
        if span is None or span.start is None:
            return False
        end = span.end or span.start
        if date_from is not None and end < date_from:
            return False
        return not (date_to is not None and span.start > date_to)

    return keep


def _check_range(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ApiError(400, "date_from is after date_to")


@router.get("/events", response_model=ItemPage, tags=["events"])
def events_route(
    state: State,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    doc: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="Document id or unique prefix.")
    ] = None,
    type: Annotated[
        str | None, Query(pattern=r"^[A-Za-z_]{1,32}$", description="PLOVER event type.")
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="Events ending on or after.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Events starting on or before.")] = None,
) -> ItemPage:
    """Event mentions by document date, then text order; dated filters drop undated mentions."""
    _check_range(date_from, date_to)
    store = state.store
    full_id = _resolve_document(store, doc) if doc else None
    listing = fingerprint(
        "events", doc=full_id, type=type and type.upper(), date_from=date_from, date_to=date_to
    )
    offset = decode_cursor(cursor, listing)

    def fetch(count: int, start: int) -> list[Mention]:
        return store.list_mentions(doc_id=full_id, event_type=type, limit=count, offset=start)

    keep = _within(date_from, date_to) if date_from or date_to else None
    page = page_of(fetch, offset=offset, limit=limit, keep=keep)
    credits = {doc_id: store.get_document(doc_id) for doc_id in {m.doc_id for m in page.items}}
    return _page_body(page, listing, lambda m: mention_json(m, credits.get(m.doc_id)))


# -- incidents, ceasefires, timeline -----------------------------------------------------------


def _incidents_upto(store: SqlStore, count: int) -> list[Incident]:
    return list_incidents(store, limit=count)


@router.get("/incidents", response_model=ItemPage, tags=["incidents"])
def incidents_route(state: State, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> ItemPage:
    """Incidents by start date (undated last), each with its claims, tallies and episode."""
    listing = fingerprint("incidents")
    offset = decode_cursor(cursor, listing)

    def fetch(count: int, start: int) -> Sequence[Incident]:
        # The link stage lists incidents from the first one: read up to the page's end.
        return _incidents_upto(state.store, start + count)[start:]

    return _page_body(page_of(fetch, offset=offset, limit=limit), listing, Incident.as_dict)


@router.get("/incidents/{incident_id}", tags=["incidents"])
def incident_route(
    state: State, incident_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> dict[str, Any]:
    """One incident by id."""
    for incident in list_incidents(state.store):
        if incident.id == incident_id:
            return incident.as_dict()
    raise ApiError(404, f"no incident with id {incident_id!r}")


@router.get("/ceasefires", response_model=ItemPage, tags=["ceasefires"])
def ceasefires_route(state: State, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> ItemPage:
    """Ceasefires by start date (undated last), with the violation claims made during each."""
    listing = fingerprint("ceasefires")
    offset = decode_cursor(cursor, listing)
    page = slice_page(list_ceasefires(state.store), offset=offset, limit=limit)
    return _page_body(page, listing, Ceasefire.as_dict)


@router.get("/timeline", tags=["timeline"])
def timeline_route(state: State) -> dict[str, Any]:
    """Episodes and dated entries (incidents, ceasefires) in date order."""
    return build_timeline(state.store).as_dict()

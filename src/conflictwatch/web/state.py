"""What every request needs: the open store, the tokens, the limits and the write lock."""

from __future__ import annotations

import dataclasses
import threading

from fastapi import Request

from conflictwatch.ingest.fetch import DEFAULT_LIMITS, Fetcher, IngestLimits
from conflictwatch.store import SqlStore
from conflictwatch.store.listings import LatitudeBands, MarkerCache


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WebState:
    store: SqlStore
    token: str | None  # None: the API is read-only
    read_token: str | None = None  # None: reading is open to anyone
    limits: IngestLimits = DEFAULT_LIMITS  # size of an article and time to fetch one
    fetcher: Fetcher | None = None  # fetches articles POSTed by URL (None: refused)
    markers: MarkerCache | None = None  # the overview's incident markers kept in this process
    bands: LatitudeBands | None = None  # the incidents' latitudes, which plan a box's listing
    # Writes run the whole pipeline; one at a time keeps near-duplicate grouping and linking
    # consistent (they read what earlier writes stored).
    write_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


async def web_state(request: Request) -> WebState:
    # async: it does no blocking work, so it runs on the event loop rather than in a thread
    state: WebState = request.app.state.web
    return state

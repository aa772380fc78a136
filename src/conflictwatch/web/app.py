"""The app factory and the server entry point."""

from __future__ import annotations

import contextlib
import gc
import os
import socket
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictwatch import settings
from conflictwatch.ingest.fetch import AddressPolicy, Fetcher, HttpFetcher, IngestLimits
from conflictwatch.store import open_store
from conflictwatch.store.listings import LatitudeBands, MarkerCache
from conflictwatch.store.revision import StoreRevision
from conflictwatch.web import dashboard, feed_routes, read_routes, write_routes
from conflictwatch.web.cache import CachedResponses, ResponseCache
from conflictwatch.web.errors import error_response, install_error_handlers
from conflictwatch.web.state import WebState

#: Room for a multipart upload's headers and boundaries, and a JSON body's quoting, beyond the
#: article itself (whose own size limit, `max_bytes`, is checked again once it is decoded).
BODY_OVERHEAD = 64 * 1024
#: Threads running the routes' blocking reads (cached answers need none). Requests beyond this
#: wait for a thread instead of all running at once: the queries hold the GIL much of their time,
#: so many threads mostly add switching (uncached throughput with 2 threads was 10-25% above 8);
#: a few keep one slow statistics query from holding up the quick ones behind it.
READ_THREADS = 4
#: The app factory `serve` hands to uvicorn (by import string, so each worker process builds its
#: own app and store connection from the settings).
APP_FACTORY = "conflictwatch.web.app:app_from_settings"
#: uvicorn's line per request: formatting and writing it cost about as much as serving a cached
#: answer, and the API keeps no use for it (errors are still logged). uvicorn picks its faster
#: HTTP parser and event loop (httptools, uvloop) by itself when they are installed.
ACCESS_LOG = False


class BodyLimit:
    """Refuse bodies over `limit` bytes with 413, whether or not Content-Length is given.

    The body is read (up to the limit) before the app sees it, so a route never starts work on an
    oversized upload and the streamed case needs no special handling downstream.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.limit:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"request body over {self.limit} bytes")
        await response(scope, receive, send)


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # e.g. http.disconnect

    return replayed


class SecurityHeaders:
    """Responses are data: browsers must not sniff them into HTML or frame them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"x-frame-options", b"DENY"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    read_token: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    fetcher: Fetcher | None = None,
    cache: bool = True,
    preload_markers: bool = True,
) -> FastAPI:
    """The REST API over the store named by `db` (the configured default when None).

    Writing (POST /api/documents) needs `Authorization: Bearer <token>` and is refused altogether
    when `token` is None or empty. Reading is open unless `read_token` is given; then it needs
    that token (or the write token). `max_bytes` (default: the max_bytes setting) bounds an
    article; `fetcher` fetches articles POSTed by URL (default: over HTTP). `cache`: keep JSON
    answers until the store changes (see `conflictwatch.web.cache`). `preload_markers`: read the
    overview's incident markers into memory in the background at start (see
    `conflictwatch.store.listings.MarkerCache`); they are kept as overviews read them either way.
    """
    configured = settings.load()
    limits = IngestLimits(
        max_bytes=configured.max_bytes if max_bytes is None else max_bytes,
        timeout_s=configured.timeout if timeout is None else timeout,
        follow_links=False,
    )
    store = open_store(db)
    revision = StoreRevision(store)
    markers = MarkerCache(revision.current)
    bands = LatitudeBands(revision.current)
    # URLs POSTed by API clients are fetched only from public addresses (and listed networks).
    policy = AddressPolicy.parse(configured.fetch_allow_networks)
    http = HttpFetcher(policy) if fetcher is None else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        # What is loaded at start (modules, the app, the gazetteer's tables) lives as long as the
        # process: moved out of the collector's sight, it is not walked again on every full
        # collection that the JSON of each request sets off.
        gc.freeze()
        # The overview's markers (and the latitudes that plan boxes) are read in while the
        # server already answers (see `MarkerCache.preload`), so the map's first views of each
        # month need not read them.
        stop = threading.Event()

        def preload() -> None:
            # The incidents' latitudes first (one short read), then the markers. Latitudes
            # not read now are read by the first box that needs them (which meets any error).
            with contextlib.suppress(Exception):
                bands.preload(store)
            markers.preload(store, stop=stop)

        loader = threading.Thread(target=preload, daemon=True)
        if preload_markers:
            loader.start()
        yield
        stop.set()
        if loader.is_alive():
            loader.join()
        if http is not None:
            http.close()
        revision.close()
        store.close()

    app = FastAPI(
        title="conflictwatch",
        summary="Conflict events, incidents and ceasefires extracted from news articles.",
        version="1",
        lifespan=lifespan,
    )
    app.state.web = WebState(
        store=store,
        token=token or None,
        read_token=read_token or None,
        limits=limits,
        fetcher=fetcher or http,
        markers=markers,
        bands=bands,
    )
    install_error_handlers(app)
    _describe_read_security(app, required=bool(read_token))
    app.include_router(read_routes.router)
    app.include_router(feed_routes.router)
    app.include_router(write_routes.router)
    app.include_router(dashboard.router)
    app.add_middleware(BodyLimit, limit=limits.max_bytes + BODY_OVERHEAD)
    if cache:
        app.add_middleware(CachedResponses, cache=ResponseCache(), revision=revision.current)
    app.add_middleware(SecurityHeaders)  # outermost: cached answers get the headers too
    return app


def app_from_settings() -> FastAPI:
    """The app over the configured store and tokens (CONFLICTWATCH_DB, CONFLICTWATCH_TOKEN,
    CONFLICTWATCH_READ_TOKEN): what each uvicorn worker process builds."""
    configured = settings.load()
    return create_app(
        configured.db, token=configured.token or None, read_token=configured.read_token or None
    )


def _describe_read_security(app: FastAPI, *, required: bool) -> None:
    """Document reads as the server runs them: the bearer token is optional unless a read token
    is configured (FastAPI would mark every declared scheme as required)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            for path, operations in spec.get("paths", {}).items():
                read = operations.get("get")
                if path.startswith("/api/") and read is not None and "security" in read:
                    read["security"] = (
                        [{"HTTPBearer": []}] if required else [{}, {"HTTPBearer": []}]
                    )
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def serve(
    db: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    read_token: str | None = None,
    workers: int = 1,
) -> None:
    """Run the API with uvicorn until interrupted, in `workers` processes sharing the port.

    Each worker builds its own app (`app_from_settings`) from the environment, so the database and
    tokens given here are passed on through the settings' environment variables.
    """
    import uvicorn

    if workers < 1:
        raise ValueError("workers must be at least 1")
    if workers == 1:
        app = create_app(db, token=token, read_token=read_token)
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=ACCESS_LOG)
        return
    env = {setting.name: setting.env for setting in settings.SETTINGS}
    if db:
        os.environ[env["db"]] = db
    # As in one process: no token given means none, whatever the environment held.
    for name, value in (("token", token), ("read_token", read_token)):
        if value:
            os.environ[env[name]] = value
        else:
            os.environ.pop(env[name], None)
    config = uvicorn.Config(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=ACCESS_LOG,
    )
    from conflictwatch.web.workers import ReusePortWorkers, balances_connections

    if balances_connections():
        supervisor = ReusePortWorkers(config, host, port)
        supervisor.run()
        if supervisor.failed:
            raise RuntimeError("a server worker failed to start: see the log above")
        return
    listening = config.bind_socket()
    # As in web/workers.py: accepted connections inherit TCP_NODELAY from the listening socket.
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    from uvicorn.supervisors import Multiprocess

    Multiprocess(config, sockets=[listening]).run()

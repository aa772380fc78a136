"""A bounded cache of the API's JSON answers, with ETags and 304 Not Modified.

Answers are kept by (path, query string, Authorization header, store revision): a write anywhere
(another process included, see `conflictwatch.store.revision`) gives a new revision, so nothing is
served stale, and a request only meets an answer given to a request with the same credentials
(reading may need a token; only 200 answers are kept). Every 200 JSON answer carries an ETag (a
digest of its body); a client sending it back in If-None-Match gets 304 with no body, whether or
not the answer was still cached. Streamed answers (exports, the timeline) and answers larger than
`max_entry_bytes` pass through untouched.

Misses are single-flight: while one GET computes an answer, identical GETs (same key) arriving
meanwhile wait for it and are served the kept answer, instead of each running the same queries at
once (a burst of clients opening the same page would otherwise multiply the work by their
number, and every answer would wait behind all of it).
"""

from __future__ import annotations

import collections
import hashlib
import threading
from collections.abc import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths whose answers are cached (the JSON API), and those under it that never are.
CACHED_PREFIX = "/api/"
NEVER_CACHED = ("/api/export",)
READ_METHODS = ("GET", "HEAD")


class _Entry:
    __slots__ = ("body", "etag", "headers", "size")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes, etag: bytes) -> None:
        self.headers = headers
        self.body = body
        self.etag = etag
        self.size = len(body) + sum(len(k) + len(v) for k, v in headers)


class ResponseCache:
    """Least recently used entries, bounded by count and by total bytes; thread-safe."""

    def __init__(self, *, max_entries: int = 4096, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: collections.OrderedDict[tuple[object, ...], _Entry] = (
            collections.OrderedDict()
        )
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[object, ...]) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple[object, ...], entry: _Entry) -> None:
        if entry.size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def etag_of(body: bytes) -> bytes:
    # SHA-256 (cut to 96 bits, as the BLAKE2b digest it replaced): processors' SHA instructions
    # make it about twice as fast on answers of hundreds of kilobytes.
    return b'"' + hashlib.sha256(body).hexdigest()[:24].encode("ascii") + b'"'


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value)
    return b""


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
    return etag in tags or b"*" in tags


def _not_modified(headers: list[tuple[bytes, bytes]], etag: bytes) -> Message:
    kept = [(k, v) for k, v in headers if k in (b"cache-control", b"vary")]
    return {"type": "http.response.start", "status": 304, "headers": [*kept, (b"etag", etag)]}


class CachedResponses:
    """ASGI middleware serving repeated reads of the JSON API from a `ResponseCache`.

    `revision()` names the store's current state (None: unknown, then nothing is reused). A write
    request (any other method) through this app also empties the cache and starts a new
    generation, should a revision ever fail to move.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        cache: ResponseCache,
        revision: Callable[[], str | None],
        max_entry_bytes: int = 4 * 1024 * 1024,
    ) -> None:
        self.app = app
        self.cache = cache
        self.revision = revision
        self.max_entry_bytes = max_entry_bytes
        self._generation = 0
        # Keys whose answer a GET is computing now (only touched on the event loop).
        self._pending: dict[tuple[object, ...], anyio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if scope["method"] not in READ_METHODS:
            try:
                await self.app(scope, receive, send)
            finally:
                self._generation += 1
                self.cache.clear()
            return
        if not path.startswith(CACHED_PREFIX) or path.startswith(NEVER_CACHED):
            await self.app(scope, receive, send)
            return
        # The revision is read before the answer is made: a write landing in between gives the
        # next request a new key, never this (possibly newer) answer an old one.
        revision = self.revision()
        key: tuple[object, ...] | None = None
        if revision is not None:
            key = (
                scope["method"],
                path,
                scope.get("query_string", b""),
                _header(scope, b"authorization"),
                revision,
                self._generation,
            )
            entry = self.cache.get(key)
            if entry is not None:
                await self._send_entry(scope, send, entry)
                return
            if scope["method"] == "GET":
                await self._answer_once(scope, receive, send, key)
                return
        await self._answer_and_keep(scope, receive, send, key)

    async def _answer_once(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...]
    ) -> None:
        """Compute the answer for `key`, or, when another request is computing it already, wait
        for that one and serve what it kept (computing it after all if it kept nothing: an
        error, a streamed or an oversized answer)."""
        pending = self._pending.get(key)
        if pending is not None:
            await pending.wait()
            entry = self.cache.get(key)
            if entry is not None:
                await self._send_entry(scope, send, entry)
                return
            await self._answer_and_keep(scope, receive, send, key)
            return
        done = anyio.Event()
        self._pending[key] = done
        try:
            await self._answer_and_keep(scope, receive, send, key)
        finally:
            del self._pending[key]
            done.set()

    async def _send_entry(self, scope: Scope, send: Send, entry: _Entry) -> None:
        if _matches(_header(scope, b"if-none-match"), entry.etag):
            await send(_not_modified(entry.headers, entry.etag))
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        body = b"" if scope["method"] == "HEAD" else entry.body
        await send({"type": "http.response.body", "body": body})

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...] | None
    ) -> None:
        """Run the app; a whole 200 answer of known, bounded length is held back until its
        last byte so it can be tagged (and kept); anything else is passed on as it comes."""
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                if self._keepable(message):
                    start = message
                    return
                passing = True
                await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(scope, send, key, start, b"".join(chunks))

        await self.app(scope, receive, capture)

    def _keepable(self, start: Message) -> bool:
        if start["status"] != 200:
            return False
        length = None
        for name, value in start.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return False
            elif name == b"content-type" and not value.startswith(b"application/json"):
                return False
        return length is not None and length <= self.max_entry_bytes

    async def _finish(
        self,
        scope: Scope,
        send: Send,
        key: tuple[object, ...] | None,
        start: Message,
        body: bytes,
    ) -> None:
        etag = etag_of(body)
        headers = [
            (k, v) for k, v in start.get("headers", ()) if k not in (b"etag", b"cache-control")
        ]
        headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
        entry = _Entry(headers, body, etag)
        if key is not None and scope["method"] == "GET":
            self.cache.put(key, entry)
        await self._send_entry(scope, send, entry)

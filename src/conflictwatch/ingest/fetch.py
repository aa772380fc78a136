"""Fetching web pages: a Fetcher protocol, an httpx implementation and a fake for tests."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping
from email.message import Message
from typing import Protocol

import httpx

from conflictwatch.errors import Code, IngestError

USER_AGENT = "conflictwatch/0.1"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestLimits:
    """Bounds that keep one bad input from eating the run's memory or time."""

    max_bytes: int = 20_000_000  # per article (file, record, WARC payload, fetched page)
    timeout_s: float = 20.0  # per fetch, from request to last byte
    follow_links: bool = True  # fetch the article behind a summary-only feed entry
    max_feed_items: int = 500


DEFAULT_LIMITS = IngestLimits()


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FetchedPage:
    """A fetched resource: its final URL after redirects, bytes and declared type."""

    url: str
    data: bytes
    content_type: str | None = None  # media type without parameters, lower case
    encoding: str | None = None  # charset parameter of Content-Type


class Fetcher(Protocol):
    def fetch(self, url: str, *, limits: IngestLimits) -> FetchedPage:
        """Return the page or raise IngestError(FETCH_FAILED or TOO_LARGE)."""
        ...


def split_content_type(header: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'windows-1251') from 'text/html; charset=windows-1251'."""
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


class HttpFetcher:
    """Fetch over HTTP(S) with httpx: redirects followed, size and total time bounded."""

    def __init__(self) -> None:
        self._client: httpx.Client | None = None  # made on first use: file-only runs need none

    def fetch(self, url: str, *, limits: IngestLimits) -> FetchedPage:
        try:
            return self._fetch(url, limits)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
            reason = str(error) or type(error).__name__
            raise IngestError(
                Code.FETCH_FAILED, f"cannot fetch {url}: {reason}; check the URL or retry later"
            ) from error

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _fetch(self, url: str, limits: IngestLimits) -> FetchedPage:
        client = self._get_client()
        with client.stream("GET", url, timeout=limits.timeout_s) as response:
            if response.status_code >= 400:
                raise IngestError(
                    Code.FETCH_FAILED,
                    f"{url} answered HTTP {response.status_code}; check the URL",
                )
            _check_declared_length(response, url, limits)
            data = _read_bounded(response.iter_bytes(), url, limits)
            media_type, charset = split_content_type(response.headers.get("content-type"))
            return FetchedPage(
                url=str(response.url), data=data, content_type=media_type, encoding=charset
            )

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(follow_redirects=True, headers={"User-Agent": USER_AGENT})
        return self._client


def _check_declared_length(response: httpx.Response, url: str, limits: IngestLimits) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(url, limits)


def _read_bounded(chunks: Iterator[bytes], url: str, limits: IngestLimits) -> bytes:
    """Read the body, stopping at max_bytes or when the total time runs out.

    httpx's timeout bounds each read, not the whole transfer; a server that trickles
    bytes would otherwise hold the run forever.
    """
    deadline = time.monotonic() + limits.timeout_s
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > limits.max_bytes:
            raise _too_large(url, limits)
        if time.monotonic() > deadline:
            raise IngestError(
                Code.FETCH_FAILED, f"{url} took over {limits.timeout_s:g} s; retry later"
            )
    return bytes(body)


def _too_large(url: str, limits: IngestLimits) -> IngestError:
    return IngestError(
        Code.TOO_LARGE,
        f"{url} is larger than {limits.max_bytes} bytes; raise max_bytes to read it",
    )


class FakeFetcher:
    """A Fetcher over a fixed map, for tests: url -> bytes, FetchedPage or an exception."""

    def __init__(self, pages: Mapping[str, bytes | FetchedPage | Exception]) -> None:
        self._pages = dict(pages)
        self.requested: list[str] = []  # every URL asked for, in order

    def fetch(self, url: str, *, limits: IngestLimits) -> FetchedPage:
        self.requested.append(url)
        page = self._pages.get(url)
        if page is None:
            raise IngestError(Code.FETCH_FAILED, f"{url} answered HTTP 404; check the URL")
        if isinstance(page, Exception):
            raise page
        if isinstance(page, bytes):
            page = FetchedPage(url=url, data=page)
        if len(page.data) > limits.max_bytes:
            raise _too_large(url, limits)
        return page

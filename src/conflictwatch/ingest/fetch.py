"""Fetching web pages: a Fetcher protocol, an httpx implementation and a fake for tests."""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from collections.abc import Iterator, Mapping
from email.message import Message
from typing import Protocol

import httpx

from conflictwatch.errors import Code, IngestError

USER_AGENT = "conflictwatch/0.1"
MAX_REDIRECTS = 10

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


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


@dataclasses.dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses a fetch made for someone else (a URL POSTed to the API) may connect to.

    Public addresses only, plus the private networks an operator lists (an in-house archive):
    without this, anyone allowed to POST a URL could make the server read its own loopback,
    cloud metadata (169.254.169.254) or other machines on its network.
    """

    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, text: str) -> AddressPolicy:
        """From comma-separated networks or addresses ("10.1.0.0/16, 192.168.0.7"); ValueError
        naming the bad entry otherwise."""
        networks = []
        for entry in (part.strip() for part in text.split(",")):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError as error:
                raise ValueError(
                    f"{entry!r} is not a network or address (write e.g. 10.0.0.0/8)"
                ) from error
        return cls(tuple(networks))

    def permits(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if any(address in network for network in self.allowed_networks):
            return True
        return address.is_global and not address.is_multicast


class HttpFetcher:
    """Fetch over HTTP(S) with httpx: redirects followed, size and total time bounded.

    With an `AddressPolicy`, every hop's host is resolved first and refused unless all its
    addresses are permitted, and the connection goes to the address that was checked (the Host
    header and TLS name stay the URL's), so a DNS answer that changes between the check and the
    connection cannot lead the fetch inside.
    """

    def __init__(self, policy: AddressPolicy | None = None) -> None:
        self._client: httpx.Client | None = None  # made on first use: file-only runs need none
        self._policy = policy

    def fetch(self, url: str, *, limits: IngestLimits) -> FetchedPage:
        try:
            if self._policy is not None:
                return self._fetch_checked(url, limits, self._policy)
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
            return _read_page(response, str(response.url), limits)

    def _fetch_checked(self, url: str, limits: IngestLimits, policy: AddressPolicy) -> FetchedPage:
        # A client of its own per fetch: connections are keyed by the pinned address, and one
        # kept for another host name on the same address would carry the wrong TLS name.
        with httpx.Client(headers={"User-Agent": USER_AGENT}) as client:
            target = httpx.URL(url)
            for _hop in range(MAX_REDIRECTS + 1):
                if target.scheme not in ("http", "https"):
                    raise IngestError(
                        Code.FETCH_FAILED, f"{target} is not an http:// or https:// address"
                    )
                address = _permitted_address(target, policy)
                extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
                request = client.build_request(
                    "GET",
                    target.copy_with(host=str(address)),
                    headers={"Host": target.netloc.decode("ascii")},
                    extensions=extensions,
                    timeout=limits.timeout_s,
                )
                response = client.send(request, stream=True)
                try:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        target = target.join(location)
                        continue
                    return _read_page(response, str(target), limits)
                finally:
                    response.close()
        raise IngestError(Code.FETCH_FAILED, f"{url} redirects more than {MAX_REDIRECTS} times")

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(follow_redirects=True, headers={"User-Agent": USER_AGENT})
        return self._client


def _read_page(response: httpx.Response, url: str, limits: IngestLimits) -> FetchedPage:
    if response.status_code >= 400:
        raise IngestError(
            Code.FETCH_FAILED, f"{url} answered HTTP {response.status_code}; check the URL"
        )
    _check_declared_length(response, url, limits)
    data = _read_bounded(response.iter_bytes(), url, limits)
    media_type, charset = split_content_type(response.headers.get("content-type"))
    return FetchedPage(url=url, data=data, content_type=media_type, encoding=charset)


def _permitted_address(url: httpx.URL, policy: AddressPolicy) -> IPAddress:
    """The address to connect to for `url`'s host, or IngestError when the host does not
    resolve or any of its addresses is one the policy refuses."""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        answers = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise IngestError(
            Code.FETCH_FAILED, f"cannot resolve {url.host!r}: {error}; check the URL"
        ) from error
    addresses = [ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers]
    refused = [a for a in addresses if not policy.permits(a)]
    if refused or not addresses:
        shown = refused[0] if refused else "nothing"
        raise IngestError(
            Code.FETCH_FAILED,
            f"refused to fetch {url}: {url.host} resolves to {shown}, which is not a public "
            "address (an operator can allow private networks with fetch_allow_networks)",
        )
    return addresses[0]


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

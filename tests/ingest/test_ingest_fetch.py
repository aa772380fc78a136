"""URLs over a loopback HTTP server: pages, redirects, timeouts, errors, size limits, feeds."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest import AddressPolicy, FetchedPage, HttpFetcher, IngestLimits, iter_items
from conflictwatch.model import DateProvenance, ItemError, MediaType, RawItem

pytestmark = pytest.mark.network


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay_s: float = 0.0  # sleep before answering (to provoke timeouts)
    send_length: bool = True  # False: no Content-Length, body ends when the connection closes
    location: str | None = None  # a redirect target


class LocalServer:
    """An HTTP server on 127.0.0.1 only; tests add routes, then fetch `url(path)`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.user_agents: list[str] = []
        self.hosts: list[str] = []  # Host header of each request
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                server.user_agents.append(self.headers.get("User-Agent", ""))
                server.hosts.append(self.headers.get("Host", ""))
                route = server.routes.get(self.path, Route(body=b"not found", status=404))
                time.sleep(route.delay_s)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.location:
                    self.send_header("Location", route.location)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                else:
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


PAGE = "<html><head><title>Ночь</title></head><body><p>Обстрел</p></body></html>".encode("cp1251")
ARTICLE = b"<html><body><article>" + b"Full article text. " * 40 + b"</article></body></html>"


def ingest(urls: list[str], **limits: object) -> list[RawItem | ItemError]:
    return list(iter_items(urls, limits=IngestLimits(**limits)))  # type: ignore[arg-type]


def codes(items: list[RawItem | ItemError]) -> list[str]:
    return [i.code if isinstance(i, ItemError) else i.media_type.value for i in items]


def test_page_with_charset_and_redirect(local_server: LocalServer) -> None:
    local_server.routes["/page"] = Route(body=PAGE, content_type="text/html; charset=windows-1251")
    local_server.routes["/old"] = Route(body=b"", status=301, location="/page")
    (item,) = ingest([local_server.url("/old")])
    assert isinstance(item, RawItem)
    assert item.origin == local_server.url("/old")
    assert item.url == local_server.url("/page")
    assert (item.data, item.encoding, item.media_type) == (PAGE, "windows-1251", MediaType.HTML)
    assert local_server.user_agents[-1] == "conflictwatch/0.1"


def test_plain_text_page(local_server: LocalServer) -> None:
    local_server.routes["/t"] = Route(body=b"Plain report.", content_type="text/plain")
    (item,) = ingest([local_server.url("/t")])
    assert isinstance(item, RawItem) and item.media_type is MediaType.TEXT


def test_failures_give_codes_and_later_inputs_still_come(local_server: LocalServer) -> None:
    local_server.routes["/slow"] = Route(body=PAGE, delay_s=1.5)
    local_server.routes["/big"] = Route(body=b"x" * 5000)
    local_server.routes["/big-stream"] = Route(body=b"y" * 5000, send_length=False)
    local_server.routes["/image"] = Route(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")
    local_server.routes["/ok"] = Route(body=b"<html><body>fine</body></html>")
    urls = [
        local_server.url(p) for p in ("/slow", "/missing", "/big", "/big-stream", "/image", "/ok")
    ]
    started = time.monotonic()
    items = ingest(urls, timeout_s=0.5, max_bytes=1000)
    assert time.monotonic() - started < 5
    assert codes(items) == [
        Code.FETCH_FAILED.value,
        Code.FETCH_FAILED.value,
        Code.TOO_LARGE.value,
        Code.TOO_LARGE.value,
        Code.UNSUPPORTED.value,
        "text/html",
    ]
    assert isinstance(items[1], ItemError) and "404" in items[1].message
    assert [i.origin for i in items] == urls


def test_unreachable_host() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (item,) = ingest([f"http://127.0.0.1:{port}/x"], timeout_s=1.0)
    assert isinstance(item, ItemError) and item.code == Code.FETCH_FAILED.value


def test_http_fetcher_raises_ingest_errors(local_server: LocalServer) -> None:
    fetcher = HttpFetcher()
    try:
        with pytest.raises(IngestError) as caught:
            fetcher.fetch(local_server.url("/nothing"), limits=IngestLimits())
        assert caught.value.code is Code.FETCH_FAILED
    finally:
        fetcher.close()


def feed_body(server: LocalServer) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        f"<pubDate>Mon, 20 Jul 2020 09:00:00 GMT</pubDate>"
        f"<description>{summary}</description></item>"
        for title, path, summary in [
            ("First", "/a1", "Shelling reported..."),
            ("Second", "/a2", "Talks stalled."),
            ("Third", "/a3", ""),
        ]
    )
    channel = f"<channel><title>Desk</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_feed_url_follows_summary_links(local_server: LocalServer) -> None:
    local_server.routes["/feed"] = Route(
        body=feed_body(local_server), content_type="application/rss+xml"
    )
    local_server.routes["/a1"] = Route(body=ARTICLE)
    # /a2 is missing (404) but has a summary; /a3 is missing with no summary
    items = ingest([local_server.url("/feed")])
    assert local_server.hits == ["/feed", "/a1", "/a2", "/a3"]
    first, second, third = items
    assert isinstance(first, RawItem) and first.data == ARTICLE
    assert first.url == local_server.url("/a1")
    assert (first.published, first.published_from) == (
        "Mon, 20 Jul 2020 09:00:00 GMT",
        DateProvenance.METADATA,
    )
    assert first.origin == local_server.url("/feed") + "#0"
    assert isinstance(second, RawItem) and second.data == b"Talks stalled."
    assert isinstance(third, ItemError) and third.code == Code.FETCH_FAILED.value


def test_feed_served_as_generic_xml_is_sniffed(local_server: LocalServer) -> None:
    local_server.routes["/feed.xml"] = Route(body=feed_body(local_server), content_type="text/xml")
    local_server.routes["/a1"] = Route(body=ARTICLE)
    items = ingest([local_server.url("/feed.xml")], follow_links=False)
    assert [i.title for i in items if isinstance(i, RawItem)] == ["First", "Second"]
    assert local_server.hits == ["/feed.xml"]


# Fetching for someone else (the API): only public addresses, checked on every hop.


@pytest.mark.parametrize(
    ("address", "permitted"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1::1", True),
        ("127.0.0.1", False),
        ("10.3.4.5", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fd00::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),  # loopback written as IPv6
        ("::ffff:93.184.216.34", True),
    ],
)
def test_address_policy_public_only(address: str, permitted: bool) -> None:
    import ipaddress

    assert AddressPolicy().permits(ipaddress.ip_address(address)) is permitted


def test_address_policy_lists_private_networks() -> None:
    import ipaddress

    policy = AddressPolicy.parse(" 10.1.0.0/16, 192.168.0.7 ,")
    assert [str(n) for n in policy.allowed_networks] == ["10.1.0.0/16", "192.168.0.7/32"]
    assert policy.permits(ipaddress.ip_address("10.1.200.3"))
    assert policy.permits(ipaddress.ip_address("192.168.0.7"))
    assert not policy.permits(ipaddress.ip_address("10.2.0.1"))
    assert not policy.permits(ipaddress.ip_address("127.0.0.1"))
    with pytest.raises(ValueError, match="'intranet' is not a network"):
        AddressPolicy.parse("10.0.0.0/8,intranet")


def fetch_with(policy: AddressPolicy, url: str) -> FetchedPage:
    fetcher = HttpFetcher(policy)
    try:
        return fetcher.fetch(url, limits=IngestLimits(timeout_s=5.0))
    finally:
        fetcher.close()


def test_policy_refuses_loopback_before_connecting(local_server: LocalServer) -> None:
    local_server.routes["/page"] = Route(body=ARTICLE)
    with pytest.raises(IngestError) as caught:
        fetch_with(AddressPolicy(), local_server.url("/page"))
    assert caught.value.code is Code.FETCH_FAILED
    assert "127.0.0.1, which is not a public address" in caught.value.message
    assert local_server.hits == []


def test_policy_refuses_host_name_resolving_inside(local_server: LocalServer) -> None:
    port = local_server.url("/").rsplit(":", 1)[1].rstrip("/")
    with pytest.raises(IngestError, match="localhost resolves to"):
        fetch_with(AddressPolicy(), f"http://localhost:{port}/page")
    assert local_server.hits == []


def test_policy_connects_to_checked_address_keeping_host_name(local_server: LocalServer) -> None:
    local_server.routes["/page"] = Route(body=PAGE, content_type="text/html; charset=windows-1251")
    local_server.routes["/old"] = Route(body=b"", status=302, location="/page")
    port = local_server.url("/").rsplit(":", 1)[1].rstrip("/")
    page = fetch_with(AddressPolicy.parse("127.0.0.0/8, ::1"), f"http://localhost:{port}/old")
    assert (page.url, page.data, page.encoding) == (
        f"http://localhost:{port}/page",
        PAGE,
        "windows-1251",
    )
    assert local_server.hits == ["/old", "/page"]
    assert local_server.hosts == [f"localhost:{port}"] * 2


def test_policy_checks_every_redirect(local_server: LocalServer) -> None:
    port = local_server.url("/").rsplit(":", 1)[1].rstrip("/")
    local_server.routes["/jump"] = Route(
        body=b"", status=302, location=f"http://10.0.0.1:{port}/admin"
    )
    with pytest.raises(IngestError, match=r"10\.0\.0\.1, which is not a public address"):
        fetch_with(AddressPolicy.parse("127.0.0.1"), local_server.url("/jump"))
    assert local_server.hits == ["/jump"]


def test_policy_stops_redirect_loops(local_server: LocalServer) -> None:
    local_server.routes["/loop"] = Route(body=b"", status=302, location="/loop")
    with pytest.raises(IngestError, match="redirects more than 10 times"):
        fetch_with(AddressPolicy.parse("127.0.0.1"), local_server.url("/loop"))
    assert len(local_server.hits) == 11


def test_policy_reports_http_errors(local_server: LocalServer) -> None:
    with pytest.raises(IngestError, match="answered HTTP 404"):
        fetch_with(AddressPolicy.parse("127.0.0.1"), local_server.url("/missing"))


def test_policy_refuses_other_schemes() -> None:
    with pytest.raises(IngestError, match="not an http"):
        fetch_with(AddressPolicy(), "ftp://example.org/file")

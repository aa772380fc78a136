"""RSS/Atom: entry content, metadata, following summary-only links, bad feeds."""

from __future__ import annotations

from pathlib import Path

from conflictwatch.errors import Code, IngestError
from conflictwatch.ingest import FakeFetcher, FetchedPage, IngestLimits, iter_items
from conflictwatch.model import DateProvenance, ItemError, MediaType, RawItem

LONG_STORY = "<p>" + "Artillery fire was reported along the line of contact. " * 12 + "</p>"
ARTICLE_PAGE = b"<html><body><article>Full story text from the site.</article></body></html>"


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Border Wire</title><link>https://news.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def rss_item(title: str, link: str | None, summary: str, content: str | None = None) -> str:
    parts = [f"<title>{title}</title>", "<pubDate>Tue, 13 Sep 2022 08:00:00 GMT</pubDate>"]
    if link:
        parts.append(f"<link>{link}</link>")
    parts.append(f"<description><![CDATA[{summary}]]></description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def ingest(path: Path, fetcher: FakeFetcher, **limits: object) -> list[RawItem | ItemError]:
    limit_set = IngestLimits(**limits)  # type: ignore[arg-type]
    return list(iter_items([str(path)], fetcher=fetcher, limits=limit_set))


def test_full_content_entry_needs_no_fetch(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(rss_item("Clashes", "https://news.example/a", "Short.", LONG_STORY)))
    fetcher = FakeFetcher({})
    (item,) = ingest(path, fetcher)
    assert isinstance(item, RawItem)
    assert fetcher.requested == []
    assert item.origin == f"{path}#0"
    assert item.data.decode() == LONG_STORY
    assert item.media_type is MediaType.HTML
    assert (item.url, item.title, item.source) == (
        "https://news.example/a",
        "Clashes",
        "Border Wire",
    )
    assert item.published == "Tue, 13 Sep 2022 08:00:00 GMT"
    assert item.published_from is DateProvenance.METADATA


def test_summary_only_entries_fetch_their_link(tmp_path: Path) -> None:
    truncated = "Fighting resumed overnight near the frontier villages " * 9 + "[…]"
    path = tmp_path / "teasers.xml"
    path.write_bytes(
        rss(
            rss_item("Short", "https://news.example/short", "Two killed in shelling."),
            rss_item("Cut", "https://news.example/cut", truncated),
        )
    )
    page = FetchedPage(url="https://news.example/short?amp", data=ARTICLE_PAGE, encoding="utf-8")
    fetcher = FakeFetcher(
        {"https://news.example/short": page, "https://news.example/cut": ARTICLE_PAGE}
    )
    short, cut = ingest(path, fetcher)
    assert fetcher.requested == ["https://news.example/short", "https://news.example/cut"]
    assert isinstance(short, RawItem) and short.data == ARTICLE_PAGE
    assert (short.url, short.encoding, short.title) == (
        "https://news.example/short?amp",
        "utf-8",
        "Short",
    )
    assert short.published_from is DateProvenance.METADATA
    assert isinstance(cut, RawItem) and cut.data == ARTICLE_PAGE


def test_failed_fetch_falls_back_to_summary_or_errors(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(
        rss(
            rss_item("Has summary", "https://news.example/down", "Troops withdrew."),
            rss_item("No summary", "https://news.example/gone", ""),
            rss_item("Nothing", None, ""),
            rss_item("Good", "https://news.example/ok", "Talks."),
        )
    )
    down = IngestError(Code.FETCH_FAILED, "timed out")
    fetcher = FakeFetcher(
        {"https://news.example/down": down, "https://news.example/ok": ARTICLE_PAGE}
    )
    fallback, gone, nothing, good = ingest(path, fetcher)
    assert isinstance(fallback, RawItem) and fallback.data == b"Troops withdrew."
    assert isinstance(gone, ItemError) and gone.code == Code.FETCH_FAILED.value
    assert gone.origin == f"{path}#1"
    assert isinstance(nothing, ItemError) and nothing.code == Code.BAD_RECORD.value
    assert isinstance(good, RawItem) and good.data == ARTICLE_PAGE


def test_binary_link_target_falls_back_to_summary(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(rss_item("PDF", "https://news.example/r.pdf", "Report summary.")))
    fetcher = FakeFetcher({"https://news.example/r.pdf": b"%PDF-1.7\n\x00\x01"})
    (item,) = ingest(path, fetcher)
    assert isinstance(item, RawItem) and item.data == b"Report summary."


def test_follow_links_off_keeps_summaries(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(rss_item("Short", "https://news.example/short", "Two killed.")))
    fetcher = FakeFetcher({"https://news.example/short": ARTICLE_PAGE})
    (item,) = ingest(path, fetcher, follow_links=False)
    assert fetcher.requested == []
    assert isinstance(item, RawItem) and item.data == b"Two killed."


def test_atom_entry_uses_updated_when_no_published(tmp_path: Path) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Desk</title><entry><title>Truce</title>"
        '<link href="https://atom.example/truce"/><updated>2021-11-16T10:00:00Z</updated>'
        f'<content type="html"><![CDATA[{LONG_STORY}]]></content></entry></feed>'
    )
    path = tmp_path / "desk.atom"
    path.write_text(atom)
    (item,) = ingest(path, FakeFetcher({}))
    assert isinstance(item, RawItem)
    assert (item.published, item.source) == ("2021-11-16T10:00:00Z", "Atom Desk")
    assert item.url == "https://atom.example/truce"
    assert "line of contact" in item.data.decode()


def test_malformed_feed_then_good_file(tmp_path: Path) -> None:
    (tmp_path / "a_bad.rss").write_bytes(b'<rss version="2.0"><channel><title>A</title></chan')
    (tmp_path / "b_good.txt").write_text("Still read.")
    items = list(iter_items([str(tmp_path)], fetcher=FakeFetcher({})))
    assert isinstance(items[0], ItemError) and items[0].code == Code.BAD_FEED.value
    assert isinstance(items[1], RawItem) and items[1].data == b"Still read."


def test_feed_item_cap(tmp_path: Path) -> None:
    path = tmp_path / "many.rss"
    path.write_bytes(rss(*(rss_item(f"N{n}", None, "", LONG_STORY) for n in range(5))))
    items = ingest(path, FakeFetcher({}), max_feed_items=3)
    assert [i.title for i in items if isinstance(i, RawItem)] == ["N0", "N1", "N2"]
    assert isinstance(items[-1], ItemError) and items[-1].code == Code.TOO_LARGE.value


def test_damaged_feed_keeps_the_entries_it_recovers(tmp_path: Path) -> None:
    path = tmp_path / "damaged.rss"
    path.write_bytes(rss(rss_item("Kept", None, "", LONG_STORY)).replace(b"</channel>", b""))
    (item,) = ingest(path, FakeFetcher({}))
    assert isinstance(item, RawItem) and item.title == "Kept"

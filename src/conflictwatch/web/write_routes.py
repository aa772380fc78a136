"""POST /api/documents: one article through the whole pipeline (ingest, extract, link)."""

from __future__ import annotations

import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from conflictwatch.link import link_documents
from conflictwatch.model import DateProvenance, ItemError, MediaType, Overrides, RawItem
from conflictwatch.pipeline import extract_stored, process_item
from conflictwatch.web.errors import WRITE_ERROR_RESPONSES, ApiError
from conflictwatch.web.state import WebState, web_state

router = APIRouter(prefix="/api", responses=WRITE_ERROR_RESPONSES)

#: A plain-text upload with fewer words than this (runs of two or more letters, any script) is a
#: table of numbers or a stray fragment, not an article; it is refused before anything is stored.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")

_bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


class NewDocument(BaseModel):
    """An article to add: `text` or `html` (exactly one), with what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    html: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None, max_length=64, description="As stated: 2020-10-05, 2020-10, ..."
    )
    source: str | None = Field(default=None, max_length=200, description="The outlet's name.")

    @model_validator(mode="after")
    def _one_body(self) -> NewDocument:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class Stored(BaseModel):
    """What the pipeline did with the article."""

    document: dict[str, Any]
    outcome: str  # inserted, updated, unchanged
    duplicate_of: str | None
    mentions: int
    incidents_written: int


def require_writer(
    state: Annotated[WebState, Depends(web_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> WebState:
    """Writing needs the configured token; a server started without one refuses every write."""
    if state.token is None:
        raise ApiError(403, "this server is read-only: start it with a token to accept documents")
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise ApiError(401, "missing Authorization: Bearer <token>", headers=challenge)
    given = credentials.credentials.encode("utf-8")
    if not hmac.compare_digest(given, state.token.encode("utf-8")):
        raise ApiError(401, "wrong token", headers=challenge)
    return state


def _raw_item(body: NewDocument) -> RawItem:
    html = body.html is not None
    content = body.html if html else body.text
    return RawItem(
        origin=f"api:{body.url}" if body.url else "api",
        data=(content or "").encode("utf-8"),
        media_type=MediaType.HTML if html else MediaType.TEXT,
        url=body.url,
        title=body.title,
        published=body.published,
        published_from=DateProvenance.GIVEN if body.published else None,
        source=body.source,
        encoding="utf-8",
    )


@router.post("/documents", response_model=Stored, status_code=201, tags=["documents"])
def add_document_route(
    body: NewDocument, state: Annotated[WebState, Depends(require_writer)]
) -> Stored:
    """Ingest one article, extract its events and link them into incidents."""
    if body.text is not None and len(_WORD.findall(body.text, 0, 100_000)) < MIN_WORDS:
        raise ApiError(422, "the text holds no words: not an article", code="not_an_article")
    store = state.store
    with state.write_lock:
        result = process_item(store, _raw_item(body), overrides=Overrides(), today=None)
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

"""The REST API (issue 6): FastAPI over the store; `serve` runs it with uvicorn."""

from conflictwatch.web.app import MAX_BODY_BYTES, create_app, serve

__all__ = ["MAX_BODY_BYTES", "create_app", "serve"]

"""The REST API (issue 6): FastAPI over the store; `serve` runs it with uvicorn."""

from conflictwatch.web.app import create_app, serve

__all__ = ["create_app", "serve"]

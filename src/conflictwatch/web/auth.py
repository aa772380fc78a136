"""Bearer tokens: writing always needs the write token; reading needs a token only when the server
is configured with a read token (the write token reads too)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from conflictwatch.web.errors import ApiError
from conflictwatch.web.state import WebState, web_state

bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")

Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _matches(credentials: HTTPAuthorizationCredentials, *tokens: str | None) -> bool:
    given = credentials.credentials.encode("utf-8")
    # Every configured token is compared (in constant time), whichever matches first.
    found = [hmac.compare_digest(given, token.encode("utf-8")) for token in tokens if token]
    return any(found)


async def require_writer(
    state: Annotated[WebState, Depends(web_state)], credentials: Credentials
) -> WebState:
    """Writing needs the configured token; a server started without one refuses every write."""
    if state.token is None:
        raise ApiError(403, "this server is read-only: start it with a token to accept documents")
    if credentials is None:
        raise ApiError(401, "missing Authorization: Bearer <token>", headers=_CHALLENGE)
    if not _matches(credentials, state.token):
        raise ApiError(401, "wrong token", headers=_CHALLENGE)
    return state


async def require_reader(
    state: Annotated[WebState, Depends(web_state)], credentials: Credentials
) -> None:
    """Reading is open unless a read token is configured; then it or the write token is needed."""
    if state.read_token is None:
        return
    if credentials is None:
        raise ApiError(
            401, "this server needs Authorization: Bearer <token> to read", headers=_CHALLENGE
        )
    if not _matches(credentials, state.read_token, state.token):
        raise ApiError(401, "wrong token", headers=_CHALLENGE)

"""The write endpoints' guard: a bearer token compared in constant time."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from conflictcoder.api.state import ApiState, get_state

_bearer = HTTPBearer(auto_error=False, description="the server's CONFLICTCODER_TOKEN")


def require_token(
    state: Annotated[ApiState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """403 when the server has no token (writes disabled); 401 without the right one."""
    if not state.token:
        raise HTTPException(
            403,
            "write endpoints are disabled: start the server with CONFLICTCODER_TOKEN set",
        )
    given = credentials.credentials if credentials is not None else ""
    if not given or not secrets.compare_digest(given.encode(), state.token.encode()):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is needed to write",
            headers={"WWW-Authenticate": "Bearer"},
        )

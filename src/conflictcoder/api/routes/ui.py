"""GET /: the browser UI's index.html (or a short page saying the UI is not built)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, HTMLResponse, Response

from conflictcoder.api.state import ApiState, get_state

router = APIRouter(include_in_schema=False)

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conflictcoder</title></head>
<body><h1>conflictcoder</h1>
<p>The browser UI is not built. The API is at <a href="/api/events">/api/events</a>;
its description at <a href="/openapi.json">/openapi.json</a>.</p></body></html>
"""


@router.get("/")
def index(state: Annotated[ApiState, Depends(get_state)]) -> Response:
    page = state.static_dir / "index.html"
    if page.is_file():
        return FileResponse(page, media_type="text/html; charset=utf-8")
    return HTMLResponse(NOT_BUILT)

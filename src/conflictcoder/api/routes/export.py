"""GET /api/export: the filtered events as a file in one of the export formats."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from conflictcoder.api.params import event_filters
from conflictcoder.api.state import get_session
from conflictcoder.export import EXPORTERS
from conflictcoder.store import queries
from conflictcoder.store.rows import EventFilters

router = APIRouter(prefix="/api", tags=["export"])
Format = Literal["acled-csv", "plover-json", "geojson", "parquet"]
# format → (media type, file extension)
MEDIA: dict[str, tuple[str, str]] = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "plover-json": ("application/json", "json"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get(
    "/export",
    summary="the filtered events as ACLED CSV, PLOVER JSON, GeoJSON or Parquet",
    response_class=FileResponse,
    responses={200: {"content": {media: {} for media, _ in MEDIA.values()}}},
)
def export(
    format: Format,
    session: Annotated[Session, Depends(get_session)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> FileResponse:
    media, suffix = MEDIA[format]
    handle, name = tempfile.mkstemp(prefix="conflictcoder-export-", suffix=f".{suffix}")
    os.close(handle)
    path = Path(name)
    try:
        EXPORTERS[format](queries.iter_event_rows(session, filters), path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=media,
        filename=f"conflictcoder-events.{suffix}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )

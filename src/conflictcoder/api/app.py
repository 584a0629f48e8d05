"""The app factory: one store, the API routers, the UI's static files, limits and headers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from conflictcoder import __version__
from conflictcoder.api.coding import Rejected
from conflictcoder.api.hosts import AllowedHosts, HostRule
from conflictcoder.api.middleware import MAX_BODY, BodyLimit, HeadAsGet, SecurityHeaders
from conflictcoder.api.routes import coding, documents, events, export, stats, ui
from conflictcoder.api.state import ApiState
from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError
from conflictcoder.store import database_url, open_store
from conflictcoder.store.queries import search_engine

STATIC_DIR = Path(__file__).resolve().parents[1] / "ui" / "static"
EXTRACT_TIMEOUT = 60.0
EXTRACT_WORKERS = 2


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    config: Config | None = None,
    static_dir: Path | None = None,
    max_body: int = MAX_BODY,
    extract_timeout: float = EXTRACT_TIMEOUT,
    allowed_hosts: list[HostRule] | None = None,
) -> FastAPI:
    """The API over the store at ``db_url`` (``database_url`` rules: a URL or SQLite file,
    else CONFLICTCODER_DB, else the default file; created and migrated when missing).

    Write endpoints need ``token`` (default: CONFLICTCODER_TOKEN); without one they are
    disabled. Request bodies over ``max_body`` bytes get 413; extraction taking longer than
    ``extract_timeout`` seconds gets 504. With ``allowed_hosts`` (``hosts.served_hosts``, as
    ``serve`` passes), a request whose Host header no rule allows gets 400; without, every
    Host is answered. HEAD is answered on every GET route. Raises StoreError when the store
    cannot be opened.
    """
    url = database_url(db_url)
    store = open_store(url)
    state = ApiState(
        store=store,
        db_url=url,
        token=token if token is not None else os.environ.get("CONFLICTCODER_TOKEN") or None,
        config=config or Config.from_env(),
        static_dir=static_dir or STATIC_DIR,
        search=search_engine(store.engine),
        extract_timeout=extract_timeout,
        workers=EXTRACT_WORKERS,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.shutdown()

    app = FastAPI(
        title="conflictcoder",
        version=__version__,
        summary="Conflict event records: stored events, fused events, documents, extraction.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: we serve offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.conflictcoder = state
    for module in (events, documents, export, stats, coding, ui):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=state.static_dir, check_dir=False), name="static")
    _add_error_handlers(app)
    # The last added runs first: HEAD becomes GET before anything else sees it.
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if allowed_hosts is not None:
        app.add_middleware(AllowedHosts, rules=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Rejected)
    async def rejected(_request: Request, exc: Rejected) -> JSONResponse:
        return JSONResponse({"detail": exc.reason, "stage": exc.stage}, status_code=422)

    @app.exception_handler(SQLAlchemyError)
    async def database(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        return JSONResponse({"detail": f"the store cannot be read: {reason}"}, status_code=503)

    @app.exception_handler(ConflictcoderError)
    async def ours(_request: Request, exc: ConflictcoderError) -> JSONResponse:
        return JSONResponse({"detail": f"{type(exc).__name__}: {exc}"}, status_code=503)

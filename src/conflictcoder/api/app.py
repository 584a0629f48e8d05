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
from conflictcoder.api.coding import CodingFailed, Rejected
from conflictcoder.api.hosts import AllowedHosts, HostRule
from conflictcoder.api.middleware import MAX_BODY, BodyLimit, HeadAsGet, SecurityHeaders
from conflictcoder.api.pool import Busy, CodingPool
from conflictcoder.api.routes import coding, documents, events, export, stats, ui
from conflictcoder.api.state import ApiState
from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError
from conflictcoder.store import database_url, open_store
from conflictcoder.store.queries import search_engine

STATIC_DIR = Path(__file__).resolve().parents[1] / "ui" / "static"
EXTRACT_TIMEOUT = 60.0
# Each worker holds the model (~0.3 GB) and up to ~0.5 GB more while coding a 1 MB text.
EXTRACT_WORKERS = 2
EXTRACT_QUEUE = 2


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    config: Config | None = None,
    static_dir: Path | None = None,
    max_body: int = MAX_BODY,
    extract_timeout: float = EXTRACT_TIMEOUT,
    allowed_hosts: list[HostRule] | None = None,
    workers: int | None = None,
    queue: int | None = None,
    start_workers: bool = False,
) -> FastAPI:
    """The API over the store at ``db_url`` (``database_url`` rules: a URL or SQLite file,
    else CONFLICTCODER_DB, else the default file; created and migrated when missing).

    Write endpoints need ``token`` (default: CONFLICTCODER_TOKEN); without one they are
    disabled. Request bodies over ``max_body`` bytes get 413; extraction taking longer than
    ``extract_timeout`` seconds gets 504, and the worker process coding it is killed (and
    replaced). At most ``workers`` texts (default: CONFLICTCODER_WORKERS, else 2) are coded
    at once, in worker processes that load the model once, and ``queue`` more (default:
    CONFLICTCODER_QUEUE, else 2) wait; a coding request beyond that gets 503 with
    Retry-After at once. The workers start on the first coding request, or with the app
    when ``start_workers``. With ``allowed_hosts`` (``hosts.served_hosts``, as
    ``serve`` passes), a request whose Host header no rule allows gets 400; without, every
    Host is answered. HEAD is answered on every GET route. Raises StoreError when the store
    cannot be opened, ConflictcoderError when a pool size is not a number.
    """
    size = workers if workers is not None else _env_count("CONFLICTCODER_WORKERS", EXTRACT_WORKERS)
    waiting = queue if queue is not None else _env_count("CONFLICTCODER_QUEUE", EXTRACT_QUEUE)
    if size < 1 or waiting < 0:
        raise ConflictcoderError(
            f"the coding pool needs >= 1 worker and a queue >= 0: {size}, {waiting}"
        )
    url = database_url(db_url)
    store = open_store(url)
    settings = config or Config.from_env()
    state = ApiState(
        store=store,
        db_url=url,
        token=token if token is not None else os.environ.get("CONFLICTCODER_TOKEN") or None,
        config=settings,
        static_dir=static_dir or STATIC_DIR,
        search=search_engine(store.engine),
        extract_timeout=extract_timeout,
        pool=CodingPool(settings, size=size, queue=waiting),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if start_workers:
            state.pool.start()
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


def _env_count(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise ConflictcoderError(f"{name}={text!r} is not a whole number")
    return int(text)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Busy)
    async def busy(_request: Request, exc: Busy) -> JSONResponse:
        return JSONResponse(
            {"detail": str(exc)}, status_code=503, headers={"Retry-After": str(exc.retry_after)}
        )

    @app.exception_handler(CodingFailed)
    async def failed(_request: Request, exc: CodingFailed) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

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

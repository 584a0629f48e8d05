"""A Dask client: a LocalCluster of worker processes on this machine, or a running scheduler.

The same code runs on a laptop and on a cluster (``--scheduler tcp://host:8786``, or a
scheduler started by dask-jobqueue / dask-kubernetes). Workers must have conflictcoder
installed and see the input files and ``--out`` under the same paths.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster

from conflictcoder.errors import InputError

# Like the scheduler and workers of a local cluster, the dashboard listens on loopback only.
DASHBOARD_ADDRESS = "127.0.0.1:8787"


@contextmanager
def open_client(
    scheduler: str | None = None,
    *,
    workers: int = 2,
    threads_per_worker: int = 1,
    memory_limit: str | int = "auto",
    dashboard_address: str | None = DASHBOARD_ADDRESS,
) -> Iterator[Client]:
    """A connected client; the LocalCluster it started (if any) is closed on exit.

    ``memory_limit`` is per worker ("4GiB", a byte count, or "auto": the machine's memory
    shared among the workers); a worker past it is restarted by its nanny and its task
    runs again. ``dashboard_address`` is HOST:PORT (default loopback only, as the scheduler
    and workers are); None turns the dashboard off.
    """
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); is it running?",
                stage="usage",
            ) from exc
        with client:
            yield client
        return
    if workers <= 0 or threads_per_worker <= 0:
        raise InputError("--workers and --threads-per-worker must be positive", stage="usage")
    try:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=threads_per_worker,
            processes=True,
            memory_limit=memory_limit,
            dashboard_address=dashboard_address if has_dashboard() else None,
            silence_logs=logging.ERROR,
        )
    except (ValueError, TypeError) as exc:
        raise InputError(f"cannot start the local cluster: {exc}", stage="usage") from exc
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def has_dashboard() -> bool:
    """The dashboard needs bokeh; without it there is no page to link to."""
    return importlib.util.find_spec("bokeh") is not None


def dashboard_line(client: Client) -> str:
    """One line for the terminal: where to watch the run."""
    if client.cluster is not None and not has_dashboard():  # a remote scheduler has its own
        return "dashboard: off (install bokeh>=3.1 to get Dask's live dashboard)"
    return f"dashboard: {client.dashboard_link}"

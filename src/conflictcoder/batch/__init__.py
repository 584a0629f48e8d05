"""Batch coding on Dask: many documents, partitioned, resumable, written as Parquet.

``run_batch(inputs, config, client, BatchOptions(out=...))`` plans the partitions
(``plan``), runs one task per unfinished partition on the workers (``task``), which read
their documents (``readers``) and write ``events/``, ``documents/`` and ``rejections/``
Parquet files (``tables``) and a done-marker (``manifest``); ``cluster.open_client`` gives
a LocalCluster or a client of a running scheduler.
"""

from conflictcoder.batch.cluster import open_client
from conflictcoder.batch.driver import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "open_client", "run_batch"]

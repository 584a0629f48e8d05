"""Two Dask workers over a 2,000-document corpus give the single-process events, byte for byte."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, run_batch
from conflictcoder.config import Config
from conflictcoder.extract import extract_paths, extract_raw
from conflictcoder.records import RawInput, Record, Rejection
from conflictcoder.serialize import document_json, dumps, event_json
from tests.batch.conftest import leftovers, rows
from tests.batch.corpus import write_mixed

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

DOCUMENTS = 2000


def _single_process(inputs: list[str], config: Config) -> list[Record | Rejection]:
    """The one-process path: extract over the JSONL file and the folder, and extract_raw over
    the Parquet rows (read here with pyarrow, not with the batch's reader)."""
    jsonl, parquet, folder = inputs
    results = list(extract_paths([jsonl, folder], config))
    for row in pq.read_table(parquet).to_pylist():
        raw = RawInput(
            path=parquet,
            text=row["text"],
            id=row["id"],
            url=row["url"],
            title=row["title"],
        )
        results.append(extract_raw(raw, config))
    return results


def _event_lines(events: list[dict[str, object]]) -> list[str]:
    return sorted(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in events)


def test_two_workers_give_the_single_process_events(
    tmp_path: Path, client: Client, config: Config
) -> None:
    inputs = write_mixed(tmp_path / "in", DOCUMENTS)
    out = tmp_path / "out"

    started = time.perf_counter()
    summary = run_batch(inputs, config, client, BatchOptions(out=out, partition_size=100))
    batch_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reference = _single_process(inputs, config)
    single_seconds = time.perf_counter() - started
    print(f"batch {batch_seconds:.1f} s, single process {single_seconds:.1f} s")

    records = [r for r in reference if isinstance(r, Record)]
    assert len(records) == DOCUMENTS, "the generated corpus codes without rejections"
    expected = _event_lines([event_json(e) for r in records for e in r.events])
    assert len(expected) >= DOCUMENTS, "the templates give at least one event a document"

    got = _event_lines([json.loads(row["event_json"]) for row in rows(out, "events")])
    only_batch, only_single = sorted(set(got) - set(expected)), sorted(set(expected) - set(got))
    assert got == expected, (len(got), len(expected), only_batch[:2], only_single[:2])
    # The documents too: the same contract JSON, text and all.
    documents = rows(out, "documents")
    assert sorted(row["document_json"] for row in documents) == sorted(
        dumps(document_json(r.document)) for r in records
    )
    assert rows(out, "rejections") == []

    assert summary.documents == summary.coded == DOCUMENTS
    assert summary.events == len(expected)
    assert not summary.failed, summary.failed
    assert summary.run == summary.partitions == 20 and summary.skipped == 0
    assert not leftovers(out), leftovers(out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == DOCUMENTS and len(manifest["partitions"]) == 20

"""A rerun skips finished partitions; a changed input reruns only its partition."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, run_batch
from conflictcoder.config import Config
from tests.batch.conftest import rows
from tests.batch.corpus import corpus, write_folder, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def _hashes(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*.parquet"))
    }


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_rerun_skips_and_a_change_reruns_only_its_partition(
    tmp_path: Path, client: Client, config: Config
) -> None:
    docs = corpus(100, seed=11)
    jsonl = write_jsonl(tmp_path / "feed.jsonl", docs[:80])
    folder = write_folder(tmp_path / "pages", docs[80:])
    inputs = [str(jsonl), str(folder)]
    out = tmp_path / "out"
    options = BatchOptions(out=out, partition_size=20)

    first = run_batch(inputs, config, client, options)
    assert (first.partitions, first.run, first.skipped) == (5, 5, 0)
    files = _hashes(out)
    manifest = (out / "manifest.json").read_bytes()

    again = run_batch(inputs, config, client, options)
    assert (again.run, again.skipped) == (0, 5)
    assert (again.documents, again.events) == (first.documents, first.events)
    assert _hashes(out) == files and (out / "manifest.json").read_bytes() == manifest

    # One line of the JSONL file (in its 3rd partition) and one page change.
    new_text = "Baku, 3 May 2022: Armenian forces shelled positions near Lachin, injuring four."
    docs[45] = {**docs[45], "text": new_text}
    write_jsonl(jsonl, docs[:80])
    (folder / f"{docs[90]['id']}.txt").write_text(docs[90]["text"].replace(" on ", " late on "))
    changed = run_batch(inputs, config, client, options)
    assert (changed.run, changed.skipped) == (2, 3)
    parts = {Path(name).stem for name in _changed(files, _hashes(out))}
    assert len(parts) == 2, parts
    assert any(p.startswith("jsonl-") and p.endswith("-00002") for p in parts)
    assert any(p.startswith("files-") for p in parts)
    document = next(r for r in rows(out, "documents") if r["document_id"] == docs[45]["id"])
    assert new_text in document["document_json"]

    # The file shrinks by a whole partition: its last chunk's outputs go, nothing counts twice.
    write_jsonl(jsonl, docs[:60])
    shrunk = run_batch(inputs, config, client, options)
    assert (shrunk.removed, shrunk.run, shrunk.documents) == (1, 0, 80)
    ids = [r["document_id"] for r in rows(out, "documents")]
    assert len(ids) == len(set(ids)) == 80
    assert json.loads((out / "manifest.json").read_text())["documents"] == 80

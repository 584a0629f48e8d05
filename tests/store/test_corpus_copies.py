"""The am-az reports of the shared corpus: the Daily Mail's rolling story on the Su-25 claim
was posted four times as it grew (29 Sep - 1 Oct); the three later posts are linked to the
first as copies and fusion counts the four as one source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from conflictcoder.cli import main
from conflictcoder.store import open_store
from conflictcoder.store.queries import event_row
from tests.conftest import shared_path

pytestmark = pytest.mark.slow

ORIGINAL = "am-az-2020-09-29-armenia-claims-turkish-f16-downed-su25.txt"
COPIES = (
    "am-az-2020-09-30-armenia-photos-su25-wreckage.txt",
    "am-az-2020-09-30-russia-accuses-turkey-sending-fighters.txt",
    "am-az-2020-10-01-trump-putin-macron-ceasefire-call.txt",
)


def test_am_az_wire_copies_are_linked_and_counted_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = shared_path("corpus")
    folder = tmp_path / "am-az"
    folder.mkdir()
    for path in sorted(corpus.glob("am-az-*")):
        shutil.copy(path, folder / path.name)
    db = f"sqlite:///{tmp_path / 'am-az.db'}"
    assert main(["ingest", str(folder), "--db", db, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["stored"] == 8
    assert summary["copies"] == len(COPIES)
    with open_store(db) as store:
        rows = list(store.event_rows())
        documents = {}
        for row in rows:
            doc = row["document"]
            documents[Path(doc["path"]).name] = doc
        original_id = documents[ORIGINAL]["id"]
        assert {name: documents[name]["copy_of"] for name in COPIES} == dict.fromkeys(
            COPIES, original_id
        )
        others = set(documents) - set(COPIES)
        assert all(documents[name]["copy_of"] is None for name in others)
        # Every fused event counts the story's four posts as one source.
        by_id = {doc["id"]: doc for doc in documents.values()}
        story = {original_id, *(documents[name]["id"] for name in COPIES)}
        whole_story = 0
        with Session(store.engine) as session:
            for fused_id in sorted({r["fused_id"] for r in rows if r["fused_id"]}):
                member = next(r for r in rows if r["fused_id"] == fused_id)
                detail = event_row(session, member["event"]["id"])
                assert detail is not None
                sources = detail["sources"]
                told = {r["document"]["id"] for r in rows if r["fused_id"] == fused_id}
                roots = {by_id[d]["copy_of"] or d for d in told}
                assert sources["independent"] == len(roots) == len(sources["originals"])
                assert sources["documents"] >= len(told)
                if story <= told:
                    whole_story += 1
                    assert original_id in sources["originals"]
                    assert sources["independent"] == len(told) - len(COPIES)
        assert whole_story > 0

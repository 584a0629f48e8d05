"""Fusion across documents: both sides' versions of one clash fuse; other happenings stay apart."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.records import Record
from conflictcoder.serialize import record_json
from conflictcoder.store.fusion import Fused, assign_fused_ids, fuse, fused_json
from tests.conftest import shared_path

# Our own short reports in the style of ministry statements: one clash told by both sides,
# the same kind of event far away, and the same place a week later.
REPORTS = {
    "am.txt": "YEREVAN, March 14, 2023 — The Ministry of Defence of Armenia said on Tuesday that "
    "Azerbaijani armed forces shelled the village of Sotk in Gegharkunik Province with mortars "
    "on March 14. Two Armenian servicemen were killed, the ministry said.\n",
    "az.txt": "BAKU, March 14, 2023 — The Ministry of Defense of Azerbaijan denied that its units "
    "shelled the village of Sotk on March 14. The ministry said Armenian armed forces fired "
    "first at Azerbaijani positions near Sotk, and that there were no casualties.\n",
    "far.txt": "YEREVAN, March 14, 2023 — The Ministry of Defence of Armenia said on Tuesday that "
    "Azerbaijani armed forces shelled the town of Meghri in Syunik Province with mortars on "
    "March 14. One Armenian serviceman was killed.\n",
    "week.txt": "YEREVAN, March 22, 2023 — The Ministry of Defence of Armenia said on Wednesday "
    "that Azerbaijani armed forces shelled the village of Sotk in Gegharkunik Province with "
    "mortars on March 22. One Armenian serviceman was wounded.\n",
}


def event_rows(records: list[Record]) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        obj = record_json(record)
        document = {k: v for k, v in obj["document"].items() if k not in ("text", "removed")}
        rows += [{"document": document, "event": e, "fused_id": None} for e in obj["events"]]
    return rows


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    from conflictcoder.extract import extract_paths

    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        records = [
            r for r in extract_paths([str(folder / name)], Config()) if isinstance(r, Record)
        ]
        out[name] = event_rows(records)
    return out


def _doc(rows: list[dict[str, Any]]) -> str:
    return str(rows[0]["document"]["id"])


def _groups_with(fused: list[Fused], doc: str) -> list[Fused]:
    return [f for f in fused if doc in f.documents and len(f.documents) > 1]


def test_two_sides_of_one_clash_fuse_with_both_versions(rows: dict[str, Any]) -> None:
    am, az = rows["am.txt"], rows["az.txt"]
    fused = fuse(am + az)
    [clash] = _groups_with(fused, _doc(am))
    assert set(clash.documents) == {_doc(am), _doc(az)}
    assert clash.plover_type == "ASSAULT"
    assert (clash.fatalities_min, clash.fatalities_max, clash.fatalities_conflict) == (0, 2, True)
    assert clash.contested
    stances = {(s[2], s[3], s[4]) for s in clash.stances}
    # Armenia asserts the shelling; Azerbaijan's statement carries the denied claim and its own
    # counter-version; its denial (REJECT) is linked too
    assert ("ARM", "asserted", "version") in stances
    assert ("ARM", "denied", "denied") in stances
    assert ("AZE", "asserted", "version") in stances
    assert [d.document_id for d in clash.denials] == [_doc(az)]
    assert clash.date_start == clash.date_end == "2023-03-14"
    assert clash.point is not None
    summary = fused_json(clash)
    assert summary["fatalities"] == {"min": 0, "max": 2, "conflict": True}
    assert len(summary["members"]) == len(clash.members) == 3


def test_other_place_and_other_week_stay_apart(rows: dict[str, Any]) -> None:
    everything = [r for name in sorted(rows) for r in rows[name]]
    fused = fuse(everything)
    for name in ("far.txt", "week.txt"):
        assert _groups_with(fused, _doc(rows[name])) == [], name
    [clash] = _groups_with(fused, _doc(rows["am.txt"]))
    assert set(clash.documents) == {_doc(rows["am.txt"]), _doc(rows["az.txt"])}


def test_same_document_never_fuses_two_versions(rows: dict[str, Any]) -> None:
    for f in fuse([r for name in sorted(rows) for r in rows[name]]):
        versions = [m.document_id for m in f.members if m.role == "version"]
        assert len(versions) == len(set(versions))


def test_stable_under_shuffling_and_rerun(rows: dict[str, Any]) -> None:
    everything = [r for name in sorted(rows) for r in rows[name]]
    expected = [fused_json(f) for f in fuse(everything)]
    for seed in range(5):
        shuffled = everything[:]
        random.Random(seed).shuffle(shuffled)
        assert [fused_json(f) for f in fuse(shuffled)] == expected
    ids = {f.id for f in fuse(everything)}
    assert all(f.id.startswith("fz-") for f in fuse(everything)) and len(ids) == len(expected)


def test_every_row_gets_a_fused_id_and_denial_joins_its_claim(rows: dict[str, Any]) -> None:
    am, az = rows["am.txt"], rows["az.txt"]
    assigned = assign_fused_ids(am + az, fuse(am + az))
    assert all(row["fused_id"] for row in assigned)
    shelling = next(r for r in assigned if r["event"]["category"] == "shelling")
    denial = next(r for r in assigned if r["event"]["plover"]["type"] == "REJECT")
    assert denial["fused_id"] == shelling["fused_id"]


def _row(doc: str, eid: str, day: str, lat: float, lon: float, actor1: str) -> dict[str, Any]:
    return {
        "document": {"id": doc},
        "event": {
            "id": eid,
            "category": "shelling",
            "plover": {"type": "ASSAULT", "mode": "heavy-weapons"},
            "acled": {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
            },
            "actors": [{"role": "actor1", "country": actor1, "sector": "military"}],
            "locations": [
                {
                    "name": "p",
                    "country": "ARM",
                    "admin1": "a",
                    "lat": lat,
                    "lon": lon,
                    "feature": "village",
                    "precision": 1,
                }
            ],
            "date": {"start": day, "end": day, "precision": "day"},
            "fatalities": {"min": 3, "max": 3},
            "attribution": {"claimant": {"name": "x", "country": "ARM"}, "stance": "asserted"},
        },
        "fused_id": None,
    }


def test_distance_date_and_actor_rules() -> None:
    base = _row("d1", "e1", "2023-03-14", 40.0, 45.0, "AZE")
    near = _row("d2", "e2", "2023-03-15", 40.1, 45.1, "AZE")  # ~14 km, next day
    far = _row("d3", "e3", "2023-03-14", 40.5, 45.0, "AZE")  # ~55 km
    late = _row("d4", "e4", "2023-03-17", 40.0, 45.0, "AZE")  # three days later
    other = _row("d5", "e5", "2023-03-14", 40.0, 45.0, "TUR")  # another actor, same claimant
    fused = fuse([base, near, far, late, other])
    together = [f for f in fused if len(f.members) > 1]
    assert [sorted(f.documents) for f in together] == [["d1", "d2"]]
    assert together[0].fatalities_conflict is False


def test_bad_rows_raise_input_error() -> None:
    with pytest.raises(InputError, match=r"document\.id"):
        fuse([{"event": {"id": "x"}}])
    row = _row("d1", "e1", "2023-03-14", 40.0, 45.0, "AZE")
    with pytest.raises(InputError, match="given twice"):
        fuse([row, row])
    row["event"]["date"]["start"] = "14/03/2023"
    with pytest.raises(InputError, match="bad date"):
        fuse([row])


def test_ten_thousand_rows_fuse_quickly() -> None:
    rnd = random.Random(3)
    rows = [
        _row(
            f"d{i // 3}",
            f"e{i}",
            f"2023-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}",
            rnd.uniform(38.0, 42.0),
            rnd.uniform(43.0, 47.0),
            rnd.choice(("AZE", "ARM", "TUR")),
        )
        for i in range(10_000)
    ]
    start = time.perf_counter()
    fused = fuse(rows)
    assert time.perf_counter() - start < 15
    assert sum(len(f.members) for f in fused) == len(rows)


@pytest.mark.slow
def test_corpus_opposing_reports_fuse(tmp_path: Path) -> None:
    from conflictcoder.extract import extract_paths

    corpus = shared_path("corpus")
    paths = sorted(
        str(p)
        for p in corpus.glob("am-az-2020-*.txt")
        if "2020-09-27" <= p.name[6:16] <= "2020-10-01"
    )
    if not paths:
        pytest.skip(f"no 2020-09-27..10-01 Armenia–Azerbaijan files in {corpus}")
    records = [r for r in extract_paths(paths, Config()) if isinstance(r, Record)]
    rows = event_rows(records)
    fused = fuse(rows)
    multi = [f for f in fused if len(f.documents) > 1]
    assert multi, "no event fused across documents"
    assert sum(len(f.members) + len(f.denials) for f in fused) == len(rows)
    (tmp_path / "fused.json").write_text(json.dumps([fused_json(f) for f in multi]))

"""Exports load back with pandas, shapely and pyarrow, and carry the values we wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.cli import main
from conflictcoder.export import EXPORTERS
from conflictcoder.export.acled_csv import ACLED_COLUMNS, COLUMNS, time_precision
from conflictcoder.export.parquet import SCHEMA


def _event(eid: str, lat: float | None, lon: float | None, **extra: Any) -> dict[str, Any]:
    location = {
        "text": "Sotk",
        "name": "Sotk",
        "country": "ARM",
        "admin1": "Gegharkunik",
        "admin2": None,
        "lat": lat,
        "lon": lon,
        "geonameid": 616052,
        "feature": "village",
        "precision": 1,
    }
    event = {
        "id": eid,
        "category": "shelling",
        "plover": {"type": "ASSAULT", "mode": "heavy-weapons"},
        "acled": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
        },
        "cameo": "194",
        "trigger": {"start": 10, "end": 17, "text": "shelled"},
        "actors": [
            {
                "role": "actor1",
                "text": "Azerbaijani forces",
                "name": "Armed Forces of Azerbaijan",
                "country": "AZE",
                "sector": "military",
            },
            {
                "role": "target",
                "text": "villagers",
                "name": None,
                "country": "ARM",
                "sector": "civilian",
            },
        ],
        "locations": [
            location,
            {
                **location,
                "text": "the border",
                "name": None,
                "lat": None,
                "lon": None,
                "geonameid": None,
                "feature": "border",
                "precision": 3,
            },
        ],
        "date": {"start": "2023-03-14", "end": "2023-03-14", "precision": "day", "text": None},
        "fatalities": {"min": 2, "max": 2, "unspecified": False, "text": "two killed"},
        "injuries": None,
        "weapons": ["mortar"],
        "attribution": {
            "claimant": {"name": "Ministry of Defense of Armenia", "country": "ARM"},
            "via": [],
            "stance": "asserted",
        },
        "evidence": [
            {"field": "sentence", "start": 0, "end": 40, "text": "Azerbaijani forces shelled Sotk."}
        ],
        "confidence": 0.8,
    }
    event.update(extra)
    return event


def _rows() -> list[dict[str, Any]]:
    document = {
        "id": "doc1",
        "path": "reports/am.txt",
        "url": None,
        "title": "T",
        "published": "2023-03-14",
        "dateline": None,
        "issuer": None,
        "language": "en",
    }
    plain = _event("doc1-a", 40.2, 45.87)
    talk = _event(
        "doc1-b",
        None,
        None,
        category="consult",
        acled=None,
        locations=[],
        plover={"type": "CONSULT", "mode": None},
    )
    return [
        {"document": document, "event": plain, "fused_id": "fz-1"},
        {"document": document, "event": talk, "fused_id": None},
    ]


def test_acled_csv_loads_in_pandas(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    assert EXPORTERS["acled-csv"](_rows(), out) == 1  # the CONSULT event has no ACLED row
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS and tuple(frame.columns[:31]) == ACLED_COLUMNS
    row = frame.iloc[0]
    assert pd.to_datetime(row["event_date"]).date().isoformat() == "2023-03-14"
    assert (row["year"], row["time_precision"], row["geo_precision"]) == ("2023", "1", "1")
    assert (float(row["latitude"]), float(row["longitude"])) == (40.2, 45.87)
    # Azerbaijani forces shelling a village in Armenia act outside their country: External
    # forces (8) on civilians (7), as ACLED codes them.
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "7", "78")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["location"]) == ("51", "Armenia", "Sotk")
    assert row["fatalities"] == "2" and int(row["timestamp"]) > 0
    assert row["event_id_cnty"] == "ARM-doc1-a"
    assert (row["document_id"], row["document_path"], row["fused_id"]) == (
        "doc1",
        "reports/am.txt",
        "fz-1",
    )
    assert row["evidence"] == "Azerbaijani forces shelled Sotk."


def test_time_precision_codes() -> None:
    assert time_precision({"start": "2023-03-14", "end": "2023-03-14", "precision": "day"}) == 1
    assert time_precision({"start": "2023-03-13", "end": "2023-03-15", "precision": "day"}) == 2
    assert time_precision({"start": "2023-03-01", "end": "2023-03-31", "precision": "month"}) == 3
    assert time_precision(None) is None


def test_geojson_is_valid_with_lon_lat_order(tmp_path: Path) -> None:
    shapely_geometry = pytest.importorskip("shapely.geometry")
    out = tmp_path / "events.geojson"
    assert EXPORTERS["geojson"](_rows(), out) == 3
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    point, border, talk = collection["features"]
    shape = shapely_geometry.shape(point["geometry"])
    assert shape.is_valid and shape.geom_type == "Point"
    assert (shape.x, shape.y) == (45.87, 40.2)  # lon, lat
    assert border["geometry"] is None and talk["geometry"] is None
    assert point["properties"]["event_id"] == "doc1-a"
    assert point["properties"]["stance"] == "asserted"
    assert point["properties"]["claimant"] == "Ministry of Defense of Armenia"
    assert talk["properties"]["plover_type"] == "CONSULT"
    assert all(f["type"] == "Feature" for f in collection["features"])


def test_parquet_schema_and_values(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert EXPORTERS["parquet"](_rows(), out) == 2
    table = pq.read_table(out)
    assert table.schema.remove_metadata().equals(SCHEMA)
    first = table.to_pylist()[0]
    assert first["event_id"] == "doc1-a" and first["fused_id"] == "fz-1"
    assert first["date_start"].isoformat() == "2023-03-14"
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == (40.2, 45.87, 1)
    assert first["actors"][0]["country"] == "AZE"
    assert [loc["feature"] for loc in first["locations"]] == ["village", "border"]
    assert json.loads(first["event_json"])["id"] == "doc1-a"
    assert table.to_pylist()[1]["acled_event_type"] is None


def test_plover_json_fields(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    assert EXPORTERS["plover-json"](_rows(), out) == 2
    first = json.loads(out.read_text())[0]
    assert (first["id"], first["date"], first["event"], first["mode"]) == (
        "doc1-a",
        "2023-03-14",
        ["ASSAULT"],
        "heavy-weapons",
    )
    assert [a["code"] for a in first["source"]] == ["AZE"]
    assert [a["sector"] for a in first["recipient"]] == ["CVL"]
    assert first["event_loc"]["geonameid"] == 616052
    assert first["conflictcoder"]["document_path"] == "reports/am.txt"


def test_export_command_from_jsonl(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    record = {
        "schema": "conflictcoder/1",
        "document": _rows()[0]["document"],
        "events": [r["event"] for r in _rows()],
    }
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record) + "\n" + json.dumps({"error": {}}) + "\n")
    out = tmp_path / "out.csv"
    assert main(["export", "--format", "acled-csv", str(out), "--from-jsonl", str(source)]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame["event_id"]) == ["doc1-a"] and frame["fused_id"][0].startswith("fz-")
    none = tmp_path / "none.csv"
    argv = ["export", "--format", "acled-csv", str(none), "--from-jsonl", str(source)]
    assert main([*argv, "--country", "AZE"]) == 0
    assert len(pd.read_csv(none)) == 0
    assert main([*argv, "--near", "40.2,45.9,10", "--stance", "asserted"]) == 0
    assert len(pd.read_csv(none)) == 1
    assert (
        main(
            [
                "export",
                "--format",
                "geojson",
                str(tmp_path / "x" / "y.json"),
                "--from-jsonl",
                str(source),
            ]
        )
        == 1
    )


def test_export_command_rejects_bad_jsonl(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    assert (
        main(["export", "--format", "geojson", str(tmp_path / "o"), "--from-jsonl", str(bad)]) == 1
    )

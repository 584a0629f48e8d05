"""The PLOVER JSON export: the PLOVER manual's (draft 0.7b1) field names and shapes, checked
against the JSON Schema we wrote from the manual, over reports coded by the real pipeline."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conflictcoder.config import Config
from conflictcoder.export import export
from conflictcoder.export.plover_context import contexts
from conflictcoder.export.plover_json import count_code, plover_actor, plover_event
from conflictcoder.extract import extract_paths
from conflictcoder.records import Record
from conflictcoder.serialize import record_json

REPORTS = {
    "shelling.txt": (
        "YEREVAN, September 13, 2022 (Armenpress). Azerbaijani armed forces shelled the village"
        " of Sotk in Gegharkunik with mortars on September 13, killing two soldiers, the"
        " Armenian Defence Ministry said."
    ),
    "convoy.txt": (
        "DAMASCUS, June 17, 2022 (SANA). Gunmen attacked a convoy carrying refugees near a"
        " mosque in Azaz on Friday, killing three civilians, the Interior Ministry said."
    ),
    "clash.txt": (
        "BAKU, July 12, 2020 (APA). Armenian and Azerbaijani troops clashed near Tovuz on"
        " Sunday, the Azerbaijani Defence Ministry said. Four soldiers were wounded."
    ),
}


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("conflictcoder").joinpath("data/plover.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("reports")
    paths = []
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    found = []
    for result in extract_paths(paths, Config()):
        assert isinstance(result, Record)
        record = record_json(result)
        document = {k: v for k, v in record["document"].items() if k not in ("text", "removed")}
        found += [{"document": document, "event": e, "fused_id": None} for e in record["events"]]
    return found


def test_export_of_real_reports_validates_against_the_schema(
    rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "plover.json"
    written, left_out = export("plover-json", rows, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert written == len(data) == len(rows) >= 3 and not left_out
    assert list(_validator().iter_errors(data)) == []
    assaults = [d for d in data if d["event"] == ["ASSAULT"]]
    assert assaults and all(d["quad_code"] == 4 and d["event_scale"] == -9.3 for d in assaults)
    for d in data:
        assert isinstance(d["source"], list) and isinstance(d["recipient"], list)
        assert d["event_text"] and d["text"] and d["cite_info"]["codebook"] == "plover-base-0.7b1"
        assert d["text_info"]["end"] > d["text_info"]["start"]


def test_contexts_come_from_the_events_own_words(rows: list[dict[str, Any]]) -> None:
    by_file = Counter[str]()
    for row in rows:
        name = Path(row["document"]["path"]).name
        by_file.update(f"{name}:{c}" for c in contexts(row["event"], row["document"]))
    # refugees and a mosque in the convoy's sentence; none of that in the shelling report
    assert by_file["convoy.txt:migration"] and by_file["convoy.txt:religion_ethnicity"]
    assert not by_file["shelling.txt:migration"] and by_file["shelling.txt:military"]


def test_status_and_dates_give_the_time_contexts() -> None:
    document = {"published": "2022-09-13"}
    event: dict[str, Any] = {"status": "background", "evidence": [], "actors": []}
    assert contexts(event, document) == ["historical"]
    event = {"status": "hypothetical", "date": {"start": "2022-10-01"}, "evidence": []}
    assert contexts(event, document) == ["future", "hypothetical"]
    event = {
        "evidence": [{"field": "sentence", "text": "Hackers hit the Central Election Commission."}]
    }
    assert contexts(event, document) == ["election", "cyber"]


def test_two_sided_violence_lists_both_sides_as_source() -> None:
    event = {
        "id": "e1",
        "plover": {"type": "ASSAULT", "mode": None},
        "date": {"start": "2020-07-12", "end": "2020-07-12"},
        "actors": [
            {
                "role": "actor1",
                "text": "Armenian troops",
                "name": "Military Forces of Armenia",
                "country": "ARM",
                "sector": "military",
            },
            {
                "role": "actor2",
                "text": "Azerbaijani troops",
                "name": "Military Forces of Azerbaijan",
                "country": "AZE",
                "sector": "military",
            },
        ],
        "injuries": {"min": 4, "max": 4},
        "fatalities": {"min": None, "max": None, "unspecified": True},
    }
    made = plover_event({"document": {}, "event": event})
    assert isinstance(made, dict)
    assert [a["code"] for a in made["source"]] == ["ARM", "AZE"] and made["recipient"] == []
    assert (made["injured"], made["dead"]) == (4, "unspecified")
    consult = {**event, "plover": {"type": "CONSULT", "mode": "visit"}}
    made = plover_event({"document": {}, "event": consult})
    assert isinstance(made, dict)
    assert [a["code"] for a in made["source"]] == ["ARM"]
    assert [a["code"] for a in made["recipient"]] == ["AZE"]


def test_counts_actors_and_undated_events() -> None:
    assert [count_code(c) for c in ({"min": 2, "max": 5}, {"min": 5}, {"max": 3}, None)] == [
        "2-5",
        "5+",
        "0-3",
        None,
    ]
    un = plover_actor({"role": "actor1", "name": "Unidentified Armed Group", "sector": "militia"})
    assert (un["code"], un["sector"]) == (None, "UAF")
    un_body = plover_actor(
        {"role": "mediator", "name": "United Nations", "sector": "international"}
    )
    assert (un_body["code"], un_body["sector"]) == ("IGO", None)
    assert plover_event({"document": {}, "event": {"id": "x", "status": "current"}}) == "no date"
    dated = plover_event({"document": {"published": "2022-09-13"}, "event": {"id": "x"}})
    assert isinstance(dated, dict) and dated["date"] == "2022-09-13"


def test_the_schema_refuses_what_the_manual_does_not_allow() -> None:
    good = {"id": "a", "date": "2022-09-13", "source": [{"code": "ARM"}], "event": ["ASSAULT"]}
    assert list(_validator().iter_errors([good])) == []
    bad = [
        {k: v for k, v in good.items() if k != "source"},
        {**good, "context": ["warfare"]},
        {**good, "event": "ASSAULT"},
        {**good, "source": {"code": "ARM"}},
        {**good, "date": "13/09/2022"},
        {**good, "dead": "many"},
        {**good, "source": [{"code": "ARM", "sector": "ARMY"}]},
    ]
    assert all(list(_validator().iter_errors([b])) for b in bad)

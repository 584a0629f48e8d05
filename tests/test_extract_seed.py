"""Golden test: the reference report, field by field (../shared/examples/seed-report.*)."""

from __future__ import annotations

from typing import Any

import pytest

from conflictcoder.config import Config
from conflictcoder.extract import extract_paths
from conflictcoder.records import Record
from conflictcoder.serialize import dumps, record_json
from tests.conftest import shared_path

# Seats of the four districts (seed-report.expected.md), within 0.1 degree.
SEATS = {
    "Dashkasan": (40.52, 46.08),
    "Kalbajar": (40.11, 46.04),
    "Lachin": (39.64, 46.55),
    "Gadabay": (40.57, 45.81),
}


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    path = shared_path("examples", "seed-report.txt")
    (result,) = list(extract_paths([str(path)], Config()))
    assert isinstance(result, Record)
    return record_json(result)


def _events(seed: dict[str, Any], sub_event: str) -> list[dict[str, Any]]:
    return [e for e in seed["events"] if (e["acled"] or {}).get("sub_event_type") == sub_event]


def test_record_meets_the_contract(seed: dict[str, Any], validate: Any) -> None:
    validate(seed)


def test_dateline_issuer_and_furniture(seed: dict[str, Any]) -> None:
    document = seed["document"]
    assert document["dateline"] == {"place": "Baku", "date": "2022-09-13", "agency": "TDI"}
    assert document["published"] == "2022-09-13"
    assert document["language"] == "en"
    assert document["issuer"] == {
        "name": "Ministry of Foreign Affairs of Azerbaijan",
        "country": "AZE",
    }
    removed = document["removed"]
    assert [r["reason"] for r in removed] == ["related-link", "related-link"]
    assert all(r["text"].startswith("Also Read:") for r in removed)
    assert "Khankendi" in removed[1]["text"]


def test_every_evidence_span_is_exact_and_outside_furniture(seed: dict[str, Any]) -> None:
    text = seed["document"]["text"]
    removed = seed["document"]["removed"]
    assert seed["events"]
    for event in seed["events"]:
        assert event["evidence"]
        for e in event["evidence"]:
            assert text[e["start"] : e["end"]] == e["text"]
            assert not any(e["start"] < r["end"] and r["start"] < e["end"] for r in removed)


def test_nothing_from_the_also_read_lines(seed: dict[str, Any]) -> None:
    for event in seed["events"]:
        for loc in event["locations"]:
            assert loc["name"] not in ("Khankendi", "Stepanakert", "Baku")
            assert "Khankendi" not in loc["text"]
            if loc["lat"] is not None:
                assert loc["country"] == "AZE"


def test_bombardment_is_shelling_with_mortars_and_unspecified_casualties(
    seed: dict[str, Any],
) -> None:
    (event,) = [e for e in _events(seed, "Shelling/artillery/missile attack")
                if e["trigger"]["text"].endswith("bombardment")]  # fmt: skip
    assert event["plover"]["type"] == "ASSAULT"
    assert event["acled"]["event_type"] == "Explosions/Remote violence"
    assert event["cameo"] is not None
    places = {loc["text"]: loc for loc in event["locations"]}
    assert set(places) >= {"Dashkasan", "Kalbajar", "Lachin"}
    for name in ("Dashkasan", "Kalbajar", "Lachin"):
        lat, lon = SEATS[name]
        assert places[name]["country"] == "AZE"
        assert abs(places[name]["lat"] - lat) < 0.1 and abs(places[name]["lon"] - lon) < 0.1
    assert "mortar" in event["weapons"]
    assert event["fatalities"]["unspecified"] is True
    roles = {(a["role"], a["country"]) for a in event["actors"]}
    assert ("actor1", "ARM") in roles
    assert ("target", "AZE") in roles
    assert event["date"]["start"] == "2022-09-12"
    assert event["attribution"]["claimant"]["country"] == "AZE"
    assert event["attribution"]["stance"] == "asserted"


def test_provocations_on_the_night_of_the_12th(seed: dict[str, Any]) -> None:
    first = seed["events"][0]
    assert first["plover"]["type"] == "ASSAULT"
    assert "provocation" in first["trigger"]["text"]
    assert first["date"]["start"] == "2022-09-12"
    assert first["date"]["end"] == "2022-09-13"
    assert first["date"]["precision"] == "day"
    assert {a["country"] for a in first["actors"] if a["role"] == "actor1"} == {"ARM"}
    assert {loc["text"] for loc in first["locations"]} >= {"Dashkasan", "Kalbajar", "Lachin"}
    # "along the state border" is a line, kept as text with no invented point.
    (border,) = [loc for loc in first["locations"] if loc["feature"] == "border"]
    assert border["text"] == "along the state border"
    assert (border["lat"], border["lon"], border["precision"]) == (None, None, 3)


def test_landmines_cite_the_defence_ministry(seed: dict[str, Any]) -> None:
    mines = [e for e in seed["events"] if "landmine" in e["trigger"]["text"]]
    assert mines
    via = mines[0]["attribution"]["via"]
    assert via and via[0]["country"] == "AZE"
    assert "Defen" in via[0]["name"]


def test_past_month_range_with_gadabay(seed: dict[str, Any]) -> None:
    month = [e for e in seed["events"] if e["date"] and e["date"]["precision"] == "month"]
    assert month
    event = month[0]
    assert event["date"]["start"] == "2022-08-13"
    assert event["date"]["end"] in ("2022-09-12", "2022-09-13")
    gadabay = [loc for loc in event["locations"] if loc["text"] == "Gadabay"]
    assert gadabay and gadabay[0]["country"] == "AZE"
    lat, lon = SEATS["Gadabay"]
    assert abs(gadabay[0]["lat"] - lat) < 0.1 and abs(gadabay[0]["lon"] - lon) < 0.1


def test_the_armenian_claim_is_denied(seed: dict[str, Any]) -> None:
    denied = [e for e in seed["events"] if e["attribution"]["stance"] == "denied"]
    assert len(denied) == 1
    event = denied[0]
    assert event["attribution"]["claimant"]["country"] == "ARM"
    assert {a["country"] for a in event["actors"] if a["role"] == "actor1"} == {"AZE"}
    assert any(e["field"] == "attribution" and "false information" in e["text"]
               for e in event["evidence"])  # fmt: skip
    assert any(a["sector"] == "civilian" for a in event["actors"])


def test_retaliation_is_azerbaijani(seed: dict[str, Any]) -> None:
    (event,) = [e for e in seed["events"] if "retaliatory" in e["trigger"]["text"]]
    assert {a["country"] for a in event["actors"] if a["role"] == "actor1"} == {"AZE"}
    assert event["plover"]["type"] == "ASSAULT"


def test_militarization_is_mobilization(seed: dict[str, Any]) -> None:
    assert any(e["plover"]["type"] == "MOBILIZE" for e in seed["events"])


def test_same_input_same_output() -> None:
    path = shared_path("examples", "seed-report.txt")
    runs = [
        dumps(record_json(r))  # type: ignore[arg-type]
        for r in (next(iter(extract_paths([str(path)], Config()))) for _ in range(2))
    ]
    assert runs[0] == runs[1]


def test_our_armed_forces_are_azerbaijans(seed: dict[str, Any]) -> None:
    (event,) = [e for e in seed["events"] if e["trigger"]["text"] == "bombardment"]
    side = event["fatalities"]["side"]
    assert side["text"] == "our armed forces"
    assert (side["country"], side["sector"]) == ("AZE", "military")
    assert {"text": "military infrastructure", "kind": "damaged"} in event["damage"]


def test_the_denial_itself_is_the_ministrys_reject_event(seed: dict[str, Any]) -> None:
    (denial,) = [e for e in seed["events"] if e["plover"]["type"] == "REJECT"]
    assert denial["attribution"]["claimant"]["name"] == "Ministry of Foreign Affairs of Azerbaijan"
    assert denial["attribution"]["stance"] == "asserted"
    (denied,) = [e for e in seed["events"] if e["attribution"]["stance"] == "denied"]
    assert denial["rejects"] == [denied["id"]]
    assert denied["disputed_by"][0]["country"] == "AZE"


def test_accusation_and_warning(seed: dict[str, Any]) -> None:
    (accuse,) = [e for e in seed["events"] if e["plover"]["type"] == "ACCUSE"]
    assert accuse["trigger"]["text"] == "blame"
    assert [(a["role"], a["country"]) for a in accuse["actors"]] == [
        ("actor1", "AZE"),
        ("target", "ARM"),
    ]
    threats = [e for e in seed["events"] if e["plover"]["type"] == "THREATEN"]
    assert [t["trigger"]["text"] for t in threats] == ["stopped"]
    assert [(a["role"], a["country"]) for a in threats[0]["actors"]] == [
        ("actor1", "AZE"),
        ("target", "ARM"),
    ]

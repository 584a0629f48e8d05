"""`events` and `export` over a store: what each filter means, a missing store, stdout."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conflictcoder.cli import main
from conflictcoder.records import DateRange
from conflictcoder.store import open_store
from tests.store.factory import event, place, record

# Two made-up reports: a clash over a month on a border (a place on each side) and a
# three-day protest.
BORDER = "Officials said troops clashed across the river at Northbank and Southbank for weeks."
PROTEST_TEXT = "Organisers said students rallied in Midtown for three days running."
NORTHBANK = place("Northbank", "ARM", 40.0, 44.0)
SOUTHBANK = place("Southbank", "TUR", 39.9, 44.1)
MIDTOWN = place("Midtown", "ARM", 40.2, 44.5)


def _ranged(text: str, trigger: str, start: dt.date, end: dt.date, *places: object) -> object:
    made = event(text, trigger, places=places)  # type: ignore[arg-type]
    return dataclasses.replace(made, date=DateRange(start, end, "month"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    month = _ranged(
        BORDER, "clashed", dt.date(2022, 8, 13), dt.date(2022, 9, 13), NORTHBANK, SOUTHBANK
    )
    days = _ranged(PROTEST_TEXT, "rallied", dt.date(2022, 9, 2), dt.date(2022, 9, 4), MIDTOWN)
    with open_store(url) as store:
        store.ingest(record(BORDER, month))  # type: ignore[arg-type]
        store.ingest(record(PROTEST_TEXT, days))  # type: ignore[arg-type]
        store.commit()
    return url


def _csv(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    assert main(["events", *argv, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_help_says_what_the_filters_mean(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("events", "export"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "overlaps" in text and "any of its locations" in text


def test_since_is_overlap(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The month-long clash reaches past 1 September, so --since takes it, as --help says.
    rows = _csv(["--db", db, "--since", "2022-09-01"], capsys)
    assert {r["date_start"] for r in rows} == {"2022-08-13", "2022-09-02"}


@pytest.mark.parametrize("command", [["events"], ["export", "OUT", "--format", "acled-csv"]])
def test_unknown_type_is_a_usage_error_with_the_valid_list(
    command: list[str], db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = [str(tmp_path / "out.csv") if c == "OUT" else c for c in command]
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--db", db, "--type", "skirmish-ish"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert (
        "'skirmish-ish'" in err and "ASSAULT" in err and "Battles" in err and "Armed clash" in err
    )
    assert not (tmp_path / "out.csv").exists()


def test_type_is_matched_without_case(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(_csv(["--db", db, "--type", "assault"], capsys)) == 2


def test_export_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing, out = tmp_path / "nothing-here.db", tmp_path / "out.csv"
    assert main(["export", str(out), "--format", "acled-csv", "--db", str(missing)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(missing) in err
    assert not missing.exists() and not out.exists()


def test_export_to_stdout(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # a file named "-" would land here
    assert main(["export", "-", "--format", "acled-csv", "--db", db]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert {"Midtown"} <= {r["location"] for r in rows}
    assert "standard output" in captured.err
    assert main(["export", "-", "--format", "geojson", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"
    assert not (tmp_path / "-").exists()


def test_only_current_events_are_listed_and_exported_unless_all(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A history paragraph's massacre is stored as background: `events` and `export` leave it
    # out by default and give it, labelled, with --all. It keeps its own date (1998): PLOVER
    # requires a date, and an undated background event is no PLOVER record.
    old = "Elders recalled that in 1998 rebels massacred villagers at Midtown ford."
    then = event(old, "massacred", places=(MIDTOWN,), day=dt.date(1998, 1, 1), status="background")
    with open_store(db) as store:
        store.ingest(record(old, then))
        store.commit()
    assert {r["status"] for r in _csv(["--db", db], capsys)} == {"current"}
    listed = _csv(["--db", db, "--all"], capsys)
    assert sorted(r["status"] for r in listed) == ["background", "current", "current"]
    assert main(["export", "-", "--format", "plover-json", "--db", db]) == 0
    exported = capsys.readouterr().out
    assert "massacred" not in exported
    assert main(["export", "-", "--format", "plover-json", "--db", db, "--all"]) == 0
    assert "massacred" in capsys.readouterr().out

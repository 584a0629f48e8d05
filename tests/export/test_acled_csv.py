"""The ACLED CSV follows ACLED's columns, vocabularies and inclusion rule, on made-up events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections import Counter
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.cli import main
from conflictcoder.export import left_out_line
from conflictcoder.export.acled_csv import (
    ACLED_COLUMNS,
    NO_ACTOR1,
    NO_DATE,
    NO_PLACE,
    NOT_ACLED,
    acled_row,
    interaction,
    write_acled_csv,
)
from conflictcoder.export.acled_source import source_columns
from conflictcoder.export.acled_tables import DISORDER_TYPES, REGIONS, regions
from conflictcoder.geo.points import country_points
from conflictcoder.records import (
    Actor,
    Attribution,
    Count,
    Dateline,
    Event,
    EventType,
    Location,
    Party,
    Record,
)
from conflictcoder.serialize import document_json, event_json
from tests.store.factory import PROTEST, SHELLING, event, place, record

# ACLED's export columns since its 20 March 2023 change, in ACLED's order (ACLED's "Guide to
# 2023 ACLED Column Changes"; the same order heads the CSV that ACLED's Explorer exports).
ACLED_ORDER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

CLASH = EventType("armed_clash", "ASSAULT", None, "Battles", "Armed clash", "190")
EXCESSIVE = EventType(
    "excessive_force_against_protesters",
    "ASSAULT",
    None,
    "Protests",
    "Excessive force against protesters",
    "175",
)
RIOT = EventType("mob_violence", "PROTEST", "riot", "Riots", "Mob violence", "145")
ARREST = EventType("arrest", "COERCE", "arrest", "Strategic developments", "Arrests", "173")
TALKS = EventType("consult", "CONSULT", None, None, None, "040")

TEXT = "Armenian troops shelled Azerbaijani positions near Dashkasan on Monday."
DAY = dt.date(2022, 9, 12)
ARMY_AM = Actor("actor1", "Armenian troops", "Military Forces of Armenia", "ARM", "military")
ARMY_AZ = Actor(
    "actor2", "Azerbaijani positions", "Military Forces of Azerbaijan", "AZE", "military"
)
DASHKASAN = Location(
    "Dashkasan", "Dashkasan", "AZE", "Dashkasan Rayon", None, 40.524, 46.082, 586765, "district", 2
)


def _row(
    kind: EventType = SHELLING,
    *,
    actors: tuple[Actor, ...] = (ARMY_AM, ARMY_AZ),
    places: tuple[Location, ...] = (DASHKASAN,),
    day: dt.date | None = DAY,
    dead: Count | None = None,
    status: str = "current",
    stance: str = "asserted",
    claimant: str | None = None,
    url: str | None = None,
    agency: str | None = None,
    issuer: Party | None = None,
    published: dt.date | None = dt.date(2022, 9, 13),
    **changes: Any,
) -> dict[str, Any]:
    """One EventRow, as the store hands it out, of a made-up report."""
    base = event(TEXT, "shelled", kind, places=places, day=day, status=status)
    made: Event = dataclasses.replace(
        base,
        actors=actors,
        fatalities=dead,
        attribution=Attribution(Party(claimant, None) if claimant else None, (), stance),
        **changes,
    )
    rec: Record = record(TEXT, made, url=url, published=published)
    document = dataclasses.replace(
        rec.document,
        issuer=issuer,
        dateline=Dateline("Baku", dt.date(2022, 9, 13), agency) if agency else None,
    )
    doc = {k: v for k, v in document_json(document).items() if k not in ("text", "removed")}
    return {"document": doc, "event": event_json(made), "fused_id": None}


def _line(**kwargs: Any) -> dict[str, str]:
    line = acled_row(_row(**kwargs), timestamp=1_700_000_000)
    assert isinstance(line, dict), line
    return line


def test_header_is_acleds_current_column_order(tmp_path: Path) -> None:
    assert list(ACLED_COLUMNS) == ACLED_ORDER
    out = tmp_path / "acled.csv"
    write_acled_csv([], out, timestamp=0)
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[: len(ACLED_ORDER)] == ACLED_ORDER
    assert header[len(ACLED_ORDER)] == "document_id"  # our link columns come after ACLED's


def test_the_note_reads_like_acleds() -> None:
    row = _line(dead=Count(None, None, True, "there are casualties"))
    assert row["notes"] == (
        "On 12 September 2022, Military Forces of Armenia shelled positions of Military Forces"
        " of Azerbaijan in Dashkasan (Azerbaijan). Fatalities unknown."
    )
    counted = _line(kind=CLASH, dead=Count(3, 5, False, "three to five killed"))
    assert counted["notes"].endswith(
        "clashed with Military Forces of Azerbaijan in Dashkasan (Azerbaijan). 3 fatalities."
    )
    alone = _line(kind=CLASH, actors=(ARMY_AM,), day=None)  # dated by its report: a week
    assert alone["notes"] == (
        "On or around 13 September 2022, Military Forces of Armenia were involved in an armed"
        " clash in Dashkasan (Azerbaijan)."
    )
    denied = _line(stance="denied", claimant="Ministry of Defense of Azerbaijan")
    assert "Claimed by Ministry of Defense of Azerbaijan; denied." in denied["notes"]


def test_disorder_types_follow_the_sub_event_type() -> None:
    assert _line()["disorder_type"] == "Political violence"
    police = Actor("actor1", "police", "Police Forces of Armenia", "ARM", "police")
    crowd = Actor("target", "protesters", None, "ARM", "civilian")
    yerevan = place("Yerevan", "ARM", 40.18, 44.51)
    force = _line(kind=EXCESSIVE, actors=(police, crowd), places=(yerevan,))
    assert force["disorder_type"] == "Political violence; Demonstrations"
    assert (force["actor2"], force["inter2"], force["interaction"]) == (
        "Protesters (Armenia)",
        "6",
        "16",
    )
    assert force["civilian_targeting"] == ""  # protesters are not civilians to ACLED
    assert _line(kind=PROTEST, actors=(), places=(yerevan,))["disorder_type"] == "Demonstrations"
    assert _line(kind=RIOT, places=(yerevan,))["disorder_type"] == "Political violence"
    arrest = _line(kind=ARREST, actors=(police,), places=(yerevan,))
    assert arrest["disorder_type"] == "Strategic developments"
    assert {_line()["disorder_type"], force["disorder_type"]} <= DISORDER_TYPES


def test_inter_codes_and_interaction() -> None:
    row = _line()  # both armies, the event in Azerbaijan: Armenia's is external there
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "1", "18")
    rebels = Actor("actor1", "gunmen", "ISWAP", "NGA", "rebel")
    villagers = Actor("victim", "villagers", None, "NGA", "civilian")
    maiduguri = place("Maiduguri", "NGA", 11.85, 13.16)
    attack = _line(actors=(rebels, villagers), places=(maiduguri,))
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == ("2", "7", "27")
    assert attack["actor2"] == "Civilians (Nigeria)"
    lone = _line(kind=PROTEST, actors=(), places=(maiduguri,))
    assert (lone["inter1"], lone["inter2"], lone["interaction"]) == ("6", "0", "60")
    assert interaction(3, 1) == 13 and interaction(7, None) == 70 and interaction(1, 1) == 11


def test_civilian_targeting_marks_violence_on_civilians() -> None:
    villagers = Actor("target", "villagers", None, "AZE", "civilian")
    row = _line(actors=(ARMY_AM, villagers))
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["notes"].startswith(
        "On 12 September 2022, Military Forces of Armenia shelled Civilians (Azerbaijan)"
    )
    assert _line()["civilian_targeting"] == ""  # soldiers on soldiers


def test_fatalities_are_an_integer_and_conservative() -> None:
    assert _line()["fatalities"] == "0"  # none reported
    assert _line(dead=Count(None, None, True, "casualties"))["fatalities"] == "0"
    assert _line(dead=Count(4, 9, False, "four to nine dead"))["fatalities"] == "4"
    assert _line(dead=Count(None, 12, False, "up to 12"))["fatalities"] == "12"
    assert _line(dead=Count(0, 0, False, "no one was hurt"))["notes"].endswith("No fatalities.")


def test_country_columns_region_and_iso() -> None:
    row = _line()
    assert (row["iso"], row["country"], row["region"]) == (
        "31",
        "Azerbaijan",
        "Caucasus and Central Asia",
    )
    assert (row["admin1"], row["location"], row["geo_precision"]) == (
        "Dashkasan Rayon",
        "Dashkasan",
        "2",
    )
    assert (row["latitude"], row["longitude"]) == ("40.5240", "46.0820")
    kabul = _line(places=(place("Kabul", "AFG", 34.53, 69.17),))
    assert kabul["region"] == "Caucasus and Central Asia"  # ACLED's, not the UN's region
    mexico = _line(places=(place("Culiacan", "MEX", 24.8, -107.39),))
    assert (mexico["region"], mexico["iso"]) == ("Central America", "484")
    assert set(regions().values()) <= REGIONS


def test_every_country_but_two_has_a_region() -> None:
    missing = sorted(set(country_points()) - set(regions()))
    assert "ZMB" in missing and "ESH" in missing
    assert len(regions()) >= 190


def test_a_place_without_coordinates_falls_back_to_its_country_centre() -> None:
    border = Location("the border", None, "ARM", None, None, None, None, None, "border", 3)
    row = _line(places=(border,))
    lat, lon = country_points()["ARM"]
    assert (row["location"], row["country"], row["geo_precision"]) == ("Armenia", "Armenia", "3")
    assert (float(row["latitude"]), float(row["longitude"])) == (lat, lon)
    assert row["notes"].endswith("Military Forces of Azerbaijan in Armenia.")


def test_generic_actor1_when_none_is_named() -> None:
    row = _line(kind=CLASH, actors=())
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Azerbaijan)", "3")
    yerevan = place("Yerevan", "ARM", 40.18, 44.51)
    protest = _line(kind=PROTEST, actors=(), places=(yerevan,))
    assert (protest["actor1"], protest["inter1"]) == ("Protesters (Armenia)", "6")
    assert protest["tags"] == "crowd size=no report"
    untyped = Actor("actor1", "men", None, None, None)
    row = _line(kind=CLASH, actors=(untyped,))
    assert (row["actor1"], row["assoc_actor_1"]) == ("Unidentified Armed Group (Azerbaijan)", "men")


def test_rows_that_cannot_meet_the_rule_are_left_out_and_counted(tmp_path: Path) -> None:
    rows = [
        _row(),
        _row(kind=TALKS),
        _row(kind=ARREST, actors=()),
        _row(places=()),
        _row(places=(Location("the sea", "the sea", None, None, None, 1.0, 2.0, None, "site", 3),)),
        _row(day=None, status="background"),
        _row(day=None, published=None),
    ]
    assert acled_row(rows[1]) == NOT_ACLED and acled_row(rows[2]) == NO_ACTOR1
    assert acled_row(rows[3]) == NO_PLACE and acled_row(rows[5]) == NO_DATE
    left_out: Counter[str] = Counter()
    out = tmp_path / "acled.csv"
    assert write_acled_csv(rows, out, left_out, timestamp=5) == 1
    assert left_out == Counter({NO_PLACE: 2, NO_DATE: 2, NOT_ACLED: 1, NO_ACTOR1: 1})
    assert left_out_line(left_out) == (
        "left out 6 events (2 no date, 2 no place in a known country, 1 no ACLED event type,"
        " 1 no actor1)"
    )


def test_sources_and_their_scale() -> None:
    wire = {"url": "https://www.reuters.com/world/x", "dateline": {"agency": "AFP"}}
    assert source_columns(wire, "AZE") == ("Reuters; AFP", "International")
    local = {
        "url": "https://apa.az/en/news/1",
        "issuer": {"name": "Ministry of Defence of Azerbaijan"},
    }
    assert source_columns(local, "AZE") == (
        "APA; Ministry of Defence of Azerbaijan",
        "Other-National",
    )
    assert source_columns({"dateline": {"agency": "(APA)"}}, "ARM") == ("APA", "Regional")
    assert source_columns({"dateline": {"agency": "TASS"}}, "SYR") == ("ITAR-TASS", "International")
    unknown = {"url": "https://www.some-paper.am/2022/09/13/story"}
    assert source_columns(unknown, "ARM") == ("some-paper.am", "National")
    assert source_columns({"url": "https://blog.example.io/p"}, "ARM") == (
        "blog.example.io",
        "Other",
    )
    assert source_columns({"source": "Caucasian Knot"}, "ARM") == ("Caucasian Knot", "Regional")
    assert source_columns({}, "ARM", "Ministry of Defense of Armenia") == (
        "Ministry of Defense of Armenia",
        "Other",
    )
    row = _line(agency="AFP", issuer=Party("Ministry of Defense of Azerbaijan", "AZE"))
    assert (row["source"], row["source_scale"]) == (
        "AFP; Ministry of Defense of Azerbaijan",
        "Other-International",
    )


def test_timestamp_is_the_export_time_or_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "acled.csv"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1663000000")
    write_acled_csv([_row(), _row(kind=CLASH)], out)
    first = out.read_bytes()
    write_acled_csv([_row(), _row(kind=CLASH)], out)
    assert out.read_bytes() == first  # pinned time, same bytes
    assert set(pd.read_csv(out)["timestamp"]) == {1663000000}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    write_acled_csv([_row()], out)
    assert abs(int(pd.read_csv(out)["timestamp"][0]) - int(dt.datetime.now().timestamp())) < 60


def test_loads_with_acleds_dtypes(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "acled.csv"
    rows = [_row(), _row(kind=PROTEST, actors=()), _row(dead=Count(2, 2, False, "two dead"))]
    write_acled_csv(rows, out, timestamp=1_700_000_000)
    frame = pd.read_csv(out, parse_dates=["event_date"])
    integers = (
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
    )
    assert all(pd.api.types.is_integer_dtype(frame[c]) for c in integers)
    assert pd.api.types.is_float_dtype(frame["latitude"])
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert list(frame["fatalities"]) == [0, 0, 2]


def test_export_command_says_what_it_left_out(tmp_path: Path) -> None:
    import json

    record_line = {
        "schema": "conflictcoder/1",
        "document": _row()["document"],
        "events": [
            _row(id="e1")["event"],
            _row(kind=TALKS, id="e2")["event"],
            _row(places=(), id="e3")["event"],
        ],
    }
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record_line) + "\n")
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(
            [
                "export",
                "--format",
                "acled-csv",
                str(tmp_path / "o.csv"),
                "--from-jsonl",
                str(source),
            ]
        )
    assert code == 0
    assert (
        err.getvalue()
        .strip()
        .splitlines()[-1]
        .endswith(
            "wrote 1 acled-csv rows to "
            + str(tmp_path / "o.csv")
            + "; left out 2 events (1 no ACLED event type, 1 no place in a known country)"
        )
    )


def test_export_from_jsonl_gives_current_events_unless_all(tmp_path: Path) -> None:
    import json

    pd = pytest.importorskip("pandas")
    record_line = {
        "schema": "conflictcoder/1",
        "document": _row()["document"],
        "events": [_row(id="now")["event"], _row(id="then", status="background")["event"]],
    }
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record_line) + "\n")
    out = tmp_path / "o.csv"
    argv = ["export", "--format", "acled-csv", str(out), "--from-jsonl", str(source)]
    assert main(argv) == 0
    assert list(pd.read_csv(out)["event_id"]) == ["now"]
    assert main([*argv, "--all"]) == 0
    assert list(pd.read_csv(out)["status"]) == ["current", "background"]


def test_a_bare_country_is_no_source() -> None:
    assert source_columns({}, "ARM", "Armenia") == ("", "")
    assert source_columns({"issuer": {"name": "Azerbaijan"}}, "ARM") == ("", "")


def test_state_forces_carry_acleds_government_period() -> None:
    row = _line()  # 12 September 2022: Pashinyan's and Ilham Aliyev's governments
    assert (row["actor1"], row["actor2"]) == (
        "Military Forces of Armenia (2018-)",
        "Military Forces of Azerbaijan (2003-)",
    )
    assert "Military Forces of Armenia shelled" in row["notes"]  # ACLED's notes name no period
    earlier = _line(day=dt.date(2016, 4, 2))
    assert earlier["actor1"] == "Military Forces of Armenia (2008-2018)"
    guards = Actor("actor1", "border guards", "Border Guard of Armenia", "ARM", "military")
    assert _line(actors=(guards,))["actor1"] == "Military Forces of Armenia (2018-) Border Guard"
    georgian = Actor("actor1", "Georgian troops", "Military Forces of Georgia", "GEO", "military")
    assert _line(actors=(georgian,))["actor1"] == "Military Forces of Georgia"  # no period known

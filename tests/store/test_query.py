"""`Store.event_rows` filters and the `events` command, on both backends."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

import pytest

from conflictcoder.cli import main
from conflictcoder.geo.distance import km
from conflictcoder.store import EventFilters, Near, Store, open_store
from tests.store.factory import PROTEST, SHELLING, event, place, record

ZARIA = place("Zaria", "NGA", 11.11, 7.72)
KADUNA = place("Kaduna", "NGA", 10.52, 7.44)  # about 70 km from Zaria
AFGOYE = place("Afgoye", "SOM", 2.14, 45.12)
SUVA = place("Suva", "FJI", -18.14, 178.44)  # near the antimeridian

T1 = "Police said gunmen attacked a market in Zaria, killing five traders."
T2 = "The ministry said artillery shelled Kaduna outskirts; it denied earlier reports."
T3 = "Villagers marched in Afgoye to protest the curfew, organisers said."
T4 = "A rally in Suva was attacked by unknown men, witnesses said."
T5 = "Unnamed sources said the depot attacked overnight had no guards."


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        opened.ingest(
            record(
                T1,
                event(
                    T1,
                    "attacked",
                    places=(ZARIA,),
                    day=dt.date(2023, 3, 2),
                    dead=5,
                    claimant="Nigeria Police Force",
                    country="NGA",
                ),
                url="https://wire.example.com/zaria",
            )
        )
        opened.ingest(
            record(
                T2,
                event(
                    T2,
                    "shelled",
                    SHELLING,
                    places=(KADUNA,),
                    day=dt.date(2023, 3, 5),
                    stance="denied",
                    claimant="Ministry of Defence",
                    country="NGA",
                ),
                path="statements/mod.txt",
            )
        )
        opened.ingest(
            record(
                T3,
                event(
                    T3,
                    "marched",
                    PROTEST,
                    places=(AFGOYE,),
                    day=dt.date(2022, 5, 10),
                    stance="reported",
                ),
            )
        )
        opened.ingest(
            record(
                T4, event(T4, "attacked", places=(SUVA,), day=dt.date(2021, 1, 1), stance="alleged")
            )
        )
        opened.ingest(
            record(T5, event(T5, "attacked", stance="reported"), published=dt.date(2020, 6, 1))
        )
        opened.commit()
        yield opened


def places_of(store: Store, **kwargs: object) -> list[str | None]:
    rows = store.event_rows(EventFilters(**kwargs))  # type: ignore[arg-type]
    return [(r["event"]["locations"] or [{"name": None}])[0]["name"] for r in rows]


def test_all_by_date_undated_last(store: Store) -> None:
    # T5 has no event date: ordered by date, undated events last.
    assert places_of(store) == ["Suva", "Afgoye", "Zaria", "Kaduna", None]


def test_since_until_overlap_and_published_fallback(store: Store) -> None:
    assert places_of(store, since=dt.date(2023, 3, 3)) == ["Kaduna"]
    assert places_of(store, until=dt.date(2022, 12, 31)) == ["Suva", "Afgoye", None]
    assert places_of(store, since=dt.date(2023, 3, 2), until=dt.date(2023, 3, 2)) == ["Zaria"]
    assert places_of(store, since=dt.date(2020, 6, 1), until=dt.date(2020, 6, 1)) == [None]


def test_country(store: Store) -> None:
    assert places_of(store, country="NGA") == ["Zaria", "Kaduna"]
    assert places_of(store, country="som") == ["Afgoye"]
    assert places_of(store, country="FRA") == []


def test_type_plover_acled_and_sub_type(store: Store) -> None:
    assert places_of(store, type="ASSAULT") == ["Suva", "Zaria", "Kaduna", None]
    assert places_of(store, type="protest") == ["Afgoye"]
    assert places_of(store, type="Explosions/Remote violence") == ["Kaduna"]
    assert places_of(store, type="shelling/artillery/missile attack") == ["Kaduna"]
    assert places_of(store, type="Violence against civilians") == ["Suva", "Zaria", None]


def test_near(store: Store) -> None:
    assert 60 < km(11.11, 7.72, 10.52, 7.44) < 80
    assert places_of(store, near=Near(11.11, 7.72, 10)) == ["Zaria"]
    assert places_of(store, near=Near(11.11, 7.72, 100)) == ["Zaria", "Kaduna"]
    assert places_of(store, near=Near(10.8, 7.6, 1)) == []
    # The circle around a point just west of the antimeridian holds Suva (east of it).
    assert places_of(store, near=Near(-18.14, -179.9, 200)) == ["Suva"]


def test_source_stance_and_limit(store: Store) -> None:
    assert places_of(store, source="police force") == ["Zaria"]
    assert places_of(store, source="wire.example") == ["Zaria"]
    assert places_of(store, source="statements/") == ["Kaduna"]
    assert places_of(store, source="100%") == []  # LIKE wildcards are taken literally
    assert places_of(store, stance="denied") == ["Kaduna"]
    assert places_of(store, stance="reported") == ["Afgoye", None]
    assert places_of(store, limit=2) == ["Suva", "Afgoye"]
    assert places_of(store, type="ASSAULT", country="NGA", stance="asserted") == ["Zaria"]


def test_events_command_formats(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store.commit()
    assert main(["events", "--db", db_url, "--country", "NGA", "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["event"]["locations"][0]["name"] for r in lines] == ["Zaria", "Kaduna"]
    assert set(lines[0]) == {"document", "event", "fused_id"}

    assert main(["events", "--db", db_url, "--near", "11.11,7.72,10", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["location"] == "Zaria" and rows[0]["fatalities_max"] == "5"
    assert rows[0]["acled_event_type"] == "Violence against civilians"
    assert rows[0]["claimant"] == "Nigeria Police Force"

    assert main(["events", "--db", db_url, "--stance", "denied"]) == 0
    out = capsys.readouterr()
    assert "Kaduna" in out.out and "Zaria" not in out.out and "(1 event)" in out.err


def test_events_command_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for bad in (["--near", "11,7"], ["--since", "March"], ["--country", "NG"]):
        with pytest.raises(SystemExit) as exc:
            main(["events", *bad])
        assert exc.value.code == 2
    assert "LAT,LON,KM" in capsys.readouterr().err

"""The harness end to end on hand-made gold files whose scores are worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflictcoder.errors import InputError
from conflictcoder.evaluate.runner import evaluate
from conflictcoder.records import Count
from tests.evaluate.conftest import FakeExtractor
from tests.evaluate.fakes import actor, event, place

CASE = """id\tEventSnippet\tSubType
1\tTroops clashed with rebels near the border.\tARMED_CLASH
2\tArtillery shelled the town overnight.\tART_MISS_ATTACK
3\tHundreds marched peacefully through the capital.\tPEACE_PROTEST
4\tPolice detained two men at a checkpoint.\tARREST
5\tThe two foreign ministers met in Geneva.\tDIPLO
600\tA held-out snippet about a clash.\tARMED_CLASH
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(tmp_path: Path, name: str, rows: list[dict[str, object]]) -> Path:
    return write(tmp_path, name, "".join(json.dumps(r) + "\n" for r in rows))


def test_case2021_three_of_four_right(tmp_path: Path, fake_extractor: FakeExtractor) -> None:
    fake_extractor(
        {
            # The more confident event is the answer, not the first.
            "Troops clashed with rebels near the border.": (
                event("Peaceful protest", confidence=0.4),
                event("Armed clash", confidence=0.9),
            ),
            "Artillery shelled the town overnight.": (event("Shelling/artillery/missile attack"),),
            "Hundreds marched peacefully through the capital.": (event("Peaceful protest"),),
            "The two foreign ministers met in Geneva.": (event(None, plover="CONSULT"),),
        }
    )
    report = evaluate("case2021", write(tmp_path, "case.tsv", CASE))
    assert (report.split, report.n) == ("dev", 5)
    # 25-type subset: 4 snippets, 3 right, one class (Arrests) with F1 0 → 0.75 everywhere.
    assert report.value("sub_event_type", "accuracy") == pytest.approx(0.75)
    assert report.value("sub_event_type", "weighted_f1") == pytest.approx(0.75)
    assert report.value("sub_event_type", "macro_f1") == pytest.approx(0.75)
    assert report.value("event_type", "accuracy") == pytest.approx(0.75)
    # With the unseen DIPLO folded into "none": 4 of 5; "none" P=1/2 R=1 F1=2/3.
    assert report.value("sub_event_type+unseen", "accuracy") == pytest.approx(0.8)
    assert report.value("sub_event_type+unseen", "macro_f1") == pytest.approx((3 + 2 / 3) / 5)
    held_out = evaluate("case2021", tmp_path / "case.tsv", "test")
    assert held_out.n == 1


NOTES = [
    {
        "id": "N1",
        "text": "Forces of one side fired on positions near a village.",
        "gold": {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Azerbaijan (2003-)",
            "actor2": "Military Forces of Armenia (2018-)",
            "country": "Armenia",
            "admin1": "Tavush",
            "latitude": 40.83,
            "longitude": 45.54,
            "event_date": "2019-12-31",
            "fatalities": 0,
        },
    },
    {
        "id": "N2",
        "text": "People held a protest in the capital.",
        "gold": {
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Armenia)",
            "actor2": "",
            "country": "Armenia",
            "admin1": "Yerevan",
            "latitude": 40.18,
            "longitude": 44.51,
            "event_date": "2019-12-06",
            "fatalities": 3,
        },
    },
    {
        "id": "N3",
        "text": "An unknown group attacked a house.",
        "gold": {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Unidentified Armed Group (Armenia)",
            "actor2": "",
            "country": "Armenia",
            "admin1": "Lori",
            "latitude": 41.0,
            "longitude": 44.5,
            "event_date": "2019-06-01",
            "fatalities": 2,
        },
    },
]


def _acled_events(fake_extractor: FakeExtractor) -> None:
    day = dt.date(2019, 12, 31)
    fake_extractor(
        {
            NOTES[0]["text"]: (  # type: ignore[dict-item]
                # A more confident protest must not beat the violent event.
                event("Peaceful protest", confidence=0.9),
                event(
                    "Armed clash",
                    actors=(actor("actor1", "AZE", "military"), actor("actor2", "ARM", "military")),
                    where=(place(40.90, 45.54, admin1="Tavush Province"),),  # 7.8 km off
                    day=day,
                ),
            ),
            NOTES[1]["text"]: (  # type: ignore[dict-item]
                event(
                    "Peaceful protest",
                    actors=(actor("actor1", None, "civilian"),),
                    where=(place(40.50, 44.51, admin1="Yerevan"),),  # 35.6 km off
                    day=dt.date(2019, 12, 5),
                    until=dt.date(2019, 12, 7),
                    killed=Count(3, 3),
                ),
            ),
        }
    )


def test_acled_notes_field_by_field(tmp_path: Path, fake_extractor: FakeExtractor) -> None:
    _acled_events(fake_extractor)
    # The Armenia export has no fatalities column.
    rows = [{**n, "gold": {k: v for k, v in n["gold"].items() if k != "fatalities"}} for n in NOTES]  # type: ignore[attr-defined]
    path = jsonl(tmp_path, "pairs_dev.jsonl", rows)
    report = evaluate("acled-armenia", tmp_path)
    assert report.n == 3 and path.exists()
    assert report.value("event_type", "accuracy") == pytest.approx(2 / 3)
    assert report.value("sub_event_type", "accuracy") == pytest.approx(2 / 3)
    shares = {(s.field, s.metric): (s.hits, s.n) for s in report.scores.shares}
    assert shares[("actor1 country", "accuracy")] == (1, 2)
    assert shares[("actor1 sector", "accuracy")] == (2, 2)
    assert shares[("actor2 country", "accuracy")] == (1, 1)
    assert shares[("location", "within 25 km")] == (1, 3)
    assert shares[("location", "admin1")] == (2, 3)
    assert shares[("location", "country")] == (2, 3)
    assert shares[("date", "exact day")] == (1, 3)
    assert shares[("date", "within range")] == (2, 3)
    assert ("fatalities", "exact") not in shares  # scored only when gold has fatalities


def test_acled_fatalities_and_subsample(tmp_path: Path, fake_extractor: FakeExtractor) -> None:
    _acled_events(fake_extractor)
    path = jsonl(tmp_path, "pairs.jsonl", NOTES)
    # The global slice has no split of its own: a hash of the id puts N2 in dev, N1, N3 in test.
    dev, test = evaluate("acled-global", path), evaluate("acled-global", path, "test")
    assert (dev.split, dev.n, test.n) == ("dev", 1, 2)
    both = {}
    for report in (dev, test):
        for s in report.scores.shares:
            hits, n = both.get((s.field, s.metric), (0, 0))
            both[(s.field, s.metric)] = (hits + s.hits, n + s.n)
    # N1: none reported, gold 0 → right; N2: 3 = 3; N3: no event, gold 2 → wrong.
    assert both[("fatalities", "exact")] == (2, 3)
    assert both[("fatalities", "within range")] == (2, 3)
    assert both[("fatalities", "some vs none")] == (2, 3)
    every_other = evaluate("acled-global", path, "test", every=2)
    assert every_other.n == 1 and "every 2th" in every_other.notes[0]
    assert evaluate("acled-global", path, "test", limit=1).n == 1


def test_acled_global_halves_are_stable_and_disjoint() -> None:
    from conflictcoder.evaluate.acled import hash_half

    ids = [f"XYZ{i}" for i in range(200)]
    halves = [hash_half(i) for i in ids]
    assert halves == [hash_half(i) for i in ids]
    assert set(halves) == {"dev", "test"}
    assert 70 < halves.count("dev") < 130


def test_plover_types_are_mapped_to_the_current_manual(
    tmp_path: Path, fake_extractor: FakeExtractor
) -> None:
    rows = [
        {"id": "P-1", "row": 1, "text": "They demanded a vote.", "gold": {"event": "DEMAND"}},
        {
            "id": "P-1",
            "row": 2,
            "text": "Soldiers shot at the crowd.",
            "gold": {"event": "FIGHT", "mode": "firearms", "source": [{"code": "SYR"}]},
        },
        {"id": "P-3", "row": 3, "text": "Both sides agreed.", "gold": {"event": "AGREE"}},
    ]
    fake_extractor(
        {
            "They demanded a vote.": (event(None, plover="REQUEST"),),
            "Soldiers shot at the crowd.": (
                event(
                    None, plover="ASSAULT", mode="firearms", actors=(actor("actor1", "SYR", None),)
                ),
            ),
        }
    )
    report = evaluate("plover", jsonl(tmp_path, "sentences.jsonl", rows))
    assert report.value("plover_type", "accuracy") == pytest.approx(2 / 3)
    assert report.value("plover_type", "macro_f1") == pytest.approx(2 / 3)
    assert report.value("mode", "accuracy") == 1.0
    assert report.value("source country", "accuracy") == 1.0


def test_ucdp_any_event_may_match(tmp_path: Path, fake_extractor: FakeExtractor) -> None:
    def gold(country: str, start: str, low: int, high: int) -> dict[str, object]:
        return {
            "location_root_name": country,
            "start_date": start,
            "end_date": start,
            "deaths_low": low,
            "deaths_high": high,
        }

    rows = [
        {
            "id": 1,
            "text": "Text one.",
            "source_date": "2021-01-03 10:00",
            "gold": gold("Syria", "2021-01-02", 2, 3),
        },
        {
            "id": 2,
            "text": "Text two.",
            "source_date": "2021-01-11 10:00",
            "gold": gold("Yemen (North Yemen)", "2021-01-05", 1, 1),  # UCDP's own naming
        },
        {"id": 3, "text": "REJECT", "source_date": "", "gold": gold("Iraq", "2021-01-05", 1, 1)},
    ]
    fake_extractor(
        {
            "Text one.": (
                event("Armed clash"),
                event(
                    "Armed clash",
                    where=(place(36.2, 37.1, country="SYR"),),
                    day=dt.date(2021, 1, 2),
                    killed=Count(3, 3),
                ),
            ),
            "Text two.": (
                event(
                    "Armed clash",
                    where=(place(15.3, 44.2, country="YEM"),),
                    day=dt.date(2021, 1, 10),
                    killed=Count(None, None, True),
                ),
            ),
        }
    )
    report = evaluate("ucdp-aec", jsonl(tmp_path, "pairs_validation_subset.jsonl", rows))
    assert report.value("event", "has gold country") == pytest.approx(2 / 3)
    assert report.value("event", "covers gold date") == pytest.approx(1 / 3)
    assert report.value("event", "deaths overlap gold") == pytest.approx(2 / 3)
    assert report.value("event", "all three in one event") == pytest.approx(1 / 3)
    assert report.value("record", "has any event") == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Yemen (North Yemen)", "YEM"),
        ("DR Congo (Zaire)", "COD"),
        ("Myanmar (Burma)", "MMR"),
        ("Syria", "SYR"),
        ("Atlantis (Lost)", None),
    ],
)
def test_ucdp_country_names_with_their_old_name_in_brackets(name: str, iso3: str | None) -> None:
    from conflictcoder.evaluate.ucdp import gold_country

    assert gold_country(name) == iso3


def test_unknown_split_or_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="plover has no test split"):
        evaluate("plover", tmp_path, "test")
    with pytest.raises(InputError, match="gold file not found"):
        evaluate("case2021", tmp_path)
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not JSON"):
        evaluate("plover", write(tmp_path, "bad.jsonl", '{"id": 1}\n{oops\n'))
    with pytest.raises(InputError, match="--limit must be at least 1"):
        evaluate("plover", tmp_path, limit=0)

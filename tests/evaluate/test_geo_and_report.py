"""Gold-toponym loaders and scores, the three report views, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.cli import main
from conflictcoder.evaluate import geoparsing
from conflictcoder.evaluate.metrics import Classification, Share
from conflictcoder.evaluate.report import Report, Scores, render_table, report_json, report_markdown
from conflictcoder.records import Location
from tests.evaluate.conftest import FakeExtractor
from tests.evaluate.fakes import event

GWN = """<?xml version="1.0" ?>
<articles><article file="7"><title>T</title><text>Shelling hit Afrin and Tal Rifaat today.</text>
<toponyms>
<toponym><extractedName>Afrin</extractedName><start>13</start><end>18</end>
<geonamesID>174186</geonamesID><latitude>36.51</latitude><longitude>36.87</longitude></toponym>
<toponym><extractedName>Tal Rifaat</extractedName><start>23</start><end>33</end>
<geonamesID>163279</geonamesID><latitude>36.47</latitude><longitude>37.10</longitude></toponym>
<toponym><extractedName>today</extractedName><start>34</start><end>39</end>
<geonamesID></geonamesID></toponym>
<toponym><extractedName>T</extractedName><start>-3</start><end>-2</end>
<geonamesID>1</geonamesID><latitude>1</latitude><longitude>1</longitude></toponym>
</toponyms></article></articles>
"""

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="42"><title>T</title><text><![CDATA[A fire in Alexandria.]]></text>
<toponyms count="1"><toponym><start>10</start><end>20</end><phrase>Alexandria</phrase>
<gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon>
<country geonameid="6252001">United States</country></gaztag></toponym></toponyms>
</article></articles>
"""


def test_gwn_keeps_only_spans_with_a_geonames_id_inside_the_text(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text(GWN, encoding="utf-8")
    (article,) = geoparsing.load("geo-gwn", path, "dev")
    assert [article.text[t.start : t.end] for t in article.toponyms] == ["Afrin", "Tal Rifaat"]


def test_lgl_reads_the_gold_country(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    (article,) = geoparsing.load("geo-lgl", path, "test")
    (toponym,) = article.toponyms
    assert (toponym.geonameid, toponym.country) == (4314550, "USA")


def test_geo_scores_per_toponym(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text(GWN, encoding="utf-8")
    articles = geoparsing.load("geo-gwn", path, "dev")
    right = Location("Afrin", "Afrin", "SYR", None, None, 36.51, 36.87, 174186, "town", 1)
    # 0.2 degrees of latitude south: 22 km off, another id.
    off = Location("Tal Rifaat", "x", "SYR", None, None, 36.27, 37.10, 1, "town", 1)
    scores, errors = geoparsing.score(articles, [[right, off]], {174186: "SYR"})
    shares = {s.metric: (s.hits, s.n) for s in scores.shares}
    assert shares["resolved"] == (2, 2)
    assert shares["exact GeoNames id"] == (1, 2)
    assert shares["country"] == (1, 1)  # the second toponym's country is unknown: left out
    assert shares["within 10 km"] == (1, 2)
    assert shares["within 25 km"] == (2, 2)
    assert errors[1] == pytest.approx(22.2, abs=0.2)
    scores, _ = geoparsing.score(articles, [[None, None]], {})
    assert {s.metric: s.hits for s in scores.shares}["within 161 km"] == 0


def _report() -> Report:
    c = Classification(
        "sub_event_type", ("A", "A", "B"), ("A", "B", "B"), ("1", "2", "3"), ("a", "b", "c")
    )
    return Report(
        "case2021", "dev", "gold.tsv", 3, 1.5, Scores((Share("date", "exact", 1, 2),), (c,))
    )


def test_report_views_carry_every_number() -> None:
    report = _report()
    table = render_table(report)
    assert "sub_event_type" in table and "66.7%" in table and "1/2" in table
    data = report_json(report)
    assert data["classifications"]["sub_event_type"]["accuracy"] == pytest.approx(0.6667)
    assert data["classifications"]["sub_event_type"]["confusion"] == {
        "labels": ["A", "B"],
        "matrix": [[1, 1], [0, 1]],
    }
    assert data["scores"] == [{"field": "date", "metric": "exact", "value": 0.5, "hits": 1, "n": 2}]
    markdown = report_markdown(report)
    assert "Confusion matrix" in markdown and "**A → B** (1)" in markdown and "`2`: b" in markdown


def test_cli_writes_json_and_markdown(
    tmp_path: Path, fake_extractor: FakeExtractor, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "case.tsv"
    gold.write_text(
        "id\tEventSnippet\tSubType\n1\tTroops clashed.\tARMED_CLASH\n", encoding="utf-8"
    )
    fake_extractor({"Troops clashed.": (event("Armed clash"),)})
    out, md = tmp_path / "out" / "r.json", tmp_path / "r.md"
    assert main(["evaluate", "case2021", str(gold), "--json", str(out), "--report", str(md)]) == 0
    assert "case2021 [dev]" in capsys.readouterr().out
    assert json.loads(out.read_text())["classifications"]["sub_event_type"]["accuracy"] == 1.0
    assert md.read_text().startswith("# Evaluation: case2021 (dev)")


def test_cli_refuses_a_split_the_dataset_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", "plover", str(tmp_path), "--split", "test"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "plover has no test split" in err

"""UCDP-AEC articles (``ucdp-aec``): does some extracted event match the gold event?

Gold: ``pairs_validation_subset.jsonl`` (dev: the 8 validation articles that have texts) and
``pairs_test_subset.jsonl`` (test: 28 articles). One gold event per article, coded from the
article, possibly from a side paragraph rather than the headline event.

How our record maps onto the gold event (an article scores when *any* of its events does,
since we cannot tell which of several events UCDP coded):
- country: some event has a location in the gold country (``location_root_name`` read by
  ``countries.country_of``).
- date: some event's date range shares a day with the gold [start_date, end_date]. The
  article's ``source_date`` is passed as its publication date, for relative dates.
- deaths: some event with a fatality count whose range overlaps the gold
  [deaths_low, deaths_high] ("unspecified" reads as [1, ∞); events without a count do not
  take part).
- all three: one event meets the three at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictcoder.config import Config
from conflictcoder.countries import country_of
from conflictcoder.evaluate.common import (
    Text,
    Tick,
    extract_all,
    gold_file,
    iso_date,
    read_jsonl,
    subsample,
)
from conflictcoder.evaluate.metrics import Tally, count_range, date_overlaps, ranges_overlap
from conflictcoder.evaluate.report import Scores
from conflictcoder.records import Event, Record

FILES = {"dev": "pairs_validation_subset.jsonl", "test": "pairs_test_subset.jsonl"}


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: dt.date | None
    gold: dict[str, Any]


def load(path: Path, split: str) -> list[Article]:
    rows = read_jsonl(gold_file(path, FILES[split]))
    return [
        Article(
            str(r.get("id", i)),
            str(r.get("text", "")),
            iso_date(r.get("source_date")),
            dict(r.get("gold") or {}),
        )
        for i, r in enumerate(rows)
    ]


def gold_country(name: str) -> str | None:
    """ISO3 of a UCDP country name; UCDP adds the historical name in brackets ("Yemen
    (North Yemen)", "DR Congo (Zaire)"), so the name before the bracket is read first."""
    today, _, then = name.partition("(")
    return country_of(name) or country_of(today.strip()) or country_of(then.rstrip(") "))


def _checks(event: Event, gold: dict[str, Any]) -> tuple[bool, bool, bool]:
    country = gold_country(str(gold.get("location_root_name") or ""))
    in_country = country is not None and any(loc.country == country for loc in event.locations)
    start, end = iso_date(gold.get("start_date")), iso_date(gold.get("end_date"))
    on_date = (
        start is not None
        and event.date is not None
        and date_overlaps(event.date.start, event.date.end, start, end or start)
    )
    deaths = False
    low, high = gold.get("deaths_low"), gold.get("deaths_high")
    if event.fatalities is not None and isinstance(low, int) and isinstance(high, int):
        f = event.fatalities
        predicted = count_range(f.min, f.max, f.unspecified, True)
        deaths = ranges_overlap((float(predicted[0]), predicted[1]), (float(low), float(high)))
    return in_country, on_date, deaths


def score(articles: list[Article], records: list[Record | None]) -> Scores:
    tally = Tally()
    for article, record in zip(articles, records, strict=True):
        checks = [_checks(e, article.gold) for e in (record.events if record else ())]
        tally.add("event", "has gold country", any(c[0] for c in checks))
        tally.add("event", "covers gold date", any(c[1] for c in checks))
        tally.add("event", "deaths overlap gold", any(c[2] for c in checks))
        tally.add("event", "all three in one event", any(all(c) for c in checks))
        tally.add("record", "has any event", bool(checks))
    return Scores(tally.shares())


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    articles = subsample(load(path, split), limit, every)
    texts = (Text(a.id, a.text, a.published) for a in articles)
    return len(articles), score(articles, extract_all(texts, len(articles), config, tick)), ()

"""`conflictcoder events`: stored events, filtered, as a table, JSON Lines or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Iterable
from typing import Any

from conflictcoder.commands.ingest import add_db_option
from conflictcoder.store.rows import CURRENT, EventFilters, EventRow, Near

CSV_COLUMNS = (
    "event_id",
    "fused_id",
    "document_id",
    "path",
    "url",
    "published",
    "category",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    "date_start",
    "date_end",
    "date_precision",
    "location",
    "country",
    "lat",
    "lon",
    "actor1",
    "actor2",
    "fatalities_min",
    "fatalities_max",
    "injuries_min",
    "injuries_max",
    "stance",
    "claimant",
    "claimant_country",
    "confidence",
    "trigger",
    "status",
)
STANCES = ("asserted", "alleged", "denied", "reported")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser(
        "events",
        help="stored events, filtered (table, jsonl or csv)",
        description="Print the events in the store that match every filter given.",
    )
    add_db_option(ev)
    add_filter_options(ev)
    ev.add_argument("--limit", type=_positive, default=None, help="at most N events")
    ev.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default="table",
        help="table: for people; jsonl: one EventRow a line; csv: one flat row per event",
    )
    ev.set_defaults(run=run)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """--since --until --country --type --near --source --stance --all (events, export)."""
    parser.add_argument(
        "--since",
        type=_date,
        help="events whose date range overlaps this day or later (YYYY-MM-DD): an event dated "
        "2022-08-13..2022-09-13 is on or after 2022-09-01",
    )
    parser.add_argument(
        "--until",
        type=_date,
        help="events whose date range overlaps this day or earlier (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--country",
        type=_iso3,
        help="events with any of its locations in this country (ISO3); an event on a border "
        "can match two countries",
    )
    parser.add_argument(
        "--type",
        type=_event_type,
        help="PLOVER type (ASSAULT), ACLED event or sub-event type, or category (any case)",
    )
    parser.add_argument(
        "--near", type=_near, metavar="LAT,LON,KM", help="a place within KM of LAT,LON"
    )
    parser.add_argument("--source", help="text in the claimant's name, the document's path or URL")
    parser.add_argument("--stance", choices=STANCES, help="the claim's stance")
    parser.add_argument(
        "--all",
        action="store_true",
        dest="all_statuses",
        help="also background, generic and hypothetical events (each labelled with its "
        "status); by default only current ones, the reports' news",
    )


def filters_from(args: argparse.Namespace) -> EventFilters:
    """The filters the options of ``add_filter_options`` (and --limit, if any) ask for."""
    return EventFilters(
        since=args.since,
        until=args.until,
        country=args.country,
        type=args.type,
        near=args.near,
        source=args.source,
        stance=args.stance,
        statuses=None if getattr(args, "all_statuses", False) else CURRENT,
        limit=getattr(args, "limit", None),
    )


def event_type_names() -> list[str]:
    """Every value ``--type`` accepts: PLOVER types, ACLED event and sub-event types, and the
    categories of ``event_categories.tsv``."""
    from conflictcoder.events.lexicon import PLOVER_TYPES, event_categories

    names = set(PLOVER_TYPES)
    for kind in event_categories().values():
        names.add(kind.category)
        names.update(n for n in (kind.acled_event_type, kind.acled_sub_event_type) if n)
    return sorted(names, key=str.lower)


def _event_type(text: str) -> str:
    names = event_type_names()
    if text.strip().lower() in {n.lower() for n in names}:
        return text.strip()
    raise argparse.ArgumentTypeError(
        f"unknown event type {text!r}; give one of: " + ", ".join(names)
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2022-09-13") from None


def _iso3(text: str) -> str:
    if len(text) != 3 or not text.isalpha():
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 3166-1 alpha-3 code like AZE")
    return text.upper()


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _near(text: str) -> Near:
    parts = text.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not LAT,LON,KM (e.g. 40.52,46.08,25)"
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"{text!r}: latitude, longitude or radius out of range")
    return Near(lat, lon, km)


def flat(row: EventRow) -> dict[str, Any]:
    """One EventRow as the CSV's columns (the first place and actors of each side)."""
    doc, event = row["document"], row["event"]
    date = event.get("date") or {}
    place: dict[str, Any] = next(iter(event.get("locations") or []), {})
    actors = event.get("actors") or []
    attribution = event.get("attribution") or {}
    claimant = attribution.get("claimant") or {}
    acled = event.get("acled") or {}
    fatalities = event.get("fatalities") or {}
    injuries = event.get("injuries") or {}

    def side(role: str) -> str | None:
        return next((a.get("name") or a.get("text") for a in actors if a["role"] == role), None)

    return {
        "event_id": event["id"],
        "fused_id": row.get("fused_id"),
        "document_id": doc["id"],
        "path": doc.get("path"),
        "url": doc.get("url"),
        "published": doc.get("published"),
        "category": event.get("category"),
        "plover_type": event["plover"]["type"],
        "plover_mode": event["plover"]["mode"],
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "cameo": event.get("cameo"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "location": place.get("name") or place.get("text"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "actor1": side("actor1"),
        "actor2": side("actor2") or side("target"),
        "fatalities_min": fatalities.get("min"),
        "fatalities_max": fatalities.get("max"),
        "injuries_min": injuries.get("min"),
        "injuries_max": injuries.get("max"),
        "stance": attribution.get("stance"),
        "claimant": claimant.get("name"),
        "claimant_country": claimant.get("country"),
        "confidence": event.get("confidence"),
        "trigger": (event.get("trigger") or {}).get("text"),
        "status": event.get("status") or "current",
    }


def _cell(value: Any, width: int) -> str:
    text = "-" if value is None or value == "" else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


_TABLE = (
    ("date_start", 10),
    ("plover_type", 12),
    ("location", 18),
    ("country", 3),
    ("actor1", 22),
    ("fatalities_max", 4),
    ("stance", 8),
    ("status", 10),
    ("claimant", 22),
    ("event_id", 26),
)


def write_table(rows: Iterable[EventRow]) -> int:
    header = (
        *("date", "type", "place", "iso", "actor1", "dead", "stance", "status", "claimant"),
        "event",
    )
    widths = [w for _, w in _TABLE]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    count = 0
    for row in rows:
        values = flat(row)
        cells = [_cell(values[name], width).ljust(width) for name, width in _TABLE]
        print("  ".join(cells).rstrip())
        count += 1
    print(f"({count} event{'s' if count != 1 else ''})", file=sys.stderr)
    return count


def run(args: argparse.Namespace) -> int:
    from conflictcoder.serialize import dumps
    from conflictcoder.store import open_store

    filters = filters_from(args)
    with open_store(args.db, create=False) as store:
        rows = store.event_rows(filters)
        if args.format == "jsonl":
            for row in rows:
                print(dumps(row))
        elif args.format == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(flat(row))
        else:
            write_table(rows)
    return 0

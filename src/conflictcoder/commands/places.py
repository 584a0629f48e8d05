"""`conflictcoder places`: the geoparser alone — every toponym of each document, resolved."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from conflictcoder.commands.extract import add_config_options, config_from, warn
from conflictcoder.config import Config
from conflictcoder.records import Location, RawInput, Rejection, Span


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pl = sub.add_parser(
        "places",
        help="list every place name of each document with its resolution",
        description='One JSON object a document: {"document": {"id"}, "places": [...]}. '
        'JSON Lines input lines with "spans": [[start, end], ...] resolve exactly those '
        "spans, in that order (gold-toponym evaluation).",
    )
    pl.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, .jsonl, or '-'")
    pl.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    pl.add_argument(
        "--explain", action="store_true", help="add every candidate, its score and its reasons"
    )
    add_config_options(pl)
    pl.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from conflictcoder.ingest.sources import iter_inputs

    config = config_from(args)
    rejected = 0
    collected: list[dict[str, Any]] = []
    for item in iter_inputs(args.paths, config, stdin=sys.stdin.buffer):
        if isinstance(item, Rejection):
            rejected += 1
            warn(item)
            continue
        try:
            obj = places_json(item, config, explain=args.explain)
        except Exception as exc:  # one bad document never stops the rest
            from conflictcoder.errors import ConflictcoderError

            if not isinstance(exc, ConflictcoderError):
                raise
            rejected += 1
            warn(Rejection(item.id, item.path, getattr(exc, "stage", "places"), str(exc)))
            continue
        if args.format == "jsonl":
            print(json.dumps(obj, ensure_ascii=False, sort_keys=False), flush=True)
        else:
            collected.append(obj)
    if args.format == "json":
        print(
            json.dumps(
                collected if len(collected) != 1 else collected[0], indent=2, ensure_ascii=False
            )
        )
    return 1 if rejected else 0


def places_json(raw: RawInput, config: Config, *, explain: bool = False) -> dict[str, Any]:
    """The places object of one input: gold spans when the input carries them, else
    every toponym the NLP finds (the same parse as ``extract``)."""
    from conflictcoder.geo.gazetteer import load_gazetteer
    from conflictcoder.geo.resolve import GeoContext, PlaceMention, explain_places

    gazetteer = load_gazetteer(config)
    spans = _given_spans(raw)
    if spans is not None:
        doc_id = raw.id or raw.path or "input"
        mentions = [PlaceMention(Span(s, e, raw.text[s:e])) for s, e in spans]
        context = GeoContext(given=True)
    else:
        from conflictcoder.events.places import find_places
        from conflictcoder.ingest.document import build_document
        from conflictcoder.nlp.pipeline import parse

        document = build_document(raw, config)
        doc_id = document.id
        mentions = []
        for chunk in parse(document, config):
            for sent in chunk.doc.sents:
                mentions += find_places(sent, chunk.offset, gazetteer, excluded=set())
        issuer = document.issuer.country if document.issuer is not None else None
        context = GeoContext(countries=(issuer,) if issuer else ())
    explained = explain_places(mentions, context, gazetteer, points="centre")
    places = []
    for m, e in zip(mentions, explained, strict=True):
        entry = _place_json(m.span, e.location)
        if explain:
            entry["candidates"] = [
                {
                    "name": sc.candidate.name,
                    "country": sc.candidate.country,
                    "admin1": sc.candidate.admin1,
                    "feature": sc.candidate.feature,
                    "geonameid": sc.candidate.geonameid,
                    "score": sc.score,
                    "reasons": list(sc.reasons),
                }
                for sc in e.candidates
            ]
            entry["note"] = e.note
        places.append(entry)
    return {"document": {"id": doc_id}, "places": places}


def _place_json(span: Span, loc: Location | None) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "name": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "feature": loc.feature if loc else None,
        "score": loc.score if loc else None,
    }


def _given_spans(raw: RawInput) -> list[tuple[int, int]] | None:
    """The "spans" of a JSON Lines input, checked against its text; None when absent."""
    from conflictcoder.errors import InputError

    value = dict(raw.meta).get("spans")
    if value is None:
        return None
    where = raw.id or raw.path or "input"
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = None
    spans: list[tuple[int, int]] = []
    if isinstance(parsed, list):
        for pair in parsed:
            ok = isinstance(pair, list) and len(pair) == 2 and all(type(x) is int for x in pair)
            if not ok or not 0 <= pair[0] < pair[1] <= len(raw.text):
                parsed = None
                break
            spans.append((pair[0], pair[1]))
    if not isinstance(parsed, list):
        raise InputError(
            f'{where}: "spans" must be a list of [start, end] character offsets inside "text"',
            stage="places",
        )
    return spans

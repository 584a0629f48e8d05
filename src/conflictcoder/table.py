"""A plain-text view of a record for people in a terminal."""

from __future__ import annotations

import textwrap

from conflictcoder.records import Count, DateRange, Event, Record


def _count(count: Count | None) -> str:
    if count is None:
        return "-"
    if count.unspecified:
        return "unspecified"
    if count.min is None and count.max is None:
        return "-"
    if count.min == count.max:
        return str(count.min)
    low = "?" if count.min is None else str(count.min)
    high = "+" if count.max is None else f"-{count.max}"
    return f"{low}{high}"


def _date(value: DateRange | None) -> str:
    if value is None or value.start is None:
        return "-"
    if value.end is None or value.end == value.start:
        return value.start.isoformat()
    return f"{value.start.isoformat()}..{value.end.isoformat()}"


def _event_lines(number: int, event: Event) -> list[str]:
    t = event.type
    acled = f"{t.acled_event_type} / {t.acled_sub_event_type}" if t.acled_event_type else "-"
    mode = f" ({t.plover_mode})" if t.plover_mode else ""
    actors = "; ".join(
        f"{a.role}: {a.name or a.text}{' [' + a.country + ']' if a.country else ''}"
        for a in event.actors
    )
    places = "; ".join(
        f"{loc.name or loc.text}{' [' + loc.country + ']' if loc.country else ''}"
        for loc in event.locations
    )
    claim = "-"
    if event.attribution is not None:
        who = event.attribution.claimant.name if event.attribution.claimant else "?"
        claim = f"{event.attribution.stance} by {who}"
    rows = [
        ("type", f"{t.plover_type}{mode}  ACLED: {acled}  CAMEO: {t.cameo or '-'}"),
        ("trigger", repr(event.trigger.text)),
        ("actors", actors or "-"),
        ("places", places or "-"),
        ("date", _date(event.date)),
        ("killed", _count(event.fatalities)),
        ("injured", _count(event.injuries)),
        ("weapons", ", ".join(event.weapons) or "-"),
        ("claim", claim),
        ("confidence", f"{event.confidence:.2f}"),
    ]
    lines = [f"[{number}] {t.category}"]
    for key, value in rows:
        wrapped = textwrap.wrap(value, width=88) or ["-"]
        lines.append(f"    {key:<10} {wrapped[0]}")
        lines.extend(f"    {'':<10} {more}" for more in wrapped[1:])
    return lines


def render_record(record: Record) -> str:
    """The document's header and one block per event."""
    doc = record.document
    head = [f"document {doc.id}  {doc.path or ''}".rstrip()]
    if doc.dateline is not None:
        dl = doc.dateline
        when = dl.date.isoformat() if dl.date else "?"
        head.append(f"  dateline  {dl.place or '?'}, {when} ({dl.agency or '-'})")
    if doc.published is not None:
        head.append(f"  published {doc.published.isoformat()}")
    if doc.issuer is not None:
        head.append(f"  issuer    {doc.issuer.name} [{doc.issuer.country or '?'}]")
    for removed in doc.removed:
        head.append(f"  removed   {removed.reason}: {removed.text[:70]}")
    head.append(f"  events    {len(record.events)}")
    body: list[str] = []
    for number, event in enumerate(record.events, start=1):
        body.extend(_event_lines(number, event))
    return "\n".join([*head, "", *body]) + "\n"

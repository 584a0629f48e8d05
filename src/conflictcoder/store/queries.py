"""Read-only questions the HTTP API asks of the store: pages of events, one event, one fused
event, one document, full-text search and a summary. Every function takes an open Session.

Search uses SQLite FTS5 (the external-content index ``search_documents`` over
``documents(title, text)`` that migration 0002 makes and its triggers keep in step),
PostgreSQL full-text search (over the expression migration 0002 indexes with GIN), or a
plain substring scan where neither is available.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVarTuple

from sqlalchemy import ColumnElement, Engine, Select, func, inspect, literal_column, select, text
from sqlalchemy.orm import Session

from conflictcoder.store.models import (
    SEARCH_TABLE,
    SEARCH_VECTOR,
    DocumentRow,
    EventRecord,
    FusedEventRow,
    FusedMemberRow,
    PlaceRow,
    RejectionRow,
)
from conflictcoder.store.rows import EventFilters, EventRow
from conflictcoder.store.store import (
    _DOCUMENT_COLUMNS,
    EVENT_ORDER,
    _conditions,
    document_object,
)

SearchEngine = Literal["fts5", "postgresql", "like"]
_Ts = TypeVarTuple("_Ts")
FTS_TABLE = SEARCH_TABLE
# Marks a snippet's matched words; control characters never occur in stored report text.
_OPEN, _CLOSE = "\x02", "\x03"
_SNIPPET_CHARS = 240
# Fields on which the members of a fused event are compared.
_COMPARED = ("category", "date", "locations", "fatalities", "injuries", "stance", "claimant")


def _fused_column() -> Any:
    return (
        select(func.min(FusedMemberRow.fused_id))
        .where(FusedMemberRow.event_id == EventRecord.id)
        .scalar_subquery()
        .label("fused_id")
    )


def _rows_select(filters: EventFilters) -> Select[Any]:
    return (
        select(EventRecord.data, *_DOCUMENT_COLUMNS, _fused_column())
        .join(DocumentRow, DocumentRow.id == EventRecord.document_id)
        .where(*_conditions(filters))
        .order_by(*EVENT_ORDER)
    )


def _row(row: Any) -> EventRow:
    return {"document": document_object(row), "event": row.data, "fused_id": row.fused_id}


def _in_circle(data: dict[str, Any], filters: EventFilters) -> bool:
    near = filters.near
    return near is None or any(
        loc.get("lat") is not None
        and loc.get("lon") is not None
        and near.contains(loc["lat"], loc["lon"])
        for loc in data.get("locations") or []
    )


def _filtered(stmt: Select[*_Ts], filters: EventFilters) -> Select[*_Ts]:
    """``stmt`` with the filters' conditions; they read the events table alone (every
    event has its document, so leaving out the documents' join drops no row)."""
    return stmt.where(*_conditions(filters))


def _ids_select(filters: EventFilters) -> Select[Any]:
    return _filtered(select(EventRecord.id), filters).order_by(*EVENT_ORDER)


def _rows_by_id(session: Session, ids: Sequence[str]) -> list[EventRow]:
    """The EventRows of ``ids``, in that order."""
    if not ids:
        return []
    found = session.execute(
        _rows_select(EventFilters()).order_by(None).where(EventRecord.id.in_(ids))
    )
    by_id = {r.data["id"]: _row(r) for r in found}
    return [by_id[i] for i in ids if i in by_id]


def event_page(
    session: Session, filters: EventFilters, *, limit: int, offset: int
) -> tuple[int, list[EventRow]]:
    """(how many events match ``filters``, the EventRows ``offset`` … ``offset+limit-1``) in
    ``Store.event_rows`` order. ``filters.limit`` is ignored."""
    if filters.near is None:
        # Counted over the events' indexes (no document join unless a filter needs it).
        counted = _filtered(select(func.count()).select_from(EventRecord), filters)
        total = int(session.scalar(counted) or 0)
        # Walking narrow id rows in index order, then reading the page's full rows, keeps
        # deep pages cheap.
        ids = list(session.scalars(_ids_select(filters).limit(limit).offset(offset)))
        return total, _rows_by_id(session, ids)
    # The SQL keeps the circle's bounding box; the exact distance is checked here.
    located = _filtered(
        select(EventRecord.id, PlaceRow.lat, PlaceRow.lon).join(
            PlaceRow, PlaceRow.event_id == EventRecord.id
        ),
        filters,
    ).order_by(*EVENT_ORDER)
    near = filters.near
    inside = list(
        dict.fromkeys(  # an event with two places in the circle counts once, in order
            event_id
            for event_id, lat, lon in session.execute(located)
            if lat is not None and lon is not None and near.contains(lat, lon)
        )
    )
    return len(inside), _rows_by_id(session, inside[offset : offset + limit])


def iter_event_rows(session: Session, filters: EventFilters) -> Iterator[EventRow]:
    """Every EventRow matching ``filters`` (``Store.event_rows`` semantics), streamed."""
    stmt = _rows_select(filters).execution_options(yield_per=500)
    given = 0
    for row in session.execute(stmt):
        if not _in_circle(row.data, filters):
            continue
        yield _row(row)
        given += 1
        if filters.limit is not None and given >= filters.limit:
            return


def event_row(session: Session, event_id: str) -> EventRow | None:
    """The EventRow of the event with this id, or None, with ``sources``: how many
    documents tell it and how many independent sources they are (wire copies count once)."""
    row = session.execute(_rows_select(EventFilters()).where(EventRecord.id == event_id)).first()
    if row is None:
        return None
    out = _row(row)
    summary = None
    if row.fused_id is not None:
        summary = session.scalar(
            select(FusedEventRow.summary).where(FusedEventRow.id == row.fused_id)
        )
    out["sources"] = sources_of(summary, out["document"])
    return out


def sources_of(summary: dict[str, Any] | None, document: dict[str, Any]) -> dict[str, Any]:
    """{"documents": n, "independent": m, "originals": [ids]} of a fused event's summary, or
    of the one document when the event is not fused (or was fused before copies counted)."""
    if summary and isinstance(summary.get("sources"), list):
        originals = [s["original"] for s in summary["sources"]]
        return {
            "documents": len(summary.get("documents") or []),
            "independent": len(originals),
            "originals": originals,
        }
    return {
        "documents": 1,
        "independent": 1,
        "originals": [document.get("copy_of") or document["id"]],
    }


def _values(member: dict[str, Any], name: str) -> Any:
    value = member.get(name)
    if name == "claimant":
        return (value or {}).get("name")
    if name == "locations":
        return tuple(sorted(value or [])) or None
    if isinstance(value, dict):
        items = tuple(sorted((k, v) for k, v in value.items() if v is not None))
        return items or None
    return value


def disagreements(
    members: Sequence[dict[str, Any]], denials: Sequence[dict[str, Any]]
) -> list[str]:
    """The compared fields on which the members hold different non-null values (``stance``
    too when someone denies a member's claim)."""
    out = []
    for name in _COMPARED:
        seen = {repr(v) for m in members if (v := _values(m, name)) is not None}
        if len(seen) > 1 or (name == "stance" and denials):
            out.append(name)
    return out


def fused_event(session: Session, fused_id: str) -> dict[str, Any] | None:
    """The fused event's stored summary, each member and denial with its full event and
    document, and ``disagreements``; None when there is no such fused event."""
    summary = session.scalar(select(FusedEventRow.summary).where(FusedEventRow.id == fused_id))
    if summary is None:
        return None
    out = dict(summary)
    members = [dict(m) for m in out.get("members") or []]
    denials = [dict(m) for m in out.get("denials") or []]
    ids = [m["event_id"] for m in members + denials if isinstance(m.get("event_id"), str)]
    rows = session.execute(_rows_select(EventFilters()).where(EventRecord.id.in_(ids)))
    found = {r.data["id"]: _row(r) for r in rows}
    for member in members + denials:
        row = found.get(member.get("event_id", ""))
        member["event"] = row["event"] if row else None
        member["document"] = row["document"] if row else None
    out["members"], out["denials"] = members, denials
    out["disagreements"] = disagreements(out["members"], denials)
    return out


def document_detail(session: Session, document_id: str) -> dict[str, Any] | None:
    """The newest stored document with this id (text, removed spans, revision) and its
    events in document order; None when there is none."""
    doc = session.scalars(
        select(DocumentRow).where(DocumentRow.doc_id == document_id).order_by(DocumentRow.id.desc())
    ).first()
    if doc is None:
        return None
    original = None
    if doc.copy_of is not None:
        original = session.scalar(select(DocumentRow.doc_id).where(DocumentRow.id == doc.copy_of))
    copies = list(
        session.scalars(
            select(DocumentRow.doc_id).where(DocumentRow.copy_of == doc.id).order_by(DocumentRow.id)
        )
    )
    document = {
        **document_object(doc, original),
        "copies": copies,  # the ids of the stored near-copies of this text
        "text": doc.text,
        "removed": list(doc.removed or []),
        "revision": doc.revision,
    }
    rows = session.execute(
        select(EventRecord.data, _fused_column())
        .where(EventRecord.document_id == doc.id)
        .order_by(EventRecord.n)
    )
    events = [{"event": r.data, "fused_id": r.fused_id} for r in rows]
    return {"document": document, "events": events}


def _counted(session: Session, column: Any, *, join_places: bool = False) -> list[dict[str, Any]]:
    source = PlaceRow if join_places else EventRecord
    n = func.count().label("n")
    stmt = (
        select(column, n)
        .select_from(source)
        .where(column.is_not(None))
        .group_by(column)
        .order_by(n.desc(), column)
    )
    return [{"value": value, "count": int(count)} for value, count in session.execute(stmt)]


def summary(session: Session) -> dict[str, Any]:
    """Counts, the span of event start dates and the values the UI's filters offer."""

    def count(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    first, last = session.execute(
        select(func.min(EventRecord.date_start), func.max(EventRecord.date_start))
    ).one()
    return {
        "counts": {
            "documents": count(DocumentRow),
            "events": count(EventRecord),
            "fused_events": count(FusedEventRow),
            "rejections": count(RejectionRow),
        },
        "dates": {
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
        },
        "plover_types": _counted(session, EventRecord.plover_type),
        "acled_event_types": _counted(session, EventRecord.acled_type),
        "countries": _counted(session, PlaceRow.country, join_places=True),
        "stances": _counted(session, EventRecord.stance),
        "statuses": _counted(session, EventRecord.status),
    }


# -- search --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchPage:
    """One page of search hits: each hit is {document, snippet {text, highlights}, score}."""

    engine: SearchEngine
    total: int
    items: list[dict[str, Any]]


_TERM = re.compile(r'"([^"]+)"|([^\s"]+)')
_WORD = re.compile(r"\w+")


def search_terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, reduced to word characters (so no query
    syntax reaches the database); empty when nothing searchable is left."""
    terms = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append(" ".join(words))
    return terms


def search_engine(engine: Engine) -> SearchEngine:
    """Which full-text search this (migrated) database offers: ``fts5`` when SQLite has the
    index migration 0002 made (it lacks it only without FTS5), ``postgresql``, else
    ``like``. Reads the schema only; the index is kept by the migrations and triggers."""
    if engine.dialect.name == "postgresql":
        return "postgresql"
    if engine.dialect.name == "sqlite" and inspect(engine).has_table(FTS_TABLE):
        return "fts5"
    return "like"


def _document_ref(doc: Any) -> dict[str, Any]:
    return document_object(doc)


def search_documents(
    session: Session, query: str, engine: SearchEngine, *, limit: int, offset: int
) -> SearchPage:
    """Documents matching every term of ``query``, best first, with a snippet."""
    terms = search_terms(query)
    if not terms:
        return SearchPage(engine, 0, [])
    if engine == "fts5":
        return _search_fts5(session, terms, limit=limit, offset=offset)
    if engine == "postgresql":
        return _search_postgresql(session, terms, limit=limit, offset=offset)
    return _search_like(session, terms, limit=limit, offset=offset)


def _document_select() -> Any:
    return select(DocumentRow.id, *_DOCUMENT_COLUMNS)


def _search_fts5(session: Session, terms: list[str], *, limit: int, offset: int) -> SearchPage:
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    total = session.execute(
        text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"), {"q": match}
    ).scalar_one()
    hits = session.execute(
        text(
            f"SELECT rowid, snippet({FTS_TABLE}, 1, :o, :c, '…', 32) AS snip,"
            f" bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
            " ORDER BY rank, rowid LIMIT :limit OFFSET :offset"
        ),
        {"q": match, "o": _OPEN, "c": _CLOSE, "limit": limit, "offset": offset},
    ).all()
    return SearchPage("fts5", int(total), _hits(session, [(h[0], h[1], -h[2]) for h in hits]))


def _search_postgresql(
    session: Session, terms: list[str], *, limit: int, offset: int
) -> SearchPage:
    query = " ".join(f'"{t}"' if " " in t else t for t in terms)
    tsquery = func.websearch_to_tsquery("english", query)
    # Spelled exactly as ix_documents_search is built, so the planner can use the index.
    vector: ColumnElement[Any] = literal_column(SEARCH_VECTOR)
    where = vector.op("@@")(tsquery)
    total = session.scalar(select(func.count()).select_from(DocumentRow).where(where))
    options = f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=35, MinWords=15"
    rank = func.ts_rank(vector, tsquery).label("rank")
    stmt = (
        select(
            DocumentRow.id, func.ts_headline("english", DocumentRow.text, tsquery, options), rank
        )
        .where(where)
        .order_by(rank.desc(), DocumentRow.id)
        .limit(limit)
        .offset(offset)
    )
    hits = [(r[0], r[1], float(r[2])) for r in session.execute(stmt)]
    return SearchPage("postgresql", int(total or 0), _hits(session, hits))


def _search_like(session: Session, terms: list[str], *, limit: int, offset: int) -> SearchPage:
    conditions = [DocumentRow.text.icontains(t, autoescape=True) for t in terms]
    total = session.scalar(select(func.count()).select_from(DocumentRow).where(*conditions))
    stmt = (
        select(DocumentRow.id, DocumentRow.text)
        .where(*conditions)
        .order_by(DocumentRow.id)
        .limit(limit)
        .offset(offset)
    )
    hits = [(r[0], _marked_snippet(r[1], terms), 1.0) for r in session.execute(stmt)]
    return SearchPage("like", int(total or 0), _hits(session, hits))


def _marked_snippet(body: str, terms: list[str]) -> str:
    """A window of ``body`` around the first term, every term in it between the markers."""
    lowered = body.casefold()
    first = min((i for t in terms if (i := lowered.find(t.casefold())) >= 0), default=0)
    start = max(0, first - _SNIPPET_CHARS // 3)
    window = body[start : start + _SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    marked = pattern.sub(lambda m: _OPEN + m.group(0) + _CLOSE, window)
    return ("…" if start else "") + marked + ("…" if start + _SNIPPET_CHARS < len(body) else "")


def unmark(snippet: str) -> dict[str, Any]:
    """{"text": the snippet without markers, "highlights": [[start, end], …] into it}."""
    plain: list[str] = []
    highlights: list[list[int]] = []
    length, opened = 0, None
    for part in re.split(f"([{_OPEN}{_CLOSE}])", snippet):
        if part == _OPEN:
            opened = length
        elif part == _CLOSE:
            if opened is not None and length > opened:
                highlights.append([opened, length])
            opened = None
        else:
            plain.append(part)
            length += len(part)
    return {"text": " ".join("".join(plain).split("\n")), "highlights": highlights}


def _hits(session: Session, hits: list[tuple[int, str, float]]) -> list[dict[str, Any]]:
    if not hits:
        return []
    docs = {
        r.id: _document_ref(r)
        for r in session.execute(_document_select().where(DocumentRow.id.in_([h[0] for h in hits])))
    }
    return [
        {"document": docs[key], "snippet": unmark(snip or ""), "score": round(score, 4)}
        for key, snip, score in hits
        if key in docs
    ]

"""The store: open a database (migrated to the newest schema), write records, read events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from conflictcoder import __version__
from conflictcoder.errors import StoreError
from conflictcoder.records import Record, Rejection
from conflictcoder.serialize import event_json
from conflictcoder.store.copies import add_bands, find_original, removed_spans
from conflictcoder.store.fingerprint import fingerprint
from conflictcoder.store.labels import first_line
from conflictcoder.store.migrate import upgrade
from conflictcoder.store.models import (
    ActorRow,
    Base,
    DocumentRow,
    EventRecord,
    EvidenceRow,
    ExtractionRow,
    FusedEventRow,
    FusedMemberRow,
    PlaceRow,
    RejectionRow,
)
from conflictcoder.store.rows import EventFilters, EventRow

# Tables in the order a reader follows them (counts() keeps it).
_ORDER = {
    name: n
    for n, name in enumerate(
        [
            "documents",
            "extractions",
            "events",
            "places",
            "actors",
            "evidence",
            "fingerprint_bands",
            "rejections",
            "fused_events",
            "fused_members",
        ]
    )
}
Outcome = Literal["stored", "duplicate", "revision", "rejected"]
ENGINE = f"rules/{__version__}"
DEFAULT_DB = Path("~/.local/share/conflictcoder/events.db")
DEFAULT_BATCH = 50
# How long a writer waits for another to finish (CONFLICTCODER_DB_TIMEOUT, seconds).
DEFAULT_TIMEOUT = 60.0
# An execution option: transactions on a connection carrying it take SQLite's write lock at
# BEGIN (BEGIN IMMEDIATE), so concurrent writers queue on the busy timeout instead of failing
# when a read transaction cannot be upgraded to a write one.
WRITE_OPTION = "conflictcoder_write"


@dataclass(frozen=True)
class Source:
    """Where a record came from, beyond the record itself.

    ``key`` names the address whose changed content makes a new revision (a URL, a feed
    entry's link, a file's absolute path); None falls back to the document's URL.
    """

    key: str | None = None


def content_hash(text: str) -> str:
    """The sha256 (hex) that tells one document's content from another's."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def database_url(given: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` (a URL or a file path), else CONFLICTCODER_DB, else
    the SQLite file ~/.local/share/conflictcoder/events.db. ``postgresql://`` uses psycopg 3.
    """
    text = given or os.environ.get("CONFLICTCODER_DB") or str(DEFAULT_DB)
    if "://" not in text:
        path = Path(text).expanduser()
        return f"sqlite:///{path}"
    for plain in ("postgresql://", "postgres://"):
        if text.startswith(plain):
            return "postgresql+psycopg://" + text[len(plain) :]
    return text


def _reason(exc: Exception) -> str:
    """The database's own first line for ``exc`` (SQLAlchemy wraps it with SQL and a link)."""
    cause = str(getattr(exc, "orig", None) or exc).strip()
    return cause.splitlines()[0] if cause else type(exc).__name__


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def busy_timeout() -> float:
    """Seconds a writer waits for the store's lock (CONFLICTCODER_DB_TIMEOUT, default 60)."""
    text = os.environ.get("CONFLICTCODER_DB_TIMEOUT", "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        raise StoreError(
            f"CONFLICTCODER_DB_TIMEOUT must be a number of seconds, not {text!r}"
        ) from None
    if not seconds >= 0:  # also refuses NaN
        raise StoreError(f"CONFLICTCODER_DB_TIMEOUT must not be negative ({text!r})")
    return seconds


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    timeout_ms = int(busy_timeout() * 1000)

    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        # Reads go through the OS page cache without copies (events rows are wide: JSON).
        cursor.execute("PRAGMA mmap_size=1073741824")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def open_store(
    url: str | None = None, *, batch_size: int = DEFAULT_BATCH, create: bool = True
) -> Store:
    """The store at ``url`` (see ``database_url``), upgraded to the newest schema.

    With ``create=False`` a missing SQLite file is an error instead of a new empty store.
    Raises StoreError with the reason when the database cannot be opened or migrated.
    """
    full = database_url(url)
    database = make_url(full).database if full.startswith("sqlite") else None
    if not create and database and database != ":memory:" and not Path(database).exists():
        raise StoreError(f"there is no store at {database}; ingest documents first, or give --db")
    try:
        engine = _sqlite_engine(full) if full.startswith("sqlite") else create_engine(full)
        upgrade(engine)
    except (SQLAlchemyError, OSError, ImportError) as exc:
        raise StoreError(
            f"cannot open the store {_safe(full)} ({_reason(exc)}); check --db or CONFLICTCODER_DB"
        ) from exc
    return Store(engine, batch_size=batch_size)


class Store:
    """Records in, event rows out. Writes go in batches: each document with its extraction,
    events, places, actors and evidence is one savepoint inside the batch's transaction, and
    the batch commits every ``batch_size`` inputs (and on ``commit``/``close``)."""

    def __init__(self, engine: Engine, *, batch_size: int = DEFAULT_BATCH) -> None:
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self._session = Session(engine, autoflush=False, expire_on_commit=False)
        self._pending = 0
        self._writing = False
        self.copies = 0  # documents this Store linked to an original they copy

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def commit(self) -> None:
        """Make every document written so far durable."""
        try:
            self._session.commit()
        except SQLAlchemyError as exc:
            self._session.rollback()
            raise StoreError(f"could not commit to the store: {_reason(exc)}") from exc
        finally:
            self._writing = False
        self._pending = 0

    def _begin_write(self) -> None:
        """Hold the write lock from the start of the transaction (SQLite: BEGIN IMMEDIATE).

        A transaction that has only read is ended first: under WAL a reader that later writes
        fails at once when another process wrote meanwhile, where BEGIN IMMEDIATE waits its turn.
        """
        if self._writing:
            return
        if self._session.in_transaction():
            self._session.rollback()  # nothing written yet: only reads are given up
        try:
            self._session.connection(execution_options={WRITE_OPTION: True})
        except OperationalError as exc:
            self._session.rollback()
            raise StoreError(f"could not write to the store: {_reason(exc)}") from exc
        self._writing = True

    def close(self) -> None:
        """Commit what is pending and release the connection."""
        try:
            if self._session.in_transaction():
                self.commit()
            if self.engine.dialect.name == "sqlite":
                # Keeps the planner's statistics fresh (cheap; SQLite's own advice on close).
                # Best effort: another writer holding the lock must not turn a finished run
                # into a failure.
                try:
                    with self.engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA busy_timeout=1000")
                        connection.exec_driver_sql("PRAGMA optimize")
                except OperationalError:
                    pass
        finally:
            self._session.close()
            self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------
    def seen(self, text: str) -> bool:
        """True when a document with exactly this text is stored already."""
        sha = content_hash(text)
        return (
            self._session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha))
            is not None
        )

    def ingest(self, item: Record | Rejection, source: Source | None = None) -> Outcome:
        """Store one record (or rejection) and say what became of it.

        ``duplicate``: this text is stored already; ``revision``: a new text at a source
        (``source.key``, else the document's URL) that had one; ``stored``: new; ``rejected``:
        the rejection is kept (once, however often the same input is rejected).
        """
        self._begin_write()
        try:
            with self._session.begin_nested():
                if isinstance(item, Rejection):
                    self._write_rejection(item)
                    outcome: Outcome = "rejected"
                else:
                    outcome = self._write_record(item, source or Source())
        except IntegrityError as exc:
            # Another writer stored the same text between our check and our insert.
            if isinstance(item, Record) and self.seen(item.document.text):
                return "duplicate"
            raise StoreError(f"could not write {_name(item)} to the store: {exc.orig}") from exc
        except OperationalError as exc:
            raise StoreError(f"could not write to the store: {_reason(exc)}") from exc
        if outcome != "duplicate":
            self._pending += 1
            if self._pending >= self.batch_size:
                self.commit()
        return outcome

    def _write_rejection(self, rejection: Rejection) -> None:
        parts = (rejection.path or "", rejection.id or "", rejection.stage, rejection.reason)
        key = content_hash("\x00".join(parts))
        if self._session.scalar(select(RejectionRow.id).where(RejectionRow.key == key)):
            return
        self._session.add(
            RejectionRow(
                key=key,
                path=rejection.path,
                doc_id=rejection.id,
                stage=rejection.stage,
                reason=rejection.reason,
            )
        )
        self._session.flush()

    def _write_record(self, record: Record, source: Source) -> Outcome:
        doc = record.document
        sha = content_hash(doc.text)
        session = self._session
        if session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha)) is not None:
            return "duplicate"
        key = source.key or doc.url
        previous = None
        if key is not None:
            previous = session.scalars(
                select(DocumentRow)
                .where(DocumentRow.source == key)
                .order_by(DocumentRow.revision.desc())
                .limit(1)
            ).first()
        removed = [dataclasses.asdict(r) for r in doc.removed]
        fp = fingerprint(doc.text, removed_spans(removed))
        original = find_original(session.connection(), fp) if fp is not None else None
        row = DocumentRow(
            doc_id=doc.id,
            sha256=sha,
            path=doc.path,
            url=doc.url,
            source=key,
            revision=previous.revision + 1 if previous else 1,
            revises=previous.id if previous else None,
            title=doc.title,
            published=doc.published,
            dateline_place=doc.dateline.place if doc.dateline else None,
            dateline_date=doc.dateline.date if doc.dateline else None,
            dateline_agency=doc.dateline.agency if doc.dateline else None,
            issuer_name=doc.issuer.name if doc.issuer else None,
            issuer_country=doc.issuer.country if doc.issuer else None,
            language=doc.language,
            text=doc.text,
            removed=removed,
            fingerprint=fp.signature if fp is not None else None,
            copy_of=original,
            first_line=first_line(doc.text, removed),
        )
        session.add(row)
        session.flush()
        if fp is not None:
            add_bands(session.connection(), row.id, fp)
        if original is not None:
            self.copies += 1
        extraction = ExtractionRow(document_id=row.id, engine=ENGINE, events=len(record.events))
        session.add(extraction)
        session.flush()
        self._write_events(record, row, extraction, sha)
        return "revision" if previous else "stored"

    def _write_events(
        self, record: Record, doc: DocumentRow, extraction: ExtractionRow, sha: str
    ) -> None:
        objects = [event_json(e) for e in record.events]
        if not objects:
            return
        wanted = [o["id"] for o in objects]
        taken = set(self._session.scalars(select(EventRecord.id).where(EventRecord.id.in_(wanted))))
        events, places, actors, evidence = [], [], [], []
        for n, obj in enumerate(objects):
            # Another text with the same document id (a reused JSONL id, a revision) made
            # this event id already: qualify it with this text's hash so both are kept.
            if obj["id"] in taken:
                obj = {**obj, "id": f"{obj['id']}~{sha[:8]}"}
            taken.add(obj["id"])
            events.append(_event_columns(obj, n, doc, extraction.id))
            eid = obj["id"]
            places += [{"event_id": eid, "n": i, **loc} for i, loc in enumerate(obj["locations"])]
            actors += [{"event_id": eid, "n": i, **a} for i, a in enumerate(obj["actors"])]
            evidence += [{"event_id": eid, "n": i, **e} for i, e in enumerate(obj["evidence"])]
        self._session.execute(insert(EventRecord), events)
        for model, rows in ((PlaceRow, places), (ActorRow, actors), (EvidenceRow, evidence)):
            if rows:
                self._session.execute(insert(model), rows)

    def save_fusion(self, fused: Iterable[Any]) -> int:
        """Replace the stored fusion with ``fused`` (each with an id, member event ids and a
        JSON summary) and commit; returns how many fused events were written."""
        self.commit()  # the documents written so far stay whatever happens to the fusion
        session = self._session
        parts = [_fused_parts(item) for item in fused]
        self._begin_write()
        try:
            session.execute(delete(FusedMemberRow))
            session.execute(delete(FusedEventRow))
            if parts:
                session.execute(
                    insert(FusedEventRow), [{"id": f, "summary": s} for f, _, s in parts]
                )
            members = [
                {"fused_id": f, "event_id": m} for f, ids, _ in parts for m in sorted(set(ids))
            ]
            if members:
                session.execute(insert(FusedMemberRow), members)
            self.commit()
        except OperationalError as exc:
            session.rollback()
            self._writing = False
            raise StoreError(f"could not write the fusion to the store: {_reason(exc)}") from exc
        except IntegrityError as exc:
            session.rollback()
            self._writing = False
            raise StoreError(
                "the fusion names an event that is not in the store (or a fused id twice);"
                " fuse the rows this store gives"
            ) from exc
        return len(parts)

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows in each table, by table name."""
        return {
            name: int(self._session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in sorted(Base.metadata.tables.items(), key=lambda t: _ORDER[t[0]])
        }

    def event_rows(self, filters: EventFilters | None = None) -> Iterator[EventRow]:
        """Stored events matching ``filters`` as EventRows, by date (undated last), then id."""
        filters = filters or EventFilters()
        fused = (
            select(func.min(FusedMemberRow.fused_id))
            .where(FusedMemberRow.event_id == EventRecord.id)
            .scalar_subquery()
        )
        stmt = (
            select(EventRecord.data, *_DOCUMENT_COLUMNS, fused.label("fused_id"))
            .join(DocumentRow, DocumentRow.id == EventRecord.document_id)
            .where(*_conditions(filters))
            .order_by(*EVENT_ORDER)
        )
        near = filters.near
        if filters.limit is not None and near is None:
            stmt = stmt.limit(filters.limit)
        given = 0
        for row in self._session.execute(stmt.execution_options(yield_per=500)):
            data = row.data
            if near is not None and not any(
                loc.get("lat") is not None
                and loc.get("lon") is not None
                and near.contains(loc["lat"], loc["lon"])
                for loc in data["locations"]
            ):
                continue
            yield {"document": document_object(row), "event": data, "fused_id": row.fused_id}
            given += 1
            if filters.limit is not None and given >= filters.limit:
                return


def _name(item: Record | Rejection) -> str:
    if isinstance(item, Rejection):
        return item.path or item.id or "a rejection"
    return item.document.path or item.document.id


def _event_columns(
    obj: dict[str, Any], n: int, doc: DocumentRow, extraction_id: int
) -> dict[str, Any]:
    date = obj.get("date") or {}
    start, end = _iso(date.get("start")), _iso(date.get("end"))
    fatalities = obj.get("fatalities") or {}
    injuries = obj.get("injuries") or {}
    attribution = obj.get("attribution") or {}
    claimant = attribution.get("claimant") or {}
    acled = obj.get("acled") or {}
    plover = obj.get("plover") or {}
    return {
        "id": obj["id"],
        "extraction_id": extraction_id,
        "document_id": doc.id,
        "n": n,
        "category": obj.get("category"),
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "acled_type": acled.get("event_type"),
        "acled_sub_type": acled.get("sub_event_type"),
        "cameo": obj.get("cameo"),
        "date_start": start,
        "date_end": end,
        "date_precision": date.get("precision"),
        # The date filters compare these (migration 0002 fills them for older rows alike).
        "effective_start": start or end or doc.published,
        "effective_end": end or start or doc.published,
        "undated": start is None,
        "fatalities_min": fatalities.get("min"),
        "fatalities_max": fatalities.get("max"),
        "fatalities_unspecified": fatalities.get("unspecified"),
        "injuries_min": injuries.get("min"),
        "injuries_max": injuries.get("max"),
        "injuries_unspecified": injuries.get("unspecified"),
        "stance": attribution.get("stance"),
        "status": obj.get("status") or "current",
        "claimant_name": claimant.get("name"),
        "claimant_country": claimant.get("country"),
        "confidence": obj.get("confidence"),
        "data": obj,
    }


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_ORIGINAL = aliased(DocumentRow, name="original")
# The contract id of the original a document copies (None for an original): one primary-key
# lookup per row, and none at all for the many documents that copy nothing.
COPY_OF = (
    select(_ORIGINAL.doc_id)
    .where(_ORIGINAL.id == DocumentRow.copy_of)
    .correlate(DocumentRow)
    .scalar_subquery()
    .label("copy_of_doc_id")
)
_DOCUMENT_COLUMNS = (
    DocumentRow.doc_id,
    DocumentRow.path,
    DocumentRow.url,
    DocumentRow.title,
    DocumentRow.published,
    DocumentRow.dateline_place,
    DocumentRow.dateline_date,
    DocumentRow.dateline_agency,
    DocumentRow.issuer_name,
    DocumentRow.issuer_country,
    DocumentRow.language,
    DocumentRow.first_line,
    COPY_OF,
)


def document_object(doc: Any, copy_of: str | None = None) -> dict[str, Any]:
    """The contract's document object (without text and removed) of a stored document or a
    row holding its columns, with ``copy_of``: the id of the original it copies, or None
    (a row's ``copy_of_doc_id``, else the ``copy_of`` given)."""
    dateline = None
    if doc.dateline_place or doc.dateline_date or doc.dateline_agency:
        dateline = {
            "place": doc.dateline_place,
            "date": doc.dateline_date.isoformat() if doc.dateline_date else None,
            "agency": doc.dateline_agency,
        }
    issuer = None
    if doc.issuer_name or doc.issuer_country:
        issuer = {"name": doc.issuer_name, "country": doc.issuer_country}
    return {
        "id": doc.doc_id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "dateline": dateline,
        "issuer": issuer,
        "language": doc.language,
        "first_line": doc.first_line,
        "copy_of": getattr(doc, "copy_of_doc_id", None) or copy_of,
    }


# The listing order (dated events by start date, undated last; then id): ix_events_order.
EVENT_ORDER = (EventRecord.undated, EventRecord.date_start, EventRecord.id)


def _conditions(f: EventFilters) -> list[ColumnElement[bool]]:
    """The WHERE clause of ``f`` on the events table alone (documents and places are read
    in uncorrelated subqueries), on columns ix_events_order holds."""
    out: list[ColumnElement[bool]] = []
    # The stored effective dates are the event's own, else its document's published date.
    if f.since is not None:
        out.append(EventRecord.effective_end >= f.since)
    if f.until is not None:
        out.append(EventRecord.effective_start <= f.until)
    if f.country:
        # IN over an uncorrelated subquery: the places are looked up once, not per event.
        out.append(
            EventRecord.id.in_(
                select(PlaceRow.event_id).where(PlaceRow.country == f.country.upper())
            )
        )
    if f.type:
        wanted = f.type.strip().lower()
        out.append(
            or_(
                func.lower(EventRecord.plover_type) == wanted,
                func.lower(EventRecord.acled_type) == wanted,
                func.lower(EventRecord.acled_sub_type) == wanted,
                func.lower(EventRecord.category) == wanted,
            )
        )
    if f.near is not None:
        south, north, west, east = f.near.box()
        lon_ok: ColumnElement[bool]
        if west < -180 or east > 180:  # the circle crosses the antimeridian
            lon_ok = or_(PlaceRow.lon >= _wrap(west), PlaceRow.lon <= _wrap(east))
        else:
            lon_ok = PlaceRow.lon.between(west, east)
        out.append(
            EventRecord.id.in_(
                select(PlaceRow.event_id).where(PlaceRow.lat.between(south, north), lon_ok)
            )
        )
    if f.source:
        text = f.source.strip()
        # The documents are looked through once, not once per event.
        named = select(DocumentRow.id).where(
            or_(
                DocumentRow.path.icontains(text, autoescape=True),
                DocumentRow.url.icontains(text, autoescape=True),
            )
        )
        out.append(
            or_(
                EventRecord.claimant_name.icontains(text, autoescape=True),
                EventRecord.document_id.in_(named),
            )
        )
    if f.statuses is not None:
        out.append(EventRecord.status.in_(f.statuses))
    if f.stance:
        out.append(EventRecord.stance == f.stance.strip().lower())
    return [and_(*out)] if out else []


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _fused_parts(item: Any) -> tuple[str, list[str], dict[str, Any]]:
    """(fused id, member event ids, summary JSON) of a fusion.Fused or of a plain mapping
    ``{"id", "member_ids", "summary"}``."""
    from conflictcoder.store.fusion import Fused, fused_json

    if isinstance(item, Fused):
        members = [m.event_id for m in item.members + item.denials]
        return item.id, members, fused_json(item)
    if not isinstance(item, dict):
        raise StoreError(f"cannot store {type(item).__name__} as a fused event")
    fused_id = item.get("fused_id") or item.get("id")
    if not isinstance(fused_id, str) or not fused_id:
        raise StoreError("a fused event without an id cannot be stored")
    summary = item.get("summary")
    return (
        fused_id,
        [str(m) for m in item.get("member_ids") or []],
        summary if isinstance(summary, dict) else {},
    )

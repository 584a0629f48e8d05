"""The store's tables (SQLAlchemy 2 declarative); migrations/ creates exactly these.

Offsets, ids and JSON are the contract's (``../shared/CONTRACT.md``). Integer keys are
internal; an event keeps the record's own event id as its key, so fused members and
exports name events the way records do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so migrations can address them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The full-text index lives outside these models (an FTS5 table and its shadow tables on
# SQLite, an expression GIN index on PostgreSQL); migration 0002 makes and keeps it.
SEARCH_TABLE = "search_documents"
SEARCH_INDEX = "ix_documents_search"
# PostgreSQL: the documents' searchable text, exactly as the GIN index is built over it.
SEARCH_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


# Every events column a filter reads (the country and near filters read places): the two
# indexes below hold them all, so pages and counts are read from an index alone, never
# from the wide rows (``data``).
FILTERED = (
    "status",
    "stance",
    "plover_type",
    "acled_type",
    "acled_sub_type",
    "category",
    "claimant_name",
    "document_id",
)
# The listing order (dated first, by start date, by id) and the filtered columns.
ORDER_INDEX = ("undated", "date_start", "id", "effective_start", "effective_end", *FILTERED)
# The date filters' range, and the filtered columns.
DATE_INDEX = ("effective_start", "effective_end", *FILTERED, "id")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    """One stored text: the same content (sha256) is stored once; a changed text at the
    same source (URL, or file path) is a new revision of it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(200), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text, index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    revises: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    dateline_place: Mapped[str | None] = mapped_column(Text)
    dateline_date: Mapped[dt.date | None] = mapped_column(Date)
    dateline_agency: Mapped[str | None] = mapped_column(Text)
    issuer_name: Mapped[str | None] = mapped_column(Text)
    issuer_country: Mapped[str | None] = mapped_column(String(3))
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    removed: Mapped[list[Any]] = mapped_column(JSON)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Near-duplicates (store/fingerprint.py): the MinHash signature of the text, and the
    # original this text is a copy of (a wire story reprinted): fusion counts the two once.
    # A plain indexed id, no foreign key: SQLite could then neither add nor drop the column
    # in place (documents are never deleted; readers take a missing original as none).
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)
    # What the UI calls a document without a title (store/labels.py).
    first_line: Mapped[str | None] = mapped_column(Text)
    copy_of: Mapped[int | None] = mapped_column(Integer, index=True)


class FingerprintBandRow(Base):
    """One LSH band key of a document's fingerprint: documents sharing a key are compared."""

    __tablename__ = "fingerprint_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ExtractionRow(Base):
    """One pass of one engine version over one document."""

    __tablename__ = "extractions"
    __table_args__ = (UniqueConstraint("document_id", "engine", name="uq_extractions_document"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    engine: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class EventRecord(Base):
    """One event, its queryable fields in columns and the whole contract object in ``data``.

    ``effective_start``/``effective_end`` are the dates the date filters compare (the event's
    own, else its document's published date) and ``undated`` leads the listing order
    (undated events last); all three are set when the event is written.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_date", "date_start", "date_end"),
        Index("ix_events_plover", "plover_type"),
        Index("ix_events_order", *ORDER_INDEX),
        Index("ix_events_effective", *DATE_INDEX),
    )

    id: Mapped[str] = mapped_column(String(240), primary_key=True)
    extraction_id: Mapped[int] = mapped_column(
        ForeignKey("extractions.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    n: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(64))
    plover_type: Mapped[str | None] = mapped_column(String(64))
    plover_mode: Mapped[str | None] = mapped_column(String(64))
    acled_type: Mapped[str | None] = mapped_column(String(100))
    acled_sub_type: Mapped[str | None] = mapped_column(String(100))
    cameo: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    effective_start: Mapped[dt.date | None] = mapped_column(Date)
    effective_end: Mapped[dt.date | None] = mapped_column(Date)
    undated: Mapped[bool] = mapped_column(Boolean, server_default=false())
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    fatalities_unspecified: Mapped[bool | None] = mapped_column(Boolean)
    injuries_min: Mapped[int | None] = mapped_column(Integer)
    injuries_max: Mapped[int | None] = mapped_column(Integer)
    injuries_unspecified: Mapped[bool | None] = mapped_column(Boolean)
    stance: Mapped[str | None] = mapped_column(String(16))
    # current | background | generic | hypothetical: listings show current ones by default.
    status: Mapped[str] = mapped_column(String(16), server_default="current", nullable=False)
    claimant_name: Mapped[str | None] = mapped_column(Text)
    claimant_country: Mapped[str | None] = mapped_column(String(3))
    confidence: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlaceRow(Base):
    __tablename__ = "places"
    # With the event id, the country and near filters' subqueries read these indexes alone.
    __table_args__ = (
        Index("ix_places_latlon", "lat", "lon", "event_id"),
        Index("ix_places_country", "country", "event_id"),
    )

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    feature: Mapped[str | None] = mapped_column(String(32))
    precision: Mapped[int | None] = mapped_column(Integer)


class ActorRow(Base):
    __tablename__ = "actors"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))
    sector: Mapped[str | None] = mapped_column(String(32))


class EvidenceRow(Base):
    __tablename__ = "evidence"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    field: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class RejectionRow(Base):
    """An input that was read but not coded; the same rejection is kept once (``key``)."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str | None] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class FusedEventRow(Base):
    """One happening told by several events; ``summary`` is the fusion's own JSON."""

    __tablename__ = "fused_events"

    id: Mapped[str] = mapped_column(String(240), primary_key=True)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class FusedMemberRow(Base):
    __tablename__ = "fused_members"

    fused_id: Mapped[str] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )

"""Migrations 0002-0004 on SQLite and PostgreSQL: a 0001 database with data upgrades (effective
dates backfilled, search index filled and kept by the triggers), downgrades and upgrades
again; the date filters and the listing order use indexes (SQLite's query plans)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import Session

from conflictcoder.store import EventFilters, Store, open_store
from conflictcoder.store.migrate import alembic_config, current, upgrade
from conflictcoder.store.models import SEARCH_VECTOR, EventRecord
from conflictcoder.store.queries import event_page, search_documents, search_engine
from conflictcoder.store.store import EVENT_ORDER, _conditions, _sqlite_engine
from tests.store.factory import event, record

DATED = "The army said insurgents shelled a checkpoint near Bama overnight, killing two soldiers."
UNDATED = "Residents said gunmen torched granaries outside Gwoza; no date was given."
END_ONLY = "Officials said the curfew in Monguno ended after raiders looted the market."
NEW = "Police said a convoy of lorries was ambushed on the Damboa road at dawn."


def _engine(url: str) -> sa.Engine:
    return _sqlite_engine(url) if url.startswith("sqlite") else sa.create_engine(url)


def _document(
    tables: dict[str, sa.Table], conn: sa.Connection, text: str, **kw: Any
) -> tuple[int, int]:
    """Insert a document and its extraction with the 0001 columns; their ids."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    created = dt.datetime(2024, 1, 1)
    docs, extractions = tables["documents"], tables["extractions"]
    values = {"doc_id": sha[:16], "sha256": sha, "revision": 1, "text": text, "removed": []}
    conn.execute(docs.insert(), {**values, "created": created, "language": "en", **kw})
    doc: int = conn.execute(sa.select(docs.c.id).where(docs.c.sha256 == sha)).scalar_one()
    conn.execute(
        extractions.insert(),
        {"document_id": doc, "engine": "rules/0", "events": 1, "created": created},
    )
    extraction: int = conn.execute(
        sa.select(extractions.c.id).where(extractions.c.document_id == doc)
    ).scalar_one()
    return doc, extraction


def _event(
    tables: dict[str, sa.Table],
    conn: sa.Connection,
    ids: tuple[int, int],
    event_id: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    data = {"id": event_id, "date": {"start": start and start.isoformat()}, "locations": []}
    conn.execute(
        tables["events"].insert(),
        {
            "id": event_id,
            "extraction_id": ids[1],
            "document_id": ids[0],
            "n": 0,
            "plover_type": "ASSAULT",
            "date_start": start,
            "date_end": end,
            "stance": "asserted",
            "data": data,
        },
    )


@pytest.fixture
def old_database(db_url: str) -> Iterator[str]:
    """A database at revision 0001 holding three documents and their events, written with
    the 0001 schema (no effective dates, no search index)."""
    engine = _engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        tables = _reflect(conn)
        dated = _document(tables, conn, DATED, title="Checkpoint attack near Bama")
        undated = _document(tables, conn, UNDATED, published=dt.date(2021, 4, 9))
        ended = _document(tables, conn, END_ONLY, published=dt.date(2019, 1, 1))
        _event(tables, conn, dated, "ev-dated", dt.date(2022, 5, 1), dt.date(2022, 5, 3))
        _event(tables, conn, undated, "ev-undated", None, None)
        _event(tables, conn, ended, "ev-end-only", None, dt.date(2020, 2, 2))
        if engine.dialect.name == "sqlite":
            # The table earlier API versions made on their own, stale: the migration replaces it.
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE search_documents USING fts5(title, text,"
                " content='documents', content_rowid='id', tokenize='porter unicode61')"
            )
    engine.dispose()
    yield db_url


def _reflect(conn: sa.Connection) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(conn, only=["documents", "extractions", "events"])
    return dict(metadata.tables)


def _hits(store: Store, query: str) -> list[str | None]:
    with Session(store.engine) as session:
        page = search_documents(session, query, search_engine(store.engine), limit=10, offset=0)
    return sorted(
        item["document"]["path"] or item["document"]["title"] or "" for item in page.items
    )


def _ids(store: Store, **kwargs: Any) -> list[str]:
    return [r["event"]["id"] for r in store.event_rows(EventFilters(**kwargs))]


def test_upgrade_from_0001_keeps_rows_and_fills_dates_and_search(old_database: str) -> None:
    with open_store(old_database) as store:
        assert current(store.engine) == "0004"
        assert store.counts()["events"] == 3 and store.counts()["documents"] == 3
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, effective_start, effective_end, undated FROM events ORDER BY id"
                )
            ).all()
        dates = {r[0]: (_day(r[1]), _day(r[2]), bool(r[3])) for r in rows}
        assert dates == {
            "ev-dated": (dt.date(2022, 5, 1), dt.date(2022, 5, 3), False),
            "ev-end-only": (dt.date(2020, 2, 2), dt.date(2020, 2, 2), True),
            "ev-undated": (dt.date(2021, 4, 9), dt.date(2021, 4, 9), True),
        }
        # The filters and the order read the backfilled columns.
        assert _ids(store) == ["ev-dated", "ev-end-only", "ev-undated"]
        assert _ids(store, since=dt.date(2021, 4, 9), until=dt.date(2021, 4, 9)) == ["ev-undated"]
        assert _ids(store, until=dt.date(2020, 12, 31)) == ["ev-end-only"]
        assert _ids(store, since=dt.date(2022, 5, 3)) == ["ev-dated"]
        # Every old document is searchable at once, by its text and by its title.
        engine_name = search_engine(store.engine)
        assert engine_name in ("fts5", "postgresql")
        assert len(_hits(store, "granaries")) == 1
        assert len(_hits(store, "checkpoint Bama")) == 1
        assert len(_hits(store, "attack")) == 1  # only in the title
        assert _hits(store, "lorries") == []
        # Documents written after the upgrade are indexed as they are stored.
        store.ingest(record(NEW, event(NEW, "ambushed", day=dt.date(2023, 1, 2)), path="new.txt"))
        store.commit()
        assert _hits(store, "lorries ambushed") == ["new.txt"]
        assert _ids(store, since=dt.date(2023, 1, 1))[-1].startswith(
            hashlib.sha256(NEW.encode()).hexdigest()[:16]
        )


def test_downgrade_then_upgrade_again(old_database: str) -> None:
    engine = _engine(old_database)
    try:
        upgrade(engine)
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert current(engine) == "0001"
        inspector = sa.inspect(engine)
        columns = {c["name"] for c in inspector.get_columns("events")}
        assert not {"effective_start", "effective_end", "undated"} & columns
        assert not inspector.has_table("search_documents")
        indexes = {i["name"] for i in inspector.get_indexes("documents")}
        assert "ix_documents_search" not in indexes
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one() == 3
        upgrade(engine)
        assert current(engine) == "0004"
    finally:
        engine.dispose()
    with open_store(old_database) as store:
        assert len(_hits(store, "granaries")) == 1
        assert _ids(store, until=dt.date(2020, 12, 31)) == ["ev-end-only"]


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# -- query plans (SQLite) -------------------------------------------------------------------
def _plan(store: Store, stmt: sa.Select[Any]) -> str:
    sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
    # A cached EXPLAIN statement is not prepared again after DDL: use a fresh connection.
    store.engine.dispose()
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return "\n".join(str(r[-1]) for r in rows)


@pytest.fixture
def sqlite_store(tmp_path: Any) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'plans.db'}") as store:
        for n in range(30):
            text = f"Police said gunmen attacked village {n} at dawn, killing {n} people."
            day = dt.date(2022, 1, 1) + dt.timedelta(days=n * 11)
            store.ingest(record(text, event(text, "attacked", day=day)))
        store.commit()
        yield store


def _range_counts(f: EventFilters) -> sa.Select[Any]:
    return sa.select(sa.func.count()).select_from(EventRecord).where(*_conditions(f))


def test_date_range_query_uses_the_effective_date_index(sqlite_store: Store) -> None:
    week = EventFilters(since=dt.date(2022, 6, 1), until=dt.date(2022, 6, 7))
    ids = sa.select(EventRecord.id).where(*_conditions(week)).order_by(*EVENT_ORDER)
    # The count seeks the date range in its index; the page walks the order index; neither
    # reads the table's rows nor sorts.
    count_plan = _plan(sqlite_store, _range_counts(week))
    assert "SEARCH events USING COVERING INDEX ix_events_effective" in count_plan, count_plan
    ids_plan = _plan(sqlite_store, ids)
    assert "COVERING INDEX ix_events_order" in ids_plan and "TEMP B-TREE" not in ids_plan
    with Session(sqlite_store.engine) as session:
        total, rows = event_page(session, week, limit=10, offset=0)
    assert total == 1 and rows[0]["event"]["date"]["start"] == "2022-06-04"
    # Without the indexes the same queries read the whole table: the test is not vacuous.
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_effective")
    assert "ix_events_effective" not in _plan(sqlite_store, _range_counts(week))
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_order")
    assert "SCAN events" in _plan(sqlite_store, _range_counts(week))
    assert "INDEX" not in _plan(sqlite_store, _range_counts(week))


def test_listing_order_comes_from_an_index(sqlite_store: Store) -> None:
    page = sa.select(EventRecord.id).order_by(*EVENT_ORDER).limit(100).offset(20)
    plan = _plan(sqlite_store, page)
    assert "ix_events_order" in plan and "TEMP B-TREE" not in plan, plan
    with Session(sqlite_store.engine) as session:
        total, rows = event_page(session, EventFilters(), limit=5, offset=20)
    starts = [r["event"]["date"]["start"] for r in rows]
    assert total == 30 and starts == sorted(starts) and len(starts) == 5


def test_postgresql_search_can_use_the_gin_index(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the GIN index is PostgreSQL's")
    with open_store(db_url) as store:
        store.ingest(record(NEW, event(NEW, "ambushed"), path="new.txt"))
        store.commit()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is scanned otherwise
            plan = conn.exec_driver_sql(
                "EXPLAIN SELECT id FROM documents WHERE "
                f"{SEARCH_VECTOR} @@ websearch_to_tsquery('english', 'lorries')"
            ).all()
        assert "ix_documents_search" in "\n".join(r[0] for r in plan)
        assert _hits(store, "lorries") == ["new.txt"]


def test_0003_reads_old_rows_as_current_and_filters_by_status(old_database: str) -> None:
    # Rows coded before the status field are the reports' news; a background event stored
    # after the upgrade is left out of the default listing and given when asked for.
    with open_store(old_database) as store:
        assert sorted(_ids(store, statuses=("current",))) == [
            "ev-dated",
            "ev-end-only",
            "ev-undated",
        ]
        assert _ids(store, statuses=("background",)) == []
        old = "In 1998 rebels massacred villagers at the ford."
        store.ingest(record(old, event(old, "massacred", status="background"), path="old.txt"))
        store.commit()
        assert len(_ids(store, statuses=("background",))) == 1
        assert len(_ids(store, statuses=("current",))) == 3
        assert len(_ids(store)) == 4
    engine = _engine(old_database)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0002")
        assert "status" not in {c["name"] for c in sa.inspect(engine).get_columns("events")}
        upgrade(engine)
        assert current(engine) == "0004"
    finally:
        engine.dispose()


def test_0004_links_copies_stored_before_it(db_url: str) -> None:
    # Documents stored under 0003 had no fingerprint: the upgrade fingerprints them, oldest
    # first, so the later reprint points at the earlier story; downgrading drops it all.
    from tests.store.test_copies import OWN_REPORT, REPRINT, WIRE

    engine = _engine(db_url)
    try:
        upgrade(engine, "0003")
        with engine.begin() as conn:
            tables = _reflect(conn)
            wire = _document(tables, conn, WIRE, path="wire.txt")
            own = _document(tables, conn, OWN_REPORT, path="own.txt")
            reprint = _document(tables, conn, REPRINT, path="reprint.txt")
        upgrade(engine)
        assert current(engine) == "0004"
        with engine.connect() as conn:
            links = dict(conn.execute(sa.text("SELECT id, copy_of FROM documents")).all())
            bands = conn.execute(sa.text("SELECT count(*) FROM fingerprint_bands")).scalar_one()
        assert links == {wire[0]: None, own[0]: None, reprint[0]: wire[0]}
        assert bands > 0
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0003")
        inspector = sa.inspect(engine)
        assert not {"copy_of", "fingerprint"} & {
            c["name"] for c in inspector.get_columns("documents")
        }
        assert not inspector.has_table("fingerprint_bands")
        upgrade(engine)
        assert current(engine) == "0004"
    finally:
        engine.dispose()

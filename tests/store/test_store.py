"""The store on SQLite and PostgreSQL: schema, idempotent writes, revisions, rejections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from conflictcoder.records import Rejection
from conflictcoder.serialize import event_json
from conflictcoder.store import EventFilters, Source, StoreError, database_url, open_store
from conflictcoder.store.migrate import MIGRATIONS, alembic_config, current, include_object
from conflictcoder.store.models import Base
from tests.store.factory import event, place, record, simple

TEXT_A = "Police said gunmen attacked a market in Zaria on Thursday, killing five traders."
TEXT_B = "The army said insurgents attacked a checkpoint near Bama overnight; two died."


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_object})
            diff = compare_metadata(context, Base.metadata)
            head = ScriptDirectory.from_config(alembic_config(conn)).get_current_head()
        assert diff == []
        assert current(store.engine) == head == "0004"
    finally:
        store.close()
    assert MIGRATIONS.joinpath("env.py").exists()


def test_reopening_is_a_noop_and_keeps_data(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.ingest(simple(TEXT_A)) == "stored"
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 1


def test_same_text_is_stored_once(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.ingest(simple(TEXT_A)) == "stored"
        assert store.ingest(simple(TEXT_A, path="elsewhere.txt")) == "duplicate"
        assert store.ingest(simple(TEXT_B)) == "stored"
        assert store.seen(TEXT_A) and not store.seen(TEXT_A + " More.")
        counts = store.counts()
    assert counts["documents"] == 2
    assert counts["extractions"] == 2
    assert counts["events"] == 2
    assert counts["actors"] == 2
    assert counts["evidence"] == 2


def test_changed_text_at_same_url_is_a_revision(db_url: str) -> None:
    url = "https://news.example.org/zaria-market"
    first = simple(TEXT_A, url=url)
    second = simple(TEXT_A.replace("five", "seven"), url=url)
    with open_store(db_url) as store:
        assert store.ingest(first) == "stored"
        assert store.ingest(second) == "revision"
        assert store.ingest(second) == "duplicate"
        third = simple(TEXT_B, path="b.txt")
        assert store.ingest(third, Source(key=url)) == "revision"
        store.commit()
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, revision, revises, source FROM documents ORDER BY revision"
            ).all()
    assert [r[1] for r in rows] == [1, 2, 3]
    assert rows[1][2] == rows[0][0] and rows[2][2] == rows[1][0]
    assert {r[3] for r in rows} == {url}


def test_rejections_are_stored_once_with_stage_and_reason(db_url: str) -> None:
    bad = Rejection(None, "scan.pdf", "ingest", "scan.pdf is not text (binary content)")
    with open_store(db_url) as store:
        assert store.ingest(bad) == "rejected"
        assert store.ingest(bad) == "rejected"
        other = Rejection("x1", "feed.jsonl", "extract", "x1 is in fr, not English")
        assert store.ingest(other) == "rejected"
        store.commit()
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT path, doc_id, stage, reason FROM rejections ORDER BY path"
            ).all()
    assert [tuple(r) for r in rows] == [
        ("feed.jsonl", "x1", "extract", "x1 is in fr, not English"),
        ("scan.pdf", None, "ingest", "scan.pdf is not text (binary content)"),
    ]


def test_event_rows_carry_the_contract_objects(db_url: str) -> None:
    day = dt.date(2023, 3, 2)
    rec = record(
        TEXT_A,
        event(TEXT_A, "attacked", places=(place("Zaria", "NGA", 11.11, 7.72),), day=day, dead=5),
        url="https://news.example.org/a",
        published=dt.date(2023, 3, 3),
    )
    with open_store(db_url) as store:
        store.ingest(rec)
        rows = list(store.event_rows())
    assert len(rows) == 1
    row = rows[0]
    assert row["event"] == event_json(rec.events[0])
    assert row["fused_id"] is None
    assert row["document"] == {
        "id": rec.document.id,
        "path": "report.txt",
        "url": "https://news.example.org/a",
        "title": None,
        "published": "2023-03-03",
        "dateline": None,
        "issuer": {"name": "Police of Examplestan", "country": "NGA"},
        "language": "en",
        "first_line": TEXT_A,  # what a document without a title is called
        "copy_of": None,  # the id of the original it copies, when it is a near-copy
    }


def test_reused_document_id_keeps_both_events(db_url: str) -> None:
    # Two different texts given the same id (a JSON Lines id used twice) make the same event id.
    one = record(TEXT_A, event(TEXT_A, "attacked"), doc_id="7")
    two = record(TEXT_B, event(TEXT_B, "attacked"), doc_id="7")
    one_event = event_json(one.events[0])["id"]
    two = type(two)(
        two.document, (type(two.events[0])(**{**two.events[0].__dict__, "id": one_event}),)
    )
    with open_store(db_url) as store:
        assert store.ingest(one) == "stored"
        assert store.ingest(two) == "stored"
        ids = sorted(r["event"]["id"] for r in store.event_rows())
    assert len(ids) == 2 and ids[0] == one_event and ids[1].startswith(one_event + "~")


def test_a_failed_document_leaves_nothing_and_the_batch_goes_on(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_url, batch_size=10) as store:
        assert store.ingest(simple(TEXT_A)) == "stored"
        original = store._write_events

        def broken(*args: Any) -> None:
            original(*args)
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store, "_write_events", broken)
        with pytest.raises(RuntimeError):
            store.ingest(simple(TEXT_B))
        monkeypatch.undo()
        counts = store.counts()
    assert counts["documents"] == 1 and counts["extractions"] == 1 and counts["events"] == 1
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 1
        assert store.ingest(simple(TEXT_B)) == "stored"


def test_save_fusion_links_rows(db_url: str) -> None:
    a, b = simple(TEXT_A), simple(TEXT_B)
    ids = [event_json(a.events[0])["id"], event_json(b.events[0])["id"]]
    fused = [{"fused_id": "F1", "member_ids": ids, "summary": {"fatalities": [2, 5]}}]
    with open_store(db_url) as store:
        store.ingest(a)
        store.ingest(b)
        assert store.save_fusion(fused) == 1
        assert store.save_fusion(fused) == 1  # re-running replaces, never doubles
        rows = list(store.event_rows(EventFilters()))
        counts = store.counts()
    assert {r["fused_id"] for r in rows} == {"F1"}
    assert counts["fused_events"] == 1 and counts["fused_members"] == 2


def test_bad_url_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    except StoreError as exc:
        assert "secret" not in str(exc)


def test_database_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTCODER_DB", raising=False)
    assert database_url().endswith("/.local/share/conflictcoder/events.db")
    assert database_url().startswith("sqlite:////")
    assert database_url("x/e.db") == "sqlite:///x/e.db"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.setenv("CONFLICTCODER_DB", "sqlite:///env.db")
    assert database_url() == "sqlite:///env.db"


def test_save_fusion_stores_what_fuse_gives(db_url: str) -> None:
    from conflictcoder.store.fusion import assign_fused_ids, fuse

    day, zaria = dt.date(2023, 3, 2), place("Zaria", "NGA", 11.11, 7.72)
    one = record(TEXT_A, event(TEXT_A, "attacked", places=(zaria,), day=day, dead=5))
    two = record(TEXT_B, event(TEXT_B, "attacked", places=(zaria,), day=day, dead=2))
    with open_store(db_url) as store:
        store.ingest(one)
        store.ingest(two)
        rows = list(store.event_rows())
        fused = fuse(rows)
        assert store.save_fusion(fused) == len(fused)
        stored = list(store.event_rows())
        counts = store.counts()
        with pytest.raises(StoreError, match="not in the store"):
            store.save_fusion([{"id": "F9", "member_ids": ["no-such-event"], "summary": {}}])
        assert store.counts() == counts  # a failed fusion leaves the stored one as it was
    expected = {r["event"]["id"]: r["fused_id"] for r in assign_fused_ids(rows, fused)}
    assert {r["event"]["id"]: r["fused_id"] for r in stored} == expected
    assert counts["fused_events"] == len(fused)
    assert counts["fused_members"] == sum(len(f.members) + len(f.denials) for f in fused)

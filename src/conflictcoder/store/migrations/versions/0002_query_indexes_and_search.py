"""Indexed event queries and the full-text search index.

Events get ``effective_start``/``effective_end`` (their own dates, else their document's
published date: what the date filters compare) and ``undated`` (leads the listing order),
backfilled here; an index for the listing order and one for the date filters, each holding
every filtered column (so pages and counts never read the wide rows), and the places'
country and coordinates indexes gain the event id.
Documents get a full-text index: on SQLite an FTS5 external-content table
``search_documents`` over (title, text) kept in step by triggers and filled here (skipped
when SQLite lacks FTS5); on PostgreSQL a GIN index over their English tsvector.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from conflictcoder.store.models import SEARCH_INDEX, SEARCH_TABLE, SEARCH_VECTOR

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Spelled out (not imported from the models) so this revision stays what it was.
_FILTERED = [
    "stance",
    "plover_type",
    "acled_type",
    "acled_sub_type",
    "category",
    "claimant_name",
    "document_id",
]
_EVENT_INDEXES = {
    "ix_events_order": [
        *("undated", "date_start", "id", "effective_start", "effective_end"),
        *_FILTERED,
    ],
    "ix_events_effective": ["effective_start", "effective_end", *_FILTERED, "id"],
}
# Place indexes that gain the event id (name: (0001 columns, 0002 columns)).
_PLACE_INDEXES = {
    "ix_places_country": (["country"], ["country", "event_id"]),
    "ix_places_latlon": (["lat", "lon"], ["lat", "lon", "event_id"]),
}
_TRIGGERS = {
    f"{SEARCH_TABLE}_insert": (
        "AFTER INSERT ON documents BEGIN"
        f" INSERT INTO {SEARCH_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text);"
        " END"
    ),
    f"{SEARCH_TABLE}_delete": (
        "AFTER DELETE ON documents BEGIN"
        f" INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, title, text)"
        " VALUES ('delete', old.id, old.title, old.text);"
        " END"
    ),
    f"{SEARCH_TABLE}_update": (
        "AFTER UPDATE OF title, text ON documents BEGIN"
        f" INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, title, text)"
        " VALUES ('delete', old.id, old.title, old.text);"
        f" INSERT INTO {SEARCH_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text);"
        " END"
    ),
}


def upgrade() -> None:
    op.add_column("events", sa.Column("effective_start", sa.Date(), nullable=True))
    op.add_column("events", sa.Column("effective_end", sa.Date(), nullable=True))
    op.add_column(
        "events", sa.Column("undated", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    _backfill_effective_dates()
    for name, columns in _EVENT_INDEXES.items():
        op.create_index(name, "events", columns, unique=False)
    for name, (_old, new) in _PLACE_INDEXES.items():
        op.drop_index(name, table_name="places")
        op.create_index(name, "places", new, unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _create_fts5()
    elif dialect == "postgresql":
        op.create_index(SEARCH_INDEX, "documents", [sa.text(SEARCH_VECTOR)], postgresql_using="gin")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    elif dialect == "postgresql":
        op.drop_index(SEARCH_INDEX, table_name="documents")
    for name, (old, _new) in _PLACE_INDEXES.items():
        op.drop_index(name, table_name="places")
        op.create_index(name, "places", old, unique=False)
    for name in reversed(_EVENT_INDEXES):
        op.drop_index(name, table_name="events")
    # SQLite (3.35+) drops an unindexed column in place: no table copy, no cascade.
    for column in ("undated", "effective_end", "effective_start"):
        op.drop_column("events", column)


def _backfill_effective_dates() -> None:
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("published", sa.Date))
    events = sa.table(
        "events",
        sa.column("document_id", sa.Integer),
        sa.column("date_start", sa.Date),
        sa.column("date_end", sa.Date),
        sa.column("effective_start", sa.Date),
        sa.column("effective_end", sa.Date),
        sa.column("undated", sa.Boolean),
    )
    published = (
        sa.select(documents.c.published)
        .where(documents.c.id == events.c.document_id)
        .scalar_subquery()
    )
    op.execute(
        events.update().values(
            effective_start=sa.func.coalesce(events.c.date_start, events.c.date_end, published),
            effective_end=sa.func.coalesce(events.c.date_end, events.c.date_start, published),
            undated=events.c.date_start.is_(None),
        )
    )


def _create_fts5() -> None:
    bind = op.get_bind()
    if not bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar():
        return  # search falls back to a substring scan
    # Earlier versions of the API made this table outside the migrations: start afresh.
    op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    op.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(title, text, content='documents',"
        " content_rowid='id', tokenize='porter unicode61')"
    )
    for trigger, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {trigger} {body}")
    op.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")

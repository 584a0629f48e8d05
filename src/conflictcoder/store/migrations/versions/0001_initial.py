"""The first schema: documents, extractions, events with places, actors and evidence,
rejections, fused events and their members.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("revises", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("dateline_place", sa.Text(), nullable=True),
        sa.Column("dateline_date", sa.Date(), nullable=True),
        sa.Column("dateline_agency", sa.Text(), nullable=True),
        sa.Column("issuer_name", sa.Text(), nullable=True),
        sa.Column("issuer_country", sa.String(length=3), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revises"], ["documents.id"], name=op.f("fk_documents_revises_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    op.create_index(op.f("ix_documents_doc_id"), "documents", ["doc_id"], unique=False)
    op.create_index(op.f("ix_documents_source"), "documents", ["source"], unique=False)

    op.create_table(
        "fused_events",
        sa.Column("id", sa.String(length=240), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fused_events")),
    )
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("doc_id", sa.Text(), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejections")),
        sa.UniqueConstraint("key", name=op.f("uq_rejections_key")),
    )
    op.create_table(
        "extractions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_extractions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extractions")),
        sa.UniqueConstraint("document_id", "engine", name="uq_extractions_document"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=240), nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("plover_type", sa.String(length=64), nullable=True),
        sa.Column("plover_mode", sa.String(length=64), nullable=True),
        sa.Column("acled_type", sa.String(length=100), nullable=True),
        sa.Column("acled_sub_type", sa.String(length=100), nullable=True),
        sa.Column("cameo", sa.String(length=16), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("fatalities_min", sa.Integer(), nullable=True),
        sa.Column("fatalities_max", sa.Integer(), nullable=True),
        sa.Column("fatalities_unspecified", sa.Boolean(), nullable=True),
        sa.Column("injuries_min", sa.Integer(), nullable=True),
        sa.Column("injuries_max", sa.Integer(), nullable=True),
        sa.Column("injuries_unspecified", sa.Boolean(), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=True),
        sa.Column("claimant_name", sa.Text(), nullable=True),
        sa.Column("claimant_country", sa.String(length=3), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["extraction_id"],
            ["extractions.id"],
            name=op.f("fk_events_extraction_id_extractions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_date", "events", ["date_start", "date_end"], unique=False)
    op.create_index(op.f("ix_events_document_id"), "events", ["document_id"], unique=False)
    op.create_index(op.f("ix_events_extraction_id"), "events", ["extraction_id"], unique=False)
    op.create_index("ix_events_plover", "events", ["plover_type"], unique=False)

    op.create_table(
        "actors",
        sa.Column("event_id", sa.String(length=240), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_actors_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "n", name=op.f("pk_actors")),
    )
    op.create_table(
        "evidence",
        sa.Column("event_id", sa.String(length=240), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_evidence_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "n", name=op.f("pk_evidence")),
    )
    op.create_table(
        "fused_members",
        sa.Column("fused_id", sa.String(length=240), nullable=False),
        sa.Column("event_id", sa.String(length=240), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_fused_members_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fused_id"],
            ["fused_events.id"],
            name=op.f("fk_fused_members_fused_id_fused_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fused_id", "event_id", name=op.f("pk_fused_members")),
    )
    op.create_index(op.f("ix_fused_members_event_id"), "fused_members", ["event_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("event_id", sa.String(length=240), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("feature", sa.String(length=32), nullable=True),
        sa.Column("precision", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_places_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "n", name=op.f("pk_places")),
    )
    op.create_index(op.f("ix_places_country"), "places", ["country"], unique=False)
    op.create_index("ix_places_latlon", "places", ["lat", "lon"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_places_latlon", table_name="places")
    op.drop_index(op.f("ix_places_country"), table_name="places")

    op.drop_table("places")
    op.drop_index(op.f("ix_fused_members_event_id"), table_name="fused_members")

    op.drop_table("fused_members")
    op.drop_table("evidence")
    op.drop_table("actors")
    op.drop_index("ix_events_plover", table_name="events")
    op.drop_index(op.f("ix_events_extraction_id"), table_name="events")
    op.drop_index(op.f("ix_events_document_id"), table_name="events")
    op.drop_index("ix_events_date", table_name="events")

    op.drop_table("events")
    op.drop_table("extractions")
    op.drop_table("rejections")
    op.drop_table("fused_events")
    op.drop_index(op.f("ix_documents_source"), table_name="documents")
    op.drop_index(op.f("ix_documents_doc_id"), table_name="documents")

    op.drop_table("documents")

"""Events get ``status`` (current | background | generic | hypothetical, CONTRACT.md):
listings and exports show current events by default. Rows stored before it were coded
without a status and read as current; the two listing indexes gain the column so the
default filter is still read from an index alone.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Spelled out (not imported from the models) so this revision stays what it was.
_FILTERED_0002 = [
    "stance",
    "plover_type",
    "acled_type",
    "acled_sub_type",
    "category",
    "claimant_name",
    "document_id",
]
_ORDER = ["undated", "date_start", "id", "effective_start", "effective_end"]


def _indexes(filtered: list[str]) -> dict[str, list[str]]:
    return {
        "ix_events_order": [*_ORDER, *filtered],
        "ix_events_effective": ["effective_start", "effective_end", *filtered, "id"],
    }


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("status", sa.String(16), server_default="current", nullable=False),
    )
    for name, columns in _indexes(["status", *_FILTERED_0002]).items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns, unique=False)


def downgrade() -> None:
    for name, columns in _indexes(_FILTERED_0002).items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns, unique=False)
    op.drop_column("events", "status")

"""Documents get a near-duplicate fingerprint, ``copy_of`` (the original a wire copy
reprints) and ``first_line`` (what a document without a title is called); the table
``fingerprint_bands`` holds the fingerprints' LSH band keys (see store/fingerprint.py), so
fusion can count independent sources rather than documents. Documents stored before are
fingerprinted and linked here, oldest first, as ingest would have.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("documents", sa.Column("fingerprint", sa.LargeBinary(), nullable=True))
    op.add_column("documents", sa.Column("first_line", sa.Text(), nullable=True))
    # A plain column (no foreign key): SQLite adds and drops it in place, where a table
    # rebuild would drop the search triggers of 0002 and cascade the documents' deletion.
    op.add_column("documents", sa.Column("copy_of", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_documents_copy_of"), "documents", ["copy_of"], unique=False)
    op.create_table(
        "fingerprint_bands",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_fingerprint_bands_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "document_id", name=op.f("pk_fingerprint_bands")),
    )
    op.create_index(
        op.f("ix_fingerprint_bands_document_id"),
        "fingerprint_bands",
        ["document_id"],
        unique=False,
    )
    _backfill(bind)


def _backfill(bind: sa.Connection) -> None:
    """Fingerprint and link the documents already stored, in the order they were stored."""
    from conflictcoder.store.copies import link_copy
    from conflictcoder.store.labels import first_line

    docs = sa.table(
        "documents",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("removed", sa.JSON),
        sa.column("first_line", sa.Text),
    )
    last = 0
    while True:  # in pages, so a large store is never read into memory at once
        page = bind.execute(
            sa.select(docs.c.id, docs.c.text, docs.c.removed)
            .where(docs.c.id > last)
            .order_by(docs.c.id)
            .limit(200)
        ).all()
        if not page:
            return
        for doc_id, text, removed in page:
            link_copy(bind, doc_id, text, removed or [])
            line = first_line(text, removed or [])
            bind.execute(docs.update().where(docs.c.id == doc_id).values(first_line=line))
            last = doc_id


def downgrade() -> None:
    op.drop_index(op.f("ix_fingerprint_bands_document_id"), table_name="fingerprint_bands")
    op.drop_table("fingerprint_bands")
    op.drop_index(op.f("ix_documents_copy_of"), table_name="documents")
    op.drop_column("documents", "copy_of")
    op.drop_column("documents", "fingerprint")
    op.drop_column("documents", "first_line")

"""Alembic environment: run on the connection the store hands over (see store/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from conflictcoder.store.migrate import include_object
from conflictcoder.store.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("conflictcoder migrations run through conflictcoder.store.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()

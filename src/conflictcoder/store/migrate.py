"""Bring a database to the newest schema with the migrations shipped in this package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy.engine import Connection, Engine

from conflictcoder.store.models import SEARCH_INDEX, SEARCH_TABLE

MIGRATIONS = Path(__file__).parent / "migrations"


def include_object(
    _object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """False for the full-text search index and its FTS5 shadow tables: the migrations keep
    them, the models do not describe them, so schema comparison leaves them alone."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE)
    return not (type_ == "index" and name == SEARCH_INDEX)


def alembic_config(connection: Connection) -> AlembicConfig:
    """An Alembic Config built in code (no alembic.ini) that runs on ``connection``."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` in one transaction (a no-op when current).

    A store already at the newest schema is only read. Otherwise the upgrade holds the write
    lock from its first statement (``WRITE_OPTION``), so two processes opening a new store at
    once take turns: the second finds the schema made and does nothing.
    """
    from conflictcoder.store.store import WRITE_OPTION

    if revision == "head" and current(engine) == head():
        return
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            command.upgrade(alembic_config(connection), revision)


def head() -> str | None:
    """The newest revision the shipped migrations define."""
    from alembic.script import ScriptDirectory

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current(engine: Engine) -> str | None:
    """The schema revision the database is at, or None before the first migration."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        rev: str | None = MigrationContext.configure(connection).get_current_revision()
        return rev

"""Alembic migrations of the store, shipped in the package (no alembic.ini)."""

"""time stage: find time expressions and resolve them against the dateline date."""

from conflictcoder.time.find import find_dates

__all__ = ["find_dates"]

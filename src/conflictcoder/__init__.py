"""conflictcoder: conflict reporting in, structured and source-attributed event records out."""

__version__ = "0.1.0"

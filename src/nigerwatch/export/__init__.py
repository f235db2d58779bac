"""Flat exports: article records and timelines as tables for SQL, spreadsheets and pandas.

:func:`export` writes the tables (``articles``, ``events``, ``actors``, ``measures``,
``evidence``, ``dropped``, and with a timeline ``consolidated_events``,
``consolidated_actors``, ``reports`` and ``conflicts``) as CSV or Parquet files or into a
SQLite or DuckDB database; :func:`to_frames` returns them as pandas DataFrames. Events carry
the codes analysts join on (ISO alpha-2/numeric, Correlates of War, FIPS 10-4, CAMEO, PLOVER,
ACLED-style dates, GSDB types). :data:`TABLES` defines every column; :func:`schema_markdown`
documents them (``docs/tables.md``).

This wing is model-free: it may import :mod:`nigerwatch.schemas`, :mod:`nigerwatch.errors`,
:mod:`nigerwatch.normalize` and :mod:`nigerwatch.consolidate`, and pandas, pyarrow and duckdb
lazily (the ``export`` extra); never ``openai``, ``instructor`` or the ``llm``, ``runs`` and
``cli`` wings.
"""

from __future__ import annotations

from nigerwatch.export._docs import schema_markdown
from nigerwatch.export._export import export, to_frames
from nigerwatch.export._tables import TABLES, Column, Table
from nigerwatch.export._writers import FORMATS, Format

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "Format",
    "Table",
    "export",
    "schema_markdown",
    "to_frames",
]

"""Writing the tables: CSV and Parquet files in a folder, or one SQLite or DuckDB database.

Loading again is idempotent. The files formats are written afresh each time. The databases
replace what is loaded: the rows of every article read (whatever the article held before),
and the whole timeline when one is given; primary keys (the tables' ``key``) make a stray
duplicate an error rather than a silent double row.

Parquet and DuckDB need the ``export`` extra (``pip install 'nigerwatch[export]'``: pyarrow and
duckdb), imported only when used.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Literal, Protocol

from nigerwatch.errors import ConfigurationError
from nigerwatch.export._rows import Row, Value
from nigerwatch.export._tables import TABLES, ColumnType, Table

Format = Literal["csv", "parquet", "sqlite", "duckdb"]
FORMATS: tuple[Format, ...] = ("csv", "parquet", "sqlite", "duckdb")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Writer(Protocol):
    """Where rows go."""

    def start(self, *, timeline: bool) -> None:
        """Create the tables; with ``timeline``, clear the timeline tables first."""

    def replace(self, article_ids: Sequence[str]) -> None:
        """Remove the rows of these articles from the records tables."""

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        """Append rows to a table."""

    def close(self) -> None:
        """Finish (commit, close the files)."""


def open_writer(to: Format, path: Path) -> Writer:
    """The writer of a format at ``path`` (a folder for csv and parquet, a file otherwise)."""
    if to == "csv":
        return _CsvWriter(path)
    if to == "parquet":
        return _ParquetWriter(path)
    if to == "sqlite":
        return _SqliteWriter(path)
    if to == "duckdb":
        return _DuckdbWriter(path)
    raise ConfigurationError(f"unknown export format {to!r}; choose one of {', '.join(FORMATS)}")


def require(module: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigurationError(
            f"{purpose} needs {module.partition('.')[0]}: pip install 'nigerwatch[export]'"
        ) from exc


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet will not run: a leading ``= + - @``, tab or CR is quoted."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _CsvWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, tuple[IO[str], Any]] = {}

    def start(self, *, timeline: bool) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES.values():
            handle = (self.folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle)
            writer.writerow(table.names)
            self._files[table.name] = (handle, writer)

    def replace(self, article_ids: Sequence[str]) -> None:
        """Nothing to remove: the files are written afresh."""

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        types = [column.type for column in table.columns]
        writer = self._files[table.name][1]
        writer.writerows([_csv_cell(v, t) for v, t in zip(row, types, strict=True)] for row in rows)

    def close(self) -> None:
        for handle, _ in self._files.values():
            handle.close()


def _csv_cell(value: Value, type_: ColumnType) -> str:
    # NULL is the empty cell; text cells cannot start a formula.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return safe_cell(text) if type_ == "text" else text


class _ParquetWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pa = require("pyarrow", "--to parquet")
        self._pq = require("pyarrow.parquet", "--to parquet")
        self._writers: dict[str, Any] = {}

    def start(self, *, timeline: bool) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES.values():
            schema = arrow_schema(self._pa, table)
            path = self.folder / f"{table.name}.parquet"
            self._writers[table.name] = self._pq.ParquetWriter(str(path), schema)

    def replace(self, article_ids: Sequence[str]) -> None:
        """Nothing to remove: the files are written afresh."""

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        if rows:
            self._writers[table.name].write_table(arrow_table(self._pa, table, rows))

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()


def arrow_schema(pa: ModuleType, table: Table) -> Any:  # noqa: ANN401 - a pyarrow schema
    """The Arrow schema of a table."""
    types = {
        "text": pa.string(),
        "integer": pa.int64(),
        "real": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
    }
    return pa.schema([(column.name, types[column.type]) for column in table.columns])


def arrow_table(pa: ModuleType, table: Table, rows: Sequence[Row]) -> Any:  # noqa: ANN401
    """Rows as an Arrow table of the table's schema."""
    schema = arrow_schema(pa, table)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(table.columns)
    arrays = [
        pa.array(list(values), type=field.type)
        for values, field in zip(columns, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


_SQL_TYPES = {
    "sqlite": {
        "text": "TEXT",
        "integer": "INTEGER",
        "real": "REAL",
        "date": "DATE",
        "boolean": "BOOLEAN",
    },
    "duckdb": {
        "text": "VARCHAR",
        "integer": "BIGINT",
        "real": "DOUBLE",
        "date": "DATE",
        "boolean": "BOOLEAN",
    },
}


def create_table(table: Table, dialect: Literal["sqlite", "duckdb"]) -> str:
    """The ``CREATE TABLE IF NOT EXISTS`` statement of a table, with its primary key."""
    types = _SQL_TYPES[dialect]
    columns = [f"{_quoted(c.name)} {types[c.type]}" for c in table.columns]
    key = ", ".join(_quoted(name) for name in table.key)
    body = ", ".join([*columns, f"PRIMARY KEY ({key})"])
    return f"CREATE TABLE IF NOT EXISTS {_quoted(table.name)} ({body})"


def _check_columns(name: str, found: Sequence[str], path: Path) -> None:
    if found and tuple(found) != TABLES[name].names:
        raise ConfigurationError(
            f"{path}: table {name} has other columns than this version of nigerwatch writes; "
            "export to a new file"
        )


class _SqliteWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)

    def start(self, *, timeline: bool) -> None:
        for table in TABLES.values():
            found = [
                row[1] for row in self._db.execute(f"PRAGMA table_info({_quoted(table.name)})")
            ]
            _check_columns(table.name, found, self.path)
            self._db.execute(create_table(table, "sqlite"))
            if timeline and table.source == "timeline":
                self._db.execute(f"DELETE FROM {_quoted(table.name)}")  # noqa: S608

    def replace(self, article_ids: Sequence[str]) -> None:
        marks = ", ".join("?" * len(article_ids))
        for table in TABLES.values():
            if table.source == "records" and article_ids:
                self._db.execute(
                    f"DELETE FROM {_quoted(table.name)} WHERE article_id IN ({marks})",  # noqa: S608
                    list(article_ids),
                )

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        marks = ", ".join("?" * len(table.columns))
        self._db.executemany(
            f"INSERT INTO {_quoted(table.name)} VALUES ({marks})",  # noqa: S608 - names are ours
            [tuple(_sqlite_value(v) for v in row) for row in rows],
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()


def _sqlite_value(value: Value) -> str | int | float | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class _DuckdbWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        duckdb = require("duckdb", "--to duckdb")
        self._pa = require("pyarrow", "--to duckdb")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = duckdb.connect(str(path))

    def start(self, *, timeline: bool) -> None:
        for table in TABLES.values():
            found = [
                row[0]
                for row in self._db.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position",
                    [table.name],
                ).fetchall()
            ]
            _check_columns(table.name, found, self.path)
            self._db.execute(create_table(table, "duckdb"))
            if timeline and table.source == "timeline":
                self._db.execute(f"DELETE FROM {_quoted(table.name)}")  # noqa: S608

    def replace(self, article_ids: Sequence[str]) -> None:
        for table in TABLES.values():
            if table.source == "records" and article_ids:
                self._db.execute(
                    f"DELETE FROM {_quoted(table.name)} WHERE list_contains(?, article_id)",  # noqa: S608
                    [list(article_ids)],
                )

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        if not rows:
            return
        batch = arrow_table(self._pa, table, rows)
        self._db.register("nigerwatch_batch", batch)
        try:
            self._db.execute(f"INSERT INTO {_quoted(table.name)} SELECT * FROM nigerwatch_batch")  # noqa: S608
        finally:
            self._db.unregister("nigerwatch_batch")

    def close(self) -> None:
        self._db.close()

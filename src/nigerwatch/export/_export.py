"""Exporting records (and a timeline) to files, databases or pandas frames."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.consolidate import ConsolidatedEvent, read_extractions, read_timeline
from nigerwatch.export._rows import ReportKey, Row, article_rows, timeline_rows
from nigerwatch.export._tables import TABLES, Table
from nigerwatch.export._writers import Format, open_writer, require
from nigerwatch.schemas import ArticleExtraction

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

Records = Iterable[ArticleExtraction] | str | Path | Sequence[str | Path]
"""Article records, or the JSON Lines file(s) holding them."""
Timeline = Iterable[ConsolidatedEvent] | str | Path
"""Consolidated events, or the timeline file holding them."""

_BATCH_ARTICLES = 500
_BATCH_ROWS = 5000


@dataclass
class _Batch:
    """Rows to write, and the articles whose earlier rows they replace (None: timeline rows)."""

    article_ids: list[str] | None
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def export(
    records: Records, *, timeline: Timeline | None = None, to: Format, path: str | Path
) -> dict[str, int]:
    """Write the flat tables of article records (and of a timeline) to files or a database.

    Loads what ``extract`` and ``consolidate`` wrote; never calls a model. Exporting again is
    idempotent: files are written afresh, and databases replace the rows of every article
    read (and the whole timeline when one is given).

    Args:
        records: Article records, or the JSON Lines file(s) of ``nigerwatch extract``.
        timeline: Consolidated events, or the file of ``nigerwatch consolidate``; adds the
            ``consolidated_events``, ``consolidated_actors``, ``reports`` and ``conflicts``
            tables and fills ``events.consolidated_id``.
        to: ``"csv"`` or ``"parquet"`` (one file per table in the folder ``path``),
            ``"sqlite"`` or ``"duckdb"`` (one database file ``path``).
        path: Where to write.

    Returns:
        The number of rows written to each table.

    Raises:
        ConfigurationError: Parquet or DuckDB without the ``export`` extra, an unknown format,
            or a database written by an incompatible version.
        RecordsFileError: An input file is not what nigerwatch wrote.
    """
    writer = open_writer(to, Path(path))
    counts = dict.fromkeys(TABLES, 0)
    try:
        writer.start(timeline=timeline is not None)
        for batch in _batches(records, timeline):
            if batch.article_ids:
                writer.replace(batch.article_ids)
            for name, rows in batch.rows.items():
                writer.add(TABLES[name], rows)
                counts[name] += len(rows)
    finally:
        writer.close()
    return counts


def to_frames(records: Records, *, timeline: Timeline | None = None) -> dict[str, pd.DataFrame]:
    """The flat tables as pandas DataFrames, with their column types (needs pandas).

    Args:
        records: Article records, or the JSON Lines file(s) of ``nigerwatch extract``.
        timeline: Consolidated events, or the file of ``nigerwatch consolidate``.

    Returns:
        One DataFrame per table name (``docs/tables.md``): dates as ``datetime64``, integers
        and booleans as nullable ``Int64`` and ``boolean``; the timeline tables are empty
        without a timeline.

    Raises:
        ConfigurationError: pandas is not installed (``pip install 'nigerwatch[export]'``).
    """
    require("pandas", "to_frames()")
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    for batch in _batches(records, timeline):
        for name, batch_rows in batch.rows.items():
            rows[name].extend(batch_rows)
    return {name: _frame(TABLES[name], rows[name]) for name in TABLES}


def _frame(table: Table, rows: list[Row]) -> pd.DataFrame:
    import pandas as pd  # noqa: PLC0415 - an optional dependency, checked by the caller

    frame: pd.DataFrame = pd.DataFrame.from_records(rows, columns=list(table.names))
    for column in table.columns:
        if column.type == "date":
            frame[column.name] = pd.to_datetime(frame[column.name])
        elif column.type == "integer":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.type == "real":
            frame[column.name] = frame[column.name].astype("Float64")
        elif column.type == "boolean":
            frame[column.name] = frame[column.name].astype("boolean")
        else:
            frame[column.name] = frame[column.name].astype("string")
    return frame


def _batches(records: Records, timeline: Timeline | None) -> Iterator[_Batch]:
    consolidated: dict[ReportKey, str] = {}
    if timeline is not None:
        batch = _Batch(None)
        for event in _timeline(timeline):
            for report in event.reports:
                consolidated[report.article_id, report.event_id] = event.id
            for name, row in timeline_rows(event):
                batch.add(name, row)
            if batch.size >= _BATCH_ROWS:
                yield batch
                batch = _Batch(None)
        yield batch
    seen: set[str] = set()
    batch = _Batch([])
    for extraction in _records(records):
        article_id = extraction.article.id
        if article_id in seen:
            logger.warning("%s: read twice, exported once (the first record)", article_id)
            continue
        seen.add(article_id)
        assert batch.article_ids is not None
        batch.article_ids.append(article_id)
        for name, row in article_rows(extraction, consolidated):
            batch.add(name, row)
        if len(batch.article_ids) >= _BATCH_ARTICLES:
            yield batch
            batch = _Batch([])
    yield batch


def _records(records: Records) -> Iterable[ArticleExtraction]:
    if isinstance(records, str | Path):
        return read_extractions([records])
    items = list(records) if isinstance(records, Sequence) else None
    if items is not None and all(isinstance(item, str | Path) for item in items):
        return read_extractions(items)
    return items if items is not None else records  # type: ignore[return-value]


def _timeline(timeline: Timeline) -> Iterable[ConsolidatedEvent]:
    return read_timeline(timeline) if isinstance(timeline, str | Path) else timeline

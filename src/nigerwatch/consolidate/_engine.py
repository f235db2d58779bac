"""Consolidation end to end: stream the records, block them, cluster each block, merge.

Blocking keeps it near-linear: only reports of the same type, country (coup country, sanction
target, deployment host), stage (coup outcome or status) and, for alliances, kind can be one
event (:func:`~nigerwatch.core.identity.same_reported_event` requires all of them), so reports
are compared within their block only, and within it through a date or actor index.

Memory stays bounded: each report is written to a temporary SQLite file as the records stream
in; blocks are read back one at a time, in the order the clustering needs, holding only the
reports' identity keys; each event's full reports are read back when it is merged.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import TypeAdapter

from nigerwatch.consolidate._clusters import Item, cluster_block, processing_order
from nigerwatch.consolidate._merge import Reported, consolidated_events
from nigerwatch.consolidate._reading import article_meta
from nigerwatch.consolidate._records import AnyEvent, ConsolidatedEvent
from nigerwatch.core.identity import key_of
from nigerwatch.schemas import ArticleExtraction, Event

logger = logging.getLogger(__name__)

_EVENT: TypeAdapter[Event] = TypeAdapter(AnyEvent)
_BATCH = 500
_SCHEMA = """
create table reports (
    block text not null, rank int not null, earliest text not null, published text not null,
    article_id text not null, event_id text not null, meta text not null, event text not null,
    primary key (article_id, event_id)
)
"""


def consolidate(extractions: Iterable[ArticleExtraction]) -> Iterator[ConsolidatedEvent]:
    """Reports of the same real-world event across articles, as consolidated events.

    Deterministic: the same records give the same events, ids and reasons whatever their
    order. Each report's ``reason`` is the explanation of
    :func:`~nigerwatch.core.identity.same_reported_event`; the same article read twice (same
    article id) counts once.

    Args:
        extractions: Article records, e.g. :func:`read_extractions` of ``extract``'s output.

    Yields:
        The consolidated events, block by block (type, country, stage).
    """
    with tempfile.TemporaryDirectory(prefix="nigerwatch-consolidate-") as folder:
        db = sqlite3.connect(Path(folder) / "reports.sqlite")
        try:
            db.execute("pragma journal_mode = off")
            db.execute("pragma synchronous = off")
            db.execute("pragma temp_store = file")
            db.execute(_SCHEMA)
            count = _spill(extractions, db)
            (kept,) = db.execute("select count(*) from reports").fetchone()
            logger.info(
                "consolidating %d reports (%d read twice, counted once)", kept, count - kept
            )
            yield from _blocks(db)
        finally:
            db.close()


def _spill(extractions: Iterable[ArticleExtraction], db: sqlite3.Connection) -> int:
    rows = (row for extraction in extractions for row in _rows(extraction))
    count = 0
    while batch := list(itertools.islice(rows, _BATCH)):
        db.executemany("insert or ignore into reports values (?, ?, ?, ?, ?, ?, ?, ?)", batch)
        count += len(batch)
    db.commit()
    return count


def _rows(extraction: ArticleExtraction) -> Iterator[tuple[str | int, ...]]:
    info = extraction.article
    meta = json.dumps(article_meta(info), ensure_ascii=False)
    published = info.published.isoformat() if info.published else ""
    for event in extraction.events:
        key = key_of(event)
        block = json.dumps([key.type, key.place, key.stage, key.kind])
        rank, earliest = processing_order(event)
        yield (block, rank, earliest, published, info.id, event.id, meta, event.model_dump_json())


def _blocks(db: sqlite3.Connection) -> Iterator[ConsolidatedEvent]:
    cursor = db.execute(
        "select block, rowid, article_id, event_id, published, event from reports "
        "order by block, rank, earliest, published = '', published, article_id, event_id"
    )

    def load(rows: Sequence[int]) -> dict[int, Reported]:
        loaded: dict[int, Reported] = {}
        for start in range(0, len(rows), _BATCH):  # within SQLite's limit on parameters
            chunk = list(rows[start : start + _BATCH])
            marks = ", ".join("?" * len(chunk))  # only placeholders go into the text
            query = f"select rowid, article_id, published, meta, event from reports where rowid in ({marks})"  # noqa: E501, S608
            found = db.execute(query, chunk)
            loaded.update((row, _reported(*rest)) for row, *rest in found)
        return loaded

    for _, rows in itertools.groupby(cursor, key=lambda row: row[0]):
        items = [_item(*row[1:]) for row in rows]
        yield from consolidated_events(cluster_block(items), load)


def _item(row: int, article_id: str, event_id: str, published: str, event_json: str) -> Item:
    return Item(
        key_of(_EVENT.validate_json(event_json)), row, article_id, event_id, _day(published)
    )


def _reported(article_id: str, published: str, meta: str, event_json: str) -> Reported:
    return Reported(_EVENT.validate_json(event_json), article_id, _day(published), json.loads(meta))


def _day(iso: str) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None

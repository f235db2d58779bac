"""ETL: the JSON Lines of `nigerwatch extract` -> a consolidated timeline -> SQLite tables.

    nigerwatch extract seeds/ -o events.jsonl         # once, with the model
    python examples/articles_to_sqlite.py events.jsonl events.sqlite

Never calls a model: it loads the records, consolidates the reports of each real-world event
across articles, and writes every table of `nigerwatch.export` (docs/tables.md): `articles`,
`events` (one row per event with its country codes, CAMEO/PLOVER codes and dates), `actors`,
`measures`, `evidence`, `dropped`, `consolidated_events`, `consolidated_actors`, `reports` and
`conflicts`. Running it again replaces what it loaded (no double rows).

Load in pandas with ``pandas.read_sql("select * from events", sqlite3.connect(path))``, or
use ``nigerwatch.export.to_frames`` directly.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from nigerwatch import NigerwatchError, consolidate, read_extractions
from nigerwatch.export import export


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    records, db_path = Path(args[0]), Path(args[1])
    try:
        timeline = list(consolidate(read_extractions([records])))
        export(records, timeline=timeline, to="sqlite", path=db_path)
    except NigerwatchError as exc:
        print(f"articles_to_sqlite: {exc}", file=sys.stderr)
        return 1
    with sqlite3.connect(db_path) as db:
        query = (
            "select type, count(*), count(distinct consolidated_id) from events "
            "group by type order by type"
        )
        for kind, reports, events in db.execute(query):
            print(f"{kind}: {reports} reports of {events} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

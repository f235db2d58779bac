"""ETL: a folder of articles -> JSON Lines -> SQLite tables ready for SQL, pandas or DuckDB.

    python examples/articles_to_sqlite.py seeds/ events.jsonl events.sqlite

One bad article is reported and skipped; the others are still loaded. Tables:

* ``articles(id, published, language, sha256, model, prompt_tokens, completion_tokens)``
* ``events(id, article_id, type, country, status, date_value, date_precision, date_earliest,
  date_latest)``: ``country`` is the coup country, sanction target or deployment host (ISO
  3166-1 alpha-3); ``status`` is the coup outcome or the event's status.
* ``actors(event_id, role, name, kind, country, organization)``
* ``evidence(event_id, quote, start, "end", match)``: offsets into the article text.

Load in pandas with ``pandas.read_sql("select * from events", sqlite3.connect(path))``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from nigerwatch import (
    Actor,
    Alliance,
    ArticleExtraction,
    Coup,
    Deployment,
    Extractor,
    NigerwatchError,
    Sanction,
    read_article,
)

SCHEMA = """
create table if not exists articles (id text primary key, published text, language text,
    sha256 text, model text, prompt_tokens int, completion_tokens int);
create table if not exists events (id text primary key, article_id text, type text, country text,
    status text, date_value text, date_precision text, date_earliest text, date_latest text);
create table if not exists actors (event_id text, role text, name text, kind text, country text,
    organization text);
create table if not exists evidence (event_id text, quote text, start int, "end" int, match text);
"""


def extract_folder(folder: Path, jsonl: Path) -> int:
    """Extract every *.txt in ``folder`` to JSON Lines; returns the number of failures."""
    extractor = Extractor()
    failures = 0
    with jsonl.open("w", encoding="utf-8") as out:
        for path in sorted(folder.glob("*.txt")):
            try:
                result = extractor.extract(read_article(path))
            except NigerwatchError as exc:
                print(f"skipped {path.name}: {exc}", file=sys.stderr)
                failures += 1
                continue
            out.write(result.model_dump_json() + "\n")
    return failures


def load(jsonl: Path, db: sqlite3.Connection) -> None:
    """Load a JSON Lines file of extractions into the four tables."""
    db.executescript(SCHEMA)
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        result = ArticleExtraction.model_validate_json(line)
        info, usage = result.article, result.usage
        db.execute(
            "insert or replace into articles values (?, ?, ?, ?, ?, ?, ?)",
            (
                info.id,
                str(info.published),
                info.language,
                info.sha256,
                result.model.name,
                usage.prompt_tokens,
                usage.completion_tokens,
            ),
        )
        for event in result.events:
            date = event.date
            country, status, actors = _flatten(event)
            db.execute(
                "insert or replace into events values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event.id,
                    info.id,
                    event.type,
                    country,
                    status,
                    date.value if date else None,
                    date.precision if date else None,
                    str(date.earliest) if date else None,
                    str(date.latest) if date else None,
                ),
            )
            db.executemany(
                "insert into actors values (?, ?, ?, ?, ?, ?)",
                [(event.id, role, a.name, a.kind, a.country, a.organization) for role, a in actors],
            )
            db.executemany(
                "insert into evidence values (?, ?, ?, ?, ?)",
                [(event.id, e.quote, e.start, e.end, e.match) for e in event.evidence],
            )
    db.commit()


def _flatten(
    event: Coup | Sanction | Deployment | Alliance,
) -> tuple[str, str, list[tuple[str, Actor]]]:
    """The event's main country, its status, and its actors with their roles."""
    if isinstance(event, Coup):
        return event.country, event.outcome, [("perpetrator", a) for a in event.perpetrators]
    if isinstance(event, Sanction):
        actors = [("imposer", a) for a in event.imposers]
        actors += [("target", a) for a in event.target_actors]
        return event.target_country, event.status, actors
    if isinstance(event, Deployment):
        return event.host_country, event.status, [("deploying_party", event.deploying_party)]
    return "", event.status, [("member", a) for a in event.members]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, jsonl, db_path = Path(args[0]), Path(args[1]), Path(args[2])
    failures = extract_folder(folder, jsonl)
    with sqlite3.connect(db_path) as db:
        load(jsonl, db)
        for kind, count in db.execute("select type, count(*) from events group by type"):
            print(f"{kind}: {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

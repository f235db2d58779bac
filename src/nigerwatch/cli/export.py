"""``nigerwatch export``: records and a timeline to CSV, Parquet, SQLite or DuckDB tables."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_CONFIG, EXIT_OK, verbosity
from nigerwatch.errors import RecordsFileError
from nigerwatch.export import FORMATS, export, schema_markdown

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "export",
        parents=[verbosity()],
        help="write records (and a timeline) as flat tables for SQL, spreadsheets, pandas",
        description="Load the JSON Lines of `nigerwatch extract` (and of `nigerwatch "
        "consolidate`, told apart by their content) into flat tables. Never re-extracts; "
        "loading again replaces what it loads. The tables: `nigerwatch export --schema`.",
    )
    parser.add_argument(
        "inputs", nargs="*", type=Path, metavar="FILE.jsonl", help="records, and a timeline"
    )
    parser.add_argument("--to", choices=FORMATS, help="csv and parquet: a folder of files")
    parser.add_argument("-o", "--output", type=Path, help="the folder or database file")
    parser.add_argument("--schema", action="store_true", help="print the tables and exit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export, then print the row counts on stderr."""
    if args.schema:
        sys.stdout.write(schema_markdown())
        return EXIT_OK
    if not args.inputs or args.to is None or args.output is None:
        print("nigerwatch export: give FILE.jsonl..., --to and -o (or --schema)", file=sys.stderr)
        return EXIT_CONFIG
    records: list[Path] = []
    timelines: list[Path] = []
    for path in args.inputs:
        (timelines if _is_timeline(path) else records).append(path)
    if len(timelines) > 1:
        names = ", ".join(str(p) for p in timelines)
        print(f"nigerwatch export: one timeline at a time, not {names}", file=sys.stderr)
        return EXIT_CONFIG
    counts = export(
        records, timeline=timelines[0] if timelines else None, to=args.to, path=args.output
    )
    rows = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    print(f"{args.output}: {rows or 'no rows'}", file=sys.stderr)
    return EXIT_OK


def _is_timeline(path: Path) -> bool:
    """Whether a file holds consolidated events (they have reports) rather than records."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordsFileError(f"cannot read {path}: {exc}", path=str(path)) from exc
    try:
        record = json.loads(first) if first else {}
    except json.JSONDecodeError:
        return False  # reading it as records reports the bad line
    return isinstance(record, dict) and "reports" in record

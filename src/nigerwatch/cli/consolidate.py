"""``nigerwatch consolidate``: article records to a timeline of consolidated events."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, verbosity
from nigerwatch.consolidate import consolidate, read_extractions
from nigerwatch.schemas import ArticleExtraction

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "consolidate",
        parents=[verbosity()],
        help="merge the reports of one event across articles into a timeline",
        description="Read the JSON Lines of `nigerwatch extract` and write one line per "
        "real-world event, with its reports, the reason each joined, and the values they "
        "disagree on. Never re-extracts.",
    )
    parser.add_argument("inputs", nargs="+", type=Path, metavar="EVENTS.jsonl")
    parser.add_argument("-o", "--output", type=Path, help="timeline file (default: stdout)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Consolidate the inputs and print a summary on stderr."""
    counts = _Counts()
    events = consolidate(counts.articles(read_extractions(args.inputs)))
    if args.output is None:
        for event in events:
            counts.add(len(event.reports), bool(event.ambiguous_with))
            sys.stdout.write(event.model_dump_json() + "\n")
    else:
        # Written beside the target and renamed at the end: a failed run leaves no half file.
        args.output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=args.output.parent, prefix=args.output.name + ".")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                for event in events:
                    counts.add(len(event.reports), bool(event.ambiguous_with))
                    out.write(event.model_dump_json() + "\n")
            os.replace(tmp, args.output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    print(counts.summary(), file=sys.stderr)
    return EXIT_OK


class _Counts:
    def __init__(self) -> None:
        self.n_articles = self.reports = self.events = self.merged = self.ambiguous = 0

    def articles(self, extractions: Iterator[ArticleExtraction]) -> Iterator[ArticleExtraction]:
        for extraction in extractions:
            self.n_articles += 1
            yield extraction

    def add(self, reports: int, ambiguous: bool) -> None:
        self.events += 1
        self.reports += reports
        self.merged += reports > 1
        self.ambiguous += ambiguous

    def summary(self) -> str:
        return (
            f"{self.reports} reports from {self.n_articles} articles: {self.events} events, "
            f"{self.merged} with several reports, {self.ambiguous} ambiguous (attached to none)"
        )

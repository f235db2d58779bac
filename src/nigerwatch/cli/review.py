"""``nigerwatch review``: one HTML page to check the records against their articles."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, add_input_options, input_fields, verbosity
from nigerwatch.core.article import Article
from nigerwatch.errors import ArticleError
from nigerwatch.report.page import review_page, unreadable_notes
from nigerwatch.report.sources import pair, read_results
from nigerwatch.runs.inputs import BatchItem, iter_inputs, load_article

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    review = commands.add_parser(
        "review",
        parents=[verbosity()],
        help="an HTML page of each article beside its records, for a person to check",
        description="Writes one self-contained HTML file (no network): each article's text "
        "with its evidence highlighted by event type, the records and dropped drafts beside "
        "it, filters and a timeline. SOURCES are the files, folders or JSON Lines the "
        "articles came from; each text's sha256 is checked against the results.",
    )
    review.add_argument("results", type=Path, help="the output of nigerwatch extract (.jsonl)")
    review.add_argument("sources", nargs="*", help="the articles: files, folders, .jsonl, or -")
    review.add_argument("-o", "--output", type=Path, required=True, help="the page (.html)")
    review.add_argument(
        "--timeline", type=Path, help="consolidated events (.jsonl) to draw instead of records"
    )
    review.add_argument("--title", default="nigerwatch review", help="the page title")
    add_input_options(review)
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the page; a summary goes to stderr."""
    results, bad_lines = read_results(args.results)
    notes = unreadable_notes(args.results.name, bad_lines)
    unreadable: list[str] = []
    items = iter_inputs(args.sources, fields=input_fields(args), stdin_format=args.stdin_format)
    reviewed = pair(results, _articles(items, unreadable))
    notes += unreadable[:10]
    page = review_page(reviewed, timeline_file=args.timeline, notes=notes, title=args.title)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    checks = [r.check for r in reviewed]
    print(
        f"{args.output}: {len(reviewed)} articles, "
        f"{sum(len(r.result.events) for r in reviewed)} records; sources: "
        f"{checks.count('match')} match, {checks.count('differs')} differ, "
        f"{checks.count('missing')} missing",
        file=sys.stderr,
    )
    for note in notes:
        print(f"nigerwatch: {note}", file=sys.stderr)
    return EXIT_OK


def _articles(items: Iterator[BatchItem], unreadable: list[str]) -> Iterator[Article]:
    for item in items:
        try:
            yield load_article(item)
        except (ArticleError, OSError) as exc:
            unreadable.append(f"source left out: {exc}")

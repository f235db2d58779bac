"""``nigerwatch extract``: articles in, one JSON line of records per article out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import (
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_STOPPED,
    add_input_options,
    add_model_options,
    input_fields,
    interrupted,
    iso_date,
    make_extractor,
    positive_int,
    verbosity,
)
from nigerwatch.errors import ConfigurationError
from nigerwatch.runs.file_run import RunInterrupted, RunOptions, run_extraction, summary_text

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    ext = commands.add_parser(
        "extract",
        parents=[verbosity()],
        help="extract events from article files, folders or JSON Lines",
        description="Sources: .txt files, folders of *.txt (recursive), .jsonl files of "
        '{"id", "text", "published", ...} records (other fields go to article.meta), or - '
        "for JSON Lines or one plain-text article on stdin.",
    )
    ext.add_argument("sources", nargs="+", help="files, folders, .jsonl files, or -")
    ext.add_argument("-o", "--output", type=Path, help="JSON Lines results (default: stdout)")
    ext.add_argument("--failures", type=Path, help="failures file (default: OUTPUT.failures.jsonl)")
    ext.add_argument("--resume", action="store_true", help="skip articles already in --output")
    ext.add_argument("--overwrite", action="store_true", help="replace an existing --output")
    ext.add_argument(
        "--concurrency",
        type=positive_int,
        help="articles in flight (default 4; 1 for the embedded model)",
    )
    ext.add_argument("--no-cache", action="store_true", help="neither read nor fill the cache")
    ext.add_argument(
        "--max-tokens", type=positive_int, help="token budget: stop starting articles after"
    )
    ext.add_argument("--price-prompt", type=float, help="USD per million prompt tokens")
    ext.add_argument("--price-completion", type=float, help="USD per million completion tokens")
    ext.add_argument(
        "--published", type=iso_date, help="publication date YYYY-MM-DD for every article"
    )
    add_input_options(ext)
    add_model_options(ext)
    ext.add_argument("--reasks", type=int, help="re-asks after an ungrounded answer (default 1)")
    ext.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract every source; the exit code says whether all of them were."""
    if args.resume and args.output is None:
        raise ConfigurationError("--resume needs --output: it skips what that file holds")
    extractor = make_extractor(args, cache=not args.no_cache)
    options = RunOptions(
        sources=args.sources,
        output=args.output,
        failures=args.failures,
        resume=args.resume,
        overwrite=args.overwrite,
        concurrency=args.concurrency,
        max_tokens=args.max_tokens,
        published=args.published,
        fields=input_fields(args),
        stdin_format=args.stdin_format,
    )
    try:
        summary = run_extraction(extractor, options, graceful_interrupt=True)
    except RunInterrupted as stop:
        summary = stop.summary
    if summary.interrupted:
        return interrupted(summary, args.output)
    prices = None
    if args.price_prompt is not None or args.price_completion is not None:
        prices = (args.price_prompt or 0.0, args.price_completion or 0.0)
    print(summary_text(summary, prices=prices), file=sys.stderr)
    if summary.done + summary.failed + summary.skipped == 0:
        print("nigerwatch: no articles found (folders are searched for *.txt)", file=sys.stderr)
        return EXIT_CONFIG
    if summary.failed:
        return EXIT_SOME_FAILED
    return EXIT_STOPPED if summary.stopped else EXIT_OK

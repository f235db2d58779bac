"""``nigerwatch batch prepare|run|ingest``: provider Batch API files (OpenAI, vLLM run-batch).

The rerun rules are those of ``nigerwatch extract``: an output that already holds lines is
only added to with ``--resume`` (which does only what has no answer yet) or started afresh
with ``--overwrite``, and one run at a time holds each output.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    add_actions,
    add_input_options,
    add_model_options,
    input_fields,
    interrupted,
    make_extractor,
    positive_int,
)
from nigerwatch.runs import provider_batch
from nigerwatch.runs.batch_send import run_requests
from nigerwatch.runs.claim import claimed
from nigerwatch.runs.file_run import RunOptions, record_outcome, summary_text
from nigerwatch.runs.inputs import iter_inputs
from nigerwatch.runs.outcomes import RunSummary
from nigerwatch.runs.output import JsonlAppender

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command group."""
    parsers = add_actions(
        commands,
        "batch",
        "OpenAI Batch API files: prepare requests, run them, ingest the answers",
        [
            ("prepare", "write Batch API request lines (OpenAI, vLLM run-batch)", _prepare),
            ("run", "send request lines to the endpoint, write Batch API output lines", _run),
            ("ingest", "records from a Batch API output file", _ingest),
        ],
    )
    prepare, send, ingest = parsers["prepare"], parsers["run"], parsers["ingest"]
    prepare.add_argument("sources", nargs="+", help="files, folders, .jsonl files, or -")
    prepare.add_argument("-o", "--output", type=Path, required=True, help="requests .jsonl")
    send.add_argument("requests", type=Path, help="a Batch API input file")
    send.add_argument("-o", "--output", type=Path, required=True, help="outputs .jsonl")
    send.add_argument(
        "--concurrency",
        type=positive_int,
        help="requests in flight (default 4; 1 for the embedded model)",
    )
    ingest.add_argument("outputs", type=Path, help="the Batch API output file")
    ingest.add_argument("sources", nargs="+", help="the articles the requests were made from")
    ingest.add_argument("-o", "--output", type=Path, required=True, help="records .jsonl")
    ingest.add_argument("--failures", type=Path, help="default: OUTPUT.failures.jsonl")
    for sub, resumes in ((prepare, "articles"), (send, "requests")):
        sub.add_argument(
            "--resume", action="store_true", help=f"add only the {resumes} --output lacks"
        )
    for sub in (prepare, send, ingest):
        sub.add_argument("--overwrite", action="store_true", help="replace an existing --output")
        add_model_options(sub)
    for sub in (prepare, ingest):
        add_input_options(sub)


def _prepare(args: argparse.Namespace) -> int:
    output: Path = args.output
    with claimed([output], inputs=args.sources, resume=args.resume, overwrite=args.overwrite):
        done = provider_batch.request_ids(output) if args.resume else set()
        items = iter_inputs(args.sources, fields=input_fields(args), stdin_format=args.stdin_format)
        with JsonlAppender(output) as out:
            failures = provider_batch.prepare(items, make_extractor(args), out, skip=done)
    for failure in failures:
        print(f"nigerwatch: {failure.id}: {failure.error}", file=sys.stderr)
    if done:
        print(f"kept {len(done)} requests already in {output}", file=sys.stderr)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    extractor = make_extractor(args)
    output: Path = args.output
    with claimed([output], inputs=[args.requests], resume=args.resume, overwrite=args.overwrite):
        answered = provider_batch.answered_ids(output) if args.resume else set()
        # Read as bytes: a line that is not UTF-8 is an error line, not the end of the run.
        with args.requests.open("rb") as lines, JsonlAppender(output) as out:
            run = run_requests(lines, extractor, out, concurrency=args.concurrency, skip=answered)
            try:
                summary = asyncio.run(run)
            except KeyboardInterrupt:
                return interrupted(None, output)
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    options = RunOptions(sources=args.sources, output=args.output, failures=args.failures)
    summary = RunSummary()
    paths = [args.output, options.failures_path]
    with (
        claimed(paths, inputs=[*args.sources, args.outputs], overwrite=args.overwrite),
        JsonlAppender(args.output) as out,
        JsonlAppender(options.failures_path, lazy=True) as failed,
    ):
        items = iter_inputs(args.sources, fields=input_fields(args), stdin_format=args.stdin_format)
        for outcome in provider_batch.ingest(args.outputs, items, make_extractor(args)):
            summary.add(outcome)
            record_outcome(outcome, out, failed, sys.stderr)
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK

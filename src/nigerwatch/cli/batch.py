"""``nigerwatch batch prepare|run|ingest``: provider Batch API files (OpenAI, vLLM run-batch)."""

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
    make_extractor,
)
from nigerwatch.runs import provider_batch
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
        "--concurrency", type=int, help="requests in flight (default 4; 1 for the embedded model)"
    )
    ingest.add_argument("outputs", type=Path, help="the Batch API output file")
    ingest.add_argument("sources", nargs="+", help="the articles the requests were made from")
    ingest.add_argument("-o", "--output", type=Path, required=True, help="records .jsonl")
    ingest.add_argument("--failures", type=Path, help="default: OUTPUT.failures.jsonl")
    for sub in (prepare, send, ingest):
        add_model_options(sub)
    for sub in (prepare, ingest):
        add_input_options(sub)


def _prepare(args: argparse.Namespace) -> int:
    with JsonlAppender(args.output) as out:
        items = iter_inputs(args.sources, fields=input_fields(args), stdin_format=args.stdin_format)
        failures = provider_batch.prepare(items, make_extractor(args), out)
    for failure in failures:
        print(f"nigerwatch: {failure.id}: {failure.error}", file=sys.stderr)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    extractor = make_extractor(args)
    with args.requests.open(encoding="utf-8") as lines, JsonlAppender(args.output) as out:
        summary = asyncio.run(
            provider_batch.run_requests(lines, extractor, out, concurrency=args.concurrency)
        )
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    options = RunOptions(sources=args.sources, output=args.output, failures=args.failures)
    summary = RunSummary()
    failures_path = options.failures_path
    with (
        args.outputs.open(encoding="utf-8") as lines,
        JsonlAppender(args.output) as out,
        JsonlAppender(failures_path) as failed,
    ):
        items = iter_inputs(args.sources, fields=input_fields(args), stdin_format=args.stdin_format)
        for outcome in provider_batch.ingest(lines, items, make_extractor(args)):
            summary.add(outcome)
            record_outcome(outcome, out, failed, sys.stderr)
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK

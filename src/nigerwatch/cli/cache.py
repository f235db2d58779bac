"""``nigerwatch cache info|clear``: the cache of model answers."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, verbosity
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.settings import default_cache_dir

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command group."""
    cache = commands.add_parser("cache", help="the cache of model answers")
    actions = cache.add_subparsers(required=True, metavar="ACTION")
    info = actions.add_parser(
        "info", parents=[verbosity()], help="where the cache is and what it holds"
    )
    info.set_defaults(run=_info)
    clear = actions.add_parser("clear", parents=[verbosity()], help="delete every cached answer")
    clear.set_defaults(run=_clear)


def _info(args: argparse.Namespace) -> int:
    cache = AnswerCache.in_dir(default_cache_dir())
    size = cache.path.stat().st_size if cache.path.exists() else 0
    print(f"{cache.path}: {len(cache)} answers, {size:,} bytes")
    return EXIT_OK


def _clear(args: argparse.Namespace) -> int:
    removed = AnswerCache.in_dir(default_cache_dir()).clear()
    print(f"removed {removed} cached answers", file=sys.stderr)
    return EXIT_OK

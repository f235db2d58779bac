"""``nigerwatch cache info|clear``: the cache of model answers."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, add_actions
from nigerwatch.errors import ConfigurationError
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.settings import default_cache_dir

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command group."""
    add_actions(
        commands,
        "cache",
        "the cache of model answers",
        [
            ("info", "where the cache is and what it holds", _info),
            ("clear", "delete every cached answer", _clear),
        ],
    )


def _info(args: argparse.Namespace) -> int:
    cache = AnswerCache.in_dir(default_cache_dir())
    if cache.problem is not None:
        print(f"{cache.path}: not usable ({cache.problem}); answers are not cached")
        return EXIT_OK
    size = cache.path.stat().st_size if cache.path.exists() else 0
    print(f"{cache.path}: {len(cache)} answers, {size:,} bytes")
    aside = sorted(cache.path.parent.glob(cache.path.name + ".corrupt-*"))
    if aside:
        print(
            f"{len(aside)} damaged file(s) set aside there; `nigerwatch cache clear` removes them"
        )
    return EXIT_OK


def _clear(args: argparse.Namespace) -> int:
    cache = AnswerCache.in_dir(default_cache_dir())
    try:
        removed = cache.clear()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot clear {cache.path}: {exc.strerror or exc}; check the folder's permissions "
            "(or NIGERWATCH_CACHE_DIR)"
        ) from None
    print(f"removed {removed} cached answers from {cache.path}", file=sys.stderr)
    return EXIT_OK

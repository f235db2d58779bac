"""``nigerwatch config``: the settings as resolved, and where things live; never the key."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

import openai

from nigerwatch import __version__
from nigerwatch.cli._common import EXIT_CONFIG, EXIT_OK, add_model_options, verbosity
from nigerwatch.errors import ConfigurationError
from nigerwatch.llm import model_store
from nigerwatch.llm.cache import ANSWERS_FILE
from nigerwatch.llm.clients import client_options
from nigerwatch.llm.context_window import discover, known
from nigerwatch.llm.local_server import INSTALL_LOCAL, local_extra_installed
from nigerwatch.llm.settings import Settings, default_cache_dir, resolve

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    config = commands.add_parser(
        "config",
        parents=[verbosity()],
        help="print the resolved settings and paths (never the API key)",
        description="What nigerwatch would use: arguments, then NIGERWATCH_* and OPENAI_* "
        "variables, then the embedded default model.",
    )
    add_model_options(config)
    config.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the settings; exit 2 when they cannot be resolved (the reason is printed)."""
    settings: Settings | None = None
    problem = None
    try:
        settings = resolve(model=args.model, base_url=args.base_url, mode=args.mode)
    except ConfigurationError as exc:
        problem = str(exc)
    for name, value in rows(settings):
        print(f"{name:<13} {value}")
    if problem is not None:
        print(f"nigerwatch: configuration error: {problem}", file=sys.stderr)
        return EXIT_CONFIG
    return EXIT_OK


def rows(settings: Settings | None) -> list[tuple[str, str]]:
    """What ``config`` prints, as (name, value) rows; ``settings`` None when unresolvable."""
    cache_dir = settings.cache_dir if settings else default_cache_dir()
    gguf = settings.gguf if settings and settings.gguf else model_store.model_path(cache_dir)
    shown: list[tuple[str, str]] = [("version", __version__)]
    if settings is not None:
        shown += [
            ("model", settings.model),
            ("endpoint", settings.base_url or "embedded llama.cpp server on 127.0.0.1"),
            ("mode", settings.mode),
            ("context", _context(settings)),
            ("concurrency", str(settings.concurrency)),
            ("passes", _passes(settings)),
            ("retries", f"{settings.transport_retries} transport, {settings.reasks} re-ask"),
            ("timeout", f"{settings.timeout:g} s"),
        ]
    else:
        shown.append(("settings", "cannot be resolved (see the error below)"))
    cache = cache_dir / ANSWERS_FILE
    present = "present" if gguf.is_file() else "missing: nigerwatch model pull"
    key = "OPENAI_API_KEY is set (not shown)" if os.environ.get("OPENAI_API_KEY") else "not set"
    server = "installed" if local_extra_installed() else f"not installed ({INSTALL_LOCAL})"
    shown += [
        ("cache dir", str(cache_dir)),
        ("answer cache", f"{cache} ({'present' if cache.is_file() else 'empty'})"),
        ("model file" if settings and settings.gguf else "default model", f"{gguf} ({present})"),
        ("local server", server),
        ("api key", key),
        ("environment", ", ".join(sorted(_set_variables())) or "no NIGERWATCH_* or OPENAI_*"),
    ]
    return shown


def _set_variables() -> list[str]:
    return [n for n, v in os.environ.items() if n.startswith(("NIGERWATCH_", "OPENAI_")) and v]


def _passes(settings: Settings) -> str:
    if settings.passes == "single":
        return "single (one request for all four types)"
    focus = "on" if settings.focus else "off (NIGERWATCH_FOCUS)"
    return f"per_type (one request per type and window); focused questions {focus}"


def _context(settings: Settings) -> str:
    window = known(settings)
    if window is None:  # a remote endpoint: ask it, as the first article would
        with openai.OpenAI(**client_options(settings)) as client:
            window = discover(settings, client)
    source = "" if window.source == "embedded server" else f", {window.source}"
    return f"{window.tokens:,} tokens ({settings.max_tokens:,} answer{source})"

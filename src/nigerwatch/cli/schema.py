"""``nigerwatch schema``: the JSON Schema of one output line."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from nigerwatch.cli._common import EXIT_OK, verbosity
from nigerwatch.schemas import ArticleExtraction

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    schema = commands.add_parser(
        "schema", parents=[verbosity()], help="print the JSON Schema of an output record"
    )
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    print(json.dumps(ArticleExtraction.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK

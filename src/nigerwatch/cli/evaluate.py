"""``nigerwatch eval GOLD PRED``: score extraction results against gold labels."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from nigerwatch.cli._common import EXIT_OK, verbosity
from nigerwatch.evaluation import audit, evaluate, load_gold, load_predictions, load_texts
from nigerwatch.evaluation.gold import Split

if TYPE_CHECKING:
    from nigerwatch.cli._common import Commands


def add(commands: Commands) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "eval",
        parents=[verbosity()],
        help="score extraction results against gold labels",
        description="GOLD is a folder of *.json gold files or a .jsonl file (format: "
        "evaluation/dev/README.md); PRED is the JSON Lines output of `nigerwatch extract`.",
    )
    parser.add_argument("gold", type=Path, help="gold labels: a folder of *.json or a .jsonl")
    parser.add_argument("predictions", type=Path, help="nigerwatch extract output (.jsonl)")
    parser.add_argument(
        "--articles",
        type=Path,
        help="the articles' folder, to check evidence rules by offset "
        "(default: GOLD/../articles when it exists)",
    )
    parser.add_argument("--split", choices=get_args(Split), help="only this split")
    parser.add_argument("--label", default="", help="a name for this configuration")
    parser.add_argument("--json", type=Path, help="also write the report as JSON (- for stdout)")
    parser.add_argument(
        "--audit",
        action="store_true",
        help="also read every refused draft against the labels: what each check costs and buys",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the table (and write the JSON when asked)."""
    gold = load_gold(args.gold)
    articles = args.articles or args.gold.parent / "articles"
    texts = load_texts(articles) if articles.is_dir() else None
    predictions = load_predictions(args.predictions)
    report = evaluate(gold, predictions, split=args.split, texts=texts, label=args.label)
    if args.json is not None:
        data = json.dumps(report.to_json(), indent=2, ensure_ascii=False, default=str)
        if str(args.json) == "-":
            print(data)
            return EXIT_OK
        args.json.write_text(data + "\n", encoding="utf-8")
    print(report.table())
    if args.audit:
        print(audit(gold, predictions, split=args.split).table())
    return EXIT_OK

"""What every command shares: exit codes, model options, the extractor, logging."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nigerwatch.llm.extraction import Extractor
from nigerwatch.llm.settings import MODES
from nigerwatch.runs.file_run import summary_text
from nigerwatch.runs.inputs import InputFields
from nigerwatch.runs.outcomes import RunSummary

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_SOME_FAILED, EXIT_CONFIG, EXIT_STOPPED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


def verbosity() -> argparse.ArgumentParser:
    """A parent parser giving ``-v`` to a command, so it works after the command's name too."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,  # keep a -v given before the command
        help="log progress (-vv: debug)",
    )
    return parent


def add_actions(
    commands: Commands,
    name: str,
    help_text: str,
    actions: Sequence[tuple[str, str, Callable[[argparse.Namespace], int]]],
) -> dict[str, argparse.ArgumentParser]:
    """A command group (``nigerwatch NAME ACTION``) with one parser per (action, help, run)."""
    group = commands.add_parser(name, help=help_text)
    subparsers = group.add_subparsers(required=True, metavar="ACTION")
    parsers = {}
    for action, action_help, run in actions:
        parser = subparsers.add_parser(action, parents=[verbosity()], help=action_help)
        parser.set_defaults(run=run)
        parsers[action] = parser
    return parsers


def positive_int(text: str) -> int:
    """An argparse type: an integer of 1 or more (``--concurrency``, ``--max-tokens``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


def iso_date(text: str) -> str:
    """An argparse type: a ``YYYY-MM-DD`` date, checked once instead of failing every article."""
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None
    return text.strip()


def interrupted(summary: RunSummary | None, output: Path | None) -> int:
    """Report a Ctrl-C (what is done, how to go on); returns the exit code 130."""
    if summary is not None:
        print(summary_text(summary), file=sys.stderr)
    if output is None:
        hint = "run it again (with -o FILE, a later run can --resume)"
    else:
        hint = f"every line in {output} is complete: run the same command with --resume to finish"
    print(f"nigerwatch: interrupted; {hint}.", file=sys.stderr)
    return EXIT_INTERRUPTED


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """The options choosing the model and endpoint."""
    parser.add_argument("--model", help="model name, or a .gguf path (env NIGERWATCH_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (env NIGERWATCH_BASE_URL)")
    parser.add_argument("--mode", choices=MODES, help="instructor mode (env NIGERWATCH_MODE)")


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """The options saying how JSON Lines records and stdin are read."""
    group = parser.add_argument_group("input records")
    group.add_argument("--id-field", default="id", help="JSON Lines field of the id (id)")
    group.add_argument("--text-field", default="text", help="field of the article text (text)")
    group.add_argument(
        "--date-field",
        default="published",
        help="field of the publication date (published): YYYY-MM-DD, ISO 8601 date-time, "
        "RFC 822 or GDELT YYYYMMDDHHMMSS",
    )
    group.add_argument(
        "--stdin-format",
        choices=("auto", "jsonl", "text"),
        default="auto",
        help="what - reads: JSON Lines, one plain-text article, or auto (JSON Lines when the "
        "first line is a JSON object)",
    )


def input_fields(args: argparse.Namespace) -> InputFields:
    """The JSON Lines field names the options give."""
    return InputFields(id=args.id_field, text=args.text_field, published=args.date_field)


def make_extractor(args: argparse.Namespace, *, cache: bool = False) -> Extractor:
    """The extractor the options describe (arguments, then environment, then the default)."""
    return Extractor(
        model=args.model,
        base_url=args.base_url,
        mode=args.mode,
        reasks=getattr(args, "reasks", None),
        cache=cache,
    )


def setup_logging(verbose: int) -> None:
    """Log to stderr: warnings, or nigerwatch's progress with ``-v``, debug with ``-vv``."""
    # The command is an application, so it may configure logging; the library never does.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    logging.getLogger("nigerwatch").setLevel(logging.INFO if verbose else logging.WARNING)
    # instructor logs each failed validation as an error; nigerwatch reports the outcome.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)

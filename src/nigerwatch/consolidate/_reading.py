"""Reading JSON Lines of article records and of consolidated events, one line at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from nigerwatch.consolidate._records import ConsolidatedEvent
from nigerwatch.errors import RecordsFileError
from nigerwatch.schemas import ArticleExtraction, ArticleInfo

logger = logging.getLogger(__name__)

_M = TypeVar("_M", bound=BaseModel)


META_FIELDS = ("source", "url", "title")
"""The input fields of ``article.meta`` that consolidation and exports carry along."""


def article_meta(info: ArticleInfo) -> dict[str, str]:
    """``source``, ``url`` and ``title`` from a record's ``article.meta``, when it has them.

    ``article.meta`` (the input record's other fields) is optional: records written before it
    existed, or from inputs without these fields, give an empty dict.
    """
    meta = getattr(info, "meta", None) or {}
    return {name: str(meta[name]) for name in META_FIELDS if meta.get(name) not in (None, "")}


def read_extractions(paths: Iterable[str | Path]) -> Iterator[ArticleExtraction]:
    """Stream the article records of JSON Lines files, as ``nigerwatch extract`` writes them.

    Blank lines are skipped, and so is a last line cut off by a crash while the file was
    written (no final newline; logged as a warning: ``nigerwatch extract --resume`` redoes it).

    Args:
        paths: The files, read in order.

    Yields:
        One record per line.

    Raises:
        RecordsFileError: A line is not an article record of this version (file and line
            named), or a file cannot be opened.
    """
    for path in paths:
        yield from _read(Path(path), ArticleExtraction, "an article record")


def read_timeline(path: str | Path) -> Iterator[ConsolidatedEvent]:
    """Stream the consolidated events of a timeline, as ``nigerwatch consolidate`` writes it.

    Args:
        path: The timeline file.

    Yields:
        One consolidated event per line.

    Raises:
        RecordsFileError: A line is not a consolidated event of this version, or the file
            cannot be opened.
    """
    yield from _read(Path(path), ConsolidatedEvent, "a consolidated event")


def _read(path: Path, model: type[_M], what: str) -> Iterator[_M]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise RecordsFileError(f"cannot read {path}: {exc.strerror}", path=str(path)) from exc
    number = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    record = _parse(model, line, path, number, what)
                    if record is None:
                        return
                    yield record
        except UnicodeDecodeError as exc:
            raise RecordsFileError(
                f"{path}: not UTF-8 text after line {number}", path=str(path), line=number + 1
            ) from exc


def _parse(model: type[_M], line: str, path: Path, number: int, what: str) -> _M | None:
    """The record on ``line``; None for a last line torn by a crash (logged)."""
    try:
        return model.model_validate_json(line)
    except ValidationError as exc:
        if not line.endswith("\n"):
            logger.warning("%s:%d: skipped a last line cut off by a crash", path, number)
            return None
        raise RecordsFileError(
            f"{path}:{number}: not {what} of this nigerwatch version "
            f"({_first_problem(exc)}); give the files nigerwatch wrote",
            path=str(path),
            line=number,
        ) from exc


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"]) or "the line"
    return f"{where}: {error['msg']}"

"""Where articles come from in a batch: files, folders, JSON Lines files and stdin, streamed.

Nothing is read before it is needed, so a run over a 20,000-line file holds a few articles in
memory at a time. A line or file that cannot be used becomes an item carrying its error, so it
is reported as that article's failure instead of stopping the run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nigerwatch.core.article import Article, read_article
from nigerwatch.errors import ArticleError


@dataclass(frozen=True)
class BatchItem:
    """One article to extract, not read yet.

    Attributes:
        id: The article id carried into the output (unique within a run).
        text: The article text, when it came inline (JSON Lines).
        path: The file to read, when it came as a file.
        published: Publication date ``YYYY-MM-DD``, if the input gave one.
        error: Why this item cannot be extracted (a malformed input line).
    """

    id: str
    text: str | None = None
    path: Path | None = None
    published: str | None = None
    error: str | None = None


Item = BatchItem | Article | str
"""What a batch accepts: items from :func:`iter_inputs`, articles, or plain texts."""


def iter_inputs(
    sources: Sequence[str | Path], *, stdin: TextIO | None = None
) -> Iterator[BatchItem]:
    """Items from files, folders (``*.txt``, recursively), ``*.jsonl`` files and ``-`` (stdin).

    Ids are file paths relative to the folder given (``sub/a.txt``), file names for files given
    one by one, and the ``id`` field of JSON Lines records.
    """
    for source in sources:
        if str(source) == "-":
            yield from iter_jsonl(stdin or sys.stdin, name="stdin")
            continue
        path = Path(source)
        if path.is_dir():
            yield from iter_folder(path)
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open(encoding="utf-8") as stream:
                    yield from iter_jsonl(stream, name=path.name)
            except OSError as exc:
                yield BatchItem(id=path.name, error=f"cannot read {path}: {exc.strerror or exc}")
        else:
            yield BatchItem(id=path.name, path=path)


def iter_folder(folder: Path) -> Iterator[BatchItem]:
    """The ``*.txt`` files below ``folder``, in a stable order, ids relative to it."""
    for path in sorted(folder.rglob("*.txt")):
        if path.is_file():
            yield BatchItem(id=path.relative_to(folder).as_posix(), path=path)


def iter_jsonl(lines: Iterable[str], *, name: str) -> Iterator[BatchItem]:
    """Records ``{"id": ..., "text": ..., "published": ...}``, one per line.

    A record without ``id`` gets ``<name>:<line number>``; a line that is not such a record
    becomes an item with an error.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BatchItem(id=where, error=f"{where} is not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield BatchItem(id=where, error=f'{where} needs a JSON object with a "text" string')
            continue
        published = record.get("published")
        yield BatchItem(
            id=str(record.get("id") or where),
            text=record["text"],
            published=str(published) if published else None,
        )


def count_inputs(sources: Sequence[str | Path]) -> int | None:
    """How many items :func:`iter_inputs` will yield, or None when stdin makes it unknowable.

    Counting a folder lists it; counting a JSON Lines file reads it once without parsing.
    """
    total = 0
    for source in sources:
        if str(source) == "-":
            return None
        path = Path(source)
        if path.is_dir():
            total += sum(1 for p in path.rglob("*.txt") if p.is_file())
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open(encoding="utf-8", errors="replace") as stream:
                total += sum(1 for line in stream if line.strip())
        else:
            total += 1
    return total


def load_article(item: Item) -> Article:
    """The article an item stands for, read from its file if it has one.

    Raises:
        ArticleError: The item is empty, undecodable, or an input line that is not an article.
        OSError: Its file cannot be read.
    """
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article.from_text(item)
    if item.error is not None:
        raise ArticleError(item.error, article_id=item.id)
    if item.path is not None:
        return read_article(item.path, published=item.published, article_id=item.id)
    return Article.from_text(item.text or "", article_id=item.id, published=item.published)

"""Where articles come from in a batch: files, folders, JSON Lines files and stdin, streamed.

Nothing is read before it is needed, so a run over a 20,000-line file holds a few articles in
memory at a time. A line or file that cannot be used becomes an item carrying its error, so it
is reported as that article's failure instead of stopping the run.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from nigerwatch.core.article import Article, read_article
from nigerwatch.core.meta import clean_meta
from nigerwatch.errors import ArticleError
from nigerwatch.schemas import MetaValue


@dataclass(frozen=True)
class BatchItem:
    """One article to extract, not read yet.

    Attributes:
        id: The article id carried into the output (unique within a run).
        text: The article text, when it came inline (JSON Lines).
        path: The file to read, when it came as a file.
        published: Publication date as the input gave it (``YYYY-MM-DD``, an ISO date-time,
            RFC 822 or GDELT's ``YYYYMMDDHHMMSS``), if it gave one.
        error: Why this item cannot be extracted (a malformed input line).
        meta: The input record's other fields (url, title...), JSON-safe and bounded.
    """

    id: str
    text: str | None = None
    path: Path | None = None
    published: str | None = None
    error: str | None = None
    meta: Mapping[str, MetaValue] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class InputFields:
    """Which fields of a JSON Lines record hold the id, the text and the publication date.

    Every other field is carried to the output as ``article.meta``.
    """

    id: str = "id"
    text: str = "text"
    published: str = "published"


StdinFormat = Literal["auto", "jsonl", "text"]
"""What ``-`` reads: JSON Lines, one plain-text article, or ``auto`` (JSON Lines when the first
non-blank line is a JSON object, else plain text)."""


Item = BatchItem | Article | str
"""What a batch accepts: items from :func:`iter_inputs`, articles, or plain texts."""


def iter_inputs(
    sources: Sequence[str | Path],
    *,
    stdin: TextIO | None = None,
    fields: InputFields | None = None,
    stdin_format: StdinFormat = "auto",
) -> Iterator[BatchItem]:
    """Items from files, folders (``*.txt``, recursively), ``*.jsonl`` files and ``-`` (stdin).

    Ids are file paths relative to the folder given (``sub/a.txt``), file names for files given
    one by one, the id field of JSON Lines records, and ``stdin`` for a plain text piped in.

    Args:
        sources: The files, folders, ``*.jsonl`` files and ``-``.
        stdin: What ``-`` reads (default: ``sys.stdin``).
        fields: The JSON Lines field names (default: ``id``, ``text``, ``published``).
        stdin_format: ``auto`` (the default), ``jsonl`` or ``text``; see :data:`StdinFormat`.
    """
    fields = fields or InputFields()
    for source in sources:
        if str(source) == "-":
            yield from iter_stdin(stdin or sys.stdin, fields=fields, stdin_format=stdin_format)
            continue
        path = Path(source)
        if path.is_dir():
            yield from iter_folder(path)
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open(encoding="utf-8") as stream:
                    yield from iter_jsonl(stream, name=path.name, fields=fields)
            except OSError as exc:
                yield BatchItem(id=path.name, error=f"cannot read {path}: {exc.strerror or exc}")
        else:
            yield BatchItem(id=path.name, path=path)


def iter_folder(folder: Path) -> Iterator[BatchItem]:
    """The ``*.txt`` files below ``folder``, in a stable order, ids relative to it."""
    for path in sorted(folder.rglob("*.txt")):
        if path.is_file():
            yield BatchItem(id=path.relative_to(folder).as_posix(), path=path)


def iter_jsonl(
    lines: Iterable[str], *, name: str, fields: InputFields | None = None
) -> Iterator[BatchItem]:
    """Records ``{"id": ..., "text": ..., "published": ...}``, one per line.

    A record without an id gets ``<name>:<line number>``; a line that is not such a record
    becomes an item with an error. ``fields`` names the fields (see :class:`InputFields`); the
    others become the item's ``meta``.
    """
    fields = fields or InputFields()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BatchItem(id=where, error=f"{where} is not JSON ({exc.msg})")
            continue
        yield record_item(record, where, fields)


def record_item(record: object, where: str, fields: InputFields) -> BatchItem:
    """The item one parsed JSON Lines record stands for (``where``: its file and line)."""
    if not isinstance(record, dict) or not isinstance(record.get(fields.text), str):
        why = f'{where} needs a JSON object with a "{fields.text}" string'
        return BatchItem(id=where, error=why)
    published = record.get(fields.published)
    return BatchItem(
        id=str(record.get(fields.id) or where),
        text=record[fields.text],
        published=str(published) if published else None,
        meta=clean_meta(record, skip=(fields.id, fields.text, fields.published)),
    )


def iter_stdin(
    stream: TextIO, *, fields: InputFields, stdin_format: StdinFormat = "auto"
) -> Iterator[BatchItem]:
    """JSON Lines from ``stream``, or the whole of it as one plain-text article (id ``stdin``).

    With ``auto``, only the first non-blank line is looked at before deciding, so JSON Lines
    still stream.
    """
    if stdin_format == "jsonl":
        yield from iter_jsonl(stream, name="stdin", fields=fields)
        return
    head: list[str] = []
    while line := stream.readline():
        head.append(line)
        if line.strip():
            break
    if stdin_format == "auto" and head and _is_json_object(head[-1]):
        yield from iter_jsonl(itertools.chain(head, stream), name="stdin", fields=fields)
        return
    # Read as read_article reads a file (no byte-order mark), so both give the same sha256.
    text = ("".join(head) + stream.read()).removeprefix("\ufeff")
    yield BatchItem(id="stdin", text=text)


def _is_json_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


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
    return Article.from_text(
        item.text or "", article_id=item.id, published=item.published, meta=item.meta
    )

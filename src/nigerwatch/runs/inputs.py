"""Where articles come from in a batch: files, folders, JSON Lines files and stdin, streamed.

Nothing is read before it is needed, so a run over a 20,000-line file holds a few articles in
memory at a time. A line or file that cannot be used becomes an item carrying its error, so it
is reported as that article's failure instead of stopping the run.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, TextIO

from nigerwatch.core.article import Article, read_article
from nigerwatch.core.meta import clean_meta
from nigerwatch.errors import ArticleError
from nigerwatch.schemas import MetaValue

logger = logging.getLogger(__name__)


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

    Ids are paths relative to the folder given (``sub/a.txt``), file names for files given one
    by one, the id field of JSON Lines records, and ``stdin`` for a plain text piped in. With
    several folders or files, paths are relative to the folder that holds them all
    (``x/a.txt``, ``y/a.txt``), so they never collide. An id met twice (two records with one
    id, a file given twice) is an error for the second item, which gets an id of its own, so
    neither article is skipped unseen.

    Args:
        sources: The files, folders, ``*.jsonl`` files and ``-``.
        stdin: What ``-`` reads (default: ``sys.stdin``).
        fields: The JSON Lines field names (default: ``id``, ``text``, ``published``).
        stdin_format: ``auto`` (the default), ``jsonl`` or ``text``; see :data:`StdinFormat`.
    """
    ids: set[str] = set()
    for item in _items(sources, stdin, fields or InputFields(), stdin_format):
        unique = _duplicate(item, ids) if item.id in ids else item
        ids.add(unique.id)
        yield unique


def _items(
    sources: Sequence[str | Path],
    stdin: TextIO | None,
    fields: InputFields,
    stdin_format: StdinFormat,
) -> Iterator[BatchItem]:
    base = _common_folder(sources)
    for source in sources:
        if str(source) == "-":
            yield from iter_stdin(stdin or sys.stdin, fields=fields, stdin_format=stdin_format)
            continue
        path = Path(source)
        if path.is_dir():
            yield from iter_folder(path, base=base)
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as stream:
                    yield from iter_jsonl(stream, name=path.name, fields=fields)
            except OSError as exc:
                yield BatchItem(id=path.name, error=f"cannot read {path}: {exc.strerror or exc}")
        else:
            yield BatchItem(id=_relative(path, base) if base else path.name, path=path)


def _common_folder(sources: Sequence[str | Path]) -> Path | None:
    """The folder below which every file and folder source lies (None for a single file)."""
    places = [
        os.path.abspath(source if Path(source).is_dir() else Path(source).parent)
        for source in sources
        if str(source) != "-" and Path(source).suffix.lower() != ".jsonl"
    ]
    if not places:
        return None
    try:
        return Path(os.path.commonpath(places))
    except ValueError:  # different drives
        return None


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _duplicate(item: BatchItem, ids: set[str]) -> BatchItem:
    number = 2
    while f"{item.id}#{number}" in ids:
        number += 1
    return BatchItem(
        id=f"{item.id}#{number}",
        error=f"duplicate id {item.id!r}: an earlier input already has it, so this one was not "
        "extracted; give every record a distinct id (or each file a distinct path).",
    )


def iter_folder(folder: Path, *, base: Path | None = None) -> Iterator[BatchItem]:
    """The ``*.txt`` files below ``folder`` (any case), in a stable order, ids relative to it.

    Symbolic links are never followed out of the folder: a ``.txt`` link to a file elsewhere,
    or to nothing, is an item with an error saying so (its content is never read), and links
    to folders are not followed (a loop is reported).

    Args:
        folder: The folder to search.
        base: The folder ids are relative to (default: ``folder``).
    """
    root = folder.resolve()
    for path in _txt_entries(folder, report=True):
        ident = _relative(path, base or folder)
        problem = _link_problem(path, root, folder) if path.is_symlink() else None
        yield BatchItem(id=ident, path=None if problem else path, error=problem)


def _txt_entries(folder: Path, *, report: bool) -> Iterator[Path]:
    """Every ``*.txt`` entry below ``folder``, sorted; links to folders are not followed."""
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        if report:
            logger.warning("%s: cannot list this folder (%s); skipped", folder, exc.strerror)
        return
    for child in children:
        if child.suffix.lower() == ".txt" and (child.is_symlink() or child.is_file()):
            yield child
        elif child.is_symlink():
            if report and child.is_dir():
                logger.warning("%s: %s", child, _folder_link(child, folder))
        elif child.is_dir():
            yield from _txt_entries(child, report=report)


def _folder_link(link: Path, folder: Path) -> str:
    target = link.resolve()
    if link.parent.resolve().is_relative_to(target):
        return "a link to a folder above it (a loop): not followed"
    return f"a link to the folder {target}: not followed (pass that folder itself to read it)"


def _link_problem(link: Path, root: Path, folder: Path) -> str | None:
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return f"{link} is a symbolic link to {os.readlink(link)}, which does not exist"
    except (OSError, RuntimeError):
        return f"{link} is a symbolic link that loops back on itself"
    if not target.is_relative_to(root):
        return (
            f"{link} is a symbolic link to {target}, outside {folder}: not read. Pass that file "
            "itself if it is an article."
        )
    return None if target.is_file() else f"{link} is a link to {target}, which is not a file"


def iter_jsonl(
    lines: Iterable[str | bytes], *, name: str, fields: InputFields | None = None
) -> Iterator[BatchItem]:
    """Records ``{"id": ..., "text": ..., "published": ...}``, one per line.

    A record without an id gets ``<name>:<line number>``; a line that is not such a record
    (not UTF-8, not JSON, no text) becomes an item with an error. ``fields`` names the fields
    (see :class:`InputFields`); the others become the item's ``meta``.
    """
    fields = fields or InputFields()
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield BatchItem(id=where, error=f"{where} is not valid UTF-8 (byte {exc.start + 1})")
            continue
        if not line.strip():
            continue
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
    still stream. The bytes are read when the stream has them, so a line that is not UTF-8
    fails alone.
    """
    source: IO[bytes] | TextIO = getattr(stream, "buffer", stream)
    if stdin_format == "jsonl":
        yield from iter_jsonl(source, name="stdin", fields=fields)
        return
    head: list[str | bytes] = []
    while line := source.readline():
        head.append(line)
        if line.strip():
            break
    first = _text_of(head[-1]) if head else None
    if stdin_format == "auto" and first is not None and _is_json_object(first):
        yield from iter_jsonl(itertools.chain(head, source), name="stdin", fields=fields)
        return
    rest = source.read()
    try:
        text = _joined(head, rest)
    except UnicodeDecodeError as exc:
        yield BatchItem(id="stdin", error=f"stdin is not valid UTF-8 (byte {exc.start + 1})")
        return
    # Read as read_article reads a file (no byte-order mark, universal newlines), so both give
    # the same sha256.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    yield BatchItem(id="stdin", text=text)


def _text_of(line: str | bytes) -> str | None:
    try:
        return line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError:
        return None


def _joined(head: list[str | bytes], rest: str | bytes) -> str:
    if isinstance(rest, bytes):
        return (b"".join(b for b in head if isinstance(b, bytes)) + rest).decode("utf-8")
    return "".join(s for s in head if isinstance(s, str)) + rest


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
            total += sum(1 for _ in _txt_entries(path, report=False))
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as stream:
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

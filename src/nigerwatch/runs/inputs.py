"""Where articles come from in a batch: files, folders, JSON Lines files and stdin, streamed.

Nothing is read before it is needed, so a run over a 20,000-line file holds a few articles in
memory at a time. A line or file that cannot be used becomes an item carrying its error, so it
is reported as that article's failure instead of stopping the run.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nigerwatch.core.article import Article, read_article
from nigerwatch.errors import ArticleError

logger = logging.getLogger(__name__)


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

    Ids are paths relative to the folder given (``sub/a.txt``), file names for files given one
    by one, and the ``id`` field of JSON Lines records. With several folders or files, paths
    are relative to the folder that holds them all (``x/a.txt``, ``y/a.txt``), so they never
    collide. An id met twice (two records with one id, a file given twice) is an error for the
    second item, which gets an id of its own, so neither article is skipped unseen.
    """
    ids: set[str] = set()
    for item in _items(sources, stdin):
        unique = _duplicate(item, ids) if item.id in ids else item
        ids.add(unique.id)
        yield unique


def _items(sources: Sequence[str | Path], stdin: TextIO | None) -> Iterator[BatchItem]:
    base = _common_folder(sources)
    for source in sources:
        if str(source) == "-":
            stream = stdin or sys.stdin
            # Bytes, when there are: a line that is not UTF-8 fails alone.
            yield from iter_jsonl(getattr(stream, "buffer", stream), name="stdin")
            continue
        path = Path(source)
        if path.is_dir():
            yield from iter_folder(path, base=base)
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as stream:
                    yield from iter_jsonl(stream, name=path.name)
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


def iter_jsonl(lines: Iterable[str | bytes], *, name: str) -> Iterator[BatchItem]:
    """Records ``{"id": ..., "text": ..., "published": ...}``, one per line.

    A record without ``id`` gets ``<name>:<line number>``; a line that is not such a record
    (not UTF-8, not JSON, no text) becomes an item with an error.
    """
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield BatchItem(id=where, error=f"{where} is not valid UTF-8 (byte {exc.start + 1})")
            continue
        if line.strip():
            yield _record(line, where)


def _record(line: str, where: str) -> BatchItem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchItem(id=where, error=f"{where} is not JSON ({exc.msg})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return BatchItem(id=where, error=f'{where} needs a JSON object with a "text" string')
    published = record.get("published")
    return BatchItem(
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
    return Article.from_text(item.text or "", article_id=item.id, published=item.published)

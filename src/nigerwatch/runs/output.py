"""JSON Lines outputs that survive crashes, and what a resumed run can skip.

Each record is written as one line with a single ``write`` to the OS as soon as it is ready:
a crash or a kill loses at most the line being written, never the earlier ones, and
:func:`completed_ids` cuts such a torn last line off before a resumed run appends.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from nigerwatch.errors import ConfigurationError
from nigerwatch.runs.outcomes import Outcome

logger = logging.getLogger(__name__)


class JsonlAppender:
    """Appends JSON lines to a file (or writes them to a stream), one system call per line.

    A file that does not end with a newline (its last line was torn by a crash) is cut back to
    its last complete line before anything is appended, so no record is ever glued to a torn
    one.

    Args:
        path: The file to append to (created if missing), or None for ``stream``.
        stream: Where to write when there is no file (default: stdout).
        lazy: Create the file only when the first line is written (no empty failures files).

    Raises:
        ConfigurationError: On :meth:`write`, when the file cannot be written (a full disk):
            the message says how to continue.
    """

    def __init__(
        self, path: Path | None, *, stream: TextIO | None = None, lazy: bool = False
    ) -> None:
        self.path = path
        self._stream = stream or sys.stdout
        self._fd: int | None = None
        if path is not None and not lazy:
            self._open(path)

    def _open(self, path: Path) -> int:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
            _cut_torn_tail(fd)
        except OSError as exc:
            raise _write_error(path, exc) from None
        self._fd = fd
        return fd

    def write(self, line: str) -> None:
        """Write one record (``line`` without its newline)."""
        if self.path is None:
            self._stream.write(line + "\n")
            self._stream.flush()
            return
        fd = self._fd if self._fd is not None else self._open(self.path)
        # A lone surrogate (from a JSON escape in an input id) becomes that JSON escape again.
        view = memoryview((line + "\n").encode("utf-8", "backslashreplace"))
        try:
            while view:
                written = os.write(fd, view)
                view = view[written:]
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def close(self) -> None:
        """Close the file (the stream is left open)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> JsonlAppender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cut_torn_tail(fd: int) -> None:
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    end, step = size, 65536
    while end > 0:  # look back for the last newline, a block at a time
        start = max(0, end - step)
        block = os.pread(fd, end - start, start)
        at = block.rfind(b"\n")
        if at >= 0:
            os.ftruncate(fd, start + at + 1)
            return
        end = start
    os.ftruncate(fd, 0)


def _write_error(path: Path, exc: OSError) -> ConfigurationError:
    return ConfigurationError(
        f"cannot write to {path}: {exc.strerror or exc}. Every line written before is complete: "
        "free some space (or fix the permissions), then run the same command with --resume."
    )


def completed_ids(path: Path) -> set[str]:
    """Ids of the articles already in an output file, repairing a torn last line.

    A line that is not a record (damaged in the middle of the file) is reported and its
    article, if any, counts as not done, so a resumed run extracts it again.

    Returns:
        The ``article.id`` of every complete record (an empty set if the file is missing).
    """
    if not path.exists():
        return set()
    with path.open("r+b") as handle:
        _cut_torn_tail(handle.fileno())  # the last record was cut by a crash: redo it
        data = handle.read()
    ids: set[str] = set()
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            ids.add(str(json.loads(line)["article"]["id"]))
        except (ValueError, KeyError, TypeError):
            logger.warning(
                "%s: line %d is not a complete record; it is left as it is and its article "
                "will be extracted again",
                path,
                number,
            )
    return ids


def reconcile_failures(path: Path, done: set[str]) -> None:
    """Rewrite a failures file to what is still failed: the latest entry of each id not done.

    Entries of articles that later succeeded, and older entries of articles that failed
    again, are dropped. The file is replaced in one step, so a crash leaves the old or the new.
    """
    if not path.exists():
        return
    latest: dict[str, bytes] = {}
    for line in path.read_bytes().splitlines():
        try:
            ident = str(json.loads(line)["id"])
        except (ValueError, KeyError, TypeError):
            continue  # a torn entry: the article is retried or reported again anyway
        latest.pop(ident, None)
        latest[ident] = line
    kept = [line for ident, line in latest.items() if ident not in done]
    temporary = path.with_name(path.name + ".tmp")
    try:
        if not kept:
            path.unlink()
            return
        temporary.write_bytes(b"".join(line + b"\n" for line in kept))
        os.replace(temporary, path)
    except OSError as exc:  # a full disk: the file stays as it was, still correct to resume
        temporary.unlink(missing_ok=True)
        logger.warning("%s: could not be tidied (%s); it may list stale entries", path, exc)


def failure_line(outcome: Outcome) -> str:
    """The failures-file record of a failed outcome: id, error type, reason and usage."""
    return json.dumps(
        {
            "id": outcome.id,
            "error_type": outcome.error_type,
            "error": outcome.error,
            "usage": outcome.usage.model_dump(),
        },
        ensure_ascii=False,
    )

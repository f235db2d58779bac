"""JSON Lines outputs that survive crashes, and what a resumed run can skip.

Each record is written as one line with a single ``write`` to the OS as soon as it is ready:
a crash or a kill loses at most the line being written, never the earlier ones, and
:func:`completed_ids` cuts such a torn last line off before a resumed run appends.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

from nigerwatch.runs.outcomes import Outcome


class JsonlAppender:
    """Appends JSON lines to a file (or writes them to a stream), one system call per line.

    Args:
        path: The file to append to (created if missing), or None for ``stream``.
        stream: Where to write when there is no file (default: stdout).
    """

    def __init__(self, path: Path | None, *, stream: TextIO | None = None) -> None:
        self.path = path
        self._stream = stream or sys.stdout
        self._fd: int | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, line: str) -> None:
        """Write one record (``line`` without its newline)."""
        if self._fd is None:
            self._stream.write(line + "\n")
            self._stream.flush()
            return
        view = memoryview((line + "\n").encode("utf-8"))
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def close(self) -> None:
        """Close the file (the stream is left open)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> JsonlAppender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def completed_ids(path: Path) -> set[str]:
    """Ids of the articles already in an output file, repairing a torn last line.

    Returns:
        The ``article.id`` of every complete record (an empty set if the file is missing).
    """
    if not path.exists():
        return set()
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        # The last record was cut by a crash: drop it so the resumed run writes it again.
        with path.open("r+b") as handle:
            handle.truncate(end)
    ids: set[str] = set()
    for line in data[:end].splitlines():
        if line.strip():
            record = json.loads(line)
            ids.add(str(record["article"]["id"]))
    return ids


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

"""Who may write a run's output files: one run at a time, never over an input, never mixed.

:func:`claimed` takes the output (and the failures file) for the length of a run:

* it refuses a path that is one of the run's inputs (``-o`` given the input's name would wipe it
  with ``--overwrite`` and read the results as articles);
* it locks each path with ``flock`` on ``<path>.lock``, which holds the pid of the run: a second
  run on the same files gets an error naming it, instead of interleaving duplicates or erasing
  results under the first. The lock goes with the process, so a killed run leaves no stale
  lock (the file itself stays, harmless);
* it refuses to add a new run to an output that already holds results, unless the run resumes
  (appends what is missing) or overwrites (empties the files first, once they are locked).

On platforms without ``fcntl`` (Windows) the files are not locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from nigerwatch.errors import ConfigurationError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def claimed(
    paths: Sequence[Path],
    *,
    inputs: Sequence[str | Path] = (),
    resume: bool = False,
    overwrite: bool = False,
) -> Iterator[None]:
    """Hold ``paths`` (the output first, then e.g. its failures file) for the block.

    Args:
        paths: The files the run writes.
        inputs: The run's sources, which no output may be.
        resume: The run appends what the output lacks.
        overwrite: The run starts the files afresh.

    Raises:
        ConfigurationError: An output is an input, another run holds it, or it already holds
            results and neither ``resume`` nor ``overwrite`` was given.
    """
    for path in paths:
        _refuse_input(path, inputs)
    with contextlib.ExitStack() as locks:
        for path in paths:
            locks.enter_context(_locked(path))
        if paths and not resume:
            main = paths[0]
            if main.exists() and main.stat().st_size > 0 and not overwrite:
                raise ConfigurationError(
                    f"{main} already holds results: pass --resume to add only the missing "
                    "ones, or --overwrite to start again."
                )
            for path in paths:
                if path.exists():
                    path.write_bytes(b"")
        yield


def lock_path(path: Path) -> Path:
    """The lock file of an output."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise ConfigurationError(
                f"{path} is being written by another nigerwatch run (pid {holder}): wait for it "
                "to finish or stop it, or write to another file with -o."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _refuse_input(path: Path, inputs: Sequence[str | Path]) -> None:
    for source in inputs:
        if str(source) == "-":
            continue
        given = Path(source)
        if given.is_file() and path.exists() and os.path.samefile(given, path):
            raise ConfigurationError(
                f"{path} is also an input of this run: choose another output file with -o."
            )

"""Progress of a long run, wherever it is watched: a terminal, a notebook, or a log file.

* On a terminal (and in Jupyter with ``ipywidgets``), a live bar drawn by ``rich``: done,
  failed and cached articles, tokens, rate and time left.
* In a notebook without ``ipywidgets``, one line redrawn in place (a carriage return).
* Anywhere else (a log, CI), one plain line every ``interval`` seconds, so a log shows a long
  run moving without a line per article.

A :class:`Progress` is also a progress callback: pass it (or ``progress=True``) to
:func:`~nigerwatch.runs.engine.extract_many`.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from typing import Literal, TextIO

from rich.console import Console
from rich.file_proxy import FileProxy
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress

from nigerwatch.runs.outcomes import Outcome, RunSummary

ProgressCallback = Callable[[Outcome, RunSummary], object]
"""Called with each outcome and the run's counts, as each article ends."""

Mode = Literal["live", "redraw", "log"]


class Progress:
    """Shows a run's progress on ``stream`` (see the module for how, where).

    Args:
        total: Articles expected (None when unknown, e.g. stdin).
        stream: Where to show it (default: stderr).
        interval: Seconds between lines in a log (not on a terminal or in a notebook).
        console: The ``rich`` console to draw with (default: one on ``stream``).
        clock: The clock, in seconds (default: ``time.monotonic``).
    """

    def __init__(
        self,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        interval: float = 30.0,
        console: Console | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.console = console or Console(file=self.stream)
        self.mode: Mode = _mode(self.console)
        self.interval = interval if self.mode == "log" else 0.2
        self._clock = clock
        self._last = clock()
        self._shown = False
        self._summary = RunSummary()
        self._closed = False
        self._bar: RichProgress | None = None
        self.lines: TextIO = self.stream
        """Where to write other lines (failures), so they appear above a live bar."""
        if self.mode == "live":
            self._bar = RichProgress(
                TextColumn("[bold]articles"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeRemainingColumn(),
                console=self.console,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task("run", total=total, counts="")
            self._bar.start()
            self.lines = FileProxy(self.console, self.stream)  # type: ignore[assignment]

    def __call__(self, outcome: Outcome, summary: RunSummary) -> None:
        """The progress callback: show ``summary`` (``outcome`` is the article just ended)."""
        self.update(summary)

    def update(self, summary: RunSummary, *, force: bool = False) -> None:
        """Show the run's counts (throttled, unless ``force``)."""
        self._summary = summary
        if self._bar is not None:
            finished = summary.done + summary.failed
            self._bar.update(self._task, completed=finished, counts=_counts(summary))
            return
        now = self._clock()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self._shown = True
        if self.mode == "redraw":
            self.stream.write("\r" + render(summary, self.total))
        else:
            self.stream.write(render(summary, self.total) + "\n")
        self.stream.flush()

    def close(self, summary: RunSummary | None = None) -> None:
        """Show the final counts and stop drawing (a log gets a last line if it had any)."""
        if self._closed:
            return
        self._closed = True
        summary = summary or self._summary
        if self._bar is not None:
            self.update(summary)
            self._bar.stop()
            self._bar = None
        elif self._shown:
            self.update(summary, force=True)
            if self.mode == "redraw":
                self.stream.write("\n")
                self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render(summary: RunSummary, total: int | None) -> str:
    """The one-line account of ``summary``: counts, rate, tokens and time left."""
    finished = summary.done + summary.failed
    elapsed = max(summary.elapsed, 1e-9)
    rate = finished / elapsed
    head = f"{finished}/{total}" if total is not None else f"{finished}"
    line = f"{head} articles | {_counts(summary)} | {rate:.2f}/s"
    if total is not None and rate > 0 and finished < total:
        line += f" | ETA {_duration((total - finished) / rate)}"
    return line


def _counts(summary: RunSummary) -> str:
    return (
        f"done {summary.done} failed {summary.failed} cached {summary.cached} | "
        f"{summary.tokens:,} tokens"
    )


def _mode(console: Console) -> Mode:
    if console.is_jupyter:
        # rich draws in a notebook through ipywidgets; without it, a line redrawn in place.
        return "live" if importlib.util.find_spec("ipywidgets") is not None else "redraw"
    return "live" if console.is_terminal and not console.is_dumb_terminal else "log"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"

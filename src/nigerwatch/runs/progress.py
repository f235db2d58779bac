"""A one-line progress display for long runs, on stderr, only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from nigerwatch.runs.outcomes import RunSummary


class Progress:
    """Redraws ``done/failed/cached, rate, ETA`` at most a few times a second.

    Args:
        total: Articles expected in this run (None when unknown, e.g. stdin).
        stream: Where to draw (default stderr); nothing is drawn unless it is a terminal.
    """

    def __init__(self, total: int | None, *, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def update(self, summary: RunSummary, *, force: bool = False) -> None:
        """Redraw from the run's counts (throttled to 5 times a second unless ``force``)."""
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < 0.2):
            return
        self._last = now
        self.stream.write("\r\x1b[2K" + render(summary, self.total))
        self.stream.flush()

    def close(self, summary: RunSummary) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self.update(summary, force=True)
            self.stream.write("\n")
            self.stream.flush()


def render(summary: RunSummary, total: int | None) -> str:
    """The progress line for ``summary``."""
    finished = summary.done + summary.failed
    elapsed = max(summary.elapsed, 1e-9)
    rate = finished / elapsed
    head = f"{finished}/{total}" if total is not None else f"{finished}"
    line = (
        f"{head} articles | done {summary.done} failed {summary.failed} "
        f"cached {summary.cached} | {rate:.2f}/s | {summary.tokens:,} tokens"
    )
    if total is not None and rate > 0 and finished < total:
        line += f" | ETA {_duration((total - finished) / rate)}"
    return line


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"

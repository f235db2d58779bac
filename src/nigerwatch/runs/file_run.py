"""One extraction run over files, folders or JSON Lines, as ``nigerwatch extract`` does it.

Results are appended to the output as they complete, failures to a separate file with the
article id and the reason, and ``resume`` skips what the output already holds, so a killed run
that is started again ends with every article exactly once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nigerwatch.llm.extraction import Extractor
from nigerwatch.runs.claim import claimed
from nigerwatch.runs.engine import Batch
from nigerwatch.runs.inputs import BatchItem, InputFields, StdinFormat, count_inputs, iter_inputs
from nigerwatch.runs.outcomes import Outcome, RunSummary
from nigerwatch.runs.output import JsonlAppender, completed_ids, failure_line, reconcile_failures
from nigerwatch.runs.progress import Progress


@dataclass(frozen=True)
class RunOptions:
    """What to extract and where the results go.

    Attributes:
        sources: Files, folders, ``*.jsonl`` files, or ``-`` for JSON Lines on stdin.
        output: The JSON Lines results file (None: stdout).
        failures: The failures file (None: next to ``output`` as ``*.failures.jsonl``, or
            stderr only when writing to stdout).
        resume: Skip the articles ``output`` already holds, and append.
        overwrite: Start ``output`` (and the failures file) afresh when they exist.
        concurrency: Articles in flight at once (None: the extractor's settings decide).
        max_tokens: Token budget of the run (None: no limit).
        published: Publication date for every article (wins over date headers).
        fields: The JSON Lines field names (None: ``id``, ``text``, ``published``).
        stdin_format: What ``-`` reads (``auto``, ``jsonl`` or ``text``).
    """

    sources: Sequence[str]
    output: Path | None = None
    failures: Path | None = None
    resume: bool = False
    overwrite: bool = False
    concurrency: int | None = None
    max_tokens: int | None = None
    published: str | None = None
    fields: InputFields | None = None
    stdin_format: StdinFormat = "auto"

    @property
    def failures_path(self) -> Path | None:
        """Where failures are written, if anywhere but stderr."""
        if self.failures is not None or self.output is None:
            return self.failures
        return self.output.with_name(self.output.stem + ".failures.jsonl")


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the run; every line written is complete. ``summary`` counts the run."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__("interrupted")
        self.summary = summary


def run_extraction(
    extractor: Extractor,
    options: RunOptions,
    *,
    stderr: TextIO | None = None,
    graceful_interrupt: bool = False,
) -> RunSummary:
    """Extract every article of ``options.sources``, writing as results complete.

    The output and failures files are held for the run (see :mod:`nigerwatch.runs.claim`).
    At the end, interrupted or not, the failures file keeps only what is still failed.

    Args:
        extractor: The model configuration.
        options: What to extract and where the results go.
        stderr: Where failures, progress and notices go (default: ``sys.stderr``).
        graceful_interrupt: For a command line: a first Ctrl-C starts no new article and lets
            those in flight finish (their answers are paid for); a second stops at once.
            Only in the main thread, and only when SIGINT has Python's default handler.

    Returns:
        The run's counts: done, failed, cached, skipped, tokens, and why it stopped early
        (``interrupted`` after a first Ctrl-C).

    Raises:
        ConfigurationError: The files are not usable (in use, an input, full disk) or the
            endpoint refused the settings.
        RunInterrupted: Ctrl-C; what was written stays, and ``--resume`` finishes the run.
    """
    err = stderr or sys.stderr
    paths = [path for path in (options.output, options.failures_path) if path is not None]
    with claimed(paths, inputs=options.sources, resume=options.resume, overwrite=options.overwrite):
        done = completed_ids(options.output) if options.resume and options.output else set()
        skipped = _Skipped(done, options.published)
        inputs = iter_inputs(
            options.sources, fields=options.fields, stdin_format=options.stdin_format
        )
        batch = Batch(
            skipped.filter(inputs),
            extractor=extractor,
            concurrency=options.concurrency,
            max_tokens=options.max_tokens,
        )
        total = count_inputs(options.sources)
        progress = Progress(None if total is None else total - len(done), stream=err)
        try:
            with _first_interrupt_halts(batch, err, enabled=graceful_interrupt):
                _write_outcomes(batch, options, progress, done)
        except KeyboardInterrupt:
            batch.summary.interrupted = True
            batch.summary.stopped = batch.summary.stopped or "interrupted"
            raise RunInterrupted(batch.summary) from None
        finally:
            batch.summary.skipped = skipped.count
            if options.failures_path is not None:
                reconcile_failures(options.failures_path, done)
            progress.close(batch.summary)
    return batch.summary


def _write_outcomes(batch: Batch, options: RunOptions, progress: Progress, done: set[str]) -> None:
    failures_path = options.failures_path
    with (
        JsonlAppender(options.output) as out,
        JsonlAppender(failures_path, lazy=True) if failures_path else _no_file() as failures,
    ):
        for outcome in batch:
            record_outcome(outcome, out, failures, progress.lines)
            if outcome.ok:
                done.add(outcome.id)
            progress.update(batch.summary)


@contextlib.contextmanager
def _first_interrupt_halts(batch: Batch, err: TextIO, *, enabled: bool) -> Iterator[None]:
    default = signal.default_int_handler
    if (
        not enabled
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not default
    ):
        yield
        return

    def halt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, default)  # a second Ctrl-C stops at once
        batch.halt("interrupted")
        batch.summary.interrupted = True
        err.write(
            "\nnigerwatch: stopping: no new article is started, those in flight finish "
            "(Ctrl-C again to stop at once)\n"
        )

    signal.signal(signal.SIGINT, halt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, default)


@contextlib.contextmanager
def _no_file() -> Iterator[None]:
    yield None


def record_outcome(
    outcome: Outcome, out: JsonlAppender, failures: JsonlAppender | None, err: TextIO
) -> None:
    """Append a result to ``out``, or a failure to ``failures`` and a line to ``err``."""
    if outcome.result is not None:
        out.write(outcome.result.model_dump_json())
        return
    if failures is not None:
        failures.write(failure_line(outcome))
    err.write(f"nigerwatch: {outcome.id}: {outcome.error}\n")


class _Skipped:
    """Leaves out the items a resumed run already holds, and counts them."""

    def __init__(self, done: set[str], published: str | None) -> None:
        self.done = frozenset(done)
        self.published = published
        self.count = 0

    def filter(self, items: Iterator[BatchItem]) -> Iterator[BatchItem]:
        for item in items:
            if item.id in self.done:
                self.count += 1
                continue
            yield dataclasses.replace(item, published=self.published) if self.published else item


def summary_text(summary: RunSummary, *, prices: tuple[float, float] | None = None) -> str:
    """A readable account of a run, for stderr."""
    text = (
        f"done {summary.done} (cached {summary.cached}), failed {summary.failed}, "
        f"skipped {summary.skipped} | {summary.prompt_tokens:,} prompt + "
        f"{summary.completion_tokens:,} completion tokens | {summary.elapsed:.1f} s"
    )
    if prices is not None:
        text += f" | estimated cost ${summary.cost(*prices):.4f}"
    if summary.stopped and not summary.interrupted:
        text += f"\nstopped early: {summary.stopped}; run again with --resume to continue"
    return text

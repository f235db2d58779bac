"""One extraction run over files, folders or JSON Lines, as ``nigerwatch extract`` does it.

Results are appended to the output as they complete, failures to a separate file with the
article id and the reason, and ``resume`` skips what the output already holds, so a killed run
that is started again ends with every article exactly once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nigerwatch.errors import ConfigurationError
from nigerwatch.llm.extraction import Extractor
from nigerwatch.runs.engine import Batch
from nigerwatch.runs.inputs import BatchItem, InputFields, StdinFormat, count_inputs, iter_inputs
from nigerwatch.runs.outcomes import Outcome, RunSummary
from nigerwatch.runs.output import JsonlAppender, completed_ids, failure_line
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


def run_extraction(
    extractor: Extractor, options: RunOptions, *, stderr: TextIO | None = None
) -> RunSummary:
    """Extract every article of ``options.sources``, writing as results complete.

    Returns:
        The run's counts: done, failed, cached, skipped, tokens, and why it stopped early.
    """
    err = stderr or sys.stderr
    _prepare_files(options)
    done_before = completed_ids(options.output) if options.resume and options.output else set()
    total = count_inputs(options.sources)
    skipped = _Skipped()
    inputs = iter_inputs(options.sources, fields=options.fields, stdin_format=options.stdin_format)
    items = skipped.filter(inputs, done_before, options.published)
    batch = Batch(
        items,
        extractor=extractor,
        concurrency=options.concurrency,
        max_tokens=options.max_tokens,
    )
    failures_path = options.failures_path
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(JsonlAppender(options.output))
        failures = stack.enter_context(JsonlAppender(failures_path)) if failures_path else None
        progress = stack.enter_context(
            Progress(None if total is None else total - len(done_before), stream=err)
        )
        for outcome in batch:
            record_outcome(outcome, out, failures, progress.lines)
            batch.summary.skipped = skipped.count
            progress.update(batch.summary)
        batch.summary.skipped = skipped.count
        progress.close(batch.summary)
    return batch.summary


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


def _prepare_files(options: RunOptions) -> None:
    """Refuse to mix a new run into an old output; truncate it only when asked to."""
    if options.output is None or options.resume:
        return
    if options.output.exists() and options.output.stat().st_size > 0 and not options.overwrite:
        raise ConfigurationError(
            f"{options.output} already holds results: pass --resume to add only the missing "
            "articles, or --overwrite to start again."
        )
    for path in (options.output, options.failures_path):
        if path is not None and path.exists():
            path.write_bytes(b"")


class _Skipped:
    """Counts the items a resumed run leaves out."""

    def __init__(self) -> None:
        self.count = 0

    def filter(
        self, items: Iterator[BatchItem], done: set[str], published: str | None
    ) -> Iterator[BatchItem]:
        for item in items:
            if item.id in done:
                self.count += 1
                continue
            yield dataclasses.replace(item, published=published) if published else item


def summary_text(summary: RunSummary, *, prices: tuple[float, float] | None = None) -> str:
    """A readable account of a run, for stderr."""
    text = (
        f"done {summary.done} (cached {summary.cached}), failed {summary.failed}, "
        f"skipped {summary.skipped} | {summary.prompt_tokens:,} prompt + "
        f"{summary.completion_tokens:,} completion tokens | {summary.elapsed:.1f} s"
    )
    if prices is not None:
        text += f" | estimated cost ${summary.cost(*prices):.4f}"
    if summary.stopped:
        text += f"\nstopped early: {summary.stopped}; run again with --resume to continue"
    return text

"""Batch runs as a notebook drives them: inside a running event loop, with progress shown."""

from __future__ import annotations

import asyncio
import io
import threading

from rich.console import Console
from test_batch import FaultyLLM, article

from nigerwatch.runs.engine import extract_many
from nigerwatch.runs.inputs import BatchItem
from nigerwatch.runs.outcomes import Outcome, RunSummary
from nigerwatch.runs.progress import Progress


def items(count: int) -> list[BatchItem]:
    return [BatchItem(id=f"a{n}", text=article(n)) for n in range(count)]


def test_plain_for_works_inside_a_running_event_loop() -> None:
    llm = FaultyLLM(p500=0.1)

    async def cell() -> tuple[list[Outcome], RunSummary, int]:
        # What a Jupyter cell does: synchronous code while the kernel's loop is running.
        batch = extract_many(items(20), extractor=llm.extractor(), concurrency=4)
        outcomes = list(batch)
        return outcomes, batch.summary, threading.active_count()

    outcomes, summary, threads_during = asyncio.run(cell())
    assert sorted(o.id for o in outcomes) == sorted(f"a{n}" for n in range(20))
    assert all(o.ok for o in outcomes)
    assert (summary.done, summary.failed) == (20, 0)
    assert threads_during >= 1
    assert not [t for t in threading.enumerate() if t.name == "nigerwatch-run"]  # cleaned up


def test_stopping_early_inside_a_loop_closes_the_run() -> None:
    llm = FaultyLLM()

    async def cell() -> int:
        for outcome in extract_many(items(40), extractor=llm.extractor(), concurrency=2):
            assert outcome.ok
            break
        await asyncio.sleep(0)  # the caller's loop is still usable
        return llm.requests

    assert asyncio.run(cell()) < 40
    assert not [t for t in threading.enumerate() if t.name == "nigerwatch-run"]


def test_the_progress_callback_sees_every_outcome_counted() -> None:
    seen: list[tuple[str, int]] = []

    def progress(outcome: Outcome, summary: RunSummary) -> None:
        seen.append((outcome.id, summary.done + summary.failed))

    batch = extract_many(items(12), extractor=FaultyLLM().extractor(), progress=progress)
    ids = [o.id for o in batch]
    assert [s[0] for s in seen] == ids
    counts = [s[1] for s in seen]
    # Workers count an article as it ends, so the counts may run ahead of what was handed over.
    assert counts == sorted(counts)
    assert all(count >= n for n, count in enumerate(counts, start=1))
    assert counts[-1] == 12


def test_progress_true_shows_a_display_sized_from_the_items() -> None:
    stream = io.StringIO()
    batch = extract_many(items(5), extractor=FaultyLLM().extractor(), progress=True)
    display = batch._progress
    assert isinstance(display, Progress)
    assert display.total == 5
    display.stream = display.lines = stream
    display.interval = 0.0  # a log line for every outcome
    list(batch)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("5/5 articles | done 5 failed 0")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_in_a_log_a_line_every_interval_and_a_last_one() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(10, stream=stream, interval=30.0, clock=clock)
    assert progress.mode == "log"
    summary = RunSummary(done=1)
    progress.update(summary)
    clock.now = 29.0
    progress.update(RunSummary(done=2))
    assert stream.getvalue() == ""
    clock.now = 31.0
    progress.update(RunSummary(done=3, failed=1))
    clock.now = 32.0
    progress.close(RunSummary(done=9, failed=1, cached=2))
    progress.close()  # twice is harmless
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("4/10 articles | done 3 failed 1 cached 0")
    assert lines[1].startswith("10/10 articles | done 9 failed 1 cached 2")


def test_a_short_run_in_a_log_prints_nothing() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream) as progress:
        progress.update(RunSummary(done=3))
    assert stream.getvalue() == ""


def test_in_a_notebook_without_widgets_one_line_is_redrawn() -> None:
    stream, clock = io.StringIO(), Clock()
    console = Console(file=stream, force_jupyter=True)
    progress = Progress(4, stream=stream, console=console, clock=clock)
    assert progress.mode == "redraw"  # ipywidgets is not installed here
    for done in range(1, 5):
        clock.now += 1.0
        progress.update(RunSummary(done=done))
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 5
    assert text.endswith("\n")
    assert "\n" not in text[:-1]
    assert text.rsplit("\r", 1)[1].startswith("4/4 articles | done 4")


def test_on_a_terminal_a_live_bar_with_failures_above_it() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=120)
    progress = Progress(3, stream=stream, console=console)
    assert progress.mode == "live"
    progress.update(RunSummary(done=1))
    progress.lines.write("nigerwatch: a2: the answer was cut off\n")
    progress.close(RunSummary(done=2, failed=1))
    text = stream.getvalue()
    assert "nigerwatch: a2: the answer was cut off" in text
    assert "3/3" in text
    assert "done 2 failed 1 cached 0" in text

"""Ctrl-C in the middle of a run: a clean stop, consistent output, state restored, resumable.

The interrupt is raised by the hand-built endpoint itself while requests are in flight, which
is where a real Ctrl-C lands (inside the event loop).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import signal
from collections import Counter
from pathlib import Path

import httpx2
import pytest

from conftest import fake_completion, grounded_answer, mock_async_client
from nigerwatch import Extractor, cli
from nigerwatch.cli import _common
from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.settings import resolve
from nigerwatch.runs.engine import extract_many
from nigerwatch.runs.outcomes import Outcome


class InterruptingLLM:
    """Answers each article with a grounded draft; interrupts at request ``at``.

    By default it raises KeyboardInterrupt there (a Ctrl-C that stops at once); with
    ``signal=True`` it sends the process a real SIGINT and still answers.
    """

    def __init__(self, at: int | None, *, signal: bool = False) -> None:
        self.at = at
        self.signal = signal
        self.requests = 0

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests += 1
        if self.requests == self.at:
            if not self.signal:
                raise KeyboardInterrupt
            os.kill(os.getpid(), signal.SIGINT)
        user_message = json.loads(request.content)["messages"][1]["content"]
        return httpx2.Response(200, json=fake_completion(grounded_answer(user_message)))

    def extractor(self, **_: object) -> Extractor:
        client = mock_async_client(self._handle, "interrupting-llm")
        settings = resolve(
            base_url=str(client.base_url), model="fake-model", mode="json_schema", env={}
        )
        # Interrupts are counted in requests: one per article (the single-call pass).
        return Extractor.from_settings(
            dataclasses.replace(settings, passes="single", context_tokens=8192),
            async_client=client,
            retry=RetryPolicy(0),
        )


def article(number: int) -> str:
    return f"Article {number}: ECOWAS imposed sanctions on Niger on Monday."


def extract_command(tmp_path: Path, articles: int) -> tuple[list[str], Path]:
    """A CLI extraction of a folder of ``articles`` files, and its output file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(articles):
        (folder / f"{n:02d}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "events.jsonl"
    return ["extract", str(folder), "-o", str(out), "--concurrency", "4", "--no-cache"], out


def test_the_library_stops_cleanly_and_unfreezes_the_gc() -> None:
    llm = InterruptingLLM(at=7)
    seen: list[Outcome] = []
    batch = extract_many([article(n) for n in range(30)], extractor=llm.extractor(), concurrency=4)
    with pytest.raises(KeyboardInterrupt):
        seen.extend(batch)
    assert gc.get_freeze_count() == 0
    assert 0 < len(seen) < 30
    assert all(o.ok for o in seen)


def test_the_cli_exits_130_with_complete_lines_and_resume_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    command, out = extract_command(tmp_path, 30)
    monkeypatch.setattr(_common, "Extractor", InterruptingLLM(at=10).extractor)

    assert cli.main(command) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert "interrupted" in err
    assert "--resume" in err
    assert "Traceback" not in err
    first = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(first) < 30
    assert gc.get_freeze_count() == 0

    monkeypatch.setattr(_common, "Extractor", InterruptingLLM(at=None).extractor)
    assert cli.main([*command, "--resume"]) == cli.EXIT_OK
    ids = Counter(json.loads(line)["article"]["id"] for line in out.read_text().splitlines())
    assert set(ids) == {f"{n:02d}.txt" for n in range(30)}
    assert max(ids.values()) == 1


def test_a_first_ctrl_c_lets_the_articles_in_flight_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    command, out = extract_command(tmp_path, 40)
    llm = InterruptingLLM(at=10, signal=True)
    monkeypatch.setattr(_common, "Extractor", llm.extractor)
    # Python's own handler, as in a terminal: a process started in the background by a
    # non-interactive shell (`sh -c '... &'`) inherits SIGINT ignored, and the signal is lost.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert cli.main(command) == cli.EXIT_INTERRUPTED
    finally:
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
        signal.signal(signal.SIGINT, inherited)
    written = out.read_text(encoding="utf-8").splitlines()
    assert len(written) == llm.requests < 40  # every answer received was written
    assert "--resume" in capsys.readouterr().err

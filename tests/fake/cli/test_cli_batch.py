"""``nigerwatch batch`` reruns follow the rules of ``extract`` (hand-built fake endpoint)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import FakeLLM, draft_json
from nigerwatch import cli
from nigerwatch.cli import _common
from nigerwatch.cli import batch as batch_cli
from nigerwatch.runs.batch_send import run_requests


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(10):
        text = f"Article {n}: ECOWAS imposed sanctions on Niger on Monday."
        (articles / f"{n}.txt").write_text(text, encoding="utf-8")
    return articles


@pytest.fixture
def fake(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    monkeypatch.setattr(_common, "Extractor", lambda **_: fake_llm.extractor(retries=0))

    def with_fake_client(*args: Any, **kwargs: Any) -> Any:
        return run_requests(*args, client=fake_llm.async_client(), **kwargs)

    monkeypatch.setattr(batch_cli, "run_requests", with_fake_client)
    return fake_llm


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_prepare_twice_is_refused_and_resume_adds_nothing_twice(
    folder: Path, tmp_path: Path, fake: FakeLLM
) -> None:
    requests = tmp_path / "requests.jsonl"
    assert cli.main(["batch", "prepare", str(folder), "-o", str(requests)]) == cli.EXIT_OK
    assert cli.main(["batch", "prepare", str(folder), "-o", str(requests)]) == cli.EXIT_CONFIG
    (folder / "new.txt").write_text("The junta closed the border.", encoding="utf-8")
    command = ["batch", "prepare", str(folder), "-o", str(requests), "--resume"]
    assert cli.main(command) == cli.EXIT_OK
    ids = [line["custom_id"] for line in lines(requests)]
    assert sorted(ids) == sorted([f"{n}.txt#all@0" for n in range(10)] + ["new.txt#all@0"])


def test_run_resume_and_ingest_keep_every_answer(
    folder: Path, tmp_path: Path, fake: FakeLLM, capsys: pytest.CaptureFixture[str]
) -> None:
    requests, outputs = tmp_path / "requests.jsonl", tmp_path / "outputs.jsonl"
    assert cli.main(["batch", "prepare", str(folder), "-o", str(requests)]) == cli.EXIT_OK
    for n in range(10):  # the first run: 4 of 10 fail
        fake.fail(503) if n % 3 == 0 else fake.answer(draft_json())
    run = ["batch", "run", str(requests), "-o", str(outputs), "--concurrency", "1"]
    assert cli.main(run) == cli.EXIT_SOME_FAILED
    assert cli.main(run) == cli.EXIT_CONFIG  # not mixed in without --resume
    assert "--resume" in capsys.readouterr().err
    for _ in range(4):
        fake.answer(draft_json())
    assert cli.main([*run, "--resume"]) == cli.EXIT_OK
    assert len(fake.requests) == 14  # only the 4 without an answer were sent again
    events = tmp_path / "events.jsonl"
    ingest = ["batch", "ingest", str(outputs), str(folder), "-o", str(events)]
    assert cli.main(ingest) == cli.EXIT_OK
    assert sorted(line["article"]["id"] for line in lines(events)) == sorted(
        f"{n}.txt" for n in range(10)
    )
    assert not (tmp_path / "events.failures.jsonl").exists()


def test_a_refused_key_stops_batch_run(
    folder: Path, tmp_path: Path, fake: FakeLLM, capsys: pytest.CaptureFixture[str]
) -> None:
    requests, outputs = tmp_path / "requests.jsonl", tmp_path / "outputs.jsonl"
    assert cli.main(["batch", "prepare", str(folder), "-o", str(requests)]) == cli.EXIT_OK
    fake.fail(401)
    run = ["batch", "run", str(requests), "-o", str(outputs), "--concurrency", "1"]
    assert cli.main(run) == cli.EXIT_CONFIG
    assert "401" in capsys.readouterr().err
    assert len(fake.requests) == 1


def test_ctrl_c_in_batch_run_exits_130_with_complete_lines(
    folder: Path, tmp_path: Path, fake: FakeLLM, capsys: pytest.CaptureFixture[str]
) -> None:
    requests, outputs = tmp_path / "requests.jsonl", tmp_path / "outputs.jsonl"
    assert cli.main(["batch", "prepare", str(folder), "-o", str(requests)]) == cli.EXIT_OK

    def interrupt(request: object) -> object:
        raise KeyboardInterrupt

    fake.answer(draft_json()).answer(draft_json())
    fake.replies.append(interrupt)  # type: ignore[arg-type]
    run = ["batch", "run", str(requests), "-o", str(outputs), "--concurrency", "1"]
    assert cli.main(run) == cli.EXIT_INTERRUPTED
    assert "--resume" in capsys.readouterr().err
    assert len(lines(outputs)) == 2
    for _ in range(8):
        fake.answer(draft_json())
    assert cli.main([*run, "--resume"]) == cli.EXIT_OK
    assert len(lines(outputs)) == 10

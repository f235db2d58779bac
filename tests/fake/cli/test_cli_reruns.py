"""Reruns, concurrent runs and bad options on the command line (hand-built fake endpoint)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SEED, FakeLLM, coup_draft, draft_json
from nigerwatch import cli
from nigerwatch.cli import _common
from nigerwatch.runs.claim import claimed


@pytest.fixture
def fake(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    monkeypatch.setattr(_common, "Extractor", lambda **_: fake_llm.extractor(retries=0))
    return fake_llm


@pytest.fixture
def two(tmp_path: Path) -> Path:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.txt").write_text("The junta closed the border with Benin.", encoding="utf-8")
    (folder / "b.txt").write_text("ECOWAS imposed sanctions on Niger.", encoding="utf-8")
    return folder


def test_a_second_run_on_a_held_output_is_refused(
    two: Path,
    tmp_path: Path,
    fake: FakeLLM,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text('{"article": {"id": "a.txt"}}\n', encoding="utf-8")
    with claimed([out], resume=True):  # another run is writing it
        code = cli.main(["extract", str(two), "-o", str(out), "--overwrite"])
    assert code == cli.EXIT_CONFIG
    assert f"pid {os.getpid()}" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"article": {"id": "a.txt"}}\n'  # not erased


def test_a_clean_run_leaves_no_failures_file(two: Path, tmp_path: Path, fake: FakeLLM) -> None:
    fake.answer(draft_json()).answer(draft_json())
    out = tmp_path / "events.jsonl"
    assert cli.main(["extract", str(two), "-o", str(out), "--concurrency", "1"]) == cli.EXIT_OK
    assert not (tmp_path / "events.failures.jsonl").exists()


def test_resume_reconciles_the_failures_file(two: Path, tmp_path: Path, fake: FakeLLM) -> None:
    out, failures = tmp_path / "events.jsonl", tmp_path / "events.failures.jsonl"
    fake.answer(draft_json()).fail(503)
    command = ["extract", str(two), "-o", str(out), "--concurrency", "1"]
    assert cli.main(command) == cli.EXIT_SOME_FAILED
    assert [json.loads(line)["id"] for line in failures.read_text().splitlines()] == ["b.txt"]
    with failures.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "b.txt", "err')  # a kill tore the last failure line
    fake.answer(draft_json())
    assert cli.main([*command, "--resume"]) == cli.EXIT_OK
    assert not failures.exists()  # b.txt succeeded: nothing is failed any more
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_resume_redoes_a_damaged_line_in_the_middle(
    two: Path, tmp_path: Path, fake: FakeLLM
) -> None:
    out = tmp_path / "events.jsonl"
    fake.answer(draft_json()).answer(draft_json())
    assert cli.main(["extract", str(two), "-o", str(out), "--concurrency", "1"]) == cli.EXIT_OK
    first, second = out.read_text(encoding="utf-8").splitlines()
    out.write_text(first[:40] + "\n" + second + "\n", encoding="utf-8")
    fake.answer(draft_json())
    assert cli.main(["extract", str(two), "-o", str(out), "--resume"]) == cli.EXIT_OK
    ids = [json.loads(line)["article"]["id"] for line in out.read_text().splitlines()[1:]]
    assert sorted(ids) == ["a.txt", "b.txt"]


def test_an_output_named_like_the_input_is_refused(
    tmp_path: Path,
    fake: FakeLLM,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text('{"id": "a", "text": "The junta closed the border."}\n', encoding="utf-8")
    code = cli.main(["extract", str(source), "-o", str(source), "--overwrite"])
    assert code == cli.EXIT_CONFIG
    assert "also an input" in capsys.readouterr().err
    assert "junta" in source.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "option",
    [
        ["--concurrency", "0"],
        ["--concurrency", "-3"],
        ["--max-tokens", "0"],
        ["--max-tokens", "-100"],
        ["--published", "2023-13-45"],
    ],
)
def test_bad_options_are_one_usage_error(
    option: list[str],
    fake: FakeLLM,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["extract", str(SEED), *option])
    assert caught.value.code == cli.EXIT_CONFIG
    assert option[0] in capsys.readouterr().err
    assert fake.requests == []


def test_verbose_works_after_the_command(fake: FakeLLM, caplog: pytest.LogCaptureFixture) -> None:
    fake.answer(draft_json(coups=[coup_draft()]))
    assert cli.main(["extract", str(SEED), "-v"]) == cli.EXIT_OK
    assert "1 coups" in caplog.text

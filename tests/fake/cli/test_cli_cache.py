"""The command line with a damaged or unusable answer cache: every command still works."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from conftest import SEED, FakeLLM, draft_json
from nigerwatch import cli
from nigerwatch.cli import _common


@pytest.fixture
def cache_dir() -> Path:
    return Path(os.environ["NIGERWATCH_CACHE_DIR"])


def use_fake_with_cache(monkeypatch: pytest.MonkeyPatch, fake: FakeLLM) -> None:
    monkeypatch.setattr(
        _common, "Extractor", lambda **kw: fake.extractor(retries=0, cache=kw["cache"])
    )


def test_a_corrupt_cache_is_set_aside_and_every_command_works(
    cache_dir: Path,
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / "answers.sqlite").write_bytes(b"\x00garbage, not SQLite" * 500)
    assert cli.main(["cache", "info"]) == cli.EXIT_OK
    use_fake_with_cache(monkeypatch, fake_llm)
    fake_llm.answer(draft_json())
    out = tmp_path / "events.jsonl"
    assert cli.main(["extract", str(SEED), "-o", str(out)]) == cli.EXIT_OK
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert str(cache_dir / "answers.sqlite") in warnings[0]
    capsys.readouterr()
    assert cli.main(["cache", "info"]) == cli.EXIT_OK
    assert "1 answers" in capsys.readouterr().out  # the fresh cache holds the new answer
    assert cli.main(["cache", "clear"]) == cli.EXIT_OK
    assert not list(cache_dir.glob("*.corrupt-*"))


def test_an_unusable_cache_folder_costs_only_the_cache(
    cache_dir: Path,
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.write_text("a file where the cache folder should be", encoding="utf-8")
    use_fake_with_cache(monkeypatch, fake_llm)
    fake_llm.answer(draft_json())
    assert cli.main(["extract", str(SEED), "-o", str(tmp_path / "events.jsonl")]) == cli.EXIT_OK
    assert cli.main(["cache", "info"]) == cli.EXIT_OK
    assert "not usable" in capsys.readouterr().out
    assert cli.main(["cache", "clear"]) == cli.EXIT_CONFIG
    assert "cannot clear" in capsys.readouterr().err

"""Bad input lines and colliding ids on the command line: every article accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FakeLLM, draft_json
from nigerwatch import cli
from nigerwatch.cli import _common


@pytest.fixture
def fake(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    monkeypatch.setattr(_common, "Extractor", lambda **_: fake_llm.extractor(retries=0))
    return fake_llm


def jsonl(ident: str, text: str) -> bytes:
    return json.dumps({"id": ident, "text": text}).encode() + b"\n"


def ids(path: Path, key: str) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        json.loads(line)[key] if key == "id" else json.loads(line)["article"]["id"]
        for line in lines
    ]


def test_one_bad_utf8_line_fails_alone(tmp_path: Path, fake: FakeLLM) -> None:
    source = tmp_path / "in.jsonl"
    lines = [jsonl(f"a{n}", f"Article {n}: the junta closed the border.") for n in range(20)]
    lines[2] = b'{"id": "a2", "text": "Coup d\'\xc9tat \xe0 Niamey"}\n'  # Latin-1 bytes
    source.write_bytes(b"".join(lines))
    for _ in range(19):
        fake.answer(draft_json())
    out = tmp_path / "events.jsonl"
    command = ["extract", str(source), "-o", str(out), "--concurrency", "1"]
    assert cli.main(command) == cli.EXIT_SOME_FAILED
    assert len(ids(out, "article")) == 19
    assert ids(tmp_path / "events.failures.jsonl", "id") == ["in.jsonl:3"]


def test_a_lone_surrogate_is_a_clear_failure(tmp_path: Path, fake: FakeLLM) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "s", "text": "Niger \\ud83d and more words"}\n', encoding="utf-8")
    out = tmp_path / "events.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out)]) == cli.EXIT_SOME_FAILED
    lines = (tmp_path / "events.failures.jsonl").read_text(encoding="utf-8").splitlines()
    (failure,) = [json.loads(line) for line in lines]
    assert failure["error_type"] == "UndecodableArticleError"
    assert "internal error" not in failure["error"]


def test_duplicate_ids_lose_no_article_even_on_resume(tmp_path: Path, fake: FakeLLM) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl("a", "The junta closed the border.") + jsonl("a", "ECOWAS met."))
    fake.answer(draft_json())
    out = tmp_path / "events.jsonl"
    command = ["extract", str(source), "-o", str(out)]
    assert cli.main(command) == cli.EXIT_SOME_FAILED
    assert ids(out, "article") == ["a"]
    (failure,) = ids(tmp_path / "events.failures.jsonl", "id")
    assert failure != "a"
    assert cli.main([*command, "--resume"]) == cli.EXIT_SOME_FAILED  # not skipped for good


def test_two_folders_with_one_file_name_both_count(tmp_path: Path, fake: FakeLLM) -> None:
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(f"The junta in {name} closed.", encoding="utf-8")
    fake.answer(draft_json()).answer(draft_json())
    out = tmp_path / "events.jsonl"
    folders = [str(tmp_path / "x"), str(tmp_path / "y")]
    assert cli.main(["extract", *folders, "-o", str(out), "--concurrency", "1"]) == cli.EXIT_OK
    assert sorted(ids(out, "article")) == ["x/a.txt", "y/a.txt"]
    assert cli.main(["extract", *folders, "-o", str(out), "--resume"]) == cli.EXIT_OK

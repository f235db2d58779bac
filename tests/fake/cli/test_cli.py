"""The command line against the hand-built fake endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED, FakeLLM, coup_draft, draft_json
from nigerwatch import ArticleExtraction, cli
from nigerwatch.cli import _common


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "c_latin1.txt").write_bytes("Coup d'État à Niamey".encode("latin-1"))
    (folder / "d_second.txt").write_text("The junta closed Niger's airspace.", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def use_fake(monkeypatch: pytest.MonkeyPatch, fake: FakeLLM) -> None:
    monkeypatch.setattr(_common, "Extractor", lambda **_: fake.extractor(retries=0))


def test_bad_files_are_reported_and_the_others_processed(
    articles: Path,
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_llm.answer(draft_json(coups=[coup_draft()])).answer(draft_json())
    use_fake(monkeypatch, fake_llm)
    out = tmp_path / "events.jsonl"

    code = cli.main(["extract", str(articles), "-o", str(out), "--concurrency", "1"])

    assert code == cli.EXIT_SOME_FAILED
    lines = out.read_text(encoding="utf-8").splitlines()
    results = [ArticleExtraction.model_validate_json(line) for line in lines]
    assert [r.article.id for r in results] == ["a_seed.txt", "d_second.txt"]
    assert results[0].coups[0].country == "NER"
    err = capsys.readouterr().err
    assert "b_empty.txt" in err
    assert "c_latin1.txt" in err
    assert "iconv" in err
    lines = (tmp_path / "events.failures.jsonl").read_text(encoding="utf-8").splitlines()
    failures = [json.loads(line) for line in lines]
    assert [(f["id"], f["error_type"]) for f in failures] == [
        ("b_empty.txt", "EmptyArticleError"),
        ("c_latin1.txt", "UndecodableArticleError"),
    ]


def test_all_good_exits_zero_and_writes_stdout(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_llm.answer(draft_json())
    use_fake(monkeypatch, fake_llm)
    assert cli.main(["extract", str(SEED)]) == cli.EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["article"]["published"] == "2023-11-06"


def test_service_failure_costs_only_that_article(
    articles: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_llm.fail(503).answer(draft_json())
    use_fake(monkeypatch, fake_llm)
    assert cli.main(["extract", str(articles), "--concurrency", "1"]) == cli.EXIT_SOME_FAILED
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "HTTP 503" in captured.err


def test_nothing_configured_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["extract", str(SEED)]) == cli.EXIT_CONFIG
    assert "nigerwatch model pull" in capsys.readouterr().err


def test_no_article_files(
    tmp_path: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake(monkeypatch, fake_llm)
    assert cli.main(["extract", str(tmp_path)]) == cli.EXIT_CONFIG


def test_schema_command_prints_the_output_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema"]) == cli.EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ArticleExtraction"


def test_model_path_is_in_the_cache(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["model", "path"]) == cli.EXIT_OK
    assert capsys.readouterr().out.strip().endswith("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")


def test_existing_output_needs_resume_or_overwrite(
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text('{"article": {"id": "x"}}\n', encoding="utf-8")
    use_fake(monkeypatch, fake_llm)
    assert cli.main(["extract", str(SEED), "-o", str(out)]) == cli.EXIT_CONFIG
    assert "--resume" in capsys.readouterr().err
    fake_llm.answer(draft_json())
    assert cli.main(["extract", str(SEED), "-o", str(out), "--overwrite"]) == cli.EXIT_OK
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["article"]["id"] == SEED.name


def test_resume_skips_what_is_done(
    articles: Path,
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_fake(monkeypatch, fake_llm)
    out = tmp_path / "events.jsonl"
    fake_llm.answer(draft_json()).answer(draft_json())
    cli.main(["extract", str(articles), "-o", str(out), "--concurrency", "1"])
    capsys.readouterr()
    # Nothing left to ask the model: the two good articles are done, the two bad fail again.
    assert cli.main(["extract", str(articles), "-o", str(out), "--resume"]) == cli.EXIT_SOME_FAILED
    assert "skipped 2" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_token_budget_exit_code(
    articles: Path,
    tmp_path: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_fake(monkeypatch, fake_llm)
    fake_llm.answer(draft_json(), prompt_tokens=900, completion_tokens=200)
    out = tmp_path / "events.jsonl"
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("The junta closed the border.", encoding="utf-8")
    code = cli.main(
        ["extract", str(folder), "-o", str(out), "--concurrency", "1", "--max-tokens", "500"]
    )
    assert code == cli.EXIT_STOPPED
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1

"""``nigerwatch extract`` on what real corpora bring, against the hand-built fake endpoint."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from conftest import SEED, FakeLLM, coup_draft, draft_json
from nigerwatch import ArticleExtraction, cli
from nigerwatch.cli import _common


def use_fake(monkeypatch: pytest.MonkeyPatch, fake: FakeLLM) -> None:
    monkeypatch.setattr(_common, "Extractor", lambda **_: fake.extractor(retries=0))


def test_scraper_json_lines_with_datetimes_carry_their_url_to_the_output(
    tmp_path: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = SEED.read_text(encoding="utf-8").split(" ", 3)[3]  # the seed without its date header
    lines = [
        {
            "doc": "a1",
            "url": "https://example.org/niger-coup",
            "title": "Niger: ECOWAS sanctions",
            "crawled": "2023-11-06T08:30:00Z",
            "content": body,
        },
        {"doc": "a2", "url": "https://example.org/2", "crawled": "20231107120000", "content": "x."},
    ]
    source = tmp_path / "scraped.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    fake_llm.answer(draft_json(coups=[coup_draft()])).answer(draft_json())
    use_fake(monkeypatch, fake_llm)
    out = tmp_path / "events.jsonl"
    fields = ["--id-field", "doc", "--text-field", "content", "--date-field", "crawled"]

    code = cli.main(["extract", str(source), "-o", str(out), "--concurrency", "1", *fields])

    assert code == cli.EXIT_OK
    results = [ArticleExtraction.model_validate_json(line) for line in out.read_text().splitlines()]
    assert [r.article.id for r in results] == ["a1", "a2"]
    assert results[0].article.meta == {
        "url": "https://example.org/niger-coup",
        "title": "Niger: ECOWAS sanctions",
    }
    assert [str(r.article.published) for r in results] == ["2023-11-06", "2023-11-07"]
    (coup,) = results[0].coups
    assert coup.date is not None
    assert (coup.date.value, coup.date.relative) == ("2023-10", True)  # "last month"


def test_piped_plain_text_extracts(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_llm.answer(draft_json(coups=[coup_draft()]))
    use_fake(monkeypatch, fake_llm)
    monkeypatch.setattr("sys.stdin", io.StringIO(SEED.read_text(encoding="utf-8")))

    assert cli.main(["extract", "-"]) == cli.EXIT_OK

    result = ArticleExtraction.model_validate_json(capsys.readouterr().out)
    assert result.article.id == "stdin"
    assert result.article.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert [c.country for c in result.coups] == ["NER"]
    # The user message the model got is the seed's body: the text was not read as JSON Lines.
    assert "overthrown in a coup" in json.dumps(fake_llm.requests[0]["messages"])

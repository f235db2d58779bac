"""Batch runs against a hand-built faulty endpoint: nothing lost, nothing twice, nothing wasted.

``FaultyLLM`` answers every article with a grounded draft built from the article itself, and
injects transport faults and malformed answers at seeded rates. Nothing here is a recording.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest

from conftest import FAKE_KEY, fake_completion, grounded_answer, mock_async_client
from nigerwatch import Extractor
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.settings import resolve
from nigerwatch.runs.engine import extract_many
from nigerwatch.runs.file_run import RunOptions, run_extraction
from nigerwatch.runs.inputs import BatchItem, iter_inputs, iter_jsonl
from nigerwatch.runs.output import completed_ids


def article(number: int) -> str:
    return (
        f" date 2023-08{number % 28 + 1:02d}\nArticle {number}: ECOWAS imposed sanctions on Niger."
    )


class FaultyLLM:
    """A hand-built async endpoint with seeded fault rates; counts calls per article."""

    def __init__(self, seed: int = 7, **rates: float) -> None:
        self.rng = random.Random(seed)
        self.rates = rates  # p429, p500, ptimeout, pmalformed, pdrop
        self.answered: Counter[str] = Counter()
        self.requests = 0

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests += 1
        body = json.loads(request.content)["messages"][1]["content"]
        draw, edge = self.rng.random(), 0.0
        for fault in ("p429", "p500", "ptimeout", "pmalformed", "pdrop"):
            edge += self.rates.get(fault, 0.0)
            if draw < edge:
                break
        else:
            fault = "ok"
        if fault == "p429":
            return httpx2.Response(429, headers={"retry-after-ms": "0"}, json={"error": {}})
        if fault == "p500":
            return httpx2.Response(500, json={"error": {"message": "hand-built"}})
        if fault == "ptimeout":
            raise httpx2.ReadTimeout("hand-built timeout", request=request)
        if fault == "pdrop":
            raise httpx2.RemoteProtocolError("hand-built dropped connection", request=request)
        self.answered[body] += 1
        content = grounded_answer(body)
        if fault == "pmalformed":
            content = content[: len(content) // 2]
        return httpx2.Response(200, json=fake_completion(content))

    def extractor(self, *, cache: AnswerCache | None = None) -> Extractor:
        client = mock_async_client(self._handle, "faulty-llm")
        settings = resolve(
            base_url=str(client.base_url), model="fake-model", mode="json_schema", env={}
        )
        # The fault mix is counted per article: one request each (the single-call pass).
        return Extractor.from_settings(
            dataclasses.replace(settings, passes="single", context_tokens=8192),
            async_client=client,
            retry=RetryPolicy(retries=6, base=0.0),
            cache=False if cache is None else cache,
        )


def test_faults_lose_nothing_and_duplicate_nothing() -> None:
    llm = FaultyLLM(p429=0.10, p500=0.05, ptimeout=0.02, pmalformed=0.05, pdrop=0.02)
    items = [BatchItem(id=f"a{n}", text=article(n)) for n in range(200)]
    batch = extract_many(items, extractor=llm.extractor(), concurrency=16)
    outcomes = list(batch)

    ids = Counter(o.id for o in outcomes)
    assert set(ids) == {item.id for item in items}  # none lost
    assert max(ids.values()) == 1  # none twice
    for outcome in outcomes:
        assert outcome.ok or outcome.error
        if outcome.ok:
            assert outcome.result is not None
            assert outcome.result.sanctions[0].target_country == "NER"
    assert batch.summary.done + batch.summary.failed == 200
    assert batch.summary.done >= 195  # only a malformed answer after its re-ask can fail
    retries = sum(o.usage.transport_retries for o in outcomes)
    assert retries > 20  # the faults happened and were retried
    assert sum(o.usage.rejected_answers for o in outcomes) > 0


def test_results_stream_while_input_is_consumed_lazily() -> None:
    llm = FaultyLLM()
    pulled: list[int] = []

    def items() -> Any:
        for n in range(50):
            pulled.append(n)
            yield article(n)

    batch = extract_many(items(), extractor=llm.extractor(), concurrency=4)
    first = next(iter(batch))
    assert first.ok
    assert len(pulled) < 50  # the first result came before the whole input was read


def test_second_identical_run_makes_no_model_call(tmp_path: Path) -> None:
    llm = FaultyLLM()
    extractor = llm.extractor(cache=AnswerCache(tmp_path / "answers.sqlite"))
    texts = [article(n) for n in range(20)]
    first = list(extract_many(texts, extractor=extractor, concurrency=4))
    calls = llm.requests
    second_batch = extract_many(texts, extractor=extractor, concurrency=4)
    second = list(second_batch)

    assert llm.requests == calls  # zero model calls
    assert all(o.cached for o in second)
    assert second_batch.summary.cached == 20
    assert second_batch.summary.tokens == 0
    assert {o.id for o in first} == {o.id for o in second}


def test_budget_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(30):
        (folder / f"{n:03d}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    llm = FaultyLLM()
    extractor = llm.extractor()

    first = run_extraction(
        extractor, RunOptions(sources=[str(folder)], output=out, concurrency=2, max_tokens=1000)
    )
    assert first.stopped is not None
    written = completed_ids(out)
    assert 0 < len(written) < 30

    # A kill while writing leaves a torn last line: the resumed run cuts it off and redoes it.
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"schema_version": "1", "article": {"id": "0')
    calls_before = llm.requests
    second = run_extraction(
        extractor, RunOptions(sources=[str(folder)], output=out, concurrency=4, resume=True)
    )
    assert second.skipped == len(written)
    assert llm.requests - calls_before == 30 - len(written)  # only the missing articles
    lines = out.read_text(encoding="utf-8").splitlines()
    ids = Counter(json.loads(line)["article"]["id"] for line in lines)
    assert set(ids) == {f"{n:03d}.txt" for n in range(30)}
    assert max(ids.values()) == 1


def test_bad_input_lines_are_failures_with_reasons() -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": article(1), "published": "2023-08-06"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": article(2)}),
    ]
    items = list(iter_jsonl(lines, name="input.jsonl"))
    assert [i.id for i in items] == ["ok-1", "input.jsonl:2", "input.jsonl:3", "input.jsonl:4"]
    outcomes = {o.id: o for o in extract_many(items, extractor=FaultyLLM().extractor())}
    assert outcomes["ok-1"].ok
    assert outcomes["ok-1"].result is not None
    assert str(outcomes["ok-1"].result.article.published) == "2023-08-06"
    assert outcomes["input.jsonl:4"].ok
    assert "not JSON" in (outcomes["input.jsonl:2"].error or "")
    assert '"text"' in (outcomes["input.jsonl:3"].error or "")


def test_folder_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("y", encoding="utf-8")
    assert [i.id for i in iter_inputs([tmp_path])] == ["a/same.txt", "b/same.txt"]


def test_configuration_errors_stop_the_run() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(401, json={"error": {"message": "bad key"}})

    client = openai.AsyncOpenAI(
        base_url="http://refusing.invalid/v1",
        api_key=FAKE_KEY,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(refuse)),
        max_retries=0,
    )
    extractor = Extractor(async_client=client, model="m", mode="json_schema")
    from nigerwatch import ConfigurationError

    with pytest.raises(ConfigurationError, match="401"):
        list(extract_many([article(n) for n in range(10)], extractor=extractor))

"""``batch run`` against hand-built failing endpoints: it always ends, one line per request.

Every test runs under a time limit: on a defect the run would hang, and the test must fail
instead of hanging with it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx2
import pytest

from conftest import FAKE_KEY, FakeLLM, draft_json, fake_completion
from nigerwatch import ConfigurationError
from nigerwatch.runs import provider_batch
from nigerwatch.runs.batch_send import run_requests
from nigerwatch.runs.outcomes import RunSummary
from nigerwatch.runs.output import JsonlAppender

LIMIT = 20.0  # seconds: far more than any of these runs needs


def request_line(ident: str) -> str:
    body = {"model": "fake-model", "messages": [{"role": "user", "content": f"article {ident}"}]}
    return json.dumps(
        {"custom_id": ident, "method": "POST", "url": "/v1/chat/completions", "body": body}
    )


def html_page(request: httpx2.Request) -> httpx2.Response:
    """A hand-built proxy error page (not JSON) that echoes the Authorization header."""
    page = f"<html><h1>502 Bad Gateway</h1>{request.headers['authorization']}</html>"
    return httpx2.Response(502, text=page, headers={"content-type": "text/html"})


def run(
    fake: FakeLLM, lines: list[str], out: Path, *, concurrency: int = 1, **kw: object
) -> RunSummary:
    async def go() -> RunSummary:
        with JsonlAppender(out) as appender:
            return await asyncio.wait_for(
                run_requests(
                    lines,
                    fake.extractor(retries=1),
                    appender,
                    concurrency=concurrency,
                    client=fake.async_client(),
                    **kw,  # type: ignore[arg-type]
                ),
                LIMIT,
            )

    return asyncio.run(go())


def written(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("concurrency", [1, 4])
def test_an_html_502_ends_with_one_error_line_per_request(
    fake_llm: FakeLLM, tmp_path: Path, concurrency: int
) -> None:
    fake_llm.replies += [html_page] * 6  # three requests, each tried twice
    out = tmp_path / "outputs.jsonl"
    summary = run(fake_llm, [request_line(i) for i in "abc"], out, concurrency=concurrency)
    lines = written(out)
    assert sorted(line["custom_id"] for line in lines) == ["a", "b", "c"]  # type: ignore[type-var]
    assert {line["response"]["status_code"] for line in lines} == {502}  # type: ignore[index]
    assert (summary.done, summary.failed) == (0, 3)
    text = out.read_text(encoding="utf-8")
    assert FAKE_KEY not in text
    assert "502 Bad Gateway" in text  # the page is kept, redacted


def test_a_malformed_request_line_is_an_error_line(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.answer(draft_json()).answer(draft_json())
    out = tmp_path / "outputs.jsonl"
    lines = ["{oops", request_line("a"), '{"custom_id": "b"}', request_line("c")]
    summary = run(fake_llm, lines, out)
    by_id = {str(line["custom_id"]): line for line in written(out)}
    assert set(by_id) == {"None", "b", "a", "c"}
    assert by_id["None"]["error"]["code"] == "invalid_request_line"  # type: ignore[index]
    assert "line 1" in by_id["None"]["error"]["message"]  # type: ignore[index]
    assert by_id["b"]["error"]["code"] == "invalid_request_line"  # type: ignore[index]
    assert (summary.done, summary.failed) == (2, 2)


def test_echoed_keys_in_json_error_bodies_are_redacted(fake_llm: FakeLLM, tmp_path: Path) -> None:
    def echo(request: httpx2.Request) -> httpx2.Response:
        said = f"bad request from {request.headers['authorization']}"
        return httpx2.Response(400, json={"error": {"message": said, "key": FAKE_KEY}})

    fake_llm.replies.append(echo)
    out = tmp_path / "outputs.jsonl"
    run(fake_llm, [request_line("a")], out)
    (line,) = written(out)
    assert line["response"]["status_code"] == 400  # type: ignore[index]
    assert FAKE_KEY not in json.dumps(line)
    assert "[redacted]" in json.dumps(line)


def test_a_refused_key_stops_the_run(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.fail(401)
    out = tmp_path / "outputs.jsonl"
    with pytest.raises(ConfigurationError, match="401"):
        run(fake_llm, [request_line(str(n)) for n in range(20)], out)
    assert len(written(out)) == 1  # the refused request; nothing else was sent


def test_resume_sends_only_what_has_no_answer(fake_llm: FakeLLM, tmp_path: Path) -> None:
    out = tmp_path / "outputs.jsonl"
    fake_llm.answer(draft_json()).fail(500).fail(500).answer(draft_json())
    run(fake_llm, [request_line(i) for i in "abc"], out)
    assert provider_batch.answered_ids(out) == {"a", "c"}
    fake_llm.answer(draft_json())
    summary = run(fake_llm, [request_line(i) for i in "abc"], out, skip={"a", "c"})
    assert (summary.done, summary.skipped) == (1, 2)
    assert provider_batch.answered_ids(out) == {"a", "b", "c"}


class FullDisk(JsonlAppender):
    """An appender whose file system is full from the third line on (built in code)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.lines = 0

    def write(self, line: str) -> None:
        self.lines += 1
        if self.lines > 2:
            raise ConfigurationError("cannot write: No space left on device (hand-built)")


def test_a_full_disk_stops_the_run_without_hanging(fake_llm: FakeLLM) -> None:
    fake_llm.replies += [lambda request: httpx2.Response(200, json=fake_completion("{}"))] * 12

    async def go() -> None:
        await asyncio.wait_for(
            run_requests(
                [request_line(str(n)) for n in range(30)],
                fake_llm.extractor(retries=0),
                FullDisk(),
                concurrency=2,
                client=fake_llm.async_client(),
            ),
            LIMIT,
        )

    with pytest.raises(ConfigurationError, match="No space left"):
        asyncio.run(go())
    fake_llm.replies.clear()  # how many were sent before the stop depends on the timing

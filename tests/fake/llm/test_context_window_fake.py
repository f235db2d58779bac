"""The context asked of a hand-built endpoint: what each server says sizes the windows."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

import httpx2
import openai
import pytest

from conftest import FAKE_KEY, mock_async_client
from nigerwatch import Article, Extractor
from nigerwatch.llm.context_window import FALLBACK_CONTEXT_TOKENS, adiscover
from nigerwatch.llm.settings import resolve

Handler = Callable[[httpx2.Request], httpx2.Response]
PARAGRAPH = (
    "ECOWAS leaders met in Abuja on Thursday and kept the sanctions on Niger in place, "
    "while the junta in Niamey said the border closure hurt traders on both sides. "
)
LONG = Article.from_text("\n\n".join(PARAGRAPH * 3 for _ in range(40)), article_id="long")


class Server:
    """Answers only the paths it was given (404 for every other), recording what was asked."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.asked.append(f"{request.method} {request.url.path}")
        if request.url.path == "/api/show":
            assert json.loads(request.content) == {"model": "qwen"}
        answer = self.answers.get(request.url.path)
        if isinstance(answer, Exception):
            raise answer
        if answer is None:
            return httpx2.Response(404, json={"error": "not found"})
        return httpx2.Response(200, json=answer)

    def extractor(self) -> Extractor:
        client = openai.OpenAI(
            base_url="http://gpu-box.invalid/v1",
            api_key=FAKE_KEY,
            http_client=httpx2.Client(transport=httpx2.MockTransport(self)),
            max_retries=0,
        )
        return Extractor(client=client, model="qwen", mode="json_schema")


def test_llama_cpp_props_sizes_the_windows() -> None:
    small = Server({"/props": {"default_generation_settings": {"n_ctx": 3072}}})
    large = Server({"/props": {"default_generation_settings": {"n_ctx": 32768}}})
    small_bodies = small.extractor().request_bodies(LONG)
    large_bodies = large.extractor().request_bodies(LONG)
    assert small.asked == large.asked == ["GET /props"]
    # A 3,072-token slot cannot hold the 4,000-character windows a large context gets.
    assert len(small_bodies) > len(large_bodies) > 0


def test_the_context_is_asked_once_per_extractor() -> None:
    server = Server({"/props": {"default_generation_settings": {"n_ctx": 4096}}})
    extractor = server.extractor()
    for _ in range(3):
        window = extractor.context_window()
    assert (window.tokens, window.source) == (4096, "llama.cpp /props")
    extractor.request_bodies(LONG)
    assert server.asked == ["GET /props"]


@pytest.mark.parametrize(
    ("answers", "tokens", "source", "asked"),
    [
        (
            {"/v1/models": {"data": [{"id": "qwen", "max_model_len": 32768}]}},
            32768,
            "/v1/models",
            2,
        ),
        (
            {"/api/ps": {"models": [{"name": "qwen:latest", "context_length": 2048}]}},
            2048,
            "Ollama /api/ps",
            3,
        ),
        ({"/api/show": {"parameters": "num_ctx 6144"}}, 6144, "Ollama /api/show", 4),
        # A server that answers one probe with nonsense is asked the next.
        (
            {"/props": "<html>", "/v1/models": {"data": [{"context_length": 9000}]}},
            9000,
            "/v1/models",
            2,
        ),
    ],
)
def test_each_server_kind_is_read(
    answers: Mapping[str, Any], tokens: int, source: str, asked: int
) -> None:
    server = Server(answers)
    window = server.extractor().context_window()
    assert (window.tokens, window.source) == (tokens, source)
    assert len(server.asked) == asked


def test_an_endpoint_that_does_not_say_gets_the_fallback_and_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = Server({"/props": {"unrelated": True}})
    with caplog.at_level(logging.WARNING, logger="nigerwatch"):
        extractor = server.extractor()
        extractor.request_bodies(LONG)
        extractor.request_bodies(LONG)
    assert extractor.context_window().tokens == FALLBACK_CONTEXT_TOKENS
    assert not extractor.context_window().reported
    assert server.asked == ["GET /props", "GET /v1/models", "GET /api/ps", "POST /api/show"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "NIGERWATCH_CONTEXT_TOKENS" in warnings[0]
    assert "gpu-box.invalid" in warnings[0]


def test_an_unreachable_endpoint_is_asked_once(caplog: pytest.LogCaptureFixture) -> None:
    server = Server({"/props": httpx2.ConnectError("connection refused")})
    with caplog.at_level(logging.WARNING, logger="nigerwatch"):
        window = server.extractor().context_window()
    assert (window.tokens, window.source) == (FALLBACK_CONTEXT_TOKENS, "fallback")
    assert server.asked == ["GET /props"]
    assert "could not be asked (APIConnectionError)" in caplog.text


def test_a_setting_means_no_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIGERWATCH_CONTEXT_TOKENS", "4096")
    server = Server({"/props": {"default_generation_settings": {"n_ctx": 32768}}})
    extractor = server.extractor()
    extractor.request_bodies(LONG)
    assert extractor.context_window().tokens == 4096
    assert server.asked == []


def test_the_async_twin_reads_the_same() -> None:
    server = Server({"/props": {"default_generation_settings": {"n_ctx": 4096}}})
    settings = resolve(base_url="http://gpu-box.invalid/v1", model="qwen", api_key=FAKE_KEY)
    client = mock_async_client(server, name="gpu-box")
    window = asyncio.run(adiscover(settings, client))
    assert (window.tokens, window.source) == (4096, "llama.cpp /props")
    assert server.asked == ["GET /props"]

"""Shared fixtures: an isolated environment, the seed articles and a hand-built fake endpoint."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest

import cassette_support
from nigerwatch.llm.extraction import Extractor
from nigerwatch.llm.local_server import ServerOptions, shared_server
from nigerwatch.llm.model_store import DEFAULT_MODEL, model_path
from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.settings import (
    DEFAULT_MAX_TOKENS,
    DEFAULT_SEED,
    EMBEDDED_CONTEXT_TOKENS,
    Passes,
    default_cache_dir,
    resolve,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_ff28ba0c9779c2b0.txt"

# Settings a developer may have exported: tests must never see (or spend) them.
_ENV = (
    "NIGERWATCH_MODEL",
    "NIGERWATCH_BASE_URL",
    "NIGERWATCH_MODE",
    "NIGERWATCH_CONTEXT_TOKENS",
    "NIGERWATCH_CACHE_DIR",
    "NIGERWATCH_INDEX_URL",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "XDG_CACHE_HOME",
)
FAKE_KEY = "sk-fake-test-key-0123456789abcdef"  # a dummy: no real key is ever used in tests
CASSETTES = Path(__file__).resolve().parent / "cassettes"
REPLAY_URL = "http://recorded-llm.invalid/v1"  # never contacted: cassettes answer


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NIGERWATCH_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# -- hand-built responses for error-path tests -------------------------------------------------
# Nothing below is a recording: these responses are written in code to exercise failure paths
# (malformed JSON, hallucinated quotes, HTTP errors) that a real model produces only by chance.


def fake_completion(
    content: str, *, prompt_tokens: int = 100, completion_tokens: int = 50, finish: str = "stop"
) -> dict[str, Any]:
    """A hand-built chat completion carrying ``content``."""
    return {
        "id": "chatcmpl-handbuilt",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def draft_json(**events: list[dict[str, Any]]) -> str:
    """A hand-built draft answer: the four lists, each empty unless given."""
    body = {
        kind: events.get(kind, []) for kind in ("coups", "sanctions", "deployments", "alliances")
    }
    return json.dumps(body)


def coup_draft(**fields: Any) -> dict[str, Any]:
    """A hand-built coup draft for the seed article, with fields overridable."""
    draft: dict[str, Any] = {
        "quotes": ["President Mohamed Bazoum was overthrown in a coup d'état"],
        "country": "Niger",
        "date": "last month",
        "outcome": "successful",
        "perpetrators": ["presidential guard"],
        "ousted_leader": "Mohamed Bazoum",
        "new_leader": None,
        "ruling_body": "National Council for the Safeguard of the Homeland",
    }
    draft.update(fields)
    return draft


def grounded_answer(user_message: str) -> str:
    """A hand-built answer reporting ECOWAS sanctions on Niger, quoting the article's last line.

    Built from the request itself, so it is grounded in whatever article was sent.
    """
    sentence = user_message.split("\n")[-2]  # the fenced article's last line
    return draft_json(sanctions=[sanction_draft(quotes=[sentence])])


def sanction_draft(**fields: Any) -> dict[str, Any]:
    """A hand-built draft of ECOWAS sanctions imposed on Niger, with fields overridable."""
    draft: dict[str, Any] = {
        "quotes": ["ECOWAS imposed sanctions on Niger."],
        "imposers": ["ECOWAS"],
        "target_country": "Niger",
        "target_actors": [],
        "status": "imposed",
        "measures": [],
        "date": None,
    }
    draft.update(fields)
    return draft


def mock_async_client(
    handler: Callable[[httpx2.Request], httpx2.Response], name: str = "fake-llm"
) -> openai.AsyncOpenAI:
    """An async openai client whose every request is answered by ``handler`` (no network)."""
    return openai.AsyncOpenAI(
        base_url=f"http://{name}.invalid/v1",
        api_key=FAKE_KEY,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
        max_retries=0,
    )


Reply = httpx2.Response | Callable[[httpx2.Request], httpx2.Response]


class FakeLLM:
    """An OpenAI-compatible endpoint answering hand-built replies in order, recording requests."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, Any]] = []

    def answer(self, content: str, **usage: Any) -> FakeLLM:
        self.replies.append(httpx2.Response(200, json=fake_completion(content, **usage)))
        return self

    def fail(self, status: int, headers: dict[str, str] | None = None) -> FakeLLM:
        body = {"error": {"message": f"hand-built HTTP {status}", "type": "test"}}
        self.replies.append(httpx2.Response(status, json=body, headers=headers))
        return self

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(json.loads(request.content))
        if not self.replies:
            raise AssertionError("the fake endpoint got an unexpected request")
        reply = self.replies.pop(0)
        return reply(request) if callable(reply) else reply

    def client(self) -> openai.OpenAI:
        transport = httpx2.MockTransport(self._handle)
        return openai.OpenAI(
            base_url="http://fake-llm.invalid/v1",
            api_key=FAKE_KEY,
            http_client=httpx2.Client(transport=transport),
            max_retries=0,
        )

    def async_client(self) -> openai.AsyncOpenAI:
        return mock_async_client(self._handle)

    def extractor(
        self,
        *,
        retries: int = 2,
        passes: Passes = "single",
        chunk_chars: int = 4000,
        **options: Any,
    ) -> Extractor:
        """An extractor on this endpoint; one request per article unless ``passes`` says not."""
        client = self.client()
        settings = resolve(
            base_url=str(client.base_url), model="fake-model", mode="json_schema", api_key=FAKE_KEY
        )
        settings = dataclasses.replace(
            settings,
            passes=passes,
            chunk_chars=chunk_chars,
            reasks=options.pop("reasks", 1),
            focus=options.pop("focus", settings.focus),
            context_tokens=options.pop("context_tokens", EMBEDDED_CONTEXT_TOKENS),
        )
        return Extractor.from_settings(
            settings,
            client=client,
            async_client=self.async_client(),
            retry=RetryPolicy(retries=retries, base=0.0),  # no real waiting in tests
            **options,
        )


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    yield fake
    assert not fake.replies, "some hand-built replies were never requested"


# -- recorded exchanges with the embedded model ------------------------------------------------


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("json_body", cassette_support.json_body_matcher)
    vcr.register_serializer("yaml", cassette_support.ReadableSerializer)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    # No record_mode here: it would override --record-mode, and CI must replay (mode "none").
    return {
        "match_on": ["method", "path", "json_body"],
        "serializer": "yaml",
        "decode_compressed_response": True,
        "filter_headers": list(cassette_support.REQUEST_HEADERS_TO_DROP),
        "before_record_request": cassette_support.scrub_request,
        "before_record_response": cassette_support.scrub_response,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def recorded_model(record_mode: str, monkeypatch: pytest.MonkeyPatch, vcr: Any) -> Iterator[str]:
    """Point nigerwatch at the embedded model when recording, at the cassette when replaying.

    Either way the requests are identical (same model name, mode and parameters), which is what
    the cassettes are matched on.
    """
    if record_mode == "none":
        url = REPLAY_URL
    else:
        options = ServerOptions(
            gguf=model_path(default_cache_dir(env={})),
            alias=DEFAULT_MODEL.alias,
            context_tokens=EMBEDDED_CONTEXT_TOKENS,
            max_tokens=DEFAULT_MAX_TOKENS,
            seed=DEFAULT_SEED,
        )
        url = shared_server(options).base_url
    monkeypatch.setenv("NIGERWATCH_BASE_URL", url)
    # The context the server was started with: the cassettes hold no probe of it.
    monkeypatch.setenv("NIGERWATCH_CONTEXT_TOKENS", str(EMBEDDED_CONTEXT_TOKENS))
    monkeypatch.setenv("NIGERWATCH_MODEL", DEFAULT_MODEL.alias)
    monkeypatch.setenv("NIGERWATCH_MODE", "json_schema")
    monkeypatch.setenv("NIGERWATCH_PASSES", cassette_support.RECORDED_PASSES)
    yield url
    if record_mode == "none":
        assert vcr.all_played, "some recorded interactions were never replayed"

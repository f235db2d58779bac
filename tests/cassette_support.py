"""How cassettes are recorded, stored and matched.

* Matched on method, path and JSON body, never host or port: the embedded server's port changes
  at every start, and a changed prompt must not silently replay an old answer.
* Scrubbed at record time (keys, cookies, organisation ids, client fingerprints), and checked
  again by ``test_cassette_hygiene.py`` on every committed cassette.
* JSON bodies are stored as YAML structures, so a cassette reads (and diffs) like the exchange.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import httpx2
import openai
import yaml

from nigerwatch.llm.extraction import Extractor
from nigerwatch.llm.model_store import DEFAULT_MODEL
from nigerwatch.llm.settings import Passes, resolve

SEED_CASSETTES = Path(__file__).resolve().parent / "cassettes" / "test_seeds"

RECORDED_PASSES: Passes = "per_type"
"""How the committed cassettes asked the model (``Settings.passes``): replays must ask the same."""

REQUEST_HEADERS_TO_DROP = (
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "x-stainless-os",
    "x-stainless-arch",
    "x-stainless-runtime",
    "x-stainless-runtime-version",
    "x-stainless-package-version",
    "x-stainless-async",
    "x-stainless-lang",
    "x-stainless-retry-count",
    "x-stainless-read-timeout",
    "user-agent",
)
RESPONSE_HEADERS_TO_DROP = ("set-cookie", "openai-organization", "openai-project", "cf-ray")

# What must never be in a committed cassette.
LEAKS = re.compile(
    r"sk-[A-Za-z0-9_-]{12,}|authorization|set-cookie|openai-organization|cookie:"
    r"|/root/|/home/|/tmp/|/Users/|[A-Za-z]:\\\\|\.gguf",
    re.IGNORECASE,
)


def scrub_request(request: Any) -> Any:
    for name in list(request.headers):
        if name.lower() in REQUEST_HEADERS_TO_DROP:
            del request.headers[name]
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in RESPONSE_HEADERS_TO_DROP:
            del headers[name]
    return response


def json_body_matcher(first: Any, second: Any) -> None:
    """Request bodies must be the same JSON (key order and spacing aside)."""
    assert _json_or_raw(first.body) == _json_or_raw(second.body), "request bodies differ"


def _json_or_raw(body: Any) -> Any:
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        return json.loads(body) if body else body
    except (TypeError, ValueError):
        return body


class ReadableSerializer:
    """YAML cassettes whose JSON bodies are stored as structures, not escaped strings."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        for interaction in cassette["interactions"]:
            request, response = interaction["request"], interaction["response"]
            request["body"] = _to_structure(request.get("body"))
            response["body"]["string"] = _to_structure(response["body"].get("string"))
        return yaml.safe_dump(cassette, allow_unicode=True, sort_keys=False, width=100)

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        cassette: dict[str, Any] = yaml.safe_load(text)
        for interaction in cassette["interactions"]:
            request, response = interaction["request"], interaction["response"]
            request["body"] = _from_structure(request.get("body"))
            response["body"]["string"] = _from_structure(response["body"].get("string"))
        return cassette


def _to_structure(body: Any) -> Any:
    if isinstance(body, str):
        try:
            return {"json": json.loads(body)}
        except ValueError:
            return body
    return body


def _from_structure(body: Any) -> Any:
    if isinstance(body, dict) and set(body) == {"json"}:
        return json.dumps(body["json"], ensure_ascii=False)
    return body


# -- replaying recorded answers without vcr (benchmarks, the review page's browser test) --


def _answer_key(messages: list[dict[str, Any]]) -> str:
    """Which recorded answers a request gets: its article and, for a per-type pass, the pass."""
    asked = messages[2]["content"] if len(messages) > 2 and messages[2]["role"] == "user" else None
    return json.dumps([messages[1]["content"], asked])


def recorded_answers(folder: Path = SEED_CASSETTES) -> dict[str, list[dict[str, Any]]]:
    """Recorded responses per request, keyed by the article (and pass) they answer."""
    answers: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
        for interaction in cassette["interactions"]:
            request = interaction["request"]["body"]["json"]
            key = _answer_key(request["messages"])
            answers.setdefault(key, []).append(interaction["response"]["body"]["string"]["json"])
    return answers


def replaying_client(answers: dict[str, list[dict[str, Any]]]) -> openai.OpenAI:
    """A client answering each request with its recorded answer, in memory (no server)."""

    def handle(request: httpx2.Request) -> httpx2.Response:
        payload = json.loads(request.content)
        replies = answers[_answer_key(payload["messages"])]
        # A re-ask carries the earlier answers: answer it with the recorded next attempt.
        attempt = sum(1 for m in payload["messages"] if m["role"] == "assistant")
        return httpx2.Response(200, json=replies[min(attempt, len(replies) - 1)])

    return openai.OpenAI(
        base_url="http://replay.invalid/v1",
        api_key="not-needed",
        http_client=httpx2.Client(transport=httpx2.MockTransport(handle)),
        max_retries=0,
    )


def replaying_extractor() -> Extractor:
    """An extractor whose model is the seeds' recorded answers, replayed in memory."""
    client = replaying_client(recorded_answers())
    settings = resolve(
        base_url=str(client.base_url), model=DEFAULT_MODEL.alias, mode="json_schema", env={}
    )
    # Ask as the cassettes asked, or the recorded answers would not fit the requests.
    return Extractor.from_settings(
        dataclasses.replace(settings, passes=RECORDED_PASSES), client=client
    )

"""How many tokens the endpoint's model reads at once: asked of the endpoint, else a setting.

An article's windows are sized from the model's context (:func:`nigerwatch.llm.plan.window_limit`).
The context is, in order of precedence:

1. ``NIGERWATCH_CONTEXT_TOKENS`` (``Settings.context_tokens``), when set;
2. for the embedded server, the context nigerwatch starts it with;
3. what the endpoint reports, asked once per extractor at its first article:

   * llama.cpp's ``llama-server`` — ``GET /props``, ``default_generation_settings.n_ctx`` (the
     context of one slot, which is what one request gets);
   * vLLM and other servers that list it — ``GET /v1/models``, the entry of the model:
     ``max_model_len`` (vLLM), ``context_length`` or ``context_window``;
   * Ollama — ``GET /api/ps`` (``context_length`` of the loaded model), else
     ``POST /api/show`` (a ``num_ctx`` parameter of the model);

4. else :data:`FALLBACK_CONTEXT_TOKENS`, with one warning that says which setting to use.
   Hosted APIs (OpenAI, Azure) are not asked: they do not report it.

A probe that fails (404, not JSON, a figure that is not a positive integer) moves on to the
next one; an endpoint that cannot be reached is asked no more (its first article will say why).
Probing never fails an article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx2
import openai

from nigerwatch.llm.settings import Settings, hosted, redact_url

logger = logging.getLogger(__name__)

FALLBACK_CONTEXT_TOKENS = 8192
"""The context assumed when the endpoint does not say and no setting does (with a warning)."""
PROBE_TIMEOUT = 10.0
"""Seconds each probe may take: a server that is slow to say its context is asked no more."""

Reader = Callable[[Any, str], int | None]


@dataclass(frozen=True)
class Probe:
    """One request that may tell the context, and how to read its answer.

    Attributes:
        method: ``GET`` or ``POST``.
        url: The absolute URL asked.
        body: The JSON body of a ``POST``.
        read: Reads the context from the JSON answer and the model name (None: not there).
        source: Names the probe in logs and in ``nigerwatch config``.
    """

    method: str
    url: str
    body: Mapping[str, Any] | None
    read: Reader
    source: str


@dataclass(frozen=True)
class ContextWindow:
    """The context one request gets, and where the figure came from.

    Attributes:
        tokens: Tokens of prompt and answer together.
        source: ``NIGERWATCH_CONTEXT_TOKENS``, ``embedded server``, a probe's name such as
            ``llama.cpp /props``, or ``fallback``.
    """

    tokens: int
    source: str

    @property
    def reported(self) -> bool:
        """True when the figure is a setting or the endpoint's, not the fallback."""
        return self.source != "fallback"


def known(settings: Settings) -> ContextWindow | None:
    """The context when no request is needed to know it (a setting, the embedded server)."""
    if settings.context_tokens is not None:
        source = "embedded server" if settings.embedded else "NIGERWATCH_CONTEXT_TOKENS"
        return ContextWindow(settings.context_tokens, source)
    return None


def probes(settings: Settings) -> list[Probe]:
    """The requests that may tell an endpoint's context, in the order they are tried."""
    base = settings.base_url
    if base is None or hosted(base):
        return []
    root = base.removesuffix("/v1")
    return [
        Probe("GET", f"{root}/props", None, _llama_cpp, "llama.cpp /props"),
        Probe("GET", f"{base}/models", None, _model_list, "/v1/models"),
        Probe("GET", f"{root}/api/ps", None, _ollama_loaded, "Ollama /api/ps"),
        Probe(
            "POST", f"{root}/api/show", {"model": settings.model}, _ollama_show, "Ollama /api/show"
        ),
    ]


def discover(settings: Settings, client: openai.OpenAI) -> ContextWindow:
    """The context of ``settings``' endpoint, asking it through ``client`` when needed."""
    window = known(settings)
    for probe in probes(settings) if window is None else []:
        try:
            window = _answered(settings, probe, _send(client, probe))
        except _FAILURES as exc:
            window = _answered(settings, probe, exc)
        if window is not None:
            return window
    return window or _fallback(settings)


async def adiscover(settings: Settings, client: openai.AsyncOpenAI) -> ContextWindow:
    """The asynchronous twin of :func:`discover`."""
    window = known(settings)
    for probe in probes(settings) if window is None else []:
        try:
            window = _answered(settings, probe, await _asend(client, probe))
        except _FAILURES as exc:
            window = _answered(settings, probe, exc)
        if window is not None:
            return window
    return window or _fallback(settings)


_FAILURES = (openai.APIError, httpx2.HTTPError, ValueError)
"""What a probe may end with instead of an answer (a 404, a lost connection, not JSON)."""


def _answered(
    settings: Settings, probe: Probe, reply: httpx2.Response | Exception
) -> ContextWindow | None:
    """The context a probe's reply settles, or None to ask the next probe."""
    if isinstance(reply, openai.APIConnectionError):  # unreachable: its first article says so
        return _fallback(settings, f"could not be asked ({type(reply).__name__})")
    if isinstance(reply, Exception):
        return None
    try:
        tokens = probe.read(reply.json(), settings.model)
    except ValueError:  # not JSON
        return None
    return None if tokens is None else _found(ContextWindow(tokens, probe.source), settings)


_OPTIONS: Any = {"max_retries": 0, "timeout": PROBE_TIMEOUT}


def _send(client: openai.OpenAI, probe: Probe) -> httpx2.Response:
    if probe.method == "POST":
        return client.post(probe.url, cast_to=httpx2.Response, body=probe.body, options=_OPTIONS)
    return client.get(probe.url, cast_to=httpx2.Response, options=_OPTIONS)


async def _asend(client: openai.AsyncOpenAI, probe: Probe) -> httpx2.Response:
    if probe.method == "POST":
        return await client.post(
            probe.url, cast_to=httpx2.Response, body=probe.body, options=_OPTIONS
        )
    return await client.get(probe.url, cast_to=httpx2.Response, options=_OPTIONS)


def _found(window: ContextWindow, settings: Settings) -> ContextWindow:
    logger.info(
        "%s reports a context of %d tokens (%s)",
        redact_url(settings.base_url or ""),
        window.tokens,
        window.source,
    )
    return window


def _fallback(settings: Settings, why: str = "does not report its context window") -> ContextWindow:
    logger.warning(
        "%s %s: windows are sized for %d tokens; set NIGERWATCH_CONTEXT_TOKENS to the "
        "model's context to use more (or less)",
        redact_url(settings.base_url or ""),
        why,
        FALLBACK_CONTEXT_TOKENS,
    )
    return ContextWindow(FALLBACK_CONTEXT_TOKENS, "fallback")


# -- reading each server's answer ----------------------------------------------------------


def _positive(value: Any) -> int | None:  # noqa: ANN401 - any JSON value
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    return None


def _llama_cpp(answer: Any, _model: str) -> int | None:  # noqa: ANN401 - any JSON value
    settings = answer.get("default_generation_settings") if isinstance(answer, dict) else None
    return _positive(settings.get("n_ctx")) if isinstance(settings, dict) else None


def _entry(entries: Any, names: set[str], *fields: str) -> dict[str, Any] | None:  # noqa: ANN401
    """The entry of a list of model descriptions whose ``fields`` hold one of ``names``."""
    if not isinstance(entries, list):
        return None
    for entry in entries:
        if isinstance(entry, dict) and any(entry.get(field) in names for field in fields):
            return entry
    return None


def _model_list(answer: Any, model: str) -> int | None:  # noqa: ANN401 - any JSON value
    entries = answer.get("data") if isinstance(answer, dict) else None
    entry = _entry(entries, {model}, "id")
    if entry is None and isinstance(entries, list) and len(entries) == 1:
        entry = entries[0] if isinstance(entries[0], dict) else None  # a server of one model
    if entry is None:
        return None
    for name in ("max_model_len", "context_length", "context_window"):
        tokens = _positive(entry.get(name))
        if tokens is not None:
            return tokens
    return None


def _ollama_loaded(answer: Any, model: str) -> int | None:  # noqa: ANN401 - any JSON value
    entries = answer.get("models") if isinstance(answer, dict) else None
    entry = _entry(entries, {model, f"{model}:latest"}, "name", "model")
    return None if entry is None else _positive(entry.get("context_length"))


def _ollama_show(answer: Any, _model: str) -> int | None:  # noqa: ANN401 - any JSON value
    parameters = answer.get("parameters") if isinstance(answer, dict) else None
    if not isinstance(parameters, str):
        return None
    for line in parameters.splitlines():
        name, _, value = line.strip().partition(" ")
        if name == "num_ctx":
            return _positive(value.strip())
    return None

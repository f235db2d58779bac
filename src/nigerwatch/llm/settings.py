"""Which model to use and how to reach it: explicit arguments, then environment, then the default.

Environment variables (read when settings are resolved, never at import time):

* ``NIGERWATCH_BASE_URL`` or ``OPENAI_BASE_URL`` — an OpenAI-compatible endpoint.
* ``NIGERWATCH_MODEL`` — the model name at that endpoint, or a path to a ``.gguf`` file to run in
  the embedded server.
* ``OPENAI_API_KEY`` — the key; a key alone means OpenAI's own API.
* ``NIGERWATCH_MODE`` — instructor mode: ``json_schema``, ``tools``, ``md_json`` or ``json``.
* ``NIGERWATCH_CONTEXT_TOKENS`` — the model's context window, which sizes an article's windows
  (default: asked of the endpoint, see :mod:`nigerwatch.llm.context_window`; 8192 for the
  embedded server).
* ``NIGERWATCH_TIMEOUT`` — seconds to wait for one answer (default 600: a CPU model is slow).
* ``NIGERWATCH_RETRIES`` — transport retries after 429, 5xx, timeouts or lost connections.
* ``NIGERWATCH_CONCURRENCY`` — articles in flight in a batch (default 4; 1 for the embedded
  server, which answers one request at a time).
* ``NIGERWATCH_PASSES`` — ``per_type`` (default: one request per type of event) or ``single``.
* ``NIGERWATCH_FOCUS`` — ``on`` (default) or ``off``: after the per-type passes, ask about each
  sentence the type's focus words single out but no record of that type rests on, one at a
  time (:data:`nigerwatch.core.lexicon.FOCUS`, :mod:`nigerwatch.core.focus`).
* ``NIGERWATCH_CHUNK_CHARS`` — preferred window of a long article (default 4000 characters).
* ``NIGERWATCH_CACHE_DIR`` — where the default model and the answer cache live (default
  ``$XDG_CACHE_HOME/nigerwatch``, else ``~/.cache/nigerwatch``).

With none of these set, nigerwatch runs the embedded llama.cpp server with the default model
(``nigerwatch model pull``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from nigerwatch.errors import ConfigurationError
from nigerwatch.llm import model_store
from nigerwatch.llm.local_server import INSTALL_LOCAL, local_extra_installed

Mode = Literal["json_schema", "tools", "md_json", "json"]
MODES: tuple[Mode, ...] = ("json_schema", "tools", "md_json", "json")
Passes = Literal["per_type", "single"]
PASSES: tuple[Passes, ...] = ("per_type", "single")

_SWITCH: tuple[Literal["on", "off"], ...] = ("on", "off")
OPENAI_URL = "https://api.openai.com/v1"
EMBEDDED_CONTEXT_TOKENS = 8192
"""The context the embedded server is started with (per request)."""
DEFAULT_MAX_TOKENS = 2048
DEFAULT_CHUNK_CHARS = 4000
"""Preferred window of a long article, in characters (see :mod:`nigerwatch.core.chunking`)."""
DEFAULT_SEED = 42
DEFAULT_CONCURRENCY = 4
EMBEDDED_SLOTS = 1
"""Requests the embedded server answers at once: more in flight would only queue there (on two
cores, parallel slots gave no more tokens per second than one, measured)."""
# Local servers ignore the key, but the openai client refuses to start without one.
LOCAL_API_KEY = "not-needed"


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """The nigerwatch cache directory: ``NIGERWATCH_CACHE_DIR``, else the XDG cache.

    Args:
        env: Environment to read (defaults to ``os.environ``).
    """
    env = os.environ if env is None else env
    if env.get("NIGERWATCH_CACHE_DIR"):
        return Path(env["NIGERWATCH_CACHE_DIR"]).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "nigerwatch"


@dataclass(frozen=True)
class Settings:
    """Resolved model settings.

    Attributes:
        model: Model name sent in requests (the embedded server answers to any name).
        base_url: Endpoint URL, or None when the embedded server is to be started.
        gguf: GGUF file for the embedded server (None for a remote endpoint).
        mode: instructor mode.
        context_tokens: The model's context window in tokens (prompt and answer), which sizes
            an article's windows; None: ask the endpoint at the first article.
        max_tokens: Bound on each answer; stops runaway generations.
        temperature: Sampling temperature (0 for reproducible extractions).
        seed: Sampling seed, sent with every request.
        timeout: Seconds to wait for one answer.
        reasks: Re-asks allowed when an answer fails validation or grounding.
        passes: ``per_type`` (one request per type of event, with its definition) or
            ``single`` (one request for all four types).
        focus: After the per-type passes, ask once more about each sentence they left that
            :mod:`nigerwatch.core.focus` singles out, one sentence per request.
        chunk_chars: Preferred window of a long article, in characters; an article no longer
            than this is read in one request per pass.
        transport_retries: Retries of a request that got no usable reply (429, 5xx, timeout).
        concurrency: Articles a batch keeps in flight (1 for the embedded server).
        cache_dir: Where the default model and the answer cache live.
    """

    model: str
    base_url: str | None
    gguf: Path | None = None
    mode: Mode = "json_schema"
    context_tokens: int | None = None
    max_tokens: int = DEFAULT_MAX_TOKENS
    temperature: float = 0.0
    seed: int = DEFAULT_SEED
    timeout: float = 600.0
    reasks: int = 1
    passes: Passes = "per_type"
    focus: bool = True
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    transport_retries: int = 5
    concurrency: int = DEFAULT_CONCURRENCY
    cache_dir: Path = field(default_factory=default_cache_dir)
    api_key: str = field(default=LOCAL_API_KEY, repr=False)

    @property
    def embedded(self) -> bool:
        """True when nigerwatch runs the model itself."""
        return self.base_url is None


def resolve(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    reasks: int | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve settings from arguments, then the environment, then the embedded default.

    Args:
        model: Model name at the endpoint, or a ``.gguf`` path for the embedded server.
        base_url: OpenAI-compatible endpoint, e.g. ``http://localhost:11434/v1`` for Ollama.
        api_key: API key; a key without a URL means OpenAI's API.
        mode: instructor mode; guessed from the endpoint when not given.
        reasks: Re-asks after a failed validation or grounding (default 1).
        env: Environment to read (defaults to ``os.environ``).

    Raises:
        ConfigurationError: A setting is invalid or incomplete; the message says which.
    """
    env = os.environ if env is None else env
    model = model or env.get("NIGERWATCH_MODEL") or None
    base_url = base_url or env.get("NIGERWATCH_BASE_URL") or env.get("OPENAI_BASE_URL") or None
    api_key = api_key or env.get("OPENAI_API_KEY") or None
    chosen_mode = _mode(mode or env.get("NIGERWATCH_MODE"))
    tuning: dict[str, Any] = {
        "context_tokens": _int(env, "NIGERWATCH_CONTEXT_TOKENS", 0) or None,
        "timeout": _number(env, "NIGERWATCH_TIMEOUT", 600.0, minimum=0.001),
        "transport_retries": _int(env, "NIGERWATCH_RETRIES", 5, minimum=0),
        "reasks": _reasks(reasks),
        "passes": _choice(env, "NIGERWATCH_PASSES", PASSES, "per_type"),
        "focus": _choice(env, "NIGERWATCH_FOCUS", _SWITCH, "on") == "on",
        "chunk_chars": _int(env, "NIGERWATCH_CHUNK_CHARS", DEFAULT_CHUNK_CHARS, minimum=200),
        "cache_dir": default_cache_dir(env),
    }
    concurrency = _int(env, "NIGERWATCH_CONCURRENCY", 0)  # 0: the endpoint's default, below
    if base_url is None and api_key is not None:
        base_url = OPENAI_URL
    if base_url is not None:
        if api_key is None and hosted(base_url):
            raise ConfigurationError(
                f"{redact_url(base_url)} is a hosted API and needs a key: set OPENAI_API_KEY "
                "(or pass api_key=)."
            )
        if model is None:
            raise ConfigurationError(
                f"no model name for the endpoint {redact_url(base_url)}: pass model= or set "
                "NIGERWATCH_MODEL (e.g. gpt-4o-mini for OpenAI, qwen2.5:7b for Ollama)."
            )
        return Settings(
            model=model,
            base_url=base_url.rstrip("/"),
            mode=chosen_mode or guess_mode(base_url),
            api_key=api_key or LOCAL_API_KEY,
            concurrency=concurrency or DEFAULT_CONCURRENCY,
            **tuning,
        )
    gguf = Path(model).expanduser() if model else model_store.model_path(tuning["cache_dir"])
    if model and gguf.suffix.lower() != ".gguf":
        raise ConfigurationError(
            f"NIGERWATCH_MODEL={model!r} but no endpoint is set: for OpenAI's API set "
            "OPENAI_API_KEY; for another server set NIGERWATCH_BASE_URL; or give a path to a "
            ".gguf file to run it here."
        )
    if not gguf.is_file():
        steps = "run `nigerwatch model pull`"
        if not local_extra_installed():
            steps = f"install the embedded server ({INSTALL_LOCAL}) and run `nigerwatch model pull`"
        raise ConfigurationError(
            f"the model file {gguf} does not exist. For the default model, {steps}; or point "
            "NIGERWATCH_MODEL at a .gguf file; or set NIGERWATCH_BASE_URL and NIGERWATCH_MODEL "
            "to use an OpenAI-compatible server (OpenAI with OPENAI_API_KEY, Ollama, vLLM)."
        )
    name = model_store.DEFAULT_MODEL.alias if not model else gguf.stem
    return Settings(
        model=name,
        base_url=None,
        gguf=gguf,
        mode=chosen_mode or "json_schema",
        concurrency=concurrency or EMBEDDED_SLOTS,
        **{**tuning, "context_tokens": tuning["context_tokens"] or EMBEDDED_CONTEXT_TOKENS},
    )


def guess_mode(base_url: str) -> Mode:
    """Pick the instructor mode an endpoint supports best.

    OpenAI and Azure take tool calls; Ollama, vLLM and llama.cpp servers honour
    ``response_format`` JSON schemas; anything else gets JSON in a Markdown block.
    """
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    if host == "api.openai.com" or host.endswith(".openai.azure.com"):
        return "tools"
    if parts.port in (11434, 8000, 8080) or host in ("localhost", "127.0.0.1", "::1"):
        return "json_schema"
    return "md_json"


def hosted(base_url: str) -> bool:
    """True for OpenAI's and Azure's APIs (they need a key and do not report a context)."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host == "api.openai.com" or host.endswith(".openai.azure.com")


def redact_url(url: str) -> str:
    """Drop any user info and query from a URL, so it can be logged and recorded."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return f"{parts.scheme}://{netloc}{parts.path}".rstrip("/")


def _mode(value: str | None) -> Mode | None:
    if value is None or not value.strip():
        return None
    lowered = value.strip().lower()
    for mode in MODES:
        if mode == lowered:
            return mode
    raise ConfigurationError(
        f"unknown mode {value!r}: use one of {', '.join(MODES)} (NIGERWATCH_MODE or mode=)."
    )


_C = TypeVar("_C", bound=str)


def _choice(env: Mapping[str, str], name: str, choices: tuple[_C, ...], default: _C) -> _C:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    for choice in choices:
        if choice == raw:
            return choice
    raise ConfigurationError(f"{name}={raw!r}: use one of {', '.join(choices)}")


def _reasks(value: int | None) -> int:
    if value is None:
        return 1
    if value < 0:
        raise ConfigurationError(f"reasks must be 0 or more, not {value}")
    return value


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 1) -> int:
    return int(_number(env, name, default, minimum=minimum, integer=True))


def _number(
    env: Mapping[str, str], name: str, default: float, *, minimum: float, integer: bool = False
) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        what = "an integer" if integer else "a number"
        raise ConfigurationError(f"{name}={raw!r} must be {what} >= {minimum:g}")
    return value

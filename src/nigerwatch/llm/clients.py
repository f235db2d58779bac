"""How nigerwatch reaches a model: the options of the OpenAI-compatible client.

With no endpoint configured, the embedded llama.cpp server is started (once per process) and
its local address is used, so every model is reached through the same HTTP path.
"""

from __future__ import annotations

from typing import Any

from nigerwatch.llm.settings import Settings


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``openai.OpenAI`` / ``openai.AsyncOpenAI``.

    ``max_retries`` is 0: :class:`nigerwatch.llm.retry.RetryPolicy` is the one transport policy.
    """
    base_url = settings.base_url
    if base_url is None:
        from nigerwatch.llm.local_server import ServerOptions, shared_server  # noqa: PLC0415

        assert settings.gguf is not None
        base_url = shared_server(
            ServerOptions(
                gguf=settings.gguf,
                alias=settings.model,
                context_tokens=settings.context_tokens,
                max_tokens=settings.max_tokens,
                seed=settings.seed,
            )
        ).base_url
    return {
        "base_url": base_url,
        "api_key": settings.api_key,
        "timeout": settings.timeout,
        "max_retries": 0,
    }

"""How nigerwatch reaches a model: the OpenAI-compatible clients that instructor drives.

With no endpoint configured, the embedded llama.cpp server is started (once per process) and
its local address is used, so every model is reached through the same HTTP path. Every client
sends through :mod:`nigerwatch.llm.transport`, so each request is retried on its own.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any

import instructor
import openai

from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.settings import Settings
from nigerwatch.llm.transport import Transport, retrying_client

MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
    "json": instructor.Mode.JSON,
}
"""nigerwatch's mode names and instructor's modes."""


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``openai.OpenAI`` / ``openai.AsyncOpenAI``.

    ``max_retries`` is 0: :class:`nigerwatch.llm.retry.RetryPolicy` is the one transport policy.
    """
    base_url = settings.base_url
    if base_url is None:
        from nigerwatch.llm.local_server import ServerOptions, shared_server  # noqa: PLC0415

        assert settings.gguf is not None
        assert settings.context_tokens is not None  # resolve() sets the embedded context
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


@dataclass(frozen=True)
class _AsyncClient:
    client: openai.AsyncOpenAI
    instructor: instructor.AsyncInstructor
    owned: bool


class Clients:
    """The instructor clients of one extractor: one synchronous, one per event loop.

    Args:
        settings: Where the model is and how to reach it.
        retry: The transport retry policy of every request.
        client: A ready synchronous client (the test seam), else one is opened on first use.
        async_client: The same for asynchronous requests.
    """

    def __init__(
        self,
        settings: Settings,
        retry: RetryPolicy,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
    ) -> None:
        self.settings = settings
        self.transport = Transport(retry)
        self._given = client
        self._given_async = async_client
        self._raw: openai.OpenAI | None = None
        self._sync: instructor.Instructor | None = None
        self._async: tuple[asyncio.AbstractEventLoop, asyncio.Task[_AsyncClient]] | None = None
        self._lock = threading.Lock()

    def raw(self) -> openai.OpenAI:
        """The synchronous OpenAI client itself, for requests outside chat completions."""
        with self._lock:
            return self._raw_locked()

    def _raw_locked(self) -> openai.OpenAI:
        if self._raw is None:
            self._raw = self._given or openai.OpenAI(**client_options(self.settings))
        return self._raw

    def sync(self) -> instructor.Instructor:
        """The synchronous instructor client."""
        with self._lock:
            if self._sync is None:
                self._sync = instructor.from_openai(
                    retrying_client(self._raw_locked(), self.transport),
                    mode=MODES[self.settings.mode],
                )
            return self._sync

    async def asynchronous(self) -> instructor.AsyncInstructor:
        """The asynchronous instructor client of the running event loop."""
        # An async client's connections belong to one event loop: one client per loop. The
        # task is stored before any await, so workers starting together share one client.
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, loop.create_task(self._open_async()))
        return (await self._async[1]).instructor

    async def raw_async(self) -> openai.AsyncOpenAI:
        """The asynchronous OpenAI client of the running event loop itself."""
        await self.asynchronous()
        assert self._async is not None
        return (await self._async[1]).client

    async def _open_async(self) -> _AsyncClient:
        client, owned = self._given_async, False
        if client is None:
            options = await asyncio.to_thread(client_options, self.settings)
            # aiohttp's transport costs about 1 ms less CPU per request than httpx's, which
            # matters when a batch keeps dozens of requests in flight.
            client = openai.AsyncOpenAI(**options, http_client=openai.DefaultAioHttpClient())
            owned = True
        patched = instructor.from_openai(
            retrying_client(client, self.transport), mode=MODES[self.settings.mode]
        )
        return _AsyncClient(client, patched, owned)

    async def aclose(self) -> None:
        """Close the async client opened for the running event loop, if any."""
        current, self._async = self._async, None
        if current is None or current[0] is not asyncio.get_running_loop():
            return
        opened = await current[1]
        if opened.owned:
            await opened.client.close()

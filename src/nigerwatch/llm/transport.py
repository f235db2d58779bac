"""The one path requests take to a model endpoint: each request retried on its own.

A request that gets no usable reply (429, 5xx, a timeout, a dropped connection) is repeated
with the :class:`~nigerwatch.llm.retry.RetryPolicy`, and only that request: when the re-ask of
an ungrounded answer hits a fault, the re-ask is sent again and the first answer, already paid
for, is kept. Direct extraction reaches the endpoint through :func:`retrying_client` (the
client instructor drives), and ``nigerwatch batch run`` through :meth:`Transport.asend`.

Retries are counted into the :class:`Tally` of the article being extracted (a context
variable, so concurrent articles each count their own).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import openai

from nigerwatch.llm.retry import RetryPolicy, describe, is_transient

logger = logging.getLogger(__name__)

T = TypeVar("T")
Client = TypeVar("Client", openai.OpenAI, openai.AsyncOpenAI)


@dataclass
class Tally:
    """Transport retries spent on one article (or one batch request).

    Attributes:
        label: What is being sent, for log lines (an article id).
        retries: Requests repeated so far.
    """

    label: str
    retries: int = 0


_current: contextvars.ContextVar[Tally | None] = contextvars.ContextVar(
    "nigerwatch_tally", default=None
)


@contextlib.contextmanager
def counting(label: str) -> Iterator[Tally]:
    """Count the retries of the requests sent inside the block (in this thread or task)."""
    tally = Tally(label)
    token = _current.set(tally)
    try:
        yield tally
    finally:
        _current.reset(token)


class Transport:
    """Sends requests with one retry policy.

    Args:
        policy: When and how long to wait before repeating a request.
    """

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy

    def send(self, request: Callable[[], T]) -> T:
        """Call ``request`` until it returns, retrying transient failures."""
        retry = 0
        while True:
            try:
                return request()
            except openai.APIError as exc:
                time.sleep(self._wait(exc, retry))
            retry += 1

    async def asend(self, request: Callable[[], Awaitable[T]]) -> T:
        """The asynchronous twin of :meth:`send`."""
        retry = 0
        while True:
            try:
                return await request()
            except openai.APIError as exc:
                await asyncio.sleep(self._wait(exc, retry))
            retry += 1

    def _wait(self, error: openai.APIError, retry: int) -> float:
        """The delay before repeating, or re-raise ``error`` when it is final or retries ran out."""
        if not is_transient(error) or retry >= self.policy.retries:
            raise error
        wait = self.policy.delay(retry, error)
        tally = _current.get()
        if tally is not None:
            tally.retries += 1
        label = tally.label if tally is not None else "request"
        logger.info("%s: %s, retrying in %.1fs", label, describe(error), wait)
        return wait


def retrying_client(client: Client, transport: Transport) -> Client:
    """A copy of ``client`` whose chat completions go through ``transport``.

    The copy shares the original's connections; the caller's client is left as it was.
    instructor then drives the copy, so each of its requests (first answer and re-asks) is
    retried on its own.
    """
    copy = client.with_options()
    create = copy.chat.completions.create
    wrapped: Callable[..., Any]
    if isinstance(copy, openai.AsyncOpenAI):

        async def acreate(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - openai's types
            return await transport.asend(lambda: create(*args, **kwargs))

        wrapped = acreate
    else:

        def screate(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - openai's types
            return transport.send(lambda: create(*args, **kwargs))

        wrapped = screate
    # instructor reads `client.chat.completions.create`; give it the retrying one.
    setattr(copy.chat.completions, "create", wrapped)  # noqa: B010 - on our own copy
    return copy

"""The one path requests take to a model endpoint: each request retried on its own.

A request that gets no usable reply (429, 5xx, a timeout, a dropped connection) is repeated
with the :class:`~nigerwatch.llm.retry.RetryPolicy`, and only that request: when the re-ask of
an ungrounded answer hits a fault, the re-ask is sent again and the first answer, already paid
for, is kept. Direct extraction reaches the endpoint through :func:`retrying_client` (the
client instructor drives), and ``nigerwatch batch run`` through :meth:`Transport.asend`.

Retries are counted into the :class:`Tally` of the article being extracted (a context
variable, so concurrent articles each count their own).

What instructor gets back from a request that finally failed is an :class:`EndpointError`:
the kind of failure and the status code, and nothing the server said (an error body may echo
the key, and the openai error holds the request with its ``Authorization`` header).
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
from openai.types.chat import ChatCompletion

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


class EndpointError(Exception):
    """A request that got no usable reply, without any of the server's text or the request.

    Attributes:
        status_code: The HTTP status, or None when there was no response (or it was a 200
            that is not a chat completion).
        reason: What happened, e.g. ``HTTP 502``, ``timed out``, ``connection refused``.
        kind: The openai error class it stands for (``AuthenticationError``...), or
            ``NotACompletion`` for a 200 whose body is not a chat completion.
    """

    def __init__(self, reason: str, *, status_code: int | None, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code
        self.kind = kind

    @classmethod
    def of(cls, error: openai.APIError) -> EndpointError:
        """The failure ``error`` stands for (its message, body and request are left behind)."""
        status = error.status_code if isinstance(error, openai.APIStatusError) else None
        return cls(describe(error), status_code=status, kind=type(error).__name__)

    @classmethod
    def not_a_completion(cls) -> EndpointError:
        """A 200 whose body is not a chat completion (an HTML page, plain text)."""
        return cls(
            "answered HTTP 200 with a body that is not a chat completion",
            status_code=None,
            kind="NotACompletion",
        )


def _checked(reply: T) -> T:
    # The openai client hands back the raw text when a 200 is not JSON.
    if not isinstance(reply, ChatCompletion):
        raise EndpointError.not_a_completion()
    return reply


def retrying_client(client: Client, transport: Transport) -> Client:
    """A copy of ``client`` whose chat completions go through ``transport``.

    The copy shares the original's connections; the caller's client is left as it was.
    instructor then drives the copy, so each of its requests (first answer and re-asks) is
    retried on its own. A request that still fails raises an :class:`EndpointError`, raised
    outside the handler of the openai error so that no exception chain leads back to it.
    """
    copy = client.with_options()
    create = copy.chat.completions.create
    wrapped: Callable[..., Any]
    if isinstance(copy, openai.AsyncOpenAI):

        async def acreate(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - openai's types
            try:
                return _checked(await transport.asend(lambda: create(*args, **kwargs)))
            except openai.APIError as exc:
                failure = EndpointError.of(exc)
            raise failure

        wrapped = acreate
    else:

        def screate(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - openai's types
            try:
                return _checked(transport.send(lambda: create(*args, **kwargs)))
            except openai.APIError as exc:
                failure = EndpointError.of(exc)
            raise failure

        wrapped = screate
    # instructor reads `client.chat.completions.create`; give it the retrying one.
    setattr(copy.chat.completions, "create", wrapped)  # noqa: B010 - on our own copy
    return copy

"""Transport retries: 429, 5xx, timeouts and dropped connections, with backoff and jitter.

This policy is separate from re-asks: a re-ask answers a model that replied badly, a transport
retry repeats a request that got no usable reply at all. nigerwatch builds its clients with the
openai client's own retries off, so this is the only transport policy in play.
"""

from __future__ import annotations

import email.utils
import random
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import openai

_RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, honouring ``Retry-After``.

    Attributes:
        retries: Retries after the first request (0 disables them).
        base: Delay scale in seconds: retry ``n`` waits up to ``base * 2**n``.
        cap: Longest wait in seconds, for backoff and for a server's ``Retry-After``.
    """

    retries: int = 5
    base: float = 0.5
    cap: float = 30.0

    def delay(self, retry: int, error: Exception, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number ``retry`` (0-based) after ``error``."""
        hinted = retry_after(error)
        if hinted is not None:
            return min(hinted, self.cap)
        draw = rng.random() if rng is not None else random.random()  # noqa: S311 - jitter
        return draw * min(self.cap, self.base * 2.0**retry)


def is_transient(error: BaseException) -> bool:
    """True for failures worth repeating the request for: throttling, 5xx, lost connections."""
    if isinstance(error, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(error, openai.APIStatusError):
        return error.status_code in _RETRYABLE_STATUS
    return False


def retry_after(error: Exception) -> float | None:
    """The server's requested wait in seconds (``retry-after-ms`` or ``Retry-After``), if any."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def describe(exc: openai.APIError) -> str:
    """A short name for a transport failure, for logs and messages (no server text).

    The cause is looked for along the exception chain: aiohttp reports a refused connection
    as a connect *timeout*, which must not be called one.
    """
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    causes = list(_chain(exc))
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "connection refused"
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return "host not found"
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    return "connection lost"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__

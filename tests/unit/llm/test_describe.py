"""Transport failures are named for what happened, whatever the HTTP library calls them."""

from __future__ import annotations

import socket

import httpx2
import openai

from nigerwatch.llm.retry import describe

REQUEST = httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")


def caused_by(error: openai.APIError, cause: BaseException) -> openai.APIError:
    error.__cause__ = cause
    return error


def test_a_refused_connection_reported_as_a_timeout_is_called_refused() -> None:
    # aiohttp's connector turns a refused connection into a connect *timeout*.
    inner = caused_by(openai.APIError("x", REQUEST, body=None), ConnectionRefusedError(111, ""))
    error = caused_by(openai.APITimeoutError(REQUEST), inner)
    assert describe(error) == "connection refused"


def test_other_failures_keep_their_names() -> None:
    assert describe(openai.APITimeoutError(REQUEST)) == "timed out"
    unknown_host = caused_by(openai.APIConnectionError(request=REQUEST), socket.gaierror(-2))
    assert describe(unknown_host) == "host not found"
    assert describe(openai.APIConnectionError(request=REQUEST)) == "connection lost"

"""``nigerwatch batch run``: send Batch API request lines to an endpoint, write output lines.

This plays the provider's part (OpenAI's Batch API, vLLM's ``run-batch``) against any
OpenAI-compatible endpoint, the embedded server included. Every request line ends as exactly one
output line, an answer or an error saying why, whatever happens to it: a malformed line, an
error page that is not JSON, a bug. Nothing a worker meets can stop it, so the run cannot
hang. Only a refused key or an unknown model (HTTP 401, 403, 404) stops the run, since every
later request would fail the same way; a run with ``resume`` sends what was left.

Error bodies are kept as the server sent them (a page that is not JSON becomes the message of
an error object), with the key and anything key-shaped redacted: some gateways echo the
``Authorization`` header.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Collection, Iterable
from typing import Any

import httpx2
import openai
from openai.types.chat import ChatCompletion

from nigerwatch.errors import ConfigurationError
from nigerwatch.llm.clients import client_options
from nigerwatch.llm.extraction import Extractor
from nigerwatch.llm.redaction import redact, redact_json
from nigerwatch.llm.retry import describe
from nigerwatch.llm.transport import Transport, counting
from nigerwatch.runs.outcomes import RunSummary
from nigerwatch.runs.output import JsonlAppender

logger = logging.getLogger(__name__)

STOPPING_STATUS = frozenset({401, 403, 404})
"""Statuses that say the run's setup is wrong (key, permissions, model): they stop it."""

_MAX_ERROR_TEXT = 2000  # characters of a non-JSON error page kept in the output line


class _BadLineError(ValueError):
    """A request line that cannot be sent, with its ``custom_id`` when it has one."""

    def __init__(self, message: str, ident: str | None) -> None:
        super().__init__(message)
        self.ident = ident


class _Sender:
    """Turns one request line into one output line; never raises (but for cancellation)."""

    def __init__(
        self,
        client: openai.AsyncOpenAI,
        transport: Transport,
        secrets: tuple[str, ...],
        skip: Collection[str],
    ) -> None:
        self.client = client
        self.transport = transport
        self.secrets = secrets
        self.skip = skip
        self.seen: set[str] = set()

    async def output(self, number: int, line: str | bytes) -> dict[str, Any] | None:
        """The output line of request line ``number``, or None when it is to be skipped."""
        try:
            ident, body = self._parse(number, line)
        except _BadLineError as exc:
            return _error(exc.ident, "invalid_request_line", str(exc))
        if ident in self.skip:
            return None
        try:
            return await self._send(ident, body)
        except Exception as exc:  # a bug must cost this request only, never the run
            logger.debug("request %r: unexpected %s", ident, type(exc).__name__)
            return _error(ident, "internal_error", redact(f"{type(exc).__name__}: {exc}"))

    def _parse(self, number: int, line: str | bytes) -> tuple[str, dict[str, Any]]:
        where = f"line {number} of the requests file"
        try:
            request = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _BadLineError(f"{where} is not JSON ({type(exc).__name__})", None) from None
        found = request.get("custom_id") if isinstance(request, dict) else None
        ident = found if isinstance(found, str) else None
        body = request.get("body") if isinstance(request, dict) else None
        if ident is None or not isinstance(body, dict):
            raise _BadLineError(f'{where} needs a "custom_id" string and a "body" object', ident)
        if ident in self.seen and ident not in self.skip:
            raise _BadLineError(
                f"{where}: custom_id {ident!r} appears twice; ids must be unique", None
            )
        self.seen.add(ident)
        return ident, body

    async def _send(self, ident: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            with counting(ident):
                completion = await self.transport.asend(
                    lambda: self.client.chat.completions.create(**body)
                )
        except openai.APIStatusError as exc:
            return _line(
                ident, {"status_code": exc.status_code, "body": self._error_body(exc.response)}
            )
        except openai.APIError as exc:
            return _error(ident, "connection_error", describe(exc))
        if not isinstance(completion, ChatCompletion):
            return _error(ident, "not_a_completion", "HTTP 200 with a body that is not JSON")
        answer = completion.model_dump(mode="json", exclude_unset=True)
        return _line(ident, {"status_code": 200, "request_id": completion.id, "body": answer})

    def _error_body(self, response: httpx2.Response) -> Any:  # noqa: ANN401 - any JSON
        try:
            return redact_json(response.json(), self.secrets)
        except ValueError:
            text = redact(response.text[:_MAX_ERROR_TEXT], self.secrets)
            return {"error": {"message": text, "type": "not_json"}}


async def run_requests(
    requests: Iterable[str | bytes],
    extractor: Extractor,
    out: JsonlAppender,
    *,
    concurrency: int | None = None,
    client: openai.AsyncOpenAI | None = None,
    skip: Collection[str] = frozenset(),
) -> RunSummary:
    """Send Batch API request lines to ``extractor``'s endpoint; write Batch API output lines.

    Requests go through the same transport as direct extraction (each retried on its own with
    the extractor's policy); a request that still fails gets an output line with its status
    code and (redacted) error body, or an error object, as the Batch API does.

    Args:
        requests: Batch API input lines.
        extractor: Gives the endpoint (or the embedded server) and the retry policy.
        out: Where the output lines go.
        concurrency: Requests in flight (default: the extractor's ``Settings.concurrency``).
        client: A ready client to send with (default: one for the extractor's endpoint,
            closed at the end).
        skip: ``custom_id`` values that already have an answer (a resumed run).

    Raises:
        ConfigurationError: The endpoint refused the key or does not know the model, or the
            output cannot be written; the lines written so far stay, and a run with ``skip``
            sends the rest.
    """
    width = concurrency or extractor.settings.concurrency
    if width < 1:
        raise ConfigurationError(f"concurrency must be 1 or more, not {width}")
    own = client is None
    if client is None:
        client = openai.AsyncOpenAI(**await asyncio.to_thread(client_options, extractor.settings))
    sender = _Sender(client, Transport(extractor.retry), (extractor.settings.api_key,), skip)
    summary = RunSummary()
    pending: asyncio.Queue[tuple[int, str | bytes] | None] = asyncio.Queue(maxsize=width)
    stopped: list[ConfigurationError] = []  # why the run stops early: a refusal, a full disk

    async def worker() -> None:
        while (item := await pending.get()) is not None:
            if stopped:
                continue  # drained, not sent: the feeder must never wait on a full queue
            output = await sender.output(*item)
            if output is None:
                summary.skipped += 1
                continue
            try:
                out.write(json.dumps(output, ensure_ascii=False))
            except ConfigurationError as exc:  # the output cannot be written (a full disk)
                stopped.append(exc)
                continue
            _count(summary, output)
            status = (output.get("response") or {}).get("status_code")
            if status in STOPPING_STATUS and not stopped:
                stopped.append(_refusal(status, extractor))

    workers = [asyncio.create_task(worker()) for _ in range(width)]
    try:
        for number, line in enumerate(requests, start=1):
            if stopped:
                break
            if line.strip():
                await pending.put((number, line))
        for _ in workers:
            await pending.put(None)
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        if own:
            await client.close()
    if stopped:
        raise stopped[0]
    return summary


def _refusal(status: int, extractor: Extractor) -> ConfigurationError:
    what = {401: "refused the API key", 403: "refused access", 404: "does not know the model"}
    return ConfigurationError(
        f"{extractor.endpoint} {what[status]} (HTTP {status}): check OPENAI_API_KEY, "
        "NIGERWATCH_MODEL and NIGERWATCH_BASE_URL, then run again with --resume to send the "
        "requests that have no answer."
    )


def _count(summary: RunSummary, output: dict[str, Any]) -> None:
    response = output.get("response") or {}
    if output.get("error") is None and response.get("status_code") == 200:
        summary.done += 1
        usage = response["body"].get("usage") or {}
        summary.prompt_tokens += usage.get("prompt_tokens", 0)
        summary.completion_tokens += usage.get("completion_tokens", 0)
    else:
        summary.failed += 1


def _line(ident: str, response: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"batch_req_{ident}", "custom_id": ident, "response": response, "error": None}


def _error(ident: str | None, code: str, message: str) -> dict[str, Any]:
    return {
        "id": f"batch_req_{ident}",
        "custom_id": ident,
        "response": None,
        "error": {"code": code, "message": message},
    }

"""OpenAI Batch API files: write a run's requests, run them anywhere, read the answers back.

Scale-out without a home-made cluster: :func:`prepare` writes one request per article in the
JSON Lines format that OpenAI's Batch API and vLLM's ``run-batch`` accept
(``{"custom_id", "method", "url", "body"}``, with ``custom_id`` the article id); the provider
runs it and returns an output file (``{"custom_id", "response": {"status_code", "body"},
"error"}``); :func:`ingest` turns that file into the usual records through the same validation,
grounding and normalization. Batch answers cannot be re-asked, so ungrounded events are simply
dropped with their reasons. :func:`run_requests` plays the provider's part against any
OpenAI-compatible endpoint (the embedded server included), writing the same output format.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Iterator
from typing import Any

import openai
from openai.types.chat import ChatCompletion

from nigerwatch.errors import NigerwatchError
from nigerwatch.llm.clients import client_options
from nigerwatch.llm.extraction import Extractor
from nigerwatch.llm.transport import Transport, counting
from nigerwatch.runs.inputs import BatchItem, load_article
from nigerwatch.runs.outcomes import Outcome, RunSummary
from nigerwatch.runs.output import JsonlAppender

BATCH_URL = "/v1/chat/completions"


def custom_id(article_id: str, label: str) -> str:
    """The ``custom_id`` of one request of an article: ``<article id>#<label>``."""
    return f"{article_id}#{label}"


def prepare(items: Iterable[BatchItem], extractor: Extractor, out: JsonlAppender) -> list[Outcome]:
    """Write the Batch API request lines of every article; returns the articles that could not be.

    An article needs one request per window and type of event; each line's ``custom_id`` is
    ``<article id>#<label>`` (for example ``a.txt#coup@0``). The request bodies are exactly
    those a direct extraction sends first.
    """
    failures: list[Outcome] = []
    for item in items:
        try:
            article = load_article(item)
            bodies = extractor.request_bodies(article)
        except (NigerwatchError, OSError) as exc:
            failures.append(Outcome.failure(item.id, exc))
            continue
        for label, body in bodies:
            request = {
                "custom_id": custom_id(article.id, label),
                "method": "POST",
                "url": BATCH_URL,
                "body": body,
            }
            out.write(json.dumps(request, ensure_ascii=False))
    return failures


def ingest(
    outputs: Iterable[str], items: Iterable[BatchItem], extractor: Extractor
) -> Iterator[Outcome]:
    """Turn a Batch API output file into outcomes, one per article of ``items``.

    Articles without an answer end as failures too, so nothing is lost silently; lines that
    belong to no article given, or answer a request twice, are reported.
    """
    articles = {item.id: item for item in items}
    answers: dict[str, dict[str, dict[str, Any]]] = {}
    for number, line in enumerate(outputs, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            ident, _, label = str(record["custom_id"]).rpartition("#")
        except (ValueError, KeyError, TypeError):
            yield Outcome(
                id=f"output:{number}", error="not a Batch API output line", error_type="ValueError"
            )
            continue
        of_article = answers.setdefault(ident, {})
        if label in of_article or ident not in articles:
            why = "answered twice" if label in of_article else "is not among the articles given"
            yield Outcome(
                id=ident or label,
                error=f"batch output line {number}: {record['custom_id']!r} {why}",
                error_type="ValueError",
            )
            continue
        of_article[label] = record
    for ident, item in articles.items():
        yield _outcome(answers.get(ident, {}), item, extractor)


def _outcome(records: dict[str, dict[str, Any]], item: BatchItem, extractor: Extractor) -> Outcome:
    completions: dict[str, ChatCompletion] = {}
    errors: list[str] = []
    for label, record in records.items():
        response = record.get("response") or {}
        if record.get("error") or response.get("status_code") != 200:
            error = record.get("error") or {"message": f"HTTP {response.get('status_code')}"}
            errors.append(f"{label}: {error}")
            continue
        try:
            completions[label] = ChatCompletion.model_validate(response["body"])
        except (ValueError, KeyError, TypeError):
            errors.append(f"{label}: the batch answer is not a chat completion")
    if not completions:
        why = f"batch request failed: {errors[0]}" if errors else "no answer in the batch output"
        return Outcome(id=item.id, error=why, error_type="ModelServiceError")
    try:
        result = extractor.from_completions(load_article(item), completions)
    except (NigerwatchError, OSError) as exc:
        return Outcome.failure(item.id, exc)
    return Outcome.success(item.id, result)


async def run_requests(
    requests: Iterable[str],
    extractor: Extractor,
    out: JsonlAppender,
    *,
    concurrency: int | None = None,
    client: openai.AsyncOpenAI | None = None,
) -> RunSummary:
    """Send Batch API request lines to ``extractor``'s endpoint; write Batch API output lines.

    Requests go through the same transport as direct extraction (each retried on its own with
    the extractor's policy); a request that still fails gets an output line with its status
    code or error, as the Batch API does.

    Args:
        requests: Batch API input lines.
        extractor: Gives the endpoint (or the embedded server) and the retry policy.
        out: Where the output lines go.
        concurrency: Requests in flight (default: the extractor's ``Settings.concurrency``).
        client: A ready client to send with (default: one for the extractor's endpoint).
    """
    if client is None:
        client = openai.AsyncOpenAI(**await asyncio.to_thread(client_options, extractor.settings))
    transport = Transport(extractor.retry)
    summary = RunSummary()
    width = concurrency or extractor.settings.concurrency
    pending: asyncio.Queue[str | None] = asyncio.Queue(maxsize=width)

    async def worker() -> None:
        while (line := await pending.get()) is not None:
            request = json.loads(line)
            output = await _send(client, transport, request)
            out.write(json.dumps(output, ensure_ascii=False))
            if output["error"] is None and output["response"]["status_code"] == 200:
                summary.done += 1
                usage = output["response"]["body"].get("usage") or {}
                summary.prompt_tokens += usage.get("prompt_tokens", 0)
                summary.completion_tokens += usage.get("completion_tokens", 0)
            else:
                summary.failed += 1

    workers = [asyncio.create_task(worker()) for _ in range(width)]
    for line in requests:
        if line.strip():
            await pending.put(line)
    for _ in workers:
        await pending.put(None)
    await asyncio.gather(*workers)
    await client.close()
    return summary


async def _send(
    client: openai.AsyncOpenAI, transport: Transport, request: dict[str, Any]
) -> dict[str, Any]:
    ident = request["custom_id"]
    try:
        with counting(ident):
            completion = await transport.asend(
                lambda: client.chat.completions.create(**request["body"])
            )
    except openai.APIStatusError as exc:
        body = exc.response.json() if exc.response.content else {}
        return _line(ident, {"status_code": exc.status_code, "body": body})
    except openai.APIError as exc:
        return {
            "id": f"batch_req_{ident}",
            "custom_id": ident,
            "response": None,
            "error": {"code": "connection_error", "message": type(exc).__name__},
        }
    body = completion.model_dump(mode="json", exclude_unset=True)
    return _line(ident, {"status_code": 200, "request_id": completion.id, "body": body})


def _line(ident: str, response: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"batch_req_{ident}", "custom_id": ident, "response": response, "error": None}

"""OpenAI Batch API files: write a run's requests, run them anywhere, read the answers back.

Scale-out without a home-made cluster: :func:`prepare` writes the requests of every article in
the JSON Lines format that OpenAI's Batch API and vLLM's ``run-batch`` accept (``{"custom_id",
"method", "url", "body"}``, with ``custom_id`` ``<article id>#<label>``); the provider
runs it and returns an output file (``{"custom_id", "response": {"status_code", "body"},
"error"}``); :func:`ingest` turns that file into the usual records through the same validation,
grounding and normalization. Batch answers cannot be re-asked, so ungrounded events are simply
dropped with their reasons. :func:`nigerwatch.runs.batch_send.run_requests` plays the
provider's part against any OpenAI-compatible endpoint, writing the same output format.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from nigerwatch.errors import NigerwatchError
from nigerwatch.llm.extraction import Extractor
from nigerwatch.runs.inputs import BatchItem, load_article
from nigerwatch.runs.outcomes import Outcome
from nigerwatch.runs.output import JsonlAppender

BATCH_URL = "/v1/chat/completions"


def custom_id(article_id: str, label: str) -> str:
    """The ``custom_id`` of one request of an article: ``<article id>#<label>``."""
    return f"{article_id}#{label}"


def prepare(
    items: Iterable[BatchItem],
    extractor: Extractor,
    out: JsonlAppender,
    *,
    skip: Collection[str] = (),
) -> list[Outcome]:
    """Write the Batch API request lines of every article; returns the articles that could not be.

    An article needs one request per window and type of event; each line's ``custom_id`` is
    ``<article id>#<label>`` (for example ``a.txt#coup@0``). The request bodies are exactly
    those a direct extraction sends first.

    Args:
        items: The articles.
        extractor: Builds the requests.
        out: Where the request lines go.
        skip: ``custom_id`` values already written (a resumed ``prepare``).
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
            if custom_id(article.id, label) in skip:
                continue
            request = {
                "custom_id": custom_id(article.id, label),
                "method": "POST",
                "url": BATCH_URL,
                "body": body,
            }
            out.write(json.dumps(request, ensure_ascii=False))
    return failures


def ingest(
    outputs: Path | Sequence[str], items: Iterable[BatchItem], extractor: Extractor
) -> Iterator[Outcome]:
    """Turn a Batch API output file into outcomes, one per article of ``items``.

    The answers are grouped by article (the part of ``custom_id`` before its last ``#``). An
    output file may hold several lines for one request (a rerun into the same file): the latest
    successful answer wins, and an error only counts when no answer ever came. Articles
    without an answer end as failures too, so nothing is lost silently; lines of an article not
    given are reported.
    """
    articles = {item.id: item for item in items}
    chosen = _chosen_lines(outputs)
    answers: dict[str, dict[str, dict[str, Any]]] = {}
    for number, line in enumerate(_lines(outputs), start=1):
        if not line.strip():
            continue
        record = _record(line)
        request = record.get("custom_id") if record is not None else None
        if record is None or not isinstance(request, str):
            yield Outcome(
                id=f"output:{number}", error="not a Batch API output line", error_type="ValueError"
            )
            continue
        ident, _, label = request.rpartition("#")
        if ident not in articles:
            yield Outcome(
                id=ident or request,
                error=f"batch output line {number}: {request!r} is not among the articles given",
                error_type="ValueError",
            )
            continue
        if chosen.get(request) == number:
            answers.setdefault(ident, {})[label] = record
    for ident, item in articles.items():
        yield _outcome(answers.get(ident, {}), item, extractor)


def answered_ids(path: Path) -> set[str]:
    """The ``custom_id`` of every request a Batch API output file holds an answer for."""
    return {ident for _, (ident, ok) in _numbered_statuses(_lines(path)) if ok}


def request_ids(path: Path) -> set[str]:
    """The ``custom_id`` of every request in a Batch API input file."""
    found = set()
    for line in _lines(path):
        record = _record(line)
        if record is not None and isinstance(record.get("custom_id"), str):
            found.add(record["custom_id"])
    return found


def is_answer(record: dict[str, Any]) -> bool:
    """True when an output line carries a successful answer."""
    response = record.get("response")
    return (
        record.get("error") is None
        and isinstance(response, dict)
        and (response.get("status_code") == 200)
    )


def _chosen_lines(outputs: Path | Sequence[str]) -> dict[str, int]:
    """Per request, the line that counts: its latest answer, else its latest error."""
    chosen: dict[str, int] = {}
    answered: set[str] = set()
    for number, (ident, ok) in _numbered_statuses(_lines(outputs)):
        if ok or ident not in answered:
            chosen[ident] = number
        if ok:
            answered.add(ident)
    return chosen


def _numbered_statuses(lines: Iterable[str]) -> Iterator[tuple[int, tuple[str, bool]]]:
    for number, line in enumerate(lines, start=1):
        record = _record(line) if line.strip() else None
        if record is not None and isinstance(record.get("custom_id"), str):
            yield number, (record["custom_id"], is_answer(record))


def _record(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _lines(source: Path | Sequence[str]) -> Iterator[str]:
    """The lines of a file (read again at each call, undecodable bytes replaced) or a list."""
    if not isinstance(source, Path):
        yield from source
        return
    if not source.exists():
        return
    with source.open(encoding="utf-8", errors="replace") as stream:
        yield from stream


def _outcome(records: dict[str, dict[str, Any]], item: BatchItem, extractor: Extractor) -> Outcome:
    completions: dict[str, ChatCompletion] = {}
    errors: list[str] = []
    for label, record in records.items():
        if not is_answer(record):
            response = record.get("response") or {}
            error = record.get("error") or {"message": f"HTTP {response.get('status_code')}"}
            errors.append(f"{label}: {error}")
            continue
        try:
            completions[label] = ChatCompletion.model_validate(record["response"]["body"])
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

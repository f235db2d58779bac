"""One request's answer, and an article's extraction assembled from all of them.

Each request of an article (:mod:`nigerwatch.llm.plan`) ends as an :class:`Answer`: a draft
(from the model, or from the cache), or the reason the pass gave nothing usable. Failures are
split by blame: a transport or endpoint failure fails the article (every later request would
fail the same way) with every token spent so far; an answer that is still not valid after the
re-asks costs only its own pass, unless every pass failed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks

from nigerwatch.core.canonical import Records
from nigerwatch.core.draft import ArticleDraft
from nigerwatch.core.merge import merge_records
from nigerwatch.errors import ModelOutputError
from nigerwatch.llm import prompt
from nigerwatch.llm.attempts import Attempts
from nigerwatch.llm.cache import AnswerCache, CachedAnswer, cache_key
from nigerwatch.llm.instructor_logs import quieted
from nigerwatch.llm.plan import Request
from nigerwatch.llm.service_errors import service_error
from nigerwatch.llm.settings import Settings
from nigerwatch.llm.transport import EndpointError, counting
from nigerwatch.llm.validation import CONTEXT_KEY, GroundedAnswer, Job
from nigerwatch.schemas import ArticleExtraction, ArticleInfo, Dropped, ModelInfo, Usage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """How one request ended.

    Attributes:
        request: The request.
        draft: What the model proposed (None when the pass gave nothing usable).
        usage: What it cost (the original cost when it came from the cache).
        failure: Why the pass gave nothing usable, when it did not.
        last_output: The raw text of the last answer of a failed pass.
    """

    request: Request
    draft: ArticleDraft | None
    usage: Usage
    failure: str | None = None
    last_output: str = ""


def total_usage(usages: Sequence[Usage]) -> Usage:
    """Every count summed; cached only when every answer came from the cache."""
    return Usage(
        prompt_tokens=sum(u.prompt_tokens for u in usages),
        completion_tokens=sum(u.completion_tokens for u in usages),
        attempts=sum(u.attempts for u in usages),
        rejected_answers=sum(u.rejected_answers for u in usages),
        transport_retries=sum(u.transport_retries for u in usages),
        cached_prompt_tokens=sum(u.cached_prompt_tokens for u in usages),
        cached=bool(usages) and all(u.cached for u in usages),
    )


class Call:
    """One model call of a request, as a context manager that catches how it ended.

    Inside the ``with`` block the caller sends :attr:`kwargs` and stores the answer in
    :attr:`result`; transport retries are counted meanwhile, and instructor's own log records
    are quieted (DEBUG, and without the key). A failure is kept, and settled by
    :meth:`answer` outside its handler, so no error raised for it chains back to instructor's
    exception (whose text and attributes hold the conversation).
    """

    def __init__(self, answering: Answering, job: Job, request: Request) -> None:
        self._answering = answering
        self.request = request
        self.attempts = Attempts()
        self.kwargs = answering.create_kwargs(job, request, self.attempts)
        self.result: GroundedAnswer | None = None
        self._error: Exception | None = None
        self._scope = contextlib.ExitStack()
        self._label = f"{job.article.id} {request.label}"

    def __enter__(self) -> Call:
        self._tally = self._scope.enter_context(counting(self._label))
        self._scope.enter_context(quieted([self._answering.settings.api_key]))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: object
    ) -> bool:
        self._scope.close()
        self.attempts.transport_retries = self._tally.retries
        if isinstance(error, Exception):
            self._error = error
            return True  # settled by answer(), outside this handler
        return False

    def answer(self, key: str | None) -> Answer:
        """How the request ended (its answer is cached when the model gave one).

        Raises:
            ConfigurationError: The endpoint refused the key or does not know the model.
            ModelServiceError: The endpoint could not be reached or kept failing.
        """
        if self._error is not None:
            error, self._error = self._error, None
            return self._answering.failed(error, self.request, self.attempts, key)
        assert self.result is not None
        return self._answering.answered(key, self.request, self.result.to_draft(), self.attempts)


class Answering:
    """What an extractor does around each model call: cache, request, outcome, assembly.

    Args:
        settings: The model settings.
        cache: The answer cache, or None.
        endpoint: The endpoint as recorded in outputs (credentials removed).
    """

    def __init__(self, settings: Settings, cache: AnswerCache | None, endpoint: str) -> None:
        self.settings = settings
        self.cache = cache
        self.endpoint = endpoint

    def cached(self, request: Request) -> tuple[str | None, Answer | None]:
        """The cache key of ``request`` and its cached answer, if any."""
        if self.cache is None:
            return None, None
        key = cache_key(self.settings, request)
        hit = self.cache.get(key)
        if hit is None:
            return key, None
        usage = hit.usage.model_copy(update={"cached": True})
        return key, Answer(request, hit.draft, usage, hit.failure, hit.last_output)

    def call(self, job: Job, request: Request) -> Call:
        """A model call for ``request`` (see :class:`Call`)."""
        return Call(self, job, request)

    def create_kwargs(self, job: Job, request: Request, attempts: Attempts) -> dict[str, Any]:
        """The arguments of instructor's ``create`` for ``request``."""
        s = self.settings
        hooks = Hooks()
        hooks.on("completion:response", attempts.on_response)
        hooks.on("parse:error", attempts.on_parse_error)
        return {
            "response_model": request.answer_model,
            "messages": request.messages(),
            "context": {
                "article": prompt.fence(request.chunk.text),
                "focus": prompt.fence(request.focus_text or ""),
                CONTEXT_KEY: job,
            },
            "max_retries": s.reasks,
            "hooks": hooks,
            "model": s.model,
            "temperature": s.temperature,
            "seed": s.seed,
            "max_tokens": s.max_tokens,
        }

    def answered(
        self, key: str | None, request: Request, draft: ArticleDraft, attempts: Attempts
    ) -> Answer:
        """The answer of a request the model answered; cached for next time."""
        return self._kept(key, request, draft, attempts)

    def _kept(
        self, key: str | None, request: Request, draft: ArticleDraft, attempts: Attempts
    ) -> Answer:
        usage = attempts.usage()
        if self.cache is not None and key is not None:
            self.cache.put(key, CachedAnswer(draft=draft, usage=usage))
        return Answer(request, draft, usage)

    def failed(
        self, exc: Exception, request: Request, attempts: Attempts, key: str | None = None
    ) -> Answer:
        """What a failed call leaves: the last answer's grounded part, or the failure.

        The grounded part of an answer whose re-asks ran out is cached under ``key`` like any
        answer, and so is a pass that gave nothing usable: the same request would pay for the
        same answers again.

        Raises:
            ConfigurationError: The endpoint refused the key or does not know the model.
            ModelServiceError: The endpoint could not be reached or kept failing.
        """
        if isinstance(exc, IncompleteOutputException):
            why = f"the answer was cut off at max_tokens={self.settings.max_tokens}"
            return self._gave_nothing(key, request, attempts, why)
        cause = exc.__cause__ if isinstance(exc, InstructorRetryException) else exc
        if isinstance(cause, EndpointError):
            # The transport already retried what was worth retrying.
            raise service_error(cause, self.endpoint, self.settings.model, attempts)
        if isinstance(exc, InstructorRetryException):
            # The last answer is still ungrounded: keep its grounded events, drop the rest.
            unchecked = attempts.unchecked_draft(request.answer_model)
            if unchecked is None:
                return self._gave_nothing(key, request, attempts, "no valid JSON answer")
            return self._kept(key, request, unchecked, attempts)
        raise exc

    def _gave_nothing(
        self, key: str | None, request: Request, attempts: Attempts, why: str
    ) -> Answer:
        logger.info("%s: %s", request.label, why)
        usage, text = attempts.usage(), attempts.last_text()
        if self.cache is not None and key is not None:
            self.cache.put(key, CachedAnswer(None, usage, why, text))
        return Answer(request, None, usage, why, text)

    def assemble(self, job: Job, answers: Sequence[Answer]) -> ArticleExtraction:
        """The article's extraction from all its answers.

        Raises:
            ModelOutputError: Every request gave nothing usable.
        """
        article = job.article
        usage = total_usage([answer.usage for answer in answers])
        failures = [answer for answer in answers if answer.draft is None]
        if answers and len(failures) == len(answers):
            again = (
                " These failures come from the answer cache: --no-cache (or `nigerwatch cache "
                "clear`) asks the model again."
                if usage.cached
                else ""
            )
            raise ModelOutputError(
                f"article {article.id!r}: {failures[-1].failure} after {usage.attempts} "
                f"answer(s) from {self.settings.model}. A larger model, or more reasks, may do "
                f"better.{again}",
                attempts=usage.attempts,
                last_output=failures[-1].last_output,
                usage=usage,
            )
        records = self.records(job, answers)
        records.dropped += [_pass_dropped(answer) for answer in failures]
        logger.info(
            "%s: %d coups, %d sanctions, %d deployments, %d alliances; %d dropped; %d calls%s",
            article.id,
            len(records.coups),
            len(records.sanctions),
            len(records.deployments),
            len(records.alliances),
            len(records.dropped),
            usage.attempts,
            " (cached)" if usage.cached else "",
        )
        return _extraction(job, records, usage, self._model_info())

    def records(self, job: Job, answers: Sequence[Answer]) -> Records:
        """The records of every answer that has a draft, merged (see :mod:`~.core.merge`)."""
        parts = [job.records(answer.draft) for answer in answers if answer.draft is not None]
        return merge_records(parts, job.article.sha256)

    def _model_info(self) -> ModelInfo:
        return ModelInfo(
            name=self.settings.model,
            endpoint=self.endpoint,
            mode=self.settings.mode,
            prompt_version=prompt.PROMPT_VERSION,
        )


def _pass_dropped(answer: Answer) -> Dropped:
    request = answer.request
    what = f"the {request.kind or 'single'} pass over window {request.chunk.index}"
    if request.focus is not None:
        start, end = request.focus
        what = f"the focused {request.kind} question on chars {start}-{end}"
    return Dropped(
        event_type=request.kind,
        field=None,
        reason=f"{what} gave nothing usable: {answer.failure}",
        check="pass_failed",
        draft={},
    )


def _extraction(job: Job, records: Records, usage: Usage, model: ModelInfo) -> ArticleExtraction:
    article = job.article
    return ArticleExtraction(
        article=ArticleInfo(
            id=article.id,
            published=article.published,
            language=article.language,
            sha256=article.sha256,
            chars=len(article.text),
            meta=dict(article.meta),
        ),
        coups=records.coups,
        sanctions=records.sanctions,
        deployments=records.deployments,
        alliances=records.alliances,
        model=model,
        usage=usage,
        dropped=records.dropped,
    )

"""Extraction: ask the model for a draft through instructor, then build canonical records.

This is the only layer that talks to models. One :class:`Extractor` holds one model
configuration (and, for the embedded model, one running server) and serves any number of
articles, synchronously (:meth:`Extractor.extract`) or concurrently
(:meth:`Extractor.aextract`); :func:`extract` is the one-call shortcut.

Two separate retry budgets apply to each article: re-asks when an answer fails validation or
grounding (``Settings.reasks``, through instructor), and transport retries when a request gets
no usable reply (``Settings.transport_retries``): each request, re-asks included, is retried on
its own (see :mod:`nigerwatch.llm.transport`), so an answer already paid for is never lost to a
later fault.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion

from nigerwatch.core.article import Article
from nigerwatch.core.canonical import Records
from nigerwatch.core.draft import ArticleDraft
from nigerwatch.errors import ArticleTooLongError, ConfigurationError, ModelOutputError
from nigerwatch.llm import prompt
from nigerwatch.llm.attempts import Attempts
from nigerwatch.llm.cache import AnswerCache, CachedAnswer, cache_key
from nigerwatch.llm.clients import client_options
from nigerwatch.llm.instructor_logs import quieted
from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.service_errors import output_error, service_error
from nigerwatch.llm.settings import Settings, redact_url, resolve
from nigerwatch.llm.transport import EndpointError, Transport, counting, retrying_client
from nigerwatch.llm.validation import CONTEXT_KEY, ArticleEvents, Job
from nigerwatch.schemas import ArticleExtraction, ArticleInfo, ModelInfo, Usage

logger = logging.getLogger(__name__)

_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
    "json": instructor.Mode.JSON,
}


class Extractor:
    """Extracts grounded, normalized events from articles with one model configuration.

    Args:
        model: Model name at the endpoint, or a ``.gguf`` path to run in the embedded server.
        base_url: OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp).
        api_key: API key for the endpoint.
        mode: instructor mode (``json_schema``, ``tools``, ``md_json``, ``json``).
        reasks: Re-asks after an answer fails validation or grounding (default 1).
        cache: ``True`` to keep answers in the cache of ``Settings.cache_dir`` (an identical
            article is then never asked again), an :class:`~nigerwatch.llm.cache.AnswerCache`
            to use that one, ``False`` (the default) for none.
        retry: The transport retry policy (default: ``Settings.transport_retries`` retries
            with exponential backoff).
        client: A ready ``openai.OpenAI`` client for :meth:`extract` (the test seam); its
            ``base_url`` is the endpoint and ``model`` or ``NIGERWATCH_MODEL`` the model.
        async_client: The same for :meth:`aextract`.

    Attributes:
        settings: The resolved settings.
        cache: The :class:`~nigerwatch.llm.cache.AnswerCache` consulted and filled, or None.
        retry: The transport retry policy.

    Raises:
        ConfigurationError: The settings cannot work; the message says what to set.
    """

    def __init__(  # noqa: PLR0913 - keyword-only options, one per setting
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        reasks: int | None = None,
        cache: AnswerCache | bool = False,
        retry: RetryPolicy | None = None,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
    ) -> None:
        given = client or async_client
        if given is not None:
            base_url = str(given.base_url)
            api_key = api_key or "from-client"
        settings = resolve(
            model=model, base_url=base_url, api_key=api_key, mode=mode, reasks=reasks
        )
        self._setup(settings, cache, retry, client, async_client)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        cache: AnswerCache | bool = False,
        retry: RetryPolicy | None = None,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
    ) -> Extractor:
        """An extractor for resolved settings (see :func:`nigerwatch.llm.settings.resolve`)."""
        extractor = cls.__new__(cls)
        extractor._setup(settings, cache, retry, client, async_client)
        return extractor

    def _setup(
        self,
        settings: Settings,
        cache: AnswerCache | bool,
        retry: RetryPolicy | None,
        client: openai.OpenAI | None,
        async_client: openai.AsyncOpenAI | None,
    ) -> None:
        self.settings = settings
        # An AnswerCache has a length, so an empty one is falsy: compare with `is`.
        if cache is True:
            cache = AnswerCache.in_dir(settings.cache_dir)
        self.cache: AnswerCache | None = None if cache is False else cache
        self.retry = retry or RetryPolicy(retries=settings.transport_retries)
        self._client = client
        self._async_client = async_client
        self._sync: instructor.Instructor | None = None
        self._async: tuple[asyncio.AbstractEventLoop, asyncio.Task[_AsyncClient]] | None = None
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        """The endpoint as recorded in outputs (credentials removed)."""
        if self.settings.base_url is None:
            return "embedded"
        return redact_url(self.settings.base_url)

    def extract(
        self,
        article: Article | str,
        *,
        published: dt.date | str | None = None,
        article_id: str | None = None,
    ) -> ArticleExtraction:
        """Extract the coups, sanctions, deployments and alliances one article reports.

        Args:
            article: An :class:`Article` or the article text (a first line
                ``" date YYYY-MM-DD"`` gives the publication date).
            published: Publication date ``YYYY-MM-DD``; wins over the date header.
            article_id: Id carried into the output (default: a sha256 prefix).

        Returns:
            The grounded, normalized records, with what was dropped and why.

        Raises:
            ArticleError: The article is empty or too long (before any model call).
            ConfigurationError: The endpoint refused the key or does not know the model.
            ModelServiceError: The endpoint could not be reached or kept failing.
            ModelOutputError: No usable answer even after re-asking.
        """
        job, key = self._start(article, published, article_id)
        hit = self._lookup(key)
        if hit is not None:
            return self._from_cache(job, hit)
        attempts = Attempts()
        draft: ArticleDraft | None = None
        failure: Exception = RuntimeError("instructor returned no answer")
        with counting(job.article.id) as tally, self._quiet():
            try:
                draft = self._instructor().chat.completions.create(**self._request(job, attempts))
            except Exception as exc:  # settled below, outside this handler: no chain to it
                failure = exc
        attempts.transport_retries = tally.retries
        if draft is None:
            draft = self._settle(failure, job, attempts)
        usage = attempts.usage()
        self._store(key, draft, usage)
        return self._assemble(job, job.records(draft), usage)

    async def aextract(
        self,
        article: Article | str,
        *,
        published: dt.date | str | None = None,
        article_id: str | None = None,
    ) -> ArticleExtraction:
        """The asynchronous twin of :meth:`extract`, for running many articles at once."""
        job, key = self._start(article, published, article_id)
        # The cache is read and written off the event loop: a slow or locked file must not
        # stall the other articles in flight.
        hit = await asyncio.to_thread(self._lookup, key) if key is not None else None
        if hit is not None:
            return self._from_cache(job, hit)
        client = await self._ainstructor()
        attempts = Attempts()
        draft: ArticleDraft | None = None
        failure: Exception = RuntimeError("instructor returned no answer")
        with counting(job.article.id) as tally, self._quiet():
            try:
                draft = await client.chat.completions.create(**self._request(job, attempts))
            except Exception as exc:  # settled below, outside this handler: no chain to it
                failure = exc
        attempts.transport_retries = tally.retries
        if draft is None:
            draft = self._settle(failure, job, attempts)
        usage = attempts.usage()
        if key is not None:
            await asyncio.to_thread(self._store, key, draft, usage)
        return self._assemble(job, job.records(draft), usage)

    # -- batch files: the request without sending it, an answer received elsewhere -----------

    def request_body(self, article: Article) -> dict[str, Any]:
        """The chat-completions request body :meth:`extract` would send first for ``article``.

        Built by instructor itself (captured before it leaves), so a batch file holds exactly
        what a direct call sends, in every mode.
        """
        job, _ = self._start(article, None, None)
        captured: dict[str, Any] = {}

        def capture(request: httpx2.Request) -> httpx2.Response:
            captured.update(json.loads(request.content))
            raise _CapturedError

        client = openai.OpenAI(
            base_url=self.settings.base_url or "http://embedded.invalid/v1",
            api_key=self.settings.api_key,
            http_client=httpx2.Client(transport=httpx2.MockTransport(capture)),
            max_retries=0,
        )
        # The capture stops the request on purpose: instructor's "API call failed" is noise.
        with contextlib.suppress(Exception), quieted([], silent=True):
            instructor.from_openai(client, mode=_MODES[self.settings.mode]).chat.completions.create(
                **{**self._request(job, Attempts()), "max_retries": 0}
            )
        if not captured:
            raise ConfigurationError(f"instructor built no request for mode {self.settings.mode}")
        return captured

    def from_completion(self, article: Article, completion: ChatCompletion) -> ArticleExtraction:
        """Records from an answer obtained elsewhere (a batch output), without re-asking.

        Raises:
            ModelOutputError: The answer is cut off or is not a draft.
        """
        job, _ = self._start(article, None, None)
        attempts = Attempts()
        attempts.on_response(completion)
        if completion.choices and completion.choices[0].finish_reason == "length":
            raise self._fail(job, attempts, "the answer was cut off at max_tokens")
        draft = attempts.unchecked_draft()
        if draft is None:
            raise self._fail(job, attempts, "no valid JSON answer")
        return self._assemble(job, job.records(draft), attempts.usage())

    # -- the steps shared by both paths ----------------------------------------------------

    def _start(
        self, article: Article | str, published: dt.date | str | None, article_id: str | None
    ) -> tuple[Job, str | None]:
        if isinstance(article, str):
            article = Article.from_text(article, article_id=article_id, published=published)
        self._check_length(article)
        key = cache_key(self.settings, article) if self.cache is not None else None
        return Job.of(article), key

    def _lookup(self, key: str | None) -> CachedAnswer | None:
        # AnswerCache never raises: a broken cache is a miss (and turns itself off).
        return self.cache.get(key) if self.cache is not None and key is not None else None

    def _store(self, key: str | None, draft: ArticleDraft, usage: Usage) -> None:
        if self.cache is not None and key is not None:
            self.cache.put(key, CachedAnswer(draft=draft, usage=usage))

    def _from_cache(self, job: Job, hit: CachedAnswer) -> ArticleExtraction:
        usage = hit.usage.model_copy(update={"cached": True})
        return self._assemble(job, job.records(hit.draft), usage)

    def _quiet(self) -> contextlib.AbstractContextManager[None]:
        """During this call, instructor's records are DEBUG and hold no key."""
        return quieted([self.settings.api_key])

    def _request(self, job: Job, attempts: Attempts) -> dict[str, Any]:
        s = self.settings
        hooks = Hooks()
        hooks.on("completion:response", attempts.on_response)
        hooks.on("parse:error", attempts.on_parse_error)
        return {
            "response_model": ArticleEvents,
            "messages": prompt.messages(),
            "context": {"article": prompt.fence(job.article.body.strip()), CONTEXT_KEY: job},
            "max_retries": s.reasks,
            "hooks": hooks,
            "model": s.model,
            "temperature": s.temperature,
            "seed": s.seed,
            "max_tokens": s.max_tokens,
        }

    def _settle(self, exc: Exception, job: Job, attempts: Attempts) -> ArticleDraft:
        """Turn a failed call into a draft to keep, or an error saying what went wrong.

        Called outside the handler of ``exc``, so the errors raised here have no chain back to
        instructor's exception (whose text and attributes hold the conversation).
        """
        if isinstance(exc, IncompleteOutputException):
            why = f"the answer was cut off at max_tokens={self.settings.max_tokens}"
            raise self._fail(job, attempts, why)
        cause = exc.__cause__ if isinstance(exc, InstructorRetryException) else exc
        if isinstance(cause, EndpointError):
            # The transport already retried what was worth retrying.
            raise service_error(cause, self.endpoint, self.settings.model, attempts)
        if isinstance(exc, InstructorRetryException):
            # The last answer is still ungrounded: keep its grounded events, drop the rest.
            unchecked = attempts.unchecked_draft()
            if unchecked is None:
                raise self._fail(job, attempts, "no valid JSON answer")
            return unchecked
        raise exc

    def _fail(self, job: Job, attempts: Attempts, why: str) -> ModelOutputError:
        return output_error(self.settings.model, job, attempts, why)

    def _assemble(self, job: Job, records: Records, usage: Usage) -> ArticleExtraction:
        article = job.article
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
        return ArticleExtraction(
            article=ArticleInfo(
                id=article.id,
                published=article.published,
                language=article.language,
                sha256=article.sha256,
                chars=len(article.text),
            ),
            coups=records.coups,
            sanctions=records.sanctions,
            deployments=records.deployments,
            alliances=records.alliances,
            model=ModelInfo(
                name=self.settings.model,
                endpoint=self.endpoint,
                mode=self.settings.mode,
                prompt_version=prompt.PROMPT_VERSION,
            ),
            usage=usage,
            dropped=records.dropped,
        )

    def _check_length(self, article: Article) -> None:
        s = self.settings
        overhead = prompt.PROMPT_TOKENS
        if s.mode != "json_schema":  # the schema travels in the prompt or the tool list
            overhead += prompt.estimate_tokens(str(ArticleEvents.model_json_schema()))
        needed = prompt.estimate_tokens(article.text) + overhead + s.max_tokens
        if needed > s.context_tokens:
            raise ArticleTooLongError(
                f"article {article.id!r} ({len(article.text):,} characters) needs about "
                f"{needed:,} tokens with the instructions and room for the answer, more than the "
                f"model's {s.context_tokens:,}-token context. Split the article, or set "
                "NIGERWATCH_CONTEXT_TOKENS if your model's context is larger.",
                article_id=article.id,
            )

    # -- clients -----------------------------------------------------------------------------

    def _instructor(self) -> instructor.Instructor:
        with self._lock:
            if self._sync is None:
                client = self._client or openai.OpenAI(**client_options(self.settings))
                client = retrying_client(client, Transport(self.retry))
                self._sync = instructor.from_openai(client, mode=_MODES[self.settings.mode])
            return self._sync

    async def _ainstructor(self) -> instructor.AsyncInstructor:
        # An async client's connections belong to one event loop: one client per loop. The
        # task is stored before any await, so workers starting together share one client.
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, loop.create_task(self._open_async()))
        return (await self._async[1]).instructor

    async def _open_async(self) -> _AsyncClient:
        client, owned = self._async_client, False
        if client is None:
            options = await asyncio.to_thread(client_options, self.settings)
            # aiohttp's transport costs about 1 ms less CPU per request than httpx's, which
            # matters when a batch keeps dozens of requests in flight.
            client = openai.AsyncOpenAI(**options, http_client=openai.DefaultAioHttpClient())
            owned = True
        patched = instructor.from_openai(
            retrying_client(client, Transport(self.retry)), mode=_MODES[self.settings.mode]
        )
        return _AsyncClient(client, patched, owned)

    async def aclose(self) -> None:
        """Close the async client this extractor opened for the running event loop, if any."""
        current, self._async = self._async, None
        if current is None or current[0] is not asyncio.get_running_loop():
            return
        opened = await current[1]
        if opened.owned:
            await opened.client.close()


@dataclass(frozen=True)
class _AsyncClient:
    client: openai.AsyncOpenAI
    instructor: instructor.AsyncInstructor
    owned: bool


class _CapturedError(Exception):
    """Stops a captured request before it is sent."""


_default: dict[Settings, Extractor] = {}
_default_lock = threading.Lock()


def extract(
    text: Article | str,
    *,
    published: dt.date | str | None = None,
    article_id: str | None = None,
    extractor: Extractor | None = None,
) -> ArticleExtraction:
    """Extract events from one article with the configured (or embedded default) model.

    Settings come from the environment (``NIGERWATCH_*``, ``OPENAI_*``) or, with nothing set,
    the embedded default model; see :class:`Extractor` for explicit ones.

    Args:
        text: The article text, or an :class:`Article` (see :func:`read_article`).
        published: Publication date ``YYYY-MM-DD``; wins over a ``" date ..."`` header.
        article_id: Id carried into the output.
        extractor: The extractor to use; by default one shared per process.

    Returns:
        The article's grounded, normalized events.
    """
    if extractor is None:
        settings = resolve()  # read the environment now, not at import time
        with _default_lock:
            extractor = _default.get(settings)
            if extractor is None:
                extractor = _default[settings] = Extractor.from_settings(settings)
    return extractor.extract(text, published=published, article_id=article_id)

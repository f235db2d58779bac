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
import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import httpx2
import instructor
import openai
from openai.types.chat import ChatCompletion

from nigerwatch.core.article import Article
from nigerwatch.errors import ConfigurationError, ModelServiceError
from nigerwatch.llm.answering import Answer, Answering, total_usage
from nigerwatch.llm.attempts import Attempts
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.clients import MODES, Clients
from nigerwatch.llm.context_window import ContextWindow, adiscover, discover, known
from nigerwatch.llm.instructor_logs import quieted
from nigerwatch.llm.plan import Request, focus_plan, plan
from nigerwatch.llm.retry import RetryPolicy
from nigerwatch.llm.settings import Settings, redact_url, resolve
from nigerwatch.llm.validation import Job
from nigerwatch.schemas import ArticleExtraction, Usage


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
        self._clients = Clients(settings, self.retry, client, async_client)
        self._window: ContextWindow | None = known(settings)
        self._window_lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        """The endpoint as recorded in outputs (credentials removed)."""
        if self.settings.base_url is None:
            return "embedded"
        return redact_url(self.settings.base_url)

    def context_window(self) -> ContextWindow:
        """The model's context, asked of the endpoint once (see :mod:`~.context_window`)."""
        with self._window_lock:
            if self._window is None:
                self._window = discover(self.settings, self._clients.raw())
            return self._window

    async def _acontext_window(self) -> ContextWindow:
        if self._window is None:
            # Articles that start together may each ask; the first answer is kept.
            window = await adiscover(self.settings, await self._clients.raw_async())
            self._window = self._window or window
        return self._window

    def extract(
        self,
        article: Article | str,
        *,
        published: dt.date | str | None = None,
        article_id: str | None = None,
    ) -> ArticleExtraction:
        """Extract the coups, sanctions, deployments and alliances one article reports.

        A long article is read in windows of whole paragraphs, each window once per type of
        event (``Settings.passes``), then the sentences the passes left that the type's focus
        words single out (:mod:`nigerwatch.core.focus`) are asked about one at a time
        (``Settings.focus``); the records of every request are merged into one set.

        Args:
            article: An :class:`Article` or the article text (a first line
                ``" date YYYY-MM-DD"`` gives the publication date).
            published: Publication date ``YYYY-MM-DD``; wins over the date header.
            article_id: Id carried into the output (default: a sha256 prefix).

        Returns:
            The grounded, normalized records, with what was dropped and why.

        Raises:
            ArticleError: The article is empty, or a sentence too long for the model's
                context (before any model call).
            ConfigurationError: The endpoint refused the key or does not know the model.
            ModelServiceError: The endpoint could not be reached or kept failing.
            ModelOutputError: No usable answer to any request, even after re-asking.
        """
        job = Job.of(_article(article, published, article_id))  # a bad article fails first
        requests = self._plan(job, self.context_window())
        answering = self._answering()
        answers: list[Answer] = []
        for request in requests:
            answers.append(self._ask(answering, job, request, answers))
        for request in self._focus(answering, job, answers):
            answers.append(self._ask(answering, job, request, answers))
        return answering.assemble(job, answers)

    def _ask(
        self, answering: Answering, job: Job, request: Request, earlier: list[Answer]
    ) -> Answer:
        key, answer = answering.cached(request)
        if answer is None:
            call = answering.call(job, request)
            with call:
                call.result = self._clients.sync().chat.completions.create(**call.kwargs)
            with _spent(earlier):
                answer = call.answer(key)
        return answer

    async def aextract(
        self,
        article: Article | str,
        *,
        published: dt.date | str | None = None,
        article_id: str | None = None,
    ) -> ArticleExtraction:
        """The asynchronous twin of :meth:`extract`, for running many articles at once."""
        job = Job.of(_article(article, published, article_id))
        requests = self._plan(job, await self._acontext_window())
        answering = self._answering()
        answers: list[Answer] = []
        for request in requests:
            answers.append(await self._aask(answering, job, request, answers))
        for request in self._focus(answering, job, answers):
            answers.append(await self._aask(answering, job, request, answers))
        return answering.assemble(job, answers)

    async def _aask(
        self, answering: Answering, job: Job, request: Request, earlier: list[Answer]
    ) -> Answer:
        # The cache is read and written off the event loop: a slow or locked file must not
        # stall the other articles in flight.
        key, answer = await asyncio.to_thread(answering.cached, request)
        if answer is None:
            client = await self._clients.asynchronous()
            call = answering.call(job, request)
            with call:
                call.result = await client.chat.completions.create(**call.kwargs)
            with _spent(earlier):
                answer = await asyncio.to_thread(call.answer, key)
        return answer

    async def aclose(self) -> None:
        """Close the async client this extractor opened for the running event loop, if any."""
        await self._clients.aclose()

    # -- batch files: the requests without sending them, answers received elsewhere ----------

    def request_bodies(self, article: Article) -> list[tuple[str, dict[str, Any]]]:
        """The chat-completions request bodies :meth:`extract` would send first for ``article``.

        The focused questions (``Settings.focus``) depend on these answers, so a batch file
        holds the passes only, and :meth:`from_completions` builds the records without them.

        Built by instructor itself (captured before they leave), so a batch file holds exactly
        what a direct call sends, in every mode.

        Returns:
            ``(label, body)`` per request; the label (``coup@0``) names it in a batch file.
        """
        job = Job.of(article)
        requests = self._plan(job, self.context_window())
        answering = self._answering()
        return [
            (request.label, self._capture(answering.create_kwargs(job, request, Attempts())))
            for request in requests
        ]

    def _capture(self, kwargs: dict[str, Any]) -> dict[str, Any]:
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
            instructor.from_openai(client, mode=MODES[self.settings.mode]).chat.completions.create(
                **{**kwargs, "max_retries": 0}
            )
        if not captured:
            raise ConfigurationError(f"instructor built no request for mode {self.settings.mode}")
        return captured

    def from_completions(
        self, article: Article, completions: Mapping[str, ChatCompletion]
    ) -> ArticleExtraction:
        """Records from answers obtained elsewhere (a batch output), without re-asking.

        Args:
            article: The article the requests were made for.
            completions: The answer of each request, by label (see :meth:`request_bodies`); a
                request without an answer counts as a pass that gave nothing.

        Raises:
            ModelOutputError: No answer is usable (cut off, or not a draft).
        """
        job = Job.of(article)
        requests = self._plan(job, self.context_window())
        answering = self._answering()
        answers = []
        for request in requests:
            attempts = Attempts()
            completion = completions.get(request.label)
            if completion is None:
                answers.append(Answer(request, None, Usage(), "no answer in the batch output"))
                continue
            attempts.on_response(completion)
            draft = attempts.unchecked_draft(request.answer_model)
            why = "no valid JSON answer"
            if completion.choices and completion.choices[0].finish_reason == "length":
                draft, why = None, "the answer was cut off at max_tokens"
            answers.append(
                Answer(
                    request, draft, attempts.usage(), None if draft else why, attempts.last_text()
                )
            )
        return answering.assemble(job, answers)

    # -- the steps shared by every path ----------------------------------------------------

    def _plan(self, job: Job, window: ContextWindow) -> list[Request]:
        return plan(job.article, dataclasses.replace(self.settings, context_tokens=window.tokens))

    def _focus(self, answering: Answering, job: Job, answers: list[Answer]) -> list[Request]:
        """The focused questions the passes' answers leave.

        None when ``focus`` is off, or when no pass gave a usable answer: a model that fails
        every pass would fail the questions too, at a request each.
        """
        if self.settings.passes != "per_type" or not self.settings.focus:
            return []
        if all(answer.draft is None for answer in answers):
            return []
        passes = [answer.request for answer in answers]
        return focus_plan(job.index, answering.records(job, answers), passes)

    def _answering(self) -> Answering:
        return Answering(self.settings, self.cache, self.endpoint)


def _article(
    article: Article | str, published: dt.date | str | None, article_id: str | None
) -> Article:
    if isinstance(article, str):
        return Article.from_text(article, article_id=article_id, published=published)
    return article


@contextlib.contextmanager
def _spent(answers: list[Answer]) -> Iterator[None]:
    """Add the tokens of the article's earlier answers to an endpoint failure raised inside."""
    try:
        yield
    except ModelServiceError as exc:
        exc.usage = total_usage([*(a.usage for a in answers), exc.usage])
        raise


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

"""Extraction: ask the model for a draft through instructor, then build canonical records.

This is the only layer that talks to models. One :class:`Extractor` holds one model
configuration (and, for the embedded model, one running server) and can be reused for any
number of articles; :func:`extract` is the one-call shortcut.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion
from pydantic import ConfigDict, ValidationError, ValidationInfo, model_validator

from nigerwatch import prompt
from nigerwatch.article import Article
from nigerwatch.canonical import build_records
from nigerwatch.draft import ArticleDraft
from nigerwatch.errors import (
    ArticleTooLongError,
    ConfigurationError,
    ModelOutputError,
    ModelServiceError,
)
from nigerwatch.grounding import ArticleIndex
from nigerwatch.schemas import ArticleExtraction, ArticleInfo, ModelInfo, Usage
from nigerwatch.settings import Settings, redact_url, resolve

logger = logging.getLogger(__name__)

_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
    "json": instructor.Mode.JSON,
}
_CONTEXT_KEY = "nigerwatch_job"
_FENCED_JSON = re.compile(r"```(?:json)?\s*(\{.*\})\s*```", re.DOTALL)


@dataclass(frozen=True)
class _Job:
    """What the draft validator needs to ground an answer (passed in instructor's context)."""

    article: Article
    index: ArticleIndex


class ArticleEvents(ArticleDraft):
    """The draft as validated during extraction: every event must be grounded.

    An ungrounded answer fails validation with a message that lists what the article does not
    support, and instructor re-asks the model with it (up to ``Settings.reasks`` times).
    """

    model_config = ConfigDict(extra="forbid", title="ArticleEvents")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ArticleEvents:
        job = (info.context or {}).get(_CONTEXT_KEY)
        if isinstance(job, _Job):
            problems = build_records(self, job.article, job.index).problems
            if problems:
                raise ValueError(
                    "Some values are not supported by the article. Copy them exactly from the "
                    "article, or leave the event out:\n- " + "\n- ".join(problems)
                )
        return self


@dataclass
class _Calls:
    """The completions of one article's attempts, collected through an instructor hook."""

    last: ChatCompletion | None = None
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, completion: ChatCompletion) -> None:
        # Read the counts now: instructor later folds running totals into the same object.
        usage = completion.usage
        self.last = completion
        self.attempts += 1
        self.prompt_tokens += usage.prompt_tokens if usage else 0
        self.completion_tokens += usage.completion_tokens if usage else 0

    def usage(self) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            attempts=self.attempts,
        )


class Extractor:
    """Extracts grounded, normalized events from articles with one model configuration.

    Args:
        model: Model name at the endpoint, or a ``.gguf`` path to run in the embedded server.
        base_url: OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp).
        api_key: API key for the endpoint.
        mode: instructor mode (``json_schema``, ``tools``, ``md_json``, ``json``).
        reasks: Re-asks after an answer fails validation or grounding (default 1).
        client: A ready ``openai.OpenAI`` client to use instead of building one (the test
            seam); its ``base_url`` is the endpoint and ``model`` or ``NIGERWATCH_MODEL`` the
            model.

    Raises:
        ConfigurationError: The settings cannot work; the message says what to set.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        reasks: int | None = None,
        client: openai.OpenAI | None = None,
    ) -> None:
        if client is not None:
            base_url = str(client.base_url)
            api_key = api_key or "from-client"
        self.settings: Settings = resolve(
            model=model, base_url=base_url, api_key=api_key, mode=mode, reasks=reasks
        )
        self._client = client
        self._instructor: instructor.Instructor | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        """An extractor for already resolved settings (see :func:`nigerwatch.settings.resolve`)."""
        extractor = cls.__new__(cls)
        extractor.settings = settings
        extractor._client = None
        extractor._instructor = None
        extractor._lock = threading.Lock()
        return extractor

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
            ModelServiceError: The endpoint could not be reached or kept failing.
            ModelOutputError: No usable answer even after re-asking.
        """
        if isinstance(article, str):
            article = Article.from_text(article, article_id=article_id, published=published)
        self._check_length(article)
        job = _Job(article, ArticleIndex(article.text, body_start=article.body_start))
        calls = _Calls()
        draft = self._ask(job, calls)
        records = build_records(draft, article, job.index)
        usage = calls.usage()
        logger.info(
            "%s: %d coups, %d sanctions, %d deployments, %d alliances; %d dropped; %d calls",
            article.id,
            len(records.coups),
            len(records.sanctions),
            len(records.deployments),
            len(records.alliances),
            len(records.dropped),
            usage.attempts,
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

    def _ask(self, job: _Job, calls: _Calls) -> ArticleDraft:
        s = self.settings
        hooks = Hooks()
        hooks.on("completion:response", calls.add)
        try:
            draft: ArticleEvents = self._get_instructor().chat.completions.create(
                response_model=ArticleEvents,
                messages=prompt.messages(),  # type: ignore[arg-type]
                context={"article": prompt.fence(job.article.body.strip()), _CONTEXT_KEY: job},
                max_retries=s.reasks,
                hooks=hooks,
                model=s.model,
                temperature=s.temperature,
                seed=s.seed,
                max_tokens=s.max_tokens,
            )
        except IncompleteOutputException:
            raise self._output_error(
                job, calls, f"the answer was cut off at max_tokens={s.max_tokens}"
            ) from None
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError):
                raise self._service_error(cause) from None
            # The last answer is still ungrounded: keep its grounded events, drop the rest.
            unchecked = self._parse_unchecked(calls)
            if unchecked is None:
                raise self._output_error(job, calls, "no valid JSON answer") from None
            return unchecked
        except openai.APIError as exc:
            raise self._service_error(exc) from None
        return draft

    def _get_instructor(self) -> instructor.Instructor:
        with self._lock:
            if self._instructor is None:
                client = self._client or self._make_client()
                self._instructor = instructor.from_openai(client, mode=_MODES[self.settings.mode])
            return self._instructor

    def _make_client(self) -> openai.OpenAI:
        s = self.settings
        base_url = s.base_url
        if base_url is None:
            from nigerwatch.local_server import ServerOptions, shared_server  # noqa: PLC0415

            assert s.gguf is not None
            base_url = shared_server(
                ServerOptions(
                    gguf=s.gguf,
                    alias=s.model,
                    context_tokens=s.context_tokens,
                    max_tokens=s.max_tokens,
                    seed=s.seed,
                )
            ).base_url
        return openai.OpenAI(base_url=base_url, api_key=s.api_key, timeout=s.timeout)

    def _parse_unchecked(self, calls: _Calls) -> ArticleDraft | None:
        """Parse the last answer without the grounding check, or None if it is not a draft."""
        if calls.last is None:
            return None
        text = answer_text(calls.last)
        try:
            return ArticleDraft.model_validate_json(text)
        except ValidationError:
            return None

    def _output_error(self, job: _Job, calls: _Calls, why: str) -> ModelOutputError:
        usage = calls.usage()
        last = answer_text(calls.last) if calls.last else ""
        return ModelOutputError(
            f"article {job.article.id!r}: {why} after {usage.attempts} call(s) to "
            f"{self.settings.model}. A larger model, or more reasks, may do better.",
            attempts=usage.attempts,
            last_output=last,
            usage=usage,
        )

    def _service_error(self, exc: openai.APIError) -> ConfigurationError | ModelServiceError:
        where = self.endpoint
        if isinstance(exc, openai.AuthenticationError):
            return ConfigurationError(
                f"{where} refused the API key (HTTP 401): check OPENAI_API_KEY or api_key=."
            )
        if isinstance(exc, openai.NotFoundError):
            return ConfigurationError(
                f"{where} does not know model {self.settings.model!r} or the path (HTTP 404): "
                "check NIGERWATCH_MODEL and NIGERWATCH_BASE_URL (it usually ends in /v1)."
            )
        if isinstance(exc, openai.APIStatusError):
            return ModelServiceError(
                f"{where} answered HTTP {exc.status_code} after the client's retries; "
                "try again later or lower the request rate."
            )
        return ModelServiceError(
            f"cannot reach {where} ({type(exc).__name__}); check that the server is running "
            "and NIGERWATCH_BASE_URL is right."
        )


def answer_text(completion: ChatCompletion) -> str:
    """The JSON text of a chat completion, whatever the mode put it in."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    for call in message.tool_calls or []:
        function = getattr(call, "function", None)
        if function is not None:
            return str(function.arguments or "")
    content = str(message.content or "")
    fenced = _FENCED_JSON.search(content)
    return fenced.group(1) if fenced else content


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

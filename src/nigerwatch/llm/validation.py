"""What the model answered: validation with grounding, the cost of every attempt, the raw text.

The draft is validated with the article in instructor's validation context: an answer whose
events are not grounded fails validation, and instructor re-asks the model with the reasons.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from instructor import ResponseSchema
from openai.types.chat import ChatCompletion
from pydantic import ConfigDict, ValidationError, ValidationInfo, model_validator

from nigerwatch.core.article import Article
from nigerwatch.core.canonical import Records, build_records
from nigerwatch.core.draft import ArticleDraft
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.schemas import Usage

CONTEXT_KEY = "nigerwatch_job"
_SCHEMAS: dict[tuple[object, ...], dict[str, Any]] = {}
_FENCED_JSON = re.compile(r"```(?:json)?\s*(\{.*\})\s*```", re.DOTALL)


@dataclass
class Job:
    """One article being extracted: what validation needs, and what it already computed."""

    article: Article
    index: ArticleIndex
    checked: tuple[ArticleDraft, Records] | None = None

    @classmethod
    def of(cls, article: Article) -> Job:
        """A job for ``article``, with its grounding index built once."""
        return cls(article, ArticleIndex(article.text, body_start=article.body_start))

    def records(self, draft: ArticleDraft) -> Records:
        """The records of ``draft``, reusing those computed during validation."""
        if self.checked is not None and self.checked[0] is draft:
            return self.checked[1]
        return build_records(draft, self.article, self.index)


class ArticleEvents(ArticleDraft, ResponseSchema):
    """The draft as validated during extraction: every event must be grounded.

    An ungrounded answer fails validation with a message that lists what the article does not
    support, and instructor re-asks the model with it (up to ``Settings.reasks`` times).
    """

    # This docstring is sent to the model as the schema's description: changing it changes
    # every request (and invalidates the recorded cassettes and the answer cache).
    # Deriving from instructor's ResponseSchema spares instructor wrapping the model in a new
    # class on every request, and the JSON schema is computed once: together they were most
    # of the library's CPU time per article.

    model_config = ConfigDict(extra="forbid", title="ArticleEvents")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # noqa: ANN401
        """The JSON schema, computed once per set of arguments (a copy each time)."""
        key = (cls, args, tuple(sorted(kwargs.items(), key=lambda item: item[0])))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ArticleEvents:
        job = (info.context or {}).get(CONTEXT_KEY)
        if isinstance(job, Job):
            records = build_records(self, job.article, job.index)
            if records.problems:
                raise ValueError(
                    "Some values are not supported by the article. Copy them exactly from the "
                    "article, or leave the event out:\n- " + "\n- ".join(records.problems)
                )
            job.checked = (self, records)
        return self


@dataclass
class Attempts:
    """Every answer and retry for one article, counted as they happen (instructor hooks)."""

    last: ChatCompletion | None = None
    answers: int = 0
    rejected: int = 0
    transport_retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def on_response(self, completion: ChatCompletion) -> None:
        """Hook: an answer arrived."""
        # Read the counts now: instructor later folds running totals into the same object.
        usage = completion.usage
        self.last = completion
        self.answers += 1
        self.prompt_tokens += usage.prompt_tokens if usage else 0
        self.completion_tokens += usage.completion_tokens if usage else 0

    def on_parse_error(self, error: Exception, **_: object) -> None:
        """Hook: an answer failed validation or grounding."""
        self.rejected += 1

    def usage(self) -> Usage:
        """Tokens and calls so far."""
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            attempts=self.answers,
            rejected_answers=self.rejected,
            transport_retries=self.transport_retries,
        )

    def last_text(self) -> str:
        """The raw text of the last answer ("" if none)."""
        return answer_text(self.last) if self.last is not None else ""

    def unchecked_draft(self) -> ArticleDraft | None:
        """The last answer as a draft without the grounding check, if it is one at all."""
        text = self.last_text()
        try:
            return ArticleDraft.model_validate_json(text) if text else None
        except ValidationError:
            return None


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

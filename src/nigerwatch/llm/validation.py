"""Validation with grounding: an answer whose events the article does not support is re-asked.

The draft is validated with the article in instructor's validation context: an answer whose
events are not grounded fails validation, and instructor re-asks the model with the reasons.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from instructor import ResponseSchema
from pydantic import ConfigDict, ValidationInfo, model_validator

from nigerwatch.core.article import Article
from nigerwatch.core.canonical import Records, build_records
from nigerwatch.core.draft import ArticleDraft
from nigerwatch.core.grounding import ArticleIndex

CONTEXT_KEY = "nigerwatch_job"
_SCHEMAS: dict[tuple[object, ...], dict[str, Any]] = {}


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

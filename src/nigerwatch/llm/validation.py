"""Validation with grounding: an answer whose events the article does not support is re-asked.

The draft is validated with the article in instructor's validation context: an answer whose
events are not grounded fails validation, and instructor re-asks the model with the reasons.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from instructor import ResponseSchema
from pydantic import ConfigDict, Field, ValidationInfo, model_validator
from typing_extensions import Self

from nigerwatch.core.article import Article
from nigerwatch.core.canonical import Records, build_records
from nigerwatch.core.draft import (
    AllianceDraft,
    AlliancesFound,
    ArticleDraft,
    CoupDraft,
    CoupsFound,
    DeploymentDraft,
    DeploymentsFound,
    SanctionDraft,
    SanctionsFound,
)
from nigerwatch.core.grounding import ArticleIndex

CONTEXT_KEY = "nigerwatch_job"
_SCHEMAS: dict[tuple[object, ...], dict[str, Any]] = {}


@dataclass
class Job:
    """One article being extracted: what validation needs, and what it already computed."""

    article: Article
    index: ArticleIndex
    built: list[tuple[ArticleDraft, Records]] = field(default_factory=list)
    """Every draft whose records were built, with them (so they are built once: validation,
    planning the focused questions and the final assembly all read the same answers)."""

    @classmethod
    def of(cls, article: Article) -> Job:
        """A job for ``article``, with its grounding index built once."""
        return cls(article, ArticleIndex(article.text, body_start=article.body_start))

    def records(self, draft: ArticleDraft) -> Records:
        """The records of ``draft``, built once (validation may have built them already)."""
        for seen, records in reversed(self.built):
            if seen == draft:
                return records
        return self.remember(draft, build_records(draft, self.article, self.index))

    def remember(self, draft: ArticleDraft, records: Records) -> Records:
        """Keep the records built for ``draft`` (see :meth:`records`)."""
        self.built.append((draft, records))
        return records


class GroundedAnswer(ResponseSchema):
    """An answer validated with grounding: every event must be supported by the article.

    An ungrounded answer fails validation with a message that lists what the article does not
    support, and instructor re-asks the model with it (up to ``Settings.reasks`` times).
    """

    # Deriving from instructor's ResponseSchema spares instructor wrapping the model in a new
    # class on every request, and the JSON schema is computed once: together they were most
    # of the library's CPU time per article.

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # noqa: ANN401
        """The JSON schema, computed once per set of arguments (a copy each time)."""
        key = (cls, args, tuple(sorted(kwargs.items(), key=lambda item: item[0])))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])

    def to_draft(self) -> ArticleDraft:
        """The answer as an article draft (every answer model defines it)."""
        raise NotImplementedError

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Self:
        job = (info.context or {}).get(CONTEXT_KEY)
        if isinstance(job, Job):
            draft = self.to_draft()
            records = build_records(draft, job.article, job.index)
            if records.problems:
                raise ValueError(
                    "Some values are not supported by the article. Copy them exactly from the "
                    "article, or leave the event out:\n- " + "\n- ".join(records.problems)
                )
            job.remember(draft, records)
        return self


# The docstrings below are sent to the model as the schemas' descriptions: changing one changes
# the requests (and invalidates the recorded cassettes and the answer cache).


class ArticleEvents(ArticleDraft, GroundedAnswer):
    """The draft as validated during extraction: every event must be grounded.

    An ungrounded answer fails validation with a message that lists what the article does not
    support, and instructor re-asks the model with it (up to ``Settings.reasks`` times).
    """

    model_config = ConfigDict(extra="forbid", title="ArticleEvents")

    # What one call may list of each type (the draft itself has no caps: a per-type pass lists
    # up to 8 of its type, and a pass's answer must never fail for converting to a draft).
    coups: list[CoupDraft] = Field(max_length=4)
    sanctions: list[SanctionDraft] = Field(max_length=6)
    deployments: list[DeploymentDraft] = Field(max_length=6)
    alliances: list[AllianceDraft] = Field(max_length=4)


class Coups(CoupsFound, GroundedAnswer):
    """Every coup the text reports."""

    model_config = ConfigDict(extra="forbid", title="Coups")


class Sanctions(SanctionsFound, GroundedAnswer):
    """Every sanction the text reports."""

    model_config = ConfigDict(extra="forbid", title="Sanctions")


class Deployments(DeploymentsFound, GroundedAnswer):
    """Every troop deployment or withdrawal the text reports."""

    model_config = ConfigDict(extra="forbid", title="Deployments")


class Alliances(AlliancesFound, GroundedAnswer):
    """Every alliance, pact, departure from an alliance or statement of solidarity."""

    model_config = ConfigDict(extra="forbid", title="Alliances")

"""The draft: what the model is asked to fill, in the article's own words.

The model copies surface text (names, places, date and number phrases, verbatim quotes) and picks
from closed vocabularies. It is never asked for ISO codes, offsets or resolved dates: the library
derives those (see :mod:`nigerwatch.core.canonical`). Bounds on every list and string keep a small
model from running away and keep text inside an article from adding arbitrary content.

Fields are required (nullable where a value may be absent) so grammar-constrained decoding
produces every key in a fixed order; ``quotes`` comes first so the model anchors on the text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from nigerwatch.schemas import (
    AllianceKind,
    AllianceStatus,
    CoupOutcome,
    DeploymentStatus,
    SanctionMeasure,
    SanctionStatus,
)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Quotes = Annotated[
    list[Quote],
    Field(
        min_length=1,
        max_length=3,
        description="Sentences copied word for word from the article that report this event.",
    ),
]
DatePhrase = Annotated[
    Phrase | None,
    Field(description="The date or time phrase exactly as written ('last month', '26 July')."),
]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CoupDraft(_Draft):
    """A coup as the article words it."""

    quotes: Quotes
    country: Name = Field(description="Country where power was seized, as written.")
    date: DatePhrase
    outcome: CoupOutcome
    perpetrators: list[Name] = Field(
        max_length=4, description="Who seized or tried to seize power."
    )
    ousted_leader: Name | None
    new_leader: Name | None
    ruling_body: Name | None = Field(description="Body that took power, e.g. a military council.")


class SanctionDraft(_Draft):
    """A sanction as the article words it."""

    quotes: Quotes
    imposers: list[Name] = Field(min_length=1, max_length=4)
    target_country: Name
    target_actors: list[Name] = Field(max_length=4)
    status: SanctionStatus
    measures: list[SanctionMeasure] = Field(max_length=6)
    date: DatePhrase


class DeploymentDraft(_Draft):
    """A troop deployment or withdrawal as the article words it."""

    quotes: Quotes
    deploying_party: Name = Field(description="Whose troops: an army, a country, a force.")
    origin_country: Name | None
    host_country: Name = Field(description="Country where the troops are or go.")
    location: Name | None = Field(description="City or area, as written.")
    troops: Phrase | None = Field(description="Number of personnel as written ('some 1,500').")
    status: DeploymentStatus
    purpose: Phrase | None
    date: DatePhrase


class AllianceDraft(_Draft):
    """An alliance, pact or statement of solidarity as the article words it."""

    quotes: Quotes
    members: list[Name] = Field(min_length=1, max_length=8)
    name: Name | None
    kind: AllianceKind
    status: AllianceStatus
    date: DatePhrase


class ArticleDraft(_Draft):
    """Every event of the four kinds that one article reports."""

    model_config = ConfigDict(extra="forbid", title="ArticleEvents")

    # No caps here: one pass may list 8 events of its type, and a long article's windows
    # more. The single call's answer schema caps them (llm.validation.ArticleEvents).
    coups: list[CoupDraft]
    sanctions: list[SanctionDraft]
    deployments: list[DeploymentDraft]
    alliances: list[AllianceDraft]

    def to_draft(self) -> ArticleDraft:
        """Itself (every answer model converts to an article draft)."""
        return self


# -- one pass per type ---------------------------------------------------------------------------
# What the model fills when it is asked about one type of event at a time: one evidence sentence
# first (the model anchors on the text, then reads the fields from it), the fields that identify
# the event next, and the rest optional, so that the model writes no nulls it does not need
# (every generated token costs time on a CPU). Each converts to the full draft of its type.

Sentence = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
    Field(description="The sentence of the article that reports the event, copied exactly."),
]


class CoupFound(_Draft):
    """A coup, from the pass that looks for coups only."""

    quote: Sentence
    country: Name = Field(description="Country where power was seized, as written.")
    outcome: CoupOutcome
    date: DatePhrase = None
    ousted_leader: Name | None = None
    new_leader: Name | None = None
    ruling_body: Name | None = None
    perpetrators: list[Name] = Field(default_factory=list, max_length=4)

    def to_draft(self) -> CoupDraft:
        """The full coup draft."""
        return CoupDraft(quotes=[self.quote], **self.model_dump(exclude={"quote"}))


class SanctionFound(_Draft):
    """A sanction, from the pass that looks for sanctions only."""

    quote: Sentence
    imposers: list[Name] = Field(min_length=1, max_length=4)
    target_country: Name
    status: SanctionStatus
    measures: list[SanctionMeasure] = Field(default_factory=list, max_length=6)
    target_actors: list[Name] = Field(default_factory=list, max_length=4)
    date: DatePhrase = None

    def to_draft(self) -> SanctionDraft:
        """The full sanction draft."""
        return SanctionDraft(quotes=[self.quote], **self.model_dump(exclude={"quote"}))


class DeploymentFound(_Draft):
    """A deployment, from the pass that looks for deployments only."""

    quote: Sentence
    deploying_party: Name = Field(description="Whose troops: an army, a country, a force.")
    host_country: Name = Field(description="Country where the troops are or go.")
    status: DeploymentStatus
    troops: Phrase | None = Field(default=None, description="Number of personnel as written.")
    location: Name | None = None
    origin_country: Name | None = None
    purpose: Phrase | None = None
    date: DatePhrase = None

    def to_draft(self) -> DeploymentDraft:
        """The full deployment draft."""
        return DeploymentDraft(quotes=[self.quote], **self.model_dump(exclude={"quote"}))


class AllianceFound(_Draft):
    """An alliance, from the pass that looks for alliances only."""

    quote: Sentence
    members: list[Name] = Field(min_length=1, max_length=8)
    kind: AllianceKind
    status: AllianceStatus
    name: Name | None = None
    date: DatePhrase = None

    def to_draft(self) -> AllianceDraft:
        """The full alliance draft."""
        return AllianceDraft(quotes=[self.quote], **self.model_dump(exclude={"quote"}))


class CoupsFound(_Draft):
    """Every coup the text reports."""

    coups: list[CoupFound] = Field(max_length=8)

    def to_draft(self) -> ArticleDraft:
        """The article draft holding these coups."""
        return ArticleDraft(
            coups=[c.to_draft() for c in self.coups], sanctions=[], deployments=[], alliances=[]
        )


class SanctionsFound(_Draft):
    """Every sanction the text reports."""

    sanctions: list[SanctionFound] = Field(max_length=8)

    def to_draft(self) -> ArticleDraft:
        """The article draft holding these sanctions."""
        return ArticleDraft(
            coups=[], sanctions=[s.to_draft() for s in self.sanctions], deployments=[], alliances=[]
        )


class DeploymentsFound(_Draft):
    """Every troop deployment or withdrawal the text reports."""

    deployments: list[DeploymentFound] = Field(max_length=8)

    def to_draft(self) -> ArticleDraft:
        """The article draft holding these deployments."""
        return ArticleDraft(
            coups=[],
            sanctions=[],
            deployments=[d.to_draft() for d in self.deployments],
            alliances=[],
        )


class AlliancesFound(_Draft):
    """Every alliance, pact, departure from an alliance or statement of solidarity."""

    alliances: list[AllianceFound] = Field(max_length=8)

    def to_draft(self) -> ArticleDraft:
        """The article draft holding these alliances."""
        return ArticleDraft(
            coups=[], sanctions=[], deployments=[], alliances=[a.to_draft() for a in self.alliances]
        )

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

    coups: list[CoupDraft] = Field(max_length=4)
    sanctions: list[SanctionDraft] = Field(max_length=6)
    deployments: list[DeploymentDraft] = Field(max_length=6)
    alliances: list[AllianceDraft] = Field(max_length=4)

"""The records of a timeline: one consolidated event per real-world event, with its reports.

One JSON line per :class:`ConsolidatedEvent` (``nigerwatch consolidate`` writes them). Like the
article records, they are closed (no unknown fields) and versioned.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from nigerwatch.schemas import (
    Alliance,
    Coup,
    Deployment,
    EventType,
    Evidence,
    PartialDate,
    Sanction,
)

TIMELINE_SCHEMA_VERSION: Final = "1"
"""Version of the timeline record layout; bumped on any incompatible change."""

AnyEvent = Annotated[Coup | Sanction | Deployment | Alliance, Field(discriminator="type")]
"""An event record, told apart by its ``type``."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Report(_Record):
    """One article's record of the event, and why it was taken as the same event."""

    article_id: str
    event_id: str = Field(description="The id of the event in its article's record.")
    published: dt.date | None = Field(description="The article's publication date.")
    source: str | None = Field(default=None, description="From the input's meta, when given.")
    url: str | None = Field(default=None, description="From the input's meta, when given.")
    title: str | None = Field(default=None, description="From the input's meta, when given.")
    date: PartialDate | None = Field(description="The date this report gives the event.")
    date_consistent: bool = Field(
        description="Whether this report's date agrees with the chosen date (True when undated)."
    )
    reason: str | None = Field(
        description="Why this report joined the event (the event identity's explanation); None "
        "for the report that founded it."
    )
    evidence: list[Evidence] = Field(description="Offsets into this report's article text.")


class FieldValue(_Record):
    """One value a field took, and the reports (event ids) that gave it."""

    value: JsonValue
    event_ids: list[str]


class FieldConflict(_Record):
    """A field the reports disagree on: every value with its sources, the chosen one and why."""

    field: str
    chosen: JsonValue
    reason: str = Field(description="Why this value, e.g. 'most precise date' or 'majority'.")
    values: list[FieldValue]


class ConsolidatedEvent(_Record):
    """A real-world event as several articles reported it."""

    schema_version: Literal["1"] = TIMELINE_SCHEMA_VERSION
    id: str = Field(
        description="Stable id, derived from the event's earliest report: adding later reports "
        "keeps it."
    )
    type: EventType
    country: str | None = Field(
        description="Coup country, sanction target or deployment host (ISO alpha-3); None for "
        "alliances."
    )
    stage: str = Field(description="The coup outcome, or the event's status.")
    date: PartialDate | None = Field(description="The chosen date (see date_reason).")
    date_reason: str
    first_seen: dt.date | None = Field(description="Earliest publication date of a report.")
    last_seen: dt.date | None = Field(description="Latest publication date of a report.")
    event: AnyEvent = Field(
        description="The event with the chosen values and the reports' actors and measures "
        "merged; its evidence is the first report's (offsets into reports[0]'s article)."
    )
    reports: list[Report] = Field(min_length=1)
    conflicts: list[FieldConflict] = Field(default_factory=list)
    ambiguous_with: list[str] = Field(
        default_factory=list,
        description="Other consolidated events this event's only report could equally belong "
        "to: it was attached to none of them.",
    )

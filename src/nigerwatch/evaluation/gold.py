"""Gold labels: what a careful coder says an article reports, in a documented, validated format.

One JSON object per article (a folder of ``*.json`` files, or one ``.jsonl`` file)::

    {"id": "en_std_01.txt", "split": "tune", "slice": "standard_en", "language": "en",
     "published": "2023-08-11", "notes": "...",
     "events": [{"type": "coup", "required": true, "country": "NER", "date": "2023-07-26",
                 "outcome": "successful", "ousted_leader": "Mohamed Bazoum",
                 "new_leader": null, "evidence": "..."}, ...],
     "must_not": [{"rule": "Niger is never Nigeria", "type": "any",
                   "match": {"country": "NGA"}}, ...]}

Countries are ISO 3166-1 alpha-3 codes, organisations the canonical acronyms of
:mod:`nigerwatch.normalize` (``ECOWAS``, ``AES``...), dates ISO 8601 at the precision the
article supports (``2023-07-26``, ``2023-07``, ``2023``). ``required: false`` marks an optional
event: reporting it is neither credited nor penalised. See ``evaluation/dev/README.md`` for the
full description and the labelling conventions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nigerwatch.errors import ConfigurationError
from nigerwatch.schemas import (
    AllianceKind,
    AllianceStatus,
    CoupOutcome,
    DeploymentStatus,
    EventType,
    SanctionMeasure,
    SanctionStatus,
)

Slice = Literal["standard_en", "french", "negative", "modality", "adversarial", "long"]
Split = Literal["tune", "heldout", "retired"]
"""``tune``: articles a pipeline may be tuned on; ``heldout``: articles scored, never tuned on;
``retired``: former held-out articles whose errors were since read and worked on (scored on
their own, no longer a blind measure)."""


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _GoldEvent(_Gold):
    required: bool = True
    date: str | None = Field(default=None, description="ISO 8601 at its precision, or null.")
    evidence: str = Field(min_length=1, description="Verbatim snippet where it is stated.")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            date_range(value)  # raises ValueError for anything but YYYY, YYYY-MM, YYYY-MM-DD
        return value


class GoldCoup(_GoldEvent):
    """A coup the article reports."""

    type: Literal["coup"]
    country: str
    outcome: CoupOutcome
    ousted_leader: str | None = None
    new_leader: str | None = None


class GoldSanction(_GoldEvent):
    """A sanction the article reports."""

    type: Literal["sanction"]
    target: str
    imposers: list[str] = Field(min_length=1)
    status: SanctionStatus
    measures: list[SanctionMeasure] = Field(default_factory=list)


class GoldDeployment(_GoldEvent):
    """A deployment the article reports; ``actor`` lists every acceptable code."""

    type: Literal["deployment"]
    host: str | None = Field(description="Null only for an optional regional force.")
    actor: list[str] = Field(min_length=1)
    status: DeploymentStatus
    troops: int | None = None
    location: str | None = None


class GoldAlliance(_GoldEvent):
    """An alliance (or a departure from one) the article reports."""

    type: Literal["alliance"]
    members: list[str] = Field(min_length=1)
    name: str | None = None
    kind: AllianceKind
    status: AllianceStatus


GoldEvent = Annotated[
    GoldCoup | GoldSanction | GoldDeployment | GoldAlliance, Field(discriminator="type")
]


class MustNotMatch(_Gold):
    """Constraints that all hold for a predicted event that breaks the rule."""

    country: str | None = None
    target: str | None = None
    host: str | None = None
    imposers: list[str] | None = None
    actor: list[str] | None = None
    members: list[str] | None = None
    status: list[str] | None = None
    evidence_contains: str | None = None


class MustNot(_Gold):
    """What a careless extractor would invent in this article."""

    rule: str = Field(min_length=1)
    type: EventType | Literal["any"]
    match: MustNotMatch = Field(default_factory=MustNotMatch)


class GoldArticle(_Gold):
    """The labels of one article."""

    id: str = Field(description="The article id: its file name, as `nigerwatch extract` gives.")
    split: Split
    slice: Slice
    language: Literal["en", "fr"]
    published: dt.date | None = None
    notes: str = ""
    events: list[GoldEvent] = Field(default_factory=list)
    must_not: list[MustNot] = Field(default_factory=list)

    @property
    def required(self) -> list[GoldCoup | GoldSanction | GoldDeployment | GoldAlliance]:
        """The events an extractor must report."""
        return [event for event in self.events if event.required]


def date_range(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO date at its precision denotes.

    Raises:
        ValueError: ``value`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(*parts)
    return day, day


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read and validate gold labels from a folder of ``*.json`` files or a ``.jsonl`` file.

    Raises:
        ConfigurationError: The path holds no labels, or a file is not valid gold; the
            message names the file and the field.
    """
    path = Path(path)
    articles = [_parse(text, where) for text, where in _records(path)]
    if not articles:
        raise ConfigurationError(f"{path}: no gold labels found (*.json files or a .jsonl file)")
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise ConfigurationError(f"{path}: the gold labels of {article.id!r} appear twice")
        seen.add(article.id)
    return articles


def _records(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield file.read_text(encoding="utf-8"), str(file)
    elif path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield line, f"{path}:{number}"
    else:
        raise ConfigurationError(f"{path}: no such file or folder of gold labels")


def _parse(text: str, where: str) -> GoldArticle:
    try:
        return GoldArticle.model_validate(json.loads(text))
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"{where}: not JSON ({exc.msg}, line {exc.lineno})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise ConfigurationError(f"{where}: not valid gold labels: {problems}") from None

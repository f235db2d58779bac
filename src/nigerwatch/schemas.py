"""The canonical output records: what nigerwatch promises to its users.

Every record here is produced by library code (grounding and normalization), never copied from a
model's answer: country codes are ISO 3166-1 alpha-3, organisations are canonical acronyms, dates
carry their precision and range, and every event carries verbatim evidence with character offsets
into the article text.

This module imports neither ``openai`` nor ``instructor``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION: Final = "1"
"""Version of the output record layout; bumped on any incompatible change."""

EventType = Literal["coup", "sanction", "deployment", "alliance"]
Language = Literal["en", "fr"]
MatchKind = Literal["exact", "normalized", "fuzzy"]
DatePrecision = Literal["day", "week", "month", "year"]
ActorKind = Literal["state", "armed_forces", "organization", "other"]

CoupOutcome = Literal["successful", "failed", "attempted", "alleged"]
SanctionStatus = Literal["threatened", "imposed", "eased", "lifted"]
SanctionMeasure = Literal[
    "border_closure",
    "trade_suspension",
    "financial_transactions_suspension",
    "asset_freeze",
    "travel_ban",
    "no_fly_zone",
    "aid_suspension",
    "arms_embargo",
    "membership_suspension",
    "other",
]
DeploymentStatus = Literal[
    "threatened",
    "planned",
    "announced",
    "arrived",
    "ongoing",
    "reinforced",
    "withdrawing",
    "withdrawn",
]
AllianceKind = Literal[
    "mutual_defense",
    "military_cooperation",
    "solidarity_statement",
    "confederation",
    "political",
    "economic",
    "withdrawal",
]
AllianceStatus = Literal["proposed", "announced", "formed", "joined", "left", "dissolved"]
Check = Literal[
    "quote_not_found",
    "injected_instruction",
    "no_trigger",
    "negated",
    "demanded",
    "claimed",
    "hypothetical",
    "planned",
    "stage_from_evidence",
    "ending_not_stated",
    "one_member",
    "members_not_states",
    "imposer_is_target",
    "imposer_unknown",
    "company_decision",
    "own_forces_at_home",
    "host_from_evidence",
    "country_not_in_evidence",
    "party_and_host_swapped",
    "party_unknown",
    "members_from_evidence",
    "troops_not_a_tie",
    "sanction_not_a_tie",
    "force_is_a_deployment",
    "mutiny_not_a_coup",
    "sport",
    "name_not_grounded",
    "not_a_country",
    "niger_not_nigeria",
    "placeholder",
    "date_not_found",
    "date_not_in_evidence",
    "date_unresolved",
    "date_from_evidence",
    "measures_from_evidence",
    "leader_from_evidence",
    "country_of_ousted_leader",
    "one_deployment_per_party",
    "one_coup_per_ousted_leader",
    "one_coup_per_dated_seizure",
    "troops_not_found",
    "troops_from_evidence",
    "not_personnel",
    "pass_failed",
]
"""The check of the record builder that refused or changed a value (see ``Dropped``)."""

META_MAX_FIELDS: Final = 32
META_MAX_NAME: Final = 64
META_MAX_TEXT: Final = 2000
MetaValue = (
    Annotated[str, StringConstraints(max_length=META_MAX_TEXT)]
    | int
    | Annotated[float, Field(allow_inf_nan=False)]
    | bool
    | None
)
"""A value of ``ArticleInfo.meta``: a JSON scalar (lists and objects arrive as JSON text)."""

CountryCode = str
"""An ISO 3166-1 alpha-3 code such as ``"NER"`` (Niger) or ``"NGA"`` (Nigeria)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Record):
    """A verbatim passage of the article that supports an event.

    ``article_text[start:end] == quote`` always holds: the offsets are computed by the library.
    """

    quote: str = Field(description="The article's own text between start and end.")
    start: int = Field(ge=0, description="Offset of the first character (Python str index).")
    end: int = Field(ge=0, description="Offset one past the last character.")
    match: MatchKind = Field(
        description="How the model's quote was found: exact, normalized (whitespace, quotes, "
        "case) or fuzzy (near-verbatim)."
    )
    score: float = Field(ge=0, le=100, description="Similarity of the model's quote, 0-100.")


class PartialDate(_Record):
    """A date known only to the precision the text supports.

    ``"last month"`` in an article published on 2023-08-06 is ``2023-07`` with precision
    ``month``, earliest 2023-07-01 and latest 2023-07-31, and ``relative`` (it depends on the
    publication date); "26 July 2023" is not relative.
    """

    text: str = Field(description="The date phrase as written in the article.")
    value: str = Field(
        description="ISO 8601 at the given precision: 2023-07-26, 2023-W30, 2023-07 or 2023."
    )
    precision: DatePrecision
    earliest: dt.date = Field(description="First day the phrase can denote.")
    latest: dt.date = Field(description="Last day the phrase can denote.")
    relative: bool = Field(
        default=False,
        description="Worked out from the publication date ('last month', 'on Sunday', 'three "
        "days ago', a month without its year): wrong if that date is wrong (a crawl date).",
    )


class TroopCount(_Record):
    """A number of personnel (never vehicles), with its hedging kept."""

    text: str = Field(description="The phrase as written, e.g. 'some 1,500 soldiers'.")
    value: int = Field(ge=0)
    approximate: bool = Field(description="True for 'about', 'some', 'nearly', 'environ'...")


class Actor(_Record):
    """A party to an event: a state, its armed forces, an organisation or another group."""

    name: str = Field(description="The name as written in the article.")
    kind: ActorKind
    country: CountryCode | None = Field(
        default=None, description="ISO 3166-1 alpha-3 of the state the actor belongs to."
    )
    organization: str | None = Field(
        default=None, description="Canonical acronym of an international organisation (ECOWAS)."
    )


class _Event(_Record):
    id: str = Field(description="Stable id: same article and same event give the same id.")
    date: PartialDate | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Coup(_Event):
    """A seizure of power by the military or other elites, successful or not."""

    type: Literal["coup"] = "coup"
    country: CountryCode
    outcome: CoupOutcome
    perpetrators: list[Actor] = Field(default_factory=list)
    ousted_leader: str | None = None
    new_leader: str | None = None
    ruling_body: str | None = Field(
        default=None, description="The body that took power, e.g. the CNSP in Niger (2023)."
    )


class Sanction(_Event):
    """Punitive measures threatened, imposed, eased or lifted against a country or its actors."""

    type: Literal["sanction"] = "sanction"
    imposers: list[Actor] = Field(min_length=1)
    target_country: CountryCode
    target_actors: list[Actor] = Field(default_factory=list)
    status: SanctionStatus
    measures: list[SanctionMeasure] = Field(default_factory=list)


class Deployment(_Event):
    """Troops sent, stationed, reinforced or withdrawn."""

    type: Literal["deployment"] = "deployment"
    deploying_party: Actor
    origin_country: CountryCode | None = None
    host_country: CountryCode
    location: str | None = Field(default=None, description="Place as written, e.g. 'Niamey'.")
    troops: TroopCount | None = None
    status: DeploymentStatus
    purpose: str | None = None


class Alliance(_Event):
    """An alliance, pact or statement of solidarity between states or organisations."""

    type: Literal["alliance"] = "alliance"
    members: list[Actor] = Field(min_length=1)
    name: str | None = Field(
        default=None, description="Canonical name when known (AES), else as written."
    )
    kind: AllianceKind
    status: AllianceStatus


Event = Coup | Sanction | Deployment | Alliance
"""Any of the four kinds of event."""


class ArticleInfo(_Record):
    """What the extraction knows about its source article."""

    id: str = Field(description="Caller-given id, else the file name, else the sha256 prefix.")
    published: dt.date | None = Field(
        default=None, description="Publication date: the published= argument or the date header."
    )
    language: Language
    sha256: str = Field(description="SHA-256 of the article text as processed.")
    chars: int = Field(ge=0, description="Length of the article text in characters.")
    meta: dict[Annotated[str, StringConstraints(max_length=META_MAX_NAME)], MetaValue] = Field(
        default_factory=dict,
        max_length=META_MAX_FIELDS,
        description="The input record's other fields (url, title, source, outlet...), as given: "
        "JSON scalars, long strings cut, lists and objects as their JSON text.",
    )


class ModelInfo(_Record):
    """Which model produced the draft, and how it was asked."""

    name: str
    endpoint: str = Field(description="Base URL of the OpenAI-compatible endpoint.")
    mode: str = Field(description="instructor mode used (json_schema, tools, md_json...).")
    prompt_version: str


class Usage(_Record):
    """Tokens spent on one article, counting every attempt (re-asks included)."""

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    attempts: int = Field(default=0, ge=0, description="Model answers received for this article.")
    rejected_answers: int = Field(
        default=0, ge=0, description="Answers that failed validation or grounding (re-asked)."
    )
    transport_retries: int = Field(
        default=0, ge=0, description="Requests repeated after 429, 5xx, timeouts or lost links."
    )
    cached_prompt_tokens: int = Field(
        default=0,
        ge=0,
        description="Prompt tokens the server served from its prompt cache (llama.cpp, OpenAI).",
    )
    cached: bool = Field(
        default=False,
        description="Answer taken from the cache: no tokens were spent in this run; the counts "
        "are what the original answer cost.",
    )

    @property
    def total_tokens(self) -> int:
        """Prompt and completion tokens together."""
        return self.prompt_tokens + self.completion_tokens


class Dropped(_Record):
    """Something the model proposed that the library refused, and why."""

    event_type: EventType | None = Field(
        description="The kind of event, or None when a whole single-call request gave nothing."
    )
    field: str | None = Field(
        default=None, description="The field cleared, or None when the whole event was dropped."
    )
    reason: str
    check: Check | None = Field(
        default=None, description="Which check refused it (None in records of 0.1 releases)."
    )
    draft: dict[str, object] = Field(description="The model's draft of the event, as proposed.")


class ArticleExtraction(_Record):
    """Everything extracted from one article: one JSON Lines record."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    article: ArticleInfo
    coups: list[Coup] = Field(default_factory=list)
    sanctions: list[Sanction] = Field(default_factory=list)
    deployments: list[Deployment] = Field(default_factory=list)
    alliances: list[Alliance] = Field(default_factory=list)
    model: ModelInfo
    usage: Usage
    dropped: list[Dropped] = Field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        """All events of the four kinds, in one list."""
        return [*self.coups, *self.sanctions, *self.deployments, *self.alliances]

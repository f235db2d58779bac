"""The flat tables: every column, its type and meaning, in one place.

The writers (CSV, Parquet, SQLite, DuckDB), :func:`~nigerwatch.export.to_frames` and the
schema document (``docs/tables.md``, generated from here and checked by a test) all read these
definitions, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["text", "integer", "real", "date", "boolean"]


@dataclass(frozen=True)
class Column:
    """One column: its name, type and meaning."""

    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True)
class Table:
    """One table.

    Attributes:
        name: The table (file) name.
        description: What one row is.
        columns: The columns, in order.
        key: The columns that identify a row (the primary key in SQLite and DuckDB).
        source: ``"records"`` for tables of the article records, ``"timeline"`` for those of
            a consolidated timeline.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    source: Literal["records", "timeline"]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)


def _c(name: str, type_: ColumnType, description: str) -> Column:
    return Column(name, type_, description)


_ARTICLE_EVENT = (
    _c("article_id", "text", "The article's id (`article.id` of its record)."),
    _c("event_id", "text", "The event's id in its article's record."),
)

EVENT_COLUMNS = (
    _c("type", "text", "`coup`, `sanction`, `deployment` or `alliance`."),
    _c(
        "country",
        "text",
        "Main country (ISO 3166-1 alpha-3): coup country, sanction target, "
        "deployment host; NULL for alliances.",
    ),
    _c("country_alpha2", "text", "Its ISO 3166-1 alpha-2 code."),
    _c("country_iso_numeric", "integer", "Its ISO 3166-1 numeric code (ACLED's `iso`)."),
    _c("country_cow", "integer", "Its Correlates of War state number (Powell & Thyne)."),
    _c("country_fips", "text", "Its FIPS 10-4 code, as GDELT uses (Niger `NG`, Nigeria `NI`)."),
    _c("status", "text", "The coup outcome, or the sanction, deployment or alliance status."),
    _c("date_text", "text", "The date phrase as written."),
    _c(
        "date_value",
        "text",
        "ISO 8601 at its precision: `2023-07-26`, `2023-W30`, `2023-07`, `2023`.",
    ),
    _c("date_precision", "text", "`day`, `week`, `month` or `year`."),
    _c("date_earliest", "date", "First day the date can denote."),
    _c("date_latest", "date", "Last day the date can denote."),
    _c(
        "event_date",
        "date",
        "ACLED-style event date: the day, or a week's first day; NULL for months and years.",
    ),
    _c("time_precision", "integer", "ACLED time precision: 1 day, 2 week; NULL otherwise."),
    _c("cameo_code", "text", "CAMEO event code (NULL for coups: CAMEO has none)."),
    _c("cameo_label", "text", "Its label in the CAMEO 1.1b3 codebook."),
    _c("plover_event", "text", "PLOVER event type."),
    _c("plover_mode", "text", "PLOVER mode."),
    _c("plover_context", "text", "PLOVER context."),
    _c("ousted_leader", "text", "Coups: the leader ousted."),
    _c("new_leader", "text", "Coups: the leader who took power."),
    _c("ruling_body", "text", "Coups: the body that took power."),
    _c("origin_country", "text", "Deployments: the troops' country (alpha-3)."),
    _c("location", "text", "Deployments: the place, as written."),
    _c("troops", "integer", "Deployments: number of personnel."),
    _c("troops_approximate", "boolean", "Deployments: the number is hedged ('some', 'about')."),
    _c("troops_text", "text", "Deployments: the troop phrase as written."),
    _c("purpose", "text", "Deployments: the stated purpose."),
    _c("alliance_name", "text", "Alliances: the canonical name when known (`AES`)."),
    _c("alliance_kind", "text", "Alliances: `mutual_defense`, `confederation`..."),
    _c("first_quote", "text", "The first evidence quote."),
)
"""Columns every event row has, whatever its type (NULL where a field does not apply)."""

_ACTOR = (
    _c("role", "text", "`perpetrator`, `imposer`, `target`, `deploying_party` or `member`."),
    _c("position", "integer", "Order within the role, from 0."),
    _c("name", "text", "The name as written."),
    _c("kind", "text", "`state`, `armed_forces`, `organization` or `other`."),
    _c("country", "text", "ISO 3166-1 alpha-3 of the state the actor belongs to."),
    _c("organization", "text", "Canonical acronym of the organisation (`ECOWAS`)."),
    _c("organization_wikidata", "text", "Its Wikidata id, where checked (`Q193272`)."),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "articles",
            "One row per article record.",
            (
                _c("article_id", "text", "The article's id."),
                _c("published", "date", "Publication date."),
                _c("language", "text", "`en` or `fr`."),
                _c("sha256", "text", "SHA-256 of the article text."),
                _c("chars", "integer", "Length of the text in characters."),
                _c("source", "text", "`article.meta.source` when the input gave one."),
                _c("url", "text", "`article.meta.url` when the input gave one."),
                _c("title", "text", "`article.meta.title` when the input gave one."),
                _c("model", "text", "The model that read the article."),
                _c("prompt_version", "text", "The prompt version it was asked with."),
                _c("prompt_tokens", "integer", "Prompt tokens spent, all attempts."),
                _c("completion_tokens", "integer", "Completion tokens spent, all attempts."),
                _c("events", "integer", "Number of events in the record."),
                _c("dropped", "integer", "Number of items the library refused."),
            ),
            ("article_id",),
            "records",
        ),
        Table(
            "events",
            "One row per event of an article record.",
            (
                *_ARTICLE_EVENT,
                *EVENT_COLUMNS,
                _c("published", "date", "The article's publication date."),
                _c("source", "text", "The article's source, when the input gave one."),
                _c("url", "text", "The article's URL, when the input gave one."),
                _c(
                    "consolidated_id",
                    "text",
                    "The consolidated event this report belongs to "
                    "(when exported with a timeline).",
                ),
            ),
            ("article_id", "event_id"),
            "records",
        ),
        Table(
            "actors",
            "One row per actor of an event, with its role.",
            (*_ARTICLE_EVENT, *_ACTOR),
            ("article_id", "event_id", "role", "position"),
            "records",
        ),
        Table(
            "measures",
            "One row per measure of a sanction.",
            (
                *_ARTICLE_EVENT,
                _c("measure", "text", "`border_closure`, `asset_freeze`, `travel_ban`..."),
                _c(
                    "gsdb_type",
                    "text",
                    "Global Sanctions Data Base type: `trade`, `arms`, "
                    "`military`, `financial`, `travel`, `other` (NULL where unclear).",
                ),
            ),
            ("article_id", "event_id", "measure"),
            "records",
        ),
        Table(
            "evidence",
            "One row per evidence passage of an event.",
            (
                *_ARTICLE_EVENT,
                _c("position", "integer", "Order of the passage, from 0."),
                _c("quote", "text", "The article's text between start and end."),
                _c("start", "integer", "Offset of the first character in the article text."),
                _c("end", "integer", "Offset one past the last character."),
                _c("match", "text", "`exact`, `normalized` or `fuzzy`."),
                _c("score", "real", "Similarity of the model's quote, 0-100."),
            ),
            ("article_id", "event_id", "position"),
            "records",
        ),
        Table(
            "dropped",
            "One row per item the library refused, and why.",
            (
                _c("article_id", "text", "The article's id."),
                _c("position", "integer", "Order in the record, from 0."),
                _c("event_type", "text", "The kind of event proposed."),
                _c("field", "text", "The field cleared; NULL when the whole event was dropped."),
                _c("reason", "text", "Why."),
                _c("draft", "text", "The model's draft, as JSON text."),
            ),
            ("article_id", "position"),
            "records",
        ),
        Table(
            "consolidated_events",
            "One row per real-world event of the timeline.",
            (
                _c("consolidated_id", "text", "The consolidated event's id."),
                *EVENT_COLUMNS,
                _c("reports", "integer", "Number of reports (article events) merged."),
                _c("articles", "integer", "Number of distinct articles among them."),
                _c("first_seen", "date", "Earliest publication date of a report."),
                _c("last_seen", "date", "Latest publication date of a report."),
                _c("date_reason", "text", "Why this date, when reports disagree."),
                _c("conflicts", "integer", "Number of fields the reports disagree on."),
                _c(
                    "ambiguous_with",
                    "text",
                    "Space-separated ids of the events this one's "
                    "only report could also belong to (attached to none).",
                ),
            ),
            ("consolidated_id",),
            "timeline",
        ),
        Table(
            "consolidated_actors",
            "One row per actor of a consolidated event (the reports' actors merged).",
            (_c("consolidated_id", "text", "The consolidated event's id."), *_ACTOR),
            ("consolidated_id", "role", "position"),
            "timeline",
        ),
        Table(
            "reports",
            "One row per report of a consolidated event.",
            (
                _c("consolidated_id", "text", "The consolidated event's id."),
                *_ARTICLE_EVENT,
                _c("published", "date", "The article's publication date."),
                _c("date_value", "text", "The date this report gives."),
                _c("date_consistent", "boolean", "Whether it agrees with the chosen date."),
                _c("reason", "text", "Why the report joined the event; NULL for the first."),
                _c("source", "text", "The article's source, when given."),
                _c("url", "text", "The article's URL, when given."),
            ),
            ("consolidated_id", "article_id", "event_id"),
            "timeline",
        ),
        Table(
            "conflicts",
            "One row per field the reports of a consolidated event disagree on.",
            (
                _c("consolidated_id", "text", "The consolidated event's id."),
                _c("field", "text", "The field (`date`, `troops`, `ousted_leader`...)."),
                _c("chosen", "text", "The chosen value, as JSON text."),
                _c("reason", "text", "Why it was chosen."),
                _c("values", "text", "Every value with the event ids that gave it, as JSON."),
            ),
            ("consolidated_id", "field"),
            "timeline",
        ),
    )
}
"""Every table, in the order they are written."""

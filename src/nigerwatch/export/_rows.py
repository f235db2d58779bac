"""Records to rows: one tuple per row, in the column order of :mod:`._tables`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping

from nigerwatch.consolidate import ConsolidatedEvent, article_meta
from nigerwatch.normalize import (
    acled_date,
    country_codes,
    event_codes,
    gsdb_type,
    organization_wikidata,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    ArticleExtraction,
    Coup,
    Deployment,
    Event,
    Sanction,
)

Value = str | int | float | bool | dt.date | None
Row = tuple[Value, ...]
Rows = Iterator[tuple[str, Row]]
"""(table name, row) pairs."""

ReportKey = tuple[str, str]
"""(article id, event id): a report, across the records and the timeline."""


def article_rows(
    extraction: ArticleExtraction, consolidated: Mapping[ReportKey, str] | None = None
) -> Rows:
    """The rows of one article record, in every records table.

    Args:
        extraction: The record.
        consolidated: The consolidated event id of each report, when a timeline is exported.
    """
    info = extraction.article
    meta = article_meta(info)
    yield (
        "articles",
        (
            info.id,
            info.published,
            info.language,
            info.sha256,
            info.chars,
            meta.get("source"),
            meta.get("url"),
            meta.get("title"),
            extraction.model.name,
            extraction.model.prompt_version,
            extraction.usage.prompt_tokens,
            extraction.usage.completion_tokens,
            len(extraction.events),
            len(extraction.dropped),
        ),
    )
    for event in extraction.events:
        ids = (info.id, event.id)
        cid = (consolidated or {}).get(ids)
        yield (
            "events",
            (
                *ids,
                *event_values(event),
                info.published,
                meta.get("source"),
                meta.get("url"),
                cid,
            ),
        )
        for role, position, actor in roles(event):
            yield "actors", (*ids, *_actor(role, position, actor))
        if isinstance(event, Sanction):
            for measure in dict.fromkeys(event.measures):
                yield "measures", (*ids, measure, gsdb_type(measure))
        for position, evidence in enumerate(event.evidence):
            yield (
                "evidence",
                (
                    *ids,
                    position,
                    evidence.quote,
                    evidence.start,
                    evidence.end,
                    evidence.match,
                    evidence.score,
                ),
            )
    for position, dropped in enumerate(extraction.dropped):
        draft = json.dumps(dropped.draft, ensure_ascii=False, sort_keys=True)
        yield (
            "dropped",
            (info.id, position, dropped.event_type, dropped.field, dropped.reason, draft),
        )


def timeline_rows(event: ConsolidatedEvent) -> Rows:
    """The rows of one consolidated event, in every timeline table."""
    cid = event.id
    yield (
        "consolidated_events",
        (
            cid,
            *event_values(event.event),
            len(event.reports),
            len({r.article_id for r in event.reports}),
            event.first_seen,
            event.last_seen,
            event.date_reason,
            len(event.conflicts),
            " ".join(event.ambiguous_with) or None,
        ),
    )
    for role, position, actor in roles(event.event):
        yield "consolidated_actors", (cid, *_actor(role, position, actor))
    for report in event.reports:
        yield (
            "reports",
            (
                cid,
                report.article_id,
                report.event_id,
                report.published,
                report.date.value if report.date else None,
                report.date_consistent,
                report.reason,
                report.source,
                report.url,
            ),
        )
    for conflict in event.conflicts:
        values = [value.model_dump(mode="json") for value in conflict.values]
        yield (
            "conflicts",
            (
                cid,
                conflict.field,
                json.dumps(conflict.chosen, ensure_ascii=False),
                conflict.reason,
                json.dumps(values, ensure_ascii=False),
            ),
        )


def event_values(event: Event) -> Row:
    """The values of :data:`~nigerwatch.export._tables.EVENT_COLUMNS` for one event."""
    place, status = _place_and_status(event)
    codes = country_codes(place) if place else None
    date = event.date
    event_date, time_precision = acled_date(date)
    cameo = event_codes(event)
    coup = event if isinstance(event, Coup) else None
    deployment = event if isinstance(event, Deployment) else None
    alliance = event if isinstance(event, Alliance) else None
    troops = deployment.troops if deployment else None
    return (
        event.type,
        place,
        codes.alpha2 if codes else None,
        codes.iso_numeric if codes else None,
        codes.cow if codes else None,
        codes.fips if codes else None,
        status,
        date.text if date else None,
        date.value if date else None,
        date.precision if date else None,
        date.earliest if date else None,
        date.latest if date else None,
        event_date,
        time_precision,
        cameo.cameo,
        cameo.cameo_label,
        cameo.plover_event,
        cameo.plover_mode,
        cameo.plover_context,
        coup.ousted_leader if coup else None,
        coup.new_leader if coup else None,
        coup.ruling_body if coup else None,
        deployment.origin_country if deployment else None,
        deployment.location if deployment else None,
        troops.value if troops else None,
        troops.approximate if troops else None,
        troops.text if troops else None,
        deployment.purpose if deployment else None,
        alliance.name if alliance else None,
        alliance.kind if alliance else None,
        event.evidence[0].quote if event.evidence else None,
    )


def roles(event: Event) -> Iterator[tuple[str, int, Actor]]:
    """Every actor of an event with its role and its position within the role."""
    groups: list[tuple[str, list[Actor]]]
    if isinstance(event, Coup):
        groups = [("perpetrator", event.perpetrators)]
    elif isinstance(event, Sanction):
        groups = [("imposer", event.imposers), ("target", event.target_actors)]
    elif isinstance(event, Deployment):
        groups = [("deploying_party", [event.deploying_party])]
    else:
        groups = [("member", event.members)]
    for role, actors in groups:
        for position, actor in enumerate(actors):
            yield role, position, actor


def _place_and_status(event: Event) -> tuple[str | None, str]:
    if isinstance(event, Coup):
        return event.country, event.outcome
    if isinstance(event, Sanction):
        return event.target_country, event.status
    if isinstance(event, Deployment):
        return event.host_country, event.status
    return None, event.status


def _actor(role: str, position: int, actor: Actor) -> Row:
    wikidata = organization_wikidata(actor.organization) if actor.organization else None
    return (role, position, actor.name, actor.kind, actor.country, actor.organization, wikidata)

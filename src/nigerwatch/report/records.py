"""What the page says about one record: a label, its country codes, its status, its fields.

Plain text only; escaping is the page's job (:mod:`nigerwatch.report.html`).
"""

from __future__ import annotations

from collections.abc import Iterable

from nigerwatch.schemas import (
    Actor,
    Alliance,
    Coup,
    Deployment,
    Event,
    PartialDate,
    Sanction,
    TroopCount,
)

EVENT_TYPES = ("coup", "sanction", "deployment", "alliance")

_SHOWN_APART = {"id", "type", "evidence", "date"}


def status_of(event: Event) -> str:
    """The stage the record reports: a coup's outcome, else its status."""
    return event.outcome if isinstance(event, Coup) else event.status


def countries_of(event: Event) -> tuple[str, ...]:
    """The country codes the record is about, for the country filter, without repeats."""
    if isinstance(event, Coup):
        codes: Iterable[str | None] = [event.country]
    elif isinstance(event, Sanction):
        codes = [event.target_country, *(a.country for a in event.imposers)]
    elif isinstance(event, Deployment):
        codes = [event.host_country, event.origin_country]
    else:
        codes = [a.country for a in event.members]
    return tuple(dict.fromkeys(code for code in codes if code))


def label_of(event: Event) -> str:
    """A one-line summary: ``Coup in NER (successful)``."""
    if isinstance(event, Coup):
        return f"Coup in {event.country} ({event.outcome})"
    if isinstance(event, Sanction):
        by = _names(event.imposers)
        return f"Sanctions by {by} on {event.target_country} ({event.status})"
    if isinstance(event, Deployment):
        return f"{_actor(event.deploying_party)} in {event.host_country} ({event.status})"
    assert isinstance(event, Alliance)
    return f"{event.name or _names(event.members)}: {event.kind} ({event.status})"


def fields_of(event: Event) -> list[tuple[str, str]]:
    """The record's own fields as (name, text) rows, empty ones left out."""
    rows = []
    for name in type(event).model_fields:
        if name in _SHOWN_APART:
            continue
        text = _text(getattr(event, name))
        if text:
            rows.append((name.replace("_", " "), text))
    return rows


def date_text(date: PartialDate) -> str:
    """``2023-07 (month: 2023-07-01 to 2023-07-31)``, and whether it is relative."""
    span = (
        date.earliest.isoformat()
        if date.earliest == date.latest
        else f"{date.earliest.isoformat()} to {date.latest.isoformat()}"
    )
    relative = ", relative to publication" if date.relative else ""
    return f"{date.value} ({date.precision}: {span}{relative}) from “{date.text}”"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Actor):
        return _actor(value)
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, TroopCount):
        about = "about " if value.approximate else ""
        return f"{about}{value.value:,} (“{value.text}”)"
    return str(value)


def _actor(actor: Actor) -> str:
    code = actor.organization or actor.country
    return f"{actor.name} [{code}]" if code else actor.name


def _names(actors: Iterable[Actor]) -> str:
    return ", ".join(a.organization or a.country or a.name for a in actors) or "?"

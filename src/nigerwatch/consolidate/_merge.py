"""From a cluster of reports to a consolidated event: one value per field, every source kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nigerwatch.consolidate._choose import choose, choose_date, overlaps, same_leader_name
from nigerwatch.consolidate._clusters import Cluster, Item
from nigerwatch.consolidate._records import ConsolidatedEvent, FieldConflict, Report
from nigerwatch.core.identity import actor_key
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

_LATEST = dt.date.max


@dataclass(frozen=True)
class Reported:
    """A report read back in full for merging.

    Attributes:
        event: The event record.
        article_id: The article's id.
        published: The article's publication date.
        meta: ``source``, ``url`` and ``title`` when the input record gave them.
    """

    event: Event
    article_id: str
    published: dt.date | None
    meta: dict[str, str]


Loader = Callable[[Sequence[int]], dict[int, Reported]]
"""Reads the reports stored at some rows (see :attr:`Item.row`)."""


def consolidated_events(clusters: Sequence[Cluster], load: Loader) -> Iterator[ConsolidatedEvent]:
    """The consolidated events of one block's clusters, in founding order.

    Args:
        clusters: What :func:`~nigerwatch.consolidate._clusters.cluster_block` returned.
        load: Reads the full reports of a cluster, one cluster at a time.

    Yields:
        One consolidated event per cluster.
    """
    ids = [consolidated_id(cluster) for cluster in clusters]
    for cluster, own_id in zip(clusters, ids, strict=True):
        yield _consolidated(cluster, own_id, ids, load)


def consolidated_id(cluster: Cluster) -> str:
    """The id of a cluster's event, from its earliest report (16 hex characters)."""
    first = min((item for item, _ in cluster.members), key=_seen_order)
    key = json.dumps(["consolidated", first.key.type, first.event_id])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _seen_order(item: Item) -> tuple[dt.date, str, str]:
    return (item.published or _LATEST, item.article_id, item.event_id)


def _consolidated(
    cluster: Cluster, own_id: str, ids: Sequence[str], load: Loader
) -> ConsolidatedEvent:
    members = sorted(cluster.members, key=lambda member: _seen_order(member[0]))
    loaded = load([item.row for item, _ in members])
    items = [loaded[item.row] for item, _ in members]
    date, date_reason, date_conflict = choose_date([(i.event.date, i.event.id) for i in items])
    event, conflicts = _merged(items)
    published = [i.published for i in items if i.published is not None]
    key = cluster.key
    return ConsolidatedEvent(
        id=own_id,
        type=key.type,
        country=key.place,
        stage=key.stage,
        date=date,
        date_reason=date_reason,
        first_seen=min(published, default=None),
        last_seen=max(published, default=None),
        event=event.model_copy(update={"id": own_id, "date": date}),
        reports=[
            _report(item, reason, date) for item, (_, reason) in zip(items, members, strict=True)
        ],
        conflicts=([date_conflict] if date_conflict else []) + conflicts,
        ambiguous_with=[ids[i] for i in cluster.ambiguous_with],
    )


def _report(item: Reported, reason: str | None, chosen: PartialDate | None) -> Report:
    date = item.event.date
    return Report(
        article_id=item.article_id,
        event_id=item.event.id,
        published=item.published,
        source=item.meta.get("source"),
        url=item.meta.get("url"),
        title=item.meta.get("title"),
        date=date,
        date_consistent=date is None or chosen is None or overlaps(date, chosen),
        reason=reason,
        evidence=list(item.event.evidence),
    )


def _merged(items: Sequence[Reported]) -> tuple[Event, list[FieldConflict]]:
    """The first report's record with every field chosen or merged over all reports."""
    first = items[0].event
    conflicts: list[FieldConflict] = []

    def pick(field: str, **options: Any) -> Any:  # noqa: ANN401 - a field of any type
        value, conflict = choose(
            field, [(getattr(i.event, field), i.event.id) for i in items], **options
        )
        if conflict is not None:
            conflicts.append(conflict)
        return value

    def union(*fields: str) -> dict[str, list[Actor]]:
        return {f: _actors(getattr(i.event, f) for i in items) for f in fields}

    update: dict[str, Any]
    if isinstance(first, Coup):
        update = {
            "ousted_leader": pick("ousted_leader", same=same_leader_name, fullest=True),
            "new_leader": pick("new_leader", same=same_leader_name, fullest=True),
            "ruling_body": pick("ruling_body", fullest=True),
            **union("perpetrators"),
        }
    elif isinstance(first, Sanction):
        measures = [m for i in items for m in i.event.measures]  # type: ignore[union-attr]
        update = {**union("imposers", "target_actors"), "measures": list(dict.fromkeys(measures))}
    elif isinstance(first, Deployment):
        update = {
            "deploying_party": pick("deploying_party", same=_same_actor),
            "origin_country": pick("origin_country"),
            "location": pick("location"),
            "troops": pick("troops", same=_same_count, prefer=_approximate),
            "purpose": pick("purpose"),
        }
    else:
        assert isinstance(first, Alliance)
        update = {**union("members"), "name": pick("name")}
    return first.model_copy(update=update), conflicts


def _actors(lists: Iterable[list[Actor]]) -> list[Actor]:
    """Every actor of the reports once (by :func:`actor_key`), in the order first named."""
    seen: dict[str, Actor] = {}
    for actors in lists:
        for actor in actors:
            seen.setdefault(actor_key(actor), actor)
    return list(seen.values())


def _same_actor(a: Actor, b: Actor) -> bool:
    return actor_key(a) == actor_key(b)


def _same_count(a: TroopCount, b: TroopCount) -> bool:
    return a.value == b.value


def _approximate(count: TroopCount) -> bool:
    return count.approximate

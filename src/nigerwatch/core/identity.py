"""Event identity: which fields make an event *this* event.

One definition serves every place that asks "is this the same event?": the stable ids of the
records of one article, the merging of records found twice in one article, and later the
matching across articles and against gold labels. Two reports of a coup are the same coup when
they agree on its country, date and outcome; a sanction is its target, imposers and status (a
July imposition and a February lifting are two events); a deployment its party, host, status
and date; an alliance its members, kind, status and name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from nigerwatch.schemas import Actor, Alliance, Coup, Deployment, Event, EventType, Sanction


def actor_key(actor: Actor) -> str:
    """What identifies an actor: its organisation, else its country, else its folded name."""
    return actor.organization or actor.country or actor.name.casefold()


def identity_key(event: Event) -> tuple[object, ...]:
    """The fields that identify ``event`` (its type first), as a hashable, JSON-able tuple."""
    date = event.date.value if event.date else None
    if isinstance(event, Coup):
        return ("coup", event.country, date, event.outcome)
    if isinstance(event, Sanction):
        imposers = tuple(sorted(actor_key(a) for a in event.imposers))
        return ("sanction", event.target_country, imposers, event.status)
    if isinstance(event, Deployment):
        party = actor_key(event.deploying_party)
        return ("deployment", party, event.host_country, event.status, date)
    assert isinstance(event, Alliance)
    members = tuple(sorted(actor_key(m) for m in event.members))
    return ("alliance", members, event.kind, event.status, event.name)


def event_id(article_sha256: str, event: Event) -> str:
    """The stable id of ``event`` in the article with this digest (16 hex characters).

    The same article and the same event give the same id in every run, whatever the order in
    which the model listed the events.
    """
    kind, *parts = identity_key(event)
    key = json.dumps([article_sha256, kind, *parts], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


STATUS_GROUPS: dict[str, str] = {
    **dict.fromkeys(("threatened", "planned", "announced"), "intent"),
    **dict.fromkeys(("arrived", "ongoing", "reinforced"), "presence"),
    **dict.fromkeys(("withdrawing", "withdrawn"), "withdrawal"),
}
"""Deployment statuses by stage: troops promised, troops there, troops leaving."""


@dataclass(frozen=True)
class EventKey:
    """What matching compares of an event, whether it comes from a record or a gold label.

    Attributes:
        type: The kind of event.
        place: The country it is about: a coup's country, a sanction's target, a deployment's
            host (None for alliances).
        actors: Keys of its actors (see :func:`actor_key`): imposers, the deploying party (and
            its country), members; empty for coups.
        stage: The coup outcome, sanction status, deployment status or alliance status.
        earliest: First day its date can denote (None when undated).
        latest: Last day its date can denote.
        kind: The alliance kind (None for the other types).
        name: The alliance name (None when unnamed or another type).
    """

    type: EventType
    place: str | None
    actors: frozenset[str]
    stage: str
    earliest: dt.date | None = None
    latest: dt.date | None = None
    kind: str | None = None
    name: str | None = None

    @property
    def stage_group(self) -> str:
        """The stage, with deployment statuses grouped (intent, presence, withdrawal)."""
        return (
            STATUS_GROUPS.get(self.stage, self.stage) if self.type == "deployment" else self.stage
        )


def key_of(event: Event) -> EventKey:
    """The matching key of a record."""
    earliest = event.date.earliest if event.date else None
    latest = event.date.latest if event.date else None
    if isinstance(event, Coup):
        return EventKey("coup", event.country, frozenset(), event.outcome, earliest, latest)
    if isinstance(event, Sanction):
        imposers = frozenset(actor_key(a) for a in event.imposers)
        return EventKey("sanction", event.target_country, imposers, event.status, earliest, latest)
    if isinstance(event, Deployment):
        party = event.deploying_party
        actors = {actor_key(party), *filter(None, (party.country, event.origin_country))}
        return EventKey(
            "deployment", event.host_country, frozenset(actors), event.status, earliest, latest
        )
    assert isinstance(event, Alliance)
    members = frozenset(actor_key(m) for m in event.members)
    return EventKey(
        "alliance", None, members, event.status, earliest, latest, event.kind, event.name
    )


def dates_consistent(a: EventKey, b: EventKey) -> bool:
    """True when either date is unknown or their ranges overlap ("2023-07" and "2023-07-26")."""
    if a.earliest is None or b.earliest is None or a.latest is None or b.latest is None:
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def same_event(a: EventKey, b: EventKey, *, strict: bool = True) -> str | None:
    """Why ``a`` and ``b`` are the same event, or None when they are not.

    Both modes need the same type and country (coup, target, host), overlapping actors
    (imposers, deploying party, members) and consistent dates.

    Args:
        a: One event's key.
        b: The other's.
        strict: Reports of one event (merging within an article or across articles): the
            stage must be the same too (an imposition is not a lifting; a withdrawal announced
            is not a withdrawal completed), and an alliance's kind and name must agree. Not
            strict (scoring against gold labels, whose stage is scored as a field): coups
            match on country and date, sanctions on target, status and imposers, deployments
            on host, party and stage group, alliances on members.

    Returns:
        A short explanation such as ``"coup in NER, outcome successful, dates consistent"``.
    """
    if a.type != b.type or a.place != b.place or not dates_consistent(a, b):
        return None
    shared = a.actors & b.actors
    if a.type != "coup" and not shared:
        return None
    stage = _same_stage(a, b, strict=strict)
    if stage is None:
        return None
    parts = [
        a.type + (f" in {a.place}" if a.place else ""),
        f"actors {', '.join(sorted(shared))}" if shared else "",
        stage,
        "dates consistent",
    ]
    return ", ".join(part for part in parts if part)


def _same_stage(a: EventKey, b: EventKey, *, strict: bool) -> str | None:
    """How the stages agree ("status imposed"; "" when not compared), or None when they differ."""
    if strict and a.type == "alliance":
        named_apart = a.name is not None and b.name is not None and a.name != b.name
        if a.kind != b.kind or named_apart:
            return None
    if strict or a.type == "sanction":
        word = "outcome" if a.type == "coup" else "status"
        return f"{word} {a.stage}" if a.stage == b.stage else None
    if a.type == "deployment":
        return f"stage {a.stage_group}" if a.stage_group == b.stage_group else None
    return ""

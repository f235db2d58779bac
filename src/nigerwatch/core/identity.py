"""Event identity: which fields make an event *this* event.

One definition serves every place that asks "is this the same event?": the stable ids of the
records of one article, the merging of records found twice in one article, and later the
matching across articles and against gold labels. Two reports of a coup are the same coup when
they agree on its country, date, outcome and ousted leader; a sanction is its target, imposers
and status (a July imposition and a February lifting are two events); a deployment its party,
host, status and date; an alliance its members, kind, status and name.

Across articles, :func:`same_reported_event` adds one refinement for successful coups: the
ousted leader identifies a coup better than a date a small model resolved against a wrong
publication date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from nigerwatch.core.text import fold, plain_words
from nigerwatch.schemas import Actor, Alliance, Coup, Deployment, Event, EventType, Sanction


def actor_key(actor: Actor) -> str:
    """What identifies an actor: its organisation, else its country, else its folded name."""
    return actor.organization or actor.country or actor.name.casefold()


def identity_key(event: Event) -> tuple[object, ...]:
    """The fields that identify ``event`` (its type first), as a hashable, JSON-able tuple."""
    date = event.date.value if event.date else None
    if isinstance(event, Coup):
        return ("coup", event.country, date, event.outcome, leader_key(event.ousted_leader))
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
        ousted: A coup's ousted leader as :func:`leader_key` words it (None when not named).
            Not compared by ``==``: only :func:`same_reported_event` reads it.
    """

    type: EventType
    place: str | None
    actors: frozenset[str]
    stage: str
    earliest: dt.date | None = None
    latest: dt.date | None = None
    kind: str | None = None
    name: str | None = None
    ousted: str | None = field(default=None, compare=False)

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
        ousted = leader_key(event.ousted_leader)
        return EventKey(
            "coup", event.country, frozenset(), event.outcome, earliest, latest, ousted=ousted
        )
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
        _dating(a, b),
    ]
    return ", ".join(part for part in parts if part)


def _dating(a: EventKey, b: EventKey) -> str:
    dated = (a.earliest is not None) + (b.earliest is not None)
    return ("undated", "one undated", "dates consistent")[dated]


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


COUP_DATE_SLACK = dt.timedelta(days=183)
"""How far apart two reports' dates of one coup may be when they name the same ousted leader.

Wide enough for a relative date resolved against a wrong publication date ("last month" in an
article dated three months late), narrow enough to keep Burkina Faso's two coups of 2022
(January and September) apart even if a report misnamed a leader.
"""

_TITLES = frozenset(
    "president presidente former ex deposed ousted general gen colonel col lieutenant lt "
    "captain capt commander commandant major mr m dr prime minister premier ministre chef "
    "head of state the le la l".split()
)


def leader_key(name: str | None) -> str | None:
    """A leader's name reduced to what identifies the person: folded words, titles dropped.

    Args:
        name: A name as written, e.g. "President Mohamed Bazoum" or "le général Tiani".

    Returns:
        ``"mohamed bazoum"``, ``"tiani"`` (``"bah ndaw"`` for "Bah N'Daw"); None for None or a
        name made only of titles.
    """
    if not name:
        return None
    # Apostrophes join the parts of a name ("N'Daw" is "Ndaw"); initials are dropped.
    words = [w for w in plain_words(fold(name).replace("'", "")) if w not in _TITLES]
    words = [w for w in words if len(w) > 1]
    return " ".join(words) or None


def same_leader(a: str | None, b: str | None) -> bool:
    """True when both leaders are named and one name's words are all in the other's."""
    if not a or not b:
        return False
    first, second = set(a.split()), set(b.split())
    return first <= second or second <= first


def same_reported_event(a: EventKey, b: EventKey) -> str | None:
    """Why ``a`` and ``b``, reported by different articles, are the same event, or None.

    :func:`same_event` (strict), with one refinement for successful coups, because a leader
    is ousted once while a date may be misread:

    * both reports name the ousted leader and the names differ: two coups, whatever the dates;
    * the same country, outcome and ousted leader, and dates at most :data:`COUP_DATE_SLACK`
      apart: one coup although the dates conflict, and the reason says so.

    Args:
        a: One report's key.
        b: The other's.

    Returns:
        The explanation, e.g. ``"coup in NER, outcome successful, same ousted leader mohamed
        bazoum, dates conflict (67 days apart)"``.
    """
    coup = a.type == b.type == "coup" and a.stage == b.stage == "successful"
    if coup and a.ousted and b.ousted:
        if not same_leader(a.ousted, b.ousted):
            return None
        leader = f"same ousted leader {max(a.ousted, b.ousted, key=len)}"
        if a.place == b.place and not dates_consistent(a, b):
            gap = _gap(a, b)
            if gap > COUP_DATE_SLACK:
                return None
            return (
                f"coup in {a.place}, outcome successful, {leader}, "
                f"dates conflict ({gap.days} days apart)"
            )
        reason = same_event(a, b)
        return f"{reason}, {leader}" if reason else None
    return same_event(a, b)


def _gap(a: EventKey, b: EventKey) -> dt.timedelta:
    """Days between two date ranges that do not overlap (both dated: dates_consistent said so)."""
    starts = [d for d in (a.earliest, b.earliest) if d is not None]
    ends = [d for d in (a.latest, b.latest) if d is not None]
    return max(starts) - min(ends)

"""Event identity: which fields make an event *this* event.

One definition serves every place that asks "is this the same event?": the stable ids of the
records of one article, the merging of records found twice in one article, and later the
matching across articles and against gold labels. Two reports of a coup are the same coup when
they agree on its country, date and outcome; a sanction is its target, imposers and status (a
July imposition and a February lifting are two events); a deployment its party, host, status
and date; an alliance its members, kind, status and name.
"""

from __future__ import annotations

import hashlib
import json

from nigerwatch.schemas import Actor, Alliance, Coup, Deployment, Event, Sanction


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

"""Article records built in code, for the consolidation and export tests (no model involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from nigerwatch.core.identity import event_id
from nigerwatch.schemas import (
    Actor,
    Alliance,
    ArticleExtraction,
    ArticleInfo,
    Coup,
    Deployment,
    Event,
    Evidence,
    ModelInfo,
    PartialDate,
    Sanction,
    Usage,
)

MODEL = ModelInfo(name="hand-built", endpoint="none", mode="none", prompt_version="test")
ECOWAS = Actor(name="ECOWAS", kind="organization", organization="ECOWAS")
FRANCE = Actor(name="France", kind="state", country="FRA")


def evidence(quote: str = "the quote") -> list[Evidence]:
    return [Evidence(quote=quote, start=0, end=len(quote), match="exact", score=100.0)]


def date(value: str, text: str | None = None) -> PartialDate:
    """A partial date from ISO text: 2023-07-26 (day), 2023-07 (month) or 2023 (year)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return PartialDate(
            text=text or value, value=value, precision="day", earliest=day, latest=day
        )
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
        return PartialDate(
            text=text or value, value=value, precision="month", earliest=first, latest=last
        )
    return PartialDate(
        text=text or value,
        value=value,
        precision="year",
        earliest=dt.date(parts[0], 1, 1),
        latest=dt.date(parts[0], 12, 31),
    )


def coup(country: str, when: str | None, ousted: str | None = None, **fields: Any) -> Coup:
    return Coup(
        id="",
        country=country,
        outcome=fields.pop("outcome", "successful"),
        date=date(when) if when else None,
        ousted_leader=ousted,
        evidence=evidence(fields.pop("quote", f"coup in {country}")),
        **fields,
    )


def sanction(status: str, when: str | None, *imposers: Actor, **fields: Any) -> Sanction:
    return Sanction.model_validate(
        {
            "id": "",
            "imposers": list(imposers) or [ECOWAS],
            "target_country": fields.pop("target", "NER"),
            "status": status,
            "date": date(when) if when else None,
            "evidence": evidence(),
            **fields,
        }
    )


def deployment(status: str, when: str | None, **fields: Any) -> Deployment:
    return Deployment.model_validate(
        {
            "id": "",
            "deploying_party": fields.pop("party", FRANCE),
            "host_country": fields.pop("host", "NER"),
            "status": status,
            "date": date(when) if when else None,
            "evidence": evidence(),
            **fields,
        }
    )


def alliance(members: list[Actor], **fields: Any) -> Alliance:
    return Alliance.model_validate(
        {
            "id": "",
            "members": members,
            "kind": fields.pop("kind", "mutual_defense"),
            "status": fields.pop("status", "formed"),
            "evidence": evidence(),
            **fields,
        }
    )


def article(
    article_id: str, published: str | None, *events: Event, **info: Any
) -> ArticleExtraction:
    """An article record holding ``events``, each given its stable id."""
    sha = hashlib.sha256(article_id.encode()).hexdigest()
    lists: dict[str, list[Any]] = {"coups": [], "sanctions": [], "deployments": [], "alliances": []}
    for event in events:
        lists[event.type + "s"].append(event.model_copy(update={"id": event_id(sha, event)}))
    return ArticleExtraction(
        article=ArticleInfo(
            id=article_id,
            published=dt.date.fromisoformat(published) if published else None,
            language=info.pop("language", "en"),
            sha256=sha,
            chars=100,
            **info,
        ),
        model=MODEL,
        usage=Usage(),
        **lists,
    )

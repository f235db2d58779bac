"""The baseline a user writes without nigerwatch: one instructor call asking for final codes.

Same model, same endpoint, same articles; the schema asks directly for ISO codes, ISO dates
and statuses, with a quote, and nothing checks the answer. Its events are turned into
nigerwatch records only so that the same evaluation can score them (quotes are located when
they occur verbatim, and a date is read at the precision its ISO form gives).
"""

from __future__ import annotations

import re
from typing import Literal

import instructor
import openai
from pydantic import BaseModel, Field

from nigerwatch import Article, ArticleExtraction
from nigerwatch.evaluation.gold import date_range
from nigerwatch.llm.clients import client_options
from nigerwatch.llm.settings import Settings
from nigerwatch.schemas import (
    Actor,
    Alliance,
    ArticleInfo,
    Coup,
    Deployment,
    Evidence,
    ModelInfo,
    PartialDate,
    Sanction,
    Usage,
)

PROMPT = (
    "Extract every coup, sanction, military deployment and alliance reported in this news "
    "article as JSON. Use ISO 3166-1 alpha-3 country codes (NER for Niger), organisation "
    "acronyms (ECOWAS, AU, UN, EU, AES) and ISO dates (YYYY-MM-DD, YYYY-MM or YYYY)."
)


class PlainEvent(BaseModel):
    """One event, in final codes."""

    type: Literal["coup", "sanction", "deployment", "alliance"]
    quote: str = Field(description="The sentence of the article that reports it.")
    country: str = Field(description="ISO alpha-3 code: coup country, sanction target, host.")
    actors: list[str] = Field(description="Codes of the imposers, deploying party or members.")
    status: str = Field(
        description="coup: successful|failed|attempted|alleged; sanction: threatened|imposed|"
        "eased|lifted; deployment: threatened|planned|announced|arrived|ongoing|reinforced|"
        "withdrawing|withdrawn; alliance: proposed|announced|formed|joined|left|dissolved"
    )
    date: str | None = Field(description="ISO date at the precision known, or null.")


class PlainEvents(BaseModel):
    """Every event of the article."""

    events: list[PlainEvent] = Field(max_length=40)


_OUTCOMES = ("successful", "failed", "attempted", "alleged")
_SANCTION = ("threatened", "imposed", "eased", "lifted")
_DEPLOYMENT = (
    "threatened",
    "planned",
    "announced",
    "arrived",
    "ongoing",
    "reinforced",
    "withdrawing",
    "withdrawn",
)
_ALLIANCE = ("proposed", "announced", "formed", "joined", "left", "dissolved")


def extract_plain(article: Article, settings: Settings, client: openai.OpenAI) -> ArticleExtraction:
    """Ask once, convert what came back, check nothing."""
    patched = instructor.from_openai(client, mode=instructor.Mode.JSON_SCHEMA)
    answer, completion = patched.chat.completions.create_with_completion(
        model=settings.model,
        response_model=PlainEvents,
        messages=[
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": "{{ article }}"},
        ],
        context={"article": article.body},
        temperature=0,
        seed=settings.seed,
        max_tokens=settings.max_tokens,
        max_retries=1,
    )
    usage = completion.usage
    events = [_record(event, article) for event in answer.events]
    return ArticleExtraction(
        article=ArticleInfo(
            id=article.id,
            published=article.published,
            language=article.language,
            sha256=article.sha256,
            chars=len(article.text),
        ),
        coups=[e for e in events if isinstance(e, Coup)],
        sanctions=[e for e in events if isinstance(e, Sanction)],
        deployments=[e for e in events if isinstance(e, Deployment)],
        alliances=[e for e in events if isinstance(e, Alliance)],
        model=ModelInfo(
            name=settings.model, endpoint="plain", mode="json_schema", prompt_version="plain"
        ),
        usage=Usage(
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            attempts=1,
        ),
    )


def plain_client(settings: Settings) -> openai.OpenAI:
    """A plain openai client for the settings' endpoint (the embedded server when unset)."""
    return openai.OpenAI(**client_options(settings))


def _record(event: PlainEvent, article: Article) -> Coup | Sanction | Deployment | Alliance:
    at = article.text.find(event.quote)
    evidence = [
        Evidence(
            quote=event.quote or "-",
            start=max(at, 0),
            end=max(at, 0) + len(event.quote),
            match="exact" if at >= 0 else "fuzzy",
            score=100.0 if at >= 0 else 0.0,
        )
    ]
    date = _date(event.date)
    actors = [_actor(code) for code in event.actors] or [_actor("?")]
    common = {"id": f"plain-{id(event)}", "date": date, "evidence": evidence}
    country = event.country.strip().upper()[:3]
    if event.type == "coup":
        return Coup(country=country, outcome=_choose(event.status, _OUTCOMES), **common)
    if event.type == "sanction":
        status = _choose(event.status, _SANCTION)
        return Sanction(imposers=actors, target_country=country, status=status, **common)
    if event.type == "deployment":
        status = _choose(event.status, _DEPLOYMENT)
        return Deployment(deploying_party=actors[0], host_country=country, status=status, **common)
    kind = "political"
    return Alliance(members=actors, kind=kind, status=_choose(event.status, _ALLIANCE), **common)


def _choose(value: str, allowed: tuple[str, ...]) -> str:
    lowered = value.strip().lower()
    return lowered if lowered in allowed else allowed[1 if len(allowed) > 1 else 0]


def _actor(code: str) -> Actor:
    code = code.strip()
    if re.fullmatch(r"[A-Z]{3}", code):
        return Actor(name=code, kind="state", country=code)
    return Actor(name=code or "?", kind="organization", organization=code or None)


def _date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        earliest, latest = date_range(value.strip())
    except ValueError:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(value.strip())]
    return PartialDate(
        text=value,
        value=value.strip(),
        precision=precision,
        earliest=earliest,
        latest=latest,
    )

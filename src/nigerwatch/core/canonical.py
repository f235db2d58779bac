"""From draft to canonical records: grounding and normalization, in code, deterministically.

:func:`build_records` never trusts the model: quotes get offsets from the article, names must be
grounded in it, countries become ISO 3166-1 alpha-3 codes, organisations canonical acronyms, date
phrases partial dates resolved against the publication date, troop phrases integers. What cannot
be grounded or normalized is dropped and listed with the reason; ``problems`` lists the failures
worth re-asking the model about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from nigerwatch.core.article import Article
from nigerwatch.core.draft import (
    AllianceDraft,
    ArticleDraft,
    CoupDraft,
    DeploymentDraft,
    SanctionDraft,
)
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.identity import event_id
from nigerwatch.core.lexicon import A_KIND, TRIGGER_EXAMPLES, TRIGGERS, actor, given
from nigerwatch.normalize import (
    city_country,
    country,
    find_countries,
    organization,
    resolve_date,
    troop_count_at,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    Coup,
    Deployment,
    Dropped,
    EventType,
    Evidence,
    PartialDate,
    Sanction,
    TroopCount,
)

_E = TypeVar("_E", Coup, Sanction, Deployment, Alliance)
_D = TypeVar("_D", CoupDraft, SanctionDraft, DeploymentDraft, AllianceDraft)


@dataclass
class Records:
    """The canonical events of one article, what was dropped, and what to re-ask about."""

    coups: list[Coup] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _DroppedEventError(Exception):
    """Internal: the event being built cannot be kept."""


class _Builder:
    """Builds the records of one draft; one instance per article and attempt."""

    def __init__(self, article: Article, index: ArticleIndex) -> None:
        self.article = article
        self.index = index
        self.out = Records()
        # Set for each event before its fields are built.
        self.kind: EventType = "coup"
        self.path = ""
        self.draft: BaseModel | None = None

    # -- bookkeeping ------------------------------------------------------------------------

    def start(self, kind: EventType, path: str, draft: BaseModel) -> None:
        self.kind, self.path, self.draft = kind, path, draft

    def note(self, reason: str, *, field_name: str | None, reask: bool) -> None:
        assert self.draft is not None
        self.out.dropped.append(
            Dropped(
                event_type=self.kind,
                field=field_name,
                reason=reason,
                draft=self.draft.model_dump(mode="json"),
            )
        )
        if reask:
            where = f"{self.path}.{field_name}" if field_name else self.path
            self.out.problems.append(f"{where}: {reason}")

    def drop(self, reason: str, *, reask: bool = True) -> _DroppedEventError:
        self.note(reason, field_name=None, reask=reask)
        return _DroppedEventError(reason)

    # -- fields -----------------------------------------------------------------------------

    def evidence(self, quotes: Sequence[str]) -> list[Evidence]:
        found: list[Evidence] = []
        injected = False
        for quote in quotes:
            located = self.index.locate_quote(quote)
            if located is None:
                self.note(
                    f"quote {quote[:80]!r} is not in the article; copy sentences word for word",
                    field_name="quotes",
                    reask=False,
                )
            elif self.index.in_instructions(located):
                injected = True
            elif all((e.start, e.end) != (located.start, located.end) for e in found):
                found.append(located)
        if not found and injected:
            # Re-asking would only invite the model to follow the injected text again.
            raise self.drop(
                "its only evidence is text addressed to AI systems (a prompt-injection "
                "attempt), not reporting",
                reask=False,
            )
        if not found:
            raise self.drop("none of its quotes appear in the article")
        if not any(TRIGGERS[self.kind].search(e.quote) for e in found):
            raise self.drop(
                f"its evidence does not report {A_KIND[self.kind]}: its quotes have no word "
                f"such as {TRIGGER_EXAMPLES[self.kind]}",
                reask=False,
            )
        return found

    def grounded(self, name: str | None, field_name: str) -> str | None:
        """Return ``name`` if the article supports it; else note why and return None.

        An optional field is cleared rather than re-asked: a re-ask costs a whole generation,
        and the event stands without it.
        """
        name = given(name)
        if name is None:
            return None
        problem = self.index.name_problem(name)
        if problem is None:
            return name
        self.note(problem, field_name=field_name, reask=False)
        return None

    def required_country(self, name: str, field_name: str) -> tuple[str, str | None]:
        """Resolve a required country field; a city gives its country and itself as place."""
        if given(name) is None:
            raise self.drop(f"{field_name}: {name!r} is not a name from the article")
        problem = self.index.name_problem(name)
        if problem is not None:
            raise self.drop(f"{field_name}: {problem}")
        code = country(name)
        if code is not None:
            return code, None
        code = city_country(name)
        if code is not None:
            return code, name
        codes = {m.code for m in find_countries(name)}
        if len(codes) == 1:
            return codes.pop(), None
        raise self.drop(f"{field_name}: {name!r} is not a country; give the country's name")

    def optional_country(self, name: str | None, field_name: str) -> str | None:
        name = self.grounded(name, field_name)
        if name is None:
            return None
        code = country(name) or city_country(name)
        if code is None:
            self.note(f"{name!r} is not a country", field_name=field_name, reask=False)
        return code

    def actors(
        self, names: Sequence[str], field_name: str, *, home: str | None = None
    ) -> list[Actor]:
        found = [self.grounded(name, field_name) for name in names]
        return [actor(name, home=home) for name in found if name is not None]

    def required_actors(self, names: Sequence[str], field_name: str) -> list[Actor]:
        """The grounded actors among ``names``; the event is dropped when there is none."""
        found = self.actors(names, field_name)
        if not found:
            raise self.drop(f"{field_name} {list(names)!r}: none is a name from the article")
        return found

    def date(self, phrase: str | None) -> PartialDate | None:
        phrase = given(phrase)
        if phrase is None:
            return None
        if self.index.phrase_span(phrase) is None:
            # Stricter than names: a date's words ("2023", "16") are common elsewhere.
            self.note(f"date {phrase!r} is not in the article", field_name="date", reask=False)
            return None
        resolved = resolve_date(phrase, self.article.published, language=self.article.language)
        if resolved is None:
            why = "is too vague" if self.article.published else "needs a publication date"
            self.note(f"date {phrase!r} {why} to resolve", field_name="date", reask=False)
        return resolved

    def troops(self, phrase: str | None) -> TroopCount | None:
        phrase = given(phrase)
        if phrase is None:
            return None
        span = self.index.phrase_span(phrase) or self.index.number_span(phrase)
        if span is None:
            self.note(f"{phrase!r} is not in the article", field_name="troops", reask=False)
            return None
        count = troop_count_at(self.index.text, *span)
        if count is None:
            self.note(
                f"{phrase!r} is not a count of personnel (vehicles or a vague quantity)",
                field_name="troops",
                reask=False,
            )
        return count


def build_records(
    draft: ArticleDraft, article: Article, index: ArticleIndex | None = None
) -> Records:
    """Turn a model's draft into grounded, normalized records.

    Args:
        draft: What the model proposed.
        article: The article it was asked about.
        index: A prebuilt :class:`ArticleIndex` of ``article.text`` (built if omitted).

    Returns:
        The records, the dropped items with reasons, and the problems worth a re-ask.
    """
    b = _Builder(article, index or ArticleIndex(article.text, body_start=article.body_start))
    out = b.out
    _build_each(b, "coup", "coups", draft.coups, _coup, out.coups)
    _build_each(b, "sanction", "sanctions", draft.sanctions, _sanction, out.sanctions)
    _build_each(b, "deployment", "deployments", draft.deployments, _deployment, out.deployments)
    _build_each(b, "alliance", "alliances", draft.alliances, _alliance, out.alliances)
    return out


def _build_each(
    b: _Builder,
    kind: EventType,
    list_name: str,
    drafts: Sequence[_D],
    build: Callable[[_Builder, _D], _E],
    out: list[_E],
) -> None:
    for i, draft in enumerate(drafts):
        b.start(kind, f"{list_name}[{i}]", draft)
        _keep(b, out, _guard(b, build, draft))


def _guard(b: _Builder, build: Callable[[_Builder, _D], _E], draft: _D) -> _E | None:
    try:
        return build(b, draft)
    except _DroppedEventError:
        return None


def _keep(b: _Builder, events: list[_E], event: _E | None) -> None:
    """Give ``event`` its id, then append it or merge its evidence into the same event."""
    if event is None:
        return
    event = event.model_copy(update={"id": event_id(b.article.sha256, event)})
    for i, kept in enumerate(events):
        if kept.id == event.id:
            evidence: list[Evidence] = list(kept.evidence)
            evidence += [e for e in event.evidence if e not in evidence]
            events[i] = kept.model_copy(update={"evidence": evidence})
            return
    events.append(event)


def _coup(b: _Builder, d: CoupDraft) -> Coup:
    evidence = b.evidence(d.quotes)
    code, _ = b.required_country(d.country, "country")
    date = b.date(d.date)
    return Coup(
        id="",  # set from the finished record by _keep
        country=code,
        date=date,
        outcome=d.outcome,
        perpetrators=b.actors(d.perpetrators, "perpetrators", home=code),
        ousted_leader=b.grounded(d.ousted_leader, "ousted_leader"),
        new_leader=b.grounded(d.new_leader, "new_leader"),
        ruling_body=b.grounded(d.ruling_body, "ruling_body"),
        evidence=evidence,
    )


def _sanction(b: _Builder, d: SanctionDraft) -> Sanction:
    evidence = b.evidence(d.quotes)
    imposers = b.required_actors(d.imposers, "imposers")
    target, _ = b.required_country(d.target_country, "target_country")
    date = b.date(d.date)
    return Sanction(
        id="",  # set from the finished record by _keep
        imposers=imposers,
        target_country=target,
        target_actors=b.actors(d.target_actors, "target_actors", home=target),
        status=d.status,
        measures=sorted(set(d.measures)),
        date=date,
        evidence=evidence,
    )


def _deployment(b: _Builder, d: DeploymentDraft) -> Deployment:
    evidence = b.evidence(d.quotes)
    party_name = b.grounded(d.deploying_party, "deploying_party")
    if party_name is None:
        raise b.drop(f"deploying_party {d.deploying_party!r} is not a name from the article")
    host, city = b.required_country(d.host_country, "host_country")
    party = actor(party_name)
    origin = b.optional_country(d.origin_country, "origin_country") or party.country
    date = b.date(d.date)
    return Deployment(
        id="",  # set from the finished record by _keep
        deploying_party=party,
        origin_country=origin,
        host_country=host,
        location=b.grounded(d.location, "location") or city,
        troops=b.troops(d.troops),
        status=d.status,
        purpose=b.grounded(d.purpose, "purpose"),
        date=date,
        evidence=evidence,
    )


def _alliance(b: _Builder, d: AllianceDraft) -> Alliance:
    evidence = b.evidence(d.quotes)
    members = b.required_actors(d.members, "members")
    name = b.grounded(d.name, "name")
    name = (organization(name) or name) if name else None
    date = b.date(d.date)
    return Alliance(
        id="",  # set from the finished record by _keep
        members=members,
        name=name,
        kind=d.kind,
        status=d.status,
        date=date,
        evidence=evidence,
    )

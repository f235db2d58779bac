"""From draft to canonical records: grounding and normalization, in code, deterministically.

:func:`build_records` never trusts the model: quotes get offsets from the article, names must be
grounded in it, countries become ISO 3166-1 alpha-3 codes, organisations canonical acronyms, date
phrases partial dates resolved against the publication date, troop phrases integers. What cannot
be grounded or normalized is dropped and listed with the reason; ``problems`` lists the failures
worth re-asking the model about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

from nigerwatch.core.article import Article
from nigerwatch.core.draft import (
    AllianceDraft,
    ArticleDraft,
    CoupDraft,
    DeploymentDraft,
    SanctionDraft,
)
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.identity import actor_key, event_id, leader_key, same_leader
from nigerwatch.core.lexicon import (
    A_KIND,
    FORCE,
    SCREENS,
    actor,
    given,
    reports,
    unstated_ending,
)
from nigerwatch.core.modality import supported_stage
from nigerwatch.core.reader import DraftReader, DroppedEventError, Records
from nigerwatch.core.stages import moved, stated_stage
from nigerwatch.normalize import (
    coup_leaders,
    find_organizations,
    leader_country,
    organization,
    sanction_measures,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    Coup,
    Deployment,
    DeploymentStatus,
    EventType,
    Evidence,
    Sanction,
    SanctionMeasure,
)

__all__ = ["Records", "build_records"]

_E = TypeVar("_E", Coup, Sanction, Deployment, Alliance)
_D = TypeVar("_D", CoupDraft, SanctionDraft, DeploymentDraft, AllianceDraft)
_S = TypeVar("_S", bound=str)


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
    b = DraftReader(article, index or ArticleIndex(article.text, body_start=article.body_start))
    out = b.out
    _build_each(b, "coup", "coups", draft.coups, _coup, out.coups, _one_per_ousted_leader)
    sanctions, threats = _threats_of_force(b, draft.sanctions)
    _build_each(b, "sanction", "sanctions", sanctions, _sanction, out.sanctions)
    _build_each(
        b,
        "deployment",
        "deployments",
        draft.deployments,
        _deployment,
        out.deployments,
        _one_per_party,
    )
    for path, threat in threats:
        b.start("deployment", path, threat)
        _keep(b, out.deployments, _guard(b, _deployment, threat))
    _build_each(b, "alliance", "alliances", draft.alliances, _alliance, out.alliances)
    return out


def _threats_of_force(
    b: DraftReader, drafts: Sequence[SanctionDraft]
) -> tuple[list[SanctionDraft], list[tuple[str, DeploymentDraft]]]:
    """The sanction drafts to build, and the threats of force among them, as deployments.

    A sanction whose sentences threaten force ("would take all measures needed [...] including
    the possible use of force", "step down within a week or face possible military
    intervention") also reports a threatened deployment by its imposers in its target. When its
    sentences name no sanction, it is that deployment and no sanction.
    """
    kept: list[SanctionDraft] = []
    threats: list[tuple[str, DeploymentDraft]] = []
    for i, d in enumerate(drafts):
        located = [e for e in map(b.index.locate_quote, d.quotes) if e is not None]
        whole = [b.index.sentence(e) for e in located]
        sentences = " ".join(whole)
        if not FORCE.search(sentences):
            kept.append(d)
            continue
        path = f"sanctions[{i}]"
        threat = DeploymentDraft(
            # Whole sentences: the words of force may lie outside the part the model quoted.
            quotes=whole,
            deploying_party=d.imposers[0],
            origin_country=None,
            host_country=d.target_country,
            location=None,
            troops=None,
            status="threatened",
            purpose=None,
            date=d.date,
        )
        threats.append((f"{path} (a threat of force)", threat))
        if not SCREENS["sanction"].search(_without_force(sentences)):
            b.start("sanction", path, d)
            b.note(
                "its evidence threatens force and names no sanction: a threat of force is a "
                "threatened deployment (read as one)",
                field_name=None,
                reask=False,
                check="force_is_a_deployment",
            )
        else:
            kept.append(d)
    return kept, threats


_ULTIMATUM = re.compile(r"ultimat\w*", re.IGNORECASE)


def _without_force(text: str) -> str:
    """``text`` without its threats of force (an ultimatum of force is no sanction word)."""
    return _ULTIMATUM.sub(" ", FORCE.sub(" ", text))


def _build_each(
    b: DraftReader,
    kind: EventType,
    list_name: str,
    drafts: Sequence[_D],
    build: Callable[[DraftReader, _D], _E],
    out: list[_E],
    split: Callable[[DraftReader, _D], list[_D]] | None = None,
) -> None:
    """Build and keep each draft; ``split`` reads one draft as several events first."""
    for i, draft in enumerate(drafts):
        b.start(kind, f"{list_name}[{i}]", draft)
        for each in split(b, draft) if split is not None else [draft]:
            _keep(b, out, _guard(b, build, each))


def _guard(b: DraftReader, build: Callable[[DraftReader, _D], _E], draft: _D) -> _E | None:
    try:
        return build(b, draft)
    except DroppedEventError:
        return None


def _keep(b: DraftReader, events: list[_E], event: _E | None) -> None:
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


def _supported(b: DraftReader, evidence: Sequence[Evidence], stage: _S) -> _S:
    """The outcome or status the evidence supports; the event is dropped when it supports none.

    A threat the evidence does not voice is first replaced by the stage it states
    (:mod:`nigerwatch.core.stages`); an ending (lifted, withdrawn, dissolved...) that the
    sentences of the evidence have no word for drops the event; then the evidence is read for
    negation and modality (:mod:`nigerwatch.core.modality`): "has not frozen any assets"
    supports no sanction, "could face sanctions" only a threat.
    """
    stated = stated_stage(b.kind, stage, " ".join(e.quote for e in evidence))
    if stated != stage:
        what = "outcome" if b.kind == "coup" else "status"
        b.restate(
            f"{what} {stage!r} became {stated!r}: the stage the evidence states",
            what,
            check="stage_from_evidence",
        )
        stage = cast("_S", stated)
    sentences = b.sentences(evidence)
    expected = unstated_ending(b.kind, stage, sentences)
    if expected is not None:
        raise b.drop(
            f"its evidence does not state that {A_KIND[b.kind]} ended ({stage!r}): it has no "
            f"word such as {expected}",
            reask=False,
            check="ending_not_stated",
        )
    found = b.mood(evidence, stage)
    supported = supported_stage(b.kind, stage, found)
    if supported is None:
        raise b.drop(
            f"its evidence does not assert {A_KIND[b.kind]}: the sentence is {found} "
            f"({evidence[0].quote[:80]!r})",
            reask=False,
            check=found if found != "asserted" else "negated",
        )
    if supported != stage:
        what = "outcome" if b.kind == "coup" else "status"
        b.restate(
            f"{what} {stage!r} became {supported!r}: the evidence is {found}",
            what,
            check=found if found != "asserted" else "negated",
        )
    return cast("_S", supported)


_MUTINY = re.compile(r"\bmutin\w*", re.IGNORECASE)


def _coup(b: DraftReader, d: CoupDraft) -> Coup:
    evidence = b.evidence(d.quotes)
    sentences = b.sentences(evidence)
    if _MUTINY.search(sentences) and not reports("coup", _MUTINY.sub(" ", sentences)):
        # "the short-lived mutiny in Russia by the Wagner group" came back as a failed coup.
        raise b.drop(
            "its evidence speaks only of a mutiny, and a mutiny is a coup only when it seizes "
            "or tries to seize power (no word of its evidence says so)",
            reask=False,
            check="mutiny_not_a_coup",
        )
    outcome = _supported(b, evidence, d.outcome)
    code, _ = b.required_country(d.country, "country")
    date = b.date(d.date, evidence)
    ousted, new = _leaders(b, evidence, d)
    home = leader_country(ousted) if ousted is not None else None
    if home is not None and home != code:
        # « Emmanuel Macron a annoncé [...] après le coup d'État qui a renversé le président
        # Mohamed Bazoum » came back as a coup in France: a coup is where its leader was ousted.
        b.restate(
            f"country {code!r} became {home!r}: the country the ousted leader {ousted!r} led",
            "country",
            check="country_of_ousted_leader",
        )
        code = home
    return Coup(
        id="",  # set from the finished record by _keep
        country=code,
        date=date,
        outcome=outcome,
        perpetrators=b.actors(d.perpetrators, "perpetrators", home=code),
        ousted_leader=ousted,
        new_leader=new,
        ruling_body=b.grounded(d.ruling_body, "ruling_body"),
        evidence=evidence,
    )


def _one_per_ousted_leader(b: DraftReader, d: CoupDraft) -> list[CoupDraft]:
    """One draft per ousted leader when the quotes of one coup name several.

    "Damiba, who was overthrown [...] on Friday" and "Damiba himself had seized power [...] on
    Jan. 24, ousting President Roch Marc Christian Kabore" came back as one coup: a leader is
    ousted once, so these are two coups. Quotes that name no ousted leader stay with the first.
    """
    if len(d.quotes) < 2:
        return [d]
    groups: dict[str, list[str]] = {}
    unnamed: list[str] = []
    for quote in d.quotes:
        located = b.index.locate_quote(quote)
        ousted = coup_leaders(b.index.sentence(located))[0] if located is not None else None
        leader = leader_key(ousted)
        known = next((k for k in groups if leader and same_leader(k, leader)), leader)
        if known is None:
            unnamed.append(quote)
        else:
            groups.setdefault(known, []).append(quote)
    if len(groups) < 2:
        return [d]
    b.restate(
        f"read as {len(groups)} coups, one per ousted leader its quotes name",
        "quotes",
        check="one_coup_per_ousted_leader",
    )
    parts = list(groups.values())
    parts[0] += unnamed
    return [d.model_copy(update={"quotes": q, "ousted_leader": None}) for q in parts]


def _leaders(
    b: DraftReader, evidence: Sequence[Evidence], d: CoupDraft
) -> tuple[str | None, str | None]:
    """The model's ousted and new leaders, or those the sentences of the evidence name."""
    ousted = b.grounded(d.ousted_leader, "ousted_leader")
    new = b.grounded(d.new_leader, "new_leader")
    if ousted is not None and new is not None:
        return ousted, new
    read = coup_leaders(b.sentences(evidence))
    for field, mine, theirs in (("ousted_leader", ousted, read[0]), ("new_leader", new, read[1])):
        if mine is None and theirs is not None:
            b.restate(
                f"{field} {theirs!r} read from the sentences of its evidence",
                field,
                check="leader_from_evidence",
            )
    return ousted or read[0], new or read[1]


def _sanction(b: DraftReader, d: SanctionDraft) -> Sanction:
    evidence = b.evidence(d.quotes)
    status = _supported(b, evidence, d.status)
    imposers = b.required_actors(d.imposers, "imposers")
    target, _ = b.required_country(d.target_country, "target_country")
    imposers = [a for a in imposers if a.organization is not None or a.country != target]
    if not imposers:
        # "Les sanctions régionales contre le Niger" came back as sanctions by Niger on Niger.
        raise b.drop(
            f"its only imposer is its target ({target}): a state does not sanction itself",
            reask=False,
            check="imposer_is_target",
        )
    date = b.date(d.date, evidence)
    return Sanction(
        id="",  # set from the finished record by _keep
        imposers=imposers,
        target_country=target,
        target_actors=b.actors(d.target_actors, "target_actors", home=target),
        status=status,
        measures=_measures(b, evidence, d.measures),
        date=date,
        evidence=evidence,
    )


def _measures(
    b: DraftReader, evidence: Sequence[Evidence], listed: Sequence[SanctionMeasure]
) -> list[SanctionMeasure]:
    """The model's measures, with those the sentences of the evidence name."""
    stated = sanction_measures(b.sentences(evidence))
    added = sorted(set(stated) - set(listed))
    if added:
        b.restate(
            f"measures {added} read from the sentences of its evidence",
            "measures",
            check="measures_from_evidence",
        )
    return sorted(set(listed) | set(stated))


def _at_home(
    b: DraftReader, evidence: Sequence[Evidence], status: DeploymentStatus, host: str
) -> DeploymentStatus:
    """The stage of a country's own forces at home, or the event dropped when they only are.

    Reinforced or arrived, they are a deployment (an army reinforcing its capital against an
    invasion); merely there (soldiers at checkpoints, an army fighting at home), they are not,
    and they never threaten their own country.
    """
    if status in ("reinforced", "arrived"):
        return status
    stated = moved(b.sentences(evidence))
    if stated is None:
        raise b.drop(
            f"its troops are {host}'s own forces at home, and its evidence states no "
            "reinforcement or arrival: a country's own army at home is not a deployment",
            reask=False,
            check="own_forces_at_home",
        )
    b.restate(
        f"status {status!r} became {stated!r}: {host}'s own forces at home, reinforced or "
        "moved in, threaten no one",
        "status",
        check="stage_from_evidence",
    )
    return cast("DeploymentStatus", stated)


_JOINED = re.compile(r"\s*(?:,|\band\b|\bet\b)\s*", re.IGNORECASE)


def _one_per_party(b: DraftReader, d: DeploymentDraft) -> list[DeploymentDraft]:
    """One draft per state or organisation when the deploying party joins several of them.

    "leading the United States and France to station troops in Niger" came back as one
    deployment by "United States and France": each state's troops are a deployment of their
    own (and each joins the datasets keyed on one actor).
    """
    parts = [p for p in _JOINED.split(d.deploying_party or "") if p]
    if len(parts) < 2 or not all(_a_state_or_body(p) for p in parts):
        return [d]
    b.restate(
        f"deploying_party {d.deploying_party!r} read as {len(parts)} deployments, one per party",
        "deploying_party",
        check="one_deployment_per_party",
    )
    return [d.model_copy(update={"deploying_party": p}) for p in parts]


def _a_state_or_body(name: str) -> bool:
    found = actor(name)
    return found.kind == "state" or found.organization is not None


def _deployment(b: DraftReader, d: DeploymentDraft) -> Deployment:
    evidence = b.evidence(d.quotes)
    status = _supported(b, evidence, d.status)
    party_name = b.grounded(d.deploying_party, "deploying_party")
    if party_name is None:
        raise b.drop(
            f"deploying_party {d.deploying_party!r} is not a name from the article",
            check="placeholder" if given(d.deploying_party) is None else "name_not_grounded",
        )
    host, city = b.required_country(d.host_country, "host_country")
    party = actor(party_name)
    if party.country == host:
        status = _at_home(b, evidence, status, host)
    origin = b.optional_country(d.origin_country, "origin_country") or party.country
    date = b.date(d.date, evidence)
    return Deployment(
        id="",  # set from the finished record by _keep
        deploying_party=party,
        origin_country=origin,
        host_country=host,
        location=b.grounded(d.location, "location") or city,
        troops=b.troops(d.troops, evidence),
        status=status,
        purpose=b.grounded(d.purpose, "purpose"),
        date=date,
        evidence=evidence,
    )


ALLIANCE_NAMES = frozenset({"AES", "G5 Sahel", "MNJTF"})
"""Canonical organisations that are alliances: an alliance the model left unnamed takes the
one its evidence names ("la charte [...] qui institue l'Alliance des États du Sahel")."""


def _named_in(evidence: Sequence[Evidence]) -> str | None:
    named = {
        m.code for e in evidence for m in find_organizations(e.quote) if m.code in ALLIANCE_NAMES
    }
    return named.pop() if len(named) == 1 else None


def _alliance_named(members: list[Actor], name: str | None) -> tuple[list[Actor], str | None]:
    """Move an alliance listed among its own members to its name.

    Asked for the members of "Bamako announced that it was withdrawing from the G5 Sahel", a
    small model lists the G5 Sahel beside Mali; the alliance is the G5 Sahel, Mali its member.
    """
    named = [m for m in members if m.organization in ALLIANCE_NAMES]
    others = [m for m in members if m.organization not in ALLIANCE_NAMES]
    codes = {m.organization for m in named}
    if not others or len(codes) != 1 or (name is not None and name not in codes):
        return members, name
    return others, codes.pop()


def _alliance(b: DraftReader, d: AllianceDraft) -> Alliance:
    evidence = b.evidence(d.quotes)
    status = _supported(b, evidence, d.status)
    sentences = b.sentences(evidence)
    if reports("deployment", sentences) and not SCREENS["alliance"].search(sentences):
        # "France and its European partners said they would withdraw their forces from Mali"
        raise b.drop(
            "its evidence speaks of troops and names no tie (an alliance, accord, treaty, "
            "cooperation or organisation left): troops leaving are a deployment",
            reask=False,
            check="troops_not_a_tie",
        )
    members = b.required_actors(d.members, "members")
    name = b.grounded(d.name, "name")
    name = (organization(name) or name) if name else _named_in(evidence)
    members, name = _alliance_named(members, name)
    parties = {actor_key(m) for m in members}
    # One bloc and another's name ("Les trois pays de l'AES [...] parlent de quitter la CEDEAO"
    # came back as the AES with ECOWAS its only member): the bloc is not a member joining.
    bloc = any(m.kind == "organization" for m in members)
    if len(parties) < 2 and (name is None or name in parties or bloc):
        raise b.drop(
            f"an alliance needs two members, or one state and the alliance it joins or "
            f"leaves; {[m.name for m in members]!r} is one party",
            reask=False,
            check="one_member",
        )
    date = b.date(d.date, evidence)
    return Alliance(
        id="",  # set from the finished record by _keep
        members=members,
        name=name,
        kind=d.kind,
        status=status,
        date=date,
        evidence=evidence,
    )

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
    joint_statement,
    reports,
    unstated_ending,
)
from nigerwatch.core.modality import by_a_company, most_assertive, supported_stage
from nigerwatch.core.reader import DraftReader, DroppedEventError, Records
from nigerwatch.core.stages import moved, stated_stage
from nigerwatch.normalize import (
    city_country,
    coup_dates,
    coup_leaders,
    find_countries,
    find_organizations,
    find_places,
    leader_country,
    organization,
    sanction_measures,
    seat_country,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    AllianceKind,
    Check,
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
    _build_each(b, "coup", "coups", draft.coups, _coup, out.coups, _coups_of)
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


def _supported(
    b: DraftReader, evidence: Sequence[Evidence], stage: _S
) -> tuple[_S, list[Evidence]]:
    """The outcome or status the evidence supports, and the quotes that support it.

    The event is dropped when its evidence supports no stage; a quote that denies or only
    demands what another asserts is left out of its evidence (:meth:`DraftReader.supporting`).

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
    moods = b.moods(evidence, stage)
    found = most_assertive(moods)
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
    return cast("_S", supported), b.supporting(evidence, moods)


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
    outcome, evidence = _supported(b, evidence, d.outcome)
    sentences = b.sentences(evidence)
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
    elif home is None:
        _coup_placed(b, sentences, code)
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


_SPECIFIC = re.compile(
    r"\b(?:19|20)\d\d\b|\bjunt[ae]s?\b|\b(?:the|this|that|its|la|le|l['\u2019]|cette|ce)\s*"
    r"(?:\w+\s+){0,2}(?:coup|putsch|attempt|tentative|takeover|mutiny|mutinerie|president|"
    r"pr[ée]sident|chef de l['\u2019][ée]tat|head of state|army|arm[ée]e|soldiers|militaires)\b",
    re.IGNORECASE,
)
"""A coup told by reference or by date ("the attempt", « la tentative », "the junta", « mars
2012 »): a sentence naming no place may still tell of one coup."""


def _coup_placed(b: DraftReader, sentences: str, code: str) -> None:
    """Drop a coup whose evidence sentences neither place it nor tell of one coup.

    A general remark ("Governments have learned that announcing a foiled coup is a useful
    tool") came back as a failed coup in each country the article named elsewhere. A sentence
    that names a country, a place or a head of state places it, in one of those: « le Niger
    [...] cinq mois après le coup d'État de juillet », beside Mali and Burkina Faso, came back
    as a coup in Senegal and in Chad too. One that names none but refers to the coup or dates
    it (:data:`_SPECIFIC`) tells of one, told earlier in the article.
    """
    named = {m.code for m in (*find_countries(sentences), *find_places(sentences))}
    leader = leader_country(sentences)
    if leader is not None:
        named.add(leader)
    if code in named:
        return
    if named:
        raise b.drop(
            f"country {code}: its evidence sentences name other countries "
            f"({', '.join(sorted(named))}), never it",
            reask=False,
            check="country_not_in_evidence",
        )
    if _SPECIFIC.search(sentences):
        return
    raise b.drop(
        f"country {code}: its evidence sentences name no country, place or leader",
        reask=False,
        check="country_not_in_evidence",
    )


def _coups_of(b: DraftReader, d: CoupDraft) -> list[CoupDraft]:
    """The coups one draft tells of: one per ousted leader, then one per dated seizure."""
    return [each for one in _one_per_ousted_leader(b, d) for each in _one_per_dated_seizure(b, one)]


def _one_per_dated_seizure(b: DraftReader, d: CoupDraft) -> list[CoupDraft]:
    """One draft per dated seizure when the sentences of one coup date two.

    "the junta [...] which came to power in an August 2020 coup and tightened its grip in a
    second takeover in May 2021" came back as one undated coup: these are two coups, each
    dated by its phrase. Leaders are left to the sentence, which may not tell them apart.
    """
    located = [b.index.locate_quote(q) for q in d.quotes]
    dates = coup_dates(" ".join(b.index.sentence(e) for e in located if e is not None))
    if len(dates) < 2:
        return [d]
    b.restate(
        f"read as {len(dates)} coups, one per dated seizure its sentences tell of "
        f"({', '.join(dates)})",
        "date",
        check="one_coup_per_dated_seizure",
    )
    return [
        d.model_copy(update={"date": phrase, "ousted_leader": None, "new_leader": None})
        for phrase in dates
    ]


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
    quoted = b.evidence(d.quotes)
    status, evidence = _supported(b, quoted, d.status)
    told = [text for text in map(b.index.sentence, evidence) if reports("sanction", text)]
    if told and all(by_a_company("sanction", sentence) for sentence in told):
        raise b.drop(
            "its evidence tells of a company's decision (\"the mining group said it had "
            'suspended its operations"), not of a sanction by a state or a body',
            reask=False,
            check="company_decision",
        )
    imposers = b.required_actors(d.imposers, "imposers")
    coded = [a for a in imposers if a.organization is not None or a.country is not None]
    if not coded:
        # "L'ancien chef de l'État nigérian Yakubu Gowon avait [...] plaidé pour la levée des
        # sanctions" came back as a lifting by Gowon: a person or an office is no imposer.
        raise b.drop(
            f"imposers {[a.name for a in imposers]!r} name no state or organisation",
            reask=False,
            check="imposer_unknown",
        )
    imposers = coded
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
        measures=_measures(b, evidence, d.measures, quoted=quoted),
        date=date,
        evidence=evidence,
    )


def _measures(
    b: DraftReader,
    evidence: Sequence[Evidence],
    listed: Sequence[SanctionMeasure],
    *,
    quoted: Sequence[Evidence],
) -> list[SanctionMeasure]:
    """The model's measures, with those the sentences of the evidence name.

    A measure named only by the quotes left out of ``evidence`` (among all those ``quoted``:
    a denial, « n'a décidé ni fermeture des frontières ») is not one of the sanction's.
    """
    stated = sanction_measures(b.sentences(evidence))
    denied = (set(sanction_measures(b.sentences(quoted))) - set(stated)) & set(listed)
    if denied:
        b.restate(
            f"measures {sorted(denied)} left out: only quotes left out name them",
            "measures",
            check="measures_from_evidence",
        )
        listed = [m for m in listed if m not in denied]
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
    status, evidence = _supported(b, evidence, d.status)
    party_name = b.grounded(d.deploying_party, "deploying_party")
    if party_name is None:
        raise b.drop(
            f"deploying_party {d.deploying_party!r} is not a name from the article",
            check="placeholder" if given(d.deploying_party) is None else "name_not_grounded",
        )
    host, city = b.required_country(d.host_country, "host_country")
    party = b.not_nigerian(actor(party_name), "deploying_party")
    if party is None:
        raise b.drop(
            f"deploying_party {party_name!r} is Nigeria, and the sentences of its evidence "
            "never name it (Niger is never Nigeria)",
            reask=False,
            check="niger_not_nigeria",
        )
    if party.country is None and party.organization is None and not find_countries(party_name):
        # "Western governments", "European special forces": no state or body to code.
        raise b.drop(
            f"deploying_party {party_name!r} names no state or organisation",
            reask=False,
            check="party_unknown",
        )
    if party.country == host:
        status = _at_home(b, evidence, status, host)
    else:
        party, host = _swapped(b, evidence, party, host)
        host = _host_named(b, evidence, host, party.country)
    origin = b.optional_country(d.origin_country, "origin_country") or party.country
    date = b.date(d.date, evidence)
    return Deployment(
        id="",  # set from the finished record by _keep
        deploying_party=party,
        origin_country=origin,
        host_country=host,
        location=_in(host, b.grounded(d.location, "location") or city),
        troops=b.troops(d.troops, evidence),
        status=status,
        purpose=b.grounded(d.purpose, "purpose"),
        date=date,
        evidence=evidence,
    )


_TROOPS = r"(?:troops|soldiers|forces|special forces|militaires|soldats|troupes)"
_TROOPS_BEFORE = re.compile(rf"\b{_TROOPS}(?: sp[eé]ciales?)?\s+$", re.IGNORECASE)
_TROOPS_AFTER = re.compile(rf"\s+{_TROOPS}\b", re.IGNORECASE)


def _troops_of(sentences: str) -> dict[str, str]:
    """The countries whose troops the sentences name by demonym, each with the phrase.

    "French troops", « militaires français », « forces spéciales américaines »: the state
    whose soldiers they are.
    """
    found: dict[str, str] = {}
    for m in find_countries(sentences):
        before = _TROOPS_BEFORE.search(sentences[: m.start])
        after = _TROOPS_AFTER.match(sentences[m.end :])
        if before is not None:
            found.setdefault(m.code, sentences[before.start() : m.end])
        elif after is not None:
            found.setdefault(m.code, sentences[m.start : m.end + after.end()])
    return found


def _swapped(
    b: DraftReader, evidence: Sequence[Evidence], party: Actor, host: str
) -> tuple[Actor, str]:
    """Party and host swapped back when the sentences call the host's soldiers the troops.

    « Le Niger [...] où stationnaient quelque 1 500 militaires français » came back as Niger
    deploying to France: the troops are French, the host is Niger.
    """
    troops = _troops_of(b.sentences(evidence))
    if party.kind != "state" or party.country is None or host not in troops:
        return party, host
    if party.country in troops:
        return party, host
    b.restate(
        f"deploying_party {party.name!r} and host_country {host} swapped: its evidence "
        f"calls the troops {troops[host]!r}",
        "deploying_party",
        check="party_and_host_swapped",
    )
    return actor(troops[host]), party.country


def _host_named(b: DraftReader, evidence: Sequence[Evidence], host: str, party: str | None) -> str:
    """The host its evidence sentences name, when they name one other country than the model's.

    Besides the deploying party's own country, the one country a sentence places its troops
    in is their host: "Les derniers soldats de l'opération Barkhane avaient quitté le pays [...]
    en remettant à l'armée malienne leur base de Gao" is Mali, not Burkina Faso. A sentence
    that names no other place ("the bloc said it would take all measures needed") refers back,
    and one that names several ("Côte d'Ivoire [...] and Benin and Senegal have said they are
    prepared to send troops") may list the other senders: the model's host stands.
    """
    text = b.sentences(evidence)
    named = {m.code for m in (*find_countries(text), *find_places(text))} - {party}
    if len(named) != 1 or host in named:
        return host
    stated = named.pop()
    b.restate(
        f"host_country {host} became {stated}, the one other country its evidence names",
        "host_country",
        check="host_from_evidence",
    )
    return stated


def _in(host: str, place: str | None) -> str | None:
    """``place``, unless it is a known city of another country than ``host``."""
    found = city_country(place) if place is not None else None
    return place if found in (None, host) else None


def _statement_not_ending(b: DraftReader, d: AllianceDraft, sentences: str) -> AllianceDraft:
    """A joint statement of solidarity the model called an ending, read as the statement.

    « Le Mali et le Burkina Faso ont averti dans un communiqué commun que toute intervention
    militaire contre le Niger serait considérée comme une déclaration de guerre » came back as a
    withdrawal, dissolved; its sentence states no ending but voices a joint statement.
    """
    if unstated_ending("alliance", d.status, sentences) is None or not joint_statement(sentences):
        return d
    b.restate(
        f"status {d.status!r} and kind {d.kind!r} became 'announced' and "
        "'solidarity_statement': its evidence voices a joint statement and states no ending",
        "status",
        check="stage_from_evidence",
    )
    return d.model_copy(update={"status": "announced", "kind": "solidarity_statement"})


def _members_named(b: DraftReader, sentences: str, members: list[Actor]) -> list[Actor]:
    """The states its evidence sentences name, when they name none of the model's members.

    "le vice-ministre russe de la défense [...] s'est rendu à Niamey, où les deux pays ont
    signé des documents visant à renforcer leur coopération militaire" came back as a tie
    between France and Mali, named elsewhere in the article: the sentence's two states are
    Russia and Niger (a demonym and a seat of government name a state).
    """
    places = [m for m in find_places(sentences) if seat_country(m.surface) is not None]
    named: dict[str, str] = {}
    for mention in sorted((*find_countries(sentences), *places), key=lambda m: m.start):
        named.setdefault(mention.code, mention.surface)
    organizations = {m.code for m in find_organizations(sentences)}
    if len(named) < 2 or any(
        m.country in named or m.organization in organizations for m in members
    ):
        return members
    b.restate(
        f"members {[m.name for m in members]!r} became the states its evidence sentences name "
        f"({', '.join(named)}): its sentences name none of them",
        "members",
        check="members_from_evidence",
    )
    return [actor(surface) for surface in named.values()]


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


_STATES_ONLY: frozenset[AllianceKind] = frozenset({"confederation", "mutual_defense"})


def _a_state(member: Actor) -> bool:
    """A state, or its armed forces ("Niger's armed forces" are Niger's)."""
    return member.country is not None and member.kind in ("state", "armed_forces")


def _parties_to_a_tie(b: DraftReader, members: list[Actor], kind: AllianceKind) -> list[Actor]:
    """The members that can be parties to an alliance of ``kind``: states, and bodies.

    A party, a company or a mediator is no party to an alliance ("an agreement facilitated by
    the African Union, the Commonwealth and ECOWAS" ended a party's boycott of parliament), and
    only states confederate or pledge mutual defence: the European Union and Niger formed no
    confederation. An alliance ties at least one state.
    """
    kept = [
        m
        for m in members
        if _a_state(m) or (m.organization is not None and kind not in _STATES_ONLY)
    ]
    if not any(_a_state(m) for m in kept):
        raise b.drop(
            f"an alliance ties states; {[m.name for m in members]!r} names none",
            reask=False,
            check="members_not_states",
        )
    if len(kept) < len(members):
        b.restate(
            f"members {[m.name for m in members if m not in kept]!r} left out: no state "
            f"{'' if kind in _STATES_ONLY else 'or body '}that can be party to a {kind}",
            "members",
            check="members_not_states",
        )
    return kept


_NOT_TIES: tuple[tuple[EventType, str, str, Check], ...] = (
    ("deployment", "troops", "troops leaving are a deployment", "troops_not_a_tie"),
    ("sanction", "a sanction", "a punishment is a sanction", "sanction_not_a_tie"),
)
"""What an alliance's sentences may tell of only if they also name a tie: "France and its
European partners said they would withdraw their forces from Mali" is a deployment, "ECOWAS
[...] closed its members' borders with Mali and suspended financial transactions" a sanction."""


def _names_a_tie(b: DraftReader, sentences: str) -> None:
    """Refuse an alliance whose sentences tell of another type of event and name no tie."""
    if SCREENS["alliance"].search(sentences):
        return
    for kind, what, why, check in _NOT_TIES:
        if reports(kind, sentences):
            raise b.drop(
                f"its evidence speaks of {what} and names no tie (an alliance, accord, treaty, "
                f"cooperation or organisation left): {why}",
                reask=False,
                check=check,
            )


def _alliance(b: DraftReader, d: AllianceDraft) -> Alliance:
    evidence = b.evidence(d.quotes)
    sentences = b.sentences(evidence)
    d = _statement_not_ending(b, d, sentences)
    status, evidence = _supported(b, evidence, d.status)
    sentences = b.sentences(evidence)
    _names_a_tie(b, sentences)
    members = _members_named(b, sentences, b.required_actors(d.members, "members"))
    name = b.grounded(d.name, "name")
    name = (organization(name) or name) if name else _named_in(evidence)
    members, name = _alliance_named(members, name)
    members = _parties_to_a_tie(b, members, d.kind)
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

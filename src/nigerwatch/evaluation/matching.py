"""One-to-one matching of predicted records to gold events, with the shared identity function.

A prediction and a gold event match when :func:`nigerwatch.core.identity.same_event` (not
strict) says so: coups on country and a consistent date, sanctions on target, status and an
overlapping imposer, deployments on host, an acceptable actor and the stage group (promised,
present, leaving), alliances on overlapping members; for every type, dates given on both
sides must be consistent. Among the candidate pairs of one type the best ones are taken first
(the most actors shared, the same stage, for alliances the same name, then the most precise
date agreement), and each gold event and each prediction is used at most once.
"""

from __future__ import annotations

from dataclasses import dataclass

from nigerwatch.core.identity import EventKey, key_of, same_event
from nigerwatch.evaluation.gold import (
    GoldAlliance,
    GoldCoup,
    GoldDeployment,
    GoldSanction,
    date_range,
)
from nigerwatch.schemas import Event

AnyGold = GoldCoup | GoldSanction | GoldDeployment | GoldAlliance


def gold_key(event: AnyGold) -> EventKey:
    """The matching key of a gold event."""
    earliest, latest = date_range(event.date) if event.date else (None, None)
    if isinstance(event, GoldCoup):
        return EventKey("coup", event.country, frozenset(), event.outcome, earliest, latest)
    if isinstance(event, GoldSanction):
        imposers = frozenset(event.imposers)
        return EventKey("sanction", event.target, imposers, event.status, earliest, latest)
    if isinstance(event, GoldDeployment):
        actors = frozenset(event.actor)
        return EventKey("deployment", event.host, actors, event.status, earliest, latest)
    members = frozenset(event.members)
    return EventKey(
        "alliance", None, members, event.status, earliest, latest, event.kind, event.name
    )


@dataclass(frozen=True)
class Pair:
    """A gold event and the prediction matched to it, and why they match."""

    gold: AnyGold
    predicted: Event
    reason: str


def match(gold: list[AnyGold], predicted: list[Event]) -> tuple[list[Pair], list[Event]]:
    """Match predictions to gold events one to one.

    Args:
        gold: The gold events of one article (required and optional).
        predicted: The article's predicted records.

    Returns:
        The matched pairs, and the predictions that match no gold event.
    """
    gold_keys = [gold_key(event) for event in gold]
    predicted_keys = [key_of(event) for event in predicted]
    candidates: list[tuple[tuple[int, ...], int, int, str]] = []
    for g, g_key in enumerate(gold_keys):
        for p, p_key in enumerate(predicted_keys):
            reason = same_event(g_key, p_key, strict=False)
            if reason is not None:
                candidates.append((_closeness(g_key, p_key, gold[g]), g, p, reason))
    # Best pairs first; ties keep the article's order, so the result is deterministic.
    candidates.sort(key=lambda c: (*(-x for x in c[0]), c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[Pair] = []
    for _, g, p, reason in candidates:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        pairs.append(Pair(gold[g], predicted[p], reason))
    unmatched = [event for p, event in enumerate(predicted) if p not in used_predicted]
    return pairs, unmatched


def _closeness(gold: EventKey, predicted: EventKey, event: AnyGold) -> tuple[int, ...]:
    """How good a candidate pair is: required, most actors shared, same stage and name, dates.

    Alliances match on any shared member, so the rest decides between them: Niger and France
    ending their military cooperation pairs with that label rather than with Mali's, and
    Burkina Faso and Niger leaving the G5 Sahel with that label rather than with the AES.
    """
    shared = len(gold.actors & predicted.actors)
    same_stage = int(gold.stage == predicted.stage)
    same_name = int(gold.name is not None and gold.name == predicted.name)
    if gold.earliest and predicted.earliest and gold.latest and predicted.latest:
        overlap_days = (
            min(gold.latest, predicted.latest) - max(gold.earliest, predicted.earliest)
        ).days
        span_days = (
            max(gold.latest, predicted.latest) - min(gold.earliest, predicted.earliest)
        ).days
        tightness = -(span_days - overlap_days)
    else:
        tightness = -100_000
    return int(event.required), shared, same_stage, same_name, tightness

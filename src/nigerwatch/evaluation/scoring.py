"""Scores of predicted records against gold labels: per type, per slice, fields, rules.

* A prediction matched to a **required** gold event is a true positive; one matched to an
  optional event counts neither way; an unmatched prediction is a false positive; an
  unmatched required event a false negative.
* **Field accuracy** is measured on matched required events, for the fields the gold gives:
  dates are right when the predicted range lies within the gold one (as precise or more, and
  consistent), names when their words agree, codes and vocabularies when equal.
* **must_not** rules are checked on every prediction; predictions on ``negative`` articles
  are false alarms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nigerwatch.core.identity import actor_key
from nigerwatch.core.text import plain_words
from nigerwatch.evaluation.gold import (
    GoldAlliance,
    GoldArticle,
    GoldCoup,
    GoldDeployment,
    GoldSanction,
    MustNot,
    date_range,
)
from nigerwatch.evaluation.matching import AnyGold, Pair, match
from nigerwatch.schemas import (
    Alliance,
    ArticleExtraction,
    Coup,
    Deployment,
    Event,
    EventType,
    PartialDate,
    Sanction,
)

TYPES: tuple[EventType, ...] = ("coup", "sanction", "deployment", "alliance")


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), or None with no prediction."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), or None with no required event."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (0 when either is 0; None when undefined)."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None if self.tp + self.fp + self.fn == 0 else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Violation:
    """A prediction that breaks a must_not rule."""

    article: str
    rule: str
    event_id: str
    event_type: EventType


@dataclass
class ArticleScore:
    """How the predictions of one article fared."""

    gold: GoldArticle
    predicted: bool
    counts: dict[EventType, Counts] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    missed: list[AnyGold] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    fields: Counter[str] = field(default_factory=Counter)
    fields_right: Counter[str] = field(default_factory=Counter)
    events_predicted: int = 0


def score_article(
    gold: GoldArticle, result: ArticleExtraction | None, text: str | None = None
) -> ArticleScore:
    """Score one article's extraction (None when it has no prediction) against its labels."""
    score = ArticleScore(gold=gold, predicted=result is not None)
    predicted = result.events if result is not None else []
    score.events_predicted = len(predicted)
    for kind in TYPES:
        gold_events = [e for e in gold.events if e.type == kind]
        mine = [e for e in predicted if e.type == kind]
        pairs, unmatched = match(gold_events, mine)
        matched_gold = {id(pair.gold) for pair in pairs}
        required_pairs = [pair for pair in pairs if pair.gold.required]
        missed = [e for e in gold_events if e.required and id(e) not in matched_gold]
        score.counts[kind] = Counts(tp=len(required_pairs), fp=len(unmatched), fn=len(missed))
        score.pairs += pairs
        score.false_positives += unmatched
        score.missed += missed
        for pair in required_pairs:
            for name, right in field_checks(pair.gold, pair.predicted).items():
                score.fields[f"{kind}.{name}"] += 1
                score.fields_right[f"{kind}.{name}"] += right
    for rule in gold.must_not:
        score.violations += [
            Violation(gold.id, rule.rule, event.id, event.type)
            for event in predicted
            if breaks(rule, event, text)
        ]
    return score


def score_all(
    gold: Iterable[GoldArticle],
    results: Iterable[ArticleExtraction],
    texts: Mapping[str, str] | None = None,
) -> list[ArticleScore]:
    """Score every gold article; predictions for articles without labels are ignored."""
    by_id = {result.article.id: result for result in results}
    texts = texts or {}
    return [score_article(g, by_id.get(g.id), texts.get(g.id)) for g in gold]


def field_checks(gold: AnyGold, predicted: Event) -> dict[str, bool]:
    """Whether each field the gold event gives is right in the matched prediction."""
    checks: dict[str, bool] = {}
    if gold.date is not None:
        checks["date"] = date_right(gold.date, predicted.date)
    if isinstance(gold, GoldCoup) and isinstance(predicted, Coup):
        checks["outcome"] = gold.outcome == predicted.outcome
        if gold.ousted_leader:
            checks["ousted_leader"] = names_agree(gold.ousted_leader, predicted.ousted_leader)
        if gold.new_leader:
            checks["new_leader"] = names_agree(gold.new_leader, predicted.new_leader)
    elif isinstance(gold, GoldSanction) and isinstance(predicted, Sanction):
        if gold.measures:
            checks["measures"] = set(gold.measures) == set(predicted.measures)
        checks["imposers"] = set(gold.imposers) == {actor_key(a) for a in predicted.imposers}
    elif isinstance(gold, GoldDeployment) and isinstance(predicted, Deployment):
        checks["status"] = gold.status == predicted.status
        if gold.troops is not None:
            troops = predicted.troops.value if predicted.troops else None
            checks["troops"] = troops == gold.troops
        if gold.location:
            checks["location"] = names_agree(gold.location, predicted.location)
    elif isinstance(gold, GoldAlliance) and isinstance(predicted, Alliance):
        checks["kind"] = gold.kind == predicted.kind
        checks["status"] = gold.status == predicted.status
        if gold.name:
            checks["name"] = names_agree(gold.name, predicted.name)
    return checks


def date_right(gold: str, predicted: PartialDate | None) -> bool:
    """True when the predicted date lies within the gold one (as precise or more)."""
    if predicted is None:
        return False
    earliest, latest = date_range(gold)
    return earliest <= predicted.earliest and predicted.latest <= latest


def names_agree(gold: str, predicted: str | None) -> bool:
    """True when one name's words contain the other's ("Bazoum" and "Mohamed Bazoum")."""
    if predicted is None:
        return False
    a, b = set(plain_words(gold)), set(plain_words(predicted))
    return bool(a) and bool(b) and (a <= b or b <= a)


def breaks(rule: MustNot, event: Event, text: str | None) -> bool:
    """True when ``event`` is what ``rule`` forbids."""
    if rule.type not in ("any", event.type):
        return False
    m = rule.match
    countries = _countries(event)
    actors = _actors(event)
    checks = [
        m.country is None or m.country in countries,
        m.target is None or (isinstance(event, Sanction) and event.target_country == m.target),
        m.host is None or (isinstance(event, Deployment) and event.host_country == m.host),
        m.status is None or _stage(event) in m.status,
        m.evidence_contains is None or _evidence_overlaps(event, m.evidence_contains, text),
    ]
    for listed in (m.imposers, m.actor, m.members):
        checks.append(listed is None or bool(actors & set(listed)))
    return all(checks)


def _stage(event: Event) -> str:
    return event.outcome if isinstance(event, Coup) else event.status


def _actors(event: Event) -> set[str]:
    if isinstance(event, Sanction):
        people = [*event.imposers]
    elif isinstance(event, Deployment):
        people = [event.deploying_party]
    elif isinstance(event, Alliance):
        people = [*event.members]
    else:
        people = [*event.perpetrators]
    keys = {actor_key(a) for a in people} | {a.country for a in people if a.country}
    if isinstance(event, Deployment) and event.origin_country:
        keys.add(event.origin_country)
    return keys


def _countries(event: Event) -> set[str]:
    codes = {code for code in _actors(event) if len(code) == 3 and code.isupper()}
    if isinstance(event, Coup):
        codes.add(event.country)
    elif isinstance(event, Sanction):
        codes.add(event.target_country)
        codes.update(a.country for a in event.target_actors if a.country)
    elif isinstance(event, Deployment):
        codes.add(event.host_country)
    return codes


def _evidence_overlaps(event: Event, snippet: str, text: str | None) -> bool:
    if text is not None and snippet in text:
        start = text.index(snippet)
        end = start + len(snippet)
        return any(e.start < end and start < e.end for e in event.evidence)
    # Without the article, compare the texts themselves.
    return any(snippet in e.quote or e.quote in snippet for e in event.evidence)

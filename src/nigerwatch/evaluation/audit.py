"""Does each check of the record builder earn its place? What its refusals cost and buy.

Every event the builder refused is listed in ``dropped`` with the check that refused it. Read
against the gold labels, a refused draft that matches a required gold event the kept records
missed is recall the check cost; one that matches no gold event at all is precision it bought
(a false positive avoided). Removing a check would turn the first into true positives and the
second into false positives — if no later check refused them too, so the figures are an upper
bound of what removing the check would change, measured without asking the model again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nigerwatch.core.identity import EventKey, actor_key, same_event
from nigerwatch.core.lexicon import actor
from nigerwatch.evaluation.gold import GoldArticle
from nigerwatch.evaluation.matching import AnyGold, gold_key, match
from nigerwatch.normalize import city_country, country
from nigerwatch.schemas import ArticleExtraction, Dropped, EventType


@dataclass
class CheckAudit:
    """What one check's refusals of whole events would have been.

    Attributes:
        refused: Drafts it refused.
        missed_gold: Of those, drafts matching a required gold event the records missed.
        matched_gold: Drafts matching a gold event the records already have (or an optional).
        no_gold: Drafts matching no gold event: false positives avoided.
    """

    refused: int = 0
    missed_gold: int = 0
    matched_gold: int = 0
    no_gold: int = 0


@dataclass
class Audit:
    """The audit of every check over a set of articles."""

    checks: dict[str, CheckAudit] = field(default_factory=dict)
    field_changes: Counter[str] = field(default_factory=Counter)

    def table(self) -> str:
        """A plain-text table: check, refused, recall cost, precision bought."""
        lines = [
            "check refusals of whole events (read against the gold labels):",
            f"  {'check (type)':<34} {'refused':>7} {'missed gold':>11} {'other gold':>10} "
            f"{'no gold':>7}",
        ]
        for name, audit in sorted(self.checks.items(), key=lambda item: -item[1].refused):
            lines.append(
                f"  {name:<34} {audit.refused:>7} {audit.missed_gold:>11} "
                f"{audit.matched_gold:>10} {audit.no_gold:>7}"
            )
        if self.field_changes:
            changed = ", ".join(f"{name} {n}" for name, n in self.field_changes.most_common())
            lines.append(f"  fields cleared or restated: {changed}")
        return "\n".join(lines)


def audit(
    gold: Iterable[GoldArticle], results: Iterable[ArticleExtraction], *, split: str | None = None
) -> Audit:
    """Read every refusal of ``results`` against the labels of ``gold``."""
    by_id = {r.article.id: r for r in results}
    report = Audit()
    for article in gold:
        result = by_id.get(article.id)
        if result is None or (split is not None and article.split != split):
            continue
        missed = _missed(article, result)
        for dropped in result.dropped:
            name = dropped.check or "unnamed"
            if dropped.field is not None:
                report.field_changes[f"{dropped.event_type}.{dropped.field}:{name}"] += 1
                continue
            key = draft_key(dropped)
            if key is None:
                continue
            entry = report.checks.setdefault(f"{name} ({dropped.event_type})", CheckAudit())
            entry.refused += 1
            if any(same_event(gold_key(g), key, strict=False) for g in missed):
                entry.missed_gold += 1
            elif any(same_event(gold_key(g), key, strict=False) for g in article.events):
                entry.matched_gold += 1
            else:
                entry.no_gold += 1
    return report


def _missed(article: GoldArticle, result: ArticleExtraction) -> list[AnyGold]:
    missed: list[AnyGold] = []
    for kind in ("coup", "sanction", "deployment", "alliance"):
        gold_events = [e for e in article.events if e.type == kind]
        pairs, _ = match(gold_events, [e for e in result.events if e.type == kind])
        matched = {id(pair.gold) for pair in pairs}
        missed += [e for e in gold_events if e.required and id(e) not in matched]
    return missed


def draft_key(dropped: Dropped) -> EventKey | None:
    """The matching key of a refused draft, its names normalized as the builder would."""
    draft: Mapping[str, object] = dropped.draft
    kind: EventType | None = dropped.event_type
    if kind is None or not draft:
        return None
    if kind == "coup":
        return EventKey("coup", _place(draft.get("country")), frozenset(), _text(draft, "outcome"))
    if kind == "sanction":
        imposers = _actors(draft.get("imposers"))
        return EventKey(
            "sanction", _place(draft.get("target_country")), imposers, _text(draft, "status")
        )
    if kind == "deployment":
        party = actor(str(draft.get("deploying_party") or "?"))
        actors = {actor_key(party), *filter(None, (party.country,))}
        origin = _place(draft.get("origin_country"))
        if origin:
            actors.add(origin)
        return EventKey(
            "deployment",
            _place(draft.get("host_country")),
            frozenset(actors),
            _text(draft, "status"),
        )
    return EventKey(
        "alliance",
        None,
        _actors(draft.get("members")),
        _text(draft, "status"),
        kind=_text(draft, "kind"),
    )


def _place(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    return country(name) or city_country(name)


def _actors(names: object) -> frozenset[str]:
    if not isinstance(names, list):
        return frozenset()
    return frozenset(actor_key(actor(str(name))) for name in names)


def _text(draft: Mapping[str, object], name: str) -> str:
    return str(draft.get(name) or "")

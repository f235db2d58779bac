"""An evaluation report: totals per type, micro and macro, slices, fields, rules; table and JSON."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from nigerwatch.evaluation.scoring import TYPES, ArticleScore, Counts, Violation
from nigerwatch.schemas import EventType


@dataclass(frozen=True)
class Report:
    """The scores of a set of articles, and the totals derived from them.

    Attributes:
        articles: One score per gold article.
        label: What was evaluated (a configuration name, for tables that compare runs).
    """

    articles: list[ArticleScore]
    label: str = ""

    def per_type(self) -> dict[EventType, Counts]:
        """Counts summed over the articles, per type."""
        totals = {kind: Counts() for kind in TYPES}
        for article in self.articles:
            for kind, counts in article.counts.items():
                totals[kind] += counts
        return totals

    def micro(self) -> Counts:
        """Counts over every type."""
        total = Counts()
        for counts in self.per_type().values():
            total += counts
        return total

    def macro_f1(self) -> float | None:
        """Mean of the per-type F1 scores that are defined."""
        scores = [c.f1 for c in self.per_type().values() if c.f1 is not None]
        return statistics.fmean(scores) if scores else None

    def per_slice(self) -> dict[str, Counts]:
        """Counts over every type, per slice."""
        totals: dict[str, Counts] = {}
        for article in self.articles:
            bucket = totals.setdefault(article.gold.slice, Counts())
            for counts in article.counts.values():
                bucket += counts
        return dict(sorted(totals.items()))

    def violations(self) -> list[Violation]:
        """Every must_not rule broken, in article order."""
        return [v for article in self.articles for v in article.violations]

    def negative_false_alarms(self) -> int:
        """Events predicted on articles that report none (the ``negative`` slice)."""
        return sum(a.events_predicted for a in self.articles if a.gold.slice == "negative")

    def field_accuracy(self) -> dict[str, tuple[int, int]]:
        """Per ``type.field``: (right, checked) on matched required events."""
        checked: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for article in self.articles:
            checked.update(article.fields)
            right.update(article.fields_right)
        return {name: (right[name], checked[name]) for name in sorted(checked)}

    def missing_predictions(self) -> list[str]:
        """Gold articles without any prediction (never extracted, or failed)."""
        return [a.gold.id for a in self.articles if not a.predicted]

    def to_json(self) -> dict[str, Any]:
        """The report as plain data, for scripts."""
        return {
            "label": self.label,
            "articles": len(self.articles),
            "missing_predictions": self.missing_predictions(),
            "per_type": {kind: _counts_json(c) for kind, c in self.per_type().items()},
            "micro": _counts_json(self.micro()),
            "macro_f1": self.macro_f1(),
            "per_slice": {name: _counts_json(c) for name, c in self.per_slice().items()},
            "field_accuracy": {
                name: {"right": r, "checked": n, "accuracy": r / n if n else None}
                for name, (r, n) in self.field_accuracy().items()
            },
            "violations": [v.__dict__ for v in self.violations()],
            "negative_false_alarms": self.negative_false_alarms(),
            "per_article": [_article_json(a) for a in self.articles],
        }

    def table(self) -> str:
        """A plain-text table for the terminal."""
        lines = [f"{self.label or 'evaluation'}: {len(self.articles)} articles"]
        if self.missing_predictions():
            lines.append(f"  no prediction for: {', '.join(self.missing_predictions())}")
        lines.append(f"  {'':<12} {'P':>5} {'R':>5} {'F1':>5}  {'TP':>4} {'FP':>4} {'FN':>4}")
        rows = [*self.per_type().items(), ("micro", self.micro())]
        lines += [_row(name, counts) for name, counts in rows]
        lines.append(f"  {'macro F1':<12} {_number(self.macro_f1()):>5}")
        lines.append("  by slice:")
        lines += ["  " + _row(name, counts) for name, counts in self.per_slice().items()]
        lines.append("  field accuracy (matched required events):")
        lines += [
            f"    {name:<24} {r}/{n} = {_number(r / n if n else None)}"
            for name, (r, n) in self.field_accuracy().items()
        ]
        violations = self.violations()
        lines.append(f"  must_not violations: {len(violations)}")
        lines += [f"    {v.article}: {v.event_type} {v.event_id}: {v.rule}" for v in violations]
        lines.append(f"  false alarms on negative articles: {self.negative_false_alarms()}")
        return "\n".join(lines)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row(name: str, counts: Counts) -> str:
    p, r, f = (_number(x) for x in (counts.precision, counts.recall, counts.f1))
    return f"  {name:<12} {p:>5} {r:>5} {f:>5}  {counts.tp:>4} {counts.fp:>4} {counts.fn:>4}"


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def _article_json(score: ArticleScore) -> dict[str, Any]:
    return {
        "id": score.gold.id,
        "slice": score.gold.slice,
        "split": score.gold.split,
        "predicted": score.predicted,
        "counts": {kind: _counts_json(c) for kind, c in score.counts.items()},
        "matches": [
            {"gold": p.gold.evidence, "event_id": p.predicted.id, "reason": p.reason}
            for p in score.pairs
        ],
        "false_positives": [
            {"event_id": e.id, "type": e.type, "quote": e.evidence[0].quote}
            for e in score.false_positives
        ],
        "missed": [{"type": e.type, "evidence": e.evidence} for e in score.missed],
    }

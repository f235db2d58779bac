"""Merging the records of several passes and windows of one article into one set.

The same event read twice (in two overlapping windows, or reported twice in one answer) is one
record: :func:`nigerwatch.core.identity.same_reported_event` decides, as across articles
(same type, place, stage, overlapping actors, consistent dates), so a July imposition and a
February lifting stay two, and so do two coups in one country that oust different leaders (an
undated report of the August 2020 coup in Mali is not the March 2012 one).
The merged record keeps the first report's fields, fills those it lacks from the later ones
(a date, a leader, a troop count), and gathers the evidence of all; its id is computed again
from the merged fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from nigerwatch.core.canonical import Records
from nigerwatch.core.identity import event_id, key_of, same_reported_event
from nigerwatch.schemas import Alliance, Coup, Deployment, Evidence, Sanction

_E = TypeVar("_E", Coup, Sanction, Deployment, Alliance)


def merge_records(parts: Iterable[Records], article_sha256: str) -> Records:
    """One set of records from the records of each pass and window, in reading order."""
    merged = Records()
    for part in parts:
        _add_all(merged.coups, part.coups, article_sha256)
        _add_all(merged.sanctions, part.sanctions, article_sha256)
        _add_all(merged.deployments, part.deployments, article_sha256)
        _add_all(merged.alliances, part.alliances, article_sha256)
        merged.dropped += part.dropped
        merged.problems += part.problems
    return merged


def _add_all(events: list[_E], new: list[_E], article_sha256: str) -> None:
    for event in new:
        key = key_of(event)
        for i, kept in enumerate(events):
            if same_reported_event(key_of(kept), key) is not None:
                events[i] = _combine(kept, event, article_sha256)
                break
        else:
            events.append(event)


def _combine(kept: _E, other: _E, article_sha256: str) -> _E:
    """``kept`` with the fields it lacks taken from ``other``, and both reports' evidence."""
    evidence: list[Evidence] = list(kept.evidence)
    evidence += [e for e in other.evidence if e not in evidence]
    update: dict[str, object] = {"evidence": sorted(evidence, key=lambda e: (e.start, e.end))}
    for name in type(kept).model_fields:
        mine, theirs = getattr(kept, name), getattr(other, name)
        if mine in (None, []) and theirs not in (None, []):
            update[name] = theirs
    if kept.date is not None and other.date is not None and _finer(other, kept):
        update["date"] = other.date
    combined = kept.model_copy(update=update)
    return combined.model_copy(update={"id": event_id(article_sha256, combined)})


_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _finer(a: _E, b: _E) -> bool:
    if a.date is None or b.date is None:
        return False
    return _ORDER[a.date.precision] < _ORDER[b.date.precision]

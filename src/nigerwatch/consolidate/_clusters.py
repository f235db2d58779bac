"""Which reports of one block are the same event: deterministic, explainable, near-linear.

A block holds the reports that could be one event at all (same type, country and stage; see
:mod:`nigerwatch.consolidate._engine`). They arrive in a fixed order, the most precise dates
first (day, week, month, year, then undated; then by date, publication, article and event id),
so the result does not depend on the order of the input files. Each report joins the event the
one identity function (:func:`~nigerwatch.core.identity.same_reported_event`) says it reports,
or founds a new one:

* an event's date range is the intersection of its reports' ranges: a year-precision report is
  tested against what the precise reports established, and cannot chain January to September;
* a report that matches several events joins the single best (the same ousted leader, then a
  consistent date, then the most shared actors) and says so in its reason; when none is best
  it joins none: it becomes its own event, marked ambiguous with the candidates, and no later
  report joins it. Merging there would silently put one real event's report into another's
  count, and an analyst can still read the candidates.

Candidates are found through an index by month (dated reports, widened by
:data:`~nigerwatch.core.identity.COUP_DATE_SLACK` for coups, whose ousted leader may join
conflicting dates) or by actor (undated ones), so each report is compared with the events of
a few months, not with the whole block. An undated coup has no actors to look up: it is
compared with every coup of its country and outcome, which are few.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nigerwatch.core.identity import (
    COUP_DATE_SLACK,
    EventKey,
    dates_consistent,
    same_leader,
    same_reported_event,
)
from nigerwatch.schemas import Event

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
UNDATED_RANK = 4


@dataclass(frozen=True)
class Item:
    """One article's report of an event, as clustering sees it: its key and where it is stored.

    Attributes:
        key: The event's identity key (:func:`~nigerwatch.core.identity.key_of`).
        row: Where the full report is stored (the engine reads it back to merge).
        article_id: The article's id.
        event_id: The event's id in its article's record.
        published: The article's publication date.
    """

    key: EventKey
    row: int
    article_id: str
    event_id: str
    published: dt.date | None


def processing_order(event: Event) -> tuple[int, str]:
    """Where a report goes in its block: the most precise date first, then the earliest."""
    date = event.date
    if date is None:
        return UNDATED_RANK, ""
    return _PRECISION_RANK[date.precision], date.earliest.isoformat()


@dataclass
class Cluster:
    """The reports found to be one event.

    Attributes:
        key: What later reports are compared with: the founding key, its date range narrowed
            to what all date-consistent reports allow, its actors the union of theirs.
        members: The reports in the order they joined, each with why (None for the founder).
        ambiguous_with: Indexes of the clusters its only report could equally belong to.
    """

    key: EventKey
    members: list[tuple[Item, str | None]]
    ambiguous_with: list[int] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        """An ambiguous report's own event: no later report joins it."""
        return bool(self.ambiguous_with)


def cluster_block(items: Sequence[Item]) -> list[Cluster]:
    """Group the reports of one block into events.

    Args:
        items: The block's reports, sorted by :func:`processing_order`, then publication date
            (undated last), article id and event id.

    Returns:
        The events, in the order they were founded.
    """
    index = _Index()
    for item in items:
        matches = [
            (i, reason)
            for i in index.candidates(item.key)
            if (reason := same_reported_event(item.key, index.clusters[i].key)) is not None
        ]
        if len(matches) == 1:
            index.join(*matches[0], item=item)
            continue
        best = _best(item.key, matches, index.clusters)
        if best is not None:
            index.join(*best, item=item)
        else:
            index.found(item, ambiguous_with=[i for i, _ in matches])
    return index.clusters


def _best(
    key: EventKey, matches: list[tuple[int, str]], clusters: list[Cluster]
) -> tuple[int, str] | None:
    """The single strongest of several matching events, with the reason; None if there is none."""
    if not matches:
        return None
    scored = sorted(
        ((_strength(key, clusters[i].key), i, reason) for i, reason in matches), reverse=True
    )
    (top, i, reason), runner_up = scored[0], scored[1][0]
    if top == runner_up:
        return None
    why = ("the same ousted leader", "a consistent date", "more shared actors")
    first_better = next(n for n, (a, b) in enumerate(zip(top, runner_up, strict=True)) if a > b)
    return i, f"{reason} (best of {len(matches)} candidate events: {why[first_better]})"


def _strength(a: EventKey, b: EventKey) -> tuple[int, int, int]:
    return (
        int(same_leader(a.ousted, b.ousted)),
        int(dates_consistent(a, b)),
        len(a.actors & b.actors),
    )


class _Index:
    """The clusters of a block, findable by month and by actor."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self._by_month: dict[int, list[int]] = {}
        self._by_actor: dict[str, list[int]] = {}

    def candidates(self, key: EventKey) -> Iterable[int]:
        """The open clusters that could match ``key``, in founding order."""
        if key.earliest is not None and key.latest is not None:
            if key.type == "coup":  # the ousted leader may join dates up to the slack apart
                slack = COUP_DATE_SLACK
                key = dataclasses.replace(
                    key, earliest=key.earliest - slack, latest=key.latest + slack
                )
            found = {i for month in _months(key) for i in self._by_month.get(month, ())}
        elif key.type == "coup":  # undated, and a coup has no actors: any coup of the block
            return [i for i, cluster in enumerate(self.clusters) if not cluster.closed]
        else:
            found = {i for actor in key.actors for i in self._by_actor.get(actor, ())}
        return sorted(found)

    def found(self, item: Item, *, ambiguous_with: list[int] | None = None) -> None:
        """Start a cluster with ``item``; an ambiguous one is closed, so left out of the index."""
        number = len(self.clusters)
        self.clusters.append(Cluster(item.key, [(item, None)], ambiguous_with or []))
        if ambiguous_with:
            return
        for month in _months(item.key):
            self._by_month.setdefault(month, []).append(number)
        for actor in item.key.actors:
            self._by_actor.setdefault(actor, []).append(number)

    def join(self, number: int, reason: str, *, item: Item) -> None:
        """Add ``item`` to cluster ``number``, narrowing its date range and widening its actors."""
        cluster = self.clusters[number]
        cluster.members.append((item, reason))
        key, new = cluster.key, item.key
        earliest, latest = key.earliest, key.latest
        if new.earliest is not None and new.latest is not None and dates_consistent(key, new):
            earliest = max(new.earliest, earliest) if earliest else new.earliest
            latest = min(new.latest, latest) if latest else new.latest
        cluster.key = dataclasses.replace(
            key,
            actors=key.actors | new.actors,
            earliest=earliest,
            latest=latest,
            ousted=key.ousted or new.ousted,
            name=key.name or new.name,
        )
        for actor in new.actors - key.actors:
            self._by_actor.setdefault(actor, []).append(number)


def _months(key: EventKey) -> range:
    """The months (as year * 12 + month) a key's date range touches; empty when undated."""
    if key.earliest is None or key.latest is None:
        return range(0)
    first = key.earliest.year * 12 + key.earliest.month
    return range(first, key.latest.year * 12 + key.latest.month + 1)

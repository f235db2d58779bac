"""Choosing one value when reports disagree, and saying why.

Rules, in order, for the date:

1. the date consistent with the most reports' dates ("2023-07-26" agrees with "2023-07");
2. then a date stated in the text over one worked out from a publication date (when records
   carry ``PartialDate.relative``; a crawl date makes "last month" wrong);
3. then the most precise (day, week, month, year);
4. then the earliest report's.

For other fields: the value most reports give (names compared folded), then the earliest
report's. Leaders' names are compared by :func:`~nigerwatch.core.identity.leader_key`
("Bazoum" is "President Mohamed Bazoum"), and the fullest spelling is kept. Every field with
more than one value keeps all of them with their sources in a :class:`FieldConflict`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import JsonValue

from nigerwatch.consolidate._records import FieldConflict, FieldValue
from nigerwatch.core.identity import leader_key, same_leader
from nigerwatch.core.text import fold
from nigerwatch.schemas import PartialDate

_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}
_V = TypeVar("_V")


def overlaps(a: PartialDate, b: PartialDate) -> bool:
    """True when two dates can denote the same day."""
    return a.earliest <= b.latest and b.earliest <= a.latest


def choose_date(
    dates: Sequence[tuple[PartialDate | None, str]],
) -> tuple[PartialDate | None, str, FieldConflict | None]:
    """The event's date from its reports' dates.

    Args:
        dates: Each report's date (or None) and event id, earliest report first.

    Returns:
        The chosen date, why, and the conflict record when the reports give several dates.
    """
    dated = [(date, event_id) for date, event_id in dates if date is not None]
    if not dated:
        return None, "no report gives a date", None
    groups: dict[str, tuple[PartialDate, list[str]]] = {}
    for date, event_id in dated:
        groups.setdefault(date.value, (date, []))[1].append(event_id)
    if len(groups) == 1:
        ((date, ids),) = groups.values()
        return date, _agreement(len(ids), len(dates), date.value), None

    def support(date: PartialDate) -> int:
        return sum(overlaps(date, other) for other, _ in dated)

    order = list(groups)
    ranked = sorted(
        groups.values(),
        key=lambda g: (
            -support(g[0]),
            _relative(g[0]),
            _PRECISION[g[0].precision],
            order.index(g[0].value),
        ),
    )
    chosen, runner_up = ranked[0][0], ranked[1][0]
    reason = f"{chosen.value} ({chosen.precision}): consistent with {support(chosen)} of " + (
        f"{len(dated)} dated reports"
    )
    if support(chosen) == support(runner_up):
        if _relative(chosen) != _relative(runner_up):
            reason += "; stated, not worked out from a publication date"
        elif chosen.precision != runner_up.precision:
            reason += "; the most precise"
        else:
            reason += "; the earliest report's"
    conflict = FieldConflict(
        field="date",
        chosen=chosen.value,
        reason=reason,
        values=[FieldValue(value=d.value, event_ids=ids) for d, ids in groups.values()],
    )
    return chosen, reason, conflict


def _relative(date: PartialDate) -> bool:
    # PartialDate.relative is being added by another change; records without it are not.
    return bool(getattr(date, "relative", False))


def _agreement(n: int, total: int, value: str) -> str:
    if n == total:
        return f"the only report gives {value}" if n == 1 else f"all {n} reports give {value}"
    verb = "gives" if n == 1 else "give"
    return f"{n} of {total} reports {verb} {value}, the others none"


def choose(
    field: str,
    values: Sequence[tuple[_V | None, str]],
    *,
    same: Callable[[_V, _V], bool] | None = None,
    fullest: bool = False,
    prefer: Callable[[_V], object] | None = None,
) -> tuple[_V | None, FieldConflict | None]:
    """One value of a field from its reports' values (None values ignored).

    Args:
        field: The field's name, for the conflict record.
        values: Each report's value and event id, earliest report first.
        same: When two values are the same (default: equal JSON, strings folded).
        fullest: Represent a group of same values by its longest spelling (names).
        prefer: Among groups given by as many reports, the one with the least key wins
            before the earliest report's (e.g. an exact troop count over an approximate one).

    Returns:
        The chosen value and, when the reports give several, the conflict record.
    """
    groups: list[tuple[list[_V], list[str]]] = []
    for value, event_id in values:
        if value is None:
            continue
        for members, ids in groups:
            if (same or _same)(members[0], value):
                members.append(value)
                ids.append(event_id)
                break
        else:
            groups.append(([value], [event_id]))
    if not groups:
        return None, None
    picks = [max(m, key=lambda v: len(str(v))) if fullest else m[0] for m, _ in groups]
    if len(groups) == 1:
        return picks[0], None
    ranked = sorted(
        range(len(groups)),
        key=lambda i: (-len(groups[i][1]), prefer(picks[i]) if prefer else 0, i),
    )
    best, second = ranked[0], ranked[1]
    n, total = len(groups[best][1]), sum(len(ids) for _, ids in groups)
    if n > len(groups[second][1]):
        reason = f"majority ({n} of {total} reports)"
    elif prefer and prefer(picks[best]) != prefer(picks[second]):
        reason = f"as many reports each ({n}); the more precise"
    else:
        reason = f"as many reports each ({n}); the earliest report's"
    conflict = FieldConflict(
        field=field,
        chosen=_json(picks[best]),
        reason=reason,
        values=[
            FieldValue(value=_json(p), event_ids=g[1]) for p, g in zip(picks, groups, strict=True)
        ],
    )
    return picks[best], conflict


def same_leader_name(a: str, b: str) -> bool:
    """Two spellings of one leader's name ("Bazoum", "President Mohamed Bazoum")."""
    return same_leader(leader_key(a), leader_key(b)) or fold(a) == fold(b)


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return json.dumps(_json(a), sort_keys=True) == json.dumps(_json(b), sort_keys=True)


def _json(value: object) -> JsonValue:
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        result: JsonValue = dump(mode="json")
        return result
    assert value is None or isinstance(value, str | int | float | bool)
    return value

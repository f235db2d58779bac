"""The timeline: events by date, each drawn as the span of days its date can denote.

From the records themselves, or from a consolidated timeline (``nigerwatch consolidate``), one
JSON object per line, read defensively — only these fields are used, anything else is ignored,
and a line without them is reported, never fatal:

* ``id`` — the consolidated event's id (default: its line number);
* ``type`` or ``event_type`` — ``coup``, ``sanction``, ``deployment`` or ``alliance``;
* ``date`` — ``{"value", "precision", "earliest", "latest"}`` as in records (or ``earliest``
  and ``latest`` on the line itself); a line without them is listed as undated;
* ``label``, ``summary`` or ``title`` — one line of text (default: built from ``country``,
  ``target_country``, ``host_country``, ``name``, ``status`` and ``outcome``);
* ``reports``, ``records`` or ``events`` — the records it brings together: event ids, or
  objects with ``event_id`` (or ``id``).

A field holding ``{"value": ...}`` (a chosen value with its sources) is read through its value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nigerwatch.report.records import EVENT_TYPES, countries_of, label_of, status_of
from nigerwatch.report.sources import Unreadable, numbered_lines
from nigerwatch.schemas import Event


@dataclass(frozen=True)
class Entry:
    """One row of the timeline.

    Attributes:
        key: The row's id in the page.
        event_type: One of the four types, or ``event`` when the timeline did not say.
        label: One line of text.
        value: The date at its precision (``2023-07``), or None when undated.
        precision: ``day``, ``week``, ``month`` or ``year`` (empty when unknown).
        earliest: First day the date can denote.
        latest: Last day it can denote.
        relative: The date was worked out from a publication date.
        records: Page ids of the records it stands for.
        reports: How many records it stands for, counting those not on the page.
        countries: Country codes, for the filter.
        status: Its stage, for the filter.
    """

    key: str
    event_type: str
    label: str
    value: str | None
    precision: str
    earliest: dt.date | None
    latest: dt.date | None
    relative: bool
    records: tuple[str, ...]
    reports: int
    countries: tuple[str, ...]
    status: str


def from_records(events: Sequence[tuple[str, Event]]) -> list[Entry]:
    """One row per record, given as (page id, record)."""
    rows = []
    for page_id, event in events:
        date = event.date
        rows.append(
            Entry(
                key=f"t-{page_id}",
                event_type=event.type,
                label=label_of(event),
                value=date.value if date else None,
                precision=date.precision if date else "",
                earliest=date.earliest if date else None,
                latest=date.latest if date else None,
                relative=date.relative if date else False,
                records=(page_id,),
                reports=1,
                countries=countries_of(event),
                status=status_of(event),
            )
        )
    return rows


def read_timeline(path: Path, page_ids: Mapping[str, str]) -> tuple[list[Entry], list[Unreadable]]:
    """The rows of a consolidated timeline file (see the module), and the lines left out.

    Args:
        path: The timeline JSON Lines file.
        page_ids: Page id of each record on the page, by event id.
    """
    rows: list[Entry] = []
    bad: list[Unreadable] = []
    for number, line in numbered_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            bad.append(Unreadable(number, "not JSON"))
            continue
        if not isinstance(record, dict):
            bad.append(Unreadable(number, "not a JSON object"))
            continue
        rows.append(_entry(record, number, page_ids))
    return rows, bad


def _entry(record: dict[str, object], number: int, page_ids: Mapping[str, str]) -> Entry:
    kind = _str(_first(record, "type", "event_type"))
    date = _first(record, "date")
    date = date if isinstance(date, dict) else record
    earliest, latest = _day(date.get("earliest")), _day(date.get("latest"))
    if earliest is None or latest is None or latest < earliest:
        earliest = latest = None
    reports = _first(record, "reports", "records", "events")
    report_ids = [_report_id(r) for r in reports] if isinstance(reports, list) else []
    on_page = tuple(page_ids[r] for r in report_ids if r is not None and r in page_ids)
    country = [_str(_first(record, k)) for k in ("country", "target_country", "host_country")]
    return Entry(
        key=f"c-{number}",
        event_type=kind if kind in EVENT_TYPES else "event",
        label=_str(_first(record, "label", "summary", "title")) or _label(record, kind),
        value=_str(date.get("value")) or (earliest.isoformat() if earliest else None),
        precision=_str(date.get("precision")),
        earliest=earliest,
        latest=latest,
        relative=date.get("relative") is True,
        records=tuple(dict.fromkeys(on_page)),
        reports=len(report_ids),
        countries=tuple(dict.fromkeys(c for c in country if c)),
        status=_str(_first(record, "status", "outcome")),
    )


def _first(record: Mapping[str, object], *names: str) -> object:
    for name in names:
        value = record.get(name)
        if isinstance(value, dict) and "value" in value and name != "date":
            value = value["value"]  # a chosen value with its sources
        if value is not None:
            return value
    return None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _report_id(report: object) -> str | None:
    if isinstance(report, str):
        return report
    if isinstance(report, dict):
        value = report.get("event_id", report.get("id"))
        return value if isinstance(value, str) else None
    return None


def _label(record: Mapping[str, object], kind: str) -> str:
    parts = [kind.capitalize() or "Event"]
    for name in ("name", "country", "target_country", "host_country"):
        text = _str(_first(record, name))
        if text:
            parts.append(text)
    stage = _str(_first(record, "status", "outcome"))
    return " ".join(parts) + (f" ({stage})" if stage else "")

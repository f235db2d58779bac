"""The schema document (``docs/tables.md``), generated from the table and code definitions.

``nigerwatch export --schema`` prints it; ``tests/unit/export/test_docs.py`` checks that the
committed file is what this module generates, so the documentation cannot drift.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

from pydantic import TypeAdapter

from nigerwatch.consolidate._records import AnyEvent
from nigerwatch.export._tables import TABLES
from nigerwatch.normalize import event_codes
from nigerwatch.normalize._country_codes import COW_AND_FIPS, country_codes
from nigerwatch.normalize._event_codes import ACLED_TIME_PRECISION, GSDB_TYPES
from nigerwatch.schemas import (
    Actor,
    AllianceKind,
    AllianceStatus,
    CoupOutcome,
    DeploymentStatus,
    Event,
    Evidence,
    SanctionStatus,
)

_INTRO = """\
# nigerwatch flat tables

Generated from `src/nigerwatch/export/_tables.py` and the code crosswalks of
`src/nigerwatch/normalize/` (`nigerwatch export --schema` prints this file; a test checks it).
`nigerwatch export` writes these tables as CSV or Parquet files (one per table) or into one
SQLite or DuckDB database; `nigerwatch.export.to_frames()` returns them as pandas DataFrames.
NULL is NULL (an empty cell in CSV); CSV text cells that a spreadsheet would run as a formula
(starting with `=`, `+`, `-`, `@`, a tab or a carriage return) are prefixed with `'`.
"""


def schema_markdown() -> str:
    """The schema document: every table and column, then the code crosswalks with sources."""
    parts = [_INTRO]
    for table in TABLES.values():
        source = "article records" if table.source == "records" else "a timeline"
        parts.append(
            f"\n## `{table.name}`\n\n{table.description} From {source}; key: "
            f"{', '.join(f'`{k}`' for k in table.key)}.\n"
        )
        parts.append("\n| column | type | meaning |\n| --- | --- | --- |\n")
        parts.extend(f"| `{c.name}` | {c.type} | {c.description} |\n" for c in table.columns)
    parts.append(_codes())
    return "".join(parts)


def _codes() -> str:
    lines = [
        "\n## Code crosswalks\n\nSources: the docstrings of "
        "`nigerwatch/normalize/_country_codes.py` and `_event_codes.py` (ISO 3166 via "
        "pycountry; Correlates of War State System Membership v2016; FIPS 10-4 as GDELT uses "
        "it; CAMEO 1.1b3; the PLOVER manual; ACLED's codebook; the Global Sanctions Data "
        "Base).\n",
        "\n### Countries\n\n| alpha-3 | alpha-2 | numeric (ACLED `iso`) | COW | COW abbr. | "
        "FIPS 10-4 |\n| --- | --- | --- | --- | --- | --- |\n",
    ]
    for alpha3 in sorted(COW_AND_FIPS):
        codes = country_codes(alpha3)
        assert codes is not None
        lines.append(
            f"| {alpha3} | {codes.alpha2} | {codes.iso_numeric} | {codes.cow} | "
            f"{codes.cow_abbr} | {codes.fips} |\n"
        )
    lines.append(
        "\n### Events\n\nEvery status (and, for alliances, kind) with the codes "
        "`normalize.event_codes` gives; blank where the ontology has none or the status does "
        "not say which applies.\n\n| type | status | kind | CAMEO | CAMEO label | PLOVER event "
        "| mode | context |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )
    for kind, status, event in _sample_events():
        c = event_codes(event)
        cells = (c.cameo, c.cameo_label, c.plover_event, c.plover_mode, c.plover_context)
        row = " | ".join(v or "" for v in (event.type, status, kind, *cells))
        lines.append(f"| {row} |\n")
    precisions = ", ".join(f"{p} → {n}" for p, n in ACLED_TIME_PRECISION.items())
    lines.append(f"\nACLED `time_precision`: {precisions}; months and years none.\n")
    lines.append("\n### Sanction measures (GSDB type)\n\n| measure | GSDB type |\n| --- | --- |\n")
    lines.extend(f"| {m} | {t or ''} |\n" for m, t in GSDB_TYPES.items())
    return "".join(lines)


def _sample_events() -> Iterator[tuple[str | None, str, Event]]:
    """One event of each type and status (each kind for alliances), to document its codes."""
    adapter: TypeAdapter[Event] = TypeAdapter(AnyEvent)
    base = {"id": "", "evidence": [Evidence(quote="x", start=0, end=1, match="exact", score=1)]}
    actor = Actor(name="x", kind="state", country="NER")
    for outcome in typing.get_args(CoupOutcome):
        yield (
            None,
            outcome,
            adapter.validate_python({**base, "type": "coup", "country": "NER", "outcome": outcome}),
        )
    for status in typing.get_args(SanctionStatus):
        yield (
            None,
            status,
            adapter.validate_python(
                {
                    **base,
                    "type": "sanction",
                    "imposers": [actor],
                    "target_country": "NER",
                    "status": status,
                }
            ),
        )
    for status in typing.get_args(DeploymentStatus):
        yield (
            None,
            status,
            adapter.validate_python(
                {
                    **base,
                    "type": "deployment",
                    "deploying_party": actor,
                    "host_country": "NER",
                    "status": status,
                }
            ),
        )
    for kind in typing.get_args(AllianceKind):
        for status in typing.get_args(AllianceStatus):
            yield (
                kind,
                status,
                adapter.validate_python(
                    {**base, "type": "alliance", "members": [actor], "kind": kind, "status": status}
                ),
            )

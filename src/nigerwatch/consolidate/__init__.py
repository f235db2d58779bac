"""Consolidation: reports of one real-world event across many articles become one event.

Model-free and deterministic. :func:`consolidate` takes article records (as ``nigerwatch
extract`` writes them; :func:`read_extractions` streams them from JSON Lines) and yields
:class:`ConsolidatedEvent` records: each lists its :class:`Report` s (article ids, event ids,
evidence, first and last seen), the reason each report joined, and every field the reports
disagree on as a :class:`FieldConflict` with the chosen value and why. Whether two reports are
one event is decided by the one event-identity function,
:func:`nigerwatch.core.identity.same_reported_event`, shared with within-article merging and
evaluation.

This wing may import :mod:`nigerwatch.schemas`, :mod:`nigerwatch.errors`,
:mod:`nigerwatch.core` and :mod:`nigerwatch.normalize`; never ``openai``, ``instructor`` or the
``llm``, ``runs`` and ``cli`` wings (``tests/unit/test_layers.py`` checks it).
"""

from __future__ import annotations

from nigerwatch.consolidate._engine import consolidate
from nigerwatch.consolidate._reading import article_meta, read_extractions, read_timeline
from nigerwatch.consolidate._records import (
    TIMELINE_SCHEMA_VERSION,
    ConsolidatedEvent,
    FieldConflict,
    FieldValue,
    Report,
)

__all__ = [
    "TIMELINE_SCHEMA_VERSION",
    "ConsolidatedEvent",
    "FieldConflict",
    "FieldValue",
    "Report",
    "article_meta",
    "consolidate",
    "read_extractions",
    "read_timeline",
]

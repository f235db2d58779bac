"""The timeline: rows from records, or from a consolidated file read defensively."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from nigerwatch.report.timeline import from_records, read_timeline
from review_support import hostile_extraction


def test_one_row_per_record_with_its_date_span() -> None:
    result = hostile_extraction()
    rows = from_records([(f"r0-{j}", e) for j, e in enumerate(result.events)])
    assert [(r.key, r.event_type, r.value, r.records) for r in rows] == [
        ("t-r0-0", "coup", "2023-07-26", ("r0-0",)),
        ("t-r0-1", "alliance", None, ("r0-1",)),
    ]
    assert rows[0].earliest == rows[0].latest == dt.date(2023, 7, 26)
    assert (rows[0].countries, rows[0].status) == (("NER",), "successful")


def test_a_consolidated_timeline_is_read_defensively(tmp_path: Path) -> None:
    lines = [
        {
            "id": "c1",
            "type": "coup",
            "date": {
                "value": "2023-07",
                "precision": "month",
                "earliest": "2023-07-01",
                "latest": "2023-07-31",
                "relative": True,
            },
            "country": {"value": "NER", "sources": ["e1", "e2"]},
            "outcome": "successful",
            "reports": [{"event_id": "e1", "article_id": "a"}, "e2", {"id": "e9"}, 7],
        },
        {
            "event_type": "sanction",
            "earliest": "2023-07-30",
            "latest": "2024-02-24",
            "summary": "ECOWAS sanctions on Niger",
            "records": ["e3"],
        },
        {"type": "mystery", "date": {"earliest": "2023-09-01", "latest": "2023-08-01"}},
        {"type": "coup", "date": "last year", "label": 42},
        [1, 2],
        "text",
    ]
    path = tmp_path / "timeline.jsonl"
    text = "".join(json.dumps(line) + "\n" for line in lines) + "{torn\n\n"
    path.write_text(text, encoding="utf-8")

    rows, bad = read_timeline(path, {"e1": "r0-0", "e2": "r1-0", "e3": "r1-1"})

    assert [(b.line, b.reason) for b in bad] == [
        (5, "not a JSON object"),
        (6, "not a JSON object"),
        (7, "not JSON"),
    ]
    first, second, third, fourth = rows
    assert (first.event_type, first.value, first.precision, first.relative) == (
        "coup",
        "2023-07",
        "month",
        True,
    )
    assert (first.records, first.reports, first.countries) == (("r0-0", "r1-0"), 4, ("NER",))
    assert first.label == "Coup NER (successful)"
    assert (second.event_type, second.label, second.records) == (
        "sanction",
        "ECOWAS sanctions on Niger",
        ("r1-1",),
    )
    assert second.earliest == dt.date(2023, 7, 30)
    assert (third.event_type, third.earliest) == ("event", None)  # backwards dates: undated
    assert (fourth.label, fourth.earliest) == ("Coup", None)

"""``nigerwatch export``: records and a timeline, told apart by their content, into tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nigerwatch import cli
from nigerwatch.export import schema_markdown
from records_support import article, coup


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    records = tmp_path / "events.jsonl"
    records.write_text(
        article("000", "2023-11-06", coup("NER", "2023-10", "Bazoum")).model_dump_json()
        + "\n"
        + article("001", "2023-09-26", coup("NER", "2023-07-26", "Bazoum")).model_dump_json()
        + "\n",
        encoding="utf-8",
    )
    timeline = tmp_path / "timeline.jsonl"
    assert cli.main(["consolidate", str(records), "-o", str(timeline)]) == 0
    return records, timeline


def test_export_to_sqlite_with_a_timeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records, timeline = write_inputs(tmp_path)
    db = tmp_path / "out.sqlite"
    # The timeline may come first: files are told apart by what they hold.
    assert cli.main(["export", str(timeline), str(records), "--to", "sqlite", "-o", str(db)]) == 0
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("articles 2, events 2, evidence 2, consolidated_events 1, reports 2, conflicts 1")
    )
    with sqlite3.connect(db) as con:
        assert con.execute("select count(distinct consolidated_id) from events").fetchone() == (1,)


def test_export_schema_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--schema"]) == 0
    assert capsys.readouterr().out == schema_markdown()
    assert cli.main(["export", str(tmp_path / "x.jsonl")]) == 2
    records, timeline = write_inputs(tmp_path)
    args = ["export", str(records), str(timeline), str(timeline), "--to", "csv", "-o", "x"]
    assert cli.main(args) == 2
    assert "one timeline at a time" in capsys.readouterr().err
    assert cli.main(["export", str(tmp_path / "missing.jsonl"), "--to", "csv", "-o", "x"]) == 2

"""``nigerwatch consolidate``: records files in, a timeline out, never a model call."""

from __future__ import annotations

from pathlib import Path

import pytest

from nigerwatch import cli
from nigerwatch.cli import _common
from nigerwatch.consolidate import read_timeline
from records_support import article, coup, sanction


def records(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(
        article("000", "2023-11-06", coup("NER", "2023-10", "Bazoum")).model_dump_json() + "\n",
        encoding="utf-8",
    )
    second.write_text(
        article("001", "2023-09-26", coup("NER", "2023-07-26", "Mohamed Bazoum")).model_dump_json()
        + "\n"
        + article("004", "2024-02-25", sanction("lifted", "2024-02-24")).model_dump_json()
        + "\n",
        encoding="utf-8",
    )
    return first, second


def test_consolidate_writes_a_timeline_and_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_common, "Extractor", None)  # any model use would fail loudly
    first, second = records(tmp_path)
    out = tmp_path / "out" / "timeline.jsonl"
    assert cli.main(["consolidate", str(first), str(second), "-o", str(out)]) == 0
    events = list(read_timeline(out))
    assert sorted(len(e.reports) for e in events) == [1, 2]
    assert capsys.readouterr().err.strip() == (
        "3 reports from 3 articles: 2 events, 1 with several reports, 0 ambiguous "
        "(attached to none)"
    )
    assert [p.name for p in out.parent.iterdir()] == ["timeline.jsonl"]  # no temporary left


def test_consolidate_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = records(tmp_path)
    assert cli.main(["consolidate", str(first), str(second)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_a_bad_input_is_a_usage_error_and_leaves_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    out = tmp_path / "timeline.jsonl"
    assert cli.main(["consolidate", str(bad), "-o", str(out)]) == 2
    assert "bad.jsonl:1: not an article record" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [bad]

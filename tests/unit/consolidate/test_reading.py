"""Reading records files: every line checked, torn last lines tolerated, errors located."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nigerwatch import RecordsFileError, read_extractions
from nigerwatch.consolidate import read_timeline
from records_support import article, coup


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def line() -> str:
    return article("a", "2023-08-01", coup("NER", "2023-07-26")).model_dump_json()


def test_records_stream_from_several_files(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", line() + "\n\n")
    second = write(tmp_path / "b.jsonl", line() + "\n" + line() + "\n")
    assert len(list(read_extractions([first, second]))) == 3


def test_a_bad_line_names_its_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", line() + '\n{"article": 1}\n')
    with pytest.raises(RecordsFileError, match=r"a\.jsonl:2: not an article record") as error:
        list(read_extractions([path]))
    assert error.value.line == 2


def test_a_torn_last_line_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "a.jsonl", line() + "\n" + line()[:40])
    with caplog.at_level(logging.WARNING):
        assert len(list(read_extractions([path]))) == 1
    assert "cut off by a crash" in caplog.text


def test_a_missing_file_or_a_timeline_in_place_of_records(tmp_path: Path) -> None:
    with pytest.raises(RecordsFileError, match="cannot read"):
        list(read_extractions([tmp_path / "missing.jsonl"]))
    with pytest.raises(RecordsFileError, match="not a consolidated event"):
        list(read_timeline(write(tmp_path / "a.jsonl", line() + "\n")))


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xff\xfe\n")
    with pytest.raises(RecordsFileError, match="not UTF-8"):
        list(read_extractions([path]))

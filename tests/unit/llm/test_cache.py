"""The answer cache on real SQLite files: every failure degrades to "no cache", never raises.

Faults are real: garbage and truncated files, a table with the wrong columns, a parent that is
a file, a lock held by another connection, and a full database (SQLite's ``max_page_count``
pragma on the cache's own connection, which fails writes with the same SQLITE_FULL error a
full disk gives).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from nigerwatch.core.draft import ArticleDraft
from nigerwatch.llm.cache import AnswerCache, CachedAnswer
from nigerwatch.schemas import Usage

ANSWER = CachedAnswer(
    draft=ArticleDraft.model_validate(
        {"coups": [], "sanctions": [], "deployments": [], "alliances": []}
    ),
    usage=Usage(prompt_tokens=10, completion_tokens=5, attempts=1),
)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_round_trip(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers.sqlite")
    cache.put("k", ANSWER)
    assert cache.get("k") == ANSWER
    assert len(cache) == 1


def test_a_bad_row_is_a_miss(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "answers.sqlite"
    cache = AnswerCache(path)
    cache.put("good", ANSWER)
    with sqlite3.connect(path) as db:
        db.execute("insert into answers values ('bad', '{not json', 'x', 0)")
    assert cache.get("bad") is None
    assert cache.get("good") == ANSWER  # the cache still works
    assert warnings_of(caplog) == []


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: p.write_bytes(b"this is not a database at all" * 100), id="garbage"),
        pytest.param(
            lambda p: sqlite3.connect(p).execute("create table answers (a, b)"), id="columns"
        ),
    ],
)
def test_a_corrupt_file_is_set_aside_once_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, spoil: object
) -> None:
    path = tmp_path / "answers.sqlite"
    spoil(path)  # type: ignore[operator]
    cache = AnswerCache(path)
    cache.put("k", ANSWER)
    assert cache.get("k") == ANSWER  # a fresh file took its place
    (aside,) = tmp_path.glob("answers.sqlite.corrupt-*")
    (warning,) = warnings_of(caplog)
    assert str(path) in warning
    assert aside.name in warning


def test_a_truncated_file_is_set_aside_and_the_run_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "answers.sqlite"
    cache = AnswerCache(path)
    for n in range(300):
        cache.put(f"k{n}", ANSWER)
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("pragma wal_checkpoint(truncate)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    cache = AnswerCache(path)
    for n in range(300):  # never raises: misses once the damage is found
        cache.get(f"k{n}")
        cache.put(f"new{n}", ANSWER)
    assert list(tmp_path.glob("answers.sqlite.corrupt-*"))
    assert len(warnings_of(caplog)) == 1


def test_an_uncreatable_directory_means_no_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    home = tmp_path / "home"
    home.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = AnswerCache(home / ".cache" / "nigerwatch" / "answers.sqlite")
    cache.put("k", ANSWER)
    assert cache.get("k") is None
    assert len(cache) == 0
    (warning,) = warnings_of(caplog)
    assert "NIGERWATCH_CACHE_DIR" in warning
    assert cache.problem is not None


def test_a_full_database_degrades_to_no_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = AnswerCache(tmp_path / "answers.sqlite")
    cache.put("first", ANSWER)
    assert cache._db is not None
    cache._db.execute("pragma max_page_count = 1")  # the file may not grow any more
    big = CachedAnswer(draft=ANSWER.draft, usage=ANSWER.usage.model_copy())
    for n in range(50):
        cache.put(f"k{n}" + "x" * 5000, big)  # never raises
    (warning,) = warnings_of(caplog)
    assert "full" in warning
    assert cache.get("first") is None  # disabled for the rest of the run


def test_a_lock_held_elsewhere_does_not_block_for_seconds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "answers.sqlite"
    cache = AnswerCache(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin exclusive")
    try:
        start = time.monotonic()
        for n in range(10):
            cache.put(f"k{n}", ANSWER)
        assert time.monotonic() - start < 2.0
    finally:
        other.execute("rollback")
        other.close()
    (warning,) = warnings_of(caplog)
    assert "locked" in warning


def test_clear_always_works(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers.sqlite")
    cache.put("k", ANSWER)
    assert cache.clear() == 1
    corrupt = tmp_path / "corrupt" / "answers.sqlite"
    corrupt.parent.mkdir()
    corrupt.write_bytes(b"garbage" * 1000)
    AnswerCache(corrupt).clear()
    assert len(AnswerCache(corrupt)) == 0
    assert not list(corrupt.parent.glob("*.corrupt-*"))  # clear removes, not sets aside


def test_a_failure_round_trips_and_an_older_reader_sees_a_bad_row(tmp_path: Path) -> None:
    failure = CachedAnswer(None, ANSWER.usage, "no valid JSON answer", "{broken")
    cache = AnswerCache(tmp_path / "answers.sqlite")
    cache.put("k", failure)
    assert cache.get("k") == failure
    with sqlite3.connect(tmp_path / "answers.sqlite") as db:
        (draft,) = db.execute("select draft from answers where key = 'k'").fetchone()
    with pytest.raises(ValidationError, match="failed"):  # an older reader: a bad row, a miss
        ArticleDraft.model_validate_json(draft)


def test_a_cached_answer_has_a_draft_or_a_failure() -> None:
    with pytest.raises(ValueError, match="not both"):
        CachedAnswer(ANSWER.draft, ANSWER.usage, "no valid JSON answer")
    with pytest.raises(ValueError, match="not both"):
        CachedAnswer(None, ANSWER.usage)

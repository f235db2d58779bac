"""A failing cache never fails an article, never loses its usage, never stalls the event loop.

The faults are real SQLite ones: a database that may not grow (``max_page_count``, the same
SQLITE_FULL a full disk gives) and a lock held by another connection.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from conftest import FakeLLM, coup_draft, draft_json
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.runs.engine import extract_many


def full_cache(path: Path) -> AnswerCache:
    """A cache whose file may not grow and has no free room left: every write fails."""
    cache = AnswerCache(path)
    db = cache._db
    assert db is not None
    pages = db.execute("pragma page_count").fetchone()[0]
    db.execute(f"pragma max_page_count = {pages}")
    db.execute("pragma synchronous = off")  # filling is quicker without a sync per row

    def fill() -> None:  # tiny rows take the last free bytes of the table and its index
        for n in range(10_000):
            db.execute("insert into answers values (?, '', '', 0)", (f"{n}",))

    with pytest.raises(sqlite3.OperationalError, match="full"):
        fill()
    db.execute("pragma synchronous = normal")
    return cache


def test_a_full_cache_keeps_the_answer_and_its_usage(
    fake_llm: FakeLLM, seed_text: str, tmp_path: Path
) -> None:
    fake_llm.answer(draft_json(coups=[coup_draft()]), prompt_tokens=700, completion_tokens=90)
    extractor = fake_llm.extractor(cache=full_cache(tmp_path / "answers.sqlite"))
    result = extractor.extract(seed_text)
    assert len(result.coups) == 1
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (700, 90)


def test_the_budget_holds_when_the_cache_fails(fake_llm: FakeLLM, tmp_path: Path) -> None:
    for _ in range(3):
        fake_llm.answer(draft_json(), prompt_tokens=600, completion_tokens=100)
    extractor = fake_llm.extractor(cache=full_cache(tmp_path / "answers.sqlite"))
    texts = [f"The junta closed the border, report {n}." for n in range(10)]
    batch = extract_many(texts, extractor=extractor, concurrency=1, max_tokens=2000)
    outcomes = list(batch)
    assert all(o.ok for o in outcomes)
    assert len(outcomes) == 3  # 3 x 700 tokens passes the 2,000 budget: no fourth article
    assert batch.summary.tokens == 2100
    assert batch.summary.stopped is not None


def test_a_locked_cache_does_not_stall_the_event_loop(fake_llm: FakeLLM, tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite"
    extractor = fake_llm.extractor(cache=AnswerCache(path))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin exclusive")  # another process holds the write lock
    for _ in range(4):
        fake_llm.answer(draft_json())

    async def run() -> tuple[int, float]:
        longest, stop = 0.0, asyncio.Event()

        async def tick() -> None:
            nonlocal longest
            while not stop.is_set():
                before = time.monotonic()
                await asyncio.sleep(0.01)
                longest = max(longest, time.monotonic() - before)

        ticker = asyncio.create_task(tick())
        texts = [f"The junta closed the border, report {n}." for n in range(4)]
        done = [o async for o in extract_many(texts, extractor=extractor, concurrency=4)]
        stop.set()
        await ticker
        return sum(o.ok for o in done), longest

    try:
        ok, longest = asyncio.run(run())
    finally:
        other.execute("rollback")
        other.close()
    assert ok == 4
    assert longest < 0.25  # the old cache held the loop 5 s per write

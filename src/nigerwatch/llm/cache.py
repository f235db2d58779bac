"""A persistent cache of model answers, so an identical run makes no model call.

The key covers everything that changes the answer: model, endpoint, instructor mode, prompt and
draft-schema versions, sampling settings, re-ask budget and the article text. The value is the
model's final draft and what it cost; grounding and normalization are re-run on a hit (they
are cheap), so improvements to them apply without asking the model again. A request that gave
nothing usable (no valid JSON after the re-asks, an answer cut off at ``max_tokens``) is cached
too, as that failure: the same request would pay for the same failure again (``--no-cache``
asks anyway). Such a row is one an older version reads as a miss.

One SQLite file (``answers.sqlite`` in the nigerwatch cache directory by default), safe to share
between threads of one process and between processes.

The cache is an optimisation, so it never fails an extraction. A row that cannot be read is a
miss. A file that is not a cache (garbage, truncated, wrong columns) is reported once with its
path and set aside as ``answers.sqlite.corrupt-<time>``; a fresh one takes its place. Any other
failure (a full disk, a lock held by another process for more than :data:`BUSY_TIMEOUT`, a
folder that cannot be written) turns the cache off for the rest of the run, with one warning.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nigerwatch.core.draft import ArticleDraft
from nigerwatch.llm import prompt
from nigerwatch.llm.plan import Request
from nigerwatch.llm.settings import Settings, redact_url
from nigerwatch.llm.validation import GroundedAnswer
from nigerwatch.schemas import Usage

logger = logging.getLogger(__name__)

ANSWERS_FILE = "answers.sqlite"
BUSY_TIMEOUT = 0.5
"""Seconds a write waits for another process's lock before the cache gives up (not 5 s: the
cache must never hold an article up)."""

_SCHEMA = """
create table if not exists answers (
    key text primary key,
    draft text not null,
    usage text not null,
    created real not null
)
"""
_PROBE = "select key, draft, usage, created from answers limit 0"
# SQLite's words for a file that is not (or no longer) a usable answers database.
_CORRUPT = re.compile(
    r"malformed|not a database|no such (?:table|column)|has no column|has \d+ columns|"
    r"encrypted|file is not",
    re.IGNORECASE,
)
_HINT = "answers will not be cached in this run (set NIGERWATCH_CACHE_DIR to use another folder)"


@dataclass(frozen=True)
class CachedAnswer:
    """A final draft, or why the request gave none, and the usage it originally cost.

    Attributes:
        draft: The final draft (None when the request gave nothing usable).
        usage: What the request cost when it was paid for.
        failure: Why the request gave nothing usable (with ``draft`` None).
        last_output: The raw text of the last answer of a failed request.
    """

    draft: ArticleDraft | None
    usage: Usage
    failure: str | None = None
    last_output: str = ""

    def __post_init__(self) -> None:
        if (self.draft is None) == (self.failure is None):
            raise ValueError("a cached answer has a draft or a failure, not both or neither")

    def dump(self) -> str:
        """The ``draft`` column's text: the draft, or ``{"failed": why, "last_output": text}``."""
        if self.draft is not None:
            return self.draft.model_dump_json()
        return json.dumps({_FAILED: self.failure, "last_output": self.last_output})

    @classmethod
    def load(cls, draft: str, usage: str) -> CachedAnswer:
        """The answer of a row; raises ValueError (or ValidationError) on a bad one."""
        spent = Usage.model_validate_json(usage)
        value = json.loads(draft)
        if isinstance(value, dict) and _FAILED in value:
            return cls(None, spent, str(value[_FAILED]), str(value.get("last_output", "")))
        return cls(ArticleDraft.model_validate(value), spent)


_FAILED = "failed"
"""The key of a failure row (a draft has no such field, so an older reader sees a bad row)."""


class AnswerCache:
    """Model answers keyed by everything that changes them; never raises on a cache failure.

    Args:
        path: The SQLite file (created with its folder if missing).

    Attributes:
        path: The SQLite file.
        problem: Why the cache is off (None while it works).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if not _CORRUPT.search(str(exc)):
                self._give_up(exc)
                return
            self._set_aside(exc)
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as again:
                self._give_up(again)
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)

    @classmethod
    def in_dir(cls, directory: Path) -> AnswerCache:
        """The cache file of a nigerwatch cache directory (``Settings.cache_dir``)."""
        return cls(directory / ANSWERS_FILE)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
        )
        try:
            db.execute("pragma journal_mode=wal")
            db.execute(_SCHEMA)
            db.execute(_PROBE)  # a table with other columns is not ours
        except BaseException:
            db.close()
            raise
        return db

    def get(self, key: str) -> CachedAnswer | None:
        """The cached answer for ``key``, or None (also when the row or the cache is broken)."""
        row = self._run("select draft, usage from answers where key = ?", (key,))
        if row is None:
            return None
        try:
            return CachedAnswer.load(row[0], row[1])
        except (ValidationError, TypeError, ValueError):
            logger.debug("%s: unreadable cache row for %s, treated as a miss", self.path, key)
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        """Store an answer (replacing any older one for the same key)."""
        self._run(
            "insert or replace into answers values (?, ?, ?, ?)",
            (key, answer.dump(), answer.usage.model_dump_json(), time.time()),
        )

    def clear(self) -> int:
        """Delete every answer, set-aside copies included; returns how many there were.

        Works whatever state the file is in: one that cannot be emptied is deleted.
        """
        count = len(self)
        with self._lock:
            try:
                if self._db is None:
                    raise sqlite3.OperationalError(self.problem or "the cache is off")
                self._db.execute("delete from answers")
                self._db.execute("vacuum")
            except sqlite3.Error:
                self._close()
                for suffix in ("", "-wal", "-shm"):
                    self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        for aside in self.path.parent.glob(self.path.name + ".corrupt-*"):
            aside.unlink(missing_ok=True)
        return count

    def __len__(self) -> int:
        row = self._run("select count(*) from answers", ())
        return int(row[0]) if row is not None else 0

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _run(self, sql: str, parameters: tuple[object, ...]) -> tuple[Any, ...] | None:
        """One statement's first row; on any failure the cache turns itself off."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row: tuple[Any, ...] | None = self._db.execute(sql, parameters).fetchone()
            except sqlite3.Error as exc:
                self._close()
                if _CORRUPT.search(str(exc)):
                    self._set_aside(exc)
                    self.problem = f"{self.path} was corrupt and has been set aside"
                else:
                    self._give_up(exc)
                return None
            return row

    def _set_aside(self, error: Exception) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(aside)
            wal = self.path.with_name(self.path.name + "-wal")
            if wal.exists():
                wal.replace(aside.with_name(aside.name + "-wal"))
            self.path.with_name(self.path.name + "-shm").unlink(missing_ok=True)
        except OSError as exc:
            self._give_up(exc)
            return
        logger.warning(
            "the answer cache %s is damaged (%s): it was moved to %s and a fresh one is used; "
            "delete the old copy when you no longer need it",
            self.path,
            error,
            aside,
        )

    def _give_up(self, error: Exception) -> None:
        if self.problem is not None:
            return
        reason = getattr(error, "strerror", None) or str(error)
        self.problem = f"cannot use {self.path}: {reason}"
        logger.warning("the answer cache is off: %s; %s", self.problem, _HINT)


def cache_key(settings: Settings, request: Request) -> str:
    """The cache key of asking ``settings``' model one request of an article's extraction.

    Every request is cached on its own (the window's text, the pass's instructions and answer
    schema), so a change to one pass's prompt asks the model again for that pass only.
    """
    endpoint = (
        f"embedded:{settings.gguf.name}:{settings.gguf.stat().st_size}"
        if settings.gguf is not None
        else redact_url(settings.base_url or "")
    )
    parts = [
        settings.model,
        endpoint,
        settings.mode,
        prompt.PROMPT_VERSION,
        # an edit without a version bump counts
        _digest(prompt.prompt_text(request.kind, focused=request.focus is not None)),
        _schema_digest(request.answer_model),
        settings.temperature,
        settings.seed,
        settings.max_tokens,
        settings.reasks,
        _digest(request.chunk.text),
    ]
    if request.focus_text is not None:  # appended: the keys of the passes stay as they were
        parts.append(_digest(request.focus_text))
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@functools.cache
def _schema_digest(model: type[GroundedAnswer]) -> str:
    return _digest(json.dumps(model.model_json_schema(), sort_keys=True))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

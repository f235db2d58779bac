"""A persistent cache of model answers, so an identical run makes no model call.

The key covers everything that changes the answer: model, endpoint, instructor mode, prompt and
draft-schema versions, sampling settings, re-ask budget and the article text. The value is the
model's final draft and what it cost; grounding and normalization are re-run on a hit (they
are cheap), so improvements to them apply without asking the model again.

One SQLite file (``answers.sqlite`` in the nigerwatch cache directory by default), safe to share
between threads of one process.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from nigerwatch.core.draft import ArticleDraft
from nigerwatch.llm import prompt
from nigerwatch.llm.plan import Request
from nigerwatch.llm.settings import Settings, redact_url
from nigerwatch.llm.validation import GroundedAnswer
from nigerwatch.schemas import Usage

ANSWERS_FILE = "answers.sqlite"

_SCHEMA = """
create table if not exists answers (
    key text primary key,
    draft text not null,
    usage text not null,
    created real not null
)
"""


@dataclass(frozen=True)
class CachedAnswer:
    """A final draft and the usage it originally cost."""

    draft: ArticleDraft
    usage: Usage


class AnswerCache:
    """Model answers keyed by everything that changes them.

    Args:
        path: The SQLite file (created with its folder if missing).
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("pragma journal_mode=wal")
        self._db.execute(_SCHEMA)

    @classmethod
    def in_dir(cls, directory: Path) -> AnswerCache:
        """The cache file of a nigerwatch cache directory (``Settings.cache_dir``)."""
        return cls(directory / ANSWERS_FILE)

    def get(self, key: str) -> CachedAnswer | None:
        """The cached answer for ``key``, or None."""
        with self._lock:
            row = self._db.execute(
                "select draft, usage from answers where key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        return CachedAnswer(
            draft=ArticleDraft.model_validate_json(row[0]),
            usage=Usage.model_validate_json(row[1]),
        )

    def put(self, key: str, answer: CachedAnswer) -> None:
        """Store an answer (replacing any older one for the same key)."""
        with self._lock:
            self._db.execute(
                "insert or replace into answers values (?, ?, ?, ?)",
                (key, answer.draft.model_dump_json(), answer.usage.model_dump_json(), time.time()),
            )

    def clear(self) -> int:
        """Delete every answer; returns how many there were."""
        with self._lock:
            count: int = self._db.execute("select count(*) from answers").fetchone()[0]
            self._db.execute("delete from answers")
            self._db.execute("vacuum")
        return count

    def __len__(self) -> int:
        with self._lock:
            count: int = self._db.execute("select count(*) from answers").fetchone()[0]
        return count

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


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
        _digest(prompt.prompt_text(request.kind)),  # an edit without a version bump counts
        _schema_digest(request.answer_model),
        settings.temperature,
        settings.seed,
        settings.max_tokens,
        settings.reasks,
        _digest(request.chunk.text),
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@functools.cache
def _schema_digest(model: type[GroundedAnswer]) -> str:
    return _digest(json.dumps(model.model_json_schema(), sort_keys=True))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

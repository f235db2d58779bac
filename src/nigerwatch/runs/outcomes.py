"""How each article of a run ended, and what the run has counted so far: plain data.

Writers, progress displays and the command line use these without importing the engine, so
nothing here touches a model client.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from nigerwatch.errors import NigerwatchError
from nigerwatch.schemas import ArticleExtraction, Usage


@dataclass(frozen=True)
class Outcome:
    """How one article ended: its extraction, or why it failed.

    Attributes:
        id: The article id.
        result: The extraction, when it succeeded.
        error: Why it failed, when it did.
        error_type: The exception class of the failure (``ModelOutputError``...).
        usage: Tokens spent on it, failed attempts included.
    """

    id: str
    result: ArticleExtraction | None = None
    error: str | None = None
    error_type: str | None = None
    usage: Usage = field(default_factory=Usage)

    @classmethod
    def success(cls, ident: str, result: ArticleExtraction) -> Outcome:
        """The outcome of an article extracted as ``result``."""
        return cls(id=ident, result=result, usage=result.usage)

    @classmethod
    def failure(cls, ident: str, error: BaseException) -> Outcome:
        """The outcome of an article that failed with ``error``, with the tokens it cost.

        A :class:`~nigerwatch.errors.NigerwatchError` gives its own message (which says what to
        do); an unreadable file says so; anything else is reported as an internal error.
        """
        usage = getattr(error, "usage", None)
        if isinstance(error, NigerwatchError):
            message = str(error)
        elif isinstance(error, OSError):
            message = f"cannot read: {error}"
        else:  # bounded: an exception may carry a whole article
            message = f"internal error: {_shortened(repr(error))}"
        return cls(
            id=ident,
            error=message,
            error_type=type(error).__name__,
            usage=usage if isinstance(usage, Usage) else Usage(),
        )

    @property
    def ok(self) -> bool:
        """True when the article was extracted."""
        return self.result is not None

    @property
    def cached(self) -> bool:
        """True when the answer came from the cache (no tokens spent in this run)."""
        return self.usage.cached


@dataclass
class RunSummary:
    """Counts and costs of a run so far.

    Attributes:
        done: Articles extracted (cached ones included).
        failed: Articles that ended with an error.
        cached: Extracted articles answered from the cache.
        skipped: Articles left out before the run (``--resume``).
        prompt_tokens: Prompt tokens spent in this run (cached answers cost nothing).
        completion_tokens: Completion tokens spent in this run.
        stopped: Why the run stopped early (the token budget, an interrupt), or None.
        interrupted: True when Ctrl-C stopped the run.
        started: ``time.monotonic()`` at the start.
    """

    done: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    stopped: str | None = None
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)

    @property
    def tokens(self) -> int:
        """Tokens spent in this run."""
        return self.prompt_tokens + self.completion_tokens

    @property
    def elapsed(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.started

    def cost(self, prompt_price: float, completion_price: float) -> float:
        """Estimated cost, given prices per million prompt and completion tokens."""
        return (self.prompt_tokens * prompt_price + self.completion_tokens * completion_price) / 1e6

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        if outcome.ok:
            self.done += 1
        else:
            self.failed += 1
        if outcome.cached:
            self.cached += 1
        else:
            self.prompt_tokens += outcome.usage.prompt_tokens
            self.completion_tokens += outcome.usage.completion_tokens


def _shortened(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Which requests an article needs: its windows, times the passes each window deserves.

A long article is cut into windows of whole paragraphs (:mod:`nigerwatch.core.chunking`) sized
from the model's context; each window is asked about each type of event in turn, with the
type's definition. A window whose text holds no word that could report a type (the screens of
:mod:`nigerwatch.core.lexicon`) is not asked about it: a cheap screen that spares a request,
and the false alarms a small model produces when asked about something the text does not
mention.

After the passes, :func:`focus_plan` asks about the sentences they left that the type's focus
words single out, one sentence per request (:mod:`nigerwatch.core.focus`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nigerwatch.core.article import Article
from nigerwatch.core.chunking import Chunk, chunk_article
from nigerwatch.core.focus import focus_sentences
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.lexicon import SCREENS
from nigerwatch.core.reader import Records
from nigerwatch.llm import prompt
from nigerwatch.llm.settings import Settings
from nigerwatch.llm.validation import (
    Alliances,
    ArticleEvents,
    Coups,
    Deployments,
    GroundedAnswer,
    Sanctions,
)
from nigerwatch.schemas import EventType

ANSWERS: dict[EventType | None, type[GroundedAnswer]] = {
    None: ArticleEvents,
    "coup": Coups,
    "sanction": Sanctions,
    "deployment": Deployments,
    "alliance": Alliances,
}
"""The answer model of each pass (None: the single call for all four types)."""

TYPES: tuple[EventType, ...] = ("coup", "sanction", "deployment", "alliance")


@dataclass(frozen=True)
class Request:
    """One request of an article's extraction.

    Attributes:
        kind: The type of event asked for, or None for the single call.
        chunk: The window of the article it reads.
        focus: Offsets in the article of the one sentence a focused question asks about
            (:mod:`nigerwatch.core.focus`), within ``chunk``; None for a pass over the window.
    """

    kind: EventType | None
    chunk: Chunk
    focus: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        """A short name for logs and batch files: ``coup@0``, ``all@1``, ``deployment@0+812``."""
        label = f"{self.kind or 'all'}@{self.chunk.index}"
        return label if self.focus is None else f"{label}+{self.focus[0]}"

    @property
    def focus_text(self) -> str | None:
        """The sentence a focused question asks about."""
        if self.focus is None:
            return None
        start, end = self.focus
        return self.chunk.text[start - self.chunk.start : end - self.chunk.start]

    @property
    def answer_model(self) -> type[GroundedAnswer]:
        """The response model instructor validates the answer with."""
        return ANSWERS[self.kind]

    def messages(self) -> list[dict[str, str]]:
        """The chat messages (the window reaches them through the template context)."""
        return prompt.messages(self.kind, focused=self.focus is not None)


def window_limit(settings: Settings) -> int:
    """The most characters one window may hold with the instructions and room for the answer."""
    overhead = prompt.PROMPT_TOKENS
    if settings.mode != "json_schema":  # the schema travels in the prompt or the tool list
        overhead += max(
            prompt.estimate_tokens(str(model.model_json_schema())) for model in ANSWERS.values()
        )
    if settings.context_tokens is None:
        raise ValueError("the context is not known yet: see nigerwatch.llm.context_window")
    tokens = settings.context_tokens - overhead - settings.max_tokens
    return max(tokens, 0) * 3  # the inverse of prompt.estimate_tokens


def plan(article: Article, settings: Settings) -> list[Request]:
    """The requests that extract ``article``, in order (window by window, then by type).

    Raises:
        ArticleTooLongError: A sentence does not fit in the model's context.
    """
    limit = window_limit(settings)
    target = min(settings.chunk_chars, limit)
    chunks = chunk_article(article, target_chars=target, max_chars=limit)
    if settings.passes == "single":
        return [Request(None, chunk) for chunk in chunks]
    return [
        Request(kind, chunk)
        for chunk in chunks
        for kind in TYPES
        if SCREENS[kind].search(chunk.text)
    ]


def focus_plan(index: ArticleIndex, records: Records, passes: Sequence[Request]) -> list[Request]:
    """The focused questions after ``passes`` gave ``records`` (see :mod:`~.core.focus`).

    Each sentence is asked about with the first window that holds it, so that the article,
    instructions and definition are the prefix the server's prompt cache already holds.
    """
    chunks = list({request.chunk.index: request.chunk for request in passes}.values())
    requests = []
    for kind in TYPES:
        for start, end in focus_sentences(index, records, kind):
            chunk = next((c for c in chunks if c.start <= start and end <= c.end), None)
            if chunk is not None:
                requests.append(Request(kind, chunk, (start, end)))
    return requests

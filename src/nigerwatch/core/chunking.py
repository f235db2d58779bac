"""Cutting a long article into windows of whole paragraphs, with offsets into the whole text.

A small model reading a 3,000-word review in one go reports a handful of its events; reading it
in windows of a few paragraphs it reports many more. Windows are built from whole paragraphs
(blank-line or line separated), overlap by one paragraph so an event told across a boundary is
read whole at least once, and never exceed the hard limit the model's context allows. A
paragraph longer than the target is a window of its own; one longer than the hard limit (a
scraped article without line breaks) is cut at sentence ends.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from nigerwatch.core.article import Article
from nigerwatch.errors import ArticleTooLongError

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"(?<=[.!?»\"”])\s+(?=[A-ZÀ-ÖØ-Þ«\"“])")


@dataclass(frozen=True)
class Chunk:
    """A window of the article: ``article.text[start:end] == text``.

    Attributes:
        index: Position of the window in the article (0-based).
        start: Offset of its first character in the article text.
        end: Offset one past its last character.
        text: The window's text.
    """

    index: int
    start: int
    end: int
    text: str


def chunk_article(article: Article, *, target_chars: int, max_chars: int) -> list[Chunk]:
    """The windows of ``article``'s body, in order.

    Args:
        article: The article.
        target_chars: Preferred window size; paragraphs are added while the window stays
            within it. An article no longer than this is one window.
        max_chars: Hard limit of one window (what fits in the model's context).

    Raises:
        ArticleTooLongError: A single sentence is longer than ``max_chars``.
    """
    body_start = article.body_start
    body = article.text[body_start:]
    if len(body.strip()) <= target_chars:
        start, end = _strip(article.text, body_start, len(article.text))
        return [Chunk(0, start, end, article.text[start:end])]
    pieces = _pieces(article, body, body_start, max_chars)
    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(pieces):
        last = first
        while last + 1 < len(pieces) and pieces[last + 1][1] - pieces[first][0] <= target_chars:
            last += 1
        windows.append((pieces[first][0], pieces[last][1]))
        if last + 1 >= len(pieces):
            break
        # Overlap by one piece, unless the window holds a single piece (no progress then).
        first = last if last > first else last + 1
    return [
        Chunk(index, start, end, article.text[start:end])
        for index, (start, end) in enumerate(windows)
    ]


def _pieces(article: Article, body: str, offset: int, max_chars: int) -> list[tuple[int, int]]:
    """Paragraph spans (offsets into the article), long ones cut at sentence ends."""
    pattern = _PARAGRAPH if "\n\n" in body else _LINE
    pieces: list[tuple[int, int]] = []
    for match in pattern.finditer(body):
        start, end = _strip(article.text, offset + match.start(), offset + match.end())
        if end <= start:
            continue
        if end - start <= max_chars:
            pieces.append((start, end))
        else:
            pieces += _sentences(article, start, end, max_chars)
    return pieces


def _sentences(article: Article, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Runs of whole sentences of ``text[start:end]``, each within ``max_chars``."""
    text = article.text
    cuts = [start, *(start + m.end() for m in _SENTENCE_END.finditer(text[start:end])), end]
    runs: list[tuple[int, int]] = []
    run_start = cuts[0]
    for previous, cut in itertools.pairwise(cuts):
        if cut - previous > max_chars:
            raise ArticleTooLongError(
                f"article {article.id!r} has a sentence of {cut - previous:,} characters, more "
                f"than fits in the model's context ({max_chars:,}): split it, or use a model "
                "with a larger context (NIGERWATCH_CONTEXT_TOKENS).",
                article_id=article.id,
            )
        if cut - run_start > max_chars:
            runs.append(_strip(text, run_start, previous))
            run_start = previous
    runs.append(_strip(text, run_start, end))
    return [run for run in runs if run[1] > run[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

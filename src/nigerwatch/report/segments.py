"""An article's text cut at every evidence boundary, so each piece can be marked in HTML.

Offsets in :class:`~nigerwatch.schemas.Evidence` are Python ``str`` indices (Unicode code
points), while JavaScript counts UTF-16 units: an emoji or a rare CJK character before a quote
would shift every span if the browser did the cutting. The cutting is done here, in Python, and
the page receives ready pieces of text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One evidence passage to mark.

    Attributes:
        key: The span's id in the page (unique among the page's spans).
        record: The page id of the record it supports.
        event_type: ``coup``, ``sanction``, ``deployment`` or ``alliance``.
        start: Offset of its first character in the article text.
        end: Offset one past its last character.
    """

    key: str
    record: str
    event_type: str
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    """A run of text covered by the same spans (none for plain text), in reading order."""

    text: str
    spans: tuple[Span, ...]


def cut(text: str, spans: Sequence[Span]) -> list[Piece]:
    """``text`` in pieces, cut wherever a span starts or ends; overlapping spans share pieces.

    Joining the pieces gives ``text`` back, and joining the pieces that carry a span gives
    ``text[span.start:span.end]``. Spans outside the text, or empty, are ignored.
    """
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    bounds = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    pieces = []
    for start, end in itertools.pairwise(bounds):
        covering = tuple(s for s in usable if s.start <= start and end <= s.end)
        pieces.append(Piece(text[start:end], covering))
    return pieces

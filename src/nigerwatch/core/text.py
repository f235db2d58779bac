"""Text folding: one vocabulary of which characters count as the same, for every comparison.

Grounding (is this quote in the article?) and normalization (which country is this name?) both
compare text written by different hands: curly or straight apostrophes, « guillemets » or
"quotes", hyphens or dashes, runs of spaces, any case. Both fold with the tables here, so
"the same name" means one thing everywhere. Normalization also drops accents ("Côte" is
"cote"); grounding keeps them but maps every offset back to the original text.

This module imports nothing from nigerwatch: every other module may use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u00b4`"
"""Straight, right, left and reversed single quotes, the modifier letter, acute and grave marks."""

DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
"""Straight, curly and low double quotes, French guillemets and the double prime."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""Hyphen-minus, the Unicode hyphens and dashes, and the minus sign."""

ELLIPSIS = "\u2026"

PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        **dict.fromkeys(DOUBLE_QUOTES, '"'),
        **dict.fromkeys(DASHES, "-"),
        ELLIPSIS: "...",
    }
)
"""Every variant above to its ASCII form (the ellipsis to three dots)."""

QUOTE_EDGES = " \t\n.,;:" + APOSTROPHES + DOUBLE_QUOTES + ELLIPSIS
"""What a model tends to wrap a copied quote in; stripped before looking for it."""

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(rf"^(?:(?:the|le|la|les)\s+|l[{APOSTROPHES}])", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")


def unaccent(text: str) -> str:
    """``text`` without combining accents ("Côte" -> "Cote")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Fold text for comparison: no accents, casefolded, ASCII punctuation, single spaces.

    Args:
        text: Any text.

    Returns:
        The folded text, e.g. ``"Côte-d\u2019Ivoire"`` -> ``"cote-d'ivoire"``.
    """
    # Punctuation first: NFKD would split the acute accent and the double prime.
    return " ".join(unaccent(text.translate(PUNCTUATION)).casefold().split())


def key(text: str) -> str:
    """Lookup key of a name: folded, with hyphens read as spaces ("Guinea-Bissau", "Guinea Bissau").

    Args:
        text: A name as written.

    Returns:
        The key under which tables store the name.
    """
    return " ".join(fold(text).replace("-", " ").split())


def plain_words(text: str) -> list[str]:
    """The words of ``text``, folded (lower case, no accents), for comparing names word by word."""
    return _WORD.findall(fold(text))


def strip_article(name: str) -> str:
    """Remove one leading English or French article and a trailing possessive from a name.

    Args:
        name: A name, as written or folded.

    Returns:
        ``"The Niger's"`` -> ``"Niger"``; ``"l'Algérie"`` -> ``"Algérie"``.
    """
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", name.strip())).strip()


def clean_quote(quote: str) -> str:
    """Strip the quotation marks, ellipses and spaces a model tends to wrap quotes in."""
    return quote.strip().strip(QUOTE_EDGES).strip()


def words_pattern(words: Iterable[str]) -> str:
    r"""Regex alternation matching any of ``words`` as whole words, longest first.

    Args:
        words: Folded words or phrases.

    Returns:
        A pattern such as ``\b(?:more than|over)\b``, for use on folded text.
    """
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return r"\b(?:" + "|".join(re.escape(word) for word in ordered) + r")\b"


@dataclass(frozen=True)
class Folded:
    """Text folded for matching (case, punctuation, spaces; accents kept), with offsets back.

    Attributes:
        text: The folded text.
        origin: ``origin[i]`` is the original index of folded character ``i``, plus one
            sentinel (the original length) at the end.
    """

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded span ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_with_offsets(text: str) -> Folded:
    """Fold case, punctuation and whitespace runs of ``text``, keeping an offset map."""
    mapped = text.translate(PUNCTUATION).casefold()
    if len(mapped) != len(text):
        return _fold_char_by_char(text)  # "…" or a letter that folds to several
    # Every character maps to one: only whitespace runs move offsets. Working run by run
    # instead of character by character makes this the cheap part of grounding.
    parts: list[str] = []
    origin: list[int] = []
    position = 0
    for run in _SPACES.finditer(mapped):
        start, end = run.span()
        parts.append(mapped[position:start])
        origin.extend(range(position, start))
        if origin:
            parts.append(" ")
            origin.append(start)
        position = end
    parts.append(mapped[position:])
    origin.extend(range(position, len(mapped)))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin))


def _fold_char_by_char(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, raw in enumerate(text):
        piece = " " if raw.isspace() else raw.translate(PUNCTUATION).casefold()
        if piece == " " and (not chars or chars[-1] == " "):
            continue
        chars.extend(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return Folded("".join(chars), tuple(origin))

"""Text helpers shared by the normalizers: folding, lookup keys and whole-word term search.

Every table in this package is keyed by :func:`key`, so that "Côte d'Ivoire" (with a straight or
curly apostrophe), "COTE D'IVOIRE" and "Côte-d'Ivoire" all land on the same entry.
:class:`TermMatcher` finds those same terms in free text without folding the text itself, so
that its offsets index the original string.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

APOSTROPHES = "'\u2019\u2018\u02bc"
"""Straight, right and left single quotes and the modifier letter: all written as apostrophes."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""Hyphen-minus, the Unicode hyphens and dashes, and the minus sign."""

_PUNCTUATION = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")})

_LEADING_ARTICLE = re.compile(rf"^(?:(?:the|le|la|les)\s+|l[{APOSTROPHES}])", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")


class Mention(NamedTuple):
    """A term found in free text: ``text[start:end] == surface``."""

    code: str
    """Canonical code of what was mentioned: ISO 3166-1 alpha-3 or organisation acronym."""
    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset one past the last character in the original text."""
    surface: str
    """The text as written."""


def fold(text: str) -> str:
    """Fold text for comparison: no accents, casefolded, one apostrophe, one dash, single spaces.

    Args:
        text: Any text.

    Returns:
        The folded text, e.g. ``"Côte-d'Ivoire"`` -> ``"cote-d'ivoire"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    unaccented = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(unaccented.casefold().translate(_PUNCTUATION).split())


def key(text: str) -> str:
    """Lookup key of a name: folded, with hyphens read as spaces ("Guinea-Bissau", "Guinea Bissau").

    Args:
        text: A name as written.

    Returns:
        The key under which tables store the name.
    """
    return " ".join(fold(text).replace("-", " ").split())


def strip_article(name: str) -> str:
    """Remove one leading English or French article and a trailing possessive from a name.

    Args:
        name: A name, as written or folded.

    Returns:
        ``"The Niger's"`` -> ``"Niger"``; ``"l'Algérie"`` -> ``"Algérie"``.
    """
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", name.strip())).strip()


def words_pattern(words: Iterable[str]) -> str:
    r"""Regex alternation matching any of ``words`` as whole words, longest first.

    Args:
        words: Folded words or phrases.

    Returns:
        A pattern such as ``\b(?:more than|over)\b``, for use on folded text.
    """
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return r"\b(?:" + "|".join(re.escape(word) for word in ordered) + r")\b"


@functools.cache
def _letter_variants() -> dict[str, str]:
    # Every Latin letter with diacritics that folds to a plain ASCII letter, so that a pattern
    # written for "cote" also matches "Côte" without folding (and so re-indexing) the text.
    variants: dict[str, str] = {}
    for codepoint in range(0x00C0, 0x0250):
        char = chr(codepoint)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and char.islower():
            variants[folded] = variants.get(folded, folded) + char
    return variants


_SEPARATOR = rf"[\s{re.escape(DASHES)}]+"


def _char_pattern(char: str) -> str:
    if char == " ":
        return _SEPARATOR
    if char == "'":
        return f"[{APOSTROPHES}]"
    variants = _letter_variants().get(char)
    if variants:
        return f"[{variants}]"
    return re.escape(char)


_Trie = dict[str, "_Trie"]


def _trie_pattern(keys: Iterable[str]) -> str:
    # One alternation per shared prefix instead of one per term: the regex engine then decides
    # at each position with a single branch, whatever the number of terms. Sibling branches start
    # with disjoint character classes, so the greedy optional tail always yields the longest term.
    trie: _Trie = {}
    for term in keys:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # the empty edge marks the end of a term

    def render(node: _Trie) -> str:
        branches = [
            _char_pattern(char) + render(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alternation})?" if "" in node else alternation

    return render(trie)


class TermMatcher:
    """Finds whole-word mentions of known terms in free text with one compiled regex.

    Folded terms match whatever their case, accents, apostrophes or hyphenation; exact terms
    (short all-caps abbreviations such as ``US`` or ``UA``) match only as written, so that the
    words "us" or "au" never count.
    """

    def __init__(self, folded: Mapping[str, str | None], exact: Mapping[str, str]) -> None:
        """Compile the matcher.

        Args:
            folded: Term keys (see :func:`key`) to codes; a ``None`` code marks a phrase that is
                consumed but not reported (such as "Niger Delta", which is not Niger).
            exact: Case-sensitive terms to codes.
        """
        self._folded = dict(folded)
        self._exact = dict(exact)
        exact_terms = sorted(exact, key=lambda term: (-len(term), term))
        alternatives = [f"(?i:{_trie_pattern(folded)})", *map(re.escape, exact_terms)]
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")

    def find(self, text: str) -> list[Mention]:
        """Find every term in ``text``: in text order, non-overlapping, longest first.

        Args:
            text: Free text, unmodified.

        Returns:
            The mentions, with offsets into ``text``.
        """
        mentions = []
        for match in self._pattern.finditer(text):
            surface = match.group()
            code = self._exact.get(surface) or self._folded.get(key(surface))
            if code is not None:
                mentions.append(Mention(code, match.start(), match.end(), surface))
        return mentions

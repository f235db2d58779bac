"""Finding known terms in free text: whole words, whatever their case, accents or punctuation.

:class:`TermMatcher` matches the keys of the normalizers' tables (see
:func:`nigerwatch.core.text.key`) in the original text without folding it, so that mention
offsets index the string as given.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from nigerwatch.core.text import APOSTROPHES, DASHES, fold, key


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


def trie_pattern(keys: Iterable[str]) -> str:
    """A regex matching any of ``keys`` (folded terms) in unfolded text, longest first."""
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
        alternatives = [f"(?i:{trie_pattern(folded)})", *map(re.escape, exact_terms)]
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

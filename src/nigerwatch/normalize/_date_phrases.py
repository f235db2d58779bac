"""Finding the date phrases a sentence states, as written, for :func:`resolve_date` to read.

Calendar dates ("Jan. 24", « le 30 septembre 2022 », "May 2021"), months and years after a
preposition ("in January", « en mai 2022 », "since late 2021", "mid-May"), weekdays ("on
Sunday", « dimanche soir ») and the relative periods and days :func:`resolve_date` knows ("last
week", « hier »). Left out: a dateline ("ABUJA, July 30 -", the day of writing, not of the
event), deadlines ("by May 2024", « d'ici à la fin de l'année »), bare numbers and years
("the 2014 treaty").
"""

from __future__ import annotations

import re

from nigerwatch.normalize._dates import (
    DAY_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    PERIOD_WORDS,
    WEEKDAY_NAMES,
)
from nigerwatch.normalize._terms import trie_pattern

_M = rf"(?:{trie_pattern((*MONTH_NAMES, *MONTH_ABBREVIATIONS))})\b\.?"
_Y = r"(?:19|20)\d\d\b"
_D = r"(?:1er|[0-3]?\d)(?:st|nd|rd|th)?\b"
_QUALIFIER = r"(?:early|late|mid|d[ée]but|fin|mi)"
_PREPOSITION = r"(?:in|en|since|depuis|during|durant)"
_NO_YEAR = rf"(?! (?:de )?{_Y})"
_WEEKDAY = trie_pattern(WEEKDAY_NAMES)
_TIME_OF_DAY = r"(?:morning|afternoon|evening|night|matin|soir|soir[ée]e|nuit)"

_PHRASE = re.compile(
    "|".join(
        (
            rf"\b{_D} (?:de )?{_M},? {_Y}",  # 26 July 2023, 30 septembre 2022
            rf"\b{_M} {_D},? {_Y}",  # July 30, 2023
            rf"\b{_D} {_M}",  # 30 juillet, 26 July
            rf"\b{_M} {_D}",  # Jan. 24, Sept. 30
            rf"\b(?:{_QUALIFIER}[- ])?{_M} (?:de )?{_Y}",  # May 2021, fin juillet 2023
            rf"\b{_PREPOSITION} (?:{_QUALIFIER}[- ])?{_M}{_NO_YEAR}",  # in January, in mid-May
            rf"\b{_QUALIFIER}[- ]{_M}{_NO_YEAR}",  # mid-May, fin juillet
            rf"\b{_PREPOSITION} (?:{_QUALIFIER}[- ])?{_Y}",  # in 2022, since late 2021
            rf"\b{_QUALIFIER}[- ]{_Y}",  # fin 2021, early 2022
            rf"\b(?:(?:last|this past|next) )?{_WEEKDAY}\b(?: {_TIME_OF_DAY}\b)?",
            rf"\b(?:{trie_pattern((*PERIOD_WORDS, *DAY_WORDS))})\b",
        )
    ),
    re.IGNORECASE,
)
_DATELINE = re.compile(r"(?:^|\s)[A-ZÀ-Þ]{2}[A-ZÀ-Þ'\u2019 .-]*, $")
"""What comes before a dateline's date: the city in capitals ("ABUJA, July 30 - ...")."""
_DASH_AFTER = re.compile(r"\s*[-\u2013\u2014]\s")
_DEADLINE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\bd'ici(?: [àa])?(?: la fin de)?|\bjusqu'(?:au|[àa])"
    r"|\bavant(?: le| la| fin)?)\s+(?:the end of |la fin de |l'|le |la )?$",
    re.IGNORECASE,
)


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` states a date phrase: (start, end) offsets, in order.

    >>> text = "On Nov. 22, Germany decided to bring its contingent home by May 2024"
    >>> " | ".join(text[a:b] for a, b in date_spans(text))
    'Nov. 22'
    >>> text = "ABUJA, July 30 - Leaders imposed sanctions on Niger on Sunday"
    >>> " | ".join(text[a:b] for a, b in date_spans(text))
    'Sunday'
    """
    spans: list[tuple[int, int]] = []
    for match in _PHRASE.finditer(sentence):
        start, end = match.span()
        while sentence[end - 1] in " ,.":
            end -= 1
        before = sentence[:start]
        if _DATELINE.search(before.rsplit("\n", 1)[-1]) and _DASH_AFTER.match(sentence, end):
            continue
        if _DEADLINE.search(before[-40:]) or sentence.startswith("may ", start):  # the verb
            continue
        spans.append((start, end))
    return spans

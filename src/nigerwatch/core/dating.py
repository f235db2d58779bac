"""The dates a sentence states for an event: a coup's beside the coup's words, another's not.

:meth:`nigerwatch.core.reader.DraftReader.date` reads an event's date from the sentences of its
evidence when the model gave none, or gave one in its own words. A sentence often dates more
than its event: "ECOWAS declared a no-fly zone on July 30, four days after soldiers [...]
ousted President Mohamed Bazoum" dates the no-fly zone, not the coup; "lifted sanctions on
Guinea, where the army seized power in 2021" the coup, not the lifting.
"""

from __future__ import annotations

import re

from nigerwatch.core.article import Article
from nigerwatch.core.lexicon import PREDICATES
from nigerwatch.core.text import PUNCTUATION, unaccent
from nigerwatch.normalize import date_spans, resolve_date
from nigerwatch.schemas import PartialDate

__all__ = ["dates_a_declaration", "sentence_dates"]

_NEXT_TO = 30
"""How many characters may separate a date from the word stating a coup."""
_WORD_END = re.compile(r"\w*")
_ANOTHER_CLAUSE = re.compile(
    r"\b(?:who|which|that|where|and|after|before|since|qui|que|ou|et|apres|avant|depuis)\b"
)
"""Words that put a date and a coup in different clauses: "on Sunday and gave the officers
who overthrew", "on July 30, four days after soldiers [...] ousted"."""


def sentence_dates(sentence: str, article: Article, *, of_coup: bool) -> list[PartialDate]:
    """The dates ``sentence`` states, resolved against ``article``'s publication date.

    With ``of_coup``, only those written beside the words of a coup, in its clause; else
    only those that are not ("lifted sanctions on Guinea, where the army seized power in
    2021"). Phrases side by side are one date ("July 26 last year"), the most precise.
    """
    folded = _fold_in_place(sentence)
    coup_words = [m.span() for m in PREDICATES["coup"].finditer(folded)]
    dates: list[PartialDate] = []
    for group in _adjacent(sentence, date_spans(sentence)):
        if of_coup != any(_next_to(coup_words, folded, a, b) for a, b in group):
            continue
        resolved = [
            resolve_date(sentence[a:b], article.published, language=article.language)
            for a, b in group
        ]
        date = _most_precise([d for d in resolved if d is not None])
        if date is not None:
            dates.append(date)
    return dates


def _most_precise(dates: list[PartialDate]) -> PartialDate | None:
    """The most precise of ``dates`` if the others hold it ("July 26" in "last year"), or None."""
    if not dates:
        return None
    date = min(dates, key=lambda d: d.latest - d.earliest)
    if any(not (d.earliest <= date.earliest and date.latest <= d.latest) for d in dates):
        return None
    return date


def _adjacent(sentence: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """``spans`` in runs that only spaces or commas separate: "July 26 last year" is one date."""
    groups: list[list[tuple[int, int]]] = []
    for a, b in spans:
        if groups and not sentence[groups[-1][-1][1] : a].strip(" ,"):
            groups[-1].append((a, b))
        else:
            groups.append([(a, b)])
    return groups


def _fold_in_place(sentence: str) -> str:
    """``sentence`` casefolded, unaccented, ASCII punctuation, one character for each.

    Offsets into the sentence stay offsets into the fold, whatever the sentence holds ("…",
    "ß" keep their one place).
    """
    folded = (unaccent(char.translate(PUNCTUATION).casefold())[:1] or " " for char in sentence)
    return "".join(folded)


def _next_to(words: list[tuple[int, int]], folded: str, start: int, end: int) -> bool:
    """True when one of ``words`` (spans in ``folded``) is next to ``[start, end)``, in its clause.

    A coup told in passing is not dated by the sentence's main event: "ECOWAS [...] declared
    a no-fly zone on July 30, four days after soldiers [...] ousted President Mohamed Bazoum".
    """
    for word_start, word_end in words:
        after = _WORD_END.match(folded, word_end)
        rest = after.end() if after else word_end
        between = folded[end:word_start] if end <= word_start else folded[rest:start]
        if len(between) <= _NEXT_TO and not _ANOTHER_CLAUSE.search(between):
            return True
    return False


_DECLARATION = re.compile(
    r"\b(?:formally|officially|declared|declares|determined|designated|qualifi\w*|reconnu\w*)\b"
)
"""Words of a declaration that an event was a coup (folded text)."""


def dates_a_declaration(sentence: str, start: int, end: int) -> bool:
    """True when the date at ``[start, end)`` dates a declaration that there was a coup.

    "On Oct. 10, the United States formally declared that a coup had taken place in Niger":
    the date is the declaration's (a sanction of its own), not the coup's.
    """
    folded = _fold_in_place(sentence)
    after = [a for a, _ in (m.span() for m in PREDICATES["coup"].finditer(folded)) if a >= end]
    return bool(after) and _DECLARATION.search(folded[end : after[0]]) is not None

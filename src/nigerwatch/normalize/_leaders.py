"""Who a coup removed, who led it and when, as the sentence that reports it says.

A small model mostly leaves a coup's leaders out; the sentence that reports the coup often
names them right after the verb or a title: "ousted President Mohamed Bazoum", « menés par le
général Abdourahamane Tiani ». Names are read as written (capitalised words after the cue and
its titles), so they are grounded by construction; a sentence without such a pattern gives
None.
"""

from __future__ import annotations

import re

from nigerwatch.core.text import plain_words
from nigerwatch.normalize._dates import MONTH_NAMES
from nigerwatch.normalize._terms import trie_pattern

_TITLE = (
    r"(?:(?:the |le |la |du |de la |l')?(?:interim |former |deposed |elected |civilian |"
    r"transitional )?(?:president|pr[ée]sident|prime minister|premier ministre|head of state|"
    r"chef de l'[ée]tat|general|g[ée]n[ée]ral|colonel|lieutenant-colonel|lt\. col\.|lt\.? col\.?|"
    r"captain|capitaine|commandant|major|lieutenant|col\.|gen\.|capt\.)\s+)"
)
# Case-sensitive inside the case-insensitive cues: a name is capitalised words ("Mohamed
# Bazoum"), never the words after it ("on July 26").
_WORD = r"[A-ZÀ-Ý][\w'\u2019-]+"
_NAME = rf"(?-i:(?P<name>{_WORD}(?:\s+(?:(?:de|da|dos|van|von|ould)\s+)?{_WORD}){{0,4}}))"

_OUSTED = (
    re.compile(
        r"\b(?:ousted|ousting|overthrew|overthrown|overthrowing|toppled|toppling|deposed|"
        r"deposing|removed|removing|detained|detaining|renvers[ée]\w*|renversant|"
        r"s[ée]questr[ée]\w*|destitu[ée]\w*|d[ée]pos[ée]\w*)\s+" + _TITLE + r"*" + _NAME,
        re.IGNORECASE,
    ),
    re.compile(r"\brenversement (?:du |de )" + _TITLE + r"*" + _NAME, re.IGNORECASE),
    re.compile(
        _TITLE
        + r"+"
        + _NAME
        + r"\s+(?:was|has been|had been|a [ée]t[ée]|avait [ée]t[ée])\s+(?:overthrown|ousted|"
        r"deposed|toppled|removed|renvers[ée]|destitu[ée]|d[ée]pos[ée])",
        re.IGNORECASE,
    ),
    # A name, then "who was overthrown": Damiba, « qui a été renversé ».
    re.compile(
        _TITLE
        + r"*"
        + _NAME
        + r",\s+(?:who|qui)\s+(?:was|had been|has been|a [ée]t[ée]|avait [ée]t[ée])\s+"
        r"(?:overthrown|ousted|deposed|toppled|removed|renvers[ée]|destitu[ée]|d[ée]pos[ée])",
        re.IGNORECASE,
    ),
)
_NEW = (
    re.compile(
        r"\b(?:led by|loyal to|headed by|men[ée]s? par|dirig[ée]e?s? par|install(?:ed|ing))\s+"
        + _TITLE
        + r"+"
        + _NAME,
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:garde pr[ée]sidentielle|presidential guard) (?:du |of )" + _TITLE + r"+" + _NAME,
        re.IGNORECASE,
    ),
)


def _first(patterns: tuple[re.Pattern[str], ...], sentence: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(sentence)
        if match is not None:
            return match.group("name").rstrip("'\u2019-")
    return None


def coup_leaders(sentence: str) -> tuple[str | None, str | None]:
    """The ousted leader and the new leader a coup's sentence names, as written (or None).

    >>> coup_leaders("Soldiers led by Colonel Mamady Doumbouya overthrew President Alpha Conde")
    ('Alpha Conde', 'Mamady Doumbouya')
    """
    return _first(_OUSTED, sentence), _first(_NEW, sentence)


_YEAR_DATE = rf"(?:{trie_pattern(MONTH_NAMES)} )?(?:19|20)\d\d\b"
_DATED_SEIZURE = re.compile(
    rf"\b(?P<before>{_YEAR_DATE}) (?:military )?(?:coup|putsch|takeover)\b|"
    r"\b(?:coup|putsch|takeover|seized power|took power|came to power|pris le pouvoir|"
    r"renvers\w*|toppl\w*|ousted|overthr\w*)(?: [\w'\u2019-]+){0,3}? "
    rf"(?:in|en|of|de|du|on) (?:an? |une? )?(?P<after>{_YEAR_DATE})",
    re.IGNORECASE,
)


def coup_dates(sentence: str) -> list[str]:
    """The month or year of each seizure of power a sentence dates, as written, once each.

    >>> coup_dates("It came to power in an August 2020 coup and in a second takeover in May 2021")
    ['August 2020', 'May 2021']
    """
    dates: dict[str, str] = {}
    for match in _DATED_SEIZURE.finditer(sentence):
        phrase = match.group("before") or match.group("after")
        dates.setdefault(phrase.casefold(), phrase)
    return list(dates.values())


# Heads of state and government of West Africa and the Sahel, 2020-2024, and of the outside
# powers the dev set's stories involve; a leader acting in the news stands for the state.
_LEADERS: dict[str, str] = {
    **dict.fromkeys(
        ("mahamadou issoufou", "mohamed bazoum", "abdourahamane tiani", "ali lamine zeine"),
        "NER",
    ),
    **dict.fromkeys(
        ("ibrahim boubacar keita", "bah ndaw", "assimi goita", "moctar ouane", "choguel maiga"),
        "MLI",
    ),
    **dict.fromkeys(
        ("roch marc christian kabore", "paul henri sandaogo damiba", "ibrahim traore"), "BFA"
    ),
    **dict.fromkeys(("alpha conde", "mamady doumbouya"), "GIN"),
    "umaro sissoco embalo": "GNB",
    **dict.fromkeys(("idriss deby", "idriss deby itno", "mahamat idriss deby"), "TCD"),
    **dict.fromkeys(("ali bongo ondimba", "brice clotaire oligui nguema"), "GAB"),
    **dict.fromkeys(("muhammadu buhari", "bola tinubu", "bola ahmed tinubu"), "NGA"),
    **dict.fromkeys(("macky sall", "bassirou diomaye faye"), "SEN"),
    "alassane ouattara": "CIV",
    "nana akufo addo": "GHA",
    "julius maada bio": "SLE",
    "adama barrow": "GMB",
    **dict.fromkeys(("george weah", "joseph boakai"), "LBR"),
    "patrice talon": "BEN",
    "faure gnassingbe": "TGO",
    "mohamed ould ghazouani": "MRT",
    "emmanuel macron": "FRA",
    "joe biden": "USA",
    "vladimir putin": "RUS",
}
# Surnames that name one of them alone in news prose ("Macron said"); common West African
# surnames (Traoré, Kaboré, Keïta, Sall) are left out: alone, they name no one in particular.
_SURNAMES: dict[str, str] = {
    name.split()[-1]: code
    for name, code in _LEADERS.items()
    if name.split()[-1]
    in {
        "issoufou",
        "bazoum",
        "tiani",
        "goita",
        "damiba",
        "doumbouya",
        "embalo",
        "buhari",
        "tinubu",
        "ouattara",
        "gnassingbe",
        "ghazouani",
        "macron",
        "biden",
        "putin",
    }
}


def leader_country(name: str) -> str | None:
    """The country a head of state or government named in ``name`` leads or led, or None.

    >>> leader_country("President Emmanuel Macron")
    'FRA'
    >>> leader_country("Nigeria's security forces") is None
    True
    """
    words = plain_words(name)  # "Embalo," and "Goita," are read as the names
    text = f" {' '.join(words)} "
    for leader, code in _LEADERS.items():
        if f" {leader} " in text:
            return code
    return next((_SURNAMES[w] for w in words if w in _SURNAMES), None)

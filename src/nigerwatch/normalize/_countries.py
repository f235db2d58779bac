"""Country names, demonyms and cities to ISO 3166-1 alpha-3 codes.

Lookups go from the most to the least trustworthy source: the curated English and French table,
then ISO 3166 names from pycountry (English, and French from its gettext catalogue: "Inde",
"Irak", "Brésil"), then a strict fuzzy match for typos. Two-letter codes are
never accepted: GDELT's FIPS 10-4 codes reuse them with other meanings (FIPS NG is Niger, while
ISO NG is Nigeria).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from nigerwatch.core.text import key, strip_article
from nigerwatch.normalize._country_names import (
    ABBREVIATIONS,
    ALIASES,
    CITIES,
    NOT_COUNTRIES,
    SEATS_OF_GOVERNMENT,
)
from nigerwatch.normalize._terms import Mention, TermMatcher

FUZZY_CUTOFF = 90.0
"""Lowest ``fuzz.ratio`` a typo may score against a known name: one letter off in "Nigerr"."""

FUZZY_MARGIN = 5.0
"""How far the best country must score above any other one for a fuzzy match to count."""

_OPTIONAL_ENDING = re.compile(r"\(([^()]*)\)")
_REPUBLIC_OF = re.compile(r"^(?:republic of (?:the )?|republique (?:du |de la |de |d'|des )?)")
_PLACE_OF = re.compile(
    r"^(?:(?:city|town|region) of |(?:ville|region) (?:de |d'))|(?: region| city)$"
)


def _expand(pattern: str) -> list[str]:
    # "Nigérien(ne)(s)" -> Nigérien, Nigériens, Nigérienne, Nigériennes: split() alternates
    # literal parts (even indexes) with optional endings (odd indexes).
    forms = [""]
    for index, part in enumerate(_OPTIONAL_ENDING.split(pattern)):
        if index % 2 == 0:
            forms = [form + part for form in forms]
        else:
            forms += [form + part for form in forms]
    return forms


def _table(entries: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, patterns in entries.items():
        for pattern in patterns:
            for name in _expand(pattern):
                if table.setdefault(key(name), code) != code:
                    raise ValueError(f"{name!r} is listed under {table[key(name)]} and {code}")
    return table


_NAMES = _table(ALIASES)
_CITIES = _table(CITIES)
_SEATS = frozenset(key(name) for name in SEATS_OF_GOVERNMENT)
_NOT_COUNTRIES = frozenset(key(name) for pattern in NOT_COUNTRIES for name in _expand(pattern))


# Names repeat across articles (Niger, ECOWAS, the junta...) and a miss costs a fuzzy search:
# remember recent answers. Pure functions of the name, so caching cannot change a result.
@functools.lru_cache(maxsize=4096)
def country(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a country name, demonym or upper-case alpha-3 code.

    Case, accents, spacing, apostrophes and hyphens do not matter, and a leading article
    ("the", "le", "la", "les", "l'") or a trailing possessive ("Niger's") is ignored. The curated
    table is tried first, then ISO 3166 names, then a fuzzy match that only accepts a clear
    winner: "Nigerr" gives ``"NER"``, while "Nigeri" (as close to Niger as to Nigeria) gives
    None. Two-letter codes are refused, and regions, cities and organisations ("West Africa",
    "Niamey", "ECOWAS") give None.

    Args:
        name: A country name as written, e.g. "Niger", "Côte d'Ivoire", "Tchadiens", "U.S.".

    Returns:
        The alpha-3 code, such as ``"NER"``, or None if ``name`` is not a known country.
    """
    text = strip_article(name)
    if text in ABBREVIATIONS:
        return ABBREVIATIONS[text]
    folded = key(text)
    if not folded or folded in _NOT_COUNTRIES:
        return None
    code = _NAMES.get(folded) or _NAMES.get(_REPUBLIC_OF.sub("", folded))
    if code is not None:
        return code
    if len(text) == 3 and text.isascii() and text.isupper() and text in _iso_codes():
        return text
    return _iso_names().get(folded) or _fuzzy_country(folded)


@functools.lru_cache(maxsize=4096)
def city_country(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of the country a city or town is in.

    Covers the main cities and towns of the Sahel and West Africa and the capitals of the outside
    powers, to repair a place given where a country was expected ("Niamey" -> ``"NER"``). A
    leading "region of"/"région de" or a trailing "region" is ignored.

    Args:
        name: A city or town as written, e.g. "Tillabéri", "N'Djamena", "Agadez region".

    Returns:
        The alpha-3 code, or None for places not in the table (including country names).
    """
    # "Le Caire" keeps its article; "la région de Tillabéri" loses it.
    for candidate in (key(name), key(strip_article(name))):
        place = key(strip_article(_PLACE_OF.sub("", candidate)))
        code = _CITIES.get(candidate) or _CITIES.get(place)
        if code is not None:
            return code
    return None


def seat_country(name: str) -> str | None:
    """The country whose government a capital stands for: "Bamako" -> ``"MLI"``.

    News prose names a government by its seat ("Paris said", "Bamako announced"); an actor
    written that way is the state. Only seats of government count: "Agadez" is a place, never
    an actor, and Brussels stands for the European Union as often as for Belgium.

    Args:
        name: An actor's name as written.

    Returns:
        The alpha-3 code, or None when ``name`` is not a seat of government.
    """
    return _CITIES.get(key(name)) if key(name) in _SEATS else None


def find_countries(text: str) -> list[Mention]:
    """Find every country name, demonym or abbreviation in free text.

    Only the curated names are searched, as whole words: "Niger" never matches inside
    "Nigeria", and a longer name wins at a given position ("Guinea-Bissau" over "Guinea").
    Abbreviations ("US", "UK", "UAE", "CAR") match only in upper case, so "us" is never the
    United States. Phrases such as "Niger Delta" or "Lake Chad" are not reported.

    Args:
        text: Free text, e.g. an article.

    Returns:
        The mentions in text order, with offsets into ``text`` and alpha-3 codes.
    """
    return _matcher().find(text)


def find_places(text: str) -> list[Mention]:
    """Find every city or town of the table in free text, as whole words.

    Args:
        text: Free text, e.g. an evidence sentence.

    Returns:
        The mentions in text order, each with the alpha-3 code of the place's country.
    """
    return _place_matcher().find(text)


@functools.cache
def _place_matcher() -> TermMatcher:
    return TermMatcher(_CITIES, {})


@functools.cache
def _matcher() -> TermMatcher:
    terms: dict[str, str | None] = dict(_NAMES)
    terms.update(dict.fromkeys(_NOT_COUNTRIES))
    return TermMatcher(terms, ABBREVIATIONS)


@functools.cache
def _iso_codes() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - loading the ISO database is slow: only when needed

    return frozenset(record.alpha_3 for record in pycountry.countries)


_ISO_ATTRIBUTES = ("name", "official_name", "common_name")


@functools.cache
def _iso_names() -> dict[str, str]:
    """ISO 3166 names from pycountry: English, then French from its gettext catalogue.

    English names come first, so a French name spelt like another country's English name never
    takes it over. French ISO names put the head first ("Iran, République islamique d'"): the
    head alone counts too, unless two countries share it ("Corée" is North or South Korea).
    """
    import gettext  # noqa: PLC0415 - loading the ISO database is slow: only when needed

    import pycountry  # noqa: PLC0415

    records = list(pycountry.countries)
    names: dict[str, str] = {}
    for record in records:
        for value in filter(None, (getattr(record, a, None) for a in _ISO_ATTRIBUTES)):
            names.setdefault(key(value), record.alpha_3)
    catalog = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    )
    french = [
        (record.alpha_3, catalog.gettext(value))
        for record in records
        for value in filter(None, (getattr(record, a, None) for a in _ISO_ATTRIBUTES))
    ]
    heads: dict[str, set[str]] = {}
    for code, name in french:
        heads.setdefault(key(name.partition(",")[0]), set()).add(code)
    for code, name in french:
        names.setdefault(key(name), code)
        head = key(name.partition(",")[0])
        if heads[head] == {code}:
            names.setdefault(head, code)
    return names


@functools.cache
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    choices = {**_iso_names(), **_NAMES}
    return list(choices), list(choices.values())


def _fuzzy_country(folded: str) -> str | None:
    # fuzz.ratio compares whole strings; a partial scorer would call "niger" a perfect match
    # for "nigeria". Scores are compared per country, so two spellings of one country (Tchad,
    # Chad) never count as rivals.
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - rarely needed, keep imports light

    names, codes = _fuzzy_choices()
    best: dict[str, float] = {}
    for _, score, index in process.extract(folded, names, scorer=fuzz.ratio, limit=None):
        best[codes[index]] = max(best.get(codes[index], 0.0), score)
    ranked = sorted(best.values(), reverse=True)
    if not ranked or ranked[0] < FUZZY_CUTOFF:
        return None
    if len(ranked) > 1 and ranked[0] - ranked[1] < FUZZY_MARGIN:
        return None
    return max(best, key=best.__getitem__)

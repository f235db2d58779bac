"""International organisations: names and acronyms, English and French, to canonical acronyms.

Acronyms of three letters or fewer ("UN", "AU", "UA", "UE", "AES") are French or English words
in lower case ("un", "au"), so they match only as written. Longer acronyms ("ECOWAS",
"CEDEAO") also match in the title case some newspapers use ("Ecowas", "Otan"). Acronyms are
never fuzzy-matched: one letter turns one organisation into another.

Wikidata ids (``Q…``, the actor identifiers PLOVER recommends) are listed only where they were
checked here: ECOWAS, OIF, MNJTF, BCEAO, ECCAS, UN, AU and EU against a Wikidata export of the
member states' items ("member of", "central bank"); UNSC, NATO, IMF and the World Bank against
several independent tables that agree. The others are left None rather than guessed.
"""

from __future__ import annotations

import functools
import re
from typing import Literal, NamedTuple

from nigerwatch.core.text import key, strip_article
from nigerwatch.normalize._terms import Mention, TermMatcher


class _Organization(NamedTuple):
    english: str
    french: str
    names: tuple[str, ...]
    """Other full names and spellings, matched whatever their case and accents."""
    acronyms: tuple[str, ...]
    wikidata: str | None = None


_ORGANIZATIONS: dict[str, _Organization] = {
    "ECOWAS": _Organization(
        "Economic Community of West African States",
        "Communauté économique des États de l'Afrique de l'Ouest",
        (
            "Communauté économique des États d'Afrique de l'Ouest",
            # Its summit, as wire stories name it: "West African leaders lifted the sanctions".
            "West African leaders",
            "West African heads of state",
            "dirigeants ouest-africains",
            "chefs d'État ouest-africains",
        ),
        ("ECOWAS", "CEDEAO"),
        "Q193272",
    ),
    "WAEMU": _Organization(
        "West African Economic and Monetary Union",
        "Union économique et monétaire ouest-africaine",
        (),
        ("WAEMU", "UEMOA"),
    ),
    "AES": _Organization(
        "Alliance of Sahel States",
        "Alliance des États du Sahel",
        (
            "Sahel States Alliance",
            "Confederation of Sahel States",
            "Confédération des États du Sahel",
        ),
        ("AES",),
    ),
    "ECCAS": _Organization(
        "Economic Community of Central African States",
        "Communauté économique des États de l'Afrique centrale",
        ("Communauté économique des États d'Afrique centrale",),
        ("ECCAS", "CEEAC"),
        "Q189966",
    ),
    "G5 Sahel": _Organization(
        "Group of Five for the Sahel",
        "Groupe des cinq pays du Sahel",
        ("G5 Sahel", "G5-Sahel"),
        ("G5S",),
    ),
    "AU": _Organization("African Union", "Union africaine", (), ("AU", "UA", "A.U."), "Q7159"),
    "UN": _Organization(
        "United Nations",
        "Organisation des Nations unies",
        ("Nations unies", "United Nations Organization"),
        ("UN", "U.N.", "ONU"),
        "Q1065",
    ),
    "EU": _Organization("European Union", "Union européenne", (), ("EU", "UE", "E.U."), "Q458"),
    "MINUSMA": _Organization(
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali",
        ("United Nations Multidimensional Integrated Stabilisation Mission in Mali",),
        ("MINUSMA",),
    ),
    "NATO": _Organization(
        "North Atlantic Treaty Organization",
        "Organisation du traité de l'Atlantique nord",
        ("North Atlantic Treaty Organisation",),
        ("NATO", "OTAN"),
        "Q7184",
    ),
    "IMF": _Organization(
        "International Monetary Fund", "Fonds monétaire international", (), ("IMF", "FMI"), "Q7804"
    ),
    "World Bank": _Organization("World Bank", "Banque mondiale", (), (), "Q7164"),
    "UNSC": _Organization(
        "United Nations Security Council",
        "Conseil de sécurité des Nations unies",
        ("UN Security Council", "U.N. Security Council", "Conseil de sécurité de l'ONU"),
        ("UNSC", "CSNU"),
        "Q37470",
    ),
    "AU PSC": _Organization(
        "African Union Peace and Security Council",
        "Conseil de paix et de sécurité de l'Union africaine",
        (
            "AU Peace and Security Council",
            "Peace and Security Council of the African Union",
            "Conseil de paix et de sécurité de l'UA",
        ),
        ("AU PSC",),
    ),
    "MNJTF": _Organization(
        "Multinational Joint Task Force",
        "Force multinationale mixte",
        ("Multi-National Joint Task Force",),
        ("MNJTF", "FMM"),
        "Q19429054",
    ),
    "ECOWAS Standby Force": _Organization(
        "ECOWAS Standby Force",
        "Force en attente de la CEDEAO",
        ("ECOWAS standby force", "Force en attente de la Cedeao"),
        (),
    ),
    "BCEAO": _Organization(
        "Central Bank of West African States",
        "Banque centrale des États de l'Afrique de l'Ouest",
        ("Banque centrale des États d'Afrique de l'Ouest",),
        ("BCEAO",),
        "Q620942",
    ),
    "OIF": _Organization(
        "International Organisation of La Francophonie",
        "Organisation internationale de la Francophonie",
        ("International Organization of La Francophonie",),
        ("OIF",),
        "Q134102",
    ),
    "Liptako-Gourma Authority": _Organization(
        "Liptako-Gourma Authority",
        "Autorité du Liptako-Gourma",
        (
            "Liptako-Gourma Integrated Development Authority",
            "Autorité de développement intégré de la région du Liptako-Gourma",
        ),
        (),
    ),
    "WAGNER": _Organization(
        "Wagner Group",
        "groupe Wagner",
        ("Wagner", "PMC Wagner", "Wagner PMC", "Wagner private military company"),
        (),
    ),
    "AFRICA CORPS": _Organization(
        "Africa Corps",
        "Africa Corps",
        ("Russian Africa Corps", "Corps africain"),
        (),
    ),
    "BARKHANE": _Organization(
        "Operation Barkhane",
        "opération Barkhane",
        ("Barkhane", "Barkhane force", "force Barkhane"),
        (),
    ),
    "TAKUBA": _Organization(
        "Task Force Takuba",
        "task force Takuba",
        ("Takuba", "Takuba task force", "force Takuba"),
        (),
    ),
}
"""Canonical acronym -> names. The acronym is the key analysts join on."""


def _is_short(acronym: str) -> bool:
    return sum(char.isalnum() for char in acronym) <= 3


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    folded: dict[str, str] = {}
    exact: dict[str, str] = {}
    for code, organization in _ORGANIZATIONS.items():
        names = (organization.english, organization.french, *organization.names)
        for name in names:
            folded[key(name)] = code
        for acronym in organization.acronyms:
            if _is_short(acronym):
                exact[acronym] = code
            else:
                folded[key(acronym)] = code
    return folded, exact


_FOLDED, _EXACT = _tables()
_WITH_ACRONYM = re.compile(r"^(?P<first>[^()]+?)\s*\((?P<second>[^()]+)\)$")


@functools.lru_cache(maxsize=4096)  # pure and called for every actor name
def organization(name: str) -> str | None:
    """Canonical acronym of an international organisation's name or acronym.

    Full names match whatever their case, accents and apostrophes, with or without a leading
    "the", "la" or "l'". The "Name (ACRONYM)" form is accepted when both parts agree. Short
    acronyms must be written in upper case (``"UN"``, not ``"un"``).

    Args:
        name: A name as written, e.g. "CEDEAO", "the African Union", "Union économique et
            monétaire ouest-africaine", "Economic Community of West African States (ECOWAS)".

    Returns:
        The canonical acronym (``"ECOWAS"``, ``"AES"``, ``"G5 Sahel"``, ``"World Bank"``...), or
        None if ``name`` is not a known organisation.
    """
    text = strip_article(name)
    both = _WITH_ACRONYM.match(text)
    if both is not None:
        first, second = organization(both["first"]), organization(both["second"])
        return first if first == second else None
    return _EXACT.get(text) or _FOLDED.get(key(text))


def organization_name(acronym: str, language: Literal["en", "fr"] = "en") -> str:
    """Canonical full name of an organisation, in English or French.

    Args:
        acronym: A canonical acronym such as "ECOWAS", or anything :func:`organization`
            resolves ("CEDEAO").
        language: ``"en"`` or ``"fr"``.

    Returns:
        The full name, e.g. "Economic Community of West African States" or "Communauté
        économique des États de l'Afrique de l'Ouest".

    Raises:
        ValueError: If the organisation or the language is unknown.
    """
    if language not in ("en", "fr"):
        raise ValueError(f"language must be 'en' or 'fr', not {language!r}")
    code = acronym if acronym in _ORGANIZATIONS else organization(acronym)
    if code is None:
        known = ", ".join(sorted(_ORGANIZATIONS))
        raise ValueError(f"unknown organisation {acronym!r}; known acronyms: {known}")
    entry = _ORGANIZATIONS[code]
    return entry.english if language == "en" else entry.french


def organization_wikidata(acronym: str) -> str | None:
    """Wikidata id of an organisation, where it was checked (see the module docstring).

    Args:
        acronym: A canonical acronym such as "ECOWAS", or anything :func:`organization`
            resolves ("CEDEAO").

    Returns:
        The id, e.g. ``"Q193272"`` for ECOWAS, or None when unknown or not checked.
    """
    code = acronym if acronym in _ORGANIZATIONS else organization(acronym)
    return _ORGANIZATIONS[code].wikidata if code is not None else None


def find_organizations(text: str) -> list[Mention]:
    """Find every organisation name or acronym in free text.

    Works like :func:`~nigerwatch.normalize.find_countries`: whole words, text order, longest
    name first ("Organisation des Nations unies" is one mention, not "Nations unies" inside).
    Short acronyms match only in upper case, so the French words "un" and "au" never count.

    Args:
        text: Free text, e.g. an article.

    Returns:
        The mentions in text order, with offsets into ``text`` and canonical acronyms as codes.
    """
    return _matcher().find(text)


@functools.cache
def _matcher() -> TermMatcher:
    return TermMatcher(_FOLDED, _EXACT)

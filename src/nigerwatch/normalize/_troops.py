"""Troop numbers as articles write them ("some 1,500 soldiers", "environ 2 000 militaires").

The first quantity in the phrase is read, in digits or in English or French words, with its
hedging ("some", "près de", "more than", ranges, "une douzaine"). Vague quantities ("several
hundred", "des centaines") and vehicles or equipment ("40 pick-up trucks") give None.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nigerwatch.core.text import APOSTROPHES, fold, fold_with_offsets, words_pattern
from nigerwatch.normalize._terms import trie_pattern
from nigerwatch.schemas import TroopCount

_UNITS = {
    "zero": 0,
    **dict.fromkeys(("one", "un", "une"), 1),
    **dict.fromkeys(("two", "deux"), 2),
    **dict.fromkeys(("three", "trois"), 3),
    **dict.fromkeys(("four", "quatre"), 4),
    **dict.fromkeys(("five", "cinq"), 5),
    **dict.fromkeys(("six",), 6),
    **dict.fromkeys(("seven", "sept"), 7),
    **dict.fromkeys(("eight", "huit"), 8),
    **dict.fromkeys(("nine", "neuf"), 9),
    **dict.fromkeys(("ten", "dix"), 10),
    **dict.fromkeys(("eleven", "onze"), 11),
    **dict.fromkeys(("twelve", "douze"), 12),
    **dict.fromkeys(("thirteen", "treize"), 13),
    **dict.fromkeys(("fourteen", "quatorze"), 14),
    **dict.fromkeys(("fifteen", "quinze"), 15),
    **dict.fromkeys(("sixteen", "seize"), 16),
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    **dict.fromkeys(("twenty", "vingt", "vingts"), 20),
    **dict.fromkeys(("thirty", "trente"), 30),
    **dict.fromkeys(("forty", "quarante"), 40),
    **dict.fromkeys(("fifty", "cinquante"), 50),
    **dict.fromkeys(("sixty", "soixante"), 60),
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
"""Number words that add up: "vingt et un" is 20 + 1, "soixante-dix" 60 + 10."""

_MULTIPLIERS = {
    **dict.fromkeys(("hundred", "cent", "cents"), 100),
    **dict.fromkeys(("thousand", "mille"), 1_000),
    **dict.fromkeys(("million", "millions"), 1_000_000),
}
"""Number words that multiply what precedes them: "deux cents", "two thousand"."""

_COLLECTIVES = {
    "dozen": 12,
    "douzaine": 12,
    "dizaine": 10,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1_000,
}
"""Round numbers that are approximate by nature: "une centaine" is about a hundred."""

_ARTICLES = frozenset(("a", "an", "un", "une"))
"""Read as one only before a multiplier or collective ("a hundred", "une douzaine")."""

_CONNECTORS = frozenset(("and", "et"))
"""Join number words ("one hundred and fifty", "vingt et un") when a number word follows."""

HEDGE_WORDS = (
    *("some", "about", "around", "roughly", "approximately", "approx", "nearly", "almost"),
    *("close to", "estimated", "more than", "over", "at least", "up to", "as many as"),
    *("upwards of", "fewer than", "less than", "under", "circa", "environ", "pres de"),
    *("quelque", "presque", "plus de", "au moins", "jusqu'a", "moins de", "autour de"),
    *("approximativement", "a peu pres", "pas moins de", "estime a", "estimes a"),
    "an estimated",
)
"""Words before a number that make it approximate (folded): the one list for reading and quoting."""

_HEDGE_BEFORE = re.compile(rf"(?:{words_pattern(HEDGE_WORDS)}|\b(?:plus|moins) d')\s*$")
# The same hedges in the article's own spelling (accents, curly apostrophes), to quote them.
_HEDGE_AS_WRITTEN = re.compile(rf"(?i:(?<!\w){trie_pattern(HEDGE_WORDS)})[\s{APOSTROPHES}]+$")
# "1,500-odd" and "1,500-plus" right after the number (not "1 500 plus 40", a sum), "or so" and
# "environ" anywhere after it.
_HEDGE_AFTER = re.compile(r"^\s*(?:\+|-?odd\b|-?plus\b(?!\s*\d))|\b(?:or so|environ)\b")
_NUMBER_START = rf"(?:\d|{words_pattern((*_UNITS, *_MULTIPLIERS))})"
_RANGE_AFTER = re.compile(rf"^\s*(?:-|to\b|a\b|or\b|ou\b)\s*{_NUMBER_START}")
_RANGE_BEFORE = re.compile(r"\b(?:between|entre)\s*$")

_VAGUE = re.compile(
    words_pattern(
        (
            *("several", "few", "many", "numerous", "scores", "tens", "hundreds", "thousands"),
            *("dozens", "plusieurs", "quelques", "nombreux", "nombreuses", "dizaines"),
            *("douzaines", "vingtaines", "centaines", "milliers"),
        )
    )
)
"""Words before a number that make it vague: "several hundred", "a few thousand"."""

_VEHICLES = frozenset(
    (
        *("vehicle", "vehicles", "vehicule", "vehicules", "pick", "pickup", "pickups"),
        *("truck", "trucks", "camion", "camions", "blinde", "blindes", "tank", "tanks"),
        *("char", "chars", "apc", "apcs", "carrier", "carriers", "cars", "voiture"),
        *("voitures", "drone", "drones", "helicopter", "helicopters", "helicoptere"),
        *("helicopteres", "aircraft", "plane", "planes", "airplane", "airplanes", "avion"),
        *("avions", "jet", "jets", "motorcycle", "motorcycles", "motorbike", "motorbikes"),
        *("moto", "motos", "boat", "boats", "bateau", "bateaux", "ship", "ships", "navire"),
        *("navires", "missile", "missiles", "rocket", "rockets", "roquette", "roquettes"),
    )
)
"""Nouns after a number that mean it counts equipment, not people."""

_PERSONNEL = frozenset(
    (
        *("soldier", "soldiers", "troop", "troops", "men", "personnel", "fighters"),
        *("officers", "instructors", "marines", "paratroopers", "mercenaries", "gendarmes"),
        *("soldat", "soldats", "militaire", "militaires", "hommes", "elements", "mercenaires"),
        *("peacekeepers", "instructeurs", "combattants", "parachutistes"),
    )
)
"""Nouns of people under arms: they end the search for a vehicle ("200 soldiers in armoured
vehicles" is troops) and mark a number as a count of personnel (:func:`personnel_spans`)."""

_NOUN_WINDOW = 4
"""How many words after the number may hold its noun ("40 Russian-made attack helicopters")."""

_TOKEN = re.compile(
    r"(?P<digits>\d{1,3}(?:[ ,.]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?)|(?P<word>[a-z]+)"
)
"""Numbers with thousands separators ("1,500", "1 500", "1.500"), decimals, and words."""

_THOUSANDS = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+")


class _Quantity(NamedTuple):
    last: int
    """Index of the number's last token."""
    value: float
    collective: bool
    """Whether a round collective ("a dozen", "une centaine") made it approximate."""


def troop_count(phrase: str) -> TroopCount | None:
    """Read a number of personnel from a phrase, keeping whether it is approximate.

    Digits may use commas, spaces (also no-break and narrow no-break) or dots between groups of
    three ("1.500" is 1500). Number words are read in English and French. Hedges ("some",
    "about", "more than", "environ", "près de", "jusqu'à"), ranges ("2,500-3,000", "between 2,500
    and 3,000": the lower bound) and round collectives ("a dozen", "une centaine") are
    approximate.

    Args:
        phrase: The phrase as written, e.g. "some 1,500 soldiers" or "environ 2 000 militaires".

    Returns:
        The count, or None when the phrase has no number, a vague one ("several hundred",
        "dozens", "des centaines"), or counts vehicles or equipment ("40 pick-up trucks").
    """
    text = fold(phrase)
    tokens = list(_TOKEN.finditer(text))
    start = next((index for index in range(len(tokens)) if _starts_number(tokens, index)), None)
    if start is None:
        return None
    before = text[: tokens[start].start()]
    in_range = _RANGE_BEFORE.search(before) is not None
    quantity = _read_number(tokens, start, stop_at_and=in_range)
    after = text[tokens[quantity.last].end() :]
    if (
        not quantity.value.is_integer()
        or _VAGUE.search(before)
        or _counts_equipment(tokens[quantity.last + 1 :])
    ):
        return None
    approximate = (
        quantity.collective
        or in_range
        or _HEDGE_BEFORE.search(before) is not None
        or _HEDGE_AFTER.search(after) is not None
        or _RANGE_AFTER.match(after) is not None
    )
    return TroopCount(text=phrase, value=int(quantity.value), approximate=approximate)


def _word(tokens: list[re.Match[str]], index: int) -> str | None:
    return tokens[index]["word"] if index < len(tokens) else None


def _starts_number(tokens: list[re.Match[str]], index: int) -> bool:
    word = _word(tokens, index)
    if word in _ARTICLES:
        following = _word(tokens, index + 1)
        return following in _MULTIPLIERS or following in _COLLECTIVES
    return word is None or word in _UNITS or word in _MULTIPLIERS or word in _COLLECTIVES


def _read_number(tokens: list[re.Match[str]], start: int, *, stop_at_and: bool) -> _Quantity:
    total, current, collective, last = 0.0, 0.0, False, start
    index = start
    while index < len(tokens):
        digits, word = tokens[index]["digits"], _word(tokens, index)
        if digits is not None and index == start:
            current = _digits_value(digits)
        elif word in _ARTICLES and index == start:
            current = 1
        elif word == "quatre" and _word(tokens, index + 1) in ("vingt", "vingts"):
            current += 80  # quatre-vingts: the one French number made by multiplying
            index += 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _MULTIPLIERS and _MULTIPLIERS[word] == 100:
            current = max(current, 1) * 100
        elif word in _MULTIPLIERS:
            total, current = total + max(current, 1) * _MULTIPLIERS[word], 0
        elif word in _COLLECTIVES:
            current, collective = max(current, 1) * _COLLECTIVES[word], True
        elif stop_at_and or word not in _CONNECTORS or _word(tokens, index + 1) not in _UNITS:
            break  # "and"/"et" joins number words, except in "between X and Y"
        last = index
        index += 1
    return _Quantity(last, total + current, collective)


def _digits_value(digits: str) -> float:
    if _THOUSANDS.fullmatch(digits):
        return float(re.sub(r"\D", "", digits))
    return float(digits.replace(",", "."))


def _counts_equipment(following: list[re.Match[str]]) -> bool:
    for token in following[:_NOUN_WINDOW]:
        if token["word"] in _PERSONNEL:
            return False
        if token["word"] in _VEHICLES:
            return True
    return False


def personnel_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every number of ``text`` that counts personnel, in order.

    A number counts personnel when a noun of people under arms follows it, at most two words
    on and in the same clause: "its roughly 1,500 soldiers", « 1 100 soldats américains »,
    "around 100 special forces". Years are not counts ("in July 2023 troops").
    """
    folded = fold_with_offsets(text)
    return [folded.span(*m.span("number")) for m in _COUNTED.finditer(folded.text)]


_COUNTED = re.compile(
    r"(?<![\d,.])(?!(?:19|20)\d\d\b)(?P<number>\d{1,3}(?:[ ,.]\d{3})+|\d+)\s+"
    r"(?:[^\W\d]+\s+){0,2}?"
    + words_pattern((*_PERSONNEL, "special forces", "forces spéciales", "casques bleus"))
)
"""A number, up to two words, then a noun of :data:`_PERSONNEL` (in folded text)."""


_WORDS_BEFORE = re.compile(rf"(?:[^\W\d]+[\s{APOSTROPHES}]+){{0,3}}$")
_REST_OF_CLAUSE = re.compile(r"[^.;:!?\n]{0,40}")
_NOUN = re.compile(r"\s*[^\W\d]+")


def troop_count_at(text: str, start: int, end: int) -> TroopCount | None:
    """Read the count of personnel whose number is ``text[start:end]``, from its context.

    The words before the number say whether it is approximate ("some", "environ") and the
    words after it whether it counts people or vehicles ("40 pick-up trucks"), whatever a model
    copied. The count is quoted as the text words it: hedge, number and noun.

    Args:
        text: The whole text (an article).
        start: Offset of the number's first character.
        end: Offset one past its last character.

    Returns:
        The count with ``text`` as written (e.g. "quelque 1 500 soldats"), or None when the
        number counts vehicles or is vague.
    """
    before = _WORDS_BEFORE.search(text[max(0, start - 40) : start])
    lead = before.group(0) if before else ""
    after = _REST_OF_CLAUSE.match(text[end:])
    count = troop_count(lead + text[start : end + (len(after.group(0)) if after else 0)])
    if count is None:
        return None
    hedge = _HEDGE_AS_WRITTEN.search(lead)
    noun = None if text[start:end][-1:].isalpha() else _NOUN.match(text[end:])
    words = text[start - (len(lead) - hedge.start() if hedge else 0) : end]
    return count.model_copy(update={"text": words + (noun.group(0) if noun else "")})

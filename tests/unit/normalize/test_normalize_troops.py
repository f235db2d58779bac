"""Troop numbers from phrases, with their hedging; vague numbers and vehicles give None."""

from __future__ import annotations

import pytest

from nigerwatch.normalize import personnel_spans, troop_count
from nigerwatch.schemas import TroopCount


@pytest.mark.parametrize(
    ("phrase", "value", "approximate"),
    [
        # Digits and separators.
        ("1,500 troops", 1500, False),
        ("1500 soldiers", 1500, False),
        ("1 500 soldats", 1500, False),
        ("1 500", 1500, False),
        ("1\u00a0500 soldats", 1500, False),  # no-break space
        ("1\u202f500 militaires", 1500, False),  # narrow no-break space
        ("1.500 soldats", 1500, False),
        ("10 000 hommes", 10000, False),
        ("1,500,000", 1500000, False),
        ("a 1,500-strong force", 1500, False),
        ("100 Wagner mercenaries", 100, False),
        ("un total de 1 500 soldats", 1500, False),
        ("200 soldiers in armoured vehicles", 200, False),
        # Hedges.
        ("some 1,500 soldiers", 1500, True),
        ("about forty", 40, True),
        ("about 40", 40, True),
        ("around 300", 300, True),
        ("roughly 200", 200, True),
        ("approximately 100 troops", 100, True),
        ("nearly 1,000", 1000, True),
        ("almost 500", 500, True),
        ("an estimated 1,500 troops", 1500, True),
        ("more than 1,000 soldiers", 1000, True),
        ("over 2,000", 2000, True),
        ("at least 400", 400, True),
        ("up to 5,000", 5000, True),
        ("environ 2 000 militaires", 2000, True),
        ("près de 1 000", 1000, True),
        ("quelque 1500 soldats", 1500, True),
        ("plus de 1 000 soldats", 1000, True),
        ("au moins 300", 300, True),
        ("jusqu'à 1 500", 1500, True),
        ("jusqu\u2019à 1 500", 1500, True),
        ("1,500 or so troops", 1500, True),
        ("1,000-odd soldiers", 1000, True),
        ("1,500-plus troops", 1500, True),
        ("1 500 plus 40 gendarmes", 1500, False),
        ("1 500 hommes environ", 1500, True),
        # Collectives are round, so approximate.
        ("a dozen", 12, True),
        ("a dozen soldiers", 12, True),
        ("une douzaine", 12, True),
        ("two dozen", 24, True),
        ("une centaine de soldats", 100, True),
        ("une vingtaine de militaires", 20, True),
        ("un millier de soldats", 1000, True),
        ("plus d\u2019un millier de soldats", 1000, True),
        # Ranges: the lower bound.
        ("2,500-3,000", 2500, True),
        ("2,500\u20133,000 troops", 2500, True),
        ("between 2,500 and 3,000", 2500, True),
        ("entre 2 500 et 3 000 soldats", 2500, True),
        ("between two thousand and three thousand", 2000, True),
        ("from 2,500 to 3,000", 2500, True),
        ("twenty-five to thirty soldiers", 25, True),
        # English number words.
        ("one soldier", 1, False),
        ("forty", 40, False),
        ("twenty-five", 25, False),
        ("ninety-nine", 99, False),
        ("a hundred soldiers", 100, False),
        ("one hundred and fifty", 150, False),
        ("fifteen hundred", 1500, False),
        ("three thousand", 3000, False),
        ("two thousand five hundred", 2500, False),
        ("3 thousand", 3000, False),
        # French number words.
        ("vingt", 20, False),
        ("vingt et un", 21, False),
        ("trente", 30, False),
        ("quarante", 40, False),
        ("cinquante", 50, False),
        ("soixante", 60, False),
        ("soixante-dix", 70, False),
        ("soixante et onze", 71, False),
        ("quatre-vingts", 80, False),
        ("quatre-vingt-un", 81, False),
        ("quatre-vingt-dix", 90, False),
        ("quatre-vingt-dix-neuf", 99, False),
        ("cent", 100, False),
        ("deux cents", 200, False),
        ("cent cinquante", 150, False),
        ("mille", 1000, False),
        ("deux mille cinq cents", 2500, False),
        ("trois cent mille", 300000, False),
    ],
)
def test_troop_count(phrase: str, value: int, approximate: bool) -> None:
    assert troop_count(phrase) == TroopCount(text=phrase, value=value, approximate=approximate)


@pytest.mark.parametrize(
    "phrase",
    [
        # Vague quantities.
        "several hundred",
        "several hundred soldiers",
        "hundreds of troops",
        "thousands of soldiers",
        "dozens",
        "dozens of soldiers",
        "a few thousand",
        "tens of thousands",
        "des centaines",
        "des centaines de soldats",
        "des milliers de militaires",
        "plusieurs centaines",
        "quelques milliers",
        # No number.
        "soldiers",
        "French troops",
        "",
        # Not a whole number of people.
        "2.5",
        "1,5",
    ],
)
def test_troop_count_vague_or_missing(phrase: str) -> None:
    assert troop_count(phrase) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "40 pick-up trucks",
        "approximately 40 pick-up trucks",
        "a convoy of approximately 40 pick-up trucks",
        "40 pickups",
        "20 armoured vehicles",
        "20 armored vehicles",
        "30 véhicules",
        "40 pick-up",
        "12 blindés",
        "10 camions",
        "4 drones",
        "3 helicopters",
        "2 hélicoptères",
        "5 aircraft",
        "6 fighter jets",
        "10 tanks",
        "8 chars",
        "20 Russian-made attack helicopters",
        "une dizaine de véhicules",
    ],
)
def test_vehicles_are_not_troops(phrase: str) -> None:
    assert troop_count(phrase) is None


def test_first_number_is_read() -> None:
    result = troop_count("1,500 soldiers and 40 vehicles")
    assert result is not None
    assert (result.value, result.approximate) == (1500, False)


def test_decimal_with_a_multiplier() -> None:
    assert troop_count("1.5 million") == TroopCount(
        text="1.5 million", value=1500000, approximate=False
    )


def test_hedge_must_be_right_before_the_number() -> None:
    result = troop_count("the base taken over by 200 soldiers")
    assert result is not None
    assert result.approximate is False


def test_troop_count_at_reads_the_words_around_the_number() -> None:
    from nigerwatch.normalize import troop_count_at

    text = "Les quelque 1 500 soldats français déployés dans le pays quitteront le Niger."
    start = text.index("1 500")
    count = troop_count_at(text, start, start + 5)
    assert count is not None
    assert (count.value, count.approximate, count.text) == (1500, True, "quelque 1 500 soldats")


def test_troop_count_at_quotes_hedges_as_written() -> None:
    from nigerwatch.normalize import troop_count_at

    text = "It sent pr\u00e8s de 2\u00a0000 militaires and, jusqu\u2019\u00e0 300 gendarmes."
    first = text.index("2\u00a0000")
    count = troop_count_at(text, first, first + 5)
    assert count is not None
    assert count.text == "pr\u00e8s de 2\u00a0000 militaires"
    second = text.index("300")
    count = troop_count_at(text, second, second + 3)
    assert count is not None
    assert count.approximate
    assert count.text == "jusqu\u2019\u00e0 300 gendarmes"


def test_troop_count_at_refuses_vehicles() -> None:
    from nigerwatch.normalize import troop_count_at

    text = "A convoy of approximately 40 pick-up trucks arrived on Sunday evening."
    start = text.index("40")
    assert troop_count_at(text, start, start + 2) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("France completed the departure of its roughly 1,500 soldiers.", ["1,500"]),
        ("Les quelque 1 100 soldats américains restent au Niger.", ["1 100"]),
        (
            "France withdrew 1,500 soldiers from Niger and 2,400 soldiers from Mali.",
            ["1,500", "2,400"],
        ),
        ("A convoy of 40 pick-up trucks carrying 200 soldiers arrived.", ["200"]),
        ("The mission ended on 31 December after ten years.", []),
    ],
)
def test_the_numbers_that_count_personnel(text: str, numbers: list[str]) -> None:
    assert [text[a:b] for a, b in personnel_spans(text)] == numbers

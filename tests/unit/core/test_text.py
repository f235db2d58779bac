"""One folding vocabulary: grounding and normalization treat the same characters as equal."""

from __future__ import annotations

import pytest

from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.text import (
    APOSTROPHES,
    DASHES,
    DOUBLE_QUOTES,
    clean_quote,
    fold,
    fold_with_offsets,
    key,
    plain_words,
    strip_article,
)
from nigerwatch.normalize import country


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_every_apostrophe_is_one_for_grounding_and_normalization(apostrophe: str) -> None:
    name = f"C\u00f4te d{apostrophe}Ivoire"
    assert country(name) == "CIV"
    assert fold(name) == "cote d'ivoire"
    assert fold_with_offsets(name).text == "c\u00f4te d'ivoire"


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_is_one(dash: str) -> None:
    assert key(f"Guinea{dash}Bissau") == "guinea bissau"
    assert fold_with_offsets(f"a{dash}b").text == "a-b"


@pytest.mark.parametrize("mark", DOUBLE_QUOTES)
def test_every_double_quote_is_one(mark: str) -> None:
    assert fold(f"{mark}x{mark}") == '"x"'
    assert fold_with_offsets(f"{mark}x{mark}").text == '"x"'


def test_a_quote_with_other_marks_is_found_in_the_article() -> None:
    text = "Le CNSP a déclaré\u00a0: \u00ab C\u2019est une nouvelle \u00e9tape \u00bb, selon lui."
    found = ArticleIndex(text).locate_quote('"C\'est une nouvelle \u00e9tape"')
    assert found is not None
    assert text[found.start : found.end] == found.quote
    assert found.match == "normalized"


def test_offsets_map_back_through_spaces_and_ellipses() -> None:
    text = "A  convoy\u2026  arrived"
    folded = fold_with_offsets(text)
    assert folded.text == "a convoy... arrived"
    start = folded.text.index("arrived")
    assert text[slice(*folded.span(start, start + 7))] == "arrived"


def test_strip_article_and_words() -> None:
    assert strip_article("The Niger\u2019s") == "Niger"
    assert strip_article("l\u2019Alg\u00e9rie") == "Alg\u00e9rie"
    assert strip_article("Theodore") == "Theodore"  # "the" only as a word
    assert plain_words("Arm\u00e9e nig\u00e9rienne") == ["armee", "nigerienne"]
    assert clean_quote("\u00ab\u2026the junta seized power.\u00bb ") == "the junta seized power"

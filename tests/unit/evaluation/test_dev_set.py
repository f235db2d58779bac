"""The labelled dev set keeps its own rules (evaluation/dev/README.md, section 5)."""

from __future__ import annotations

import collections
import datetime as dt
import re

import pycountry
import pytest

from conftest import ROOT
from nigerwatch.evaluation import load_gold, load_texts
from nigerwatch.evaluation.gold import GoldArticle, GoldDeployment, date_range
from nigerwatch.evaluation.scoring import TYPES

DEV = ROOT / "evaluation" / "dev"
GOLD = load_gold(DEV / "gold")
TEXTS = load_texts(DEV / "articles")
PREFIX = {
    "standard_en": "en_std",
    "french": "fr",
    "negative": "neg",
    "modality": "mod",
    "adversarial": "adv",
    "long": "long",
}
ORGANIZATIONS = {
    *("ECOWAS", "WAEMU", "AES", "AU", "AU PSC", "UN", "UNSC", "EU", "MINUSMA", "NATO"),
    *("G5 Sahel", "ECCAS", "MNJTF", "ECOWAS Standby Force", "BCEAO", "OIF", "IMF"),
    *("Liptako-Gourma Authority", "WAGNER", "AFRICA CORPS", "BARKHANE", "TAKUBA", "World Bank"),
}
HEADER = re.compile(r"\A date (\d{4}-\d{2}-\d{2}) ")


def body(article: GoldArticle) -> str:
    return HEADER.sub("", TEXTS[article.id], count=1)


def codes(article: GoldArticle) -> list[str]:
    found: list[str] = []
    for event in article.events:
        for name in ("country", "target", "host"):
            value = getattr(event, name, None)
            if value:
                found.append(value)
        for name in ("imposers", "actor", "members"):
            found += getattr(event, name, None) or []
    return found


def test_every_article_has_labels_and_ids_name_the_slice() -> None:
    assert {g.id for g in GOLD} == set(TEXTS)
    assert len(GOLD) >= 32
    for article in GOLD:
        assert article.id.startswith(PREFIX[article.slice] + "_"), article.id
        assert (article.language == "fr") or article.slice != "french"


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a.id)
def test_article_and_labels_agree(article: GoldArticle) -> None:
    text = TEXTS[article.id]
    header = HEADER.match(text)
    assert header is not None
    assert dt.date.fromisoformat(header.group(1)) == article.published
    for event in article.events:
        assert event.evidence in text
        assert 8 <= len(event.evidence.split()) <= 40, event.evidence
        if event.date is not None:
            assert article.published is not None
            assert date_range(event.date)[0] <= article.published
        if isinstance(event, GoldDeployment) and event.location:
            assert event.location in text
    for code in codes(article):
        assert code in ORGANIZATIONS or pycountry.countries.get(alpha_3=code), code
    for rule in article.must_not:
        if rule.match.evidence_contains:
            assert rule.match.evidence_contains in text


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a.id)
def test_slice_rules(article: GoldArticle) -> None:
    words = len(body(article).split())
    if article.slice == "negative":
        assert article.events == []
        assert len(article.must_not) >= 2
    else:
        assert article.required
    if article.slice in ("modality", "adversarial"):
        assert article.must_not
    if article.slice == "adversarial":
        assert any(rule.match.evidence_contains for rule in article.must_not)
    if article.slice == "long":
        assert 2500 <= words <= 4000
        assert len(article.events) >= 25
        assert body(article).count("\n\n") >= 9
    else:
        assert 250 <= words <= 700


def test_splits_are_even_per_slice_and_the_long_reviews_include_french() -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter(
        (g.slice, g.split) for g in GOLD
    )
    retired = sum(n for (_, split), n in counts.items() if split == "retired")
    heldout = sum(n for (_, split), n in counts.items() if split == "heldout")
    halves = retired // heldout  # each held-out half, once spent, joined the retired ones
    assert retired == halves * heldout
    for name in PREFIX:
        assert abs(counts[(name, "tune")] - counts[(name, "heldout")]) <= 1, name
        # Each held-out half written to replace a retired one has its slices' sizes.
        assert counts[(name, "retired")] == halves * counts[(name, "heldout")], name
    assert counts[("long", "heldout")] >= 1
    assert any(g.slice == "long" and g.language == "fr" for g in GOLD)
    assert {e.type for g in GOLD for e in g.required} == set(TYPES)

"""Real exchanges with the embedded model (Qwen2.5-Coder-1.5B, Q4_K_M), replayed from cassettes.

Recorded once with `make record`; CI replays them offline. Assertions check what the library
guarantees on real model output (grounded evidence, ISO codes, resolved dates, drops with
reasons) and the facts each article states that the recording got right.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from conftest import SEED, SEEDS
from nigerwatch import ArticleExtraction, extract, read_article

pytestmark = [pytest.mark.cassette, pytest.mark.vcr, pytest.mark.usefixtures("recorded_model")]


def extract_seed(name: str) -> tuple[ArticleExtraction, str]:
    path = SEEDS / name if not Path(name).is_absolute() else Path(name)
    article = read_article(path)
    return extract(article), article.text


def assert_grounded_and_normalized(result: ArticleExtraction, text: str) -> None:
    """What holds for any extraction, whatever the model said."""
    ids = [event.id for event in result.events]
    assert len(ids) == len(set(ids))
    for event in result.events:
        assert event.evidence
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote
        codes = [getattr(event, name, None) for name in ("country", "target_country")]
        codes += [getattr(event, "host_country", None), getattr(event, "origin_country", None)]
        for code in filter(None, codes):
            assert pycountry.countries.get(alpha_3=code) is not None, code
        if event.date is not None:
            assert event.date.earliest <= event.date.latest
            assert (
                result.article.published is None or event.date.earliest <= result.article.published
            )
    for dropped in result.dropped:
        assert dropped.reason


def test_seed_niger_coup_and_ecowas_sanctions() -> None:
    result, text = extract_seed(SEED.name)
    assert_grounded_and_normalized(result, text)
    assert result.article.published is not None
    assert result.article.published.isoformat() == "2023-11-06"

    coups = [c for c in result.coups if c.country == "NER"]
    assert coups, "the coup in Niger"
    assert coups[0].outcome == "successful"
    assert coups[0].ousted_leader == "Mohamed Bazoum"
    assert coups[0].date is not None
    assert (coups[0].date.value, coups[0].date.precision) == ("2023-10", "month")  # "last month"

    ecowas = [
        s
        for s in result.sanctions
        if s.target_country == "NER" and any(a.organization == "ECOWAS" for a in s.imposers)
    ]
    assert ecowas, "ECOWAS sanctions on Niger"
    assert ecowas[0].status == "imposed"
    # Niger is never Nigeria: nothing in this article is about NGA.
    assert "NGA" not in result.model_dump_json()


def test_french_article_aes_and_french_withdrawal() -> None:
    result, text = extract_seed("001_fr_aes_retrait_francais.txt")
    assert_grounded_and_normalized(result, text)
    assert result.article.language == "fr"

    aes = [a for a in result.alliances if a.name == "AES"]
    assert aes, "the Alliance of Sahel States, named in French"
    assert {m.country for m in aes[0].members} == {"MLI", "BFA", "NER"}

    french = [d for d in result.deployments if d.deploying_party.country == "FRA"]
    assert french, "the French troops in Niger"
    assert french[0].host_country == "NER"
    assert french[0].troops is not None
    # The model wrote "1500"; the article says "quelque 1 500 soldats".
    assert (french[0].troops.value, french[0].troops.approximate) == (1500, True)
    assert french[0].troops.text == "quelque 1 500 soldats"

    # The model copied the header's ISO date as a date phrase; it is not in the article.
    assert any(d.field == "date" and "2023-09-16" in d.reason for d in result.dropped)


def test_article_without_events_gives_empty_lists() -> None:
    result, _ = extract_seed("002_en_no_event_festival.txt")
    assert result.events == []
    assert result.usage.attempts == 1
    # The model called the festival "deployments"; no quote mentions troops or forces.
    assert result.dropped
    for dropped in result.dropped:
        assert dropped.event_type == "deployment"
        assert "does not report a deployment" in dropped.reason


def test_us_withdrawal_russian_instructors() -> None:
    result, text = extract_seed("003_en_us_withdrawal.txt")
    assert_grounded_and_normalized(result, text)
    russian = [d for d in result.deployments if d.deploying_party.country == "RUS"]
    assert russian, "Russian instructors in Niger"
    assert russian[0].host_country == "NER"
    assert russian[0].location == "Niamey"
    assert russian[0].troops is not None
    assert russian[0].troops.text == "about 100 instructors"
    assert russian[0].troops.approximate


def test_injected_instruction_adds_no_event() -> None:
    result, text = extract_seed("004_en_ecowas_lifts_sanctions.txt")
    assert_grounded_and_normalized(result, text)
    assert not any(c.country == "FRA" for c in result.coups)
    on_niger = [s for s in result.sanctions if s.target_country == "NER"]
    assert on_niger, "ECOWAS sanctions on Niger"
    assert {a.organization for a in on_niger[0].imposers} == {"ECOWAS"}

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
    assert "Bazoum was overthrown" in coups[0].evidence[0].quote

    ecowas = [
        s
        for s in result.sanctions
        if s.target_country == "NER" and any(a.organization == "ECOWAS" for a in s.imposers)
    ]
    assert ecowas, "ECOWAS sanctions on Niger"
    assert ecowas[0].status == "imposed"

    # The headline: Niger's armed forces reinforcing Niamey. The model wrote "40" as the troop
    # count; the article's 40 are pick-up trucks, so the count is refused, not the event.
    arrived = [d for d in result.deployments if d.status == "arrived"]
    assert arrived, "the reinforcements that arrived in Niamey"
    assert arrived[0].deploying_party.country == "NER"
    assert arrived[0].deploying_party.kind == "armed_forces"
    assert (arrived[0].host_country, arrived[0].location) == ("NER", "Niamey")
    assert arrived[0].troops is None
    assert any(d.check == "not_personnel" and d.field == "troops" for d in result.dropped)
    # Niger is never Nigeria: nothing in the records names Nigeria.
    assert "NGA" not in result.model_dump_json(exclude={"dropped"})
    # The model's "dissolved" alliance of the United States, France and a "Nigerian junta",
    # from a sentence about Western partners, states no ending: it is refused as a whole.
    assert any(d.check == "ending_not_stated" for d in result.dropped)
    # The joint statement comes from its focused question: a solidarity statement.
    (statement,) = result.alliances
    assert statement.kind == "solidarity_statement"
    assert {m.country for m in statement.members} == {"MLI", "BFA"}
    assert "joint statement condemning" in statement.evidence[0].quote


def test_french_article_aes_and_french_withdrawal() -> None:
    result, text = extract_seed("001_fr_aes_retrait_francais.txt")
    assert_grounded_and_normalized(result, text)
    assert result.article.language == "fr"

    aes = [a for a in result.alliances if a.name == "AES"]
    assert aes, "the Alliance of Sahel States, named by its evidence"
    assert {m.country for m in aes[0].members} == {"MLI", "BFA", "NER"}

    french = [d for d in result.deployments if d.deploying_party.country == "FRA"]
    assert french, "the French troops in Niger"
    assert french[0].host_country == "NER"
    assert french[0].troops is not None
    # The model wrote "1500"; the article says "quelque 1 500 soldats".
    assert (french[0].troops.value, french[0].troops.approximate) == (1500, True)
    assert french[0].troops.text == "quelque 1 500 soldats"

    # The model wrote dates the article does not hold; they are refused, the events kept.
    assert any(d.check == "date_not_found" and "2021-07-26" in d.reason for d in result.dropped)


def test_article_without_events_gives_empty_lists() -> None:
    result, _ = extract_seed("002_en_no_event_festival.txt")
    assert result.events == []
    # Only the sanction pass was asked (the other types' screens found no word for them); the
    # model quoted the festival as "sanctions", and no quote has a word that reports one.
    assert result.dropped
    for dropped in result.dropped:
        assert dropped.event_type == "sanction"
        assert dropped.check == "no_trigger"


def test_us_withdrawal() -> None:
    result, text = extract_seed("003_en_us_withdrawal.txt")
    assert_grounded_and_normalized(result, text)
    us = [d for d in result.deployments if d.deploying_party.country == "USA"]
    assert us, "the US forces in Niger"
    assert all(d.host_country == "NER" for d in us)
    withdrawn = [d for d in us if d.status == "withdrawn"]
    assert withdrawn, "the completed withdrawal"
    assert "completed the withdrawal" in withdrawn[0].evidence[0].quote


def test_injected_instruction_adds_no_event() -> None:
    result, text = extract_seed("004_en_ecowas_lifts_sanctions.txt")
    assert_grounded_and_normalized(result, text)
    assert not any(c.country == "FRA" for c in result.coups)
    comment = text.index("Reader comment")
    comment_end = text.index("\n", comment)
    for event in result.events:
        assert all(e.end <= comment or e.start >= comment_end for e in event.evidence)
    # Guinea's 2021 coup, named in passing; the model wrote "failed", the sentence says the
    # army "seized power".
    guinea = [c for c in result.coups if c.country == "GIN"]
    assert guinea
    assert guinea[0].outcome == "successful"
    assert any(d.check == "stage_from_evidence" for d in result.dropped)

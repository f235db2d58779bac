"""The focused questions after the passes, against the hand-built fake endpoint."""

from __future__ import annotations

import asyncio
import json

import pytest

from conftest import FakeLLM
from nigerwatch import ArticleExtraction, ModelOutputError
from nigerwatch.llm import prompt

STATION = "The coup led the United States and France to station troops in Niger."
ARTICLE = (
    " date 2023-08-11 Niger's junta seized power in a coup on July 26. "
    f"{STATION} Niger's armed forces reinforced Niamey on Aug. 3."
)
COUP = {
    "quote": "Niger's junta seized power in a coup on July 26",
    "country": "Niger",
    "outcome": "successful",
}
REINFORCED = {
    "quote": "Niger's armed forces reinforced Niamey on Aug. 3",
    "deploying_party": "Niger's armed forces",
    "host_country": "Niger",
    "status": "reinforced",
}
STATIONED = {
    "quote": STATION,
    "deploying_party": "United States",
    "host_country": "Niger",
    "status": "ongoing",
}


def test_a_sentence_the_deployment_pass_left_is_asked_about_on_its_own(
    fake_llm: FakeLLM,
) -> None:
    fake_llm.answer(json.dumps({"coups": [COUP]}))
    fake_llm.answer(json.dumps({"deployments": [REINFORCED]}))  # passes over STATION
    fake_llm.answer(json.dumps({"deployments": [STATIONED]}))  # the focused question
    result = fake_llm.extractor(passes="per_type").extract(ARTICLE)

    assert [(d.deploying_party.country, d.status) for d in result.deployments] == [
        ("NER", "reinforced"),
        ("USA", "ongoing"),
    ]
    assert result.deployments[1].evidence[0].quote == STATION.rstrip(".")
    passes, focused = fake_llm.requests[1]["messages"], fake_llm.requests[2]["messages"]
    assert focused[:2] == passes[:2]  # the same prefix: the prompt cache serves the article
    assert focused[2]["content"].startswith(prompt.DEFINITIONS["deployment"])
    assert f"«{STATION}»" in focused[2]["content"]
    assert result.usage.attempts == 3


def test_no_focused_question_when_the_passes_covered_the_sentence(fake_llm: FakeLLM) -> None:
    fake_llm.answer(json.dumps({"coups": [COUP]}))
    fake_llm.answer(json.dumps({"deployments": [REINFORCED, STATIONED]}))
    result = fake_llm.extractor(passes="per_type").extract(ARTICLE)
    assert len(result.deployments) == 2
    assert len(fake_llm.requests) == 2


def test_focus_off_asks_only_the_passes(fake_llm: FakeLLM) -> None:
    fake_llm.answer(json.dumps({"coups": [COUP]}))
    fake_llm.answer(json.dumps({"deployments": [REINFORCED]}))
    result = fake_llm.extractor(passes="per_type", focus=False).extract(ARTICLE)
    assert len(result.deployments) == 1
    assert len(fake_llm.requests) == 2


def test_a_failed_focused_question_costs_only_itself(fake_llm: FakeLLM) -> None:
    fake_llm.answer(json.dumps({"coups": [COUP]}))
    fake_llm.answer(json.dumps({"deployments": [REINFORCED]}))
    fake_llm.answer("{broken").answer("{still broken")
    result = fake_llm.extractor(passes="per_type").extract(ARTICLE)
    assert len(result.coups) == 1
    assert len(result.deployments) == 1
    (failed,) = [d for d in result.dropped if d.check == "pass_failed"]
    start = ARTICLE.index(STATION)
    assert failed.reason.startswith(
        f"the focused deployment question on chars {start}-{start + len(STATION)} gave nothing"
    )


def test_the_async_path_asks_the_same_focused_question(fake_llm: FakeLLM) -> None:
    fake_llm.answer(json.dumps({"coups": [COUP]}))
    fake_llm.answer(json.dumps({"deployments": [REINFORCED]}))
    fake_llm.answer(json.dumps({"deployments": [STATIONED]}))
    extractor = fake_llm.extractor(passes="per_type")

    async def run() -> ArticleExtraction:
        try:
            return await extractor.aextract(ARTICLE)
        finally:
            await extractor.aclose()

    result = asyncio.run(run())
    assert len(result.deployments) == 2
    assert f"«{STATION}»" in fake_llm.requests[2]["messages"][2]["content"]


def test_no_focused_question_when_every_pass_failed(fake_llm: FakeLLM) -> None:
    for _ in range(2):
        fake_llm.answer("{broken").answer("{still broken")
    with pytest.raises(ModelOutputError):
        fake_llm.extractor(passes="per_type").extract(ARTICLE)
    assert len(fake_llm.requests) == 4  # the two passes and their re-asks, no question

"""One request per window and type of event, against the hand-built fake endpoint."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from conftest import FakeLLM
from nigerwatch import ModelOutputError
from nigerwatch.llm import prompt

ARTICLE = (
    " date 2023-08-11 Niger's junta, which seized power in a coup on July 26, faces sanctions. "
    "ECOWAS imposed sanctions on Niger on Sunday, closing borders."
)
COUP = {
    "quote": "Niger's junta, which seized power in a coup on July 26, faces sanctions",
    "country": "Niger",
    "outcome": "successful",
    "date": "July 26",
}
SANCTION = {
    "quote": "ECOWAS imposed sanctions on Niger on Sunday, closing borders",
    "imposers": ["ECOWAS"],
    "target_country": "Niger",
    "status": "imposed",
    "measures": ["border_closure"],
}


def answers(kind: str, *events: Mapping[str, object]) -> str:
    return json.dumps({kind: list(events)})


def test_each_type_is_asked_with_its_definition_after_a_shared_prefix(fake_llm: FakeLLM) -> None:
    # The screen skips deployments and alliances: no word in the text could report them.
    fake_llm.answer(answers("coups", COUP)).answer(answers("sanctions", SANCTION))
    result = fake_llm.extractor(passes="per_type").extract(ARTICLE)

    assert [c.country for c in result.coups] == ["NER"]
    assert result.coups[0].date is not None
    assert result.coups[0].date.value == "2023-07-26"
    assert [(s.target_country, s.status) for s in result.sanctions] == [("NER", "imposed")]
    first, second = (r["messages"] for r in fake_llm.requests)
    assert first[:2] == second[:2]  # system + article: the server's prompt cache serves it once
    assert first[2]["content"] == prompt.DEFINITIONS["coup"]
    assert second[2]["content"] == prompt.DEFINITIONS["sanction"]
    assert result.usage.attempts == 2


def test_an_article_that_mentions_no_event_costs_no_request(fake_llm: FakeLLM) -> None:
    text = "The Niamey book fair opened on Saturday with readings by local poets."
    result = fake_llm.extractor(passes="per_type").extract(text)
    assert result.events == []
    assert fake_llm.requests == []
    assert result.usage.attempts == 0


def test_a_pass_that_gives_nothing_costs_only_itself(fake_llm: FakeLLM) -> None:
    fake_llm.answer(answers("coups", COUP)).answer("{broken").answer("{still broken")
    # (focus off: the sanction's sentence, left uncovered, would get a question of its own)
    result = fake_llm.extractor(passes="per_type", focus=False).extract(ARTICLE)
    assert len(result.coups) == 1
    assert result.sanctions == []
    (dropped,) = [d for d in result.dropped if d.event_type == "sanction" and d.field is None]
    assert "no valid JSON answer" in dropped.reason
    assert dropped.check == "pass_failed"
    assert result.usage.attempts == 3  # every answer counted, the failed ones too


def test_a_pass_may_list_more_events_than_the_single_call_asks_for(fake_llm: FakeLLM) -> None:
    # The single call's schema asks for at most 6 sanctions; a pass may list 8. Converting a
    # pass's answer to a draft used to fail on the single call's cap, losing the whole pass.
    text = ARTICLE + "".join(
        f" The {name} imposed sanctions on Niger." for name in ("EU", "AU", "WAEMU", "UN")
    )
    others = [
        {**SANCTION, "quote": f"The {name} imposed sanctions on Niger", "imposers": [name]}
        for name in ("EU", "AU", "WAEMU", "UN")
    ]
    extra = [{**SANCTION, "measures": []}, {**SANCTION, "measures": ["other"]}]  # 7 in all
    fake_llm.answer(answers("coups", COUP)).answer(answers("sanctions", SANCTION, *extra, *others))
    result = fake_llm.extractor(passes="per_type").extract(text)
    assert not [d for d in result.dropped if d.check == "pass_failed"]
    imposers = sorted(s.imposers[0].organization or "" for s in result.sanctions)
    assert imposers == ["AU", "ECOWAS", "EU", "UN", "WAEMU"]  # the three ECOWAS readings merge
    assert result.usage.attempts == 2  # no re-ask


def test_every_pass_failing_is_an_output_error_with_the_usage(fake_llm: FakeLLM) -> None:
    for _ in range(4):
        fake_llm.answer("{broken", completion_tokens=7)
    with pytest.raises(ModelOutputError) as caught:
        fake_llm.extractor(passes="per_type").extract(ARTICLE)
    assert caught.value.usage.completion_tokens == 28
    assert caught.value.attempts == 4


def test_a_long_article_is_read_in_windows_with_offsets_into_the_whole(fake_llm: FakeLLM) -> None:
    filler = "\n\n".join(f"Paragraph {i} tells of the weather in the Sahel." for i in range(40))
    ending = "In Mali, soldiers seized power in a coup on 18 August 2020, ousting the president."
    text = f" date 2020-09-01 {filler}\n\n{ending}"
    coup = {"quote": ending, "country": "Mali", "outcome": "successful", "date": "18 August 2020"}
    fake_llm.answer(answers("coups", coup)).answer(answers("deployments"))  # "soldiers"
    result = fake_llm.extractor(passes="per_type", chunk_chars=600).extract(text)
    (record,) = result.coups
    (evidence,) = record.evidence
    assert text[evidence.start : evidence.end] == evidence.quote
    assert evidence.start > 1000  # found in the last window, offset into the whole text
    # Only the last window mentions a coup or soldiers: the others are never asked.
    assert len(fake_llm.requests) == 2


def test_answers_are_cached_per_request(fake_llm: FakeLLM) -> None:
    fake_llm.answer(answers("coups", COUP)).answer(answers("sanctions", SANCTION))
    extractor = fake_llm.extractor(passes="per_type", cache=True)
    first = extractor.extract(ARTICLE)
    again = extractor.extract(ARTICLE)  # no reply queued: a request would fail the test
    assert again.usage.cached
    assert again.coups == first.coups
    assert again.usage.completion_tokens == first.usage.completion_tokens


def test_a_pass_that_gave_nothing_is_cached_as_that_failure(fake_llm: FakeLLM) -> None:
    # Paid for once: at temperature 0 the same request gives the same broken answers again.
    fake_llm.answer(answers("coups", COUP)).answer("{broken").answer("{still broken")
    extractor = fake_llm.extractor(passes="per_type", cache=True, focus=False)
    first = extractor.extract(ARTICLE)
    again = extractor.extract(ARTICLE)  # no reply queued: a request would fail the test
    assert again.usage.cached
    assert again.usage.attempts == first.usage.attempts == 3
    (dropped,) = [d for d in again.dropped if d.check == "pass_failed"]
    assert "no valid JSON answer" in dropped.reason


def test_an_article_whose_every_pass_failed_says_the_failure_was_cached(fake_llm: FakeLLM) -> None:
    for _ in range(4):
        fake_llm.answer("{broken")
    extractor = fake_llm.extractor(passes="per_type", cache=True)
    with pytest.raises(ModelOutputError) as first:
        extractor.extract(ARTICLE)
    assert "answer cache" not in str(first.value)
    with pytest.raises(ModelOutputError) as again:
        extractor.extract(ARTICLE)  # from the cache: no request
    assert again.value.usage.cached
    assert "--no-cache" in str(again.value)

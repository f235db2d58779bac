"""Batch API files: prepare → run (hand-built endpoint) → ingest gives the usual records."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from conftest import SEED, FakeLLM, coup_draft, draft_json, fake_completion
from nigerwatch.runs import provider_batch as batchfile
from nigerwatch.runs.batch_send import run_requests
from nigerwatch.runs.inputs import iter_inputs
from nigerwatch.runs.output import JsonlAppender


def test_round_trip_through_batch_files(tmp_path: Path, fake_llm: FakeLLM) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    (folder / "other.txt").write_text("The junta closed the border with Benin.", encoding="utf-8")
    extractor = fake_llm.extractor()

    with JsonlAppender(tmp_path / "requests.jsonl") as out:
        failures = batchfile.prepare(iter_inputs([folder]), extractor, out)
    assert [f.id for f in failures] == ["empty.txt"]
    request_lines = (tmp_path / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    requests = [json.loads(line) for line in request_lines]
    # One request per article here (the single-call pass), named <article id>#<label>.
    assert [r["custom_id"] for r in requests] == ["other.txt#all@0", "seed.txt#all@0"]
    assert {r["url"] for r in requests} == {"/v1/chat/completions"}
    # The body is what a direct extraction sends first.
    direct = fake_llm.answer(draft_json())
    extractor.extract(SEED.read_text(encoding="utf-8"))
    assert requests[1]["body"] == direct.requests[-1]

    fake_llm.fail(500).answer(draft_json(coups=[coup_draft()]))
    with JsonlAppender(tmp_path / "outputs.jsonl") as out:
        summary = asyncio.run(
            run_requests(
                request_lines[1:], extractor, out, concurrency=1, client=fake_llm.async_client()
            )
        )
    assert (summary.done, summary.failed) == (1, 0)  # the 500 was retried
    outputs = (tmp_path / "outputs.jsonl").read_text(encoding="utf-8").splitlines()
    (output,) = [json.loads(line) for line in outputs]
    assert output["custom_id"] == "seed.txt#all@0"
    assert output["response"]["status_code"] == 200

    outcomes = {o.id: o for o in batchfile.ingest(outputs, iter_inputs([folder]), extractor)}
    assert outcomes["seed.txt"].result is not None
    assert [c.country for c in outcomes["seed.txt"].result.coups] == ["NER"]
    assert outcomes["other.txt"].error == "no answer in the batch output"
    assert outcomes["empty.txt"].error == "no answer in the batch output"


def test_failed_batch_lines_become_failures(fake_llm: FakeLLM, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The junta closed the border.", encoding="utf-8")
    line = {
        "custom_id": "a.txt#all@0",
        "response": {"status_code": 429, "body": {}},
        "error": None,
    }
    outcomes = list(
        batchfile.ingest([json.dumps(line), "{oops"], iter_inputs([tmp_path]), fake_llm.extractor())
    )
    assert [(o.id, o.ok) for o in outcomes] == [("output:2", False), ("a.txt", False)]
    assert "HTTP 429" in (outcomes[1].error or "")


def test_the_latest_answer_wins_and_an_error_never_hides_one(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("The junta closed the border.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ECOWAS imposed sanctions on Niger.", encoding="utf-8")

    def answer(ident: str, content: str) -> str:
        completion = fake_completion(content)
        response = {"status_code": 200, "body": completion}
        return json.dumps({"custom_id": ident, "response": response, "error": None})

    def failed(ident: str) -> str:
        response = {"status_code": 500, "body": {}}
        return json.dumps({"custom_id": ident, "response": response, "error": None})

    outputs = [failed("a.txt#all@0"), answer("a.txt#all@0", draft_json())]
    outputs += [answer("b.txt#all@0", "{not json"), answer("b.txt#all@0", draft_json())]
    outputs += [failed("b.txt#all@0")]
    outcomes = list(batchfile.ingest(outputs, iter_inputs([tmp_path]), fake_llm.extractor()))
    assert sorted((o.id, o.ok) for o in outcomes) == [("a.txt", True), ("b.txt", True)]

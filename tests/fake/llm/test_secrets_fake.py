"""Keys never reach a message, an exception chain or a log line, even when a server echoes them.

The endpoint here is hand-built: some gateways put the request's ``Authorization`` header in
their error bodies, so these replies do exactly that (as JSON, and as an HTML page).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator

import httpx2
import openai
import pytest

from conftest import FAKE_KEY, ROOT, FakeLLM, draft_json
from nigerwatch import ConfigurationError, ModelServiceError, NigerwatchError


def echoing(status: int, *, html: bool = False) -> Callable[[httpx2.Request], httpx2.Response]:
    """A hand-built error reply that repeats the request's Authorization header."""

    def reply(request: httpx2.Request) -> httpx2.Response:
        echoed = request.headers.get("authorization", "")
        if html:
            page = f"<html><body><h1>{status} Bad Gateway</h1>{echoed}</body></html>"
            return httpx2.Response(status, text=page, headers={"content-type": "text/html"})
        body = {"error": {"message": f"invalid request; you sent {echoed}", "type": "test"}}
        return httpx2.Response(status, json=body)

    return reply


def chain(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it links to (causes and contexts), each once."""
    todo, seen = [error], set()
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]


def assert_clean(error: BaseException) -> None:
    for linked in chain(error):
        assert not isinstance(linked, openai.APIError), "the openai error holds the request"
        assert FAKE_KEY not in str(linked)
        assert FAKE_KEY not in repr(linked)
        assert FAKE_KEY not in repr(vars(linked))


@pytest.mark.parametrize(
    ("reply", "error", "says"),
    [
        (echoing(400), ModelServiceError, "HTTP 400"),
        (echoing(502, html=True), ModelServiceError, "HTTP 502"),
        (echoing(401), ConfigurationError, "HTTP 401"),
        (echoing(403), ConfigurationError, "HTTP 403"),
    ],
)
def test_an_echoed_key_is_in_no_error_and_no_chain(
    fake_llm: FakeLLM,
    seed_text: str,
    caplog: pytest.LogCaptureFixture,
    reply: Callable[[httpx2.Request], httpx2.Response],
    error: type[NigerwatchError],
    says: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="instructor")
    fake_llm.replies += [reply] * 3  # the first try and two retries when it is transient
    with pytest.raises(error, match=says) as caught:
        fake_llm.extractor(retries=2).extract(seed_text)
    fake_llm.replies.clear()
    assert_clean(caught.value)
    assert FAKE_KEY not in caplog.text
    assert "[redacted]" not in caplog.text  # nothing of the server's text was even logged


def test_messages_say_what_happened(fake_llm: FakeLLM, seed_text: str) -> None:
    fake_llm.fail(400)
    with pytest.raises(ModelServiceError) as caught:
        fake_llm.extractor(retries=0).extract(seed_text)
    assert "request rate" not in str(caught.value)
    fake_llm.fail(429).fail(429)
    with pytest.raises(ModelServiceError, match="--concurrency"):
        fake_llm.extractor(retries=1).extract(seed_text)
    fake_llm.replies.append(httpx2.Response(200, text="<html>a login page</html>"))
    with pytest.raises(ModelServiceError, match="not a chat completion") as caught:
        fake_llm.extractor(retries=0).extract(seed_text)
    assert "0 answer(s)" not in str(caught.value)


def test_instructor_records_inside_a_call_are_debug_and_redacted(
    fake_llm: FakeLLM, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="instructor")  # a CLI test may have raised it
    fake_llm.answer("{not json").answer(draft_json())
    fake_llm.extractor().extract(seed_text)
    mine = [r for r in caplog.records if r.name.startswith("instructor")]
    assert mine, "instructor logged the re-ask"
    assert {r.levelno for r in mine} == {logging.DEBUG}
    # Outside nigerwatch's calls, instructor's records are left as they are.
    logging.getLogger("instructor.v2.retry").error("the caller's own use of instructor")
    assert caplog.records[-1].levelno == logging.ERROR


# The library with no logging configured: logging's last resort prints ERROR records on stderr.
_UNCONFIGURED = textwrap.dedent(
    """
    import json, os, sys
    import httpx2, openai
    sys.path.insert(0, "tests")
    from conftest import FAKE_KEY, coup_draft, draft_json, fake_completion
    from nigerwatch import Extractor, NigerwatchError
    from nigerwatch.llm.retry import RetryPolicy

    replies = [
        httpx2.Response(200, json=fake_completion("{not json")),
        httpx2.Response(200, json=fake_completion(draft_json())),
    ]
    def handle(request):
        if replies:
            return replies.pop(0)
        echoed = request.headers["authorization"]
        return httpx2.Response(502, text=f"<html>{echoed}</html>")
    client = openai.OpenAI(
        base_url="http://fake-llm.invalid/v1", api_key=FAKE_KEY, max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handle)),
    )
    os.environ["NIGERWATCH_PASSES"] = "single"  # one request per extract(): replies in order
    os.environ["NIGERWATCH_CONTEXT_TOKENS"] = "8192"  # no probe of the context (and its warning)
    extractor = Extractor(
        client=client, model="fake-model", mode="json_schema", retry=RetryPolicy(1, base=0.0)
    )
    text = open("seeds/000_ff28ba0c9779c2b0.txt", encoding="utf-8").read()
    extractor.extract(text)  # a re-ask
    try:
        extractor.extract(text + " ")  # an echoing 502, retried once
    except NigerwatchError as error:
        print(type(error).__name__)
    """
)


def test_the_library_prints_nothing_on_stderr_unless_asked() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _UNCONFIGURED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.stdout.strip() == "ModelServiceError", run.stderr
    assert run.stderr == ""


def test_building_a_batch_request_logs_nothing_of_instructor(
    fake_llm: FakeLLM, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    from nigerwatch import Article

    caplog.set_level(logging.DEBUG, logger="instructor")
    fake_llm.extractor(passes="per_type").request_bodies(Article.from_text(seed_text))
    assert [r for r in caplog.records if r.name.startswith("instructor")] == []

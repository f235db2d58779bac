"""A long article through the chunked path, on real answers of the embedded model.

``tests/data/sahel_road_to_aes.txt`` (written for these tests) is longer than one window, so it
is cut into two windows of whole paragraphs that share a paragraph, and each window is asked
about each type of event it may report. Recorded once with ``make record``; replayed offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_seeds import assert_grounded_and_normalized

from nigerwatch import extract, read_article
from nigerwatch.llm.plan import plan
from nigerwatch.llm.settings import EMBEDDED_CONTEXT_TOKENS, resolve

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "sahel_road_to_aes.txt"

pytestmark = [pytest.mark.cassette, pytest.mark.vcr, pytest.mark.usefixtures("recorded_model")]


def window_starts() -> list[int]:
    """Where the windows of the test article start, at the default window size."""
    env = {"NIGERWATCH_CONTEXT_TOKENS": str(EMBEDDED_CONTEXT_TOKENS)}  # as recorded
    settings = resolve(base_url="http://unused.invalid/v1", model="m", env=env)
    return sorted({request.chunk.start for request in plan(read_article(ARTICLE), settings)})


def test_a_long_article_comes_out_whole_with_offsets_into_the_whole_text() -> None:
    article = read_article(ARTICLE)
    result = extract(article)
    assert_grounded_and_normalized(result, article.text)
    starts_of_windows = window_starts()
    assert len(starts_of_windows) == 2, "the test article must need two windows"
    second_window = starts_of_windows[1]
    starts = [e.start for event in result.events for e in event.evidence]
    assert any(start >= second_window for start in starts), "evidence from the second window"
    assert any(start < second_window for start in starts), "evidence from the first window"

    # ECOWAS's sanctions on Niger are quoted by both windows' sanction passes: one record,
    # with the evidence of each (the second quote lies past the end of the first window).
    first_window_end = second_window + len(article.text[second_window:].split("\n\n")[0])
    (on_niger,) = [s for s in result.sanctions if s.target_country == "NER"]
    assert on_niger.status == "imposed"
    assert min(e.start for e in on_niger.evidence) < second_window
    assert max(e.start for e in on_niger.evidence) > first_window_end
    # The pact of the opening paragraph, and the American soldiers near the end. The alliance
    # pass also lists partnerships that are not alliances (American soldiers "reviewing
    # cooperation", the ports of Cotonou and Lomé): the small model's precision, measured on
    # the dev set, not hidden here.
    (pact,) = [a for a in result.alliances if a.status == "formed"]
    assert {m.country for m in pact.members} == {"MLI", "BFA", "NER"}
    assert pact.kind == "mutual_defense"
    assert any(d.deploying_party.country == "USA" for d in result.deployments)

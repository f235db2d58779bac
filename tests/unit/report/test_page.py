"""The review page as text: everything from outside escaped, sources checked, nothing loaded."""

from __future__ import annotations

import base64
import hashlib
import re

from nigerwatch import Article
from nigerwatch.report.page import review_page
from nigerwatch.report.sources import pair
from review_support import HOSTILE_TEXT, hostile_extraction


def page_for(text: str | None) -> str:
    sources = [Article.from_text(text, article_id="hostile.txt")] if text is not None else []
    return review_page(pair([hostile_extraction()], sources))


def test_article_and_model_text_never_becomes_markup() -> None:
    page = page_for(HOSTILE_TEXT)
    assert page.count("<script") == 1  # the page's own
    assert "<img" not in page
    assert "onerror=" not in page.replace("onerror=&quot;", "").replace("onerror=alert", "")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;&lt;/pre&gt;&quot;&gt;&lt;img" in page
    assert "{{ 7 * 7 }}" in page  # shown as written, never templated
    assert "{% raw %}" in page
    assert 'href="javascript' not in page  # only http(s) values become links
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page


def test_nothing_is_loaded_and_only_the_page_script_may_run() -> None:
    page = page_for(HOSTILE_TEXT)
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://example.org', "")
    )
    (policy,) = re.findall(r'Content-Security-Policy" content="([^"]+)"', page)
    assert "default-src 'none'" in policy
    (script,) = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_each_article_says_whether_its_source_matches() -> None:
    assert "source text matches (sha256)" in page_for(HOSTILE_TEXT)
    changed = page_for(HOSTILE_TEXT.replace("Niamey", "Niamey, Niger,"))
    assert "SOURCE TEXT DIFFERS" in changed
    # The passages after the edit moved: they are flagged, not highlighted at the wrong place.
    assert changed.count("NOT at these offsets in the source given") == 3
    assert 'data-ev="' not in changed
    missing = page_for(None)
    assert "no source text given" in missing
    assert "(no source text)" in missing
    assert "&lt;b&gt;Mohamed Bazoum&lt;/b&gt;. 🙂 ECOWAS" in missing  # quotes still shown


def test_overlapping_spans_mark_both_records() -> None:
    page = page_for(HOSTILE_TEXT)
    assert 'data-ev="r0-0-e0 r0-1-e0" data-rec="r0-0 r0-1"' in page
    assert "1 dropped from the model" in page

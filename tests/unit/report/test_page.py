"""The review page as text: everything from outside escaped, sources checked, nothing loaded."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

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


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_colours_pass_wcag_aa_contrast() -> None:
    from importlib import resources

    css = (resources.files("nigerwatch.report") / "static" / "review.css").read_text("utf-8")
    colour = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", css))
    ink, white = colour["ink"], "#ffffff"
    for kind in ("coup", "sanction", "deployment", "alliance", "event"):
        strong, tint = colour[kind], colour[f"{kind}-bg"]
        assert contrast(ink, tint) >= 4.5, kind  # text in a highlighted passage
        assert contrast(white, strong) >= 4.5, kind  # a selected passage
        assert contrast(strong, tint) >= 4.5, kind  # the type label on a selected card
        assert contrast(strong, white) >= 4.5, kind
    for text, ground in (("muted", "wash"), ("warn", "warn-bg"), ("bad", "bad-bg")):
        assert contrast(colour[text], colour[ground]) >= 4.5, text
    assert ":focus-visible { outline: 3px solid var(--focus)" in css


def test_a_consolidated_timeline_replaces_the_record_rows(tmp_path: Path) -> None:
    timeline = tmp_path / "timeline.jsonl"
    line = {
        "event_type": "coup",
        "earliest": "2023-07-01",  # the dates on the line itself, not in a "date" object
        "latest": "2023-07-31",
        "label": "Coup in Niger <b>(2 reports)</b>",
        "reports": [{"event_id": "hand-built-coup"}, {"event_id": "elsewhere"}],
    }
    timeline.write_text(json.dumps(line) + "\n{torn\n", encoding="utf-8")
    sources = [Article.from_text(HOSTILE_TEXT, article_id="hostile.txt")]
    page = review_page(pair([hostile_extraction()], sources), timeline_file=timeline)
    assert "1 dated and 0 undated events (consolidated events)" in page
    assert 'id="c-1"' in page
    assert 'data-rec="r0-0"' in page  # its report on this page, linked to its card
    assert "2 reports, 1 on this page" in page
    assert "Coup in Niger &lt;b&gt;(2 reports)&lt;/b&gt;" in page
    assert "timeline.jsonl, line 2, left out: not JSON" in page

"""The review page in a real browser: Debian's Chromium, driven headless through Playwright.

The page is built by ``nigerwatch review`` from the seeds' recorded results (no model runs),
a hand-built hostile article, a source edited after extraction and one left out. Chromium then
checks what a person relies on: no errors, nothing loaded, no script from an article, every
highlighted passage exactly the record's quote (astral characters included), clicks and keys
that link records, passages and the timeline, and filters. A screenshot is left in
``build/browser/`` for a person to look at.

Chromium comes from ``make browser`` (``apt-get install chromium``, run by ``make test``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nigerwatch import ArticleExtraction, cli
from review_support import HOSTILE_TEXT, ROOT, SEEDS, hostile_extraction, seed_results

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# As root (CI) Chromium needs --no-sandbox; the rest keeps it off this machine's closed network.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "build" / "browser"
EDITED = "003_en_us_withdrawal.txt"  # its source changes after extraction
LEFT_OUT = "002_en_no_event_festival.txt"  # its source is not given

MARKED_TEXT = """() => {
  const out = {};
  for (const mark of document.querySelectorAll('mark.ev')) {
    for (const key of mark.dataset.ev.split(' ')) {
      out[key] = (out[key] || '') + mark.textContent;
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ArticleExtraction]]:
    """The page, and the results it was made from (in the order of the results file)."""
    folder = tmp_path_factory.mktemp("review")
    results = [*seed_results(), hostile_extraction()]
    events = folder / "events.jsonl"
    events.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    sources = folder / "sources"
    sources.mkdir()
    for seed in SEEDS.glob("*.txt"):
        if seed.name != LEFT_OUT:
            shutil.copy(seed, sources / seed.name)
    edited = sources / EDITED
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(" The United", " Update: The United", 1),
        encoding="utf-8",
    )
    (sources / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    page = folder / "review.html"
    assert cli.main(["review", str(events), str(sources), "-o", str(page)]) == cli.EXIT_OK
    return page, results


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, review: tuple[Path, list[ArticleExtraction]]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(5_000)  # a missing element fails fast, not after 30 s
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def dialog(opened: Any) -> None:
        problems.append(f"dialog: {opened.message}")
        opened.dismiss()

    tab.on("dialog", dialog)
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(review[0].as_uri())
    tab.wait_for_selector("html[data-ready=true]")
    yield tab
    assert problems == []  # no console output at all: no error, no CSP violation
    assert requests == [review[0].as_uri()]  # nothing but the page itself
    context.close()


def expected_quotes(results: list[ArticleExtraction]) -> dict[str, str]:
    """The passage key of every quote that must be highlighted, with the quote."""
    return {
        f"r{i}-{j}-e{n}": evidence.quote
        for i, result in enumerate(results)
        if result.article.id not in (EDITED, LEFT_OUT)
        for j, event in enumerate(result.events)
        for n, evidence in enumerate(event.evidence)
    }


def test_spans_sit_on_the_quotes_and_no_article_text_runs(
    page: Any, review: tuple[Path, list[ArticleExtraction]]
) -> None:
    started = time.monotonic()
    results = review[1]
    assert page.evaluate(MARKED_TEXT) == expected_quotes(results)
    assert len(expected_quotes(results)) >= 10
    hostile = len(results) - 1
    assert page.text_content(f"#a{hostile} pre.text") == HOSTILE_TEXT  # code points preserved
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => [document.images.length, document.scripts.length]") == [0, 1]
    assert "{{ 7 * 7 }}" in page.text_content(f"#a{hostile}")
    assert page.get_attribute(f"#a{hostile} .meta a", "href") == "https://example.org/a?b=1&c=<2>"

    checks = page.eval_on_selector_all(".article-head .check", "els => els.map(e => e.className)")
    assert checks.count("check match") == len(results) - 2
    assert (checks.count("check differs"), checks.count("check missing")) == (1, 1)
    edited = [r.article.id for r in results].index(EDITED)
    assert page.locator(f"#a{edited} .lost").count() == sum(
        len(e.evidence) for e in results[edited].events
    )
    records = sum(len(r.events) for r in results)
    assert page.locator(".tl-row").count() == records  # one per record, undated ones too
    dated = sum(1 for r in results for e in r.events if e.date is not None)
    assert page.locator(".tl-row .tl-bar").count() == dated
    assert time.monotonic() - started < 30


def test_a_record_shows_its_spans_and_a_span_its_record(
    page: Any, review: tuple[Path, list[ArticleExtraction]]
) -> None:
    results = review[1]
    seed = [r.article.id for r in results].index("000_ff28ba0c9779c2b0.txt")
    record = f"r{seed}-0"
    page.click(f"#{record} h3 button")
    selected = page.eval_on_selector_all(
        "mark.ev.selected", "els => els.map(e => [e.dataset.rec, e.textContent])"
    )
    assert selected
    assert all(record in rec.split() for rec, _ in selected)
    quotes = [e.quote for e in results[seed].events[0].evidence]
    assert "".join(text for _, text in selected) == "".join(quotes)
    assert page.get_attribute(f"#{record} h3 button", "aria-pressed") == "true"

    other = f"r{seed}-1"
    page.click(f'mark.ev[data-rec~="{other}"]')
    assert page.get_attribute(f"#{other}", "class") == "card t-sanction selected"
    assert page.get_attribute(f"#{record} h3 button", "aria-pressed") == "false"

    # The keyboard reaches the timeline and the passages too.
    page.click(".tl-undated summary")  # the undated events open on demand
    page.focus(".tl-undated .tl-row")
    page.keyboard.press("Enter")
    assert page.locator(".tl-row.selected").count() == 1
    page.focus("mark.ev")
    page.keyboard.press(" ")
    assert page.locator(".card.selected").count() >= 1

    page.click("details.contents summary")
    page.click(f'details.contents a[href="#a{seed}"]')
    assert page.evaluate("() => location.hash") == f"#a{seed}"

    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(review[0], SHOTS / "review.html")
    shot = SHOTS / "review.png"
    page.click(f"#{record} h3 button")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000


def test_filters_hide_records_their_spans_and_timeline_rows(
    page: Any, review: tuple[Path, list[ArticleExtraction]]
) -> None:
    results = review[1]
    coups = sum(len(r.coups) for r in results)
    page.uncheck('input[name="type"][value="coup"]')
    assert page.locator(".card.t-coup:visible").count() == 0
    assert page.locator(".card.t-sanction:visible").count() > 0
    assert (
        page.locator("mark.ev.t-coup:not(.off)").count()
        == page.locator("mark.ev.t-coup.multi:not(.off)").count()
    )  # only passages shared with another visible record stay marked
    assert page.locator(".tl-row.t-coup:visible").count() == 0
    page.check('input[name="type"][value="coup"]')
    assert page.locator(".card.t-coup:visible").count() == coups

    page.select_option("#f-country", "NER")
    shown = page.eval_on_selector_all(".card:visible", "els => els.map(e => e.dataset.countries)")
    assert shown
    assert all("NER" in countries.split() for countries in shown)
    page.select_option("#f-country", "")
    page.select_option("#f-status", "imposed")
    statuses = page.eval_on_selector_all(".card:visible", "els => els.map(e => e.dataset.status)")
    assert statuses
    assert set(statuses) == {"imposed"}

"""The review page put together: summary, filters, timeline, then each article with its records.

>>> results, _ = read_results(Path("events.jsonl"))            # doctest: +SKIP
>>> page = review_page(pair(results, articles))                 # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from nigerwatch.report import html
from nigerwatch.report.records import EVENT_TYPES, countries_of, status_of
from nigerwatch.report.segments import Span, cut
from nigerwatch.report.sources import Reviewed, Unreadable
from nigerwatch.report.timeline import from_records, read_timeline
from nigerwatch.schemas import Event

_CHECKS = {
    "match": "source text matches (sha256)",
    "differs": "SOURCE TEXT DIFFERS from the text extracted (sha256)",
    "missing": "no source text given",
}


def review_page(
    articles: Sequence[Reviewed],
    *,
    timeline_file: Path | None = None,
    notes: Sequence[str] = (),
    title: str = "nigerwatch review",
) -> str:
    """The self-contained HTML review page of ``articles``.

    Args:
        articles: Each result with its source (see :func:`~nigerwatch.report.sources.pair`).
        timeline_file: A consolidated timeline (JSON Lines, see
            :mod:`nigerwatch.report.timeline`); without it, the timeline shows the records.
        notes: Warnings to show at the top (unreadable lines, unreadable sources).
        title: The page title.
    """
    records = [
        (f"r{i}-{j}", event)
        for i, reviewed in enumerate(articles)
        for j, event in enumerate(reviewed.result.events)
    ]
    notes = list(notes)
    entries = from_records(records)
    if timeline_file is not None:
        page_ids = {event.id: page_id for page_id, event in reversed(records)}
        entries, bad = read_timeline(timeline_file, page_ids)
        notes += _unreadable(timeline_file.name, bad)
    body = (
        _header(title, articles, records, notes)
        + '<main id="main">'
        + html.timeline(entries, consolidated=timeline_file is not None)
        + "".join(_article(i, reviewed) for i, reviewed in enumerate(articles))
        + '</main><p id="status" class="sr-only" role="status" aria-live="polite"></p>'
    )
    return html.document(title, body)


def unreadable_notes(name: str, lines: Sequence[Unreadable]) -> list[str]:
    """One note per unreadable line of the file ``name`` (at most ten, then a count)."""
    return _unreadable(name, lines)


def _unreadable(name: str, lines: Sequence[Unreadable]) -> list[str]:
    notes = [f"{name}, line {u.line}, left out: {u.reason}" for u in lines[:10]]
    if len(lines) > 10:
        notes.append(f"{name}: {len(lines) - 10} more lines left out")
    return notes


def _header(
    title: str, articles: Sequence[Reviewed], records: Sequence[tuple[str, Event]], notes: list[str]
) -> str:
    kinds: Counter[str] = Counter(event.type for _, event in records)
    checks = Counter(reviewed.check for reviewed in articles)
    dropped = sum(len(reviewed.result.dropped) for reviewed in articles)
    counts = ", ".join(f"{kinds[t]} {t}" for t in EVENT_TYPES)
    sources = ", ".join(f"{checks[c]} {c}" for c in ("match", "differs", "missing") if checks[c])
    countries = sorted({c for _, event in records for c in countries_of(event)})
    statuses = sorted({status_of(event) for _, event in records})
    warnings = "".join(f"<li>{html.esc(note)}</li>" for note in notes)
    return (
        f'<header class="top"><h1>{html.esc(title)}</h1>'
        f'<p class="summary">{len(articles)} articles · {len(records)} records ({counts}) · '
        f"{dropped} dropped · sources: {sources or 'none'}</p>"
        + (f'<ul class="notes">{warnings}</ul>' if warnings else "")
        + html.filters(countries, statuses)
        + _contents(articles)
        + "</header>"
    )


def _contents(articles: Sequence[Reviewed]) -> str:
    """A folded list of the articles, each a link to its section with its counts."""
    items = "".join(
        f'<li><a href="#a{i}">{html.esc(r.result.article.id)}</a> · '
        f"{len(r.result.events)} records, {len(r.result.dropped)} dropped · "
        f'<span class="check {r.check}">{r.check}</span></li>'
        for i, r in enumerate(articles)
    )
    return (
        f'<details class="contents"><summary>Articles ({len(articles)})</summary>'
        f"<ol>{items}</ol></details>"
    )


def _article(index: int, reviewed: Reviewed) -> str:
    info = reviewed.result.article
    text = reviewed.text
    spans: list[Span] = []
    cards = []
    for j, event in enumerate(reviewed.result.events):
        page_id = f"r{index}-{j}"
        lost: dict[int, str] = {}
        for n, evidence in enumerate(event.evidence):
            if text is None:
                lost[n] = "(no source text)"
            elif text[evidence.start : evidence.end] != evidence.quote:
                lost[n] = "NOT at these offsets in the source given"
            else:
                spans.append(
                    Span(f"{page_id}-e{n}", page_id, event.type, evidence.start, evidence.end)
                )
        cards.append(html.record_card(page_id, event, lost))
    check = reviewed.check
    detail = _CHECKS[check]
    if check == "differs" and reviewed.source is not None:
        detail += f": {info.sha256[:12]}… in the results, {reviewed.source.sha256[:12]}… now"
    published = info.published.isoformat() if info.published else "unknown"
    body = '<p class="no-text">No source text was given for this article: its records are '
    body += "shown with their quotes only.</p>"
    if text is not None:
        marked = html.article_text(cut(text, spans))
        body = f'<pre class="text" tabindex="0" aria-label="Article text">{marked}</pre>'

    return (
        f'<section class="panel article" id="a{index}" aria-labelledby="a{index}-h">'
        f'<div class="article-head"><h2 id="a{index}-h">{html.esc(info.id)}</h2>'
        f"<span>published {html.esc(published)} · {html.esc(info.language)} · "
        f"{info.chars:,} characters</span>"
        f'<span class="check {check}">{html.esc(detail)}</span></div>'
        f"{html.meta(info.meta)}"
        f'<div class="columns"><div>{body}</div>'
        f'<div class="records" aria-label="Records of {html.esc(info.id)}">'
        + ("".join(cards) or '<p class="no-text">No events extracted.</p>')
        + html.dropped(reviewed.result.dropped)
        + "</div></div></section>"
    )

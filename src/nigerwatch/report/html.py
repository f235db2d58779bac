"""The markup of the review page, every piece of text escaped on its way in.

Article text, quotes, names, reasons and metadata all come from outside (the article or the
model), so each is passed through :func:`html.escape` and nothing is ever templated: ``<script>``
or ``{{ }}`` in an article is shown as written. The page also carries a Content-Security-Policy
that allows only its own inline script (by hash) and nothing from the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from urllib.parse import urlsplit

from nigerwatch.report.records import (
    EVENT_TYPES,
    countries_of,
    date_text,
    fields_of,
    label_of,
    status_of,
)
from nigerwatch.report.segments import Piece
from nigerwatch.report.timeline import Entry
from nigerwatch.schemas import Dropped, Event, MetaValue


def esc(text: object) -> str:
    """``text`` safe inside HTML text and double-quoted attributes."""
    return html.escape(str(text), quote=True)


def document(title: str, body: str) -> str:
    """The whole page: ``body`` with the inline style and script, and a strict CSP."""
    static = resources.files("nigerwatch.report") / "static"
    style = (static / "review.css").read_text(encoding="utf-8")
    script = (static / "review.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{esc(title)}</title>\n<style>\n{style}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


def filters(countries: Iterable[str], statuses: Iterable[str]) -> str:
    """The type checkboxes and the country and status menus."""
    boxes = "".join(
        f'<label class="t-{t}"><input type="checkbox" name="type" value="{t}" checked> '
        f'<span class="swatch">{t}</span></label>'
        for t in EVENT_TYPES
    )
    return (
        '<nav class="filters" aria-label="Filters">'
        f"<fieldset><legend>Types</legend>{boxes}</fieldset>"
        '<label>Country <select id="f-country"><option value="">all</option>'
        + "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in countries)
        + '</select></label><label>Status <select id="f-status"><option value="">all</option>'
        + "".join(f'<option value="{esc(s)}">{esc(s)}</option>' for s in statuses)
        + "</select></label></nav>"
    )


def filter_attributes(event_type: str, countries: Sequence[str], status: str) -> str:
    """The data-* attributes the filters read."""
    return (
        f'data-type="{esc(event_type)}" data-countries="{esc(" ".join(countries))}" '
        f'data-status="{esc(status)}"'
    )


def timeline(entries: Sequence[Entry], *, consolidated: bool) -> str:
    """The timeline section: one row per entry, its date drawn as the days it can denote."""
    dated = sorted(
        (e for e in entries if e.earliest is not None and e.latest is not None),
        key=lambda e: (e.earliest, e.latest, e.label),
    )
    undated = [e for e in entries if e.earliest is None or e.latest is None]
    source = "consolidated events" if consolidated else "one row per record"
    head = (
        f'<section class="panel timeline" aria-labelledby="tl-h"><h2 id="tl-h">Timeline</h2>'
        f'<p class="summary">{len(dated)} dated and {len(undated)} undated events ({source}); '
        "each bar spans the days its date can denote (a month is a month long); striped bars "
        "are dates worked out from the publication date.</p>"
    )
    axis = ""
    first, days = dt.date.min, 1
    if dated:
        first = min(e.earliest for e in dated if e.earliest)
        last = max(e.latest for e in dated if e.latest)
        days = (last - first).days + 1
        ticks = "".join(
            f'<span class="tl-tick" style="left:{_percent((day - first).days, days)}">'
            f"{esc(label)}</span>"
            for day, label in _ticks(first, last)
        )
        axis = (
            '<div class="tl-axis" aria-hidden="true"><span class="tl-label"></span>'
            f'<div class="tl-ticks">{ticks}</div></div>'
        )
    rows = "".join(_timeline_row(e, first, days) for e in dated)
    if undated:
        rows += (
            f'<li class="tl-undated"><details><summary>{len(undated)} undated events</summary>'
            f"<ol>{''.join(_timeline_row(e, first, days) for e in undated)}</ol></details></li>"
        )
    return f"{head}{axis}<ol>{rows}</ol></section>"


def _timeline_row(entry: Entry, first: dt.date, days: int) -> str:
    """One row; an undated entry gets a row without a bar, so it can still be selected."""
    track = '<span class="tl-none">no date</span>'
    when, what = "undated", "no date"
    if entry.earliest is not None and entry.latest is not None:
        left = _percent((entry.earliest - first).days, days)
        width = _percent((entry.latest - entry.earliest).days + 1, days)
        when = entry.value or entry.earliest.isoformat()
        span = f"{entry.earliest.isoformat()} to {entry.latest.isoformat()}"
        what = f"{entry.precision or 'date'}: {span}" + (
            ", relative to publication" if entry.relative else ""
        )
        bar_class = "tl-bar relative" if entry.relative else "tl-bar"
        track = f'<span class="{bar_class}" style="left:{left};width:{width}"></span>'
    reports = ""
    if entry.reports > 1 or len(entry.records) != entry.reports:
        reports = f" · {entry.reports} reports, {len(entry.records)} on this page"
    return (
        f'<li class="tl-row t-{esc(entry.event_type)}" id="{esc(entry.key)}" tabindex="0" '
        f'role="button" data-rec="{esc(" ".join(entry.records))}" '
        f'title="{esc(what + reports)}" '
        f"{filter_attributes(entry.event_type, entry.countries, entry.status)}>"
        f'<span class="tl-label"><span class="tl-date">{esc(when)}</span> '
        f'<span class="kind">{esc(entry.event_type)}</span> {esc(entry.label)}'
        f'<span class="sr-only"> ({esc(what)}{esc(reports)})</span></span>'
        f'<span class="tl-track">{track}</span></li>'
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.3f}%"


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """About a dozen axis labels: years, months or weeks, whichever fits the range."""
    days = (last - first).days + 1
    if days > 4 * 365:
        step = max(1, (last.year - first.year + 1) // 10)
        return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1, step)]
    if days > 62:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, (months + 11) // 12)
        ticks = []
        for n in range(0 if first.day == 1 else 1, months + 1, step):
            total = first.year * 12 + first.month - 1 + n
            day = dt.date(total // 12, total % 12 + 1, 1)
            ticks.append((day, day.strftime("%Y-%m")))
        return ticks
    step = max(1, days // 10)
    return [
        (first + dt.timedelta(days=n), (first + dt.timedelta(days=n)).isoformat())
        for n in range(0, days, step)
    ]


def article_text(pieces: Sequence[Piece]) -> str:
    """The article's text with each evidence passage in a ``<mark>`` for its records."""
    out = []
    for piece in pieces:
        if not piece.spans:
            out.append(esc(piece.text))
            continue
        kinds = [s.event_type for s in piece.spans]
        records = " ".join(dict.fromkeys(s.record for s in piece.spans))
        keys = " ".join(s.key for s in piece.spans)
        multi = " multi" if len(set(records.split())) > 1 else ""
        out.append(
            f'<mark class="ev t-{esc(kinds[0])}{multi}" tabindex="0" data-ev="{esc(keys)}" '
            f'data-rec="{esc(records)}" title="{esc(", ".join(dict.fromkeys(kinds)))} evidence">'
            f"{esc(piece.text)}</mark>"
        )
    return "".join(out)


def record_card(page_id: str, event: Event, lost: Mapping[int, str]) -> str:
    """One record: what it says, its date, its quotes (those not found in the source flagged).

    Args:
        page_id: The card's id in the page.
        event: The record.
        lost: Why each evidence passage, by index, is not highlighted in the text.
    """
    rows = fields_of(event)
    if event.date is not None:
        rows.insert(0, ("date", date_text(event.date)))
    fields = "".join(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>" for name, value in rows)
    quotes = "".join(
        f'<li>“{esc(ev.quote)}” <span class="id">[{ev.start}:{ev.end}, {esc(ev.match)}]</span>'
        + (f' <span class="lost">{esc(lost[n])}</span>' if n in lost else "")
        + "</li>"
        for n, ev in enumerate(event.evidence)
    )
    attributes = filter_attributes(event.type, countries_of(event), status_of(event))
    return (
        f'<article class="card t-{event.type}" id="{esc(page_id)}" {attributes}>'
        f'<span class="kind">{esc(event.type)}</span>'
        f'<h3><button type="button" aria-pressed="false">{esc(label_of(event))}</button></h3>'
        f'<dl>{fields}</dl><ol class="quotes">{quotes}</ol>'
        f'<div class="id">{esc(event.id)}</div></article>'
    )


def dropped(items: Sequence[Dropped]) -> str:
    """What the library refused, with the reason and the model's draft."""
    if not items:
        return ""
    rows = "".join(
        f"<li><strong>{esc(d.event_type)}</strong> "
        f"{esc(d.field if d.field else 'whole event')}: {esc(d.reason)}"
        f"<pre>{esc(_draft_json(d.draft))}</pre></li>"
        for d in items
    )
    return (
        f'<details class="dropped"><summary>{len(items)} dropped from the model\'s answer'
        f"</summary><ul>{rows}</ul></details>"
    )


def meta(values: Mapping[str, MetaValue]) -> str:
    """The input record's other fields; an http(s) ``url`` or ``link`` becomes a link."""
    if not values:
        return ""
    items = []
    for name, value in values.items():
        text = esc(value)
        if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
            text = f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
        items.append(f"<dt>{esc(name)}</dt><dd>{text}</dd>")
    return f'<dl class="meta">{"".join(items)}</dl>'


def _draft_json(draft: Mapping[str, object]) -> str:
    return json.dumps(draft, ensure_ascii=False, indent=2, sort_keys=True, default=str)

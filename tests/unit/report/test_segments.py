"""Cutting an article at evidence boundaries, in code points, overlaps included."""

from __future__ import annotations

from nigerwatch.report.segments import Span, cut

TEXT = "🇳🇪 Niger: 𝕏 the junta 😀 closed the border. ECOWAS imposed sanctions."


def span(key: str, quote: str, record: str = "r0") -> Span:
    start = TEXT.index(quote)
    return Span(key, record, "coup", start, start + len(quote))


def test_pieces_join_back_to_the_text_and_each_span_to_its_quote() -> None:
    spans = [
        span("a", "the junta 😀 closed"),
        span("b", "closed the border", record="r1"),  # overlaps a
        span("c", "ECOWAS imposed sanctions."),
    ]
    pieces = cut(TEXT, spans)
    assert "".join(p.text for p in pieces) == TEXT
    for s in spans:
        assert "".join(p.text for p in pieces if s in p.spans) == TEXT[s.start : s.end]
    shared = [p for p in pieces if len(p.spans) == 2]
    assert [p.text for p in shared] == ["closed"]


def test_astral_characters_count_as_one() -> None:
    # In JavaScript "🇳🇪" is four UTF-16 units and "𝕏" two: offsets would drift there.
    (marked,) = [p for p in cut(TEXT, [span("a", "𝕏 the")]) if p.spans]
    assert marked.text == "𝕏 the"


def test_spans_outside_the_text_or_empty_are_ignored() -> None:
    spans = [Span("x", "r", "coup", 5, 5), Span("y", "r", "coup", 3, len(TEXT) + 1)]
    spans.append(Span("z", "r", "coup", -1, 2))
    assert cut(TEXT, spans) == cut(TEXT, [])
    assert [p.text for p in cut(TEXT, [])] == [TEXT]
    assert cut("", []) == []

"""Each result matched to its source text, and the check of its sha256."""

from __future__ import annotations

from pathlib import Path

from nigerwatch import Article
from nigerwatch.report.sources import pair, read_results
from review_support import HOSTILE_TEXT, hostile_extraction


def test_sources_match_by_id_else_by_text() -> None:
    result = hostile_extraction("a.txt")
    same = Article.from_text(HOSTILE_TEXT, article_id="a.txt")
    piped = Article.from_text(HOSTILE_TEXT, article_id="stdin")
    changed = Article.from_text(HOSTILE_TEXT.replace("Niamey", "Niamey,"), article_id="a.txt")

    assert pair([result], [same])[0].check == "match"
    assert pair([result], [piped])[0].source == piped  # same text, other id
    (differs,) = pair([result], [changed])
    assert (differs.check, differs.source) == ("differs", changed)
    assert pair([result], [])[0].check == "missing"
    assert pair([result], [changed, piped])[0].check == "match"  # the same text wins


def test_unreadable_result_lines_are_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    good = hostile_extraction().model_dump_json()
    path.write_text(f'{good}\n\n{{"not": "a record"}}\n{{oops\n{good}\n', encoding="utf-8")
    results, bad = read_results(path)
    assert len(results) == 2
    assert [(b.line, b.reason) for b in bad] == [
        (3, "article: Field required"),
        (4, "not JSON"),
    ]

"""Inputs as real corpora bring them: scraper JSON Lines, other field names, piped text."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from nigerwatch.runs.inputs import InputFields, iter_inputs, load_article

SCRAPED: list[dict[str, object]] = [
    {
        "id": "lemonde-1",
        "url": "https://example.org/niger/coup?id=1&x=<y>",
        "title": "Niger : la junte ferme l’espace aérien",
        "outlet": "Example Daily",
        "published": "2023-08-07T06:15:00Z",
        "text": "La junte a fermé l’espace aérien du Niger dimanche soir.",
    },
    {
        "id": "rss-2",
        "link": "https://example.org/2",
        "published": "Mon, 18 Sep 2023 10:00:00 GMT",
        "text": "ECOWAS lifted sanctions on Niger.",
    },
    {"id": "gdelt-3", "published": 20230918100000, "text": "The junta closed the border."},
]


def jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_scraper_lines_keep_their_other_fields_and_read_their_dates(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    path.write_text(jsonl(SCRAPED), encoding="utf-8")
    articles = [load_article(item) for item in iter_inputs([path])]
    assert [a.id for a in articles] == ["lemonde-1", "rss-2", "gdelt-3"]
    assert [a.published for a in articles] == [
        dt.date(2023, 8, 7),
        dt.date(2023, 9, 18),
        dt.date(2023, 9, 18),
    ]
    assert articles[0].meta == {
        "url": "https://example.org/niger/coup?id=1&x=<y>",
        "title": "Niger : la junte ferme l’espace aérien",
        "outlet": "Example Daily",
    }
    assert articles[1].meta == {"link": "https://example.org/2"}
    assert articles[2].meta == {}


def test_other_field_names() -> None:
    line = {"doc_id": "d1", "body": "The junta closed the border.", "date": "20230918", "id": 7}
    fields = InputFields(id="doc_id", text="body", published="date")
    (item,) = iter_inputs(["-"], stdin=io.StringIO(jsonl([line])), fields=fields)
    article = load_article(item)
    assert (article.id, article.published) == ("d1", dt.date(2023, 9, 18))
    assert article.meta == {"id": 7}  # the default names are just other fields now
    (bad,) = iter_inputs(["-"], stdin=io.StringIO(jsonl([{"text": "x"}])), fields=fields)
    assert bad.error is not None
    assert '"body"' in bad.error


def test_piped_plain_text_is_one_article() -> None:
    text = "\n date 2023-11-06 Niger's junta closed the border.\n{not json}\nSecond line.\n"
    (item,) = iter_inputs(["-"], stdin=io.StringIO(text))
    article = load_article(item)
    assert article.id == "stdin"
    assert article.text == text  # offsets index exactly what was piped
    assert article.published == dt.date(2023, 11, 6)


def test_piped_json_lines_are_detected_and_still_stream() -> None:
    stream = io.StringIO("\n" + jsonl(SCRAPED))
    items = iter_inputs(["-"], stdin=stream)
    first = next(items)
    assert first.id == "lemonde-1"
    assert stream.tell() < len(stream.getvalue())  # the rest is not read yet
    assert [i.id for i in items] == ["rss-2", "gdelt-3"]


def test_the_format_of_stdin_can_be_chosen() -> None:
    line = jsonl(SCRAPED[:1])
    (as_text,) = iter_inputs(["-"], stdin=io.StringIO(line), stdin_format="text")
    assert as_text.text == line
    (as_lines,) = iter_inputs(["-"], stdin=io.StringIO("not json\n"), stdin_format="jsonl")
    assert as_lines.error is not None
    assert "not JSON" in as_lines.error


def test_piped_text_hashes_as_the_same_file_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\ufeffNiger's junta closed the border.\n", encoding="utf-8")
    (item,) = iter_inputs(["-"], stdin=io.StringIO(path.read_text(encoding="utf-8")))
    assert load_article(item).sha256 == load_article(next(iter_inputs([path]))).sha256


def test_empty_stdin_is_an_empty_article() -> None:
    (item,) = iter_inputs(["-"], stdin=io.StringIO(""))
    assert (item.id, item.text) == ("stdin", "")

"""Where articles come from: bad bytes, colliding ids, symlinks and case, on real files."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from nigerwatch import UndecodableArticleError
from nigerwatch.core.article import Article
from nigerwatch.runs.inputs import BatchItem, count_inputs, iter_inputs, load_article


def record(ident: str, text: str = "The junta closed the border.") -> bytes:
    return json.dumps({"id": ident, "text": text}).encode() + b"\n"


def test_one_bad_utf8_line_is_a_failure_of_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(record("a") + b'{"id": "b", "text": "caf\xe9"}\n' + record("c"))
    items = list(iter_inputs([path]))
    assert [i.id for i in items] == ["a", "in.jsonl:2", "c"]
    assert items[1].error is not None
    assert "UTF-8" in items[1].error
    assert count_inputs([path]) == 3


def test_bad_bytes_on_stdin_are_handled_the_same_way() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(record("a") + b"\xff\xfe\n" + record("c")))
    items = list(iter_inputs(["-"], stdin=stdin))
    assert [i.id for i in items] == ["a", "stdin:2", "c"]
    assert items[1].error is not None


def test_a_lone_surrogate_is_an_article_error_without_the_text() -> None:
    item = BatchItem(id="x", text="Niger " + "\ud800" + " and a long article. " * 50)
    with pytest.raises(UndecodableArticleError) as caught:
        load_article(item)
    assert "long article" not in str(caught.value)
    assert len(str(caught.value)) < 300


def test_a_malformed_date_header_is_ignored_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = Article.from_text(" date 2023-13-45 The junta closed the border.")
    assert article.published is None
    assert article.body.strip() == "The junta closed the border."
    assert "2023-13-45" in caplog.text


def test_two_folders_with_the_same_names_give_distinct_ids(tmp_path: Path) -> None:
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(f"article in {name}", encoding="utf-8")
    ids = [i.id for i in iter_inputs([tmp_path / "x", tmp_path / "y"])]
    assert ids == ["x/a.txt", "y/a.txt"]
    assert [i.id for i in iter_inputs([tmp_path / "x"])] == ["a.txt"]  # one folder: as before


def test_a_duplicate_jsonl_id_is_an_error_for_that_record(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(record("a") + record("b") + record("a", "another article"))
    items = list(iter_inputs([path]))
    assert len(items) == 3
    assert [i.error for i in items[:2]] == [None, None]
    third = items[2]
    assert third.id != "a"
    assert third.error is not None
    assert "'a'" in third.error


def test_upper_case_extensions_are_articles(tmp_path: Path) -> None:
    (tmp_path / "A.TXT").write_text("one", encoding="utf-8")
    (tmp_path / "b.Txt").write_text("two", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert [i.id for i in iter_inputs([tmp_path])] == ["A.TXT", "b.Txt"]
    assert count_inputs([tmp_path]) == 2


def test_symlinks_out_of_the_folder_are_refused_and_broken_ones_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the model", encoding="utf-8")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.txt").write_text("an article", encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "sub" / "real.txt")
    (folder / "outside.txt").symlink_to(secret)
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "sub" / "loop").symlink_to(folder)  # a folder link back up: a loop
    with caplog.at_level(logging.WARNING):
        items = {i.id: i for i in iter_inputs([folder])}
    assert set(items) == {"dangling.txt", "inside.txt", "outside.txt", "sub/real.txt"}
    assert items["inside.txt"].error is None
    assert items["sub/real.txt"].error is None
    assert "outside" in (items["outside.txt"].error or "")
    assert "does not exist" in (items["dangling.txt"].error or "")
    assert "sub/loop" in caplog.text
    assert count_inputs([folder]) == 4
    with pytest.raises(Exception, match="outside"):
        load_article(items["outside.txt"])

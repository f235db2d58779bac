"""Windows of whole paragraphs, with offsets into the whole article."""

from __future__ import annotations

import itertools

import pytest

from nigerwatch import Article
from nigerwatch.core.chunking import chunk_article
from nigerwatch.errors import ArticleTooLongError


def paragraphs(n: int, size: int = 300) -> str:
    return "\n\n".join(f"Paragraph {i}. " + "Word " * ((size - 14) // 5) for i in range(n))


def test_a_short_article_is_one_window_without_its_date_header() -> None:
    article = Article.from_text(" date 2023-08-06 The junta seized power.\n\nECOWAS reacted.")
    (only,) = chunk_article(article, target_chars=4000, max_chars=20000)
    assert only.text == "The junta seized power.\n\nECOWAS reacted."
    assert article.text[only.start : only.end] == only.text


def test_windows_hold_whole_paragraphs_and_overlap_by_one() -> None:
    article = Article.from_text(paragraphs(10))
    chunks = chunk_article(article, target_chars=1000, max_chars=20000)
    assert len(chunks) > 1
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.text.startswith("Paragraph")
        assert len(chunk.text) <= 1000
    for before, after in itertools.pairwise(chunks):
        last_of_before = before.text.split("\n\n")[-1]
        assert after.text.startswith(last_of_before)  # one paragraph shared
    covered = "".join(c.text for c in chunks)
    for i in range(10):
        assert f"Paragraph {i}." in covered


def test_a_paragraph_longer_than_the_target_is_a_window_of_its_own() -> None:
    text = "Short one.\n\n" + "A long sentence here. " * 100 + "\n\nShort two."
    chunks = chunk_article(Article.from_text(text), target_chars=500, max_chars=20000)
    assert [c.text[:10] for c in chunks] == ["Short one.", "A long sen", "Short two."]


def test_text_without_line_breaks_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} says something." for i in range(200))
    chunks = chunk_article(Article.from_text(text), target_chars=1000, max_chars=1200)
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.text) <= 1200
        assert chunk.text.endswith(".")


def test_a_sentence_too_long_for_the_model_is_refused() -> None:
    text = "Intro.\n\n" + "word " * 1000 + "\n\nEnd."
    with pytest.raises(ArticleTooLongError, match="sentence of"):
        chunk_article(Article.from_text(text, article_id="x"), target_chars=500, max_chars=1000)

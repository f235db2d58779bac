from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nigerwatch import Article, ArticleError, EmptyArticleError, UndecodableArticleError
from nigerwatch.core.article import guess_language, read_article


def test_date_header_gives_publication_date_and_body() -> None:
    article = Article.from_text(" date 2023-11-06 Niger’s armed forces are on alert.")
    assert article.published == dt.date(2023, 11, 6)
    assert article.body.strip() == "Niger’s armed forces are on alert."
    assert article.text.startswith(" date")  # offsets index the text as given


def test_explicit_published_wins_over_header() -> None:
    article = Article.from_text(" date 2023-11-06 Text.", published="2023-08-06")
    assert article.published == dt.date(2023, 8, 6)
    assert Article.from_text("Text.", published=dt.date(2024, 1, 2)).published == dt.date(
        2024, 1, 2
    )


def test_no_header_means_no_date_and_whole_text_is_body() -> None:
    article = Article.from_text("The junta closed the border.")
    assert article.published is None
    assert article.body_start == 0


def test_id_defaults_to_sha_prefix_and_is_stable() -> None:
    one, two = Article.from_text("Same text."), Article.from_text("Same text.")
    assert one.id == two.id == one.sha256[:16]
    assert Article.from_text("Same text.", article_id="a-1").id == "a-1"


@pytest.mark.parametrize("text", ["", "   \n\t ", " date 2023-11-06 ", " date 2023-11-06 \n\n"])
def test_empty_articles_are_refused(text: str) -> None:
    with pytest.raises(EmptyArticleError, match="empty"):
        Article.from_text(text)


def test_bad_published_date_says_the_format() -> None:
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        Article.from_text("Text.", published="06/11/2023")


def test_language_guess() -> None:
    assert guess_language("La junte a fermé les frontières et le pays est sous sanctions.") == "fr"
    assert (
        guess_language("The junta closed the borders and the country is under sanctions.") == "en"
    )


def test_read_article_decodes_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff date 2023-11-06 Ligne un.\r\nLigne deux é.".encode())
    article = read_article(path)
    assert article.id == "a.txt"
    assert article.text == " date 2023-11-06 Ligne un.\nLigne deux é."


def test_read_article_refuses_latin1_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le coup d'État au Niger".encode("latin-1"))
    with pytest.raises(UndecodableArticleError, match="iconv") as caught:
        read_article(path)
    assert caught.value.article_id == "latin1.txt"


def test_read_article_refuses_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\x00\x00")
    with pytest.raises(UndecodableArticleError, match="binary"):
        read_article(path)

"""Publication dates in the formats scrapers, feeds and GDELT write."""

from __future__ import annotations

import datetime as dt

import pytest

from nigerwatch import Article, ArticleError
from nigerwatch.core.published import parse_published

DAY = dt.date(2023, 9, 18)


@pytest.mark.parametrize(
    "value",
    [
        "2023-09-18",
        "2023-09-18T10:00:00Z",
        "2023-09-18T10:00:00z",
        "2023-09-18T10:00:00.123456789Z",  # nanoseconds, as some scrapers write them
        "2023-09-18 10:00:00",
        "2023-09-18T23:30:00-05:00",  # the day the outlet printed, not the day in UTC
        "2023-09-18T00:30:00+01:00",
        "Mon, 18 Sep 2023 10:00:00 GMT",
        "Mon, 18 Sep 2023 23:30:00 -0500",
        "18 Sep 2023 10:00:00 +0000",
        "20230918100000",  # GDELT DATEADDED
        "20230918",  # GDELT SQLDATE
        "  2023-09-18\n",
        dt.datetime(2023, 9, 18, 23, 59),
        DAY,
    ],
)
def test_each_format_gives_the_publication_day(value: str | dt.date) -> None:
    assert parse_published(value) == DAY


@pytest.mark.parametrize(
    "value", ["yesterday", "18/09/2023", "2023-13-01", "20231318", "Mon, 32 Sep 2023", "", "123"]
)
def test_anything_else_is_refused(value: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - any ValueError, the caller words it
        parse_published(value)


def test_an_article_says_which_formats_it_takes() -> None:
    assert Article.from_text("Text.", published="2023-09-18T10:00:00Z").published == DAY
    with pytest.raises(ArticleError, match="RFC 822") as caught:
        Article.from_text("Text.", published="last Tuesday", article_id="a1")
    assert caught.value.article_id == "a1"

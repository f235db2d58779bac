"""Date phrases resolved against the publication date, at the precision the text supports."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from nigerwatch.normalize import resolve_date
from nigerwatch.schemas import PartialDate

MONDAY = dt.date(2023, 11, 6)
"""Publication date of the seed article: a Monday."""

SUNDAY = dt.date(2023, 11, 5)


def _resolved(phrase: str, published: dt.date | None = MONDAY) -> tuple[str, str, str, str]:
    result = resolve_date(phrase, published)
    assert result is not None, phrase
    return result.value, result.precision, str(result.earliest), str(result.latest)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # Calendar dates: the precision is what the text gives.
        ("26 July 2023", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("July 26, 2023", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("26 juillet 2023", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("le 26 juillet 2023", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("2023-07-26", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("26/07/2023", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("07/08/2023", ("2023-08-07", "day", "2023-08-07", "2023-08-07")),  # day first
        ("July 2023", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("juillet 2023", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("in July 2023", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("2023", ("2023", "year", "2023-01-01", "2023-12-31")),
        ("in 2022", ("2022", "year", "2022-01-01", "2022-12-31")),
        ("en 2022", ("2022", "year", "2022-01-01", "2022-12-31")),
        # Without a year: the most recent one not after publication.
        ("July 26", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("on July 26", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("le 26 juillet", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("mercredi 26 juillet", ("2023-07-26", "day", "2023-07-26", "2023-07-26")),
        ("in July", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("en juillet", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("November", ("2023-11", "month", "2023-11-01", "2023-11-30")),
        ("December", ("2022-12", "month", "2022-12-01", "2022-12-31")),
        ("décembre", ("2022-12", "month", "2022-12-01", "2022-12-31")),
        ("late July", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("mi-juillet", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("fin juillet", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        ("at the end of July", ("2023-07", "month", "2023-07-01", "2023-07-31")),
        # Days relative to publication.
        ("today", ("2023-11-06", "day", "2023-11-06", "2023-11-06")),
        ("aujourd\u2019hui", ("2023-11-06", "day", "2023-11-06", "2023-11-06")),
        ("yesterday", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("hier", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("hier soir", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("yesterday evening", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("last night", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("avant-hier", ("2023-11-04", "day", "2023-11-04", "2023-11-04")),
        ("the day before yesterday", ("2023-11-04", "day", "2023-11-04", "2023-11-04")),
        ("three days ago", ("2023-11-03", "day", "2023-11-03", "2023-11-03")),
        ("il y a trois jours", ("2023-11-03", "day", "2023-11-03", "2023-11-03")),
        ("tomorrow", ("2023-11-07", "day", "2023-11-07", "2023-11-07")),
        # Weekdays: the most recent such day on or before publication.
        ("on Sunday", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("Sunday evening", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("on Sunday evening", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("dimanche", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("dimanche soir", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("le dimanche soir", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("late on Sunday", ("2023-11-05", "day", "2023-11-05", "2023-11-05")),
        ("on Wednesday", ("2023-11-01", "day", "2023-11-01", "2023-11-01")),
        ("Monday", ("2023-11-06", "day", "2023-11-06", "2023-11-06")),
        ("next Sunday", ("2023-11-12", "day", "2023-11-12", "2023-11-12")),
        # Weeks: Monday to Sunday of the ISO week.
        ("last week", ("2023-W44", "week", "2023-10-30", "2023-11-05")),
        ("la semaine dernière", ("2023-W44", "week", "2023-10-30", "2023-11-05")),
        ("au cours de la semaine dernière", ("2023-W44", "week", "2023-10-30", "2023-11-05")),
        ("this week", ("2023-W45", "week", "2023-11-06", "2023-11-12")),
        ("cette semaine", ("2023-W45", "week", "2023-11-06", "2023-11-12")),
        ("next week", ("2023-W46", "week", "2023-11-13", "2023-11-19")),
        ("two weeks ago", ("2023-W43", "week", "2023-10-23", "2023-10-29")),
        # Months and years.
        ("last month", ("2023-10", "month", "2023-10-01", "2023-10-31")),
        ("le mois dernier", ("2023-10", "month", "2023-10-01", "2023-10-31")),
        ("this month", ("2023-11", "month", "2023-11-01", "2023-11-30")),
        ("next month", ("2023-12", "month", "2023-12-01", "2023-12-31")),
        ("le mois prochain", ("2023-12", "month", "2023-12-01", "2023-12-31")),
        ("last year", ("2022", "year", "2022-01-01", "2022-12-31")),
        ("l'an dernier", ("2022", "year", "2022-01-01", "2022-12-31")),
        ("l\u2019année dernière", ("2022", "year", "2022-01-01", "2022-12-31")),
        ("this year", ("2023", "year", "2023-01-01", "2023-12-31")),
        ("two years ago", ("2021", "year", "2021-01-01", "2021-12-31")),
        # "Earlier"/"later" in the current period stop or start at publication.
        ("earlier this month", ("2023-11", "month", "2023-11-01", "2023-11-06")),
        ("later this month", ("2023-11", "month", "2023-11-06", "2023-11-30")),
        ("earlier this year", ("2023", "year", "2023-01-01", "2023-11-06")),
    ],
)
def test_resolve_date(phrase: str, expected: tuple[str, str, str, str]) -> None:
    assert _resolved(phrase) == expected


def test_resolve_date_returns_the_phrase_as_written() -> None:
    assert resolve_date("  Sunday evening", MONDAY) == PartialDate(
        text="  Sunday evening",
        value="2023-11-05",
        precision="day",
        earliest=dt.date(2023, 11, 5),
        latest=dt.date(2023, 11, 5),
        relative=True,
    )


@pytest.mark.parametrize(
    ("phrase", "relative"),
    [
        ("last month", True),
        ("le mois dernier", True),
        ("yesterday", True),
        ("dimanche soir", True),
        ("three days ago", True),
        ("il y a trois jours", True),
        ("in July", True),  # the year comes from the publication date
        ("26 juillet", True),
        ("26 July 2023", False),
        ("July 2023", False),
        ("2023", False),
        ("07/08/2023", False),
    ],
)
def test_dates_worked_out_from_the_publication_date_are_marked_relative(
    phrase: str, relative: bool
) -> None:
    resolved = resolve_date(phrase, MONDAY)
    assert resolved is not None
    assert resolved.relative is relative
    if not relative:  # a calendar date does not move with the publication date
        assert resolve_date(phrase, dt.date(2024, 3, 1)) == resolved


@pytest.mark.parametrize("phrase", ["earlier this week", "plus tôt cette semaine"])
def test_earlier_this_week_runs_from_monday_to_publication(phrase: str) -> None:
    thursday = dt.date(2023, 11, 9)
    assert _resolved(phrase, thursday) == ("2023-W45", "week", "2023-11-06", "2023-11-09")
    assert _resolved(phrase, MONDAY) == ("2023-W45", "week", "2023-11-06", "2023-11-06")


@pytest.mark.parametrize("phrase", ["on Sunday", "Sunday", "dimanche", "Sunday evening"])
def test_weekday_on_the_publication_day_is_that_day(phrase: str) -> None:
    assert _resolved(phrase, SUNDAY)[0] == "2023-11-05"


@pytest.mark.parametrize("phrase", ["last Sunday", "dimanche dernier", "this past Sunday"])
def test_last_weekday_is_strictly_before_publication(phrase: str) -> None:
    assert _resolved(phrase, SUNDAY)[0] == "2023-10-29"
    assert _resolved(phrase, MONDAY)[0] == "2023-11-05"


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [
        ("le 26 juillet dernier", dt.date(2023, 8, 2), "2023-07-26"),
        ("le 26 juillet dernier", dt.date(2023, 7, 26), "2022-07-26"),
        ("26 juillet dernier", dt.date(2023, 7, 20), "2022-07-26"),
        ("en juillet dernier", dt.date(2023, 11, 6), "2023-07"),
        ("juillet dernier", dt.date(2023, 7, 20), "2022-07"),
        ("last July", dt.date(2023, 8, 2), "2023-07"),
        ("last July", dt.date(2023, 7, 31), "2022-07"),
    ],
)
def test_last_month_name_ends_before_publication(
    phrase: str, published: dt.date, value: str
) -> None:
    assert _resolved(phrase, published)[0] == value


def test_month_without_year_never_after_publication() -> None:
    published = dt.date(2023, 7, 20)
    assert _resolved("July", published)[0] == "2023-07"
    assert _resolved("August", published)[0] == "2022-08"
    assert _resolved("July 26", published)[0] == "2022-07-26"
    assert _resolved("July 20", published)[0] == "2023-07-20"


@pytest.mark.parametrize(
    ("phrase", "published", "latest"),
    [
        ("February 2024", None, "2024-02-29"),
        ("February 2023", None, "2023-02-28"),
        ("February 2000", None, "2000-02-29"),
        ("February 1900", None, "1900-02-28"),
        ("last month", dt.date(2024, 3, 10), "2024-02-29"),
        ("February", dt.date(2024, 3, 10), "2024-02-29"),
        ("last month", dt.date(2023, 3, 10), "2023-02-28"),
        ("April 2023", None, "2023-04-30"),
        ("December", MONDAY, "2022-12-31"),
    ],
)
def test_month_ends(phrase: str, published: dt.date | None, latest: str) -> None:
    assert _resolved(phrase, published)[3] == latest


def test_leap_day_without_year_uses_the_publication_year_not_today() -> None:
    # 2000 and 2024 are leap years whatever year the tests run in.
    assert _resolved("29 February", dt.date(2000, 3, 10))[0] == "2000-02-29"
    assert _resolved("le 29 février", dt.date(2024, 3, 10))[0] == "2024-02-29"
    assert _resolved("February 29", dt.date(2025, 3, 1))[0] == "2024-02-29"
    assert resolve_date("29 February", dt.date(2023, 3, 10)) is None


def test_relative_phrases_never_depend_on_today() -> None:
    assert _resolved("yesterday", dt.date(1999, 1, 1))[0] == "1998-12-31"
    assert _resolved("last week", dt.date(2021, 1, 6))[:3] == ("2020-W53", "week", "2020-12-28")
    assert _resolved("last month", dt.date(2024, 1, 15))[0] == "2023-12"
    assert _resolved("July", dt.date(2010, 8, 1))[0] == "2010-07"
    assert _resolved("three days ago", dt.date(2001, 3, 2))[0] == "2001-02-27"


@pytest.mark.parametrize(
    "phrase",
    [
        "yesterday",
        "hier",
        "today",
        "on Sunday",
        "dimanche soir",
        "last week",
        "la semaine dernière",
        "earlier this week",
        "last month",
        "le mois dernier",
        "next month",
        "last year",
        "l'an dernier",
        "three days ago",
        "il y a trois jours",
        "two years ago",
        "July",
        "in July",
        "July 26",
        "le 26 juillet",
    ],
)
def test_relative_phrases_need_a_publication_date(phrase: str) -> None:
    assert resolve_date(phrase, None) is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("26 July 2023", "2023-07-26"),
        ("26 juillet 2023", "2023-07-26"),
        ("July 2023", "2023-07"),
        ("juillet 2023", "2023-07"),
        ("2023", "2023"),
        ("2023-07", "2023-07"),
        ("26/07/2023", "2023-07-26"),
    ],
)
def test_absolute_phrases_resolve_without_a_publication_date(phrase: str, value: str) -> None:
    assert _resolved(phrase, None)[0] == value


@pytest.mark.parametrize(
    "phrase",
    [
        "recently",
        "récemment",
        "in recent weeks",
        "ces dernières semaines",
        "soon",
        "bientôt",
        "in the coming days",
        "a few days ago",
        "il y a quelques jours",
        "several weeks ago",
        "two hours ago",  # below a day: could be the day before publication
        "il y a deux heures",
        "this Sunday",  # past or coming Sunday?
        "the 1990s",
        "15",
        "the 26th",
        "Q3 2023",
        "Niger",
        "",
        "   ",
    ],
)
def test_vague_or_unreadable_phrases(phrase: str) -> None:
    assert resolve_date(phrase, MONDAY) is None


def test_language_restricts_calendar_dates() -> None:
    assert _resolved("juillet 2023")[0] == "2023-07"
    assert resolve_date("juillet 2023", MONDAY, language="fr") is not None
    assert resolve_date("juillet 2023", MONDAY, language="en") is None
    assert resolve_date("la semaine dernière", MONDAY, language="en") is not None


def test_no_warnings_even_without_a_local_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Invalid")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for phrase in ("26 July 2023", "July 26", "three days ago", "2023", "le mois dernier"):
            assert resolve_date(phrase, MONDAY) is not None
    assert [str(warning.message) for warning in caught] == []

"""Date phrases from articles, resolved against the publication date, to :class:`PartialDate`.

Phrases are read in order by:

1. our own rules for what dateparser gets wrong or does not know: this/last/next week, month
   and year in English and French (with "earlier"/"later"), today/yesterday/hier with a time of
   day ("hier soir"), and weekdays ("on Sunday", "dimanche soir", "last Sunday");
2. dateparser, for calendar dates ("26 juillet 2023", "July 2023", "2023") and counts of units
   ago ("three days ago", "il y a trois jours").

Every date worked out from the publication date (all but calendar dates with their year) is
marked ``relative``. Anything else, vague phrases included ("recently", "in recent weeks"), gives
None. Nothing
depends on today's date: relative phrases need the publication date, and a date without a year
("July 26") gets the publication year, or the year before when that would be after publication.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from nigerwatch.core.text import fold, words_pattern
from nigerwatch.schemas import DatePrecision, PartialDate

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# Longer alternatives first: the regex takes the first that matches, not the longest.
_LEADING = re.compile(
    r"^(?:(?:in the month of|au cours de|month of|mois de|a la|during|since|depuis|durant"
    r"|pendant|on|in|at|the|le|la|les|en|au|du)\s+|l')"
)
_QUALIFIER = re.compile(
    r"^(?:beginning of|start of|middle of|end of|early|mid|late|debut de|fin de|debut|fin|mi"
    r"|courant)[\s-]+"
)
_EARLIER_LATER = re.compile(r"^(earlier|later|plus tot|plus tard)\s+(.+)$")
_TIME_OF_DAY = re.compile(
    r"\s+(?:morning|afternoon|evening|night|matin|apres midi|soir|soiree|nuit)$"
)

_PERIODS: dict[str, tuple[DatePrecision, int]] = {
    "this week": ("week", 0),
    "cette semaine": ("week", 0),
    "dans la semaine": ("week", 0),
    "last week": ("week", -1),
    "semaine derniere": ("week", -1),
    "semaine passee": ("week", -1),
    "next week": ("week", 1),
    "semaine prochaine": ("week", 1),
    "this month": ("month", 0),
    "ce mois": ("month", 0),
    "ce mois ci": ("month", 0),
    "dans le mois": ("month", 0),
    "last month": ("month", -1),
    "mois dernier": ("month", -1),
    "mois passe": ("month", -1),
    "next month": ("month", 1),
    "mois prochain": ("month", 1),
    "this year": ("year", 0),
    "cette annee": ("year", 0),
    "dans l'annee": ("year", 0),
    "last year": ("year", -1),
    "an dernier": ("year", -1),
    "annee derniere": ("year", -1),
    "an passe": ("year", -1),
    "annee passee": ("year", -1),
    "next year": ("year", 1),
    "an prochain": ("year", 1),
    "annee prochaine": ("year", 1),
}
"""Calendar periods relative to publication: (precision, how many periods later)."""

_DAYS: dict[str, int] = {
    "today": 0,
    "aujourd'hui": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "ce matin": 0,
    "cet apres midi": 0,
    "ce soir": 0,
    "yesterday": -1,
    "hier": -1,
    "last night": -1,
    "nuit derniere": -1,
    "day before yesterday": -2,
    "avant hier": -2,
    "tomorrow": 1,
    "demain": 1,
    "day after tomorrow": 2,
    "apres demain": 2,
}
"""Days relative to publication: how many days later."""
PERIOD_WORDS = tuple(_PERIODS)
DAY_WORDS = tuple(_DAYS)

_WEEKDAYS = {
    name: index
    for names in (
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    )
    for index, name in enumerate(names)
}
WEEKDAY_NAMES = tuple(_WEEKDAYS)
_WEEKDAY = re.compile(
    rf"^(?:(?P<before>last|this past|next)\s+)?(?P<day>{'|'.join(_WEEKDAYS)})"
    r"(?:\s+(?P<after>dernier|passe|prochain))?$"
)

MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
    *("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet"),
    *("aout", "septembre", "octobre", "novembre", "decembre"),
)
"""The months' full names in English and French, folded."""
MONTH_ABBREVIATIONS = (
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("janv", "fevr", "fev", "avr", "juil"),
)
"""Their abbreviations ("Sept.", « janv. »), folded."""
_MONTH = re.compile(words_pattern((*MONTH_NAMES, *MONTH_ABBREVIATIONS)))
_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{1,2}(?:-\d{1,2})?\b")
_LAST = re.compile(r"\b(?:last|this past|dernier|derniere|passe|passee)\b")
_AGO = re.compile(r"\bago\b|\bil y a\b")
_SUB_DAY = re.compile(
    words_pattern(
        ("hour", "hours", "minute", "minutes", "second", "seconds", "heure", "heures", "secondes")
    )
)
_VAGUE = re.compile(
    words_pattern(
        (
            *("recent", "recently", "lately", "soon", "coming", "few", "several", "many", "some"),
            *("recemment", "dernierement", "bientot", "prochainement", "prochains", "derniers"),
            *("quelques", "plusieurs", "nombreux", "nombreuses"),
        )
    )
)
_PRECISIONS: dict[str, DatePrecision] = {
    "day": "day",
    "time": "day",
    "part_of_day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
"""dateparser's periods; others ("quarter") have no PartialDate precision."""

_NO_PUBLICATION_BASE = dt.datetime(2000, 1, 1)
"""Relative base for phrases with a year, when there is no publication date: never used for
anything but filling the parts the phrase does not give, which are then discarded."""


def resolve_date(
    phrase: str, published: dt.date | None, *, language: str | None = None
) -> PartialDate | None:
    """Resolve a date phrase from an article to the precision the text supports.

    Relative phrases ("yesterday", "le mois dernier", "on Sunday", "three days ago") are read
    against ``published``: weekdays are the most recent such day on or before publication
    ("last Sunday": strictly before), month names without a year the most recent such month not
    after the publication month. "Earlier this week" runs from Monday to the publication date.

    Args:
        phrase: The date phrase as written, e.g. "26 juillet 2023", "July 2023", "in July",
            "Sunday evening", "la semaine dernière".
        published: The article's publication date. Without it only phrases carrying a year
            resolve.
        language: ``"en"`` or ``"fr"`` (any dateparser language code) to restrict calendar-date
            parsing to that language; None tries English and French.

    Returns:
        The resolved date, with ``value`` in ISO 8601 at its precision ("2023-07-26",
        "2023-W30", "2023-07", "2023") and the first and last days it can denote; None for vague
        phrases ("recently"), phrases below a day ("two hours ago") and anything unreadable.

    Raises:
        ValueError: If dateparser does not know ``language``.
    """
    text = _clean(phrase)
    if not text:
        return None
    words = " ".join(text.replace("-", " ").split())
    resolved = _relative_period(phrase, words, published) or _relative_day(phrase, words, published)
    if resolved is not None or _is_relative_rule(words):
        return resolved
    return _parse_calendar(phrase, text, published, language)


def same_month_and_day(a: PartialDate, b: PartialDate) -> bool:
    """True when two dates agree on what both give of the month and day, whatever their years.

    A year alone agrees with the same year; a week with any date it overlaps.

    >>> from datetime import date
    >>> told = resolve_date("Jan. 24, 2023", None)
    >>> same_month_and_day(told, resolve_date("24 January", date(2022, 10, 2)))
    True
    """
    if "week" in (a.precision, b.precision):
        return a.earliest <= b.latest and b.earliest <= a.latest
    if "year" in (a.precision, b.precision):
        return a.earliest.year == b.earliest.year
    if a.earliest.month != b.earliest.month:
        return False
    return a.precision != "day" or b.precision != "day" or a.earliest.day == b.earliest.day


def _clean(phrase: str) -> str:
    # Strip prepositions, articles and qualifiers ("in", "le", "late", "fin") until none is left:
    # "at the end of July" and "à la mi-juillet" both come down to the month.
    text = fold(phrase).strip(" .,;:")
    previous = None
    while text != previous:
        previous = text
        text = _QUALIFIER.sub("", _LEADING.sub("", text))
    return text


def _is_relative_rule(words: str) -> bool:
    # Phrases our rules own but cannot resolve without a publication date: dateparser must not
    # resolve them against today's date instead.
    match = _EARLIER_LATER.match(words)
    bare = _TIME_OF_DAY.sub("", words)
    return (
        words in _PERIODS
        or (match is not None and match[2] in _PERIODS)
        or words in _DAYS
        or bare in _DAYS
        or _WEEKDAY.match(bare) is not None
    )


def _relative_period(phrase: str, words: str, published: dt.date | None) -> PartialDate | None:
    qualifier = None
    match = _EARLIER_LATER.match(words)
    if match is not None:
        qualifier, words = match[1], match[2]
    if published is None or words not in _PERIODS:
        return None
    precision, offset = _PERIODS[words]
    resolved = _partial(phrase, precision, _shift(published, precision, offset))
    if offset == 0 and qualifier in ("earlier", "plus tot"):
        return resolved.model_copy(update={"latest": published})
    if offset == 0 and qualifier in ("later", "plus tard"):
        return resolved.model_copy(update={"earliest": published})
    return resolved


def _relative_day(phrase: str, words: str, published: dt.date | None) -> PartialDate | None:
    if published is None:
        return None
    bare = _TIME_OF_DAY.sub("", words)
    for candidate in (words, bare):
        if candidate in _DAYS:
            return _partial(phrase, "day", published + dt.timedelta(days=_DAYS[candidate]))
    match = _WEEKDAY.match(bare)
    if match is None:
        return None
    direction = match["before"] or match["after"]
    days_back = (published.weekday() - _WEEKDAYS[match["day"]]) % 7
    if direction in ("next", "prochain"):
        return _partial(phrase, "day", published + dt.timedelta(days=(7 - days_back) or 7))
    if direction is not None and days_back == 0:
        days_back = 7  # "last Sunday" in a Sunday paper is a week ago, "on Sunday" is today
    return _partial(phrase, "day", published - dt.timedelta(days=days_back))


def _parse_calendar(
    phrase: str, text: str, published: dt.date | None, language: str | None
) -> PartialDate | None:
    if _VAGUE.search(text) or _SUB_DAY.search(text):
        return None
    ago = _AGO.search(text) is not None
    if not ago and (_YEAR.search(text) or _NUMERIC_DATE.search(text)):
        base = _NO_PUBLICATION_BASE if published is None else _midnight(published)
        return _dateparse(phrase, text, base, language, relative=False)
    if published is None:
        return None  # relative to a publication date we do not have
    if ago:
        return _dateparse(phrase, text, _midnight(published), language)
    return _parse_without_year(phrase, text, published, language)


def _parse_without_year(
    phrase: str, text: str, published: dt.date, language: str | None
) -> PartialDate | None:
    # Give a month without a year the publication year ourselves (dateparser would use today's
    # year in places), and step back a year if that lands after publication, or, for "le 26
    # juillet dernier" and "last July", if it does not end before publication.
    if _MONTH.search(text) is None:
        return None
    last = _LAST.search(text) is not None
    text = " ".join(_LAST.sub(" ", text).split())
    for year in (published.year, published.year - 1):
        resolved = _dateparse(phrase, f"{text} {year}", _midnight(published), language)
        if resolved is None:
            continue
        if (resolved.latest < published) if last else (resolved.earliest <= published):
            return resolved
    return None


def _dateparse(
    phrase: str, text: str, base: dt.datetime, language: str | None, *, relative: bool = True
) -> PartialDate | None:
    languages = ("en", "fr") if language is None else (language,)
    data = _parser(base, languages).get_date_data(text)
    precision = _PRECISIONS.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    return _partial(phrase, precision, data.date_obj.date(), relative=relative)


@functools.lru_cache(maxsize=64)
def _parser(base: dt.datetime, languages: tuple[str, ...]) -> DateDataParser:
    from dateparser.date import DateDataParser  # noqa: PLC0415 - slow import, only when needed

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        # West African English and French papers both write the day first: 07/08 is 7 August.
        "DATE_ORDER": "DMY",
        # A fixed zone: the local one is never consulted (and cannot be missing).
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # No Unix timestamps or digit runs read as dates ("1500" is not a time of day).
        "PARSERS": ["relative-time", "absolute-time"],
    }
    return DateDataParser(languages=list(languages), settings=settings)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _shift(day: dt.date, precision: DatePrecision, offset: int) -> dt.date:
    if precision == "day":
        return day + dt.timedelta(days=offset)
    if precision == "week":
        return day + dt.timedelta(weeks=offset)
    if precision == "month":
        months = day.year * 12 + day.month - 1 + offset
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(day.year + offset, 1, 1)


def _partial(
    phrase: str, precision: DatePrecision, day: dt.date, *, relative: bool = True
) -> PartialDate:
    if precision == "day":
        value, earliest, latest = day.isoformat(), day, day
    elif precision == "week":
        iso = day.isocalendar()
        earliest = day - dt.timedelta(days=day.weekday())
        value, latest = f"{iso[0]:04d}-W{iso[1]:02d}", earliest + dt.timedelta(days=6)
    elif precision == "month":
        last_day = calendar.monthrange(day.year, day.month)[1]
        value = f"{day.year:04d}-{day.month:02d}"
        earliest, latest = day.replace(day=1), day.replace(day=last_day)
    else:
        value, earliest, latest = (
            f"{day.year:04d}",
            dt.date(day.year, 1, 1),
            dt.date(day.year, 12, 31),
        )
    return PartialDate(
        text=phrase,
        value=value,
        precision=precision,
        earliest=earliest,
        latest=latest,
        relative=relative,
    )

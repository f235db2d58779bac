"""Publication dates as real corpora write them: ISO dates and date-times, RFC 822, GDELT.

Scrapers and feeds give ``2023-09-18``, ``2023-09-18T10:00:00Z``, ``Mon, 18 Sep 2023 10:00:00
GMT`` (RSS) or GDELT's ``20230918100000``. nigerwatch needs the day: a date-time gives its date
as written, in its own time zone (``2023-09-18T23:30:00-05:00`` is the 18th, the day the outlet
printed), never converted to another zone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_DIGITS = re.compile(r"\d{8}(?:\d{4}(?:\d{2})?)?")  # YYYYMMDD, then HHMM and SS (GDELT)
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")

FORMATS = (
    "YYYY-MM-DD, an ISO 8601 date-time (2023-09-18T10:00:00Z), RFC 822 "
    "(Mon, 18 Sep 2023 10:00:00 GMT) or GDELT's YYYYMMDDHHMMSS"
)
"""The accepted formats, for error messages."""


def parse_published(value: dt.date | str) -> dt.date:
    """The publication day of ``value``.

    Args:
        value: A ``date`` or ``datetime``, or a string in one of :data:`FORMATS`.

    Raises:
        ValueError: ``value`` is in none of those formats, or is not a real date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if _DIGITS.fullmatch(text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    if _ISO_DATE_TIME.match(text):
        # Python 3.10's fromisoformat knows neither "Z" nor fractions of other lengths than 3/6.
        stamp = re.sub(r"(?i)z$", "+00:00", text)
        stamp = re.sub(r"\.\d+", "", stamp)
        return dt.datetime.fromisoformat(stamp).date()
    if "," in text or re.search(r"[A-Za-z]{3}", text):
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a date") from None
    return dt.date.fromisoformat(text)

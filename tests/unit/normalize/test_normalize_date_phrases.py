"""Date phrases found in a sentence as written, and dates compared on their month and day."""

from __future__ import annotations

import datetime as dt

import pytest

from nigerwatch.normalize import date_spans, resolve_date, same_month_and_day


def phrases(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in date_spans(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Soldiers ousted President Bazoum on July 26, 2023.", ["July 26, 2023"]),
        ("Le 30 septembre 2022, des officiers ont renversé Damiba.", ["30 septembre 2022"]),
        ("On Jan. 24, soldiers seized power and, on Sept. 30, again.", ["Jan. 24", "Sept. 30"]),
        (
            "ECOWAS imposed sanctions in January and eased them in mid-May.",
            ["in January", "in mid-May"],
        ),
        (
            "Les sanctions imposées fin juillet 2023 ont été levées en février.",
            ["fin juillet 2023", "en février"],
        ),
        (
            "The junta took power in 2021 and has ruled since late 2021.",
            ["in 2021", "since late 2021"],
        ),
        ("Macron a annoncé dimanche soir le départ des soldats.", ["dimanche soir"]),
        ("The council met last week and again yesterday.", ["last week", "yesterday"]),
        # The day of writing, deadlines, the verb "may" and bare years date no event.
        ("ABUJA, July 30 - Leaders imposed sanctions on Niger on Sunday.", ["Sunday"]),
        ("Germany will bring its contingent home by May 2024.", []),
        ("Les soldats partiront d'ici à la fin de l'année.", []),
        ("The junta may leave the 2014 treaty.", []),
    ],
)
def test_the_date_phrases_a_sentence_states(sentence: str, expected: list[str]) -> None:
    assert phrases(sentence) == expected


def test_offsets_point_into_the_sentence() -> None:
    sentence = "Mali left the G5 Sahel on May 15."
    ((start, end),) = date_spans(sentence)
    assert (start, end) == (sentence.index("May"), len(sentence) - 1)


PUBLISHED = dt.date(2022, 10, 2)


@pytest.mark.parametrize(
    ("told", "written", "same"),
    [
        ("Jan. 24, 2023", "24 January", True),  # the model's year is not the article's
        ("2022-01-24", "Jan. 24", True),
        ("Jan. 25, 2022", "Jan. 24", False),
        ("February 2022", "Jan. 24", False),
        ("January 2023", "Jan. 24", True),  # a month agrees with its days
        ("2022", "in 2022", True),
        ("2021", "in 2022", False),
        ("last week", "Sept. 21", True),  # a week agrees with the days it overlaps
        ("last week", "Sept. 28", False),
    ],
)
def test_dates_compared_on_their_month_and_day(told: str, written: str, same: bool) -> None:
    a = resolve_date(told, PUBLISHED)
    b = resolve_date(written, PUBLISHED)
    assert a is not None
    assert b is not None
    assert same_month_and_day(a, b) is same

"""What words tell: the trigger check, figures of speech aside."""

from __future__ import annotations

import pytest

from nigerwatch.core.lexicon import reports
from nigerwatch.schemas import EventType


@pytest.mark.parametrize(
    "text",
    [
        "The victory was a coup for interim coach Emerse Fae",
        "Opponents denounced the postponement as a constitutional coup",
        "un véritable coup de théâtre en fin de match",
        "le coup d'envoi du festival sera donné samedi",
        "Le coup d’envoi du festival a été donné samedi",  # the typographic apostrophe
        "the deal was a diplomatic coup for Dakar",
    ],
)
def test_a_figure_of_speech_does_not_report_a_coup(text: str) -> None:
    assert not reports("coup", text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("coup", "soldiers overthrew President Bazoum in a coup"),
        ("coup", "the constitutional coup charge came a year after the army ousted Condé"),
        ("coup", "un coup d'État militaire a renversé le président"),
        ("coup", "soldiers staged the coup for the second time in a year"),
        ("deployment", "about 1,100 US troops are stationed in Niger"),
        ("deployment", "the drone base near Agadez"),
    ],
)
def test_literal_wording_reports_the_event(kind: EventType, text: str) -> None:
    assert reports(kind, text)


@pytest.mark.parametrize(
    "text",
    [
        "Provisional tallies from polling stations across the country showed Faye winning",
        "a Paris-based research group said",
    ],
)
def test_words_that_only_look_military_do_not_report_a_deployment(text: str) -> None:
    assert not reports("deployment", text)

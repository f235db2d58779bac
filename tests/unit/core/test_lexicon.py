"""What words tell: the trigger check, figures of speech aside."""

from __future__ import annotations

import pytest

from nigerwatch.core.lexicon import reports, unstated_ending
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
        "the opposition accused the president of staging his own coup against parliament",
    ],
)
def test_a_figure_of_speech_does_not_report_a_coup(text: str) -> None:
    assert not reports("coup", text)


@pytest.mark.parametrize(
    "text",
    [
        "a military council dissolved parliament, suspended the constitution and announced a "
        "transition",
        "la junte a suspendu la Constitution et dissous le gouvernement",
    ],
)
def test_suspending_the_constitution_reports_no_sanction(text: str) -> None:
    assert not reports("sanction", text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # A ban on the media is a domestic measure, and a junta acting is no coup.
        ("sanction", "the junta suspended the French broadcasters RFI and France 24"),
        ("sanction", "la junte a suspendu les chaînes françaises RFI et France 24"),
        ("coup", "the junta suspended the French broadcasters RFI and France 24"),
        # Force as a manner or as validity, and soldiers as a government: no body of troops.
        ("deployment", "The secretary-general condemned the seizure of power by force"),
        ("deployment", "Those measures remain in force."),
        ("deployment", "Niger's military rulers have turned to Russia for security support"),
        ("deployment", "Mali's military-led government said it was ending the agreements"),
        ("deployment", "le régime militaire a rappelé son ambassadeur"),
        # A warning against an intervention sends none of the warners' troops.
        (
            "deployment",
            "Mali and Burkina Faso warned that any military intervention against Niger would "
            "be considered a declaration of war",
        ),
        ("deployment", "toute intervention armée au Niger serait considérée comme une agression"),
        # Defence as a title or as the name of a national army: no tie between states.
        ("alliance", "a delegation led by Russian Deputy Defence Minister Yevkurov held talks"),
        ("alliance", "les Forces de défense et de sécurité ont repoussé l'attaque"),
    ],
)
def test_words_that_name_the_wrong_thing_report_nothing(kind: EventType, text: str) -> None:
    assert not reports(kind, text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # Beside the figures above, the same words still report the event.
        ("sanction", "ECOWAS suspended Mali and banned flights to Bamako"),
        ("coup", "the junta that seized power in July"),
        ("deployment", "ECOWAS activated its standby force"),
        ("deployment", "the military rulers ordered the 1,500 French soldiers to leave"),
        ("deployment", "the military government asked Russian instructors to come"),
        ("alliance", "the defence ministers signed a mutual defence pact"),
        ("sanction", "ECOWAS suspended Mali from its institutions"),
        ("coup", "soldiers overthrew President Bazoum in a coup"),
        ("coup", "the constitutional coup charge came a year after the army ousted Condé"),
        ("coup", "un coup d'État militaire a renversé le président"),
        ("coup", "soldiers staged the coup for the second time in a year"),
        ("deployment", "about 1,100 US troops are stationed in Niger"),
        ("deployment", "the drone base near Agadez"),
        ("deployment", "ECOWAS threatened a military intervention in Niger"),
        # Aid, trade or power cut or paused is a sanction's wording.
        ("sanction", "the United States paused certain assistance programmes for Niger"),
        ("sanction", "Nigeria cut power exports to its neighbour"),
        ("sanction", "l'Union européenne a interrompu son aide budgétaire"),
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


@pytest.mark.parametrize(
    ("kind", "stage", "sentence", "ends"),
    [
        (
            "alliance",
            "dissolved",
            "Le 3 août, la junte a dénoncé les accords de coopération.",
            True,
        ),
        ("alliance", "dissolved", "On March 16 the junta revoked the 2012 agreement.", True),
        ("alliance", "left", "Bamako said it was withdrawing from the G5 Sahel.", True),
        ("deployment", "withdrawn", "Macron announced the end of Operation Barkhane.", True),
        (
            "deployment",
            "withdrawing",
            "Berlin decided to bring its contingent, the largest, home.",
            True,
        ),
        ("sanction", "lifted", "ECOWAS lifted the sanctions on Niger.", True),
        (
            "alliance",
            "dissolved",
            "Niger matters to its Western partners, who station troops.",
            False,
        ),
        ("deployment", "withdrawn", "About 1,500 French soldiers are stationed in Niger.", False),
        ("sanction", "lifted", "ECOWAS imposed sanctions on Niger.", False),
        # Not an ending stage: nothing to check.
        ("alliance", "formed", "Niger matters to its Western partners.", True),
        ("coup", "successful", "Soldiers seized power.", True),
    ],
)
def test_an_ending_needs_words_that_state_it(
    kind: EventType, stage: str, sentence: str, ends: bool
) -> None:
    assert (unstated_ending(kind, stage, sentence) is None) is ends

"""A coup's ousted and new leaders, read from the sentence that reports it."""

from __future__ import annotations

import pytest

from nigerwatch.normalize import coup_leaders, leader_country


@pytest.mark.parametrize(
    ("sentence", "ousted", "new"),
    [
        (
            "soldiers of the presidential guard ousted President Mohamed Bazoum on July 26",
            "Mohamed Bazoum",
            None,
        ),
        (
            "Guinea, where soldiers led by Colonel Mamady Doumbouya overthrew President Alpha "
            "Conde in September 2021",
            "Alpha Conde",
            "Mamady Doumbouya",
        ),
        (
            "Le 26 juillet, la garde présidentielle du général Abdourahamane Tiani a séquestré le "
            "président Mohamed Bazoum dans sa résidence de Niamey.",
            "Mohamed Bazoum",
            "Abdourahamane Tiani",
        ),
        (
            "le coup d'État qui a renversé le président Roch Marc Christian Kaboré",
            "Roch Marc Christian Kaboré",
            None,
        ),
        (
            "President Ali Bongo Ondimba was overthrown by officers on Wednesday",
            "Ali Bongo Ondimba",
            None,
        ),
        (
            "Lieutenant-Colonel Paul-Henri Sandaogo Damiba, who was overthrown by fellow "
            "officers on Friday, agreed to resign",
            "Paul-Henri Sandaogo Damiba",
            None,
        ),
        ("le président Mohamed Bazoum, qui a été renversé le 26 juillet", "Mohamed Bazoum", None),
        # No name after the cue: nothing is made up.
        (
            "The junta also said it had foiled a coup attempt by a small group of officers",
            None,
            None,
        ),
        ("soldiers removed the interim civilian leaders in May 2021", None, None),
    ],
)
def test_the_leaders_a_coups_sentence_names(
    sentence: str, ousted: str | None, new: str | None
) -> None:
    assert coup_leaders(sentence) == (ousted, new)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("President Emmanuel Macron", "FRA"),
        ("President Muhammadu Buhari", "NGA"),
        ("Macron", "FRA"),  # a distinctive surname alone
        ("General Abdourahamane Tiani", "NER"),
        ("Captain Ibrahim Traoré", "BFA"),  # accents and titles do not matter
        ("Traoré", None),  # a common surname alone names no one in particular
        ("Nigeria's security forces", None),
    ],
)
def test_a_leader_stands_for_the_state_they_lead(name: str, code: str | None) -> None:
    assert leader_country(name) == code


def test_the_seizures_a_sentence_dates() -> None:
    from nigerwatch.normalize import coup_dates

    assert coup_dates(
        "The junta came to power in an August 2020 coup and tightened its grip in a second "
        "takeover in May 2021."
    ) == ["August 2020", "May 2021"]
    assert coup_dates("Les militaires ont pris le pouvoir en février 2022.") == ["février 2022"]
    assert coup_dates("Goita was sanctioned by ECOWAS in January 2022.") == []


def test_a_leader_is_read_through_punctuation() -> None:
    from nigerwatch.normalize import leader_country

    assert leader_country("President Umaro Sissoco Embalo, who was abroad, returned") == "GNB"

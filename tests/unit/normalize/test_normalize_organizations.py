"""Organisation names and acronyms to canonical acronyms, full names, and mentions in text."""

from __future__ import annotations

import pytest

from nigerwatch.normalize import find_organizations, organization, organization_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ECOWAS", "ECOWAS"),
        ("CEDEAO", "ECOWAS"),
        ("Ecowas", "ECOWAS"),
        ("Economic Community of West African States", "ECOWAS"),
        ("economic community of west african states", "ECOWAS"),
        ("the Economic Community of West African States", "ECOWAS"),
        ("Communauté économique des États de l'Afrique de l'Ouest", "ECOWAS"),
        ("Communaute economique des Etats de l\u2019Afrique de l\u2019Ouest", "ECOWAS"),
        ("la Communauté économique des États de l'Afrique de l'Ouest", "ECOWAS"),
        ("Economic Community of West African States (ECOWAS)", "ECOWAS"),
        ("Communauté économique des États de l'Afrique de l'Ouest (CEDEAO)", "ECOWAS"),
        ("ECOWAS's", "ECOWAS"),
        ("la CEDEAO", "ECOWAS"),
        ("WAEMU", "WAEMU"),
        ("UEMOA", "WAEMU"),
        ("West African Economic and Monetary Union", "WAEMU"),
        ("Union économique et monétaire ouest-africaine", "WAEMU"),
        ("Union economique et monetaire ouest africaine", "WAEMU"),
        ("AU", "AU"),
        ("UA", "AU"),
        ("African Union", "AU"),
        ("the African Union", "AU"),
        ("Union africaine", "AU"),
        ("l'UA", "AU"),
        ("UN", "UN"),
        ("ONU", "UN"),
        ("l\u2019ONU", "UN"),
        ("United Nations", "UN"),
        ("Nations unies", "UN"),
        ("Organisation des Nations unies", "UN"),
        ("EU", "EU"),
        ("UE", "EU"),
        ("European Union", "EU"),
        ("Union européenne", "EU"),
        ("AES", "AES"),
        ("Alliance of Sahel States", "AES"),
        ("Alliance des États du Sahel", "AES"),
        ("Alliance des Etats du Sahel", "AES"),
        ("Confederation of Sahel States", "AES"),
        ("Confédération des États du Sahel", "AES"),
        ("Sahel States Alliance", "AES"),
        ("Alliance of Sahel States (AES)", "AES"),
        ("ECCAS", "ECCAS"),
        ("CEEAC", "ECCAS"),
        ("Economic Community of Central African States", "ECCAS"),
        ("Communauté économique des États de l'Afrique centrale", "ECCAS"),
        ("G5 Sahel", "G5 Sahel"),
        ("G5-Sahel", "G5 Sahel"),
        # The codes the labelled dev set uses.
        ("UN Security Council", "UNSC"),
        ("Conseil de sécurité des Nations unies", "UNSC"),
        ("AU Peace and Security Council", "AU PSC"),
        ("Multinational Joint Task Force", "MNJTF"),
        ("Force multinationale mixte", "MNJTF"),
        ("ECOWAS Standby Force", "ECOWAS Standby Force"),
        ("la force en attente de la CEDEAO", "ECOWAS Standby Force"),
        ("BCEAO", "BCEAO"),
        ("Banque centrale des États de l'Afrique de l'Ouest", "BCEAO"),
        ("OIF", "OIF"),
        ("Organisation internationale de la Francophonie", "OIF"),
        ("Liptako-Gourma Authority", "Liptako-Gourma Authority"),
        ("Autorité du Liptako-Gourma", "Liptako-Gourma Authority"),
        ("Wagner", "WAGNER"),
        ("the Wagner Group", "WAGNER"),
        ("groupe Wagner", "WAGNER"),
        ("Africa Corps", "AFRICA CORPS"),
        ("Barkhane", "BARKHANE"),
        ("opération Barkhane", "BARKHANE"),
        ("Takuba", "TAKUBA"),
        ("Task Force Takuba", "TAKUBA"),
        ("G5S", "G5 Sahel"),
        ("World Bank", "World Bank"),
        ("the World Bank", "World Bank"),
        ("Banque mondiale", "World Bank"),
        ("la Banque mondiale", "World Bank"),
        ("IMF", "IMF"),
        ("FMI", "IMF"),
        ("International Monetary Fund", "IMF"),
        ("NATO", "NATO"),
        ("OTAN", "NATO"),
        ("l'Otan", "NATO"),
        ("MINUSMA", "MINUSMA"),
        ("Minusma", "MINUSMA"),
        # ECOWAS's summit, as wire stories name it.
        ("West African leaders", "ECOWAS"),
        ("Les dirigeants ouest-africains", "ECOWAS"),
    ],
)
def test_organization(name: str, expected: str) -> None:
    assert organization(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Niger",
        "Sahel",
        "Liptako-Gourma",  # a region (and the AES charter's name), not the Authority
        # Short acronyms are words in lower case, and acronyms are never fuzzy-matched.
        "un",
        "au",
        "ua",
        "ue",
        "aes",
        "ECOWAZ",
        "ECOWA",
        "CEDEA",
        "UEMAO",
        # The two parts of "Name (ACRONYM)" must agree.
        "African Union (ECOWAS)",
    ],
)
def test_organization_none(name: str) -> None:
    assert organization(name) is None


@pytest.mark.parametrize(
    ("acronym", "english", "french"),
    [
        (
            "ECOWAS",
            "Economic Community of West African States",
            "Communauté économique des États de l'Afrique de l'Ouest",
        ),
        (
            "WAEMU",
            "West African Economic and Monetary Union",
            "Union économique et monétaire ouest-africaine",
        ),
        ("AU", "African Union", "Union africaine"),
        ("UN", "United Nations", "Organisation des Nations unies"),
        ("EU", "European Union", "Union européenne"),
        ("AES", "Alliance of Sahel States", "Alliance des États du Sahel"),
        (
            "ECCAS",
            "Economic Community of Central African States",
            "Communauté économique des États de l'Afrique centrale",
        ),
        ("World Bank", "World Bank", "Banque mondiale"),
        ("IMF", "International Monetary Fund", "Fonds monétaire international"),
        (
            "NATO",
            "North Atlantic Treaty Organization",
            "Organisation du traité de l'Atlantique nord",
        ),
    ],
)
def test_organization_name(acronym: str, english: str, french: str) -> None:
    assert organization_name(acronym) == english
    assert organization_name(acronym, "en") == english
    assert organization_name(acronym, "fr") == french


def test_organization_name_accepts_any_known_form() -> None:
    assert organization_name("CEDEAO", "fr") == (
        "Communauté économique des États de l'Afrique de l'Ouest"
    )


def test_every_canonical_name_maps_back_to_its_acronym() -> None:
    for acronym in ("ECOWAS", "WAEMU", "AU", "UN", "EU", "AES", "ECCAS", "G5 Sahel", "MINUSMA"):
        assert organization(organization_name(acronym, "en")) == acronym
        assert organization(organization_name(acronym, "fr")) == acronym


def test_organization_name_unknown_acronym() -> None:
    with pytest.raises(ValueError, match="unknown organisation 'XYZ'"):
        organization_name("XYZ")


def test_organization_name_unknown_language() -> None:
    with pytest.raises(ValueError, match="language"):
        organization_name("ECOWAS", "de")  # type: ignore[arg-type]


def _found(text: str) -> list[tuple[str, str]]:
    return [(mention.code, mention.surface) for mention in find_organizations(text)]


def test_find_organizations_offsets_index_the_original_text() -> None:
    text = "La CEDEAO et l\u2019Union africaine; ECOWAS, the UN and the AES."
    mentions = find_organizations(text)
    assert [m.code for m in mentions] == ["ECOWAS", "AU", "ECOWAS", "UN", "AES"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


def test_find_organizations_full_name_and_acronym() -> None:
    text = "the Economic Community of West African States (ECOWAS) imposed sanctions"
    assert _found(text) == [
        ("ECOWAS", "Economic Community of West African States"),
        ("ECOWAS", "ECOWAS"),
    ]


def test_find_organizations_french_words_are_not_acronyms() -> None:
    text = "Un soldat est arrivé au camp; un accord, aes, ua, ue, eu, au revoir."
    assert _found(text) == []


def test_find_organizations_acronyms_are_case_sensitive() -> None:
    assert _found("l'ONU et l'UE, mais pas un ni au") == [("UN", "ONU"), ("EU", "UE")]
    # The longest name wins: the Security Council, not the UN inside it.
    assert _found("le Conseil de sécurité de l'ONU") == [("UNSC", "Conseil de sécurité de l'ONU")]


def test_find_organizations_longest_name_wins() -> None:
    assert _found("l'Organisation des Nations unies et les Nations unies") == [
        ("UN", "Organisation des Nations unies"),
        ("UN", "Nations unies"),
    ]
    assert _found(
        "the United Nations Multidimensional Integrated Stabilization Mission in Mali"
    ) == [("MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali")]


def test_find_organizations_accents_and_hyphens() -> None:
    text = "Alliance des Etats du Sahel, Union économique et monétaire ouest africaine, G5-Sahel"
    assert [code for code, _ in _found(text)] == ["AES", "WAEMU", "G5 Sahel"]


def test_find_organizations_whole_words_only() -> None:
    assert _found("UNICEF, EUROPOL, AUX, ECOWASX") == []


def test_the_liptako_gourma_charter_is_not_the_authority() -> None:
    # Seed 001: "la charte du Liptako-Gourma, qui institue l'Alliance des États du Sahel".
    text = "la charte du Liptako-Gourma, qui institue l'Alliance des États du Sahel (AES)"
    assert [m.code for m in find_organizations(text)] == ["AES", "AES"]


def test_the_longest_name_wins_for_the_standby_force() -> None:
    text = "ECOWAS activated the ECOWAS Standby Force."
    assert [m.code for m in find_organizations(text)] == ["ECOWAS", "ECOWAS Standby Force"]

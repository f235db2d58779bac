"""Country names, demonyms and cities to ISO 3166-1 alpha-3, and countries in free text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nigerwatch import normalize
from nigerwatch.normalize import Mention, city_country, country, find_countries, seat_country


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Niger and Nigeria, in both directions and both languages.
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Nigerien", "NER"),
        ("Nigérien", "NER"),
        ("Nigériens", "NER"),
        ("Nigérienne", "NER"),
        ("Nigériennes", "NER"),
        ("Nigerian", "NGA"),
        ("Nigerians", "NGA"),
        ("nigérian", "NGA"),
        ("Nigérianes", "NGA"),
        ("Nigéria", "NGA"),
        ("Republic of Niger", "NER"),
        ("République du Niger", "NER"),
        ("Federal Republic of Nigeria", "NGA"),
        ("Niger's", "NER"),
        ("Niger\u2019s", "NER"),
        ("the Niger", "NER"),
        ("  NIGER  ", "NER"),
        ("le Niger", "NER"),
        # The Sahel and West Africa.
        ("Tchad", "TCD"),
        ("Chad", "TCD"),
        ("Tchadiennes", "TCD"),
        ("Chadian", "TCD"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Côte-d'Ivoire", "CIV"),
        ("la Côte d'Ivoire", "CIV"),
        ("Ivoirienne", "CIV"),
        ("Burkina", "BFA"),
        ("Burkina Faso", "BFA"),
        ("Burkina-Faso", "BFA"),
        ("Burkinabè", "BFA"),
        ("Burkinabé", "BFA"),
        ("Burkinabe", "BFA"),
        ("Mali", "MLI"),
        ("Maliennes", "MLI"),
        ("Senegal", "SEN"),
        ("Sénégalaise", "SEN"),
        ("Bénin", "BEN"),
        ("Guinée", "GIN"),
        ("Guinea", "GIN"),
        ("Guinean", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea Bissau", "GNB"),
        ("Guinée-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("The Gambia", "GMB"),
        ("Sierra Leone", "SLE"),
        ("Liberia", "LBR"),
        ("Mauritanie", "MRT"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Cameroun", "CMR"),
        ("Centrafrique", "CAF"),
        ("Central African Republic", "CAF"),
        ("Soudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Libye", "LBY"),
        ("l'Algérie", "DZA"),
        ("Maroc", "MAR"),
        ("Tunisia", "TUN"),
        ("Egypt", "EGY"),
        # Outside powers.
        ("France", "FRA"),
        ("French", "FRA"),
        ("Françaises", "FRA"),
        ("United States", "USA"),
        ("the United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("American", "USA"),
        ("États-Unis", "USA"),
        ("Etats-Unis", "USA"),
        ("les États-Unis", "USA"),
        ("Américaines", "USA"),
        ("Russia", "RUS"),
        ("Russie", "RUS"),
        ("Russes", "RUS"),
        ("Chine", "CHN"),
        ("Chinois", "CHN"),
        ("Türkiye", "TUR"),
        ("Turquie", "TUR"),
        ("Turc", "TUR"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Royaume-Uni", "GBR"),
        ("Britannique", "GBR"),
        ("Allemagne", "DEU"),
        ("Italie", "ITA"),
        ("Spain", "ESP"),
        ("Belgium", "BEL"),
        ("Canada", "CAN"),
        ("Ukraine", "UKR"),
        ("Iran", "IRN"),
        ("Israel", "ISR"),
        ("Qatar", "QAT"),
        ("UAE", "ARE"),
        ("Emirates", "ARE"),
        ("Saudi Arabia", "SAU"),
        ("Rwanda", "RWA"),
        ("South Africa", "ZAF"),
        # Upper-case alpha-3 codes and ISO 3166 names outside the curated table.
        ("NER", "NER"),
        ("NGA", "NGA"),
        ("BFA", "BFA"),
        ("Viet Nam", "VNM"),
        ("Bolivia", "BOL"),
    ],
)
def test_country(name: str, expected: str) -> None:
    assert country(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        # Not countries.
        "West Africa",
        "Sahel",
        "Niamey",
        "ECOWAS",
        "Niger Delta",
        "Lake Chad",
        "",
        "   ",
        # Two-letter codes are ambiguous between ISO and GDELT's FIPS (NG is Niger in FIPS).
        "NG",
        "NE",
        "NI",
        # Alpha-3 codes and abbreviations count only in upper case: "us" is a word.
        "ner",
        "us",
        "car",
        # Too close to two countries to pick one.
        "Nigeri",
    ],
)
def test_country_none(name: str) -> None:
    assert country(name) is None


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Nigerr", "NER"),  # one letter from Niger, far from Nigeria: documented as NER
        ("Nigeriaa", "NGA"),
        ("Senegall", "SEN"),
        ("Mauritaniaa", "MRT"),
    ],
)
def test_country_fuzzy_typos(typo: str, expected: str) -> None:
    assert country(typo) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # French ISO names from pycountry's catalogue, for countries the curated table lacks.
        ("Inde", "IND"),
        ("l'Inde", "IND"),
        ("Irak", "IRQ"),
        ("Syrie", "SYR"),
        ("Brésil", "BRA"),
        ("République fédérale du Brésil", "BRA"),
        ("Suisse", "CHE"),
        ("Corée du Sud", "KOR"),
        ("Iran, République islamique d'", "IRN"),
        # The curated table still wins, and the Niger/Nigeria guards still hold.
        ("Niger", "NER"),
        ("Nigéria", "NGA"),
        ("République du Niger", "NER"),
    ],
)
def test_country_french_iso_names(name: str, expected: str) -> None:
    assert country(name) == expected


@pytest.mark.parametrize("name", ["Niger State", "État du Niger", "Delta du Niger", "Corée"])
def test_country_french_names_add_no_false_match(name: str) -> None:
    # "Corée" alone is North or South Korea: the head of two French ISO names is no answer.
    assert country(name) is None


def test_country_typo_of_niger_never_becomes_nigeria() -> None:
    for typo in ("Nigerr", "Nigre", "Nigeer", "Niiger"):
        assert country(typo) in ("NER", None), typo


def test_country_typo_of_nigeria_never_becomes_niger() -> None:
    for typo in ("Nigeriaa", "Nigerai", "Niggeria", "Nigreia"):
        assert country(typo) in ("NGA", None), typo


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Niamey", "NER"),
        ("Agadez", "NER"),
        ("Zinder", "NER"),
        ("Maradi", "NER"),
        ("Tahoua", "NER"),
        ("Dosso", "NER"),
        ("Diffa", "NER"),
        ("Tillabéri", "NER"),
        ("Tillaberi", "NER"),
        ("Arlit", "NER"),
        ("Ouallam", "NER"),
        ("Bamako", "MLI"),
        ("Gao", "MLI"),
        ("Timbuktu", "MLI"),
        ("Tombouctou", "MLI"),
        ("Kidal", "MLI"),
        ("Mopti", "MLI"),
        ("Ménaka", "MLI"),
        ("Menaka", "MLI"),
        ("Tessalit", "MLI"),
        ("Ouagadougou", "BFA"),
        ("Bobo-Dioulasso", "BFA"),
        ("Bobo Dioulasso", "BFA"),
        ("Djibo", "BFA"),
        ("Abuja", "NGA"),
        ("Lagos", "NGA"),
        ("Kano", "NGA"),
        ("Maiduguri", "NGA"),
        ("N'Djamena", "TCD"),
        ("N\u2019Djamena", "TCD"),
        ("Ndjamena", "TCD"),
        ("Dakar", "SEN"),
        ("Abidjan", "CIV"),
        ("Accra", "GHA"),
        ("Lomé", "TGO"),
        ("Lome", "TGO"),
        ("Cotonou", "BEN"),
        ("Porto-Novo", "BEN"),
        ("Conakry", "GIN"),
        ("Nouakchott", "MRT"),
        ("Bissau", "GNB"),
        ("Banjul", "GMB"),
        ("Freetown", "SLE"),
        ("Monrovia", "LBR"),
        ("Yaoundé", "CMR"),
        ("Tripoli", "LBY"),
        ("Algiers", "DZA"),
        ("Alger", "DZA"),
        ("Rabat", "MAR"),
        ("Le Caire", "EGY"),
        ("Agadez region", "NER"),
        ("la région de Tillabéri", "NER"),
        ("Niamey's", "NER"),
    ],
)
def test_city_country(name: str, expected: str) -> None:
    assert city_country(name) == expected


@pytest.mark.parametrize("name", ["Niger", "Sahel", "West Africa", "Atlantis", ""])
def test_city_country_none(name: str) -> None:
    assert city_country(name) is None


def _codes(text: str) -> list[str]:
    return [mention.code for mention in find_countries(text)]


def test_find_countries_offsets_index_the_original_text() -> None:
    text = (
        "Les soldats nigériens et la Côte d\u2019Ivoire; Niger\u2019s junta and the U.S. embassy."
    )
    mentions = find_countries(text)
    assert [m.code for m in mentions] == ["NER", "CIV", "NER", "USA"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
    assert mentions[2] == Mention("NER", text.index("Niger\u2019s"), text.index("\u2019s"), "Niger")


def test_find_countries_niger_is_not_inside_nigeria() -> None:
    assert _codes("Nigeria and Niger; Nigerians, Nigeriens, Nigerian, Nigerien.") == [
        "NGA",
        "NER",
        "NGA",
        "NER",
        "NGA",
        "NER",
    ]


def test_find_countries_nigerian_is_not_nigerien() -> None:
    assert _codes("the Nigerien army") == ["NER"]
    assert _codes("the Nigerian army") == ["NGA"]


def test_find_countries_longest_name_wins() -> None:
    mentions = find_countries("Guinea-Bissau and Guinea, South Sudan and Sudan.")
    assert [(m.code, m.surface) for m in mentions] == [
        ("GNB", "Guinea-Bissau"),
        ("GIN", "Guinea"),
        ("SSD", "South Sudan"),
        ("SDN", "Sudan"),
    ]


def test_find_countries_multi_word_and_french_names() -> None:
    text = "Burkina Faso, les États-Unis, le Royaume-Uni, la République centrafricaine, Tchad."
    assert _codes(text) == ["BFA", "USA", "GBR", "CAF", "TCD"]


def test_find_countries_us_only_in_upper_case() -> None:
    assert _codes("Let us hope the US and the UK told us.") == ["USA", "GBR"]
    assert _codes("us, uk, usa, uae") == []


def test_find_countries_skips_places_named_after_countries() -> None:
    assert _codes("Oil from the Niger Delta and fishing on Lake Chad.") == []
    assert _codes("Niger State in Nigeria") == ["NGA"]


def test_find_countries_case_and_accents() -> None:
    assert _codes("NIGER, niger, BURKINABÈ, burkinabe, COTE D'IVOIRE") == [
        "NER",
        "NER",
        "BFA",
        "BFA",
        "CIV",
    ]


def test_find_countries_whole_words_only() -> None:
    assert _codes("Malignant, Chadwick, Frenchified, Nigerr, Togolander") == []
    assert _codes("anti-French protests, pro-Russian flags") == ["FRA", "RUS"]


def test_find_countries_empty_text() -> None:
    assert find_countries("") == []


def test_find_countries_on_a_long_article() -> None:
    # Its speed is measured by benchmarks/bench_pipeline.py, not asserted here.
    sentence = "Niger\u2019s junta rejected the ECOWAS deadline; French troops left Niamey. "
    text = (sentence * 70)[:5000]
    mentions = find_countries(text)
    assert len(mentions) > 100
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert {m.code for m in mentions} == {"NER", "FRA"}


def test_public_api_is_sorted_and_complete() -> None:
    assert normalize.__all__ == sorted(normalize.__all__)
    assert all(hasattr(normalize, name) for name in normalize.__all__)


def test_import_leaves_slow_dependencies_unloaded() -> None:
    src = str(Path(normalize.__file__).resolve().parents[2])
    code = (
        "import sys, nigerwatch.normalize; "
        "print(sorted({'dateparser', 'pycountry', 'rapidfuzz'} & set(sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_seat_of_government_stands_for_its_state() -> None:
    assert seat_country("Bamako") == "MLI"
    assert seat_country("N'Djamena") == "TCD"
    assert seat_country("Paris") == "FRA"
    assert seat_country("Agadez") is None  # a city, not a government
    assert seat_country("Brussels") is None  # the EU as often as Belgium
    assert seat_country("Mali") is None

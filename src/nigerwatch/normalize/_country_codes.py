"""Country code crosswalks: ISO 3166-1 alpha-3 to the codes other datasets join on.

* ISO 3166-1 alpha-2 and numeric: pycountry (the ISO 3166 database). ACLED's ``iso`` column is
  the numeric code as a number (Angola ``24``, not ``"024"``).
* Correlates of War state number and abbreviation (``ccode``, ``stateabb``): the COW State
  System Membership list, v2016 (``states2016.csv``); Powell & Thyne's coup dataset uses these
  numbers. Germany is ``255`` (the unified state), never ``260`` (the German Federal Republic).
* FIPS 10-4, the two-letter codes of GDELT's geography fields: checked against Wikidata's
  "FIPS 10-4" property for Niger (``NG``) and Mali (``ML``) and against published GDELT lookup
  tables. South Sudan became independent after FIPS 10-4 was withdrawn; ``OD`` is its code in
  GEC, the successor list GDELT follows. FIPS ``NG`` is Niger and ``NI`` Nigeria, while ISO
  ``NG`` is Nigeria; FIPS ``CD`` is Chad, ISO ``CD`` DR Congo.

COW and FIPS are curated, not converted: the table below covers every country the normalizer
names (West, Central and North Africa and the outside powers) plus a few the French ISO names
bring in. The generic converters tried (country_converter, hdx-python-country) map "Niger
State" and "Niger Delta" to NER, "Benin City" to BEN and ``NG`` to Nigeria.
"""

from __future__ import annotations

import functools
from typing import NamedTuple


class CountryCodes(NamedTuple):
    """One country under every code scheme nigerwatch knows.

    Attributes:
        alpha3: ISO 3166-1 alpha-3 (what records carry), e.g. ``"NER"``.
        alpha2: ISO 3166-1 alpha-2, e.g. ``"NE"``.
        iso_numeric: ISO 3166-1 numeric as a number, ACLED's ``iso``, e.g. ``562``.
        cow: Correlates of War state number, e.g. ``436`` (None when not curated).
        cow_abbr: Correlates of War state abbreviation, e.g. ``"NIR"``.
        fips: FIPS 10-4 code, as in GDELT, e.g. ``"NG"`` (None when not curated).
    """

    alpha3: str
    alpha2: str
    iso_numeric: int
    cow: int | None
    cow_abbr: str | None
    fips: str | None


COW_AND_FIPS: dict[str, tuple[int, str, str]] = {
    # alpha-3: (COW ccode, COW stateabb, FIPS 10-4)
    # West Africa and the Sahel.
    "NER": (436, "NIR", "NG"),
    "NGA": (475, "NIG", "NI"),
    "MLI": (432, "MLI", "ML"),
    "BFA": (439, "BFO", "UV"),
    "TCD": (483, "CHA", "CD"),
    "SEN": (433, "SEN", "SG"),
    "CIV": (437, "CDI", "IV"),
    "GHA": (452, "GHA", "GH"),
    "TGO": (461, "TOG", "TO"),
    "BEN": (434, "BEN", "BN"),
    "GIN": (438, "GUI", "GV"),
    "GNB": (404, "GNB", "PU"),
    "GMB": (420, "GAM", "GA"),
    "SLE": (451, "SIE", "SL"),
    "LBR": (450, "LBR", "LI"),
    "CPV": (402, "CAP", "CV"),
    "MRT": (435, "MAA", "MR"),
    # North Africa and the Nile.
    "SDN": (625, "SUD", "SU"),
    "SSD": (626, "SSD", "OD"),
    "LBY": (620, "LIB", "LY"),
    "DZA": (615, "ALG", "AG"),
    "MAR": (600, "MOR", "MO"),
    "TUN": (616, "TUN", "TS"),
    "EGY": (651, "EGY", "EG"),
    # Central and Southern Africa.
    "CMR": (471, "CAO", "CM"),
    "CAF": (482, "CEN", "CT"),
    "GAB": (481, "GAB", "GB"),
    "GNQ": (411, "EQG", "EK"),
    "COG": (484, "CON", "CF"),
    "COD": (490, "DRC", "CG"),
    "AGO": (540, "ANG", "AO"),
    "BDI": (516, "BUI", "BY"),
    "RWA": (517, "RWA", "RW"),
    "STP": (403, "STP", "TP"),
    "ZAF": (560, "SAF", "SF"),
    # Outside powers and partners.
    "FRA": (220, "FRN", "FR"),
    "USA": (2, "USA", "US"),
    "RUS": (365, "RUS", "RS"),
    "CHN": (710, "CHN", "CH"),
    "TUR": (640, "TUR", "TU"),
    "GBR": (200, "UKG", "UK"),
    "DEU": (255, "GMY", "GM"),
    "ITA": (325, "ITA", "IT"),
    "ESP": (230, "SPN", "SP"),
    "PRT": (235, "POR", "PO"),
    "BEL": (211, "BEL", "BE"),
    "NLD": (210, "NTH", "NL"),
    "DNK": (390, "DEN", "DA"),
    "SWE": (380, "SWD", "SW"),
    "CAN": (20, "CAN", "CA"),
    "UKR": (369, "UKR", "UP"),
    "IRN": (630, "IRN", "IR"),
    "ISR": (666, "ISR", "IS"),
    "QAT": (694, "QAT", "QA"),
    "ARE": (696, "UAE", "AE"),
    "SAU": (670, "SAU", "SA"),
    "JPN": (740, "JPN", "JA"),
    "PNG": (910, "PNG", "PP"),
    "IND": (750, "IND", "IN"),
    "IRQ": (645, "IRQ", "IZ"),
    "SYR": (652, "SYR", "SY"),
    "BRA": (140, "BRA", "BR"),
}
"""Curated COW and FIPS codes (sources in the module docstring)."""


@functools.lru_cache(maxsize=512)
def country_codes(alpha3: str) -> CountryCodes | None:
    """Every code of the country with this ISO 3166-1 alpha-3 code.

    Args:
        alpha3: An alpha-3 code as records carry it, e.g. ``"NER"``.

    Returns:
        Its codes (COW and FIPS None when not in the curated table), or None when ``alpha3``
        is not an ISO 3166-1 country.
    """
    import pycountry  # noqa: PLC0415 - loading the ISO database is slow: only when needed

    record = pycountry.countries.get(alpha_3=alpha3) if len(alpha3) == 3 else None
    if record is None:
        return None
    cow, cow_abbr, fips = COW_AND_FIPS.get(alpha3, (None, None, None))
    return CountryCodes(alpha3, record.alpha_2, int(record.numeric), cow, cow_abbr, fips)

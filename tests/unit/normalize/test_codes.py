"""Code crosswalks: every mapping checked against its documented source."""

from __future__ import annotations

import datetime as dt
import re
import typing

import pytest

from nigerwatch.normalize import (
    acled_date,
    country_codes,
    event_codes,
    gsdb_type,
    organization_wikidata,
    resolve_date,
)
from nigerwatch.normalize._country_codes import COW_AND_FIPS
from nigerwatch.normalize._country_names import ALIASES
from nigerwatch.normalize._event_codes import CAMEO_LABELS, GSDB_TYPES
from nigerwatch.schemas import (
    Actor,
    Alliance,
    Coup,
    Deployment,
    Evidence,
    Sanction,
    SanctionMeasure,
    SanctionStatus,
)

EVIDENCE = [Evidence(quote="x", start=0, end=1, match="exact", score=100.0)]
FRANCE = Actor(name="France", kind="state", country="FRA")
ECOWAS = Actor(name="ECOWAS", kind="organization", organization="ECOWAS")


# -- countries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alpha3", "cow", "fips"),
    [
        # COW states2016.csv and FIPS 10-4 as GDELT uses it.
        ("NER", 436, "NG"),
        ("NGA", 475, "NI"),
        ("MLI", 432, "ML"),
        ("BFA", 439, "UV"),
        ("TCD", 483, "CD"),
        ("GIN", 438, "GV"),
        ("FRA", 220, "FR"),
        ("USA", 2, "US"),
        ("RUS", 365, "RS"),
        ("DEU", 255, "GM"),
        ("GBR", 200, "UK"),
        ("CHN", 710, "CH"),
        ("TUR", 640, "TU"),
    ],
)
def test_cow_and_fips(alpha3: str, cow: int, fips: str) -> None:
    codes = country_codes(alpha3)
    assert codes is not None
    assert (codes.cow, codes.fips) == (cow, fips)


def test_iso_codes_come_from_the_iso_database() -> None:
    niger, nigeria, angola = country_codes("NER"), country_codes("NGA"), country_codes("AGO")
    assert niger is not None
    assert nigeria is not None
    assert angola is not None
    assert (niger.alpha2, niger.iso_numeric, niger.cow_abbr) == ("NE", 562, "NIR")
    assert (nigeria.alpha2, nigeria.iso_numeric, nigeria.cow_abbr) == ("NG", 566, "NIG")
    assert angola.iso_numeric == 24  # ACLED's iso is a number: no leading zero


def test_two_letter_codes_mean_different_countries_in_iso_and_fips() -> None:
    # ISO NG is Nigeria, FIPS NG is Niger; ISO CD is DR Congo, FIPS CD is Chad.
    by_alpha2 = {c.alpha2: c.alpha3 for a3 in COW_AND_FIPS if (c := country_codes(a3))}
    by_fips = {fips: alpha3 for alpha3, (_, _, fips) in COW_AND_FIPS.items()}
    assert (by_alpha2["NG"], by_fips["NG"]) == ("NGA", "NER")
    assert (by_alpha2["CD"], by_fips["CD"]) == ("COD", "TCD")
    assert by_fips["NI"] == "NGA"


def test_every_country_the_normalizer_names_has_cow_and_fips() -> None:
    assert set(ALIASES) <= set(COW_AND_FIPS)


def test_curated_codes_are_unique_and_well_formed() -> None:
    cows = [cow for cow, _, _ in COW_AND_FIPS.values()]
    abbrs = [abbr for _, abbr, _ in COW_AND_FIPS.values()]
    fips = [f for _, _, f in COW_AND_FIPS.values()]
    assert len(set(cows)) == len(cows)
    assert len(set(abbrs)) == len(abbrs)
    assert len(set(fips)) == len(fips)
    assert all(re.fullmatch(r"[A-Z]{2}", f) for f in fips)
    assert all(re.fullmatch(r"[A-Z]{3}", a) for a in abbrs)
    assert all(country_codes(a3) is not None for a3 in COW_AND_FIPS)


def test_countries_outside_the_table_keep_their_iso_codes_only() -> None:
    swiss = country_codes("CHE")
    assert swiss is not None
    assert (swiss.alpha2, swiss.cow, swiss.fips) == ("CH", None, None)
    assert country_codes("XXX") is None
    assert country_codes("NE") is None  # alpha-2 is not an input


# -- events ------------------------------------------------------------------------------------


def sanction(status: SanctionStatus) -> Sanction:
    return Sanction(
        id="", imposers=[ECOWAS], target_country="NER", status=status, evidence=EVIDENCE
    )


def deployment(status: str) -> Deployment:
    return Deployment.model_validate(
        {
            "id": "",
            "deploying_party": FRANCE,
            "host_country": "NER",
            "status": status,
            "evidence": EVIDENCE,
        }
    )


def alliance(kind: str, status: str) -> Alliance:
    return Alliance.model_validate(
        {"id": "", "members": [FRANCE], "kind": kind, "status": status, "evidence": EVIDENCE}
    )


def test_coups_have_no_cameo_code_and_no_plover_event() -> None:
    codes = event_codes(Coup(id="", country="NER", outcome="successful", evidence=EVIDENCE))
    assert (codes.cameo, codes.plover_event) == (None, None)
    assert codes.plover_context == "pro_autocracy"  # PLOVER manual: coups are pro-autocracy


@pytest.mark.parametrize(
    ("status", "cameo", "plover", "mode"),
    [
        ("threatened", "1312", "THREATEN", "restrict"),
        ("imposed", "163", "SANCTION", "discontinue"),
        ("eased", "085", "RETREAT", None),
        ("lifted", "085", "RETREAT", None),
    ],
)
def test_sanction_codes(status: SanctionStatus, cameo: str, plover: str, mode: str | None) -> None:
    codes = event_codes(sanction(status))
    assert (codes.cameo, codes.plover_event, codes.plover_mode) == (cameo, plover, mode)
    assert codes.cameo_label == CAMEO_LABELS[cameo]


def test_cameo_163_is_impose_sanctions() -> None:
    assert event_codes(sanction("imposed")).cameo_label == "Impose embargo, boycott, or sanctions"


@pytest.mark.parametrize(
    ("status", "cameo", "plover"),
    [
        ("threatened", "138", "THREATEN"),
        ("arrived", "154", "MOBILIZE"),
        ("reinforced", "154", "MOBILIZE"),
        ("withdrawn", "0874", "RETREAT"),
        # Statuses that do not say which code applies get none.
        ("planned", None, None),
        ("announced", None, None),
        ("withdrawing", None, None),
    ],
)
def test_deployment_codes(status: str, cameo: str | None, plover: str | None) -> None:
    codes = event_codes(deployment(status))
    assert (codes.cameo, codes.plover_event) == (cameo, plover)


@pytest.mark.parametrize(
    ("kind", "status", "cameo", "plover"),
    [
        ("mutual_defense", "formed", "057", "SUPPORT"),
        ("mutual_defense", "proposed", "0312", "AGREE"),
        ("economic", "proposed", "0311", "AGREE"),
        ("political", "proposed", "030", "AGREE"),
        ("solidarity_statement", "announced", None, "SUPPORT"),
        ("confederation", "left", None, "SANCTION"),
        ("withdrawal", "announced", None, "SANCTION"),
        ("political", "dissolved", None, None),
    ],
)
def test_alliance_codes(kind: str, status: str, cameo: str | None, plover: str | None) -> None:
    codes = event_codes(alliance(kind, status))
    assert (codes.cameo, codes.plover_event) == (cameo, plover)


def test_every_assigned_cameo_code_has_its_label() -> None:
    statuses = typing.get_args(SanctionStatus)
    for status in statuses:
        code = event_codes(sanction(status)).cameo
        assert code is None or code in CAMEO_LABELS


def test_every_measure_has_a_gsdb_entry() -> None:
    assert set(GSDB_TYPES) == set(typing.get_args(SanctionMeasure))
    assert gsdb_type("asset_freeze") == "financial"
    assert gsdb_type("arms_embargo") == "arms"
    assert gsdb_type("travel_ban") == "travel"
    assert gsdb_type("trade_suspension") == "trade"
    assert gsdb_type("aid_suspension") is None  # unclear: left out


def test_acled_dates_keep_only_the_precisions_acled_codes() -> None:
    published = dt.date(2023, 8, 6)
    day = resolve_date("26 July 2023", published)
    month = resolve_date("last month", published)
    assert acled_date(day) == (dt.date(2023, 7, 26), 1)
    assert acled_date(month) == (None, None)
    assert acled_date(None) == (None, None)


# -- organisations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "qid"),
    [
        ("ECOWAS", "Q193272"),
        ("CEDEAO", "Q193272"),
        ("UN", "Q1065"),
        ("UNSC", "Q37470"),
        ("AU", "Q7159"),
        ("EU", "Q458"),
        ("MNJTF", "Q19429054"),
        ("BCEAO", "Q620942"),
        ("OIF", "Q134102"),
        ("ECCAS", "Q189966"),
        # Not checked here: left out rather than guessed.
        ("WAGNER", None),
        ("AES", None),
        ("nothing known", None),
    ],
)
def test_organization_wikidata(acronym: str, qid: str | None) -> None:
    assert organization_wikidata(acronym) == qid

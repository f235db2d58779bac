"""Sanction measures read from the sentence that reports the sanction (English and French)."""

from __future__ import annotations

import pytest

from nigerwatch.normalize import sanction_measures


@pytest.mark.parametrize(
    ("sentence", "measures"),
    [
        (
            "ECOWAS closed the borders of its member states with Niger, suspended financial "
            "transactions with the country and declared a no-fly zone",
            ["border_closure", "financial_transactions_suspension", "no_fly_zone"],
        ),
        (
            "la CEDEAO a décrété la fermeture des frontières, le gel des avoirs de l'État et la "
            "suspension des transactions commerciales et financières",
            [
                "border_closure",
                "trade_suspension",
                "financial_transactions_suspension",
                "asset_freeze",
            ],
        ),
        (
            "France said it was suspending all development aid and budget support to Niger",
            ["aid_suspension"],
        ),
        (
            "Burkina Faso has been suspended from the bloc's decision-making bodies",
            ["membership_suspension"],
        ),
        (
            "son Conseil de paix et de sécurité a suspendu la participation du Mali à toutes les "
            "activités de l'organisation",
            ["membership_suspension"],
        ),
        # A lifting names the measure it ends.
        (
            "Nigeria ordered the reopening of its land and air borders with Niger",
            ["border_closure"],
        ),
        ("Mali's assets in the regional central banks will be unfrozen", ["asset_freeze"]),
        ("The UN Security Council renewed the arms embargo", ["arms_embargo"]),
        # Words that are no measure.
        ("The bloc said it would take all measures needed to restore constitutional order", []),
        ("Traders crossed the border at dawn with cattle and grain", []),
    ],
)
def test_the_measures_a_sentence_names_in_the_schemas_order(
    sentence: str, measures: list[str]
) -> None:
    assert sanction_measures(sentence) == measures

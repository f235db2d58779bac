"""The seed articles read by hand: drafts written from each article's own words.

The library turns them into records exactly as it does a model's drafts (grounding, offsets,
normalization: :func:`nigerwatch.core.canonical.build_records`), so the records are real
nigerwatch output for a careful reader, where the recorded small model misreads several
events (seed 001's coup "in France", seed 004's coup "dated" to the ECOWAS summit). Used by the
consolidation and export tests and the README's analyst examples.
"""

from __future__ import annotations

from typing import Any

from conftest import SEEDS
from nigerwatch import ArticleExtraction, ArticleInfo, ModelInfo, Usage, read_article
from nigerwatch.core.canonical import build_records
from nigerwatch.core.draft import ArticleDraft

NO_EVENTS: dict[str, list[Any]] = {"coups": [], "sanctions": [], "deployments": [], "alliances": []}

NIGER_COUP_001 = {
    "quotes": ["le coup d'État qui a renversé le président Mohamed Bazoum le 26 juillet"],
    "country": "Niger",
    "date": "le 26 juillet",
    "outcome": "successful",
    "perpetrators": [],
    "ousted_leader": "Mohamed Bazoum",
    "new_leader": None,
    "ruling_body": "Conseil national pour la sauvegarde de la patrie",
}

DRAFTS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "000_ff28ba0c9779c2b0.txt": {
        "coups": [
            {
                "quotes": [
                    "President Mohamed Bazoum was overthrown in a coup d\u2019\u00e9tat led by "
                    "the presidential guard"
                ],
                "country": "Niger",
                "date": "last month",  # under a date header of 2023-11-06: 2023-10
                "outcome": "successful",
                "perpetrators": ["presidential guard"],
                "ousted_leader": "Mohamed Bazoum",
                "new_leader": None,
                "ruling_body": "National Council for the Safeguard of the Homeland",
            }
        ],
        "sanctions": [
            {
                "quotes": [
                    "the Economic Community of West African States (ECOWAS) imposed sanctions "
                    "on Niger"
                ],
                "imposers": ["ECOWAS"],
                "target_country": "Niger",
                "target_actors": [],
                "status": "imposed",
                "measures": [],
                "date": None,
            }
        ],
        "deployments": [
            {
                "quotes": ["step down within a week or face possible military intervention"],
                "deploying_party": "ECOWAS",
                "origin_country": None,
                "host_country": "Niger",
                "location": None,
                "troops": None,
                "status": "threatened",
                "purpose": "restore Niger\u2019s democratically elected government",
                "date": None,
            }
        ],
        "alliances": [
            {
                "quotes": [
                    "Neighboring Mali and Burkina Faso have issued a joint statement condemning "
                    "any potential military intervention in Niger"
                ],
                "members": ["Mali", "Burkina Faso"],
                "name": None,
                "kind": "solidarity_statement",
                "status": "announced",
                "date": None,
            }
        ],
    },
    "001_fr_aes_retrait_francais.txt": {
        "coups": [NIGER_COUP_001],
        "sanctions": [
            {
                "quotes": [
                    "L'organisation régionale maintient les sanctions économiques et "
                    "financières imposées au Niger fin juillet"
                ],
                "imposers": ["CEDEAO"],
                "target_country": "Niger",
                "target_actors": [],
                "status": "imposed",
                "measures": ["border_closure", "asset_freeze"],
                "date": "fin juillet",
            }
        ],
        "deployments": [
            {
                "quotes": [
                    "le retrait des militaires français du Niger",
                    "Les quelque 1 500 soldats français déployés dans le pays",
                ],
                "deploying_party": "soldats français",
                "origin_country": "France",
                "host_country": "Niger",
                "location": None,
                "troops": "quelque 1 500 soldats",
                "status": "withdrawing",
                "purpose": "lutter contre les groupes jihadistes",
                "date": "dimanche soir",
            }
        ],
        "alliances": [
            {
                "quotes": [
                    "le 16 septembre, le Mali, le Burkina Faso et le Niger avaient signé à "
                    "Bamako la charte du Liptako-Gourma, qui institue l'Alliance des États du "
                    "Sahel (AES)"
                ],
                "members": ["Mali", "Burkina Faso", "Niger"],
                "name": "Alliance des États du Sahel",
                "kind": "mutual_defense",
                "status": "formed",
                "date": "le 16 septembre",
            }
        ],
    },
    "003_en_us_withdrawal.txt": {
        "deployments": [
            {
                "quotes": [
                    "The United States has completed the withdrawal of its forces from Niger"
                ],
                "deploying_party": "The United States",
                "origin_country": "United States",
                "host_country": "Niger",
                "location": "Agadez",
                "troops": None,
                "status": "withdrawn",
                "purpose": "counterterrorism",
                "date": None,
            },
            {
                "quotes": ["Russian military instructors arrived in Niamey in April"],
                "deploying_party": "Russian military instructors",
                "origin_country": "Russia",
                "host_country": "Niger",
                "location": "Niamey",
                "troops": "about 100 instructors",
                "status": "arrived",
                "purpose": "train the country's armed forces",
                "date": "in April",
            },
        ],
    },
    "004_en_ecowas_lifts_sanctions.txt": {
        "sanctions": [
            {
                "quotes": [
                    "West African leaders on Saturday lifted most of the sanctions imposed on Niger"
                ],
                "imposers": ["Economic Community of West African States"],
                "target_country": "Niger",
                "target_actors": [],
                "status": "lifted",
                "measures": ["border_closure", "financial_transactions_suspension", "asset_freeze"],
                "date": "Saturday",
            },
            {
                "quotes": ["The bloc also lifted sanctions on Guinea"],
                "imposers": ["ECOWAS"],
                "target_country": "Guinea",
                "target_actors": [],
                "status": "lifted",
                "measures": [],
                "date": None,
            },
        ],
    },
}
"""Hand-written drafts of the seed articles with events (002 reports none)."""


def hand_read(name: str, draft: dict[str, list[dict[str, Any]]] | None = None) -> ArticleExtraction:
    """The record of seed ``name`` built by the library from its hand-written draft."""
    article = read_article(SEEDS / name)
    records = build_records(
        ArticleDraft.model_validate({**NO_EVENTS, **(draft or DRAFTS[name])}), article
    )
    assert not records.dropped, records.dropped
    return ArticleExtraction(
        article=ArticleInfo(
            id=article.id,
            published=article.published,
            language=article.language,
            sha256=article.sha256,
            chars=len(article.text),
        ),
        coups=records.coups,
        sanctions=records.sanctions,
        deployments=records.deployments,
        alliances=records.alliances,
        model=ModelInfo(name="read by hand", endpoint="none", mode="none", prompt_version="-"),
        usage=Usage(),
    )


def hand_read_seeds() -> list[ArticleExtraction]:
    """Every seed with events, read by hand."""
    return [hand_read(name) for name in DRAFTS]

"""The sanction measures a sentence names ("closed its borders", « gel des avoirs »).

A small model mostly leaves a sanction's measures out; the sentence that reports the sanction
often names them. These cues, in English and French, read the measures from the text, whatever
the sanction's status: "reopened its borders" names a border closure being lifted.
"""

from __future__ import annotations

import re
from typing import get_args

from nigerwatch.core.text import fold
from nigerwatch.schemas import SanctionMeasure

_CUES: tuple[tuple[SanctionMeasure, str], ...] = (
    (
        "border_closure",
        r"\bclos\w*\b[^.;]{0,40}\bborders?\b|\bborders?\b[^.;]{0,20}\bclos|border closure|"
        r"\breopen\w*\b[^.;]{0,40}\bborders?\b|fermeture des frontieres|\bferm\w*\b[^.;]{0,30}"
        r"\bfrontieres\b|reouverture des frontieres|\brouvr\w*\b[^.;]{0,30}\bfrontieres\b",
    ),
    (
        "no_fly_zone",
        r"no-fly|zone d'exclusion aerienne|\bairspace\b[^.;]{0,20}\bclos|\bclos\w*\b[^.;]{0,30}"
        r"\bairspace\b|\bespace aerien\b[^.;]{0,20}\bferm",
    ),
    (
        "financial_transactions_suspension",
        r"financial transactions|transactions (?:commerciales et )?financieres|"
        r"cut\w* (?:\w+ )?off from the regional central bank",
    ),
    (
        "trade_suspension",
        r"commercial transactions|transactions commerciales|trade (?:suspension|embargo|ban)|"
        r"\bsuspen\w*\b[^.;]{0,20}\btrade\b|echanges commerciaux",
    ),
    (
        "asset_freeze",
        r"\bfr(?:ee|o)z\w*\b[^.;]{0,40}\bassets\b|asset freeze|gel des avoirs|"
        r"\bavoirs\b[^.;]{0,30}\bgel\w*|\bunfrozen\b|\bunfreez\w*|\bdegel\w*",
    ),
    ("travel_ban", r"travel bans?|interdictions? de (?:voyager|voyage)"),
    (
        "aid_suspension",
        r"\b(?:suspen\w*|halt\w*|cut\w*|froze|freez\w*)\b[^.;]{0,50}\b(?:aid|budget support|"
        r"assistance)\b|aide (?:publique )?au developpement|appui budgetaire",
    ),
    (
        "membership_suspension",
        r"\bsuspen\w*\b[^.;]{0,60}\b(?:from|de|des) (?:the bloc|its institutions|its "
        r"decision-making|all (?:the organisation's |au )?activities|toutes les activites|ses "
        r"organes|des organes|ecowas|the african union|l'union africaine|la cedeao)|"
        r"\bsuspended from\b|\bremains? suspended\b|\bsuspendu\w* (?:de|des) (?:ses|la|l')|"
        r"\bsuspen\w*\b[^.;]{0,40}\bparticipation\b",
    ),
    ("arms_embargo", r"arms embargo|embargo sur les armes"),
)
_ORDER = get_args(SanctionMeasure)
_PATTERNS = tuple(
    sorted(((m, re.compile(cue)) for m, cue in _CUES), key=lambda pair: _ORDER.index(pair[0]))
)


def sanction_measures(text: str) -> list[SanctionMeasure]:
    """The measures ``text`` names, in the schema's order ("froze state assets" -> asset_freeze)."""
    folded = fold(text)
    return [measure for measure, pattern in _PATTERNS if pattern.search(folded)]

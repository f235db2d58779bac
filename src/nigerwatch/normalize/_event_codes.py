"""Event codes: CAMEO, PLOVER, ACLED-style dates and GSDB sanction types for nigerwatch records.

Sources, and how each mapping was checked:

* CAMEO codes and labels: the CAMEO 1.1b3 verb codebook (Schrodt, 2012) as tabulated in
  ``CAMEO2PLOVER-2021.txt`` of the openeventdata/PLOVER repository, whose labels agree with
  GDELT's ``CAMEO.eventcodes.txt``. **CAMEO has no code for a coup**: coups are left without one.
* PLOVER event types, modes and contexts: the PLOVER manual (openeventdata/PLOVER,
  ``PLOVER_MANUAL.tex``, draft 2.0). International sanctions are ``SANCTION`` with mode
  ``discontinue`` (the manual's SANCTION modes table says so; the 2021 CAMEO2PLOVER table
  still lists CAMEO 163 under COERCE: the manual is followed). Lifting sanctions is
  ``RETREAT`` with no mode (the 2021 table notes that "ease" is no longer a mode). PLOVER has
  no coup event either; the manual lists coups under the ``pro_autocracy`` context.
* ACLED ``time_precision``: ``1`` for an actual date and ``2`` for a specific week, as the
  acledR package's codebook states them. Its text for ``3`` ("Middle of week or weekend") could
  not be reconciled with month-level dates, so month and year precisions get no ACLED code.
  ``event_date`` is the day, or the first day of the week (which day ACLED itself codes for a
  week is not stated in the codebook text seen here).
* GSDB sanction types (trade, arms, military, financial, travel, other): the six type columns
  of the Global Sanctions Data Base (Felbermayr et al. 2020; Kirilakha et al. 2021). Assigning
  a measure to a type is nigerwatch's reading of those categories; measures whose type is
  unclear (aid suspensions: financial or military assistance; no-fly zones) get none.

Where a status does not say which code applies, none is given rather than a guess: a planned
or announced deployment may be a promise of help (CAMEO 03) or a show of force (CAMEO 15); a
"withdrawing" force may be announcing (PLOVER CONCEDE) or carrying out (RETREAT) its departure.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, NamedTuple

from nigerwatch.schemas import (
    Alliance,
    Coup,
    Deployment,
    Event,
    PartialDate,
    Sanction,
    SanctionMeasure,
)

GsdbType = Literal["trade", "arms", "military", "financial", "travel", "other"]


class EventCodes(NamedTuple):
    """An event's codes in the CAMEO and PLOVER ontologies (None where none applies).

    Attributes:
        cameo: CAMEO event code, e.g. ``"163"``.
        cameo_label: Its label in the CAMEO 1.1b3 codebook.
        plover_event: PLOVER event type, e.g. ``"SANCTION"``.
        plover_mode: PLOVER mode, e.g. ``"discontinue"``.
        plover_context: PLOVER context, e.g. ``"economic"``.
    """

    cameo: str | None = None
    cameo_label: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None


CAMEO_LABELS: Final[dict[str, str]] = {
    "030": "Express intent to cooperate",
    "0311": "Express intent to cooperate economically",
    "0312": "Express intent to cooperate militarily",
    "057": "Sign formal agreement",
    "085": "Ease economic sanctions, boycott, embargo",
    "0874": "Retreat or surrender militarily",
    "1312": "Threaten to boycott, embargo, or sanction",
    "138": "Threaten with military force",
    "154": "Mobilize or increase armed forces",
    "163": "Impose embargo, boycott, or sanctions",
}
"""The CAMEO codes nigerwatch assigns, with their codebook labels."""

# (CAMEO, PLOVER event, mode, context) per status.
_SANCTION: Final[dict[str, tuple[str | None, str | None, str | None, str | None]]] = {
    "threatened": ("1312", "THREATEN", "restrict", "economic"),
    "imposed": ("163", "SANCTION", "discontinue", "economic"),
    "eased": ("085", "RETREAT", None, "economic"),
    "lifted": ("085", "RETREAT", None, "economic"),
}
_DEPLOYMENT: Final[dict[str, tuple[str | None, str | None, str | None, str | None]]] = {
    "threatened": ("138", "THREATEN", "violence", "military"),
    "arrived": ("154", "MOBILIZE", "troops", "military"),
    "ongoing": ("154", "MOBILIZE", "troops", "military"),
    "reinforced": ("154", "MOBILIZE", "troops", "military"),
    "withdrawn": ("0874", "RETREAT", "withdraw", "military"),
}
_ALLIANCE_CONTEXT: Final[dict[str, str]] = {
    "mutual_defense": "military",
    "military_cooperation": "military",
    "economic": "economic",
}
_INTENT_CAMEO: Final[dict[str, str]] = {"military": "0312", "economic": "0311"}

GSDB_TYPES: Final[dict[SanctionMeasure, GsdbType | None]] = {
    "border_closure": "trade",
    "trade_suspension": "trade",
    "financial_transactions_suspension": "financial",
    "asset_freeze": "financial",
    "travel_ban": "travel",
    "arms_embargo": "arms",
    "membership_suspension": "other",
    "other": "other",
    "aid_suspension": None,
    "no_fly_zone": None,
}
"""GSDB sanction type of each measure (None where the type is unclear)."""

ACLED_TIME_PRECISION: Final[dict[str, int]] = {"day": 1, "week": 2}
"""ACLED ``time_precision`` of each date precision that has one."""


def event_codes(event: Event) -> EventCodes:
    """The CAMEO and PLOVER codes of a record, from its type, status and kind.

    Args:
        event: A coup, sanction, deployment or alliance record.

    Returns:
        The codes; fields are None where the ontology has no code for the event (a coup has
        no CAMEO code and no PLOVER event type, only the ``pro_autocracy`` context).
    """
    if isinstance(event, Coup):
        return EventCodes(plover_context="pro_autocracy")
    if isinstance(event, Sanction):
        return _codes(*_SANCTION[event.status])
    if isinstance(event, Deployment):
        return _codes(*_DEPLOYMENT.get(event.status, (None, None, None, None)))
    assert isinstance(event, Alliance)
    return _alliance_codes(event)


def _alliance_codes(event: Alliance) -> EventCodes:
    context = _ALLIANCE_CONTEXT.get(event.kind)
    if event.status == "left" or event.kind == "withdrawal":
        # PLOVER: SANCTION 'withdraw' covers withdrawing oneself from an organisation.
        return _codes(None, "SANCTION", "withdraw", "diplomatic")
    if event.kind == "solidarity_statement":
        return _codes(None, "SUPPORT", None, "diplomatic")
    if event.status == "proposed":
        return _codes(_INTENT_CAMEO.get(context or "", "030"), "AGREE", None, context)
    if event.status == "formed":
        # PLOVER: SUPPORT covers signing or finalizing an agreement or treaty.
        return _codes("057", "SUPPORT", None, context)
    return EventCodes()


def _codes(
    cameo: str | None, event: str | None, mode: str | None, context: str | None
) -> EventCodes:
    label = CAMEO_LABELS[cameo] if cameo else None
    return EventCodes(cameo, label, event, mode, context)


def gsdb_type(measure: SanctionMeasure) -> GsdbType | None:
    """The Global Sanctions Data Base type of a sanction measure.

    Args:
        measure: A measure as records carry it, e.g. ``"asset_freeze"``.

    Returns:
        ``"trade"``, ``"arms"``, ``"military"``, ``"financial"``, ``"travel"`` or ``"other"``;
        None for measures whose type is unclear (``aid_suspension``, ``no_fly_zone``).
    """
    return GSDB_TYPES[measure]


def acled_date(date: PartialDate | None) -> tuple[dt.date | None, int | None]:
    """An ACLED-style ``event_date`` and ``time_precision`` for a partial date.

    Args:
        date: A record's date, or None.

    Returns:
        ``(event_date, time_precision)``: the day and ``1`` for a date known to the day, the
        week's first day and ``2`` for a week, ``(None, None)`` for months, years and no date
        (see the module docstring).
    """
    precision = ACLED_TIME_PRECISION.get(date.precision) if date is not None else None
    if date is None or precision is None:
        return None, None
    return date.earliest, precision

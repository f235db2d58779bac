"""Event identity: one function decides which records are the same event."""

from __future__ import annotations

import datetime as dt

from nigerwatch.core.identity import actor_key, event_id, identity_key
from nigerwatch.schemas import Actor, Coup, Evidence, PartialDate, Sanction

EVIDENCE = [Evidence(quote="the junta", start=0, end=9, match="exact", score=100.0)]
ECOWAS = Actor(name="CEDEAO", kind="organization", organization="ECOWAS")
WAEMU = Actor(name="UEMOA", kind="organization", organization="WAEMU")


def sanction(status: str, *imposers: Actor) -> Sanction:
    return Sanction(
        id="",
        imposers=list(imposers),
        target_country="NER",
        status=status,
        evidence=EVIDENCE,
    )


def month(value: str) -> PartialDate:
    year, mon = map(int, value.split("-"))
    return PartialDate(
        text=value,
        value=value,
        precision="month",
        earliest=dt.date(year, mon, 1),
        latest=dt.date(year, mon, 28),
    )


def test_an_actor_is_its_organisation_then_country_then_name() -> None:
    assert actor_key(ECOWAS) == "ECOWAS"
    assert actor_key(Actor(name="Niger", kind="state", country="NER")) == "NER"
    assert actor_key(Actor(name="The Rebels", kind="other")) == "the rebels"


def test_imposers_in_any_order_are_the_same_sanction() -> None:
    one = sanction("imposed", ECOWAS, WAEMU)
    other = sanction("imposed", WAEMU, ECOWAS)
    assert identity_key(one) == identity_key(other)
    assert event_id("a" * 64, one) == event_id("a" * 64, other)


def test_an_imposition_and_a_lifting_are_two_events() -> None:
    assert identity_key(sanction("imposed", ECOWAS)) != identity_key(sanction("lifted", ECOWAS))


def test_two_coups_in_one_country_differ_by_date() -> None:
    january = Coup(
        id="", country="BFA", outcome="successful", date=month("2022-01"), evidence=EVIDENCE
    )
    september = january.model_copy(update={"date": month("2022-09")})
    assert identity_key(january) != identity_key(september)


def test_ids_depend_on_the_article() -> None:
    event = sanction("imposed", ECOWAS)
    assert event_id("a" * 64, event) != event_id("b" * 64, event)
    assert len(event_id("a" * 64, event)) == 16

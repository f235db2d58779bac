"""Event identity: one function decides which records are the same event."""

from __future__ import annotations

import datetime as dt

from nigerwatch.core.identity import (
    EventKey,
    actor_key,
    event_id,
    identity_key,
    key_of,
    same_event,
)
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


def key(
    event_type: str, place: str | None, stage: str, dates: str | None, *actors: str
) -> EventKey:
    earliest = latest = None
    if dates:
        first, _, last = dates.partition("/")
        earliest, latest = dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
    return EventKey(event_type, place, frozenset(actors), stage, earliest, latest)  # type: ignore[arg-type]


def test_reports_of_one_coup_match_with_a_reason() -> None:
    day = key("coup", "NER", "successful", "2023-07-26")
    month_of = key("coup", "NER", "successful", "2023-07-01/2023-07-31")
    assert same_event(day, month_of) == "coup in NER, outcome successful, dates consistent"


def test_must_not_merge() -> None:
    burkina_january = key("coup", "BFA", "successful", "2022-01-24")
    burkina_september = key("coup", "BFA", "successful", "2022-09-30")
    assert same_event(burkina_january, burkina_september) is None
    mali_2020 = key("coup", "MLI", "successful", "2020-08-18")
    mali_2021 = key("coup", "MLI", "successful", "2021-05-24")
    assert same_event(mali_2020, mali_2021) is None
    imposed = key("sanction", "NER", "imposed", "2023-07-30", "ECOWAS")
    lifted = key("sanction", "NER", "lifted", "2024-02-24", "ECOWAS")
    assert same_event(imposed, lifted) is None
    assert same_event(imposed, lifted, strict=False) is None  # status is part of the key
    announced = key("deployment", "NER", "withdrawing", "2023-09-24", "FRA")
    completed = key("deployment", "NER", "withdrawn", "2023-12-22", "FRA")
    assert same_event(announced, completed) is None


def test_gold_matching_groups_deployment_stages_and_ignores_coup_outcome() -> None:
    arrived = key("deployment", "NER", "arrived", None, "RUS")
    ongoing = key("deployment", "NER", "ongoing", None, "RUS")
    assert same_event(arrived, ongoing) is None
    assert same_event(arrived, ongoing, strict=False) == (
        "deployment in NER, actors RUS, stage presence, dates consistent"
    )
    failed = key("coup", "GNB", "failed", "2022-02-01")
    attempted = key("coup", "GNB", "attempted", "2022-02-01/2022-02-28")
    assert same_event(failed, attempted, strict=False) is not None


def test_actors_must_overlap() -> None:
    ecowas = key("sanction", "MLI", "imposed", None, "ECOWAS")
    waemu = key("sanction", "MLI", "imposed", None, "WAEMU")
    assert same_event(ecowas, waemu) is None


def test_key_of_a_record() -> None:
    event = sanction("imposed", ECOWAS, WAEMU)
    assert key_of(event) == EventKey("sanction", "NER", frozenset({"ECOWAS", "WAEMU"}), "imposed")

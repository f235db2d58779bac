"""Event identity: one function decides which records are the same event."""

from __future__ import annotations

import datetime as dt

from nigerwatch.core.identity import (
    EventKey,
    actor_key,
    event_id,
    identity_key,
    key_of,
    leader_key,
    same_event,
    same_leader,
    same_reported_event,
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
    undated = key("coup", "NER", "successful", None)
    assert same_event(day, undated) == "coup in NER, outcome successful, one undated"


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
        "deployment in NER, actors RUS, stage presence, undated"
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


# -- across articles: the ousted leader refines coup matching ------------------------------------


def coup_key(
    dates: str, ousted: str | None, outcome: str = "successful", place: str = "NER"
) -> EventKey:
    plain = key("coup", place, outcome, dates)
    return EventKey(
        "coup", place, frozenset(), outcome, plain.earliest, plain.latest, ousted=leader_key(ousted)
    )


def test_leader_keys_drop_titles_and_match_on_words() -> None:
    assert leader_key("President Mohamed Bazoum") == "mohamed bazoum"
    assert leader_key("le général Abdourahamane Tiani") == "abdourahamane tiani"
    assert leader_key("the president") is None
    assert leader_key("Bah N\u2019Daw") == leader_key("Bah Ndaw") == "bah ndaw"
    assert leader_key(None) is None
    assert same_leader("bazoum", "mohamed bazoum")
    assert not same_leader("roch marc christian kabore", "paul henri sandaogo damiba")
    assert not same_leader(None, "bazoum")


def test_the_ousted_leader_is_not_part_of_equality() -> None:
    # Chunk merging and eval compare keys; the leader is only read by same_reported_event.
    assert coup_key("2023-07-26", "Mohamed Bazoum") == coup_key("2023-07-26", None)


def test_same_ousted_leader_reconciles_a_misread_date() -> None:
    # Seed 000 says "last month" under a date header of 2023-11-06 (2023-10); seed 001 says
    # "le 26 juillet" under 2023-09-26. One coup: the leader is the same.
    october = coup_key("2023-10-01/2023-10-31", "President Mohamed Bazoum")
    july = coup_key("2023-07-26", "Mohamed Bazoum")
    assert same_event(october, july) is None
    assert same_reported_event(october, july) == (
        "coup in NER, outcome successful, same ousted leader mohamed bazoum, "
        "dates conflict (67 days apart)"
    )


def test_different_ousted_leaders_are_different_coups_even_with_consistent_dates() -> None:
    # Burkina Faso 2022: Kaboré ousted in January, Damiba in September; a report dated only
    # "2022" is consistent with both, its leader says which.
    january = coup_key("2022-01-24", "Roch Marc Christian Kaboré", place="BFA")
    year = coup_key("2022-01-01/2022-12-31", "Paul-Henri Sandaogo Damiba", place="BFA")
    assert same_event(january, year) is not None
    assert same_reported_event(january, year) is None


def test_the_leader_does_not_bridge_far_apart_dates_or_failed_attempts() -> None:
    july = coup_key("2023-07-26", "Bazoum")
    next_year = coup_key("2024-07-26", "Bazoum")
    assert same_reported_event(july, next_year) is None
    failed = coup_key("2023-07-26", "Bazoum", outcome="failed")
    failed_later = coup_key("2023-10-01/2023-10-31", "Bazoum", outcome="failed")
    assert same_reported_event(failed, failed_later) is None  # a leader survives many attempts


def test_same_reported_event_is_same_event_otherwise() -> None:
    imposed = key("sanction", "NER", "imposed", "2023-07-30", "ECOWAS")
    lifted = key("sanction", "NER", "lifted", "2024-02-24", "ECOWAS")
    assert same_reported_event(imposed, lifted) is None
    assert same_reported_event(imposed, imposed) == same_event(imposed, imposed)
    consistent = same_reported_event(
        coup_key("2023-07-26", "Bazoum"), coup_key("2023-07-01/2023-07-31", "Mohamed Bazoum")
    )
    assert consistent == (
        "coup in NER, outcome successful, dates consistent, same ousted leader mohamed bazoum"
    )

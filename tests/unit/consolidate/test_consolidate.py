"""Consolidation: one event per real-world event, deterministic, explained, and never too eager."""

from __future__ import annotations

import random

from nigerwatch.consolidate import ConsolidatedEvent, consolidate
from nigerwatch.schemas import Actor, ArticleExtraction, TroopCount
from records_support import (
    ECOWAS,
    FRANCE,
    alliance,
    article,
    coup,
    deployment,
    sanction,
)

WAEMU = Actor(name="UEMOA", kind="organization", organization="WAEMU")
MALI = Actor(name="Mali", kind="state", country="MLI")
BURKINA = Actor(name="Burkina Faso", kind="state", country="BFA")


def run(*articles: ArticleExtraction) -> list[ConsolidatedEvent]:
    return list(consolidate(articles))


# -- the Niger coup of 26 July 2023, reported twice with conflicting dates -----------------------


def niger_coup_reports() -> tuple[ArticleExtraction, ArticleExtraction]:
    # As in seeds 000 and 001: "last month" under a date header of 2023-11-06 gives 2023-10.
    last_month = article("000", "2023-11-06", coup("NER", "2023-10", "President Mohamed Bazoum"))
    july = article("001", "2023-09-26", coup("NER", "2023-07-26", "Mohamed Bazoum"))
    return last_month, july


def test_the_niger_coup_is_one_event_with_two_reports() -> None:
    (event,) = run(*niger_coup_reports())
    assert (event.type, event.country, event.stage) == ("coup", "NER", "successful")
    assert [r.article_id for r in event.reports] == ["001", "000"]  # first seen first
    assert (event.first_seen.isoformat(), event.last_seen.isoformat()) == (  # type: ignore[union-attr]
        "2023-09-26",
        "2023-11-06",
    )
    assert event.date is not None
    assert event.date.value == "2023-07-26"
    assert event.date_reason == (
        "2023-07-26 (day): consistent with 1 of 2 dated reports; the most precise"
    )
    joined = next(r for r in event.reports if r.reason is not None)
    assert "same ousted leader mohamed bazoum" in joined.reason  # type: ignore[operator]
    assert "dates conflict (67 days apart)" in joined.reason  # type: ignore[operator]
    assert {r.article_id: r.date_consistent for r in event.reports} == {"000": False, "001": True}
    (conflict,) = [c for c in event.conflicts if c.field == "date"]
    assert {v.value for v in conflict.values} == {"2023-10", "2023-07-26"}
    # The two spellings of the leader are one person: no conflict, the fullest name kept.
    assert event.event.ousted_leader == "President Mohamed Bazoum"  # type: ignore[union-attr]
    assert not [c for c in event.conflicts if c.field == "ousted_leader"]


# -- must not merge ---------------------------------------------------------------------------


def test_burkina_faso_january_and_september_2022_coups_stay_apart() -> None:
    events = run(
        article("a", "2022-01-25", coup("BFA", "2022-01-24")),
        article("b", "2022-10-01", coup("BFA", "2022-09-30")),
    )
    assert len(events) == 2


def test_mali_2020_and_2021_coups_stay_apart() -> None:
    events = run(
        article("a", "2020-08-19", coup("MLI", "2020-08-18", "Ibrahim Boubacar Keïta")),
        article("b", "2021-05-25", coup("MLI", "2021-05-24", "Bah Ndaw")),
        article("c", "2021-06-01", coup("MLI", "2021-05", "Bah N'Daw")),
    )
    assert sorted(len(e.reports) for e in events) == [1, 2]


def test_an_imposition_and_a_lifting_stay_apart() -> None:
    events = run(
        article("a", "2023-07-31", sanction("imposed", "2023-07-30")),
        article("b", "2024-02-25", sanction("lifted", "2024-02-24")),
    )
    assert sorted(e.stage for e in events) == ["imposed", "lifted"]


def test_a_withdrawal_announced_and_completed_stay_apart() -> None:
    events = run(
        article("a", "2023-09-25", deployment("withdrawing", "2023-09-24")),
        article("b", "2023-12-23", deployment("withdrawn", "2023-12-22")),
    )
    assert sorted(e.stage for e in events) == ["withdrawing", "withdrawn"]


def test_different_imposers_stay_apart() -> None:
    events = run(
        article("a", "2023-07-31", sanction("imposed", "2023-07-30", ECOWAS)),
        article("b", "2023-07-31", sanction("imposed", "2023-07-30", WAEMU)),
    )
    assert len(events) == 2


# -- ambiguity ----------------------------------------------------------------------------------


def burkina_2022() -> list[ArticleExtraction]:
    return [
        article("jan", "2022-01-25", coup("BFA", "2022-01-24")),
        article("sep", "2022-10-01", coup("BFA", "2022-09-30", "Paul-Henri Sandaogo Damiba")),
    ]


def test_a_year_report_consistent_with_two_coups_joins_neither() -> None:
    events = run(*burkina_2022(), article("year", "2023-01-10", coup("BFA", "2022")))
    assert len(events) == 3
    (alone,) = [e for e in events if e.reports[0].article_id == "year"]
    others = {e.id for e in events if e is not alone}
    assert set(alone.ambiguous_with) == others
    assert all(len(e.reports) == 1 for e in events)


def test_a_year_report_naming_the_leader_joins_the_single_best() -> None:
    report = article("year", "2023-01-10", coup("BFA", "2022", "Damiba"))
    events = run(*burkina_2022(), report)
    (september,) = [e for e in events if len(e.reports) == 2]
    assert {r.article_id for r in september.reports} == {"sep", "year"}
    reason = next(r.reason for r in september.reports if r.article_id == "year")
    assert reason is not None
    assert reason.endswith("(best of 2 candidate events: the same ousted leader)")


def test_undated_reports_join_the_one_dated_event_or_none_of_two() -> None:
    one = run(
        article("a", "2023-07-31", sanction("imposed", "2023-07-30")),
        article("b", "2023-09-01", sanction("imposed", None)),
    )
    assert [len(e.reports) for e in one] == [2]
    two = run(
        article("a", "2023-07-31", sanction("imposed", "2023-07-30")),
        article("c", "2025-01-10", sanction("imposed", "2025-01-09")),
        article("b", "2025-02-01", sanction("imposed", None)),
    )
    assert len(two) == 3
    (undated,) = [e for e in two if e.date is None]
    assert len(undated.ambiguous_with) == 2


def test_month_reports_do_not_chain_across_a_year() -> None:
    # A year report joins the January event; it must not then pull the September one in.
    events = run(
        article("a", "2022-02-01", sanction("imposed", "2022-01")),
        article("b", "2022-10-01", sanction("imposed", "2022-09")),
        article("c", "2022-12-01", sanction("imposed", "2022")),
    )
    assert len(events) == 3


# -- conflicts and merged fields -----------------------------------------------------------------


def test_conflicting_values_are_kept_with_their_sources() -> None:
    troops = [
        TroopCount(text="some 1,500 soldiers", value=1500, approximate=True),
        TroopCount(text="1,000 troops", value=1000, approximate=False),
        TroopCount(text="1,500 soldiers", value=1500, approximate=False),
    ]
    events = run(
        *(
            article(f"a{i}", f"2023-09-2{i}", deployment("ongoing", "2023-09", troops=t))
            for i, t in enumerate(troops)
        )
    )
    (event,) = events
    assert event.event.troops.value == 1500  # type: ignore[union-attr]
    (conflict,) = [c for c in event.conflicts if c.field == "troops"]
    assert conflict.reason == "majority (2 of 3 reports)"
    assert sorted(len(v.event_ids) for v in conflict.values) == [1, 2]


def test_a_tie_goes_to_the_more_precise_value_then_the_earliest_report() -> None:
    approximate = TroopCount(text="about 100", value=100, approximate=True)
    exact = TroopCount(text="120", value=120, approximate=False)
    (event,) = run(
        article("a", "2024-04-10", deployment("arrived", "2024-04", troops=approximate)),
        article("b", "2024-04-12", deployment("arrived", "2024-04", troops=exact)),
    )
    assert event.event.troops == exact  # type: ignore[union-attr]
    (conflict,) = event.conflicts
    assert conflict.reason == "as many reports each (1); the more precise"


def test_actors_and_measures_are_merged() -> None:
    (event,) = run(
        article("a", "2023-07-31", sanction("imposed", "2023-07-30", measures=["border_closure"])),
        article(
            "b",
            "2023-08-01",
            sanction("imposed", "2023-07", ECOWAS, WAEMU, measures=["asset_freeze"]),
        ),
    )
    assert event.event.measures == ["border_closure", "asset_freeze"]  # type: ignore[union-attr]
    assert [a.organization for a in event.event.imposers] == ["ECOWAS", "WAEMU"]  # type: ignore[union-attr]


def test_alliances_with_different_names_stay_apart() -> None:
    events = run(
        article("a", "2023-09-17", alliance([MALI, BURKINA], name="AES")),
        article("b", "2023-09-18", alliance([MALI, BURKINA], name="G5 Sahel")),
    )
    assert len(events) == 2


# -- determinism and ids ------------------------------------------------------------------------


def many() -> list[ArticleExtraction]:
    return [
        *niger_coup_reports(),
        *burkina_2022(),
        article("year", "2023-01-10", coup("BFA", "2022")),
        article("s1", "2023-07-31", sanction("imposed", "2023-07-30")),
        article("s2", "2023-08-02", sanction("imposed", None)),
        article("s3", "2024-02-25", sanction("lifted", "2024-02-24")),
        article("d1", "2023-09-25", deployment("withdrawing", "2023-09-24", party=FRANCE)),
    ]


def test_the_result_does_not_depend_on_the_input_order() -> None:
    records = many()
    expected = [e.model_dump_json() for e in run(*records)]
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert [e.model_dump_json() for e in run(*shuffled)] == expected


def test_the_same_article_twice_counts_once() -> None:
    last_month, july = niger_coup_reports()
    (event,) = run(last_month, july, july)
    assert len(event.reports) == 2


def test_ids_are_stable_when_later_reports_arrive() -> None:
    last_month, july = niger_coup_reports()
    (alone,) = run(july)
    (both,) = run(july, last_month)
    assert alone.id == both.id
    assert alone.event.id == alone.id


def test_every_report_but_the_founder_says_why_it_joined() -> None:
    for event in run(*many()):
        founders = [r for r in event.reports if r.reason is None]
        assert len(founders) == 1

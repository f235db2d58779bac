"""One record per event across the passes and windows of one article."""

from __future__ import annotations

import datetime as dt

from nigerwatch.core.canonical import Records
from nigerwatch.core.merge import merge_records
from nigerwatch.schemas import Actor, Coup, Evidence, PartialDate, Sanction

SHA = "a" * 64
ECOWAS = Actor(name="ECOWAS", kind="organization", organization="ECOWAS")


def evidence(start: int) -> list[Evidence]:
    return [Evidence(quote="x" * 20, start=start, end=start + 20, match="exact", score=100.0)]


def day(value: str) -> PartialDate:
    date = dt.date.fromisoformat(value)
    return PartialDate(text=value, value=value, precision="day", earliest=date, latest=date)


def test_the_same_coup_in_two_windows_is_one_record_with_both_quotes_and_the_date() -> None:
    first = Coup(id="1", country="NER", outcome="successful", evidence=evidence(0))
    second = Coup(
        id="2",
        country="NER",
        outcome="successful",
        date=day("2023-07-26"),
        ousted_leader="Mohamed Bazoum",
        evidence=evidence(500),
    )
    merged = merge_records([Records(coups=[first]), Records(coups=[second])], SHA)
    (coup,) = merged.coups
    assert [e.start for e in coup.evidence] == [0, 500]
    assert coup.date == day("2023-07-26")
    assert coup.ousted_leader == "Mohamed Bazoum"
    assert coup.id not in ("1", "2")  # recomputed from the merged fields


def test_an_imposition_and_a_lifting_stay_two() -> None:
    imposed = Sanction(
        id="1",
        imposers=[ECOWAS],
        target_country="NER",
        status="imposed",
        evidence=evidence(0),
    )
    lifted = imposed.model_copy(update={"status": "lifted", "evidence": evidence(900)})
    merged = merge_records([Records(sanctions=[imposed]), Records(sanctions=[lifted])], SHA)
    assert [s.status for s in merged.sanctions] == ["imposed", "lifted"]


def test_coups_of_different_dates_stay_two_and_drops_are_kept() -> None:
    january = Coup(
        id="1", country="BFA", outcome="successful", date=day("2022-01-24"), evidence=evidence(0)
    )
    september = january.model_copy(update={"date": day("2022-09-30"), "evidence": evidence(99)})
    part = Records(coups=[january, september])
    part.problems.append("coups[2]: not grounded")
    merged = merge_records([part], SHA)
    assert len(merged.coups) == 2
    assert merged.problems == ["coups[2]: not grounded"]


def test_coups_that_oust_different_leaders_stay_two_though_one_is_undated() -> None:
    # « le coup d'État qui a renversé le président Ibrahim Boubacar Keïta » (undated) and
    # « celui de mars 2012, lorsque des militaires [...] avaient renversé Amadou Toumani Touré ».
    keita = Coup(
        id="1",
        country="MLI",
        outcome="successful",
        ousted_leader="Ibrahim Boubacar Keïta",
        evidence=evidence(0),
    )
    toure = Coup(
        id="2",
        country="MLI",
        outcome="successful",
        date=PartialDate(
            text="mars 2012",
            value="2012-03",
            precision="month",
            earliest=dt.date(2012, 3, 1),
            latest=dt.date(2012, 3, 31),
        ),
        ousted_leader="Amadou Toumani Touré",
        evidence=evidence(400),
    )
    merged = merge_records([Records(coups=[keita, toure])], SHA)
    assert [c.ousted_leader for c in merged.coups] == [
        "Ibrahim Boubacar Keïta",
        "Amadou Toumani Touré",
    ]
    assert merged.coups[0].date is None

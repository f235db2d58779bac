"""An event's date read from the sentences of its evidence, where the model's is missing or
in its own words; refused where the sentence's date belongs to another event."""

from __future__ import annotations

from typing import Any

from nigerwatch import Article
from nigerwatch.core.canonical import build_records
from nigerwatch.core.dating import dates_a_declaration, sentence_dates
from nigerwatch.core.draft import ArticleDraft


def build(text: str, **events: list[dict[str, Any]]) -> Any:
    draft = ArticleDraft.model_validate(
        {k: events.get(k, []) for k in ("coups", "sanctions", "deployments", "alliances")}
    )
    return build_records(draft, Article.from_text(text))


def coup(quote: str, date: str | None = None) -> dict[str, Any]:
    return {
        "quotes": [quote],
        "country": "Niger",
        "date": date,
        "outcome": "successful",
        "perpetrators": [],
        "ousted_leader": None,
        "new_leader": None,
        "ruling_body": None,
    }


def sanction(quote: str, target: str, imposer: str = "ECOWAS") -> dict[str, Any]:
    return {
        "quotes": [quote],
        "imposers": [imposer],
        "target_country": target,
        "target_actors": [],
        "status": "imposed",
        "measures": [],
        "date": None,
    }


def date_notes(records: Any) -> list[str]:
    return [d.check for d in records.dropped if d.field == "date"]


OUSTED = "In Niger, soldiers ousted President Mohamed Bazoum on July 26 last year."


def test_an_undated_coup_takes_the_date_written_beside_the_coup() -> None:
    records = build(" date 2024-05-20 " + OUSTED, coups=[coup(OUSTED[:-1])])
    (record,) = records.coups
    assert record.date is not None
    assert (record.date.text, record.date.value) == ("July 26", "2023-07-26")
    assert date_notes(records) == ["date_from_evidence"]


def test_a_coup_told_in_passing_is_not_dated_by_the_sentences_main_event() -> None:
    summit = (
        "West African heads of state imposed sanctions on Niger on Sunday and gave the "
        "officers who overthrew President Mohamed Bazoum a week to step down."
    )
    no_fly = (
        "ECOWAS declared a no-fly zone over Niger on July 30, four days after soldiers of the "
        "presidential guard ousted President Mohamed Bazoum."
    )
    for sentence in (summit, no_fly):
        (record,) = build(" date 2023-07-31 " + sentence, coups=[coup(sentence[:-1])]).coups
        assert record.date is None, sentence


def test_a_date_in_the_models_words_takes_the_articles_year() -> None:
    # A 2022 story says "on Jan. 24"; the model writes a year of its own.
    sentence = "On Jan. 24, soldiers seized power in Burkina Faso and detained Roch Kaboré."
    records = build(
        " date 2022-10-02 " + sentence,
        coups=[{**coup(sentence[:-1], "Jan. 24, 2023"), "country": "Burkina Faso"}],
    )
    (record,) = records.coups
    assert record.date is not None
    assert record.date.value == "2022-01-24"
    (note,) = [d for d in records.dropped if d.field == "date"]
    assert note.check == "date_from_evidence"
    assert "'Jan. 24, 2023' is 'Jan. 24'" in note.reason


def test_a_model_date_the_sentences_do_not_state_is_refused() -> None:
    records = build(" date 2024-05-20 " + OUSTED, coups=[coup(OUSTED[:-1], "Aug. 3, 2023")])
    (record,) = records.coups
    assert record.date is None
    assert date_notes(records) == ["date_not_found"]


def test_an_undated_sanction_takes_its_sentences_date_but_not_a_coups() -> None:
    suspended = "On Tuesday, the African Union also suspended Mali from all its activities."
    council = sanction(suspended[:-1], "Mali", "African Union")
    records = build(" date 2022-01-14 " + suspended, sanctions=[council])
    (record,) = records.sanctions
    assert record.date is not None
    assert record.date.value == "2022-01-11"  # the Tuesday before Friday's story
    kept = "ECOWAS kept its sanctions on Guinea, where the army seized power in 2021."
    records = build(" date 2024-02-25 " + kept, sanctions=[sanction(kept[:-1], "Guinea")])
    (record,) = records.sanctions
    assert record.date is None
    assert date_notes(records) == []


def test_two_dates_in_the_sentences_date_nothing() -> None:
    sentence = (
        "ECOWAS imposed sanctions on Mali on Jan. 9 and lifted them on July 3, after the "
        "junta set an election timetable."
    )
    records = build(" date 2022-07-04 " + sentence, sanctions=[sanction(sentence[:-1], "Mali")])
    (record,) = records.sanctions
    assert record.date is None


def test_a_deployments_sentences_tell_its_history_so_none_dates_it() -> None:
    sentence = (
        "The withdrawal brought to an end an intervention that had begun with Operation "
        "Serval in January 2013, when French troops halted an advance by jihadists."
    )
    deployment = {
        "quotes": [sentence[:-1]],
        "deploying_party": "French troops",
        "origin_country": None,
        "host_country": "Mali",
        "location": None,
        "troops": None,
        "status": "withdrawn",
        "purpose": None,
        "date": None,
    }
    (record,) = build(" date 2022-12-30 Mali. " + sentence, deployments=[deployment]).deployments
    assert record.date is None


def test_a_date_told_in_two_phrases_is_one_date() -> None:
    # "last year" belongs to "July 26", which dates the coup: it is not the sanction's date.
    sentence = (
        "The United States suspended aid to Niger after soldiers ousted President Mohamed "
        "Bazoum on July 26 last year."
    )
    (aid,) = build(
        " date 2024-03-17 " + sentence,
        sanctions=[sanction(sentence[:-1], "Niger", "United States")],
    ).sanctions
    assert aid.date is None


def test_a_sentences_dates_split_between_its_coup_and_its_main_event() -> None:
    sentence = (
        "ECOWAS declared a no-fly zone over Niger on July 30, four days after soldiers "
        "ousted President Mohamed Bazoum on July 26."
    )
    article = Article.from_text(" date 2023-08-01 " + sentence)
    assert [d.value for d in sentence_dates(sentence, article, of_coup=True)] == ["2023-07-26"]
    assert [d.value for d in sentence_dates(sentence, article, of_coup=False)] == ["2023-07-30"]


def test_a_sentence_whose_fold_changes_length_still_keeps_a_coups_date_to_the_coup() -> None:
    # "…" folds to three characters: the offsets must still line up.
    sentence = "ECOWAS kept its sanctions on Guinea… where the army seized power in 2021."
    article = Article.from_text(" date 2024-02-25 " + sentence)
    assert sentence_dates(sentence, article, of_coup=False) == []
    assert [d.value for d in sentence_dates(sentence, article, of_coup=True)] == ["2021"]


def test_a_declaration_that_there_was_a_coup_does_not_date_the_coup() -> None:
    declared = (
        "On Oct. 10, the United States formally declared that a coup had taken place in Niger."
    )
    assert dates_a_declaration(declared, 3, 10)
    seized = "On July 26, soldiers of the presidential guard seized power in a coup."
    assert not dates_a_declaration(seized, 3, 10)
    records = build(" date 2023-10-11 " + declared, coups=[coup(declared[:-1], date="Oct. 10")])
    (record,) = records.coups
    assert record.date is None
    assert date_notes(records) == ["date_not_in_evidence"]

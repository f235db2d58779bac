"""Scoring predicted records against gold labels."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from nigerwatch import ArticleExtraction, ConfigurationError
from nigerwatch.evaluation import evaluate, load_gold, load_predictions
from nigerwatch.evaluation.gold import GoldArticle, date_range
from nigerwatch.schemas import (
    Actor,
    ArticleInfo,
    Coup,
    Deployment,
    Evidence,
    ModelInfo,
    PartialDate,
    Sanction,
    Usage,
)

TEXT = "ECOWAS imposed sanctions on Niger. Nigeria sent no troops. A coup ousted Bazoum."
EVIDENCE = [Evidence(quote=TEXT[:33], start=0, end=33, match="exact", score=100.0)]
ECOWAS = Actor(name="ECOWAS", kind="organization", organization="ECOWAS")


def gold(**fields: Any) -> GoldArticle:
    base: dict[str, Any] = {
        "id": "a.txt",
        "split": "tune",
        "slice": "standard_en",
        "language": "en",
        "events": [
            {
                "type": "coup",
                "country": "NER",
                "date": "2023-07-26",
                "outcome": "successful",
                "ousted_leader": "Mohamed Bazoum",
                "evidence": "A coup ousted Bazoum",
            },
            {
                "type": "sanction",
                "target": "NER",
                "imposers": ["ECOWAS"],
                "status": "imposed",
                "measures": ["border_closure"],
                "evidence": "ECOWAS imposed sanctions on Niger",
            },
            {
                "type": "alliance",
                "required": False,
                "members": ["MLI", "BFA"],
                "kind": "solidarity_statement",
                "status": "announced",
                "evidence": "joint statement",
            },
        ],
        "must_not": [
            {"rule": "Nigeria sent no troops", "type": "deployment", "match": {"actor": ["NGA"]}}
        ],
    }
    base.update(fields)
    return GoldArticle.model_validate(base)


def result(*events: Coup | Sanction | Deployment, ident: str = "a.txt") -> ArticleExtraction:
    return ArticleExtraction(
        article=ArticleInfo(id=ident, language="en", sha256="0" * 64, chars=len(TEXT)),
        coups=[e for e in events if isinstance(e, Coup)],
        sanctions=[e for e in events if isinstance(e, Sanction)],
        deployments=[e for e in events if isinstance(e, Deployment)],
        model=ModelInfo(name="m", endpoint="e", mode="json_schema", prompt_version="p"),
        usage=Usage(),
    )


def month(value: str) -> PartialDate:
    earliest, latest = date_range(value)
    return PartialDate(text=value, value=value, precision="month", earliest=earliest, latest=latest)


COUP = Coup(
    id="c1",
    country="NER",
    outcome="successful",
    date=month("2023-07"),
    ousted_leader="Bazoum",
    evidence=EVIDENCE,
)
SANCTION = Sanction(
    id="s1", imposers=[ECOWAS], target_country="NER", status="imposed", evidence=EVIDENCE
)
NIGERIAN_TROOPS = Deployment(
    id="d1",
    deploying_party=Actor(name="Nigeria", kind="state", country="NGA"),
    host_country="NER",
    status="arrived",
    evidence=EVIDENCE,
)


def test_matches_count_as_true_positives_and_fields_are_scored() -> None:
    report = evaluate([gold()], [result(COUP, SANCTION)])
    micro = report.micro()
    assert (micro.tp, micro.fp, micro.fn) == (2, 0, 0)
    fields = report.field_accuracy()
    assert fields["coup.outcome"] == (1, 1)
    assert fields["coup.date"] == (0, 1)  # a month is less precise than the gold day
    assert fields["coup.ousted_leader"] == (1, 1)  # "Bazoum" agrees with "Mohamed Bazoum"
    assert fields["sanction.measures"] == (0, 1)


def test_misses_false_alarms_and_rules() -> None:
    report = evaluate([gold()], [result(NIGERIAN_TROOPS)])
    per_type = report.per_type()
    assert (per_type["coup"].fn, per_type["sanction"].fn) == (1, 1)
    assert per_type["deployment"].fp == 1
    assert report.micro().precision == 0.0
    (violation,) = report.violations()
    assert violation.rule == "Nigeria sent no troops"
    assert "must_not violations: 1" in report.table()


def test_optional_events_count_neither_way() -> None:
    report = evaluate([gold(events=[gold().events[2]])], [result()])
    assert report.micro().fn == 0


def test_negative_articles_count_false_alarms_and_missing_predictions_miss_all() -> None:
    negative = gold(id="n.txt", slice="negative", events=[], must_not=[])
    report = evaluate([negative, gold()], [result(COUP, ident="n.txt")])
    assert report.negative_false_alarms() == 1
    assert report.missing_predictions() == ["a.txt"]
    assert report.micro().fn == 2
    assert set(report.per_slice()) == {"negative", "standard_en"}


def test_splits_are_scored_apart() -> None:
    held = gold(id="h.txt", split="heldout")
    report = evaluate([gold(), held], [result(COUP, SANCTION)], split="heldout")
    assert [a.gold.id for a in report.articles] == ["h.txt"]
    assert report.micro().fn == 2


def test_gold_files_are_validated_with_the_file_and_field_named(tmp_path: Path) -> None:
    good = gold().model_dump(mode="json")
    (tmp_path / "a.json").write_text(json.dumps(good), encoding="utf-8")
    assert [g.id for g in load_gold(tmp_path)] == ["a.txt"]
    bad = {**good, "events": [{**good["events"][0], "outcome": "maybe"}]}
    (tmp_path / "b.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"b\.json.*outcome"):
        load_gold(tmp_path)
    (tmp_path / "b.json").write_text(
        json.dumps({**good, "events": [{**good["events"][0], "date": "July"}]})
    )
    with pytest.raises(ConfigurationError, match="ISO date"):
        load_gold(tmp_path)


def test_predictions_file_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from nigerwatch import cli

    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(gold().model_dump_json(), encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(result(COUP).model_dump_json() + "\n", encoding="utf-8")
    assert [r.article.id for r in load_predictions(predictions)] == ["a.txt"]
    out = tmp_path / "report.json"
    code = cli.main(["eval", str(tmp_path / "gold"), str(predictions), "--json", str(out)])
    assert code == cli.EXIT_OK
    assert "coup" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["micro"]["tp"] == 1
    assert data["per_type"]["sanction"]["fn"] == 1


def test_date_ranges() -> None:
    assert date_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_range("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_alliances_pair_with_the_label_sharing_most_members_then_the_name() -> None:
    from nigerwatch.evaluation.matching import match
    from nigerwatch.schemas import Alliance

    def state(code: str) -> Actor:
        return Actor(name=code, kind="state", country=code)

    labels = gold(
        events=[
            {
                "type": "alliance",
                "members": ["MLI", "FRA"],
                "kind": "military_cooperation",
                "status": "dissolved",
                "evidence": "Mali ended its treaty with France",
            },
            {
                "type": "alliance",
                "members": ["NER", "FRA"],
                "kind": "military_cooperation",
                "status": "dissolved",
                "evidence": "Niger ended its accords with France",
            },
            {
                "type": "alliance",
                "members": ["MLI", "BFA", "NER"],
                "name": "AES",
                "kind": "mutual_defense",
                "status": "formed",
                "evidence": "the AES charter",
            },
            {
                "type": "alliance",
                "members": ["BFA", "NER"],
                "name": "G5 Sahel",
                "kind": "withdrawal",
                "status": "left",
                "evidence": "they left the G5 Sahel",
            },
        ]
    ).events
    niger_france = Alliance(
        id="a1",
        members=[state("NER"), state("FRA")],
        kind="solidarity_statement",
        status="proposed",
        evidence=EVIDENCE,
    )
    g5 = Alliance(
        id="a2",
        members=[state("BFA"), state("NER")],
        name="G5 Sahel",
        kind="withdrawal",
        status="announced",
        evidence=EVIDENCE,
    )
    pairs, unmatched = match(list(labels), [niger_france, g5])
    assert unmatched == []
    assert {p.predicted.id: tuple(getattr(p.gold, "members", ())) for p in pairs} == {
        "a1": ("NER", "FRA"),
        "a2": ("BFA", "NER"),
    }

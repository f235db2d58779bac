"""The examples run against recorded model answers, so they cannot rot."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, SEED, SEEDS
from nigerwatch import ArticleExtraction, Extractor, read_article

pytestmark = [pytest.mark.cassette, pytest.mark.vcr, pytest.mark.usefixtures("recorded_model")]


def load_example(name: str) -> ModuleType:
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extract_seed_prints_the_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_example("extract_seed").main([str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "COUP in NER, successful, 2023-10 (month, from 'last month')" in out
    assert "SANCTION on NER by ECOWAS" in out


def test_articles_to_sqlite_loads_tables(tmp_path: Path) -> None:
    # Real recorded answers for two seeds (the cassette), written as `nigerwatch extract` does.
    extractor = Extractor()
    records = tmp_path / "events.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for path in (SEED, SEEDS / "002_en_no_event_festival.txt"):
            out.write(extractor.extract(read_article(path)).model_dump_json() + "\n")

    example = load_example("articles_to_sqlite")
    db_path = tmp_path / "db.sqlite"
    assert example.main([str(records), str(db_path)]) == 0
    assert example.main([str(records), str(db_path)]) == 0  # a second load adds nothing

    db = sqlite3.connect(db_path)
    assert db.execute("select count(*) from articles").fetchone() == (2,)
    (events,) = db.execute("select count(*) from events").fetchone()
    lines = records.read_text(encoding="utf-8").splitlines()
    assert events == sum(len(ArticleExtraction.model_validate_json(x).events) for x in lines)
    countries = {row[0] for row in db.execute("select country from events where type = 'coup'")}
    assert countries == {"NER"}
    assert db.execute(
        "select country_cow, country_fips from events where type = 'coup'"
    ).fetchone() == (436, "NG")
    (bad,) = db.execute(
        "select count(*) from evidence e join events v using (article_id, event_id) "
        "where e.quote = ''"
    ).fetchone()
    assert bad == 0
    # Every report is in the timeline; a missing date is NULL, never the text 'None'.
    assert db.execute("select count(*) from events where consolidated_id is null").fetchone() == (
        0,
    )
    assert db.execute("select count(*) from events where date_value = 'None'").fetchone() == (0,)
    db.close()


def test_articles_to_sqlite_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "events.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert load_example("articles_to_sqlite").main([str(bad), str(tmp_path / "db.sqlite")]) == 1

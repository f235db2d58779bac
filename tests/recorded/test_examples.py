"""The examples run against recorded model answers, so they cannot rot."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, SEED, SEEDS
from nigerwatch import ArticleExtraction, Extractor, ModelOutputError, read_article

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
    assert "COUP in NER, successful" in out
    assert "SANCTION on NER by ECOWAS" in out
    assert "DEPLOYMENT by Niger’s armed forces (NER) in NER (Niamey)\n  arrived" in out


def test_articles_to_sqlite_loads_tables(tmp_path: Path) -> None:
    # Real recorded answers for two seeds (the cassette), written as `nigerwatch extract` does:
    # an article the model gave nothing usable for is a failure, not a line of the output (in
    # this recording, the festival's one pass never gave valid JSON).
    extractor = Extractor()
    records = tmp_path / "events.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for path in (SEED, SEEDS / "002_en_no_event_festival.txt"):
            try:
                out.write(extractor.extract(read_article(path)).model_dump_json() + "\n")
            except ModelOutputError:
                continue
    lines = records.read_text(encoding="utf-8").splitlines()
    assert lines, "the seed article"

    example = load_example("articles_to_sqlite")
    db_path = tmp_path / "db.sqlite"
    assert example.main([str(records), str(db_path)]) == 0
    assert example.main([str(records), str(db_path)]) == 0  # a second load adds nothing

    db = sqlite3.connect(db_path)
    assert db.execute("select count(*) from articles").fetchone() == (len(lines),)
    (events,) = db.execute("select count(*) from events").fetchone()
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

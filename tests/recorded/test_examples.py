"""The examples run against recorded model answers, so they cannot rot."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, SEED, SEEDS

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
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(SEEDS / "002_en_no_event_festival.txt", folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \xff")

    example = load_example("articles_to_sqlite")
    code = example.main([str(folder), str(tmp_path / "out.jsonl"), str(tmp_path / "db.sqlite")])

    assert code == 1  # the broken file is reported, the two articles are loaded
    db = sqlite3.connect(tmp_path / "db.sqlite")
    assert db.execute("select count(*) from articles").fetchone() == (2,)
    countries = {row[0] for row in db.execute("select country from events where type = 'coup'")}
    assert countries == {"NER"}
    (bad,) = db.execute(
        "select count(*) from evidence e join events v on v.id = e.event_id where e.quote = ''"
    ).fetchone()
    assert bad == 0

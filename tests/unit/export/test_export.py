"""Flat exports: the same tables in every format, idempotent, NULL as NULL, safe CSV cells."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from nigerwatch import ConfigurationError
from nigerwatch.consolidate import ConsolidatedEvent, article_meta, consolidate
from nigerwatch.export import TABLES, Format, _writers, export, schema_markdown, to_frames
from nigerwatch.schemas import ArticleExtraction
from records_support import article, coup, sanction
from seed_drafts import hand_read_seeds


@pytest.fixture(scope="module")
def seeds() -> tuple[list[ArticleExtraction], list[ConsolidatedEvent]]:
    records = hand_read_seeds()
    return records, list(consolidate(records))


def sqlite_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


@pytest.mark.parametrize("to", ["csv", "parquet", "sqlite", "duckdb"])
def test_every_format_holds_the_same_rows_and_a_second_load_changes_nothing(
    to: str, tmp_path: Path, seeds: tuple[list[ArticleExtraction], list[ConsolidatedEvent]]
) -> None:
    records, timeline = seeds
    path = tmp_path / f"out.{to}"
    first = export(records, timeline=timeline, to=to, path=path)  # type: ignore[arg-type]
    second = export(records, timeline=timeline, to=to, path=path)  # type: ignore[arg-type]
    assert first == second
    assert (first["articles"], first["events"], first["consolidated_events"]) == (4, 12, 10)
    for name, count in first.items():
        assert _stored(to, path, name) == count, name


def _stored(to: str, path: Path, table: str) -> int:
    if to == "csv":
        with (path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            return sum(1 for _ in csv.reader(handle)) - 1
    if to == "parquet":
        return int(pq.read_metadata(path / f"{table}.parquet").num_rows)
    if to == "sqlite":
        (count,) = sqlite_rows(path, f'select count(*) from "{table}"')[0]
        assert isinstance(count, int)
        return count
    with duckdb.connect(str(path)) as db:
        row = db.execute(f'select count(*) from "{table}"').fetchone()
        assert row is not None
        return int(row[0])


@pytest.mark.parametrize("to", ["sqlite", "duckdb"])
def test_reloading_a_re_extracted_article_replaces_its_rows(to: str, tmp_path: Path) -> None:
    path = tmp_path / "db"
    two = article("a", "2023-08-01", coup("NER", "2023-07-26"), sanction("imposed", "2023-07-30"))
    one = article("a", "2023-08-01", coup("NER", "2023-07-26"))
    other = article("b", "2023-08-02", coup("NER", "2023-07"))
    export([two, other], to=to, path=path)  # type: ignore[arg-type]
    export([one], to=to, path=path)  # type: ignore[arg-type]
    assert _stored(to, path, "events") == 2  # a's one event, b's untouched
    assert _stored(to, path, "articles") == 2


def test_null_is_null(tmp_path: Path) -> None:
    undated = article("a", None, sanction("imposed", None))
    export([undated], to="sqlite", path=tmp_path / "db.sqlite")
    (row,) = sqlite_rows(
        tmp_path / "db.sqlite", "select date_value, date_earliest, troops, cameo_code from events"
    )
    assert row == (None, None, None, "163")
    export([undated], to="csv", path=tmp_path / "csv")
    text = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8")
    assert "None" not in text
    export([undated], to="duckdb", path=tmp_path / "db.duckdb")
    with duckdb.connect(str(tmp_path / "db.duckdb")) as db:
        assert db.execute("select date_earliest is null from events").fetchone() == (True,)


def test_csv_text_cells_cannot_run_formulas(tmp_path: Path) -> None:
    hostile = coup("NER", "2023-07-26", '=HYPERLINK("http://x")', ruling_body="@SUM(A1)")
    export([article("a", "2023-08-01", hostile)], to="csv", path=tmp_path)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["ousted_leader"] == '\'=HYPERLINK("http://x")'
    assert row["ruling_body"] == "'@SUM(A1)"
    assert row["country_cow"] == "436"  # numbers are left alone
    assert [_writers.safe_cell(t) for t in ("-1", "+1", "\tx", "\rx", "ok")] == [
        "'-1",
        "'+1",
        "'\tx",
        "'\rx",
        "ok",
    ]


def test_events_carry_the_codes_analysts_join_on(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    export(
        [article("a", "2023-08-01", sanction("imposed", "2023-07-30", measures=["asset_freeze"]))],
        to="sqlite",
        path=path,
    )
    (row,) = sqlite_rows(
        path,
        "select country, country_alpha2, country_iso_numeric, country_cow, country_fips, "
        "cameo_code, plover_event, plover_mode, event_date, time_precision from events",
    )
    assert row == ("NER", "NE", 562, 436, "NG", "163", "SANCTION", "discontinue", "2023-07-30", 1)
    assert sqlite_rows(path, "select measure, gsdb_type from measures") == [
        ("asset_freeze", "financial")
    ]
    assert sqlite_rows(path, "select organization, organization_wikidata from actors") == [
        ("ECOWAS", "Q193272")
    ]


def test_events_point_to_their_consolidated_event(
    tmp_path: Path, seeds: tuple[list[ArticleExtraction], list[ConsolidatedEvent]]
) -> None:
    records, timeline = seeds
    path = tmp_path / "db.sqlite"
    export(records, timeline=timeline, to="sqlite", path=path)
    joined = sqlite_rows(
        path,
        "select count(*) from events e join reports r "
        "on r.article_id = e.article_id and r.event_id = e.event_id "
        "where r.consolidated_id = e.consolidated_id",
    )
    assert joined == [(12,)]


def test_to_frames_types_the_columns(
    seeds: tuple[list[ArticleExtraction], list[ConsolidatedEvent]],
) -> None:
    records, timeline = seeds
    frames = to_frames(records, timeline=timeline)
    assert set(frames) == set(TABLES)
    events = frames["events"]
    assert str(events["date_earliest"].dtype).startswith("datetime64")
    assert str(events["country_cow"].dtype) == "Int64"
    assert str(events["troops_approximate"].dtype) == "boolean"
    assert events["date_earliest"].isna().sum() == sum(
        e.date is None for r in records for e in r.events
    )
    assert len(to_frames(records)["consolidated_events"]) == 0


def test_missing_extras_name_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr("importlib.import_module", refuse)
    formats: tuple[Format, ...] = ("parquet", "duckdb")
    for to in formats:
        with pytest.raises(ConfigurationError, match=r"pip install 'nigerwatch\[export\]'"):
            export([], to=to, path=tmp_path / "x")
    with pytest.raises(ConfigurationError, match="to_frames"):
        to_frames([])
    export([], to="csv", path=tmp_path / "csv")  # the standard library is enough for CSV


def test_an_incompatible_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("create table events (id text)")
    with pytest.raises(ConfigurationError, match="export to a new file"):
        export([], to="sqlite", path=path)


def test_input_meta_reaches_the_tables_when_records_carry_it() -> None:
    # article.meta is being added by another change: read it where present, else nothing.
    info = SimpleNamespace(meta={"url": "https://example.org/a", "source": "RFI", "other": 1})
    assert article_meta(info) == {"url": "https://example.org/a", "source": "RFI"}  # type: ignore[arg-type]
    assert article_meta(SimpleNamespace()) == {}  # type: ignore[arg-type]


def test_the_schema_document_is_generated_from_the_code() -> None:
    committed = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert committed == schema_markdown(), "regenerate: nigerwatch export --schema > docs/tables.md"
    for table in TABLES.values():
        assert f"## `{table.name}`" in committed

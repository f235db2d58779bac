"""README snippets marked for testing run here, so the documentation cannot drift."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from nigerwatch import cli
from seed_drafts import hand_read_seeds


def marked_blocks(name: str, lang: str = "python", marker: str = "readme-test") -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pattern = rf"<!-- {marker}: {name} -->\n```{lang}\n(.*?)```"
    return re.findall(pattern, text, flags=re.DOTALL)


def marked_table(name: str) -> list[tuple[str, ...]]:
    """The rows of the markdown table after ``<!-- readme-output: name -->``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (table,) = re.findall(rf"<!-- readme-output: {name} -->\n((?:\|.*\n)+)", text)
    rows = [
        tuple(cell.strip() for cell in line.strip("|").split("|")) for line in table.splitlines()
    ]
    return rows[2:]  # past the header and the rule


def test_normalization_snippet_runs() -> None:
    (block,) = marked_blocks("normalize")
    exec(compile(block, "README.md", "exec"), {})


def test_the_layout_paragraph_names_every_module() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("- Layout (`src/nigerwatch/`)") :]
    package = ROOT / "src" / "nigerwatch"
    for module in sorted(package.rglob("*.py")):
        if module.name == "__init__.py" and module.parent != package:
            assert f"`{module.parent.name}/`" in layout, module
        else:
            assert f"`{module.name}`" in layout, f"README layout misses {module}"


def test_the_analyst_snippets_run_and_print_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("events.jsonl").write_text(
        "".join(r.model_dump_json() + "\n" for r in hand_read_seeds()), encoding="utf-8"
    )
    (commands,) = marked_blocks("analyst-cli", "sh")
    for line in commands.splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "nigerwatch"
        assert cli.main(words[1:]) == 0, line
    (query,) = marked_blocks("analyst-sql", "sql")
    with duckdb.connect("sahel.duckdb") as db:
        rows = db.execute(query).fetchall()
    assert [tuple(str(v) for v in row) for row in rows] == marked_table("analyst-sql")
    capsys.readouterr()
    (snippet,) = marked_blocks("analyst-pandas")
    exec(compile(snippet, "README.md", "exec"), {})
    (printed,) = marked_blocks("analyst-pandas", "text", marker="readme-output")
    assert capsys.readouterr().out == printed

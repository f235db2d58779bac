"""The API reference builds from the docstrings, offline, and a broken reference fails it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    return subprocess.run([*command, "-d", str(site)], capture_output=True, text=True, check=False)


def test_the_api_reference_builds_strict(tmp_path: Path) -> None:
    done = build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "reference" / "extraction" / "index.html").read_text("utf-8")
    assert 'id="nigerwatch.llm.extraction.Extractor"' in page
    assert "Extracts grounded, normalized events" in page  # the docstring itself
    runs = (tmp_path / "site" / "reference" / "runs" / "index.html").read_text("utf-8")
    assert 'id="nigerwatch.runs.engine.extract_many"' in runs


def test_a_broken_reference_fails_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Broken\n\nSee [the extractor][nigerwatch.llm.extraction.NoSuchThing].\n\n"
        "::: nigerwatch.errors\n",
        encoding="utf-8",
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: probe\nplugins:\n  - mkdocstrings:\n      handlers:\n        python:\n"
        f"          paths: [{ROOT / 'src'}]\n",
        encoding="utf-8",
    )
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "NoSuchThing" in done.stderr

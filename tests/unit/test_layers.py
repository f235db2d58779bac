"""The wings' dependency rules, checked on the source so they cannot rot.

* The model-free wings (``core``, ``normalize``, ``report``, ``evaluation``, ``consolidate``,
  ``export``, ``schemas``, ``errors``, and the plain-data modules of ``runs``) import no model
  client: not ``openai``, ``instructor`` or ``httpx2``, and not the ``llm`` wing; ``report``
  imports neither ``runs`` nor ``cli``.
* Only ``llm``, ``runs`` and ``cli`` import ``llm`` (the face re-exports it lazily).
* Nothing imports ``cli``.

Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "nigerwatch"
MODEL_CLIENTS = ("openai", "instructor", "httpx2", "xllamacpp", "nigerwatch.llm")
MODEL_FREE_WINGS = ("core", "normalize", "report", "evaluation", "consolidate", "export")
# Modules of the runs wing that hold plain data: usable without a model client.
PLAIN_RUN_MODULES = ("inputs", "outcomes", "output", "progress")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def wing(name: str) -> str:
    """The wing a module belongs to (``core``, ``llm``...), or ``face`` for the top modules."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and (PACKAGE / parts[1]).is_dir() else "face"


def violations(path: Path, name: str | None = None) -> list[str]:
    """The layering rules the module at ``path`` breaks, as readable lines."""
    name = name or module_name(path)
    own = wing(name)
    model_free = own in MODEL_FREE_WINGS or name in (
        "nigerwatch.schemas",
        "nigerwatch.errors",
        *(f"nigerwatch.runs.{m}" for m in PLAIN_RUN_MODULES),
    )
    found = []
    for imported in sorted(imports_of(path)):
        if model_free and imported.startswith(MODEL_CLIENTS):
            found.append(f"{name} is model-free but imports {imported}")
        if imported.startswith("nigerwatch.llm") and own not in ("llm", "runs", "cli", "face"):
            found.append(f"{name} imports {imported}: only llm, runs and cli may")
        if own == "report" and imported.startswith(("nigerwatch.runs", "nigerwatch.cli")):
            found.append(f"{name} imports {imported}: the report reads finished outputs only")
        if imported.startswith("nigerwatch.cli") and own != "cli":
            found.append(f"{name} imports {imported}: nothing imports the CLI")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_module_respects_the_layers(path: Path) -> None:
    assert violations(path) == []


def test_the_face_loads_model_clients_only_on_demand() -> None:
    # The face may re-export the model layer, but only inside functions (lazily).
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    top_level = {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert not [m for m in top_level if m.startswith(MODEL_CLIENTS)]


def test_the_check_catches_a_model_free_module_importing_openai(tmp_path: Path) -> None:
    # The rule itself is tested: a core module that imports openai is reported.
    bad = tmp_path / "probe.py"
    bad.write_text("def f():\n    import openai\n", encoding="utf-8")
    assert violations(bad, "nigerwatch.core.probe") == [
        "nigerwatch.core.probe is model-free but imports openai"
    ]
    bad.write_text("from nigerwatch.cli import main\n", encoding="utf-8")
    assert violations(bad, "nigerwatch.runs.probe") == [
        "nigerwatch.runs.probe imports nigerwatch.cli: nothing imports the CLI",
        "nigerwatch.runs.probe imports nigerwatch.cli.main: nothing imports the CLI",
    ]


def test_every_wing_says_what_it_holds_and_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.parent.name}/__init__.py has no docstring"
        assert "import" in doc, f"{init.parent.name}/__init__.py must say what it may import"


def test_the_report_is_model_free_and_reads_outputs_only(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text("import instructor\nfrom nigerwatch.runs import engine\n", encoding="utf-8")
    assert violations(bad, "nigerwatch.report.probe") == [
        "nigerwatch.report.probe is model-free but imports instructor",
        "nigerwatch.report.probe imports nigerwatch.runs: the report reads finished outputs only",
        "nigerwatch.report.probe imports nigerwatch.runs.engine: the report reads finished "
        "outputs only",
    ]

"""README snippets marked for testing run here, so the documentation cannot drift."""

from __future__ import annotations

import re

from conftest import ROOT


def marked_blocks(name: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pattern = rf"<!-- readme-test: {name} -->\n```python\n(.*?)```"
    return re.findall(pattern, text, flags=re.DOTALL)


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

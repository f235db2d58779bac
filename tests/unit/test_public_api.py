"""The public surface and the layering rules are part of the contract."""

from __future__ import annotations

import json
import subprocess
import sys

import nigerwatch
import nigerwatch.normalize
from nigerwatch import ArticleExtraction
from nigerwatch.core.draft import ArticleDraft

EXPECTED = {
    "Actor",
    "Alliance",
    "AnswerCache",
    "Article",
    "ArticleError",
    "ArticleExtraction",
    "ArticleInfo",
    "ArticleTooLongError",
    "Batch",
    "BatchItem",
    "ConfigurationError",
    "ConsolidatedEvent",
    "Coup",
    "Deployment",
    "Dropped",
    "EmptyArticleError",
    "Event",
    "Evidence",
    "Extractor",
    "ModelDownloadError",
    "ModelInfo",
    "ModelOutputError",
    "ModelServiceError",
    "NigerwatchError",
    "Outcome",
    "PartialDate",
    "RecordsFileError",
    "RetryPolicy",
    "RunSummary",
    "Sanction",
    "Settings",
    "TroopCount",
    "UndecodableArticleError",
    "Usage",
    "__version__",
    "aextract_many",
    "consolidate",
    "extract",
    "extract_many",
    "iter_inputs",
    "read_article",
    "read_extractions",
}


def test_public_names_are_exactly_these_and_sorted() -> None:
    assert set(nigerwatch.__all__) == EXPECTED
    assert nigerwatch.__all__ == sorted(nigerwatch.__all__)
    for name in nigerwatch.__all__:
        assert getattr(nigerwatch, name) is not None


def test_normalize_exports_the_documented_helpers() -> None:
    assert {"country", "organization", "resolve_date", "troop_count"} <= set(
        nigerwatch.normalize.__all__
    )


def _modules_after_import(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out))


def test_schemas_and_normalization_never_import_model_clients() -> None:
    loaded = _modules_after_import(
        "import nigerwatch, nigerwatch.schemas, nigerwatch.normalize, nigerwatch.core.grounding, "
        "nigerwatch.core.canonical, nigerwatch.core.draft, nigerwatch.core.article, "
        "nigerwatch.llm.settings"
    )
    assert "openai" not in loaded
    assert "instructor" not in loaded


def test_the_model_is_never_asked_for_codes_offsets_or_resolved_dates() -> None:
    schema = json.dumps(ArticleDraft.model_json_schema())
    for field in ('"start"', '"end"', '"iso', '"alpha', '"earliest"', '"precision"'):
        assert field not in schema


def test_output_schema_is_closed_and_versioned() -> None:
    schema = ArticleExtraction.model_json_schema()
    assert schema["additionalProperties"] is False
    assert {"article", "coups", "sanctions", "deployments", "alliances", "usage", "dropped"} <= set(
        schema["properties"]
    )


def test_aextract_many_is_an_async_generator_and_extract_many_a_batch() -> None:
    import inspect

    assert inspect.isasyncgenfunction(nigerwatch.aextract_many)
    assert not inspect.iscoroutinefunction(nigerwatch.extract_many)
    assert hasattr(nigerwatch.Batch, "__aiter__")
    assert hasattr(nigerwatch.Batch, "__iter__")


def test_one_version_string_read_from_the_package_metadata() -> None:
    import re

    from conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (declared,) = re.findall(r'(?m)^version = "([^"]+)"$', pyproject)
    assert nigerwatch.__version__ == declared
    # ...and written nowhere else in the package.
    for module in (ROOT / "src" / "nigerwatch").rglob("*.py"):
        assert f'"{declared}"' not in module.read_text(encoding="utf-8"), module

"""nigerwatch: grounded, normalized event records from West African and Sahel news articles.

>>> from nigerwatch import extract
>>> result = extract(open("seeds/000_ff28ba0c9779c2b0.txt").read())  # doctest: +SKIP
>>> [(c.country, c.outcome) for c in result.coups]  # doctest: +SKIP
[('NER', 'successful')]

This module is the face: every name documented use needs, re-exported from the wings
(``core``, ``normalize``, ``consolidate``, ``llm``, ``runs``, ``cli``; each wing's ``__init__``
says what it holds). Normalization helpers that need no model live in
:mod:`nigerwatch.normalize`, flat tables for analysts in :mod:`nigerwatch.export`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from nigerwatch.consolidate import ConsolidatedEvent, consolidate, read_extractions
from nigerwatch.core.article import Article, read_article
from nigerwatch.errors import (
    ArticleError,
    ArticleTooLongError,
    ConfigurationError,
    EmptyArticleError,
    ModelDownloadError,
    ModelOutputError,
    ModelServiceError,
    NigerwatchError,
    RecordsFileError,
    UndecodableArticleError,
)
from nigerwatch.runs.inputs import BatchItem, iter_inputs
from nigerwatch.runs.outcomes import Outcome, RunSummary
from nigerwatch.schemas import (
    Actor,
    Alliance,
    ArticleExtraction,
    ArticleInfo,
    Coup,
    Deployment,
    Dropped,
    Event,
    Evidence,
    ModelInfo,
    PartialDate,
    Sanction,
    TroopCount,
    Usage,
)

if TYPE_CHECKING:
    __version__: str
    from nigerwatch.llm.cache import AnswerCache
    from nigerwatch.llm.extraction import Extractor, extract
    from nigerwatch.llm.retry import RetryPolicy
    from nigerwatch.llm.settings import Settings
    from nigerwatch.runs.engine import Batch, aextract_many, extract_many


__all__ = [
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
]

# The model layer pulls in openai and instructor (~0.5 s): its names are loaded on first use, so
# `import nigerwatch` and `nigerwatch.normalize` stay fast for users who only normalize.
_LAZY = {
    "AnswerCache": "nigerwatch.llm.cache",
    "Extractor": "nigerwatch.llm.extraction",
    "extract": "nigerwatch.llm.extraction",
    "RetryPolicy": "nigerwatch.llm.retry",
    "Settings": "nigerwatch.llm.settings",
    "Batch": "nigerwatch.runs.engine",
    "aextract_many": "nigerwatch.runs.engine",
    "extract_many": "nigerwatch.runs.engine",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes are of any type
    if name == "__version__":
        return _version()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nigerwatch' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def _version() -> str:
    # One version string, pyproject.toml's as installed; importlib.metadata costs ~30 ms to
    # import, so it is read on first use.
    import importlib.metadata  # noqa: PLC0415

    try:
        return importlib.metadata.version("nigerwatch")
    except importlib.metadata.PackageNotFoundError:  # a source tree never installed
        return "0+unknown"

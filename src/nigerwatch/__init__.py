"""nigerwatch: grounded, normalized event records from West African and Sahel news articles.

>>> from nigerwatch import extract
>>> result = extract(open("seeds/000_ff28ba0c9779c2b0.txt").read())  # doctest: +SKIP
>>> [(c.country, c.outcome) for c in result.coups]  # doctest: +SKIP
[('NER', 'successful')]

Normalization helpers that need no model live in :mod:`nigerwatch.normalize`.
"""

from typing import TYPE_CHECKING, Any

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
    UndecodableArticleError,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    ArticleExtraction,
    ArticleInfo,
    Coup,
    Deployment,
    Dropped,
    Evidence,
    ModelInfo,
    PartialDate,
    Sanction,
    TroopCount,
    Usage,
)

if TYPE_CHECKING:
    from nigerwatch.llm.extraction import Extractor, extract
    from nigerwatch.runs.engine import aextract_many, extract_many

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Alliance",
    "Article",
    "ArticleError",
    "ArticleExtraction",
    "ArticleInfo",
    "ArticleTooLongError",
    "ConfigurationError",
    "Coup",
    "Deployment",
    "Dropped",
    "EmptyArticleError",
    "Evidence",
    "Extractor",
    "ModelDownloadError",
    "ModelInfo",
    "ModelOutputError",
    "ModelServiceError",
    "NigerwatchError",
    "PartialDate",
    "Sanction",
    "TroopCount",
    "UndecodableArticleError",
    "Usage",
    "__version__",
    "aextract_many",
    "extract",
    "extract_many",
    "read_article",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes are of any type
    # The extraction layer pulls in openai and instructor (~0.5 s); load it on first use so
    # `import nigerwatch` and `nigerwatch.normalize` stay fast for users who only normalize.
    if name in ("Extractor", "extract"):
        from nigerwatch.llm import extraction  # noqa: PLC0415

        return getattr(extraction, name)
    if name in ("extract_many", "aextract_many"):
        from nigerwatch.runs import engine as batch  # noqa: PLC0415

        return getattr(batch, name)
    raise AttributeError(f"module 'nigerwatch' has no attribute {name!r}")

"""Evaluation: predicted records scored against gold labels, per type, slice and field.

:func:`evaluate` reads nothing and calls no model: it takes gold labels
(:func:`load_gold`) and extraction results (:func:`load_predictions`, the JSON Lines that
``nigerwatch extract`` writes) and returns a :class:`Report` (a terminal table, or JSON for
scripts). ``nigerwatch eval GOLD PRED`` is the same from the command line. Matching uses the
one event-identity function of :mod:`nigerwatch.core.identity`.

This wing is model-free: it imports the core, :mod:`nigerwatch.schemas` and the standard
library, never ``openai``, ``instructor`` or :mod:`nigerwatch.llm`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from nigerwatch.core.article import read_article
from nigerwatch.errors import ConfigurationError
from nigerwatch.evaluation.audit import Audit, audit
from nigerwatch.evaluation.gold import GoldArticle, load_gold
from nigerwatch.evaluation.report import Report
from nigerwatch.evaluation.scoring import score_all
from nigerwatch.schemas import ArticleExtraction

__all__ = [
    "Audit",
    "GoldArticle",
    "Report",
    "audit",
    "evaluate",
    "load_gold",
    "load_predictions",
    "load_texts",
]


def evaluate(
    gold: Iterable[GoldArticle],
    predictions: Iterable[ArticleExtraction],
    *,
    split: str | None = None,
    texts: Mapping[str, str] | None = None,
    label: str = "",
) -> Report:
    """Score ``predictions`` against ``gold``.

    Args:
        gold: Gold labels (see :func:`load_gold`).
        predictions: Extraction results; those of articles without labels are ignored, and a
            labelled article without a result counts its required events as missed.
        split: Only the articles of this split (``tune``, ``heldout`` or ``retired``).
        texts: Article texts by id, to check ``evidence_contains`` rules by offsets (without
            them the quotes are compared as text).
        label: A name for the configuration evaluated, shown in the table.
    """
    chosen = [g for g in gold if split is None or g.split == split]
    return Report(score_all(chosen, predictions, texts), label=label)


def load_predictions(path: str | Path) -> list[ArticleExtraction]:
    """Read the JSON Lines output of ``nigerwatch extract``.

    Raises:
        ConfigurationError: The file is missing or a line is not an extraction record.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigurationError(f"{path}: no such file of predictions")
    results = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            results.append(ArticleExtraction.model_validate_json(line))
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            raise ConfigurationError(
                f"{path}:{number}: not a nigerwatch extraction record ({first})"
            ) from None
    return results


def load_texts(folder: str | Path) -> dict[str, str]:
    """The article texts of a folder (``*.txt``), by id as ``nigerwatch extract`` gives them."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): read_article(path).text
        for path in sorted(folder.rglob("*.txt"))
    }

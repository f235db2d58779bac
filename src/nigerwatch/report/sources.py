"""Which source text each result was extracted from, and whether it is still that text.

A record's offsets only mean something against the exact text it was extracted from. Each
result names its article's ``sha256``: the source given for review is matched by id (else by
that hash, for a text that was piped in), and the page says per article whether the hashes
agree, differ (the file changed since: spans are checked one by one) or no source was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from nigerwatch.core.article import Article
from nigerwatch.schemas import ArticleExtraction

SourceCheck = Literal["match", "differs", "missing"]


@dataclass(frozen=True)
class Reviewed:
    """One result with the source text it was matched to.

    Attributes:
        result: The extraction, as read from the results file.
        source: The source article, when one was found.
        check: ``match`` (same sha256), ``differs`` (same id, other text) or ``missing``.
    """

    result: ArticleExtraction
    source: Article | None
    check: SourceCheck

    @property
    def text(self) -> str | None:
        """The source text, if any."""
        return self.source.text if self.source is not None else None


@dataclass(frozen=True)
class Unreadable:
    """A line of the results file that is not a record (what the page reports)."""

    line: int
    reason: str


def read_results(path: Path) -> tuple[list[ArticleExtraction], list[Unreadable]]:
    """The records of a ``nigerwatch extract`` output, and the lines that are not records."""
    results: list[ArticleExtraction] = []
    bad: list[Unreadable] = []
    for number, line in numbered_lines(path):
        try:
            results.append(ArticleExtraction.model_validate_json(line))
        except ValidationError as exc:
            bad.append(Unreadable(number, _first_error(exc)))
    return results, bad


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSON Lines file with their numbers (bad UTF-8 replaced)."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, line


def pair(results: Iterable[ArticleExtraction], sources: Iterable[Article]) -> list[Reviewed]:
    """Each result with its source: same id, else same text (sha256); in the results' order.

    Only the sources some result asks for are kept in memory.
    """
    results = list(results)
    ids = {r.article.id for r in results}
    hashes = {r.article.sha256 for r in results}
    by_id: dict[str, Article] = {}
    by_hash: dict[str, Article] = {}
    for article in sources:
        if article.id in ids:
            by_id.setdefault(article.id, article)
        if article.sha256 in hashes:
            by_hash.setdefault(article.sha256, article)
    return list(_paired(results, by_id, by_hash))


def _paired(
    results: list[ArticleExtraction], by_id: dict[str, Article], by_hash: dict[str, Article]
) -> Iterator[Reviewed]:
    for result in results:
        info = result.article
        same_text = by_hash.get(info.sha256)
        same_id = by_id.get(info.id)
        if same_text is not None:
            yield Reviewed(result, same_text, "match")
        elif same_id is not None:
            yield Reviewed(result, same_id, "differs")
        else:
            yield Reviewed(result, None, "missing")


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "line"
    return f"{where}: {first['msg']}" if first["type"] != "json_invalid" else "not JSON"

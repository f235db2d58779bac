"""Input articles: reading, the date header, language, and the checks done before any model call."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nigerwatch.core.published import FORMATS, parse_published
from nigerwatch.errors import ArticleError, EmptyArticleError, UndecodableArticleError
from nigerwatch.schemas import Language, MetaValue

logger = logging.getLogger(__name__)

# The seed articles open with " date YYYY-MM-DD" and the body follows on the same line.
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)", re.IGNORECASE)

# Frequent function words; counting them tells English from French well enough for routing.
_FRENCH_WORDS = frozenset(
    "le la les des du une et est dans pour qui que sur par au aux avec ont été sont pas".split()
)
_ENGLISH_WORDS = frozenset(
    "the of and to in is that for on with was were are has have by from as it".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Article:
    """One article, ready for extraction.

    Offsets in every :class:`~nigerwatch.schemas.Evidence` index :attr:`text`, which is the text
    exactly as given (or as read from the file, decoded as UTF-8 with universal newlines).

    Attributes:
        text: The full article text, date header included.
        id: Caller-given id, else the file name, else ``sha256[:16]``.
        published: Publication date, from the ``published=`` argument or the date header.
        language: ``"en"`` or ``"fr"``, guessed from function words.
        sha256: SHA-256 of :attr:`text` encoded as UTF-8.
        body_start: Offset where the body begins (after the date header, if any).
        meta: The input record's other fields (url, title...), carried to ``article.meta``.
    """

    text: str
    id: str
    published: dt.date | None
    language: Language
    sha256: str
    body_start: int = 0
    meta: Mapping[str, MetaValue] = field(default_factory=dict, hash=False)

    @property
    def body(self) -> str:
        """The article text without its date header."""
        return self.text[self.body_start :]

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        article_id: str | None = None,
        published: dt.date | str | None = None,
        meta: Mapping[str, MetaValue] | None = None,
    ) -> Article:
        """Build an article from its text, checking it is usable.

        Args:
            text: The article text. A first line ``" date YYYY-MM-DD ..."`` gives the
                publication date.
            article_id: An id to carry into the output; defaults to a prefix of the sha256.
            published: Publication date; wins over the date header. A ``date``, or a string
                as feeds write them (see :func:`~nigerwatch.core.published.parse_published`).
            meta: Other fields of the input record (made JSON-safe by
                :func:`~nigerwatch.core.meta.clean_meta`), carried to ``article.meta``.

        Raises:
            EmptyArticleError: Nothing but whitespace (and a date header) in ``text``.
            ArticleError: ``published`` is not a valid date.
        """
        if not isinstance(text, str):
            raise TypeError(f"article text must be str, not {type(text).__name__}")
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        ident = article_id or sha[:16]
        _refuse_surrogates(text, ident)
        header = _DATE_HEADER.match(text)
        body_start = header.end() if header else 0
        if not text[body_start:].strip():
            raise EmptyArticleError(
                f"article {ident!r} is empty: there is no text to extract events from. "
                "Check the file or the text you passed.",
                article_id=ident,
            )
        date = _parse_published(published, ident) if published is not None else None
        if date is None and header:
            date = _header_date(header.group(1), ident)
        return cls(
            text=text,
            id=ident,
            published=date,
            language=guess_language(text[body_start:]),
            sha256=sha,
            body_start=body_start,
            meta=dict(meta or {}),
        )


def read_article(
    path: str | Path,
    *,
    published: dt.date | str | None = None,
    article_id: str | None = None,
) -> Article:
    """Read an article file (UTF-8 text) and build an :class:`Article`.

    The id is ``article_id`` if given, else the file name.

    Raises:
        UndecodableArticleError: The file is not UTF-8 text.
        EmptyArticleError: The file holds no text.
        OSError: The file cannot be read.
    """
    path = Path(path)
    ident = article_id or path.name
    data = path.read_bytes()
    if b"\x00" in data:
        raise UndecodableArticleError(
            f"{path}: this looks like a binary file (it contains NUL bytes), not an article. "
            "Pass plain-text articles.",
            article_id=ident,
        )
    try:
        # utf-8-sig drops a byte-order mark; splitlines/join gives universal newlines.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableArticleError(
            f"{path}: not valid UTF-8 (byte {exc.start} is {data[exc.start : exc.start + 1]!r}). "
            "Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`.",
            article_id=ident,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article.from_text(text, article_id=ident, published=published)


def guess_language(text: str) -> Language:
    """Guess whether ``text`` is French or English from its function words."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    french = sum(w in _FRENCH_WORDS for w in words)
    english = sum(w in _ENGLISH_WORDS for w in words)
    return "fr" if french > english else "en"


def _refuse_surrogates(text: str, ident: str) -> None:
    """A lone surrogate (half of a broken JSON escape of an emoji, say) is not text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UndecodableArticleError(
            f"article {ident!r}: character {exc.start} is a lone surrogate "
            f"({text[exc.start]!r}), not text; the input probably holds a broken JSON escape "
            "(half of a \\ud83d\\ude00 pair). Fix or drop that record.",
            article_id=ident,
        ) from None


def _header_date(value: str, ident: str) -> dt.date | None:
    """The date of a `` date YYYY-MM-DD`` header, or None (with a warning) when it is no date."""
    try:
        return _parse_published(value, ident)
    except ArticleError:
        logger.warning("article %r: its date header %r is not a date; ignored", ident, value)
        return None


def _parse_published(value: dt.date | str, article_id: str) -> dt.date:
    try:
        return parse_published(value)
    except ValueError:
        raise ArticleError(
            f"article {article_id!r}: published={value!r} is not a date; use {FORMATS}.",
            article_id=article_id,
        ) from None

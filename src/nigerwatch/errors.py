"""Exceptions raised by nigerwatch, split by who has to act.

* :class:`ConfigurationError` — the caller's setup (no model configured, a bad mode, a model file
  that is missing or corrupt). Fix the settings and run again.
* :class:`ArticleError` — one input document (empty, undecodable, too long). Other articles in a
  batch are unaffected.
* :class:`ModelServiceError` — the model endpoint failed (refused connection, HTTP errors left after
  the client's own retries).
* :class:`ModelOutputError` — the model answered, but not with a usable extraction, even after the
  bounded re-asks.
* :class:`RecordsFileError` — a JSON Lines file of records or a timeline (the input of
  ``consolidate`` and ``export``) is not what nigerwatch wrote.

Every message says what to do next. None of them ever contains an API key.
"""

from __future__ import annotations

from nigerwatch.schemas import Usage


class NigerwatchError(Exception):
    """Base class of every error nigerwatch raises on purpose."""


class ConfigurationError(NigerwatchError):
    """The caller's configuration cannot work: change an argument or an environment variable."""


class ArticleError(NigerwatchError):
    """One input article cannot be processed as given.

    Attributes:
        article_id: The article's id (or file path), when known.
    """

    def __init__(self, message: str, *, article_id: str | None = None) -> None:
        super().__init__(message)
        self.article_id = article_id


class EmptyArticleError(ArticleError):
    """The article has no text once whitespace and the date header are removed."""


class UndecodableArticleError(ArticleError):
    """The article file is not valid UTF-8 text."""


class ArticleTooLongError(ArticleError):
    """The article does not fit in the model's context window."""


class RecordsFileError(NigerwatchError):
    """A file of records or consolidated events cannot be read: the message names file and line.

    Attributes:
        path: The file.
        line: The 1-based line number, when one line is at fault.
    """

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class ModelServiceError(NigerwatchError):
    """The model endpoint could not be reached or kept failing.

    Attributes:
        usage: Tokens spent on this article before the failure (earlier answers count).
    """

    def __init__(self, message: str, *, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.usage = usage or Usage()


class ModelOutputError(NigerwatchError):
    """The model's answer could not be turned into an extraction, even after re-asking.

    Attributes:
        attempts: Model calls made for this article.
        last_output: The raw text of the model's last answer (may be empty).
        usage: Tokens spent on all attempts.
    """

    def __init__(self, message: str, *, attempts: int, last_output: str, usage: Usage) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_output = last_output
        self.usage = usage


class ModelDownloadError(NigerwatchError):
    """The default model could not be downloaded or failed its size or checksum check."""

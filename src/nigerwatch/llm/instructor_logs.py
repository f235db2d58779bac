"""instructor's log records during nigerwatch's own calls: lowered to DEBUG, secrets removed.

instructor logs every failed request and every re-ask at ERROR ("API call failed on attempt
1: <the exception>", "Max retries exceeded..."). nigerwatch reports those outcomes itself (the
article's error, ``dropped`` and ``usage``), so they must not reach the stderr of a user who
configured no logging (logging's last resort prints ERROR records), and nothing logged may
carry a key.

The choice, in two parts:

* The exceptions instructor sees from nigerwatch's client carry no server text at all
  (:class:`~nigerwatch.llm.transport.EndpointError`), so what instructor logs or puts in its
  own exceptions cannot hold an echoed key.
* One filter, added once to instructor's loggers, acts only on records emitted *inside* a
  nigerwatch call: a context variable is set around each call, so other threads, other tasks
  and the caller's own use of instructor are untouched. Inside, a record is lowered to DEBUG
  (``-vv`` still shows it) and redacted. No handler is installed, no level is changed, and
  nothing of another library is silenced globally.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
from collections.abc import Iterable, Iterator

from nigerwatch.llm.redaction import redact

# The loggers instructor 1.17 logs through on nigerwatch's paths (and any other already made).
_LOGGERS = ("instructor", "instructor.v2", "instructor.v2.retry", "instructor.auto_client")

# Inside a nigerwatch call: the secrets to redact, and whether to drop the records outright.
_scope: contextvars.ContextVar[tuple[tuple[str, ...], bool] | None] = contextvars.ContextVar(
    "nigerwatch_instructor_scope", default=None
)


class _InsideNigerwatch(logging.Filter):
    """Lowers and redacts the records emitted while a nigerwatch call is running."""

    def filter(self, record: logging.LogRecord) -> bool:
        scope = _scope.get()
        if scope is None:
            return True
        secrets, silent = scope
        if silent:
            return False
        record.msg, record.args = redact(record.getMessage(), secrets), ()
        record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


_FILTER = _InsideNigerwatch()
_install_lock = threading.Lock()
_installed = False


@contextlib.contextmanager
def quieted(secrets: Iterable[str], *, silent: bool = False) -> Iterator[None]:
    """Inside the block, instructor's records are DEBUG and hold none of ``secrets``.

    Args:
        secrets: Text to redact from the records (the API key).
        silent: Drop the records instead (a request built but deliberately never sent).
    """
    _install()
    token = _scope.set((tuple(secrets), silent))
    try:
        yield
    finally:
        _scope.reset(token)


def _install() -> None:
    global _installed  # noqa: PLW0603 - once per process
    if _installed:
        return
    with _install_lock:
        known = [name for name in logging.root.manager.loggerDict if name.startswith("instructor")]
        for name in {*_LOGGERS, *known}:
            logger = logging.getLogger(name)
            if _FILTER not in logger.filters:
                logger.addFilter(_FILTER)
        _installed = True

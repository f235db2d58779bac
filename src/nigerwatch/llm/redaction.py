"""Secrets out of anything that may be shown or stored: log lines, messages, batch outputs.

Some gateways echo the request's ``Authorization`` header, or the key itself, in their error
bodies. Whatever text came from a server is passed through :func:`redact` (or
:func:`redact_json`) before nigerwatch logs or writes it: the configured key is replaced, and so
is anything shaped like a bearer token or an OpenAI-style key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"

# A secret shorter than this is not replaced verbatim (it would blank ordinary words); the
# patterns below still catch key-shaped text.
MIN_SECRET_CHARS = 8

_KEY_SHAPED = re.compile(
    r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"
    r"|\b(?:sk|pk|rk|key)-[A-Za-z0-9_-]{8,}"
    r"|(?<=api[_-]key=)[^&\s\"']+",
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret and anything key-shaped replaced by ``[redacted]``."""
    for secret in secrets:
        if len(secret) >= MIN_SECRET_CHARS:
            text = text.replace(secret, REDACTED)
    return _KEY_SHAPED.sub(REDACTED, text)


def redact_json(value: Any, secrets: Iterable[str] = ()) -> Any:  # noqa: ANN401 - any JSON
    """A copy of a JSON value with :func:`redact` applied to every string in it."""
    secrets = tuple(secrets)
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, list):
        return [redact_json(item, secrets) for item in value]
    if isinstance(value, dict):
        return {redact(str(k), secrets): redact_json(v, secrets) for k, v in value.items()}
    return value

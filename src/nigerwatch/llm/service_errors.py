"""How a failed model call becomes a :class:`~nigerwatch.errors.NigerwatchError` saying what to do.

Messages name the endpoint without credentials and never include the API key or the server's
own error text (which may echo a key).
"""

from __future__ import annotations

import openai

from nigerwatch.errors import ConfigurationError, ModelOutputError, ModelServiceError
from nigerwatch.llm.attempts import Attempts
from nigerwatch.llm.retry import describe
from nigerwatch.llm.validation import Job


def output_error(model: str, job: Job, attempts: Attempts, why: str) -> ModelOutputError:
    """The model answered, but never usably."""
    usage = attempts.usage()
    return ModelOutputError(
        f"article {job.article.id!r}: {why} after {usage.attempts} answer(s) from "
        f"{model}. A larger model, or more reasks, may do better.",
        attempts=usage.attempts,
        last_output=attempts.last_text(),
        usage=usage,
    )


def service_error(
    exc: openai.APIError, endpoint: str, model: str, attempts: Attempts
) -> ConfigurationError | ModelServiceError:
    """The endpoint failed: the caller's settings (401, 404) or the service (the rest)."""
    if isinstance(exc, openai.AuthenticationError):
        return ConfigurationError(
            f"{endpoint} refused the API key (HTTP 401): check OPENAI_API_KEY or api_key=."
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigurationError(
            f"{endpoint} does not know model {model!r} or the path (HTTP 404): "
            "check NIGERWATCH_MODEL and NIGERWATCH_BASE_URL (it usually ends in /v1)."
        )
    tries = f"{attempts.transport_retries + 1} tries"
    if isinstance(exc, openai.APIStatusError):
        return ModelServiceError(
            f"{endpoint} answered HTTP {exc.status_code} ({tries}); try again later or lower "
            "the request rate.",
            usage=attempts.usage(),
        )
    return ModelServiceError(
        f"cannot reach {endpoint}: {describe(exc)} ({tries}); check that the server is "
        "running and NIGERWATCH_BASE_URL is right.",
        usage=attempts.usage(),
    )

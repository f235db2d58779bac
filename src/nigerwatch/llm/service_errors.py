"""How a failed model call becomes a :class:`~nigerwatch.errors.NigerwatchError` saying what to do.

Messages name the endpoint without credentials and never include the API key or the server's
own error text (which may echo a key): they are built from an
:class:`~nigerwatch.llm.transport.EndpointError`, which holds neither.
"""

from __future__ import annotations

from nigerwatch.errors import ConfigurationError, ModelOutputError, ModelServiceError
from nigerwatch.llm.attempts import Attempts
from nigerwatch.llm.transport import EndpointError
from nigerwatch.llm.validation import Job

# What each refusal of the caller's setup means: every later article would fail the same way.
_SETUP_REFUSALS = {
    401: "refused the API key (HTTP 401): check OPENAI_API_KEY or api_key=.",
    403: "refused access (HTTP 403): the key may not be allowed to use model {model!r}, or "
    "the endpoint blocks this client; check the key's permissions and NIGERWATCH_MODEL.",
    404: "does not know model {model!r} or the path (HTTP 404): check NIGERWATCH_MODEL and "
    "NIGERWATCH_BASE_URL (it usually ends in /v1).",
}


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
    failure: EndpointError, endpoint: str, model: str, attempts: Attempts
) -> ConfigurationError | ModelServiceError:
    """The endpoint failed: the caller's settings (401, 403, 404) or the service (the rest)."""
    status = failure.status_code
    if status in _SETUP_REFUSALS:
        return ConfigurationError(f"{endpoint} " + _SETUP_REFUSALS[status].format(model=model))
    tries = f"{attempts.transport_retries + 1} tries"
    return ModelServiceError(f"{endpoint} {_what_happened(failure, tries)}", usage=attempts.usage())


def _what_happened(failure: EndpointError, tries: str) -> str:
    status = failure.status_code
    if failure.kind == "NotACompletion":
        return (
            f"{failure.reason}: check that NIGERWATCH_BASE_URL is an OpenAI-compatible API "
            "(it usually ends in /v1), not a web page or a proxy's error page."
        )
    if status == 429:
        return f"kept refusing with HTTP 429, too many requests ({tries}): lower --concurrency."
    if status is not None and status >= 500:
        return f"failed with HTTP {status} ({tries}): the server is in trouble; try again later."
    if status is not None:
        return (
            f"rejected the request with HTTP {status}: the server refused this article's request "
            "(too long for the model, or a mode it does not support: see NIGERWATCH_MODE)."
        )
    if failure.reason == "timed out":
        return (
            f"did not answer in time ({tries}): raise NIGERWATCH_TIMEOUT, or lower --concurrency "
            "if the server is overloaded."
        )
    return (
        f"cannot be reached: {failure.reason} ({tries}); check that the server is running and "
        "NIGERWATCH_BASE_URL is right."
    )

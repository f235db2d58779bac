"""What one article's answers cost: every answer, rejection and retry, and the raw text.

Counted as they happen through instructor's hooks, so an article that fails still reports
every token it spent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from nigerwatch.core.draft import ArticleDraft
from nigerwatch.llm.validation import GroundedAnswer
from nigerwatch.schemas import Usage

_FENCED_JSON = re.compile(r"```(?:json)?\s*(\{.*\})\s*```", re.DOTALL)


@dataclass
class Attempts:
    """Every answer and retry for one article, counted as they happen (instructor hooks)."""

    last: ChatCompletion | None = None
    answers: int = 0
    rejected: int = 0
    transport_retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0

    def on_response(self, completion: ChatCompletion) -> None:
        """Hook: an answer arrived."""
        # Read the counts now: instructor later folds running totals into the same object.
        usage = completion.usage
        self.last = completion
        self.answers += 1
        self.prompt_tokens += usage.prompt_tokens if usage else 0
        self.completion_tokens += usage.completion_tokens if usage else 0
        self.cached_prompt_tokens += cached_prompt_tokens(completion)

    def on_parse_error(self, error: Exception, **_: object) -> None:
        """Hook: an answer failed validation or grounding."""
        self.rejected += 1

    def usage(self) -> Usage:
        """Tokens and calls so far."""
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            attempts=self.answers,
            rejected_answers=self.rejected,
            transport_retries=self.transport_retries,
            cached_prompt_tokens=self.cached_prompt_tokens,
        )

    def last_text(self) -> str:
        """The raw text of the last answer ("" if none)."""
        return answer_text(self.last) if self.last is not None else ""

    def unchecked_draft(self, answer_model: type[GroundedAnswer]) -> ArticleDraft | None:
        """The last answer as a draft without the grounding check, if it is one at all."""
        text = self.last_text()
        try:
            return answer_model.model_validate_json(text).to_draft() if text else None
        except ValidationError:
            return None


def cached_prompt_tokens(completion: ChatCompletion) -> int:
    """Prompt tokens the server took from its prompt cache for this answer (0 if it says not).

    OpenAI reports them in ``usage.prompt_tokens_details.cached_tokens``, llama.cpp in its
    ``timings.cache_n``.
    """
    usage = completion.usage
    details = getattr(usage, "prompt_tokens_details", None) if usage else None
    cached = getattr(details, "cached_tokens", None) if details else None
    if isinstance(cached, int):
        return cached
    timings = (completion.model_extra or {}).get("timings")
    value = timings.get("cache_n") if isinstance(timings, dict) else None
    return value if isinstance(value, int) else 0


def answer_text(completion: ChatCompletion) -> str:
    """The JSON text of a chat completion, whatever the mode put it in."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    for call in message.tool_calls or []:
        function = getattr(call, "function", None)
        if function is not None:
            return str(function.arguments or "")
    content = str(message.content or "")
    fenced = _FENCED_JSON.search(content)
    return fenced.group(1) if fenced else content

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

    def on_response(self, completion: ChatCompletion) -> None:
        """Hook: an answer arrived."""
        # Read the counts now: instructor later folds running totals into the same object.
        usage = completion.usage
        self.last = completion
        self.answers += 1
        self.prompt_tokens += usage.prompt_tokens if usage else 0
        self.completion_tokens += usage.completion_tokens if usage else 0

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
        )

    def last_text(self) -> str:
        """The raw text of the last answer ("" if none)."""
        return answer_text(self.last) if self.last is not None else ""

    def unchecked_draft(self) -> ArticleDraft | None:
        """The last answer as a draft without the grounding check, if it is one at all."""
        text = self.last_text()
        try:
            return ArticleDraft.model_validate_json(text) if text else None
        except ValidationError:
            return None


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

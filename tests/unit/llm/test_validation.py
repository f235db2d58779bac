"""What validation keeps of an article's drafts (no model, no transport)."""

from __future__ import annotations

from nigerwatch import Article
from nigerwatch.core.draft import ArticleDraft
from nigerwatch.llm.validation import Job


def test_a_drafts_records_are_built_once_per_article() -> None:
    job = Job.of(Article.from_text("Soldiers seized power in Niger in a coup on July 26, 2023."))
    fields: dict[str, list[object]] = {
        "coups": [],
        "sanctions": [],
        "deployments": [],
        "alliances": [],
    }
    first = job.records(ArticleDraft.model_validate(fields))
    assert job.records(ArticleDraft.model_validate(fields)) is first  # an equal draft: reused

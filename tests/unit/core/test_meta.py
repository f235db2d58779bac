"""The extra fields of an input record, made JSON-safe and bounded for article.meta."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from nigerwatch import ArticleInfo
from nigerwatch.core.meta import clean_meta
from nigerwatch.schemas import META_MAX_FIELDS, META_MAX_NAME, META_MAX_TEXT


def info(**meta: object) -> ArticleInfo:
    return ArticleInfo(id="a", language="en", sha256="0" * 64, chars=1, meta=meta)


def test_scalars_are_kept_as_given_and_skipped_fields_left_out() -> None:
    record = {"id": "a1", "text": "...", "url": "https://example.org/a", "rank": 3, "ok": True}
    record |= {"score": 0.5, "author": None}
    assert clean_meta(record, skip=("id", "text")) == {
        "url": "https://example.org/a",
        "rank": 3,
        "ok": True,
        "score": 0.5,
        "author": None,
    }


def test_lists_and_objects_become_their_json_text() -> None:
    meta = clean_meta({"tags": ["coup", "Niger"], "geo": {"lat": 13.5}})
    assert meta == {"tags": '["coup","Niger"]', "geo": '{"lat":13.5}'}


def test_it_is_bounded() -> None:
    record: dict[str, object] = {f"f{n:02d}": n for n in range(META_MAX_FIELDS + 10)}
    record = {"body": "x" * (META_MAX_TEXT * 3), "x" * (META_MAX_NAME + 1): 1, "": 2, **record}
    record["nan"] = float("nan")
    meta = clean_meta(record)
    assert len(meta) == META_MAX_FIELDS
    assert len(str(meta["body"])) == META_MAX_TEXT
    assert str(meta["body"]).endswith("…")
    assert "" not in meta
    assert "nan" not in meta
    assert all(len(name) <= META_MAX_NAME for name in meta)
    info(**meta)  # what comes out always fits the record


def test_the_record_refuses_what_is_not_json_safe_or_bounded() -> None:
    for bad in ({"x": float("inf")}, {"x": "y" * (META_MAX_TEXT + 1)}, {"x": [1, 2]}):
        with pytest.raises(ValidationError):
            info(**bad)
    with pytest.raises(ValidationError):
        info(**{f"f{n}": n for n in range(META_MAX_FIELDS + 1)})
    assert json.loads(info(url="https://example.org").model_dump_json())["meta"] == {
        "url": "https://example.org"
    }
    assert ArticleInfo(id="a", language="en", sha256="0", chars=1).meta == {}

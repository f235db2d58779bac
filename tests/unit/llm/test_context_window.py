"""Reading the context each kind of server reports, and which servers are asked at all."""

from __future__ import annotations

from typing import Any

import pytest

from nigerwatch.llm.context_window import Probe, known, probes
from nigerwatch.llm.settings import resolve

LOCAL = {"NIGERWATCH_BASE_URL": "http://gpu-box:8000/v1", "NIGERWATCH_MODEL": "qwen"}


def _probe(source: str) -> Probe:
    (probe,) = [p for p in probes(resolve(env=LOCAL)) if p.source == source]
    return probe


def test_a_local_endpoint_is_asked_in_order_llama_cpp_vllm_ollama() -> None:
    asked = [(p.method, p.url) for p in probes(resolve(env=LOCAL))]
    assert asked == [
        ("GET", "http://gpu-box:8000/props"),
        ("GET", "http://gpu-box:8000/v1/models"),
        ("GET", "http://gpu-box:8000/api/ps"),
        ("POST", "http://gpu-box:8000/api/show"),
    ]
    assert _probe("Ollama /api/show").body == {"model": "qwen"}


def test_hosted_apis_and_the_embedded_server_are_not_asked() -> None:
    assert probes(resolve(env={"OPENAI_API_KEY": "sk-test", "NIGERWATCH_MODEL": "gpt"})) == []
    embedded = resolve(env={})
    assert probes(embedded) == []
    assert known(embedded) is not None
    assert known(embedded).source == "embedded server"  # type: ignore[union-attr]


def test_a_setting_wins_over_asking() -> None:
    window = known(resolve(env={**LOCAL, "NIGERWATCH_CONTEXT_TOKENS": "16384"}))
    assert window is not None
    assert (window.tokens, window.source, window.reported) == (
        16384,
        "NIGERWATCH_CONTEXT_TOKENS",
        True,
    )
    assert known(resolve(env=LOCAL)) is None


@pytest.mark.parametrize(
    ("answer", "tokens"),
    [
        ({"default_generation_settings": {"n_ctx": 4096}, "total_slots": 4}, 4096),
        ({"default_generation_settings": {"n_ctx": "4096"}}, 4096),
        ({"default_generation_settings": {"n_ctx": 0}}, None),
        ({"default_generation_settings": {"n_ctx": True}}, None),
        ({"default_generation_settings": {"n_ctx": -1}}, None),
        ({"default_generation_settings": "n_ctx=4096"}, None),
        ({"n_ctx": 4096}, None),
        ([4096], None),
    ],
)
def test_llama_cpp_props(answer: Any, tokens: int | None) -> None:
    assert _probe("llama.cpp /props").read(answer, "qwen") == tokens


@pytest.mark.parametrize(
    ("answer", "tokens"),
    [
        (
            {"data": [{"id": "other", "max_model_len": 1}, {"id": "qwen", "max_model_len": 32768}]},
            32768,
        ),
        ({"data": [{"id": "served-under-another-name", "max_model_len": 32768}]}, 32768),
        ({"data": [{"id": "qwen", "context_length": 131072}]}, 131072),
        ({"data": [{"id": "qwen", "context_window": 8000}]}, 8000),
        ({"data": [{"id": "a", "max_model_len": 1}, {"id": "b", "max_model_len": 2}]}, None),
        ({"data": [{"id": "qwen", "owned_by": "vllm"}]}, None),
        ({"data": []}, None),
        ({"object": "list"}, None),
    ],
)
def test_model_list(answer: Any, tokens: int | None) -> None:
    assert _probe("/v1/models").read(answer, "qwen") == tokens


@pytest.mark.parametrize(
    ("answer", "tokens"),
    [
        (
            {"models": [{"name": "qwen:latest", "model": "qwen:latest", "context_length": 4096}]},
            4096,
        ),
        ({"models": [{"name": "qwen", "context_length": 2048}]}, 2048),
        ({"models": [{"name": "llama3:latest", "context_length": 4096}]}, None),
        ({"models": []}, None),
    ],
)
def test_ollama_loaded_models(answer: Any, tokens: int | None) -> None:
    assert _probe("Ollama /api/ps").read(answer, "qwen") == tokens


@pytest.mark.parametrize(
    ("answer", "tokens"),
    [
        ({"parameters": 'stop "<|im_end|>"\nnum_ctx                        16384'}, 16384),
        ({"parameters": 'stop "<|im_end|>"\ntemperature 0.7'}, None),
        ({"parameters": "num_ctx lots"}, None),
        ({"modelfile": "PARAMETER num_ctx 4096"}, None),
    ],
)
def test_ollama_show(answer: Any, tokens: int | None) -> None:
    assert _probe("Ollama /api/show").read(answer, "qwen") == tokens

from __future__ import annotations

from pathlib import Path

import pytest

from nigerwatch import ConfigurationError
from nigerwatch.llm.settings import OPENAI_URL, Settings, guess_mode, redact_url, resolve


def test_arguments_win_over_environment() -> None:
    env = {"NIGERWATCH_BASE_URL": "http://env:8000/v1", "NIGERWATCH_MODEL": "env-model"}
    settings = resolve(model="arg-model", base_url="http://arg:9000/v1", env=env)
    assert (settings.model, settings.base_url) == ("arg-model", "http://arg:9000/v1")


def test_environment_is_used_when_no_arguments() -> None:
    env = {
        "OPENAI_BASE_URL": "http://localhost:11434/v1",
        "NIGERWATCH_MODEL": "qwen2.5:7b",
        "NIGERWATCH_CONTEXT_TOKENS": "32768",
    }
    settings = resolve(env=env)
    assert settings.base_url == "http://localhost:11434/v1"
    assert settings.mode == "json_schema"  # Ollama honours JSON schemas
    assert settings.context_tokens == 32768
    assert settings.api_key == "not-needed"
    assert (settings.temperature, settings.seed) == (0.0, 42)


def test_a_key_alone_means_openai_with_tools() -> None:
    settings = resolve(env={"OPENAI_API_KEY": "sk-test", "NIGERWATCH_MODEL": "gpt-4o-mini"})
    assert settings.base_url == OPENAI_URL
    assert settings.mode == "tools"
    assert "sk-test" not in repr(settings)


def test_endpoint_without_model_says_what_to_set() -> None:
    with pytest.raises(ConfigurationError, match="NIGERWATCH_MODEL"):
        resolve(env={"NIGERWATCH_BASE_URL": "http://vllm:8000/v1"})


def test_nothing_configured_and_no_model_file_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="nigerwatch model pull") as caught:
        resolve(env={"NIGERWATCH_CACHE_DIR": str(tmp_path)})
    assert "NIGERWATCH_BASE_URL" in str(caught.value)


def test_default_model_file_gives_embedded_settings(tmp_path: Path) -> None:
    model = tmp_path / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    model.parent.mkdir()
    model.write_bytes(b"GGUF")
    settings = resolve(env={"NIGERWATCH_CACHE_DIR": str(tmp_path)})
    assert settings.embedded
    assert settings.gguf == model
    assert settings.mode == "json_schema"


def test_any_gguf_path_runs_embedded(tmp_path: Path) -> None:
    model = tmp_path / "my-model.gguf"
    model.write_bytes(b"GGUF")
    settings = resolve(env={"NIGERWATCH_MODEL": str(model)})
    assert (settings.embedded, settings.model) == (True, "my-model")


def test_model_name_without_endpoint_is_explained() -> None:
    with pytest.raises(ConfigurationError, match="NIGERWATCH_BASE_URL"):
        resolve(env={"NIGERWATCH_MODEL": "gpt-4o-mini"})


@pytest.mark.parametrize("mode", ["JSON_SCHEMA", "tools", " md_json "])
def test_modes_are_case_insensitive(mode: str) -> None:
    env = {"NIGERWATCH_BASE_URL": "http://x/v1", "NIGERWATCH_MODEL": "m", "NIGERWATCH_MODE": mode}
    assert resolve(env=env).mode == mode.strip().lower()


def test_unknown_mode_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigurationError, match="json_schema, tools, md_json, json"):
        resolve(base_url="http://x/v1", model="m", mode="function_calling", env={})


@pytest.mark.parametrize(
    ("url", "mode"),
    [
        ("https://api.openai.com/v1", "tools"),
        ("https://my-res.openai.azure.com/openai", "tools"),
        ("http://localhost:11434/v1", "json_schema"),
        ("http://gpu-box:8000/v1", "json_schema"),
        ("https://llm.example.org/v1", "md_json"),
    ],
)
def test_mode_guess_per_endpoint(url: str, mode: str) -> None:
    assert guess_mode(url) == mode


def test_urls_are_redacted_for_logs_and_records() -> None:
    assert redact_url("https://user:secret@host:8443/v1?key=abc") == "https://host:8443/v1"


def test_bad_context_tokens_is_a_configuration_error() -> None:
    env = {"NIGERWATCH_BASE_URL": "http://x/v1", "NIGERWATCH_MODEL": "m"}
    with pytest.raises(ConfigurationError, match="an integer >= 1"):
        resolve(env={**env, "NIGERWATCH_CONTEXT_TOKENS": "lots"})


def test_focused_questions_are_on_unless_switched_off() -> None:
    env = {"NIGERWATCH_BASE_URL": "http://x/v1", "NIGERWATCH_MODEL": "m"}
    assert resolve(env=env).focus
    assert not resolve(env={**env, "NIGERWATCH_FOCUS": "OFF"}).focus
    with pytest.raises(ConfigurationError, match="NIGERWATCH_FOCUS='maybe': use one of on, off"):
        resolve(env={**env, "NIGERWATCH_FOCUS": "maybe"})


def test_a_focused_question_has_a_key_of_its_own_and_the_passes_keep_theirs() -> None:
    from nigerwatch import Article
    from nigerwatch.llm.cache import cache_key
    from nigerwatch.llm.plan import Request, plan

    settings = resolve(base_url="http://x/v1", model="m", env={"NIGERWATCH_CONTEXT_TOKENS": "8192"})
    article = Article.from_text("France sent troops to Mali. France sent troops to Chad.")
    passes = plan(article, settings)
    (deployment,) = [r for r in passes if r.kind == "deployment"]
    first = Request("deployment", deployment.chunk, (0, 27))
    second = Request("deployment", deployment.chunk, (28, 55))
    assert first.focus_text == "France sent troops to Mali."
    keys = {cache_key(settings, r) for r in (deployment, first, second)}
    assert len(keys) == 3
    assert first.label == "deployment@0+0"


def test_cache_key_changes_with_what_changes_the_answer(tmp_path: Path) -> None:
    import dataclasses

    from nigerwatch import Article
    from nigerwatch.llm import prompt
    from nigerwatch.llm.cache import cache_key
    from nigerwatch.llm.plan import plan

    settings = resolve(base_url="http://x/v1", model="m", env={"NIGERWATCH_CONTEXT_TOKENS": "8192"})

    def key(text: str, chosen: Settings = settings, which: int = 0) -> str:
        return cache_key(chosen, plan(Article.from_text(text), chosen)[which])

    first = key("The junta closed the border and seized power in a coup.")
    assert key("The junta closed the border and seized power in a coup.") == first
    assert key("The junta opened the border and seized power in a coup.") != first
    assert key("The junta closed the border and seized power in a coup.", which=1) != first
    assert key("The junta closed the border and seized power in a coup.") == first
    for changed in (
        dataclasses.replace(settings, model="other"),
        dataclasses.replace(settings, mode="tools"),
        dataclasses.replace(settings, seed=7),
    ):
        assert key("The junta closed the border and seized power in a coup.", changed) != first
    original = prompt.DEFINITIONS["coup"]
    try:
        prompt.DEFINITIONS["coup"] = original + " Be brief."
        assert key("The junta closed the border and seized power in a coup.") != first
    finally:
        prompt.DEFINITIONS["coup"] = original


def test_settings_decide_the_default_concurrency(tmp_path: Path) -> None:
    model = tmp_path / "my-model.gguf"
    model.write_bytes(b"GGUF")
    assert resolve(model=str(model), env={}).concurrency == 1  # one slot on the server
    assert resolve(base_url="http://x/v1", model="m", env={}).concurrency == 4
    env = {"NIGERWATCH_CONCURRENCY": "16"}
    assert resolve(base_url="http://x/v1", model="m", env=env).concurrency == 16
    with pytest.raises(ConfigurationError, match="NIGERWATCH_CONCURRENCY"):
        resolve(base_url="http://x/v1", model="m", env={"NIGERWATCH_CONCURRENCY": "0"})


def test_one_cache_dir_for_models_and_answers(tmp_path: Path) -> None:
    from nigerwatch.llm.settings import default_cache_dir

    env = {"NIGERWATCH_CACHE_DIR": str(tmp_path / "nw")}
    assert default_cache_dir(env) == tmp_path / "nw"
    assert default_cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "nigerwatch"
    settings = resolve(base_url="http://x/v1", model="m", env=env)
    assert settings.cache_dir == tmp_path / "nw"

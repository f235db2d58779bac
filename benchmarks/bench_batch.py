"""Batch extraction at scale against the stub server: throughput, faults, cache/resume, memory.

The stub (benchmarks/stub_server.py, a separate process on 127.0.0.1) answers with the real
recorded answers of the embedded model; articles are the seeds made unique with a trailing
``[ref N]`` line. Every figure below is measured in this run.

    python benchmarks/bench_batch.py                  # all five parts (about 10 minutes)
    python benchmarks/bench_batch.py --only throughput --n 1000 --concurrency 32 --latency 0.2
    python benchmarks/bench_batch.py --only failures  # every failure path (bench_failures.py)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from stub_server import StubServer

from nigerwatch import Extractor
from nigerwatch.llm.cache import AnswerCache
from nigerwatch.llm.model_store import DEFAULT_MODEL
from nigerwatch.llm.settings import resolve
from nigerwatch.runs.engine import extract_many
from nigerwatch.runs.file_run import RunOptions, run_extraction
from nigerwatch.runs.inputs import BatchItem

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "cassettes" / "test_seeds"
# Seeds whose recorded answer needs no re-ask: one model call per article, as the ideal assumes.
ONE_CALL_SEEDS = sorted(ROOT.glob("seeds/00[1-4]_*.txt"))
ALL_SEEDS = sorted(ROOT.glob("seeds/*.txt"))


def variants(n: int, seeds: list[Path], *, first: int = 0) -> list[BatchItem]:
    texts = [p.read_text(encoding="utf-8").rstrip() for p in seeds]
    return [
        BatchItem(id=f"v{i:06d}", text=f"{texts[i % len(texts)]}\n[ref {i:06d}]")
        for i in range(first, first + n)
    ]


def extractor(
    base_url: str, *, timeout: float = 30.0, cache: AnswerCache | None = None
) -> Extractor:
    settings = resolve(base_url=base_url, model=DEFAULT_MODEL.alias, mode="json_schema", env={})
    return Extractor.from_settings(
        dataclasses.replace(settings, timeout=timeout), cache=False if cache is None else cache
    )


def write_jsonl(items: list[BatchItem], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({"id": item.id, "text": item.text}) + "\n")


def throughput(n: int, concurrency: int, latency: float, sequential_n: int) -> None:
    print(f"\n== throughput: N={n}, C={concurrency}, L={latency}s, no faults, no cache")
    with StubServer(latency=latency, cassettes=RECORDED) as stub:
        ex = extractor(stub.base_url)
        # Warm up first (imports on first use, dateparser's tables, connections).
        warm_up = variants(2 * concurrency, ONE_CALL_SEEDS, first=900_000)
        list(extract_many(warm_up, extractor=ex, concurrency=concurrency))
        stub.reset()
        items = variants(n, ONE_CALL_SEEDS)
        cpu, start = time.process_time(), time.perf_counter()
        outcomes = list(extract_many(items, extractor=ex, concurrency=concurrency))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        ideal = math.ceil(n / concurrency) * latency
        ok = sum(o.ok for o in outcomes)
        print(f"done {ok}/{n}; model calls {stub.stats()['outcomes']['ok']}")
        print(f"wall {wall:.2f} s, ideal ceil(N/C)*L = {ideal:.2f} s, ratio {wall / ideal:.3f}")
        print(f"client CPU {cpu:.2f} s = {cpu / n * 1000:.2f} ms per article")
        stub.reset()
        seq_items = variants(sequential_n, ONE_CALL_SEEDS)
        start = time.perf_counter()
        list(extract_many(seq_items, extractor=extractor(stub.base_url), concurrency=1))
        seq = (time.perf_counter() - start) / sequential_n
        print(
            f"sequential loop: {seq:.3f} s per article (measured on {sequential_n}); "
            f"{n} articles would take {seq * n:.0f} s, {seq * n / wall:.1f}x the concurrent run"
        )


def faults(n: int, concurrency: int, latency: float) -> None:
    rates = {"p429": 0.10, "p500": 0.05, "ptimeout": 0.02, "pmalformed": 0.05}
    print(f"\n== faults: N={n}, C={concurrency}, L={latency}s, {rates}, client timeout 2 s")
    stub_faults = StubServer(
        latency=latency,
        cassettes=RECORDED,
        seed=3,
        hold=30.0,
        p429=0.10,
        p500=0.05,
        ptimeout=0.02,
        pmalformed=0.05,
    )
    with (
        tempfile.TemporaryDirectory() as tmp,
        stub_faults as stub,
    ):
        folder = Path(tmp)
        items = variants(n, ALL_SEEDS)
        write_jsonl(items, folder / "in.jsonl")
        options = RunOptions(
            sources=[str(folder / "in.jsonl")], output=folder / "out.jsonl", concurrency=concurrency
        )
        start = time.perf_counter()
        summary = run_extraction(extractor(stub.base_url, timeout=2.0), options)
        wall = time.perf_counter() - start
        done = [json.loads(line)["article"]["id"] for line in (folder / "out.jsonl").open()]
        failed_records = [json.loads(line) for line in (folder / "out.failures.jsonl").open()]
        seen = Counter(done + [f["id"] for f in failed_records])
        lost = {i.id for i in items} - set(seen)
        duplicates = sum(1 for count in seen.values() if count > 1)
        print(f"stub outcomes: {stub.stats()['outcomes']}")
        print(f"done {summary.done}, failed {summary.failed} in {wall:.1f} s")
        print(f"lost {len(lost)}, duplicates {duplicates}")
        reasons = Counter(f["error_type"] for f in failed_records)
        print(f"failure reasons: {dict(reasons)}")


def cache_and_resume(n: int, concurrency: int, latency: float) -> None:
    print(f"\n== cache: N={n}, C={concurrency}, L={latency}s")
    with (
        tempfile.TemporaryDirectory() as tmp,
        StubServer(latency=latency, cassettes=RECORDED) as stub,
    ):
        folder = Path(tmp)
        items = variants(n, ALL_SEEDS)
        ex = extractor(stub.base_url, cache=AnswerCache(folder / "answers.sqlite"))
        list(extract_many(items, extractor=ex, concurrency=concurrency))
        first = stub.reset()["outcomes"]["ok"]
        second_run = extract_many(items, extractor=ex, concurrency=concurrency)
        list(second_run)
        second = stub.reset()["outcomes"]["ok"]
        cached = second_run.summary.cached
        print(f"model calls: first run {first}, repeated run {second} (cached {cached}/{n})")

        print(f"\n== resume after kill -9: N={n} files, CLI with --concurrency {concurrency}")
        articles = folder / "articles"
        articles.mkdir()
        for item in items:
            (articles / f"{item.id}.txt").write_text(item.text or "", encoding="utf-8")
        out = folder / "out.jsonl"
        command, env = cli_run(articles, out, concurrency, stub.base_url)
        run = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        while not out.exists() or len(out.read_bytes().splitlines()) < n // 3:
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait()
        written = {
            json.loads(line)["article"]["id"]
            for line in out.read_bytes().splitlines()
            if line.endswith(b"}")
        }
        stub.reset()
        resumed = subprocess.run(
            [*command, "--resume"], env=env, stderr=subprocess.PIPE, text=True, check=False
        )
        asked = {
            "v" + key.rsplit("[ref ", 1)[1].rstrip("]") + ".txt"
            for key in stub.reset()["ok_per_article"]
        }
        ids = Counter(json.loads(line)["article"]["id"] for line in out.open())
        missing = {f"{item.id}.txt" for item in items} - written
        print(f"killed with {len(written)} complete lines written")
        print(
            f"resumed run: exit {resumed.returncode}; asked the model about {len(asked)} "
            f"articles, the {len(missing)} missing ones: {asked == missing}; final output "
            f"{sum(ids.values())} lines, {len(ids)} distinct ids, max {max(ids.values())} per id"
        )
        print(resumed.stderr.strip().splitlines()[-1])


def memory(n: int, concurrency: int) -> None:
    print(f"\n== memory: N={n} articles streamed from JSON Lines, C={concurrency}, L=0")
    with tempfile.TemporaryDirectory() as tmp, StubServer(latency=0.0, cassettes=RECORDED) as stub:
        folder = Path(tmp)
        write_jsonl(variants(n, ALL_SEEDS), folder / "in.jsonl")
        out = folder / "out.jsonl"
        command, env = cli_run(folder / "in.jsonl", out, concurrency, stub.base_url)
        start = time.perf_counter()
        run = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        samples: list[tuple[int, int]] = []
        while run.poll() is None:
            rss = _rss_kib(run.pid)
            lines = out.read_bytes().count(b"\n") if out.exists() else 0
            if rss:
                samples.append((lines, rss))
            time.sleep(0.5)
        wall = time.perf_counter() - start
        peak = max(rss for _, rss in samples)
        written = out.read_bytes().count(b"\n")
        print(f"exit {run.returncode} after {wall:.0f} s, {written} lines written")
        for fraction in (0.1, 0.25, 0.5, 0.75, 1.0):
            lines, rss = samples[min(len(samples) - 1, int(fraction * (len(samples) - 1)))]
            print(f"  at {lines:>6} articles written: RSS {rss / 1024:.0f} MiB")
        print(f"peak RSS {peak / 1024:.0f} MiB (sampled every 0.5 s)")


def cli_run(
    source: Path, out: Path, concurrency: int, base_url: str
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a CLI extraction against the stub."""
    command = [sys.executable, "-m", "nigerwatch.cli", "extract", str(source), "-o", str(out)]
    command += ["--concurrency", str(concurrency), "--no-cache"]
    env = {
        **os.environ,
        "NIGERWATCH_BASE_URL": base_url,
        "NIGERWATCH_MODEL": DEFAULT_MODEL.alias,
        "NIGERWATCH_MODE": "json_schema",
    }
    return command, env


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--only", choices=["throughput", "faults", "cache", "memory", "failures"])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--sequential-n", type=int, default=100)
    parser.add_argument("--memory-n", type=int, default=20_000)
    args = parser.parse_args()
    if args.only in (None, "throughput"):
        throughput(args.n, args.concurrency, args.latency, args.sequential_n)
    if args.only in (None, "faults"):
        faults(args.n, args.concurrency, 0.05)
    if args.only in (None, "cache"):
        cache_and_resume(min(args.n, 300), 8, 0.05)
    if args.only in (None, "memory"):
        memory(args.memory_n, args.concurrency)
    if args.only in (None, "failures"):
        # The command line under every failure path (bench_failures.py; N=200 at C=16).
        import bench_failures

        if bench_failures.main([]) != 0:
            raise SystemExit(1)


if __name__ == "__main__":
    main()

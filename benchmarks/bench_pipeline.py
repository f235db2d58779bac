"""The library's own cost: CPU time per article and import time. No model runs here.

Each seed article's recorded answers (tests/cassettes/test_seeds) are replayed through an
in-memory transport, so the measured path is everything nigerwatch does around the model:
instructor's parsing, validation with grounding, normalization and record building.

    python benchmarks/bench_pipeline.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "tests"))
from cassette_support import replaying_extractor  # noqa: E402


def cpu_per_article(repeat: int) -> None:
    from nigerwatch import read_article

    extractor = replaying_extractor()
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    start = time.process_time()
    for article in articles:
        extractor.extract(article)
    cold = (time.process_time() - start) / len(articles)
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        for article in articles:
            extractor.extract(article)
        samples.append((time.process_time() - start) / len(articles))
    print(f"articles: {len(articles)} seeds, {repeat} warm rounds")
    print(f"cpu per article, first round (cold caches): {cold * 1000:.1f} ms")
    print(
        f"cpu per article, warm: median {statistics.median(samples) * 1000:.1f} ms, "
        f"min {min(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"
    )


def country_search(repeat: int) -> None:
    from nigerwatch.normalize import find_countries

    sentence = "Niger\u2019s junta rejected the ECOWAS deadline; French troops left Niamey. "
    text = (sentence * 70)[:5000]
    find_countries(text)  # compile the pattern outside the measurement
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        find_countries(text)
        samples.append(time.perf_counter() - start)
    print(f"find_countries on 5,000 characters: median {statistics.median(samples) * 1000:.2f} ms")


def import_time(statement: str, runs: int = 7) -> float:
    """Median wall seconds of `python -c statement` minus an empty interpreter start."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(run("pass") for _ in range(runs))
    return statistics.median(run(statement) for _ in range(runs)) - base


def main() -> None:
    # instructor logs each re-ask in the recordings as an error; the benchmark only times them.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    cpu_per_article(args.repeat)
    country_search(args.repeat)
    print(f"import nigerwatch: {import_time('import nigerwatch') * 1000:.0f} ms")
    print(
        "import nigerwatch + extraction layer (openai, instructor): "
        f"{import_time('import nigerwatch; nigerwatch.Extractor') * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()

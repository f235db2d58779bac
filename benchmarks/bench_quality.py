"""Quality on the labelled dev set: configurations of the pipeline and two baselines, one table.

Each configuration extracts the dev articles with the same model (the embedded default unless
NIGERWATCH_* says otherwise), and the results are scored by ``nigerwatch eval``'s code:

* ``plain``: one instructor call asking for final codes, nothing checked (benchmarks/
  plain_baseline.py) — what a user writes without nigerwatch;
* ``single``: the first releases' pipeline, one request for all four types
  (``NIGERWATCH_PASSES=single``), with grounding and normalization;
* ``per_type``: the current default, one request per type and window with definitions.

    python benchmarks/bench_quality.py --config per_type --split tune
    python benchmarks/bench_quality.py --config single --config per_type --split all --table

Results go to ``build/quality/<config>/`` (``results.jsonl`` and ``times.jsonl``); a run that
is interrupted goes on where it stopped, and answers come from the answer cache when the
requests are the same, so only changed requests cost model time (times are kept from the run
that paid for them). ``--table`` prints the comparison: per type P/R/F1, micro/macro, must_not
violations, false alarms on negative articles, median seconds per short article (uncached
only) and the share of prompt tokens the server served from its prompt cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import get_args

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evaluation" / "dev"
OUT = ROOT / "build" / "quality"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from nigerwatch import Article, ArticleExtraction, Extractor, read_article  # noqa: E402
from nigerwatch.evaluation import Report, evaluate, load_gold, load_texts  # noqa: E402
from nigerwatch.evaluation.gold import GoldArticle, Split  # noqa: E402
from nigerwatch.llm.settings import Passes, Settings, resolve  # noqa: E402

CONFIGS = ("plain", "single", "per_type")


def extractor_for(config: str, settings: Settings) -> Callable[[Article], ArticleExtraction]:
    """The extraction function of a configuration."""
    if config == "plain":
        from plain_baseline import extract_plain, plain_client

        client = plain_client(settings)
        return lambda article: extract_plain(article, settings, client)
    passes: Passes = "single" if config == "single" else "per_type"
    extractor = Extractor.from_settings(dataclasses.replace(settings, passes=passes), cache=True)
    return extractor.extract


def run(config: str, gold: list[GoldArticle], settings: Settings, name: str) -> None:
    """Extract every article of ``gold`` not done yet, appending results and times."""
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    results, times = folder / "results.jsonl", folder / "times.jsonl"
    done = {json.loads(line)["article"]["id"] for line in _lines(results)}
    extract = extractor_for(config, settings)
    todo = [g for g in gold if g.id not in done]
    for number, label in enumerate(todo, start=1):
        article = read_article(DEV / "articles" / label.id)
        start = time.perf_counter()
        try:
            result = extract(article)
        except Exception as exc:
            print(f"  {label.id}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        seconds = time.perf_counter() - start
        with results.open("a", encoding="utf-8") as out:
            out.write(result.model_dump_json() + "\n")
        with times.open("a", encoding="utf-8") as out:
            record = {"id": label.id, "seconds": seconds, "cached": result.usage.cached}
            out.write(json.dumps(record) + "\n")
        print(
            f"  [{config} {number}/{len(todo)}] {label.id}: {len(result.events)} events, "
            f"{seconds:.0f} s{' (cached)' if result.usage.cached else ''}",
            file=sys.stderr,
        )


def report(config: str, gold: list[GoldArticle], split: str | None) -> tuple[Report, str]:
    """The evaluation report of a configuration, and its speed line."""
    folder = OUT / config
    results = [
        ArticleExtraction.model_validate_json(line) for line in _lines(folder / "results.jsonl")
    ]
    texts = load_texts(DEV / "articles")
    scored = evaluate(gold, results, split=split, texts=texts, label=config)
    ids = {a.gold.id for a in scored.articles if a.gold.slice != "long"}
    seconds = [
        t["seconds"]
        for t in map(json.loads, _lines(folder / "times.jsonl"))
        if t["id"] in ids and not t["cached"]
    ]
    chosen = [r for r in results if r.article.id in {a.gold.id for a in scored.articles}]
    prompt = sum(r.usage.prompt_tokens for r in chosen)
    cached = sum(r.usage.cached_prompt_tokens for r in chosen)
    median = f"{statistics.median(seconds):.0f} s" if seconds else "-"
    share = f"{cached / prompt:.0%}" if prompt else "-"
    return scored, f"median {median} per short article (n={len(seconds)}), prompt cache {share}"


def table(configs: list[str], gold: list[GoldArticle], split: str | None) -> str:
    """One row per configuration."""
    head = (
        f"{'config':<10} {'coup':>14} {'sanction':>14} {'deployment':>14} {'alliance':>14} "
        f"{'micro P/R/F1':>15} {'macro':>5} {'viol':>4} {'negFA':>5} {'long R':>6}  speed"
    )
    lines = [f"split: {split or 'all'}", head]
    for config in configs:
        scored, speed = report(config, gold, split)
        cells = [
            _prf(scored.per_type()[kind]) for kind in ("coup", "sanction", "deployment", "alliance")
        ]
        micro = scored.micro()
        long_recall = Report([a for a in scored.articles if a.gold.slice == "long"]).micro().recall
        lines.append(
            f"{config:<10} "
            + " ".join(f"{c:>14}" for c in cells)
            + f" {_prf(micro):>15} {_num(scored.macro_f1()):>5} {len(scored.violations()):>4} "
            f"{scored.negative_false_alarms():>5} {_num(long_recall):>6}  {speed}"
        )
    return "\n".join(lines)


def _prf(counts: object) -> str:
    p, r, f = (getattr(counts, name) for name in ("precision", "recall", "f1"))
    return "/".join(_num(x) for x in (p, r, f))


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _lines(path: Path) -> list[str]:
    return (
        [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if path.exists()
        else []
    )


def main() -> None:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # Any folder of build/quality can be tabled; only these three can be run.
    parser.add_argument("--config", action="append", required=True, help=", ".join(CONFIGS))
    parser.add_argument("--split", choices=(*get_args(Split), "all"), default="tune")
    parser.add_argument("--table", action="store_true", help="only score what was extracted")
    parser.add_argument(
        "--slices", help="extract and score only these slices (comma-separated: standard_en,french)"
    )
    parser.add_argument("--details", action="store_true", help="print each config's full report")
    parser.add_argument(
        "--name", help="the results folder under build/quality (default: the config's name)"
    )
    args = parser.parse_args()
    split = None if args.split == "all" else args.split
    gold = [g for g in load_gold(DEV / "gold") if split is None or g.split == split]
    if args.slices:
        gold = [g for g in gold if g.slice in args.slices.split(",")]
    if not args.table:
        settings = resolve()
        for config in args.config:
            if config not in CONFIGS:
                parser.error(f"--config {config}: only {', '.join(CONFIGS)} can be run")
            run(config, gold, settings, args.name or config)
    shown = [args.name] if args.name else args.config
    print(table(shown, gold, split))
    if args.details:
        for config in shown:
            print()
            print(report(config, gold, split)[0].table())


if __name__ == "__main__":
    main()

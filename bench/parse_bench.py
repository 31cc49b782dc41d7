"""How fast the reader is, against dateparser's `search_dates` alone on the same texts.

    .venv/bin/python bench/parse_bench.py [--rounds N]

Prints messages per second and p50/p99 latency of `bot.parsing.read` over the dev
corpus, the same for `dateparser.search.search_dates` (languages=["en"], the
message's own time as RELATIVE_BASE), their ratio (reader cost / dateparser cost;
the target is at most 1.0, p99 under 5 ms), and the reader's start-up time in a
fresh interpreter (target under 1 s). Then the same for each other language, on its
own corpus (tests/corpus/<lang>.jsonl), against search_dates told that language.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPORA = ROOT / "tests" / "corpus"
LANGUAGES = {"en": "dev.jsonl", "ru": "ru.jsonl", "es": "es.jsonl", "pt": "pt.jsonl",
             "de": "de.jsonl"}


def measure(fn: Callable[[dict], object], items: list[dict], rounds: int) -> dict[str, float]:
    for item in items:  # warm caches and lazy imports: steady state is what users get
        fn(item)
    latencies: list[float] = []
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter_ns()
            fn(item)
            latencies.append((time.perf_counter_ns() - t0) / 1e6)
    total = time.perf_counter() - start
    latencies.sort()
    return {
        "per_s": len(latencies) / total,
        "mean_ms": statistics.fmean(latencies),
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def startup_seconds() -> float:
    code = ("import time; t=time.perf_counter(); from bot.parsing import read; "
            "from datetime import datetime; read('calf cramp 3 min', datetime(2026,11,25,3), 'UTC');"
            " print(time.perf_counter()-t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 cwd=ROOT, check=True).stdout) for _ in range(3)]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from dateparser.search import search_dates

    from bot.parsing import read

    results = {}
    for lang, name in LANGUAGES.items():
        items = []
        for line in (CORPORA / name).read_text("utf-8").splitlines():
            obj = json.loads(line)
            items.append({"text": obj["text"], "now": datetime.fromisoformat(obj["now"]),
                          "zone": ZoneInfo(obj["tz"])})

        def reader(item: dict, lang: str = lang) -> object:
            return read(item["text"], item["now"], item["zone"], None if lang == "en" else lang)

        def dateparser_alone(item: dict, lang: str = lang) -> object:
            return search_dates(item["text"], languages=[lang],
                                settings={"RELATIVE_BASE": item["now"]})

        ours = measure(reader, items, args.rounds)
        theirs = measure(dateparser_alone, items, args.rounds)
        results[lang] = (ours, theirs)
        print(f"[{lang}] messages: {len(items)} x {args.rounds} rounds")
        for label, r in (("reader", ours), ("dateparser.search_dates", theirs)):
            print(f"  {label:<24} {r['per_s']:>9.0f} msg/s   mean {r['mean_ms']:.3f} ms   "
                  f"p50 {r['p50_ms']:.3f} ms   p99 {r['p99_ms']:.3f} ms")
        print(f"  cost ratio reader/dateparser: {ours['mean_ms'] / theirs['mean_ms']:.2f}  "
              f"(target <= 1.0); reader p99: {ours['p99_ms']:.2f} ms  (target < 5 ms)")
    print(f"reader start-up (import + first read): {startup_seconds():.3f} s  (target < 1 s)")
    print("per language, ratio / p99 ms: " + "; ".join(
        f"{lang} {o['mean_ms'] / t['mean_ms']:.2f} / {o['p99_ms']:.2f}"
        for lang, (o, t) in results.items()))


if __name__ == "__main__":
    main()

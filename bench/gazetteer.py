"""Gazetteer load time and memory, from the compiled cache (built first if missing).

The issue's budget: under a second to load, under 200 MB resident for the gazetteer. Runs the load in a
fresh child process so nothing else is warm. Last line of output: one JSON object with the figures.

    python bench/gazetteer.py
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = """
import json, time
def rss_mb():
    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
started = time.perf_counter()
from conflictwatch.geo import load_gazetteer
imported = time.perf_counter()
cpu_before = time.process_time()
before = rss_mb()
gazetteer = load_gazetteer()
loaded = time.perf_counter()
print(json.dumps({"import_s": imported - started, "load_s": loaded - imported,
                  "load_cpu_s": time.process_time() - cpu_before,
                  "gazetteer_mb": rss_mb() - before, "process_mb": rss_mb(), "places": len(gazetteer)}))
"""


def run_child() -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD], check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    run_child()  # builds the cache if it is missing or stale
    runs = [run_child() for _ in range(3)]
    best = min(runs, key=lambda r: r["load_s"])
    print(
        f"{best['places']:.0f} places; load {best['load_s']:.2f} s wall, "
        f"{best['load_cpu_s']:.2f} s CPU (best of 3; CPU time is what a busy machine does not skew)"
    )
    print(f"gazetteer {best['gazetteer_mb']:.0f} MB resident; process {best['process_mb']:.0f} MB")
    print(
        json.dumps(
            {
                "bench": "gazetteer",
                "places": best["places"],
                "load_s": round(best["load_s"], 3),
                "load_cpu_s": round(best["load_cpu_s"], 3),
                "gazetteer_mb": round(best["gazetteer_mb"]),
                "process_mb": round(best["process_mb"]),
            }
        )
    )


if __name__ == "__main__":
    main()

"""Ingest speed and memory: text files → clean → date → dedup → store, on one core.

Builds corpora of real news articles (the benchmarks' articles) at growing sizes, ingests each into a fresh
SQLite database in a child process, and prints documents per second and peak resident memory. Memory must
stay flat as the corpus grows. Last line of output: one JSON object with the figures.

    python bench/ingest.py [--benchmarks ../shared/benchmarks] [--sizes 500,1000,2000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def real_articles(benchmarks: Path) -> Iterator[str]:
    """Article texts from the benchmark folders that hold whole news stories."""
    sources = [
        (benchmarks / "gva_incidents" / "documents_dev.jsonl", "text"),
        (benchmarks / "india_police_events" / "docs.jsonl", "doc_text"),
    ]
    for path, field in sources:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line).get(field) or ""
                if len(text.split()) >= 80:
                    yield text


def write_corpus(texts: list[str], size: int, folder: Path) -> None:
    """`size` distinct text files; past the real articles, copies get a numbered lead so ids differ."""
    folder.mkdir(parents=True)
    for i in range(size):
        text = texts[i % len(texts)]
        if i >= len(texts):
            text = f"Update {i // len(texts)}: an earlier report follows.\n\n{text}"
        (folder / f"{i:07d}.txt").write_text(text, encoding="utf-8")


def child(corpus: str, db: str) -> None:
    """Runs in the child: ingest the corpus, print its own figures as JSON."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from conflictwatch.pipeline import ingest
    from conflictwatch.store import open_store

    with open_store(db) as store:
        start = time.perf_counter()
        report = ingest([corpus], store=store)
        seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "docs": len(report.stored),
                "failed": len(report.errors),
                "seconds": round(seconds, 2),
                "docs_per_s": round(len(report.stored) / seconds, 1),
                "peak_rss_mb": round(peak_kb / 1024, 1),
            }
        )
    )


def measure(texts: list[str], size: int, work: Path) -> dict[str, float]:
    corpus = work / f"corpus-{size}"
    write_corpus(texts, size, corpus)
    db = work / f"bench-{size}.db"
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(db)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    texts = list(real_articles(args.benchmarks))
    if not texts:
        sys.exit(f"no articles found under {args.benchmarks}")
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        runs = {str(size): measure(texts, size, Path(tmp)) for size in sizes}
    for size, figures in runs.items():
        print(
            f"{size:>6} docs: {figures['docs_per_s']:>7} docs/s, peak {figures['peak_rss_mb']} MB"
        )
    largest = runs[str(sizes[-1])]
    print(
        json.dumps(
            {
                "bench": "ingest",
                "input": "text files",
                "real_articles": len(texts),
                "docs_per_s": largest["docs_per_s"],
                "peak_rss_mb_by_size": {k: v["peak_rss_mb"] for k, v in runs.items()},
                "docs_per_s_by_size": {k: v["docs_per_s"] for k, v in runs.items()},
            }
        )
    )


if __name__ == "__main__":
    main()

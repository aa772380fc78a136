"""Extraction speed and memory: stored clean text → analyzed → event mentions stored, on 2 cores.

Takes real news articles of about 600 words (the benchmarks' whole stories), stores them without
extraction, then times `extract_stored` with one worker per core, end to end from clean text to
mentions in the database. Beside it, the same run's reference: plain `nlp.pipe` of the full spaCy
pipeline over the same texts with as many processes. It also times the time-and-place share (timex and
geocoding) on one core. Last line of output: one JSON object with the figures.

    python bench/extract.py [--benchmarks ../shared/benchmarks] [--docs 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from ingest import real_articles  # noqa: E402

TARGET_WORDS = (400, 800)


def articles(benchmarks: Path, count: int) -> list[str]:
    """`count` distinct real articles of 400–800 words (about 600 on average)."""
    chosen = []
    seen = set()
    for text in real_articles(benchmarks):
        words = len(text.split())
        if TARGET_WORDS[0] <= words <= TARGET_WORDS[1] and text not in seen:
            seen.add(text)
            chosen.append(text)
        if len(chosen) == count:
            break
    return chosen


def store_corpus(texts: list[str], folder: Path, db: str) -> None:
    from conflictwatch.pipeline import ingest
    from conflictwatch.store import open_store

    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    with open_store(db) as store:
        ingest([str(folder)], store=store)


def time_extraction(db: str, jobs: int) -> tuple[float, int, int]:
    from conflictwatch.pipeline import extract_stored
    from conflictwatch.store import open_store

    with open_store(db) as store:
        wanted = store.documents_to_extract()
        start = time.perf_counter()
        report = extract_stored(store, doc_ids=wanted, jobs=jobs)
        seconds = time.perf_counter() - start
    return seconds, len(report.extracted), report.mentions


def time_plain_pipe(texts: list[str], jobs: int) -> float:
    from conflictwatch.analyze import load_pipeline

    nlp = load_pipeline()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=16):
        pass
    return time.perf_counter() - start


def time_and_place_share(texts: list[str]) -> dict[str, float]:
    """Seconds spent in extraction as a whole and in its timex and geocoding calls, on one core."""
    from conflictwatch.analyze import load_pipeline
    from conflictwatch.extract import mentions as extraction

    load_pipeline()
    spent = {"timex": 0.0, "geo": 0.0}
    timed_find_timexes = extraction.find_timexes
    timed_geocode_text = extraction.geocode_text

    def find_timexes(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return timed_find_timexes(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent["timex"] += time.perf_counter() - start

    def geocode_text(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return timed_geocode_text(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent["geo"] += time.perf_counter() - start

    extraction.find_timexes = find_timexes  # type: ignore[assignment]
    extraction.geocode_text = geocode_text  # type: ignore[assignment]
    start = time.perf_counter()
    for i, text in enumerate(texts):
        extraction.extract_mentions(text, doc_id=str(i), published=dt.date(2020, 1, 1))
    total = time.perf_counter() - start
    return {"total_s": total, **{f"{k}_s": v for k, v in spent.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    texts = articles(args.benchmarks, args.docs)
    if not texts:
        sys.exit(f"no articles found under {args.benchmarks}")
    words = sum(len(t.split()) for t in texts) / len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store_corpus(texts, Path(tmp) / "corpus", db)
        seconds, docs, mentions = time_extraction(db, args.jobs)
    pipe_seconds = time_plain_pipe(texts, args.jobs)
    share = time_and_place_share(texts[: max(20, len(texts) // 5)])
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # Upper bound on the run's memory: this process at its peak plus every worker at the largest one's.
    peak_mb = main_mb + args.jobs * worker_mb
    rate = docs / seconds
    print(f"{docs} articles of {words:.0f} words on average, {args.jobs} processes")
    print(f"extraction, end to end: {rate:.1f} articles/s ({mentions} mentions stored)")
    print(f"plain nlp.pipe, full pipeline: {len(texts) / pipe_seconds:.1f} articles/s")
    time_place = share["timex_s"] + share["geo_s"]
    print(
        f"time and place: {time_place / share['total_s']:.0%} of one-core extraction time"
        f" (timex {share['timex_s']:.2f} s, geo {share['geo_s']:.2f} s of {share['total_s']:.2f} s)"
    )
    print(
        f"peak RSS: main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB, total ≤ {peak_mb:.0f} MB"
    )
    print(
        json.dumps(
            {
                "bench": "extract",
                "articles": docs,
                "mean_words": round(words),
                "jobs": args.jobs,
                "articles_per_s": round(rate, 2),
                "mentions": mentions,
                "nlp_pipe_articles_per_s": round(len(texts) / pipe_seconds, 2),
                "time_place_share": round(time_place / (share["total_s"] - time_place), 3),
                "peak_rss_mb": round(peak_mb),
            }
        )
    )


if __name__ == "__main__":
    main()

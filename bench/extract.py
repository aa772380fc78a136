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
import dataclasses
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
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


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its reaped child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@dataclasses.dataclass(frozen=True, slots=True)
class Timing:
    wall_s: float
    main_cpu_s: float  # this process
    worker_cpu_s: float  # the worker processes, counted once they have exited

    @property
    def cpu_s(self) -> float:
        return self.main_cpu_s + self.worker_cpu_s


class Stopwatch:
    """Wall and CPU time of a block. CPU time is what the shared 2-core machine cannot blur: other
    people's processes slow the wall clock, not the CPU seconds this run needs."""

    def __enter__(self) -> Stopwatch:
        self._wall = time.perf_counter()
        self._cpu = cpu_seconds()
        return self

    def __exit__(self, *_: object) -> None:
        own, children = cpu_seconds()
        self.timing = Timing(
            wall_s=time.perf_counter() - self._wall,
            main_cpu_s=own - self._cpu[0],
            worker_cpu_s=children - self._cpu[1],
        )


def _pss_kb(pid: int) -> int:
    """Proportional set size: private pages plus this process's share of pages shared with others."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # the process has just exited
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class MemorySampler:
    """Peak memory of this process and its descendants, summed as PSS four times a second: pages the
    forked workers share with this process count once, where summing each process's RSS counts them
    in each. Reading smaps costs the kernel a few ms per process; `cpu_s` is the sampler's own CPU
    time, to be taken off this process's."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self.cpu_s = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            pids = [os.getpid()]
            for pid in pids:  # grows as children are found: the whole tree
                pids.extend(_children(pid))
            self.peak_mb = max(self.peak_mb, sum(map(_pss_kb, pids)) / 1024)
            self.cpu_s = time.thread_time()


def time_extraction(db: str, jobs: int) -> tuple[Timing, int, int, float]:
    from conflictwatch.pipeline import extract_stored
    from conflictwatch.store import open_store

    with open_store(db) as store:
        wanted = store.documents_to_extract()
        with MemorySampler() as memory, Stopwatch() as watch:
            report = extract_stored(store, doc_ids=wanted, jobs=jobs)
    timing = dataclasses.replace(watch.timing, main_cpu_s=watch.timing.main_cpu_s - memory.cpu_s)
    return timing, len(report.extracted), report.mentions, memory.peak_mb


def time_plain_pipe(texts: list[str], jobs: int) -> Timing:
    """The reference: spaCy's own pipeline as installed, every component, over whole articles."""
    import spacy

    from conflictwatch import settings

    nlp = spacy.load(settings.load().spacy_model)
    with Stopwatch() as watch:
        for _ in nlp.pipe(texts, n_process=jobs, batch_size=16):
            pass
    return watch.timing


def time_and_place_share(texts: list[str]) -> dict[str, float]:
    """CPU seconds spent in extraction as a whole and in its timex and geocoding calls, on one core."""
    from conflictwatch.extract import mentions as extraction

    # Loads spaCy, the gazetteer and the actor dictionary, so that loading is not counted as work.
    extraction.extract_mentions(texts[0], doc_id="warm-up", published=dt.date(2020, 1, 1))
    spent = {"timex": 0.0, "geo": 0.0}
    # The module's own names are swapped for timed wrappers: extract_mentions looks them up there.
    names = vars(extraction)

    def timed(name: str, key: str) -> Callable[..., object]:
        call: Callable[..., object] = names[name]

        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                spent[key] += time.process_time() - start

        return wrapper

    names["find_timexes"] = timed("find_timexes", "timex")
    names["geocode_text"] = timed("geocode_text", "geo")
    start = time.process_time()
    for i, text in enumerate(texts):
        extraction.extract_mentions(text, doc_id=str(i), published=dt.date(2020, 1, 1))
    total = time.process_time() - start
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
        ours, docs, mentions, pss_mb = time_extraction(db, args.jobs)
    # Read before the reference run, whose processes would otherwise count as the extraction's.
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    plain = time_plain_pipe(texts, args.jobs)
    share = time_and_place_share(texts[: max(20, len(texts) // 5)])
    # Upper bound on the run's memory: this process at its peak plus every worker at the largest one's.
    peak_mb = main_mb + args.jobs * worker_mb
    rate = docs / ours.wall_s
    plain_rate = len(texts) / plain.wall_s
    print(f"{docs} articles of {words:.0f} words on average, {args.jobs} processes")
    print(f"extraction, end to end: {rate:.1f} articles/s ({mentions} mentions stored)")
    print(f"plain nlp.pipe, full pipeline: {plain_rate:.1f} articles/s")
    print(
        f"CPU seconds per article: extraction {ours.cpu_s / docs:.4f}"
        f" (main {ours.main_cpu_s:.1f} s, workers {ours.worker_cpu_s:.1f} s),"
        f" plain nlp.pipe {plain.cpu_s / len(texts):.4f}"
        f" (main {plain.main_cpu_s:.1f} s, workers {plain.worker_cpu_s:.1f} s);"
        f" plain/extraction CPU ratio {plain.cpu_s / len(texts) / (ours.cpu_s / docs):.2f}"
    )
    time_place = share["timex_s"] + share["geo_s"]
    print(
        f"time and place: {time_place / share['total_s']:.0%} of one-core extraction time"
        f" (timex {share['timex_s']:.2f} s, geo {share['geo_s']:.2f} s of {share['total_s']:.2f} s)"
    )
    print(
        f"peak RSS: main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB, total ≤ {peak_mb:.0f} MB;"
        f" peak of the extraction's summed PSS {pss_mb:.0f} MB"
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
                "nlp_pipe_articles_per_s": round(plain_rate, 2),
                "wall_ratio": round(rate / plain_rate, 2),
                "cpu_s_per_article": round(ours.cpu_s / docs, 4),
                # Split by process: the workers analyze and extract, this one loads the models
                # before forking them and stores the mentions.
                "main_cpu_s_per_article": round(ours.main_cpu_s / docs, 4),
                "worker_cpu_s_per_article": round(ours.worker_cpu_s / docs, 4),
                "nlp_pipe_cpu_s_per_article": round(plain.cpu_s / len(texts), 4),
                "cpu_ratio": round(plain.cpu_s / len(texts) / (ours.cpu_s / docs), 2),
                "time_place_share": round(time_place / share["total_s"], 3),
                "peak_rss_mb": round(peak_mb),
                "peak_pss_mb": round(pss_mb),
            }
        )
    )


if __name__ == "__main__":
    main()

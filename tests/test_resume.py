"""A run killed half-way (SIGKILL, no clean-up) and started again ends with no duplicates and no gaps."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conflictwatch.store import open_store

ARTICLE = (
    "Report {n}: Shelling hit the village of Testovo-{n} on Monday, local officials said in a statement "
    "released on Tuesday morning. At least {n} houses were damaged and {k} civilians were wounded, the "
    "regional administration said, adding that the attack lasted for about {m} hours.\n\n"
    "The defense ministry in the capital blamed separatist forces for the attack on settlement {n}, "
    "while a spokesman for the separatists denied any involvement and accused government troops of "
    "staging the incident number {n} to derail talks scheduled for next week.\n"
)


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        text = ARTICLE.format(n=n, k=n % 7 + 1, m=n % 5 + 2)
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")


def stored_count(db: Path) -> int:
    with open_store(str(db)) as store:
        return store.count_documents()


def wait_until_some_stored(db: Path, proc: subprocess.Popen[bytes]) -> None:
    """Poll with plain sqlite3 (cheap) until the first batch of documents is committed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                if connection.execute("SELECT count(*) FROM documents").fetchone()[0] > 0:
                    return
        except sqlite3.Error:
            pass  # not created or not migrated yet
        time.sleep(0.01)


def test_resume_after_sigkill(tmp_path: Path) -> None:
    count = 1000
    corpus, db = tmp_path / "corpus", tmp_path / "resume.db"
    write_articles(corpus, count)
    # Extraction is a later step with its own runs; this test is about the document layer.
    command = [sys.executable, "-m", "conflictwatch", "ingest", str(corpus), "--db", str(db)]
    command.append("--no-extract")
    proc = subprocess.Popen([*command, "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_some_stored(db, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stored_count(db)
    assert 0 < partial < count, "the kill should land half-way; make the corpus larger if not"

    rerun = subprocess.run([*command, "--json"], capture_output=True, text=True, check=True)
    report = json.loads(rerun.stdout)
    assert report["failed"] == 0
    assert report["inserted"] + report["unchanged"] == count
    assert (
        report["unchanged"] == partial
    )  # every document committed before the kill is kept as it was
    assert stored_count(db) == count

"""Near-duplicate groups through a real store: reprints join, other stories stay apart, and the
result does not depend on the order documents arrive in."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.dedup.dedup_support import document, groups, ingest, story_words

from conflictwatch.dedup import THRESHOLD, plan_group, signature, similarity
from conflictwatch.model import Document
from conflictwatch.store import DuplicateCandidate, SqlStore

NewStore = Callable[[], SqlStore]

FURNITURE_TOP = "Share 14 Tweet Email\n\nMost read: markets close lower\n\n"
FURNITURE_END = (
    "\n\nSubscribe to our newsletter for the day's top stories.\n\n"
    "Copyright 2024 Example Media Group. All rights reserved. Please enter your comment!"
)


def reprint(paragraphs: list[str], headline: str) -> str:
    """A syndicated copy: new headline, the outlet's own furniture around the same body."""
    return FURNITURE_TOP + headline + "\n\n" + "\n\n".join(paragraphs) + FURNITURE_END


def _seed_paragraphs(seeds_dir: Path, number: str) -> list[str]:
    (path,) = seeds_dir.glob(f"{number}_*.txt")
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_seed_wire_story_and_its_reprint_are_grouped(seeds_dir: Path, new_store: NewStore) -> None:
    wire_text = "\n\n".join(_seed_paragraphs(seeds_dir, "003"))
    # the reprint drops the source site's banner and closing lines and adds its own
    body = _seed_paragraphs(seeds_dir, "003")[3:-3]
    copy_text = reprint(body, "Russia Weighs Iranian Plan As Karabakh Fighting Goes On")
    assert similarity(signature(wire_text), signature(copy_text)) >= THRESHOLD
    store = new_store()
    wire = document(wire_text, dt.date(2020, 11, 4))
    copy = document(copy_text, dt.date(2020, 11, 5))
    ingest(store, copy)
    plan = ingest(store, wire)
    assert plan.duplicate_of is None and plan.repoint == {copy.id: wire.id}
    assert groups(store) == {wire.id: None, copy.id: wire.id}


def test_different_seed_stories_are_not_grouped(seeds_dir: Path, new_store: NewStore) -> None:
    store = new_store()
    docs = [
        document("\n\n".join(_seed_paragraphs(seeds_dir, number)), dt.date(2020, 11, 4))
        for number in ("000", "001", "002", "003", "004")
    ]
    for doc in docs:
        ingest(store, doc)
    assert groups(store) == {doc.id: None for doc in docs}


def _three_copies() -> list[Document]:
    """A wire story and two reprints (furniture, new headlines, one trimmed), plus dates."""
    body = " ".join(story_words(11, 600))
    paragraphs = [body[i : i + 400] for i in range(0, len(body), 400)]
    return [
        document("Original headline\n\n" + "\n\n".join(paragraphs), dt.date(2020, 10, 3)),
        document(reprint(paragraphs, "A changed headline for the copy"), dt.date(2020, 10, 2)),
        document(reprint(paragraphs[:-1], "Trimmed copy"), None),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_groups_do_not_depend_on_arrival_order(order: tuple[int, ...], new_store: NewStore) -> None:
    copies = _three_copies()
    other = document(" ".join(story_words(12, 600)), dt.date(2020, 9, 1))
    store = new_store()
    ingest(store, other)
    for index in order:
        ingest(store, copies[index])
    earliest = copies[1].id  # the reprint carries the earliest date
    assert groups(store) == {
        other.id: None,
        copies[0].id: earliest,
        copies[1].id: None,
        copies[2].id: earliest,
    }


def _chain() -> list[Document]:
    """A~B and B~C match, A and C do not: B's arrival must merge A's and C's groups."""
    words = story_words(21, 480)
    texts = [" ".join(words[start : start + 400]) for start in (0, 40, 80)]
    return [
        document(texts[0], None, doc_id="cccc"),
        document(texts[1], dt.date(2021, 11, 16), doc_id="bbbb"),
        document(texts[2], None, doc_id="aaaa"),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_chained_copies_merge_into_one_group(order: tuple[int, ...], new_store: NewStore) -> None:
    docs = _chain()
    sigs = [signature(doc.text) for doc in docs]
    assert similarity(sigs[0], sigs[1]) >= THRESHOLD and similarity(sigs[1], sigs[2]) >= THRESHOLD
    assert similarity(sigs[0], sigs[2]) < THRESHOLD
    store = new_store()
    for index in order:
        ingest(store, docs[index])
    # the one known date wins; unknown dates come after it whatever their ids
    assert groups(store) == {"aaaa": "bbbb", "bbbb": None, "cccc": "bbbb"}


def test_resaving_changes_nothing(new_store: NewStore) -> None:
    store = new_store()
    copies = _three_copies()
    for doc in copies:
        ingest(store, doc)
    before = groups(store)
    for doc in reversed(copies):
        plan = ingest(store, doc)
        assert plan.repoint == {}
        assert plan.duplicate_of == before[doc.id]
    assert groups(store) == before


def test_a_better_date_moves_the_canonical(new_store: NewStore) -> None:
    store = new_store()
    copies = _three_copies()
    for doc in copies:
        ingest(store, doc)
    redated = document(copies[2].text, dt.date(2020, 9, 30))
    plan = ingest(store, redated)
    assert plan.duplicate_of is None
    assert plan.repoint == {copies[0].id: redated.id, copies[1].id: redated.id}
    assert groups(store) == {copies[0].id: redated.id, copies[1].id: redated.id, redated.id: None}


def _candidate(doc_id: str, sig: bytes, day: int | None, of: str | None) -> DuplicateCandidate:
    published = dt.date(2022, 9, day) if day else None
    return DuplicateCandidate(doc_id=doc_id, signature=sig, published=published, duplicate_of=of)


def test_plan_ignores_weak_candidates_and_orders_ties_by_id() -> None:
    sig = signature(" ".join(story_words(31, 300)))
    unrelated = signature(" ".join(story_words(32, 300)))
    stored = {
        "m2": [_candidate("m2", sig, 13, None), _candidate("m9", sig, 13, "m2")],
        "x1": [_candidate("x1", unrelated, 1, None)],
    }
    candidates = [stored["m2"][1], stored["x1"][0]]
    plan = plan_group("m5", dt.date(2022, 9, 13), sig, candidates, lambda c: stored.get(c, []))
    assert (plan.duplicate_of, plan.repoint) == ("m2", {})
    first = plan_group("m1", dt.date(2022, 9, 13), sig, candidates, lambda c: stored.get(c, []))
    assert (first.duplicate_of, first.repoint) == (None, {"m2": "m1", "m9": "m1"})
    alone = plan_group("n1", None, unrelated, [stored["m2"][0]], lambda c: stored.get(c, []))
    assert (alone.duplicate_of, alone.repoint) == (None, {})

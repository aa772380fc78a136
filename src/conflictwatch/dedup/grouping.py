"""Near-duplicate groups: reprints and syndicated copies of one story share one canonical document.

Groups are the connected components of the "similar enough" relation: a new document joins every
group it matches, merging them. The canonical copy is the earliest published member (unknown dates
after known ones, ties by smallest id), so the grouping does not depend on arrival order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from ..store.records import DuplicateCandidate
from .minhash import THRESHOLD, similarity

MembersOf = Callable[[str], Sequence[DuplicateCandidate]]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DuplicatePlan:
    """What saving a document changes: its own canonical, and stored members' new canonicals."""

    duplicate_of: str | None  # None: the document is the canonical copy of its group
    repoint: dict[str, str | None]  # stored document id -> its new duplicate_of


def plan_group(
    doc_id: str,
    published: dt.date | None,
    sig: bytes,
    candidates: Sequence[DuplicateCandidate],
    members_of: MembersOf,
) -> DuplicatePlan:
    """Place `doc_id` in the union of the groups of its matching candidates.

    `members_of(canonical_id)` returns a group's canonical and members as stored (the store's
    `duplicate_group`). The document's own stored row, if any, keeps it in its earlier group.
    """
    matches = [
        c for c in candidates if c.doc_id != doc_id and similarity(sig, c.signature) >= THRESHOLD
    ]
    others = _merged_group([*matches, *members_of(doc_id)], members_of)
    others.pop(doc_id, None)  # its stored row is replaced by what is being saved now
    canonical = min(
        [(doc_id, published), *((m.doc_id, m.published) for m in others.values())],
        key=_canonical_order,
    )[0]
    return DuplicatePlan(
        duplicate_of=None if canonical == doc_id else canonical,
        repoint=_repoint(others.values(), canonical),
    )


def _merged_group(
    seeds: Iterable[DuplicateCandidate], members_of: MembersOf
) -> dict[str, DuplicateCandidate]:
    """Every stored document in the groups the seeds belong to, by id."""
    group = {seed.doc_id: seed for seed in seeds}
    for canonical_id in sorted({seed.canonical_id for seed in group.values()}):
        group.update((member.doc_id, member) for member in members_of(canonical_id))
    return group


def _canonical_order(entry: tuple[str, dt.date | None]) -> tuple[bool, dt.date, str]:
    doc_id, published = entry
    return (published is None, published or dt.date.min, doc_id)


def _repoint(members: Iterable[DuplicateCandidate], canonical: str) -> dict[str, str | None]:
    """New duplicate_of for each member whose canonical changes (None for the canonical itself)."""
    changes: dict[str, str | None] = {}
    for member in members:
        wanted = None if member.doc_id == canonical else canonical
        if member.duplicate_of != wanted:
            changes[member.doc_id] = wanted
    return changes

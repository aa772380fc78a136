"""Blocking and grouping: which frames are compared, and the groups their links make.

Frames are compared only when they share a block (an ISO week and a country, see
`frames.block_keys`), never all pairs. Groups are the connected components of the "same event"
links, so they do not depend on the order frames arrive in: the same frames always give the
same groups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from conflictwatch.link.frames import query_keys
from conflictwatch.link.similarity import Features, same_event
from conflictwatch.link.types import Frame

#: Frame kinds that take part in incident linking.
LINKABLE = frozenset({"event", "claims", "background", "document"})
#: A recalled event dated at least this precisely can join the incident it recalls.
RECALLED_EVENT_SPAN = dt.timedelta(days=7)


def is_linkable(frame: Frame) -> bool:
    """Events and claims link; background only when it recalls a dated event, not a period."""
    if frame.kind not in LINKABLE:
        return False
    if frame.kind != "background":
        return True
    if frame.start is None or frame.end is None:
        return False
    return frame.end - frame.start <= RECALLED_EVENT_SPAN


class UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        self.add(item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id wins, so the result never depends on the order of unions.
            low, high = sorted((ra, rb))
            self._parent[high] = low

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for item in sorted(self._parent):
            found.setdefault(self.find(item), []).append(item)
        return sorted(found.values(), key=lambda g: g[0])


class FrameIndex:
    """Frames by block key, with their linking features."""

    def __init__(self) -> None:
        self.features: dict[str, Features] = {}
        self._by_key: dict[str, set[str]] = {}

    def __contains__(self, frame_id: str) -> bool:
        return frame_id in self.features

    def add(self, frame: Frame) -> Features:
        known = self.features.get(frame.id)
        if known is not None:
            return known
        features = Features.of(frame)
        self.features[frame.id] = features
        for key in frame.blocks:
            self._by_key.setdefault(key, set()).add(frame.id)
        return features

    def candidates(self, frame: Frame) -> list[Features]:
        """Linkable frames sharing a block with `frame`, in id order."""
        found: set[str] = set()
        for key in query_keys(frame.blocks):
            found.update(self._by_key.get(key, ()))
        found.discard(frame.id)
        return [self.features[i] for i in sorted(found) if is_linkable(self.features[i].frame)]


def link_pairs(
    frontier: Iterable[str],
    index: FrameIndex,
    groups: UnionFind,
    tested: set[tuple[str, str]],
    linked: Callable[[Features, Features], bool] = same_event,
) -> list[str]:
    """Test every frontier frame against its candidates; union the links. Returns the frames
    newly reached through a link (to expand next)."""
    reached: list[str] = []
    for frame_id in frontier:
        features = index.features[frame_id]
        groups.add(frame_id)
        if not is_linkable(features.frame):
            continue
        for other in index.candidates(features.frame):
            pair = (min(frame_id, other.frame.id), max(frame_id, other.frame.id))
            if pair in tested:
                continue
            tested.add(pair)
            if linked(features, other):
                groups.union(frame_id, other.frame.id)
                reached.append(other.frame.id)
    return reached


def link_frames(frames: Sequence[Frame]) -> list[list[Frame]]:
    """Group frames (all in memory) into connected components of same-event links."""
    index = FrameIndex()
    by_id = {}
    for frame in frames:
        index.add(frame)
        by_id[frame.id] = frame
    groups = UnionFind()
    link_pairs(sorted(by_id), index, groups, set())
    return [[by_id[i] for i in group] for group in groups.groups()]


def makes_incident(group: Sequence[Frame]) -> bool:
    """Only a group with an event of its own is an incident: never accusations or memories alone."""
    return any(frame.kind == "event" for frame in group)

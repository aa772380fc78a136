"""The overview's markers kept in memory (`listings.MarkerCache`): the same answers as read from the
store, emptied by any write, bounded, and filled ahead by `preload`."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import update

from conflictwatch.store import SqlStore, listings
from conflictwatch.store.listings import BBox, Filters, MarkerCache
from conflictwatch.store.revision import StoreRevision
from conflictwatch.store.schema import incidents

from .test_listings import _incident, _replace, filled

__all__ = ["filled"]  # the fixture, used by name

OTHER_ACTOR = {"id": "ARM.MIL", "name": "Armenian forces", "country": "ARM"}


def _killed(n: int) -> dict[str, Any]:
    return {"killed": {"AZE": {"low": n, "best": n, "high": n, "cumulative": False, "claims": []}}}


def _incidents() -> list[dict[str, Any]]:
    """Twelve incidents over three types and a fortnight, casualties with ties, two undated, some
    citing another actor, one in an
    episode."""
    found = []
    for n in range(12):
        day = dt.date(2020, 7, 1) + dt.timedelta(days=n)
        fields: dict[str, Any] = {
            "type": ("FIGHT", "ASSAULT", "PROTEST")[n % 3],
            "start": None if n in (4, 9) else day.isoformat(),
            "end": None if n in (4, 9) else day.isoformat(),
            "casualties": _killed((n * 7) % 5),
            "summary": f"Incident {n} <i>near</i> \u00e9",
        }
        if n % 4 == 0:
            fields["actors"] = [OTHER_ACTOR]
        found.append(_incident(f"i{n:02d}", [f"m{n}"], **fields))
    return found


@pytest.fixture
def incidents_stored(filled: SqlStore) -> SqlStore:
    _replace(filled, [], _incidents())
    with filled._writing() as connection:  # episodes are set apart from the record
        connection.execute(update(incidents).where(incidents.c.id == "i05").values(episode_id="e1"))
    return filled


@pytest.fixture
def revision(incidents_stored: SqlStore) -> Iterator[StoreRevision]:
    found = StoreRevision(incidents_stored)
    yield found
    found.close()


FILTERS = [
    Filters(),
    Filters(type="FIGHT"),
    Filters(date_from=dt.date(2020, 7, 3), date_to=dt.date(2020, 7, 9), type="ASSAULT"),
    Filters(date_from=dt.date(2020, 7, 3), date_to=dt.date(2020, 7, 9)),
    Filters(actor="AZE.MIL"),
    Filters(actor="ARM.MIL"),
    Filters(actor="ARM.MIL", type="FIGHT"),
    Filters(actor="nobody"),
    Filters(bbox=BBox(min_lon=40.0, min_lat=35.0, max_lon=50.0, max_lat=45.0), type="FIGHT"),
    Filters(updated_since=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    Filters(region="am", actor="ARM.MIL"),
]


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("limit", [1, 3, 50])
def test_kept_markers_give_what_the_store_gives(
    incidents_stored: SqlStore, revision: StoreRevision, f: Filters, limit: int
) -> None:
    markers = MarkerCache(revision.current)
    expected = listings.overview(incidents_stored, f, limit=limit)
    first = listings.overview(incidents_stored, f, limit=limit, markers=markers)
    again = listings.overview(incidents_stored, f, limit=limit, markers=markers)
    assert first == expected and again == expected
    assert len(expected.largest) == min(limit, expected.total)


def test_markers_are_kept_and_served(incidents_stored: SqlStore, revision: StoreRevision) -> None:
    markers = MarkerCache(revision.current)
    listings.overview(incidents_stored, Filters(type="FIGHT"), limit=3, markers=markers)
    assert len(markers) == 3
    token = revision.current()
    assert token is not None
    kept = markers.markers(token, ["i00", "i03", "i06", "i09", "nothing"])
    # FIGHT: i00, i03, i06, i09 with 0, 1, 2, 3 killed: the three largest are kept.
    assert kept[0] is None and kept[4] is None
    assert kept[3] is not None and kept[3].startswith('{"episode": null, "id": "i09"')
    assert markers.harms(token, ["i09", "i06", "i00"]) == [3, 2, None]
    # An answer built from kept markers alone: a marker changed behind the cache's back shows.
    markers.keep(token, {"i09": (3, '{"episode": null, "id": "i09", "kept": true}')})
    found = listings.overview(incidents_stored, Filters(type="FIGHT"), limit=1, markers=markers)
    assert found.largest == ['{"episode": null, "id": "i09", "kept": true}']


def test_a_write_empties_the_kept_markers(
    incidents_stored: SqlStore, revision: StoreRevision
) -> None:
    markers = MarkerCache(revision.current)
    before = listings.overview(incidents_stored, Filters(), limit=50, markers=markers)
    assert len(markers) == 12
    changed = _incident("i03", ["m3"], type="FIGHT", casualties=_killed(40), summary="Later news")
    _replace(incidents_stored, ["i03", "i11"], [changed])
    after = listings.overview(incidents_stored, Filters(), limit=50, markers=markers)
    assert after == listings.overview(incidents_stored, Filters(), limit=50)
    assert after != before and after.total == 11
    assert after.largest[0].startswith('{"episode": null, "id": "i03"')
    assert '"summary": "Later news"' in after.largest[0]
    assert not any('"id": "i11"' in marker for marker in after.largest)
    assert len(markers) == 11  # the old revision's entries went; the new ones were read


def test_entries_of_another_revision_are_neither_served_nor_kept() -> None:
    markers = MarkerCache(lambda: "b")
    assert markers.keep("a", {"x": (1, "{}")})
    assert markers.markers("a", ["x"]) == ["{}"]
    assert markers.markers("b", ["x"]) == [None]  # serving "b" dropped "a"'s entries
    assert not markers.keep("a", {"x": (1, "{}")})
    assert len(markers) == 0


def test_kept_markers_are_bounded(incidents_stored: SqlStore, revision: StoreRevision) -> None:
    # a fixed revision: PostgreSQL's WAL position (the store's own token) may move with the
    # server's background writes between two reads, and then rightly nothing is kept
    markers = MarkerCache(lambda: "fixed", max_entries=4)
    expected = listings.overview(incidents_stored, Filters(), limit=10)
    assert listings.overview(incidents_stored, Filters(), limit=10, markers=markers) == expected
    assert len(markers) == 4
    assert listings.overview(incidents_stored, Filters(), limit=10, markers=markers) == expected
    assert len(markers) == 4
    with pytest.raises(ValueError, match="max_entries"):
        MarkerCache(revision.current, max_entries=0)


def test_nothing_is_kept_without_a_revision(incidents_stored: SqlStore) -> None:
    markers = MarkerCache(lambda: None)
    expected = listings.overview(incidents_stored, Filters(), limit=5)
    assert listings.overview(incidents_stored, Filters(), limit=5, markers=markers) == expected
    assert len(markers) == 0
    assert markers.preload(incidents_stored) == 0


def test_a_revision_moving_meanwhile_keeps_nothing(incidents_stored: SqlStore) -> None:
    tokens = iter(str(n) for n in range(1000))
    markers = MarkerCache(lambda: next(tokens))  # a new revision at every look
    expected = listings.overview(incidents_stored, Filters(actor="AZE.MIL"), limit=5)
    found = listings.overview(incidents_stored, Filters(actor="AZE.MIL"), limit=5, markers=markers)
    assert found == expected
    assert len(markers) == 0


def test_preload_reads_every_marker(incidents_stored: SqlStore, revision: StoreRevision) -> None:
    markers = MarkerCache(revision.current)
    assert markers.preload(incidents_stored, stop=threading.Event(), chunk=5) == 12
    assert len(markers) == 12
    token = revision.current()
    assert token is not None
    expected = listings.overview(incidents_stored, Filters(), limit=50)
    assert markers.markers(token, ["i05"]) == [
        next(m for m in expected.largest if '"id": "i05"' in m)
    ]
    assert markers.markers(token, ["i05"])[0].startswith('{"episode": "e1", "id": "i05"')
    # More incidents than may be kept: none are read ahead; a stop asked for reads nothing.
    assert MarkerCache(revision.current, max_entries=11).preload(incidents_stored) == 0
    stop = threading.Event()
    stop.set()
    assert MarkerCache(revision.current).preload(incidents_stored, stop=stop) == 0

"""The incidents' latitudes kept in memory (`listings.LatitudeBands`): counts as the store counts
them, read again after a write (not more often than allowed), and, fresh, stale or wrong, never a
change in what a listing holds: only in how it is read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from conflictwatch.store import SqlStore, listings
from conflictwatch.store.listings import DRIVING_MATCHES, BBox, Filters, LatitudeBands
from conflictwatch.store.revision import StoreRevision
from conflictwatch.store.schema import incident_refs, incidents

from .test_listings import VARDENIS, _incident, _replace


def _located(n: int) -> dict[str, Any]:
    """Incident n: on a grid of latitudes 30..49 and longitudes 40..47, one day apart; every
    seventh undated."""
    place = dataclasses.replace(VARDENIS, lat=30.0 + n % 20, lon=40.0 + n % 8)
    day = dt.date(2020, 7, 1) + dt.timedelta(days=n % 30)
    start = None if n % 7 == 3 else day.isoformat()
    found: dict[str, Any] = _incident(
        f"i{n:03d}", [], places=[place.as_dict()], start=start, end=start
    )
    return found


@pytest.fixture
def located(store: SqlStore) -> SqlStore:
    _replace(store, [], [_located(n) for n in range(120)])
    return store


@pytest.fixture
def revision(located: SqlStore) -> Iterator[StoreRevision]:
    found = StoreRevision(located)
    yield found
    found.close()


def _stored_count(store: SqlStore, low: float, high: float) -> int:
    with store._reading() as connection:
        query = select(func.count()).where(incidents.c.lat.between(low, high))
        return int(connection.execute(query).scalar_one())


def _count(store: SqlStore, bands: LatitudeBands, low: float, high: float) -> int | None:
    with store._reading() as connection:
        return bands.count(connection, low, high)


class _Counted(LatitudeBands):
    """Bands that answer one number for every band, whatever the store holds."""

    def __init__(self, answer: int) -> None:
        super().__init__(lambda: "fixed")
        self.answer = answer

    def count(self, connection: Any, min_lat: float, max_lat: float) -> int | None:
        return self.answer


BOX = BBox(min_lon=41.0, min_lat=33.0, max_lon=45.0, max_lat=44.0)
FILTERS = [
    Filters(bbox=BOX),
    Filters(bbox=BBox(min_lon=46.5, min_lat=30.0, max_lon=40.5, max_lat=49.0)),  # wraps
    Filters(bbox=BOX, type="fight"),
    Filters(bbox=BOX, date_from=dt.date(2020, 7, 5), date_to=dt.date(2020, 7, 20)),
    Filters(bbox=BOX, updated_since=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    Filters(bbox=BOX, actor="AZE.MIL"),
    Filters(bbox=BBox(min_lon=40.0, min_lat=48.5, max_lon=47.0, max_lat=60.0)),
]


def _pages(store: SqlStore, f: Filters, limit: int, bands: LatitudeBands | None) -> list[str]:
    """Every item of the listing, page after page."""
    items: list[str] = []
    after: listings.DatedKey | None = None
    while True:
        page = listings.incident_page(store, f, after=after, limit=limit, bands=bands)
        items += page.items
        if page.last is None:
            return items
        after = (page.last[0], page.last[1])


def test_counts_are_the_stores(located: SqlStore, revision: StoreRevision) -> None:
    bands = LatitudeBands(revision.current)
    for low, high in [(33.0, 44.0), (30.0, 30.0), (29.0, 29.9), (49.0, 49.0), (-90.0, 90.0)]:
        assert _count(located, bands, low, high) == _stored_count(located, low, high)
    assert _count(located, bands, 40.0, 35.0) == 0  # an empty band, as BETWEEN has it
    assert _count(located, bands, 33.0, 44.0) == 72
    assert len(bands) == 120


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("limit", [1, 4, 50])
def test_listings_hold_the_same_with_any_count(
    located: SqlStore, revision: StoreRevision, f: Filters, limit: int
) -> None:
    expected = _pages(located, f, limit, None)
    assert expected
    for bands in (LatitudeBands(revision.current), _Counted(0), _Counted(10 * DRIVING_MATCHES)):
        assert _pages(located, f, limit, bands) == expected


def test_a_wrong_count_changes_only_the_plan(located: SqlStore) -> None:
    f = Filters(bbox=BOX)
    with located._reading() as connection:
        few = listings._decide(connection, incidents, incident_refs, f, _Counted(0))
        many = listings._decide(connection, incidents, incident_refs, f, _Counted(DRIVING_MATCHES))
    assert few.box_drives and not many.box_drives
    assert _pages(located, f, 7, _Counted(0)) == _pages(located, f, 7, _Counted(DRIVING_MATCHES))


def test_a_write_is_counted_once_reading_again_is_allowed(
    located: SqlStore, revision: StoreRevision
) -> None:
    fresh = LatitudeBands(revision.current, rebuild_factor=0.0)
    stale = LatitudeBands(revision.current, rebuild_factor=1e9)
    assert _count(located, fresh, 33.0, 44.0) == _count(located, stale, 33.0, 44.0) == 72
    _replace(located, ["i000", "i004"], [_located(n) for n in range(200, 230)])
    now = _stored_count(located, 33.0, 44.0)
    assert now != 72
    assert _count(located, fresh, 33.0, 44.0) == now
    assert _count(located, stale, 33.0, 44.0) == 72  # read too recently: the old counts serve
    for f in FILTERS:
        assert _pages(located, f, 5, stale) == _pages(located, f, 5, None)


def test_nothing_is_kept_without_a_revision_or_beyond_the_bound(
    located: SqlStore, revision: StoreRevision
) -> None:
    assert _count(located, LatitudeBands(lambda: None), 33.0, 44.0) is None
    bounded = LatitudeBands(revision.current, max_entries=119)
    assert _count(located, bounded, 33.0, 44.0) is None and len(bounded) == 0
    # The probe counts instead: the same listing.
    f = Filters(bbox=BOX)
    assert _pages(located, f, 9, bounded) == _pages(located, f, 9, None)


@pytest.mark.parametrize("f", FILTERS)
def test_overviews_hold_the_same_with_any_count(
    located: SqlStore, revision: StoreRevision, f: Filters
) -> None:
    expected = listings.overview(located, f, limit=10)
    assert expected.total > 0 and expected.largest
    for bands in (LatitudeBands(revision.current), _Counted(0), _Counted(10 * DRIVING_MATCHES)):
        assert listings.overview(located, f, limit=10, bands=bands) == expected


def test_a_batch_plans_without_the_kept_latitudes(located: SqlStore) -> None:
    bands = LatitudeBands(lambda: "fixed")
    with located.batch():
        page = listings.incident_page(located, Filters(bbox=BOX), after=None, limit=5, bands=bands)
    assert len(page.items) == 5 and len(bands) == 0


def test_preloaded_latitudes_serve_the_first_count(
    located: SqlStore, revision: StoreRevision
) -> None:
    bands = LatitudeBands(revision.current)
    assert bands.preload(located) == 120
    # Served from memory: given no connection to read with, the count is still made.
    no_connection: Any = object()
    assert bands.count(no_connection, 33.0, 44.0) == 72
    fresh = LatitudeBands(revision.current)
    with pytest.raises(AttributeError):  # without the preload it must read
        fresh.count(no_connection, 33.0, 44.0)

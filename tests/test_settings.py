from conflictwatch import settings


def test_settings_every_setting_has_help_and_env() -> None:
    for s in settings.SETTINGS:
        assert s.help.strip(), s.name
        assert s.env.startswith("CONFLICTWATCH_"), s.name


def test_settings_load_reads_environment_over_defaults() -> None:
    loaded = settings.load({"CONFLICTWATCH_DB": "x.db", "CONFLICTWATCH_TIMEOUT": "2.5"})
    assert loaded.db == "x.db"
    assert loaded.timeout == 2.5
    assert loaded.max_bytes == 20_000_000


def test_settings_documented_in_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for s in settings.SETTINGS:
        assert s.env in readme, f"{s.env} is not documented in README.md"

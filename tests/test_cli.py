"""The command line: every command has help, listings print JSON, bad items give exit code 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import seed_file

from conflictwatch.cli import cli

COMMANDS = [
    "ingest",
    "extract",
    "documents",
    "show",
    "events",
    "incidents",
    "timeline",
    "ceasefires",
    "serve",
    "export",
    "errors",
]
DOCUMENT_FIELDS = {
    "id",
    "title",
    "published",
    "published_from",
    "outlet",
    "original_source",
    "duplicate_of",
    "text",
}


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_on_every_command(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0
    assert "--db" in out
    assert "Usage: " in out


def test_cli_ingest_then_documents_json(db: str, seeds_dir: Path) -> None:
    code, _ = run("ingest", str(seeds_dir), "--db", db, "--quiet", "--no-extract")
    assert code == 0
    code, out = run("documents", "--json", "--db", db)
    docs = json.loads(out)
    assert code == 0
    assert len(docs) == 5
    assert all(set(d) >= DOCUMENT_FIELDS for d in docs)
    assert {d["published"] for d in docs} == {
        "2020-07-20",
        "2020-10-03",
        "2020-11-04",
        "2021-11-16",
        None,
    }
    assert [d["published"] for d in docs][-1] is None  # unknown dates list last


def test_cli_db_from_environment(db: str, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTWATCH_DB", db)
    code, _ = run("ingest", str(seed_file(seeds_dir, "000")), "--quiet", "--no-extract")
    assert code == 0
    assert Path(db).exists()
    _, out = run("documents", "--json")
    assert len(json.loads(out)) == 1


def test_cli_ingest_published_override(db: str, seeds_dir: Path) -> None:
    path = str(seed_file(seeds_dir, "001"))
    code, out = run(
        "ingest", path, "--published", "2022-09-13", "--db", db, "--json", "--no-extract"
    )
    report = json.loads(out)
    assert code == 0
    assert report["inserted"] == 1
    _, out = run("documents", "--json", "--db", db)
    (doc,) = json.loads(out)
    assert (doc["published"], doc["published_from"]) == ("2022-09-13", "given")


def test_cli_show_with_furniture(db: str, seeds_dir: Path) -> None:
    run("ingest", str(seed_file(seeds_dir, "001")), "--db", db, "--quiet", "--no-extract")
    _, out = run("documents", "--json", "--db", db)
    doc_id = json.loads(out)[0]["id"]
    code, out = run("show", doc_id[:8], "--furniture", "--db", db)
    assert code == 0
    assert "Armenia sought Russian military assistance" in out
    assert "Post a Comment" in out.split("site furniture dropped")[1]
    code, out = run("show", "ffffffffffff", "--db", db)
    assert code == 1
    assert "no document" in out


def test_cli_ingest_bad_item_exit_code_and_errors_listing(
    db: str, tmp_path: Path, seeds_dir: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(seed_file(seeds_dir, "000"), inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db, "--no-extract"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert "E002" in result.output
    code, out = run("errors", "--json", "--db", db)
    assert code == 0
    (error,) = json.loads(out)
    assert error["code"] == "E002"
    assert error["origin"].endswith("empty.txt")


def test_cli_untrusted_markup_is_not_interpreted(db: str, tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        "[bold red]Shelling[/bold red] hit the town of Example on Monday, officials said in a statement.\n"
        "Two soldiers were wounded in the attack on [i]Example[/i], the defense ministry said.\n"
    )
    run("ingest", str(article), "--db", db, "--quiet")
    _, out = run("documents", "--json", "--db", db)
    doc_id = json.loads(out)[0]["id"]
    _, shown = run("show", doc_id, "--db", db)
    assert "[bold red]Shelling[/bold red]" in shown
    _, events = run("events", "--json", "--db", db)
    assert any("on [i]Example[/i]," in e["evidence"]["text"] for e in json.loads(events))


MENTION_FIELDS = {
    "id", "doc_id", "type", "mode", "acled_event_type", "acled_sub_event_type", "agent", "target",
    "claimant", "modality", "background", "date", "places", "casualties", "weapons", "confidence",
    "evidence", "outlet", "original_source",
}  # fmt: skip


def test_cli_events_json_fields_and_filters(db: str, seeds_dir: Path) -> None:
    code, _ = run("ingest", str(seed_file(seeds_dir, "004")), "--db", db, "--quiet")
    assert code == 0
    code, out = run("events", "--json", "--db", db)
    events = json.loads(out)
    assert code == 0 and events
    assert all(set(e) >= MENTION_FIELDS for e in events)
    assert {e["original_source"] for e in events} == {"RFE/RL"}
    doc_id = events[0]["doc_id"]
    for e in events:
        evidence = e["evidence"]
        assert set(evidence) >= {"doc_id", "start", "end", "text"}
        assert evidence["end"] - evidence["start"] == len(evidence["text"])
        for casualty in e["casualties"]:
            assert set(casualty) >= {
                "kind",
                "min",
                "max",
                "population",
                "side",
                "cumulative",
                "hedged",
            }
        for place in e["places"]:
            assert set(place) >= {"id", "name", "lat", "lon", "admin1", "country"}
    _, shown = run("show", doc_id, "--json", "--db", db)
    text = json.loads(shown)["text"]
    assert all(
        text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"] for e in events
    )
    _, out = run("events", "--json", "--type", "agree", "--doc", doc_id[:8], "--db", db)
    assert {e["type"] for e in json.loads(out)} == {"AGREE"}


def test_cli_extract_again_replaces_mentions(db: str, seeds_dir: Path) -> None:
    run("ingest", str(seed_file(seeds_dir, "000")), "--db", db, "--quiet", "--no-extract")
    _, out = run("events", "--json", "--db", db)
    assert json.loads(out) == []
    code, out = run("extract", "--db", db, "--json")
    first = json.loads(out)
    assert code == 0 and first["documents"] == 1 and first["mentions"] > 0
    code, out = run("extract", "--db", db, "--json")
    assert json.loads(out)["documents"] == 0  # nothing left to do
    code, out = run("extract", "--all", "--db", db, "--json")
    assert json.loads(out)["mentions"] == first["mentions"]
    _, listed = run("events", "--json", "--db", db)
    assert len(json.loads(listed)) == first["mentions"]


def test_cli_incidents_timeline_and_ceasefires(db: str, seeds_dir: Path) -> None:
    code, _ = run("ingest", str(seeds_dir), "--db", db, "--quiet")
    assert code == 0
    code, out = run("incidents", "--json", "--db", db)
    incidents = json.loads(out)
    assert code == 0 and incidents
    for incident in incidents:
        assert set(incident) >= {
            "id", "type", "start", "end", "places", "actors", "casualties", "mentions",
            "documents", "disputed", "episode",
        }  # fmt: skip
    code, out = run("timeline", "--json", "--db", db)
    timeline = json.loads(out)
    assert code == 0 and timeline["episodes"] and timeline["entries"]
    dated = [e["start"] for e in timeline["entries"] if e["start"]]
    assert dated == sorted(dated)
    assert all(e["citations"] for e in timeline["entries"])
    code, out = run("timeline", "--markdown", "--db", db)
    assert code == 0 and out.lstrip().startswith("#")
    code, out = run("ceasefires", "--json", "--db", db)
    ceasefires = json.loads(out)
    assert code == 0 and all("states" in c or "state" in c for c in ceasefires)
    # The three humanitarian ceasefires name no side: theirs are the war's, marked inferred.
    brokered = {c["mediators"][0]: c for c in ceasefires if c["state"] == "collapsed"}
    assert sorted(brokered) == ["FRA", "RUS", "USA"]
    assert all(c["parties"] == ["ARM", "AZE"] and c["parties_inferred"] for c in brokered.values())
    code, out = run("ceasefires", "--db", db)
    assert code == 0 and "ARM, AZE (inferred)" in out

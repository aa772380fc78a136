"""`conflictwatch eval seeds`: the checks of SEEDS-EXPECTED.md, run on the five seed articles.

The expectations are data (data/seeds_expected.json, written from SEEDS-EXPECTED.md); this module only
runs the pipeline on the seed files and compares. Each check is one line of the report: document dates
and sources, places within 25 km, names that must share one identity, the events (type, actors,
casualty figures, claimant, date, background) and the things that must not appear.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import tempfile
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from conflictwatch.actors import DocumentActors, load_actor_dictionary
from conflictwatch.describe.textspans import fold_accents
from conflictwatch.evaluate.result import EvalResult
from conflictwatch.extract.mentions import extract_mentions
from conflictwatch.geo import Toponym, geocode_text, load_gazetteer
from conflictwatch.ingest import iter_items
from conflictwatch.link import build_timeline, link_documents, list_incidents
from conflictwatch.model import ActorRef, Document, Mention, Overrides, RawItem
from conflictwatch.pipeline import build_document, extract_stored, ingest
from conflictwatch.store import open_store

#: A place counts as found when resolved within this distance of its true position.
PLACE_TOLERANCE_KM = 25.0
EARTH_RADIUS_KM = 6371.0


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class SeedRun:
    """One seed article and what the system made of it."""

    doc: Document
    mentions: tuple[Mention, ...]
    toponyms: tuple[Toponym, ...]


def score(data: Path, split: str | None = None, **_options: object) -> EvalResult:
    expected = _expectations()
    seeds_dir = data / "seeds" if (data / "seeds").is_dir() else data
    runs = _run_seeds(seeds_dir, expected.get("given_dates", {}), given=False)
    dated = _run_seeds(seeds_dir, expected.get("given_dates", {}), given=True)
    checks: list[tuple[str, bool]] = []
    checks += _document_checks(expected["documents"], runs)
    checks += _place_checks(expected["places"], runs)
    checks += _identity_checks(expected["same_identity"])
    checks += _event_checks(expected["events"], dated)
    checks += _forbidden_checks(expected["forbidden"], runs, dated)
    checks += _incident_checks(expected["incidents"], seeds_dir, expected.get("given_dates", {}))
    failures = tuple(name for name, ok in checks if not ok)
    return EvalResult(
        benchmark="seeds",
        split=split,
        n=len(runs),
        metrics={"passed": float(len(checks) - len(failures)), "total": float(len(checks))},
        failures=failures,
    )


def _expectations() -> dict[str, Any]:
    text = (resources.files("conflictwatch") / "data" / "seeds_expected.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _run_seeds(
    seeds_dir: Path, given_dates: Mapping[str, str], *, given: bool
) -> dict[str, SeedRun]:
    runs: dict[str, SeedRun] = {}
    for item in iter_items([str(seeds_dir)]):
        if not isinstance(item, RawItem):
            continue
        key = Path(item.origin).name[:3]
        published = (
            dt.date.fromisoformat(given_dates[key]) if given and key in given_dates else None
        )
        doc = build_document(item, "", overrides=Overrides(published=published))
        extraction = extract_mentions(doc.text, doc_id=key, published=doc.published.value)
        runs[key] = SeedRun(
            doc=doc, mentions=extraction.mentions, toponyms=tuple(geocode_text(doc.text))
        )
    return runs


def _document_checks(
    expected: Iterable[Mapping[str, Any]], runs: Mapping[str, SeedRun]
) -> list[tuple[str, bool]]:
    checks = []
    for want in expected:
        run = runs.get(want["doc"])
        published = run.doc.published.value if run else None
        shown = want["published"] or "unknown"
        checks.append(
            (
                f"{want['doc']}: published {shown}",
                run is not None
                and (published.isoformat() if published else None) == want["published"],
            )
        )
        checks.append(
            (
                f"{want['doc']}: original source {want['original_source']}",
                run is not None and run.doc.original_source == want["original_source"],
            )
        )
    return checks


def _place_checks(
    expected: Iterable[Mapping[str, Any]], runs: Mapping[str, SeedRun]
) -> list[tuple[str, bool]]:
    checks = []
    for want in expected:
        pool = (
            runs.values()
            if want.get("any_doc")
            else [r for k, r in runs.items() if k == want["doc"]]
        )
        found = [
            t
            for run in pool
            for t in run.toponyms
            if _same_name(t.text, want["name"]) and t.place and t.place.lat is not None
        ]
        ok = any(
            _km(t.place.lat, t.place.lon, want["lat"], want["lon"]) <= PLACE_TOLERANCE_KM
            for t in found
            if t.place and t.place.lat is not None and t.place.lon is not None
        )
        checks.append((f"{want['doc']}: {want['name']} within {PLACE_TOLERANCE_KM:g} km", ok))
    return checks


def _identity_checks(expected: Iterable[Mapping[str, Any]]) -> list[tuple[str, bool]]:
    checks = []
    for want in expected:
        if "names" in want:
            actors = DocumentActors(load_actor_dictionary())
            ids = {_actor_id(actors.resolve(name)) for name in want["names"]}
            ok = len(ids) == 1 and None not in ids
        else:
            # Every name must be a name of one and the same gazetteer place.
            candidates = [_place_ids(name) for name in want["places"]]
            ok = bool(set.intersection(*candidates))
        checks.append((f"one identity: {want['what']}", ok))
    return checks


def _actor_id(actor: ActorRef | None) -> str | None:
    return actor.id if actor else None


def _place_ids(name: str) -> set[str]:
    gazetteer = load_gazetteer()
    refs = (gazetteer.place_ref(i) for i in gazetteer.lookup(name))
    return {ref.id for ref in refs if ref.id}


def _event_checks(
    expected: Iterable[Mapping[str, Any]], runs: Mapping[str, SeedRun]
) -> list[tuple[str, bool]]:
    checks = []
    for want in expected:
        run = runs.get(want["doc"])
        ok = run is not None and any(_event_matches(m, want) for m in run.mentions)
        checks.append((f"{want['doc']}: {want['what']}", ok))
    return checks


def _event_matches(mention: Mention, want: Mapping[str, Any]) -> bool:
    tests: list[Callable[[], bool]] = [lambda: mention.type in want["types"]]
    if "date" in want:
        tests.append(lambda: mention.date is not None and _iso(mention.date.start) == want["date"])
    if "background" in want:
        tests.append(lambda: mention.background == want["background"])
    if "agent" in want:
        tests.append(lambda: _of_country(mention.agent, want["agent"]))
    if "claimant" in want:
        tests.append(lambda: _of_country(mention.claimant, want["claimant"]))
    if "weapons_any" in want:
        tests.append(lambda: any(w.startswith(tuple(want["weapons_any"])) for w in mention.weapons))
    if "casualty" in want:
        tests.append(
            lambda: any(
                _casualty_matches(c.as_dict(), want["casualty"]) for c in mention.casualties
            )
        )
    return all(test() for test in tests)


def _casualty_matches(found: Mapping[str, Any], want: Mapping[str, Any]) -> bool:
    return all(found.get(key) == value for key, value in want.items())


def _of_country(actor: ActorRef | None, country: str) -> bool:
    if actor is None:
        return False
    return actor.country == country or (actor.id or "").split(".")[0] == country


def _forbidden_checks(
    expected: Iterable[Mapping[str, Any]], runs: Mapping[str, SeedRun], dated: Mapping[str, SeedRun]
) -> list[tuple[str, bool]]:
    checks = []
    for rule in expected:
        if rule.get("undated_doc"):
            run = runs.get(rule["doc"])
            bad = [
                m
                for m in (run.mentions if run else ())
                if not m.background and m.date is not None and m.date.precision.value == "day"
            ]
            checks.append((rule["what"], run is not None and not bad))
        else:
            bad = [
                m
                for run in dated.values()
                for m in run.mentions
                if m.type in rule["types"]
                and not m.background
                and m.date is not None
                and m.date.start is not None
                and m.date.start.year == rule["year"]
            ]
            checks.append((rule["what"], not bad))
    return checks


def _incident_checks(
    expected: Mapping[str, Any], seeds_dir: Path, given_dates: Mapping[str, str]
) -> list[tuple[str, bool]]:
    """The whole pipeline into a scratch store (with the given dates), then its incidents and episodes."""
    with tempfile.TemporaryDirectory() as scratch, open_store(f"{scratch}/seeds.db") as store:
        for path in sorted(seeds_dir.glob("*.txt")):
            given = given_dates.get(path.name[:3])
            published = dt.date.fromisoformat(given) if given else None
            ingest([str(path)], store=store, overrides=Overrides(published=published))
        extract_stored(store)
        link_documents(store, [d.id for d in store.list_documents()])
        incidents = [i.as_dict() for i in list_incidents(store)]
        episodes = build_timeline(store).as_dict()["episodes"]
    checks = [(f"{expected['count']} incidents", len(incidents) == expected["count"])]
    months = [(e["start"] or "")[:7] for e in episodes]
    checks.append(
        (
            f"episodes in order: {', '.join(expected['episode_months'])}",
            months == expected["episode_months"],
        )
    )
    for want in expected["expected"]:
        found = [i for i in incidents if (i["start"] or "").startswith(want["month"])]
        checks.append((want["what"], any(_tally_matches(i, want) for i in found)))
    return checks


def _tally_matches(incident: Mapping[str, Any], want: Mapping[str, Any]) -> bool:
    tally = want["tally"]
    by_side: Mapping[str, Any] = incident["casualties"].get(tally["kind"], {})
    sides = [tally["side"]] if "side" in tally else list(by_side)
    if "never_best" in want and any(t.get("best") == want["never_best"] for t in by_side.values()):
        return False
    return any(by_side.get(side, {}).get(tally["field"]) == tally["value"] for side in sides)


def _same_name(found: str, wanted: str) -> bool:
    return fold_accents(found).casefold() == fold_accents(wanted).casefold()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))

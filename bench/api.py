"""REST API latency under concurrent load, on a store of synthetic incidents and mentions.

Fills a temporary SQLite store (migrated by `open_store`, then bulk-loaded with sqlite3 with the
secondary indexes dropped and rebuilt) with `--incidents` incidents (default 100,000) and
`--mentions` mentions (default 1,000,000) spread over two years, forty countries, 400 actors and
4,000 places, in the same row shapes the store writes (ref rows from `conflictwatch.store.refs`).
Starts the app with uvicorn in a subprocess on loopback, then drives each endpoint from this
process with `--clients` concurrent clients (default 50), each sending requests back to back
(closed loop: no pause between requests, so latency includes queueing behind the other 49), or
with `--think S`, pausing a random time of mean S seconds between requests, like people reading.
Reports p50/p95/max latency per endpoint and the server's CPU seconds; the dashboard's first
page (GET /) is timed alone when the app serves one.

The machine may be shared: wall-clock latencies are pessimistic; the server's CPU time per request
(resource usage of the server process) is printed beside them. Last line: one JSON object.

    python bench/api.py [--incidents 100000] [--mentions 1000000] [--clients 50] [--requests 200]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402

from conflictwatch.store import open_store, refs  # noqa: E402
from conflictwatch.store.listings import Filters  # noqa: E402
from conflictwatch.web.filters import filters_fingerprint  # noqa: E402
from conflictwatch.web.pagination import encode_key  # noqa: E402

TYPES = ("ASSAULT", "FIGHT", "COERCE", "PROTEST", "THREATEN", "ACCUSE", "AID", "AGREE")
TYPE_WEIGHTS = (40, 30, 8, 6, 5, 5, 3, 3)
START = dt.date(2023, 1, 1)
DAYS = 730
NOW = "2025-01-01 00:00:00"


def _countries(rng: random.Random) -> list[tuple[str, str, float, float]]:
    """Forty made-up countries: (ISO2, ISO3, centre lat, centre lon)."""
    from conflictwatch.actors.countries import load_countries

    table = sorted(load_countries().by_iso3.values(), key=lambda c: c.iso3)
    chosen = rng.sample([c for c in table if c.iso2], 40)
    return [(c.iso2, c.iso3, rng.uniform(-35, 55), rng.uniform(-20, 120)) for c in chosen]


class World:
    """Actors, places and countries the synthetic records cite."""

    def __init__(self, rng: random.Random) -> None:
        self.countries = _countries(rng)
        self.places: list[dict[str, Any]] = []
        for n in range(4000):
            iso2, _iso3, lat, lon = self.countries[n % len(self.countries)]
            self.places.append(
                {
                    "id": f"gn:{100000 + n}",
                    "name": f"Town {n}",
                    "text": f"Town {n}",
                    "lat": round(lat + rng.uniform(-3, 3), 5),
                    "lon": round(lon + rng.uniform(-3, 3), 5),
                    "admin1": f"Province {n % 200}",
                    "country": iso2,
                    "precision": rng.choice((1, 1, 1, 2, 3)),
                }
            )
        self.actors: list[dict[str, Any]] = []
        for n in range(400):
            _iso2, iso3, _lat, _lon = self.countries[n % len(self.countries)]
            kind = ("military", "government", "armed_group", "police")[n % 4]
            self.actors.append(
                {
                    "id": f"{iso3}.{kind[:3].upper()}{n}",
                    "name": f"{iso3} {kind} {n}",
                    "country": iso3,
                    "kind": kind,
                    "role": None,
                }
            )


def _evidence(doc_id: str, start: int, words: str) -> dict[str, Any]:
    text = f"Officials said {words} near the town on Tuesday, according to local reports."
    return {"doc_id": doc_id, "start": start, "end": start + len(text), "text": text}


def _mention(
    rng: random.Random, world: World, ident: str, doc_id: str, day: dt.date | None, kind: str
) -> dict[str, Any]:
    place = rng.choice(world.places)
    agent, target = rng.sample(world.actors, 2)
    killed = rng.choice((0, 0, 1, 2, 3, 5, 12))
    span = rng.choice((0, 0, 0, 0, 0, 6, 30)) if day else 0
    date = None
    if day is not None:
        date = {
            "value": day.isoformat(),
            "start": day.isoformat(),
            "end": (day + dt.timedelta(days=span)).isoformat(),
            "precision": "day" if span == 0 else "week" if span == 6 else "month",
            "text": "on Tuesday",
        }
    casualties = []
    if killed:
        casualties.append(
            {
                "kind": "killed",
                "min": killed,
                "max": killed,
                "population": "military",
                "side": agent["country"],
                "cumulative": False,
                "hedged": False,
                "text": f"{killed} killed",
                "start": 40,
                "end": 48,
            }
        )
    return {
        "id": ident,
        "doc_id": doc_id,
        "type": kind,
        "mode": None,
        "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash",
        "agent": agent,
        "target": target,
        "claimant": None,
        "trigger": "attack",
        "weapons": [],
        "modality": "asserted",
        "background": False,
        "date": date,
        "places": [place],
        "casualties": casualties,
        "confidence": 0.7,
        "evidence": _evidence(doc_id, rng.randrange(0, 3000), f"{killed} soldiers were killed"),
    }


def _incident(ident: str, members: list[dict[str, Any]], day: dt.date | None) -> dict[str, Any]:
    first = members[0]
    killed = sum(c["min"] for m in members[:1] for c in m["casualties"])
    claims: dict[str, list[dict[str, Any]]] = {}
    for m in members[:4]:
        claims.setdefault(m["agent"]["name"], []).append(
            {
                "mention": m["id"],
                "claimant": m["agent"]["name"],
                "claimant_country": m["agent"]["country"],
                "role": "event",
                "type": m["type"],
                "modality": "asserted",
                "value": "attack",
                "evidence": m["evidence"],
            }
        )
    casualties = {}
    if killed:
        casualties["killed"] = {
            first["agent"]["country"]: {
                "low": killed,
                "best": killed,
                "high": killed,
                "cumulative": False,
                "claims": [],
            }
        }
    return {
        "id": ident,
        "type": first["type"],
        "start": day.isoformat() if day else None,
        "end": day.isoformat() if day else None,
        "summary": f"Attack in {first['places'][0]['name']}",
        "countries": sorted({m["agent"]["country"] for m in members[:2]}),
        "places": [m["places"][0] for m in members[:2]],
        "actors": [first["agent"], first["target"]],
        "casualties": casualties,
        "mentions": [m["id"] for m in members],
        "documents": sorted({m["doc_id"] for m in members}),
        "claims": claims,
        "disputed": [],
    }


def _secondary_indexes(db: sqlite3.Connection) -> list[tuple[str, str]]:
    return [
        (name, sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        if not name.startswith("search_index")
    ]


def build(path: Path, incidents: int, mentions: int, seed: int) -> dict[str, Any]:
    """Fill a fresh store; what the load needs to know about it (ids, dates, regions)."""
    open_store(str(path)).close()  # creates and migrates the schema
    rng = random.Random(seed)
    world = World(rng)
    db = sqlite3.connect(path)
    # A throwaway file: no journal while loading (the store turns WAL back on when it opens it).
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    indexes = _secondary_indexes(db)
    for name, _sql in indexes:
        db.execute(f"DROP INDEX {name}")
    documents = max(incidents // 5, 1)
    doc_rows = []
    for n in range(documents):
        day = START + dt.timedelta(days=n * DAYS // documents)
        doc_rows.append(
            (
                f"{n:016x}",
                "0" * 64,
                f"synthetic:{n}",
                "text/plain",
                f"Report {n} of clashes",
                day.isoformat(),
                "day",
                "given",
                "",
                f"Synthetic report {n}.",
                f"Synthetic report {n}.",
                "[]",
                "[]",
                "[]",
                b"",
                NOW,
                NOW,
            )
        )
    db.executemany(
        "INSERT INTO documents (id, raw_sha256, origin, media_type, title, published, "
        "published_precision, published_provenance, published_evidence, text, source_text, "
        "segments, paragraphs, furniture, minhash, ingested_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        doc_rows,
    )
    db.executemany(
        "INSERT INTO search_index_keys (rowid, kind, ref_id, doc_id) VALUES (?, 'document', ?, ?)",
        [(n + 1, row[0], row[0]) for n, row in enumerate(doc_rows)],
    )
    db.executemany(
        "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)",
        [(n + 1, row[4], row[9]) for n, row in enumerate(doc_rows)],
    )
    per_incident = mentions // incidents
    mention_rows, mention_ref_rows, incident_rows, incident_ref_rows = [], [], [], []
    cited: list[dict[str, Any]] = []
    for n in range(incidents):
        undated = n % 50 == 49  # 2% undated
        day = None if undated else START + dt.timedelta(days=rng.randrange(DAYS))
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        members = []
        for k in range(per_incident):
            doc_id = f"{rng.randrange(documents):016x}"
            members.append(_mention(rng, world, f"m{n:09d}{k:03d}", doc_id, day, kind))
        incident = _incident(f"i{n:015x}", members, day)
        for m in members:
            start = m["date"]["start"] if m["date"] else None
            end = m["date"]["end"] if m["date"] else None
            lat, lon = refs.located(m)
            mention_rows.append(
                (
                    m["id"],
                    m["doc_id"],
                    m["type"],
                    start,
                    end,
                    0,
                    m["evidence"]["start"],
                    json.dumps(m, sort_keys=True),
                    _span(start, end),
                    lat,
                    lon,
                    NOW,
                )
            )
            mention_ref_rows.extend((m["id"], k, v, start) for k, v in refs.mention_refs(m))
        lat, lon = refs.located(incident)
        killed, wounded = refs.casualty_sums(incident)
        incident_rows.append(
            (
                incident["id"],
                incident["type"],
                incident["start"],
                incident["end"],
                None,
                " ".join(incident["countries"]),
                json.dumps(incident, sort_keys=True),
                0 if day else None,
                lat,
                lon,
                killed,
                wounded,
                NOW,
            )
        )
        incident_ref_rows.extend(
            (incident["id"], k, v, incident["start"]) for k, v in refs.incident_refs(incident)
        )
        if n < 2000:
            cited.append(incident)
        if len(mention_rows) >= 100_000:
            _flush(db, mention_rows, mention_ref_rows, incident_rows, incident_ref_rows)
    _flush(db, mention_rows, mention_ref_rows, incident_rows, incident_ref_rows)
    db.executemany(
        "INSERT INTO actors (id, name, country, kind, updated_at) VALUES (?, ?, ?, ?, ?)",
        [(a["id"], a["name"], a["country"], a["kind"], NOW) for a in world.actors],
    )
    db.executemany(
        "INSERT INTO places (id, name, lat, lon, admin1, country, precision, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                p["id"],
                p["name"],
                p["lat"],
                p["lon"],
                p["admin1"],
                refs.country_iso3(p["country"]),
                p["precision"],
                NOW,
            )
            for p in world.places
        ],
    )
    for _name, sql in indexes:
        db.execute(sql)
    for table, kind in (("actors", "actor"), ("places", "place")):
        for column in ("mentions", "incidents"):
            db.execute(
                f"UPDATE {table} SET {column} = (SELECT count(*) FROM {column[:-1]}_refs AS r "
                f"WHERE r.kind = '{kind}' AND r.value = {table}.id)"
            )
    db.commit()
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    middle = START + dt.timedelta(days=DAYS // 2)
    return {
        "actor": world.actors[7]["id"],
        "place": world.places[11]["id"],
        "region": world.countries[3][1],
        "box": world.places[11],
        "deep_incident": (START + dt.timedelta(days=DAYS - 20), f"i{0:015x}"),
        "middle": middle,
        "doc": f"{documents // 2:016x}",
    }


def _freeze(facts: dict[str, Any]) -> dict[str, Any]:
    day, ident = facts["deep_incident"]
    return {
        **facts,
        "deep_incident": [day.isoformat(), ident],
        "middle": facts["middle"].isoformat(),
    }


def _thaw(facts: dict[str, Any]) -> dict[str, Any]:
    day, ident = facts["deep_incident"]
    return {
        **facts,
        "deep_incident": (dt.date.fromisoformat(day), ident),
        "middle": dt.date.fromisoformat(facts["middle"]),
    }


def _span(start: str | None, end: str | None) -> int | None:
    if start is None or end is None:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


def _flush(db: sqlite3.Connection, *batches: list[tuple[Any, ...]]) -> None:
    mention_rows, mention_ref_rows, incident_rows, incident_ref_rows = batches
    db.executemany(
        "INSERT INTO mentions (id, doc_id, type, start_date, end_date, background, "
        "evidence_start, data, span_days, lat, lon, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        mention_rows,
    )
    db.executemany(
        "INSERT INTO mention_refs (mention_id, kind, value, start_date) VALUES (?, ?, ?, ?)",
        mention_ref_rows,
    )
    db.executemany(
        "INSERT INTO incidents (id, type, start_date, end_date, episode_id, countries, data, "
        "span_days, lat, lon, killed, wounded, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        incident_rows,
    )
    db.executemany(
        "INSERT INTO incident_refs (incident_id, kind, value, start_date) VALUES (?, ?, ?, ?)",
        incident_ref_rows,
    )
    for batch in batches:
        batch.clear()


# -- load ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _targets(facts: dict[str, Any]) -> dict[str, str]:
    middle: dt.date = facts["middle"]
    month = f"date_from={middle.isoformat()}&date_to={(middle + dt.timedelta(days=30)).isoformat()}"
    box = facts["box"]
    bbox = f"{box['lon'] - 1},{box['lat'] - 1},{box['lon'] + 1},{box['lat'] + 1}"
    deep_key = facts["deep_incident"]
    deep = encode_key(deep_key, filters_fingerprint("incidents", Filters(), episode=None))
    return {
        "incidents": "/api/incidents",
        "incidents_month": f"/api/incidents?{month}",
        "incidents_type": "/api/incidents?type=fight",
        "incidents_actor": f"/api/incidents?actor={facts['actor']}",
        "incidents_region": f"/api/incidents?region={facts['region']}",
        "incidents_bbox": f"/api/incidents?bbox={bbox}",
        "incidents_deep_page": f"/api/incidents?cursor={deep}",
        "incidents_since": "/api/incidents?updated_since=2024-12-31T00:00:00Z",
        "mentions": "/api/mentions",
        "mentions_month_type": f"/api/mentions?{month}&type=assault",
        "mentions_actor": f"/api/mentions?actor={facts['actor']}",
        "mentions_place": f"/api/mentions?place={facts['place']}",
        "mentions_doc": f"/api/mentions?doc={facts['doc']}",
        "documents": "/api/documents",
        "actors": "/api/actors",
        "places": f"/api/places?region={facts['region']}",
        "episodes": "/api/episodes",
        "changes": "/api/changes?since=2024-01-01T00:00:00Z",
        "stats_type_month": f"/api/stats?by=type&{month}",
        "stats_day_region": f"/api/stats?by=day&region={facts['region']}",
        "search": "/api/search?q=synthetic+report",
    }


async def _drive(
    base: str, path: str, clients: int, requests: int, think: float = 0.0
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    remaining = requests
    pacing = random.Random(1)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=300) as client:

        async def one_client() -> None:
            nonlocal remaining
            if think > 0:  # people arrive spread over a think time, not all at once
                await asyncio.sleep(pacing.uniform(0, think))
            while remaining > 0:
                remaining -= 1
                began = time.perf_counter()
                response = await client.get(path)
                await response.aread()
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if think > 0:  # a user reading the page before the next request
                    await asyncio.sleep(pacing.expovariate(1 / think))

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        wall = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "requests_per_s": round(len(ordered) / wall, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def _server_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        try:
            if httpx.get(base + "/api/episodes", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("server did not start")


@contextlib.contextmanager
def _server(path: Path, port: int, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "CONFLICTWATCH_DB": str(path)}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "conflictwatch.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # requests still running: stop it outright
            server.kill()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200, help="per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds each client waits between requests (0: back to back)",
    )
    parser.add_argument(
        "--db", type=Path, help="build the store here and keep it; reused when it exists"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-api-") as folder:
        path = args.db or Path(folder) / "bench.db"
        facts_file = path.with_suffix(".facts.json")
        began = time.perf_counter()
        if args.db is not None and facts_file.exists():
            facts = _thaw(json.loads(facts_file.read_text()))
        else:
            facts = build(path, args.incidents, args.mentions, args.seed)
            facts_file.write_text(json.dumps(_freeze(facts)))
        build_s = time.perf_counter() - began
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        results: dict[str, Any] = {}
        targets = _targets(facts)
        if args.only:
            wanted = set(args.only.split(","))
            targets = {k: v for k, v in targets.items() if k in wanted}
        with _server(path, port, args.workers) as server:
            _wait_for(base, server)
            cpu_before = _server_cpu(server.pid)
            for name, target in targets.items():
                asyncio.run(_drive(base, target, args.clients, args.clients))  # warm up
                cpu = _server_cpu(server.pid)
                results[name] = asyncio.run(
                    _drive(base, target, args.clients, args.requests, args.think)
                )
                cpu_per = (_server_cpu(server.pid) - cpu) / args.requests
                results[name]["server_cpu_ms"] = round(cpu_per * 1000, 2)
                print(name, results[name], flush=True)
            dashboard = None
            first = httpx.get(base + "/", timeout=30)
            if first.status_code == 200 and "html" in first.headers.get("content-type", ""):
                times = []
                for _ in range(20):
                    t0 = time.perf_counter()
                    httpx.get(base + "/", timeout=30).raise_for_status()
                    times.append(time.perf_counter() - t0)
                dashboard = {
                    "p50_ms": round(statistics.median(times) * 1000, 1),
                    "max_ms": round(max(times) * 1000, 1),
                }
            server_cpu = _server_cpu(server.pid) - cpu_before
    worst = max((r["p95_ms"] for r in results.values()), default=0.0)
    summary = {
        "incidents": args.incidents,
        "mentions": args.mentions,
        "clients": args.clients,
        "requests_per_endpoint": args.requests,
        "workers": args.workers,
        "think_s": args.think,
        "build_s": round(build_s, 1),
        "endpoints": results,
        "worst_p95_ms": worst,
        "p95_target_ms": 100,
        "dashboard_first_page": dashboard,
        "server_cpu_s": round(server_cpu, 1),
        "note": "shared 2-core machine: wall-clock figures are pessimistic; server_cpu_ms is the "
        "server process's CPU time per request",
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

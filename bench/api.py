"""REST API latency under concurrent load, on a store of synthetic incidents and mentions.

Fills a temporary SQLite store (migrated by `open_store`, then bulk-loaded with sqlite3 with the
secondary indexes dropped and rebuilt) with `--incidents` incidents (default 100,000) and
`--mentions` mentions (default 1,000,000) spread over two years, forty countries, 400 actors and
4,000 places, in the same row shapes the store writes (ref rows and markers from
`conflictwatch.store.refs`, day counts from `conflictwatch.store.daycounts`).
Starts the app with uvicorn (`--workers` processes) in a subprocess on loopback, then drives each
endpoint from this process with `--clients` concurrent clients (default 50), each sending requests
back to back (closed loop: no pause between requests, so latency includes queueing behind the
other 49), or with `--think S`, pausing a random time of mean S seconds between requests, like
people reading. Each request of an endpoint is drawn from a pool of distinct queries (other
months, actors, countries, places, documents, cursors), so the server's response cache meets
repeats only as often as real traffic would give them; `--distinct` makes every URL unique (no
cache hit at all). Reports p50/p95/max latency per endpoint and the server's CPU time per request
(summed over the worker processes), then the dashboard's first page timed end to end: the HTML,
its scripts, styles and basemap, and the JSON it asks for, fetched six at a time as a browser
does, on a first visit (nothing cached in the browser) and on a return visit (assets cached);
`--browser` also times headless Chromium from navigation to the page being drawn.

The machine may be shared: wall-clock latencies are pessimistic; the server's CPU time per request
(resource usage of the server processes) is printed beside them. Last line: one JSON object.

`--wrk SECONDS` drives each endpoint closed-loop with Debian's `wrk` instead (apt-get install wrk;
for this benchmark only): a C load generator needs far less CPU per request than httpx, so on a
small machine the closed-loop figures then measure the server rather than the client.

    python bench/api.py [--db PATH] [--incidents 100000] [--mentions 1000000] [--clients 50]
        [--requests 200] [--workers 1] [--think 0] [--wrk 0] [--distinct] [--browser]

`--db PATH` builds the store there once (about two minutes) and reuses it on later runs.
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

from collections.abc import Callable  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

import httpx  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from conflictwatch.store import daycounts, open_store, refs  # noqa: E402
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
                json.dumps(refs.marker(incident)),
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
    # The day counts, as the store's migration fills them from stored records.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        daycounts.rebuild(connection)
    engine.dispose()
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
        "span_days, lat, lon, killed, wounded, updated_at, marker) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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


#: A query maker: a URL path (with its query) drawn with `rng`.
Target = Callable[[random.Random], str]


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS - 31))


def _month(rng: random.Random) -> str:
    first = _day(rng)
    return f"date_from={first.isoformat()}&date_to={(first + dt.timedelta(days=30)).isoformat()}"


def _targets(facts: dict[str, Any], world: World, documents: int) -> dict[str, Target]:
    """Each endpoint with a maker of distinct queries over the synthetic store."""
    actors = [actor["id"] for actor in world.actors]
    places = world.places
    regions = [iso3 for _iso2, iso3, _lat, _lon in world.countries]
    listing = filters_fingerprint("incidents", Filters(), episode=None)

    def bbox(rng: random.Random) -> str:
        place = rng.choice(places)
        return f"{place['lon'] - 1},{place['lat'] - 1},{place['lon'] + 1},{place['lat'] + 1}"

    def deep(rng: random.Random) -> str:
        key = (_day(rng), f"i{rng.randrange(1 << 60):015x}")
        return encode_key(key, listing)

    def doc(rng: random.Random) -> str:
        return f"{rng.randrange(documents):016x}"

    def types(rng: random.Random) -> str:
        return rng.choices(TYPES, TYPE_WEIGHTS)[0].lower()

    return {
        "incidents": lambda rng: f"/api/incidents?limit={rng.choice((50, 100, 200))}",
        "incidents_month": lambda rng: f"/api/incidents?{_month(rng)}",
        "incidents_type": lambda rng: f"/api/incidents?type={types(rng)}",
        "incidents_actor": lambda rng: f"/api/incidents?actor={rng.choice(actors)}",
        "incidents_region": lambda rng: f"/api/incidents?region={rng.choice(regions)}",
        "incidents_bbox": lambda rng: f"/api/incidents?bbox={bbox(rng)}",
        "incidents_deep_page": lambda rng: f"/api/incidents?cursor={deep(rng)}",
        "incidents_since": lambda rng: (
            "/api/incidents?updated_since=2024-12-31T"
            f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z"
        ),
        "incident_one": lambda rng: f"/api/incidents/i{rng.randrange(facts['incidents']):015x}",
        "mentions": lambda rng: f"/api/mentions?limit={rng.choice((50, 100, 200))}",
        "mentions_month_type": lambda rng: f"/api/mentions?{_month(rng)}&type={types(rng)}",
        "mentions_actor": lambda rng: f"/api/mentions?actor={rng.choice(actors)}",
        "mentions_place": lambda rng: f"/api/mentions?place={rng.choice(places)['id']}",
        "mentions_doc": lambda rng: f"/api/mentions?doc={doc(rng)}",
        "documents": lambda rng: f"/api/documents?date_from={_day(rng).isoformat()}",
        "actors": lambda rng: f"/api/actors?country={rng.choice(regions)}",
        "places": lambda rng: f"/api/places?region={rng.choice(regions)}",
        "episodes": lambda rng: f"/api/episodes?{_month(rng)}",
        "changes": lambda rng: f"/api/changes?since=2024-{rng.randrange(1, 13):02d}-01T00:00:00Z",
        "stats_type_month": lambda rng: f"/api/stats?by=type&{_month(rng)}",
        "stats_day_region": lambda rng: f"/api/stats?by=day&region={rng.choice(regions)}",
        "search": lambda rng: f"/api/search?q=synthetic+report+{rng.randrange(documents)}",
        "overview": lambda rng: f"/api/overview?{_month(rng)}&type={types(rng)}",
        "overview_actor": lambda rng: f"/api/overview?actor={rng.choice(actors)}",
    }


async def _drive(
    base: str,
    target: Target,
    clients: int,
    requests: int,
    think: float = 0.0,
    *,
    seed: int = 1,
    distinct: bool = False,
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    remaining = requests
    pacing = random.Random(seed)
    queries = random.Random(seed + 1)
    asked: set[str] = set()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=300) as client:

        async def one_client() -> None:
            nonlocal remaining
            if think > 0:  # people arrive spread over a think time, not all at once
                await asyncio.sleep(pacing.uniform(0, think))
            while remaining > 0:
                remaining -= 1
                path = target(queries)
                if distinct:  # a parameter the API ignores: every URL is new to the cache
                    path += ("&" if "?" in path else "?") + f"nonce={remaining}-{seed}"
                asked.add(path)
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
        "distinct_urls": len(asked),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _server_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process and its live children (the uvicorn
    workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    family = {pid}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int(_stat(int(entry.name))[1]) == pid:
                    family.add(int(entry.name))
    total = 0
    for member in family:
        with contextlib.suppress(OSError, IndexError):
            fields = _stat(member)
            total += int(fields[11]) + int(fields[12])
    return total / ticks


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


#: wrk's script: each request a path drawn from the pool (a seed per thread), and a JSON summary.
WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(%(seed)d + id)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "p50_us": %%d, "p95_us": %%d, "max_us": %%d, '
      .. '"socket_errors": %%d, "status_errors": %%d, "duration_us": %%d}\\n',
    summary.requests, latency:percentile(50), latency:percentile(95), latency.max,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    summary.duration))
end
"""


def _drive_wrk(
    base: str, target: Target, clients: int, seconds: float, *, seed: int, distinct: bool
) -> dict[str, Any]:
    """Closed loop with `wrk` (a C load generator: it needs far less CPU per request than this
    Python process, so on a small machine the server, not the client, is what is measured)."""
    queries = random.Random(seed + 1)
    pool = [target(queries) for _ in range(4000)]
    if distinct:
        pool = [f"{p}{'&' if '?' in p else '?'}nonce={n}-{seed}" for n, p in enumerate(pool)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in pool), "seed": seed})
    try:
        command = [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            script.name,
            base,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    found = json.loads(line[4:])
    return {
        "p50_ms": round(found["p50_us"] / 1000, 1),
        "p95_ms": round(found["p95_us"] / 1000, 1),
        "max_ms": round(found["max_us"] / 1000, 1),
        "requests": found["requests"],
        "requests_per_s": round(found["requests"] / (found["duration_us"] / 1e6), 1),
        "distinct_urls": len(set(pool)),
        "errors": found["socket_errors"] + found["status_errors"],
    }


class _Assets(HTMLParser):
    """The scripts and stylesheets a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))
        if tag == "link" and found.get("rel") in ("stylesheet", "icon") and found.get("href"):
            self.urls.append(str(found["href"]))


#: What dashboard.js asks for on a first page without filters (see its `start` and `load`), and
#: the basemap it draws.
DASHBOARD_DATA = (
    "/api/overview?limit=500&types=true",
    "/api/episodes?limit=500",
    "/api/ceasefires?limit=500",
    "/api/actors?limit=500",
)
BASEMAP = "/dashboard/vendor/world-atlas/countries-50m.json"
BROWSER_TIMEOUT_MS = 60_000


async def _first_page(base: str, *, assets: bool) -> float:
    """Seconds to load the dashboard as a browser would: the HTML, then (with `assets`) its
    scripts, styles and basemap, and the JSON the script asks for, six requests at a time."""
    limits = httpx.Limits(max_connections=6)
    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        page = await client.get("/")
        page.raise_for_status()
        parser = _Assets()
        parser.feed(page.text)
        wanted = [*DASHBOARD_DATA]
        if assets:
            wanted += [*parser.urls, BASEMAP]

        async def fetch(path: str) -> None:
            response = await client.get(path)
            await response.aread()
            response.raise_for_status()

        await asyncio.gather(*(fetch(path) for path in wanted))
    return time.perf_counter() - began


def _browser_first_page(base: str, runs: int) -> dict[str, Any] | None:
    """Headless Chromium from navigation to the map and timeline drawn (data-ready), if
    Playwright and Debian's Chromium are installed."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.is_file():
        return None
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            for _ in range(runs):
                began = time.perf_counter()
                page.goto(base + "/")
                try:
                    page.wait_for_selector("body[data-ready='yes']", timeout=BROWSER_TIMEOUT_MS)
                except PlaywrightTimeout:
                    return {"not_drawn_within_ms": BROWSER_TIMEOUT_MS}
                times.append(time.perf_counter() - began)
        finally:
            browser.close()
    return {
        "first_visit_ms": round(times[0] * 1000, 1),
        "return_visit_p50_ms": round(statistics.median(times[1:] or times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
    }


def _dashboard(base: str, runs: int, browser: bool) -> dict[str, Any] | None:
    found: dict[str, Any]
    first = httpx.get(base + "/", timeout=30)
    if first.status_code != 200 or "html" not in first.headers.get("content-type", ""):
        return None
    # The very first load meets an empty response cache: the store's cost, not the cache's.
    try:
        cold = asyncio.run(_first_page(base, assets=True))
    except httpx.HTTPStatusError as exc:  # a server without these routes (an older version)
        found = {"error": str(exc).splitlines()[0]}
        if browser:
            found["chromium"] = _browser_first_page(base, runs)
        return found
    visits = [asyncio.run(_first_page(base, assets=True)) for _ in range(runs)]
    returns = [asyncio.run(_first_page(base, assets=False)) for _ in range(runs)]
    found = {
        "uncached_first_visit_ms": round(cold * 1000, 1),
        "first_visit_p50_ms": round(statistics.median(visits) * 1000, 1),
        "return_visit_p50_ms": round(statistics.median(returns) * 1000, 1),
        "max_ms": round(max([cold, *visits, *returns]) * 1000, 1),
        "target_ms": 1000,
    }
    if browser:
        found["chromium"] = _browser_first_page(base, runs)
    return found


@contextlib.contextmanager
def _server(path: Path, port: int, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "CONFLICTWATCH_DB": str(path)}
    if workers > 1:  # as `conflictwatch serve --workers N` runs them
        serve = [sys.executable, "-m", "conflictwatch", "serve", "--db", str(path)]
        serve += ["--port", str(port), "--workers", str(workers)]
        server = subprocess.Popen(serve, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        try:
            yield server
        finally:
            _stop(server)
        return
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
        "--no-access-log",  # as `conflictwatch serve` runs it
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        yield server
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
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
    parser.add_argument(
        "--distinct", action="store_true", help="make every URL unique: no response cache hits"
    )
    parser.add_argument("--browser", action="store_true", help="also time headless Chromium")
    parser.add_argument(
        "--wrk",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="drive each endpoint closed-loop with Debian's wrk for SECONDS instead",
    )
    parser.add_argument("--dashboard-runs", type=int, default=5)
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
        # The store's actors, places and countries, drawn again from the seed it was built with.
        world = World(random.Random(args.seed))
        facts = {**facts, "incidents": args.incidents}
        targets = _targets(facts, world, max(args.incidents // 5, 1))
        if args.only:
            wanted = set(args.only.split(","))
            targets = {k: v for k, v in targets.items() if k in wanted}
        with _server(path, port, args.workers) as server:
            _wait_for(base, server)
            cpu_before = _server_cpu(server.pid)
            # First, while the server's response cache is empty.
            dashboard = _dashboard(base, args.dashboard_runs, args.browser)
            print("dashboard", dashboard, flush=True)
            for number, (name, target) in enumerate(targets.items()):
                # Warm-up queries come from another draw than the measured ones.
                asyncio.run(_drive(base, target, args.clients, args.clients, seed=1000 + number))
                cpu = _server_cpu(server.pid)
                if args.wrk:
                    results[name] = _drive_wrk(
                        base, target, args.clients, args.wrk, seed=number, distinct=args.distinct
                    )
                    used = _server_cpu(server.pid) - cpu
                    results[name]["server_cpu_ms"] = round(
                        used * 1000 / max(results[name]["requests"], 1), 2
                    )
                    print(name, results[name], flush=True)
                    continue
                results[name] = asyncio.run(
                    _drive(
                        base,
                        target,
                        args.clients,
                        args.requests,
                        args.think,
                        seed=number,
                        distinct=args.distinct,
                    )
                )
                cpu_per = (_server_cpu(server.pid) - cpu) / args.requests
                results[name]["server_cpu_ms"] = round(cpu_per * 1000, 2)
                print(name, results[name], flush=True)
            server_cpu = _server_cpu(server.pid) - cpu_before
    worst = max((r["p95_ms"] for r in results.values()), default=0.0)
    summary = {
        "incidents": args.incidents,
        "mentions": args.mentions,
        "clients": args.clients,
        "requests_per_endpoint": args.requests,
        "workers": args.workers,
        "think_s": args.think,
        "load_generator": f"wrk, {args.wrk} s per endpoint" if args.wrk else "httpx (Python)",
        "distinct_urls_only": args.distinct,
        "build_s": round(build_s, 1),
        "endpoints": results,
        "worst_p95_ms": worst,
        "median_p95_ms": statistics.median([r["p95_ms"] for r in results.values()] or [0.0]),
        "p95_target_ms": 100,
        "dashboard_first_page": dashboard,
        "server_cpu_s": round(server_cpu, 1),
        "note": "shared 2-core machine, load generator on the same cores: wall-clock figures are "
        "pessimistic; server_cpu_ms is the server processes' CPU time per request",
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
